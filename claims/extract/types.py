"""The contract between the pure text pipeline and the database side of the importer.

``claims.extract.pipeline.parse_article`` turns raw text into a ``ParsedArticle`` without
touching the database; ``claims.importer.service`` saves one. Offsets are character offsets
into ``ParsedArticle.body`` (claims) or into the claim's own text (mentions and dates).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

Precision = Literal["day", "month", "year"]
ActorKind = Literal["person", "organization", "country", "other"]
# How a claim's speaker was found; "" is the article's own narration (no source).
#   direct: a quotation with its attribution ("…," the minister said)
#   partial: a quoted phrase inside a reported statement (called the talks "very useful")
#   indirect: reported speech ("X told reporters that …", "According to X, …")
#   continuation: a sentence carried by an earlier attribution (the next sentence of a quote)
#   transcript: a turn of a transcript (THE PRESIDENT: …)
#   document: a statement attributed as a whole ("The following is attributable to …")
#   anonymous: an unnamed source ("officials said", "a source familiar with the talks");
#              never has a speaker
AttributionKind = Literal[
    "", "direct", "partial", "indirect", "continuation", "transcript", "document", "anonymous"
]
# Where an article's title came from (ParsedArticle.title_source).
#   hint: given by the caller (CLI flag, HTML/JSON metadata)
#   header: a "Title:" line of a header block       repeated: a line that appears again below
#   byline: the line just before the byline or dateline
#   first_line: the first headline-like line        fallback: made from the first sentence
TitleSource = Literal["", "hint", "header", "repeated", "byline", "first_line", "fallback"]


@dataclass(frozen=True, slots=True)
class KnownActor:
    """An actor already in the database, as the pure pipeline sees it."""

    name: str
    kind: ActorKind
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class KnownActorSnapshot:
    """The known actors at one moment of an import. ``generation`` names that moment: a
    snapshot with the same generation has the same actors, so the pipeline caches its name
    index by it; a later generation has the earlier one's actors with more appended."""

    actors: tuple[KnownActor, ...]
    generation: int

    def __iter__(self) -> Iterator[KnownActor]:
        return iter(self.actors)

    def __len__(self) -> int:
        return len(self.actors)


@dataclass(frozen=True, slots=True)
class ArticleHints:
    """Metadata given by the caller (CLI flags, a header block, HTML or JSON fields).
    Anything set here wins over what the pipeline detects."""

    title: str | None = None
    subtitle: str | None = None
    url: str | None = None
    published_on: dt.date | None = None
    publisher: str | None = None
    author: str | None = None
    section: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class DateMention:
    text: str  # as written, e.g. "Tuesday, February 18, 2025"
    start: int  # offsets into the claim text
    end: int
    date: dt.date  # normalised; the first day of the month/year for coarser precision
    precision: Precision


@dataclass(frozen=True, slots=True)
class ActorMention:
    text: str  # as written, e.g. "Trump’s", "Treasury Secretary Scott Bessent"
    start: int  # offsets into the claim text
    end: int
    name: str  # canonical full name, e.g. "Donald Trump", "Scott Bessent"
    kind: ActorKind
    role: str = ""  # description found in the article, e.g. "Treasury Secretary"


@dataclass(slots=True)
class ParsedClaim:
    text: str
    start: int  # body[start:end] == text
    end: int
    paragraph: int  # index of the paragraph in body
    kind: Literal["statement", "quote"] = "statement"
    speaker: str | None = None  # canonical full name of who said it
    speaker_role: str = ""
    mentions: list[ActorMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    check_worthiness: float = 0.0
    check_reasons: list[str] = field(default_factory=list)
    attribution: AttributionKind = ""


@dataclass(frozen=True, slots=True)
class SkippedSpan:
    """A part of the body that is not a claim, and why (heading, caption, question…)."""

    start: int
    end: int
    reason: str


@dataclass(slots=True)
class ParsedArticle:
    title: str
    body: str
    claims: list[ParsedClaim]
    subtitle: str = ""
    publisher: str = ""
    author: str = ""
    url: str = ""
    published_on: dt.date | None = None
    section: str = ""
    language: str = "en"
    skipped: list[SkippedSpan] = field(default_factory=list)
    # People found with a role anywhere in the article: name -> role ("Kirill Dmitriev" -> …)
    people: dict[str, str] = field(default_factory=dict)
    title_source: TitleSource = ""
    # The dateline the body opened with ("WASHINGTON (Reuters) -"), cut from the claims and
    # kept here: the place and the news agency it names, "" when absent.
    dateline_place: str = ""
    dateline_agency: str = ""
