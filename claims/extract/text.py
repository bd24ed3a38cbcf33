"""From scraped article text to a clean body with its structure and metadata.

Scraped pages carry a lot that is not the article: navigation ("Scroll to Top"), promos,
photo captions and credits, section labels, "Read more" links, share prompts, publisher
disclaimers, and the title repeated over the lead image: ``boilerplate`` has the rules for
such lines (``prompts`` for "Watch:", share and tag lines); this module splits the source
into units, keeps the article's and finds its title (``titles`` says which line and how it
knows), dek, date, byline and publisher.

The *body* is the article from its title on: title, subtitle (dek), headings and prose, one
paragraph per blank-line-separated block, everything else dropped. Line endings are
normalised to LF, control characters and odd spaces to plain spaces, runs of spaces
collapsed, lines trimmed, and hard-wrapped lines of one paragraph joined with a space.
Claims are then found only in the prose paragraphs, less what ``cuts`` finds inside them
(a paragraph's dateline, label and glued credits stay in the body as skipped spans).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from .boilerplate import (
    BYLINE_RE,
    META_REASONS,
    agency_line,
    boilerplate_reason,
    byline_date,
    byline_parts,
    credits_a_caption,
    headline_like,
    is_credit,
    reads_as_lede,
    terminal,
)
from .captions import ends_with_credit
from .datelines import find_dateline
from .dates import parse_dateline
from .lexicon import word_set
from .paragraphs import PARAGRAPH_BREAK
from .quote_marks import double_single_quotes
from .release_end import release_end
from .sentences import split_sentences
from .titles import find_title, header_title, line_key, opens_article, single_spaced
from .transcripts import is_own_line_label
from .types import ArticleHints, TitleSource

ParagraphKind = Literal["title", "subtitle", "heading", "prose"]
# A quoted sentence that ends before the line does ("“We will stay.” — Jane Roe").
_QUOTED_SENTENCE_END_RE = re.compile(r"[.!?][”\"’]\s+\S")
# The period a byline line ends with ("By Jane Roe."), not an initial's ("By Jane R.").
_SENTENCE_PERIOD_RE = re.compile(r"(?<=\w{3})\.$")

# --- Normalisation ---------------------------------------------------------------------------


def _translation_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0x20):
        table[cp] = " "
    for cp in range(0x7F, 0xA0):
        table[cp] = " "
    # Characters that end a line: Python's str.splitlines knows them, so must we.
    for ch in "\n\x0b\x0c\x1c\x1d\x1e\x85\u2028":
        table[ord(ch)] = "\n"
    table[0x2029] = "\n\n"  # PARAGRAPH SEPARATOR
    table[0xFEFF] = ""  # byte-order mark / zero-width no-break space
    return table


_TRANSLATE = _translation_table()
_MANY_NEWLINES_RE = re.compile(r"\n{3,}")


def normalize_text(raw: str) -> str:
    """LF line endings, no control characters, single spaces, trimmed lines, at most one
    blank line between paragraphs; quotations in single marks given double ones
    (``quote_marks``)."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    # Every character _TRANSLATE changes (but "\n") is unprintable. Most texts have none,
    # and str.translate with a dict looks up every character: a test in C first is cheaper.
    if not all(map(str.isprintable, lines)):
        lines = text.translate(_TRANSLATE).split("\n")
    lines = [line if single_spaced(line) else " ".join(line.split()) for line in lines]
    text = "\n".join(lines)
    if "\n\n\n" in text:
        text = _MANY_NEWLINES_RE.sub("\n\n", text)
    return double_single_quotes(text.strip("\n"))


# --- Units: the paragraphs of the source -----------------------------------------------------


def _units(text: str) -> list[str]:
    """The source's paragraphs. Inside a block, a line continues the previous one only if
    that line looks hard-wrapped: long (near the block's longest line) and ending without
    sentence punctuation (a credit after its last sentence is punctuation enough).
    Otherwise each line is a paragraph of its own, which is how most extractors write one
    paragraph per line."""
    units: list[str] = []
    for block in text.split("\n\n"):
        lines = [line for line in block.split("\n") if line]
        if not lines:
            continue
        longest = max(len(line) for line in lines)
        current = [lines[0]]
        for line in lines[1:]:
            prev = current[-1]
            if (
                len(prev) >= 40
                and len(prev) >= 0.6 * longest
                and not terminal(prev)
                and not line.startswith(("(", "[", "- ", "• ", "* ", "– ", "— "))
                and not is_credit(line)
                and not ends_with_credit(prev)  # ("… 2025. (AP Photo/Ann Lee)" ends a caption)
            ):
                current.append(line)
            else:
                units.append(" ".join(current))
                current = [line]
        units.append(" ".join(current))
    return units


# --- Publisher -------------------------------------------------------------------------------

_NAME = r"[A-Z][\w&'’.-]*"
_PUBLISHER_RES = [
    # "This piece is part of a Carnegie series …", "… from the Brookings project on …"
    re.compile(
        rf"\b(?:part of|from)\s+(?:a|an|the)\s+((?:{_NAME}\s+){{1,5}})"
        r"(?:series|project|initiative|collection|programs?|programmes?|special)\b"
    ),
    # "© 2025 Carnegie Endowment for International Peace", "Copyright (c) Example News"
    re.compile(
        r"(?:©|\([cC]\)|\b[Cc]opyright\b|\bCOPYRIGHT\b)\s*(?:©\s*|\([cC]\)\s*)?"
        r"(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?"
        rf"({_NAME}(?:\s+(?:{_NAME}|of|for|and|the|&)){{0,7}})"
    ),
    # "Carnegie does not take institutional positions …", "X is not responsible for …"
    re.compile(
        rf"^({_NAME}(?:\s+(?:{_NAME}|of|for|and|the|&)){{0,7}})\s+"
        r"(?:does not take|is not responsible|takes no|does not endorse)"
    ),
]
_NOT_PUBLISHERS = word_set("This The These We Our It All Views Opinions")


def publisher_from(text: str) -> str:
    """The publisher a disclaimer or series line names, or ""."""
    for pattern in _PUBLISHER_RES:
        match = pattern.search(text)
        if not match:
            continue
        # The name ends with its sentence: "Example News. All rights reserved."
        name = re.split(r"\.\s|[,;|]", " ".join(match.group(1).split()))[0].rstrip(".")
        # Trailing connectives belong to the sentence, not the name.
        words = name.split()
        while words and words[-1] in ("of", "for", "and", "the", "&"):
            words.pop()
        if not words or (len(words) == 1 and words[0] in _NOT_PUBLISHERS):
            continue
        return " ".join(words)
    return ""


# --- The document ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int
    kind: ParagraphKind


@dataclass(slots=True)
class Document:
    body: str
    paragraphs: list[Paragraph]
    title: str = ""
    title_source: TitleSource = ""  # how the title was found (see ``titles``)
    subtitle: str = ""
    published_on: dt.date | None = None
    publisher: str = ""
    section: str = ""
    author: str = ""
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (reason, text)


def clean_document(raw: str, hints: ArticleHints | None = None) -> Document:
    """Split ``raw`` into the article body (with paragraph kinds) and its metadata."""
    hints = hints or ArticleHints()
    units = _units(normalize_text(raw))
    n = len(units)
    # A speaker label on its own line ("DENNING:") recurs through a transcript: each copy
    # gets a key of its own, so that none is dropped as "repeated" nor taken for the title.
    keys = [f"{i}\0{u}" if is_own_line_label(u) else line_key(u) for i, u in enumerate(units)]
    counts = Counter(keys)
    reasons = _boilerplate_reasons(units, keys)
    end = release_end(units, reasons)
    if end is not None:  # a press release's "About …", safe-harbour and contact sections
        for i in range(end, n):
            reasons[i] = reasons[i] or "end matter"

    doc = Document(body="", paragraphs=[])
    _collect_metadata(doc, units, reasons)

    # The article starts at its first prose paragraph, or at a dateline ("WASHINGTON —").
    front_end = next((i for i in range(n) if reasons[i] is None and opens_article(units[i])), n)
    header = header_title(units, front_end)
    if header is not None:
        reasons[header[0]] = "header"
    given: tuple[str, TitleSource] | None = (
        (hints.title, "hint") if hints.title else (header[1], "header") if header else None
    )
    title = find_title(units, keys, counts, reasons, front_end, given)
    title_idx = title.index
    subtitle_idx = _find_subtitle(units, reasons, title_idx, front_end, hints)
    if title_idx is not None:
        for i in range(title_idx):
            if reasons[i] is None:
                reasons[i] = "before title"

    # A section label ("commentary") stands in the front matter, around the title.
    front_labels = [units[i] for i in range(front_end) if reasons[i] == "label"]
    if front_labels:
        doc.section = front_labels[0].casefold()

    kinds = _paragraph_kinds(units, reasons, title_idx, subtitle_idx)
    _assemble_body(doc, units, kinds)
    doc.dropped = [(r, units[i]) for i, r in enumerate(reasons) if r is not None]

    if title_idx is not None:
        doc.title, doc.title_source = units[title_idx], title.source
    if header is not None:
        doc.title, doc.title_source = header[1], "header"
    if subtitle_idx is not None:
        doc.subtitle = units[subtitle_idx]
    _apply_hints(doc, hints)
    if hints.title:
        doc.title_source = "hint"
    if not doc.title:
        doc.title = _fallback_title(doc)
        doc.title_source = "fallback" if doc.title else ""
    return doc


_PICTURE_REASONS = frozenset({"caption", "credit"})


def _boilerplate_reasons(units: list[str], keys: list[str]) -> list[str | None]:
    """Why each unit is not part of the article (None: it may be)."""
    n = len(units)
    reasons: list[str | None] = [None] * n
    first_reason: dict[str, str | None] = {}
    started = False  # whether the article has started (``opens_article``)
    for i, unit in enumerate(units):
        key = keys[i]
        if key in first_reason:
            # A later copy of a paragraph (a repeated title, a pull quote, a nav bar at both
            # ends of the page) is never part of the article; classifying it again would only
            # cost time on pathological input.
            reasons[i] = first_reason[key] or "repeated"
            continue
        next_is_credit = (
            i + 1 < n
            and len(units[i + 1]) < 400
            and credits_a_caption(units[i + 1], unit, in_front=not started)
        )
        reason = boilerplate_reason(unit, next_is_credit=next_is_credit)
        if reason == "credit" and not started and agency_line(unit):
            reason = "byline"  # "Reuters" under the headline: the story's agency
        reasons[i] = first_reason[key] = reason
        started = started or (reason is None and opens_article(unit))
    return reasons


def _paragraph_kinds(
    units: list[str], reasons: list[str | None], title_idx: int | None, subtitle_idx: int | None
) -> dict[int, ParagraphKind]:
    """The kind of each unit kept in the body. A headline-like line with no prose after it
    is dropped as "trailing" (set in ``reasons``)."""
    n = len(units)
    kinds: dict[int, ParagraphKind] = {}
    prose_after = [False] * (n + 1)
    for i in range(n - 1, -1, -1):
        prose_after[i] = prose_after[i + 1] or (
            reasons[i] is None and i != title_idx and not _headline_like(units[i])
        )
    for i in range(n):
        if reasons[i] is not None:
            continue
        if i == title_idx:
            kinds[i] = "title"
        elif i == subtitle_idx:
            kinds[i] = "subtitle"
        elif _headline_like(units[i]) and not _is_list_item(units[i]):
            if find_dateline(units[i]) is not None:
                kinds[i] = "prose"  # "WASHINGTON (AP) —" on its own line: the pipeline cuts it
            elif prose_after[i + 1]:
                kinds[i] = "heading"
            else:
                reasons[i] = "trailing"  # "Scroll to Top"-like lines after the article
        else:
            kinds[i] = "prose"
    return kinds


def _assemble_body(doc: Document, units: list[str], kinds: dict[int, ParagraphKind]) -> None:
    """The body: the kept units in order, one paragraph each, and their spans."""
    parts: list[str] = []
    offset = 0
    for i in range(len(units)):
        if i not in kinds:
            continue
        if parts:
            offset += len(PARAGRAPH_BREAK)
        doc.paragraphs.append(Paragraph(offset, offset + len(units[i]), kinds[i]))
        parts.append(units[i])
        offset += len(units[i])
    doc.body = PARAGRAPH_BREAK.join(parts)


def _headline_like(unit: str) -> bool:
    """A credit glued to the end of a paragraph ("… on Monday. ANI"), or a quoted sentence
    signed by its speaker ("“We will stay.” — Jane Roe"), does not make it a headline."""
    return (
        headline_like(unit)
        and not ends_with_credit(unit)
        and not _QUOTED_SENTENCE_END_RE.search(unit)
    )


def _is_list_item(unit: str) -> bool:
    return bool(re.match(r"^(?:[-•*–]\s|\d{1,2}[.)]\s)", unit)) and len(unit.split()) >= 4


def _collect_metadata(doc: Document, units: list[str], reasons: list[str | None]) -> None:
    updated: dt.date | None = None
    for unit, reason in zip(units, reasons, strict=True):
        # ("Posted on March 3, 2025 by Jane Roe" is a date line and a byline.)
        if reason == "byline" or (reason == "dateline" and BYLINE_RE.match(unit)):
            _read_byline(doc, unit)
        if reason in ("dateline", "byline") and doc.published_on is None:
            parsed = parse_dateline(unit) if reason == "dateline" else byline_date(unit)
            if parsed is not None:
                date, is_publication = parsed
                if is_publication:
                    doc.published_on = date
                elif updated is None:
                    updated = date
        elif reason == "disclaimer" and not doc.publisher:
            doc.publisher = publisher_from(unit)
    if doc.published_on is None:
        doc.published_on = updated


def _read_byline(doc: Document, unit: str) -> None:
    """The first byline's author, and the first wire agency a byline names."""
    author, publisher = byline_parts(unit)
    if author and not doc.author:
        doc.author = _SENTENCE_PERIOD_RE.sub("", author)
    if publisher and not doc.publisher:
        doc.publisher = publisher


def _find_subtitle(
    units: list[str],
    reasons: list[str | None],
    title_idx: int | None,
    front_end: int,
    hints: ArticleHints,
) -> int | None:
    """The dek: the line right after the title, if it is framed as one — a headline-like
    line before the article starts, or a short line followed by the date, byline or a
    disclaimer (which is where a dek sits and a first paragraph does not)."""
    if title_idx is None:
        return None
    j = next((k for k in range(title_idx + 1, len(units)) if reasons[k] is None), None)
    if j is None:
        return None
    unit = units[j]
    if hints.subtitle and line_key(hints.subtitle) == line_key(unit):
        return j
    if find_dateline(unit) is not None or is_own_line_label(unit):
        return None  # the article has started (a transcript's, with its first speaker)
    n = len(unit.split())
    if n > 40:
        return None
    if terminal(unit) and n >= 8 and "byline" in reasons[title_idx + 1 : j]:
        return None  # a sentence after the byline is the article's first, not a dek
    framed = j + 1 < len(units) and reasons[j + 1] in META_REASONS
    if framed and reasons[j + 1] in _PICTURE_REASONS and reads_as_lede(unit):
        return None  # the lead picture after the article's first sentence frames no dek
    if framed:
        return j
    if j < front_end and n >= 3 and not terminal(unit) and j + 1 < len(units):
        # A headline-style dek directly followed by the article.
        return j if not headline_like(units[j + 1]) else None
    return None


def _apply_hints(doc: Document, hints: ArticleHints) -> None:
    if hints.title:
        doc.title = hints.title.strip()
    if hints.subtitle:
        doc.subtitle = hints.subtitle.strip()
    if hints.published_on:
        doc.published_on = hints.published_on
    if hints.publisher:
        doc.publisher = hints.publisher.strip()
    if hints.author:
        doc.author = hints.author.strip()
    if hints.section:
        doc.section = hints.section.strip()
    if not doc.section:
        doc.section = "news"


def _fallback_title(doc: Document) -> str:
    """No headline found: the start of the first paragraph stands in."""
    if not doc.paragraphs:
        return ""
    first = doc.body[doc.paragraphs[0].start : doc.paragraphs[0].end]
    # The sentence splitter knows "U.S." and "Mr." do not end a sentence.
    spans = split_sentences(first)
    title = first[spans[0][0] : spans[0][1]] if spans else first
    return title if len(title) <= 200 else title[:199].rstrip() + "…"
