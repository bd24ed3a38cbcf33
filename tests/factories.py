"""Test data and stand-ins shared by the tests; fixtures stay in ``conftest.py``.

- Articles and claims whose offsets point into the body (``make_article``, ``make_claim``),
  and a verdict given the one way editors give it (``give_verdict``).
- The API's small world of three articles, two stories, actors and events (``build_world``)
  and bulk rows for page-size tests (``build_many``). The importer is not used on purpose:
  these pin the API, whatever the pipeline finds.
- A tiny stand-in for the text pipeline (``fake_parse``), so the importer's database side is
  tested against known ``ParsedArticle`` objects whatever the real pipeline decides.

Model imports are inside the functions: spawned import workers load ``fake_parse`` from this
module by name (``FAKE_PARSER``), and they have no Django set up.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from claims.extract.lexicon import MONTH_NAMES
from claims.extract.types import (
    ActorMention,
    ArticleHints,
    DateMention,
    KnownActor,
    ParsedArticle,
    ParsedClaim,
)

if TYPE_CHECKING:
    import pytest
    from django.contrib.auth.models import AbstractBaseUser

    from claims.models import Actor, Article, Claim, Event, Review

# The article of conftest's ``article`` fixture: three claims in two paragraphs.
BODY = (
    "Talks in Riyadh\n\n"
    "US and Russian officials met in Riyadh on February 18, 2025. "
    "“We want the war to end,” Marco Rubio said.\n\n"
    "Analysts say the talks were a first step."
)

_serial = itertools.count(1)


# --- Articles and claims ---------------------------------------------------------------------


def make_article(title: str, sentences: list[str], **fields: Any) -> Article:
    """An article whose body is the title and the sentences, one paragraph each."""
    from claims.models import Article

    body = "\n\n".join([title, *sentences])
    n = next(_serial)
    fields.setdefault("publisher", "Example News")
    fields.setdefault("url", f"https://news.example/{n}")
    return Article.objects.create(
        title=title,
        body=body,
        raw_text=body,
        content_hash=hashlib.sha256(f"{n}:{body}".encode()).hexdigest(),
        source_name=f"test-{n}.txt",
        **fields,
    )


def make_claim(
    article: Article,
    sentence: str,
    position: int,
    *,
    actors: Sequence[Actor] = (),
    events: Sequence[Event] = (),
    dates: Sequence[str] = (),
    **fields: Any,
) -> Claim:
    """The claim ``sentence`` of ``article`` (found in its body), with the actors and events
    named and ``dates`` (ISO days) as its mentioned dates."""
    from claims.models import Claim

    start = article.body.index(sentence)
    if dates:
        fields["mentioned_dates"] = [{"text": d, "date": d, "precision": "day"} for d in dates]
    claim = Claim.objects.create(
        article=article,
        position=position,
        text=sentence,
        start=start,
        end=start + len(sentence),
        **fields,
    )
    if actors:
        claim.actors.set(actors)
    if events:
        claim.events.set(events)
    return claim


def give_verdict(
    claim: Claim,
    *,
    verdict: str,
    editor: AbstractBaseUser | None,
    note: str = "",
    evidence: Sequence[dict[str, str]] = (),
    loaded_version: int | None = None,
) -> Review:
    """Give ``claim`` a verdict and change nothing else, through ``editing.update_claim`` (the
    one way a verdict changes); ``claim`` is updated in place. Returns the new Review."""
    from claims import editing

    review = editing.update_claim(
        claim,
        changes={},
        loaded_version=loaded_version,
        editor=editor,
        verdict=verdict,
        note=note,
        evidence=evidence,
    )
    assert review is not None  # a verdict always writes a Review
    return review


# --- The API's world -------------------------------------------------------------------------


@dataclass
class World:
    """Three articles about two stories, plus the actors and events they name."""

    rubio: Actor
    lavrov: Actor
    kremlin: Actor
    riyadh: Event
    marathon: Event
    riyadh_article: Article
    saudi_article: Article
    lisbon_article: Article
    met: Claim  # riyadh_article #0: shares actors, event and date with rubio_lavrov_met
    quote: Claim  # riyadh_article #1: a quote by Rubio
    analysts: Claim  # riyadh_article #2: nothing attached
    rubio_lavrov_met: Claim  # saudi_article #0
    sanctions: Claim  # saudi_article #1: Lavrov's
    rain: Claim  # lisbon_article #0: unrelated to everything
    runners: Claim  # lisbon_article #1
    claims: list[Claim] = field(default_factory=list)


RIYADH = [
    "US and Russian officials met in Riyadh on February 18, 2025.",
    "“We want the war to end,” Marco Rubio said.",
    "Analysts say the talks were a first step.",
]
SAUDI = [
    "Marco Rubio and Sergey Lavrov met in Riyadh on February 18, 2025, to discuss the war.",
    'Lavrov said sanctions on Russian oil, "all of them", must end.',
]
LISBON = [
    "Heavy rain is expected in Lisbon this weekend.",
    "The Lisbon marathon drew twelve thousand runners.",
]


def build_world() -> World:
    from claims.models import Actor, Claim, Event

    rubio = Actor.objects.create(
        name="Marco Rubio", description="US Secretary of State", wikidata_id="Q324546"
    )
    rubio.aliases.create(alias="Secretary Rubio")
    lavrov = Actor.objects.create(name="Sergey Lavrov", description="Russian foreign minister")
    kremlin = Actor.objects.create(name="The Kremlin Press Office", kind=Actor.Kind.ORGANIZATION)
    riyadh = Event.objects.create(
        title="US–Russia talks in Riyadh",
        date=dt.date(2025, 2, 18),
        location="Riyadh",
        aliases=["Riyadh talks"],
    )
    riyadh.participants.set([rubio, lavrov])
    marathon = Event.objects.create(
        title="Lisbon marathon",
        date=dt.date(2025, 3, 2),
        end_date=dt.date(2025, 3, 2),
        status=Event.Status.SUGGESTED,
    )

    riyadh_article = make_article(
        "Talks in Riyadh",
        RIYADH,
        published_on=dt.date(2025, 2, 19),
        author="Jane Doe",
        section="news",
        subtitle="A first meeting",
    )
    saudi_article = make_article(
        "Rubio and Lavrov in Saudi Arabia",
        SAUDI,
        published_on=dt.date(2025, 2, 20),
        publisher="Other Daily",
    )
    lisbon_article = make_article(
        "Weather and sport in Lisbon", LISBON, published_on=dt.date(2025, 3, 5)
    )

    met = make_claim(
        riyadh_article,
        RIYADH[0],
        0,
        events=[riyadh],
        dates=["2025-02-18"],
        check_worthiness=0.9,
    )
    quote = make_claim(
        riyadh_article,
        RIYADH[1],
        1,
        kind=Claim.Kind.QUOTE,
        attribution=Claim.Attribution.DIRECT,
        speaker=rubio,
        actors=[rubio],
        check_worthiness=0.4,
    )
    analysts = make_claim(riyadh_article, RIYADH[2], 2, attribution=Claim.Attribution.ANONYMOUS)
    rubio_lavrov_met = make_claim(
        saudi_article,
        SAUDI[0],
        0,
        actors=[lavrov, rubio],
        events=[riyadh],
        dates=["2025-02-18"],
        check_worthiness=0.8,
    )
    sanctions = make_claim(
        saudi_article,
        SAUDI[1],
        1,
        speaker=lavrov,
        actors=[lavrov],
        attribution=Claim.Attribution.PARTIAL,
        check_worthiness=0.7,
    )
    rain = make_claim(lisbon_article, LISBON[0], 0, check_worthiness=0.1)
    runners = make_claim(lisbon_article, LISBON[1], 1, events=[marathon], check_worthiness=0.2)
    return World(
        rubio=rubio,
        lavrov=lavrov,
        kremlin=kremlin,
        riyadh=riyadh,
        marathon=marathon,
        riyadh_article=riyadh_article,
        saudi_article=saudi_article,
        lisbon_article=lisbon_article,
        met=met,
        quote=quote,
        analysts=analysts,
        rubio_lavrov_met=rubio_lavrov_met,
        sanctions=sanctions,
        rain=rain,
        runners=runners,
        claims=[met, quote, analysts, rubio_lavrov_met, sanctions, rain, runners],
    )


def build_many(articles: int = 12, claims_per_article: int = 3) -> list[Claim]:
    """Enough rows of everything for page_size=5 and page_size=200 to differ."""
    from claims.models import Actor, Event

    made = []
    for a in range(articles):
        actor = Actor.objects.create(name=f"Bulk Speaker {a}")
        event = Event.objects.create(title=f"Bulk event {a}", date=dt.date(2024, 1, 1 + a))
        event.participants.add(actor)
        sentences = [
            f"Bulk speaker {a} claimed number {i} went up." for i in range(claims_per_article)
        ]
        article = make_article(
            f"Bulk article {a}", sentences, published_on=dt.date(2024, 1 + a % 12, 1)
        )
        for i, sentence in enumerate(sentences):
            claim = make_claim(
                article,
                sentence,
                i,
                speaker=actor,
                actors=[actor],
                events=[event],
                dates=[f"2024-01-{1 + a:02d}"],
                check_worthiness=round((a * claims_per_article + i) % 10 / 10, 1),
            )
            made.append(claim)
    return made


# --- The stand-in pipeline -------------------------------------------------------------------

FAKE_PARSER = "tests.factories:fake_parse"

# Names the fake pipeline recognises: canonical name -> (kind, role).
PEOPLE = {
    "Donald Trump": ("person", "US President"),
    "Vladimir Putin": ("person", "Russian President"),
    "Marco Rubio": ("person", "US Secretary of State"),
    "Sergei Lavrov": ("person", "Russian Foreign Minister"),
    "Kirill Dmitriev": ("person", ""),
}
# Recognised by full name only; their surname alone resolves only once they are known
# actors (as the real pipeline resolves surnames against the database).
NEWCOMERS = {"Nadia Petrova": ("person", "economist"), "Omar Haddad": ("person", "")}
_DATE = re.compile(rf"\b({'|'.join(MONTH_NAMES)}) (\d{{1,2}}), (\d{{4}})")
_SENTENCE = re.compile(r"[^\s][^\n]*?(?:[.!?][”\"]?(?=\s|$)|$)")


_NO_HINTS = ArticleHints()


def _date(match: re.Match[str]) -> dt.date:
    month = MONTH_NAMES.index(match.group(1)) + 1
    return dt.date(int(match.group(3)), month, int(match.group(2)))


def fake_parse(
    text: str, *, hints: ArticleHints = _NO_HINTS, known_actors: Sequence[KnownActor] = ()
) -> ParsedArticle:
    """Sentences ending in . ! or ? become claims; the first paragraph is the title when it
    has no final punctuation. Mentions: PEOPLE (and their surnames), and known actors."""
    body = text.strip("\n")
    paragraphs = body.split("\n\n")
    title = hints.title or ""
    if not title and paragraphs and not paragraphs[0].rstrip().endswith((".", "!", "?")):
        title = paragraphs[0].strip()
    names: dict[str, tuple[str, str, str]] = {}
    for name, (kind, role) in PEOPLE.items():
        names[name] = (name, kind, role)
        names[name.split()[-1]] = (name, kind, role)
    for name, (kind, role) in NEWCOMERS.items():
        names[name] = (name, kind, role)
    for actor in known_actors:
        for alias in (actor.name, *actor.aliases):
            names.setdefault(alias, (actor.name, actor.kind, ""))
        if actor.kind == "person" and " " in actor.name:
            names.setdefault(actor.name.split()[-1], (actor.name, actor.kind, ""))
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b"
    )
    claims: list[ParsedClaim] = []
    offset = 0
    for index, para in enumerate(paragraphs):
        start_of_para = body.index(para, offset)
        offset = start_of_para + len(para)
        if para.strip() == title:
            continue
        for match in _SENTENCE.finditer(para):
            sentence = match.group(0).strip()
            if not sentence.endswith((".", "!", "?", "”", '"')) or len(sentence) < 12:
                continue
            start = start_of_para + match.start()
            mentions = []
            for m in pattern.finditer(sentence):
                name, kind, role = names[m.group(1)]
                mentions.append(ActorMention(m.group(1), m.start(), m.end(), name, kind, role))  # type: ignore[arg-type]
            dates = [
                DateMention(d.group(0), d.start(), d.end(), _date(d), "day")
                for d in _DATE.finditer(sentence)
            ]
            speaker = None
            said = re.search(r"”,? (?:said )?([A-Z]\w+(?: [A-Z]\w+)?) said", sentence)
            if sentence.startswith("“") and said and said.group(1) in names:
                speaker = names[said.group(1)][0]
            claims.append(
                ParsedClaim(
                    text=sentence,
                    start=start,
                    end=start + len(sentence),
                    paragraph=index,
                    kind="quote" if speaker else "statement",
                    speaker=speaker,
                    mentions=mentions,
                    dates=dates,
                    check_worthiness=0.5,
                    check_reasons=["fake"],
                )
            )
    return ParsedArticle(
        title=title,
        body=body,
        claims=claims,
        publisher=hints.publisher or "",
        author=hints.author or "",
        url=hints.url or "",
        published_on=hints.published_on,
    )


# --- Importing through the stand-in ----------------------------------------------------------


def use_fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Import through ``fake_parse`` instead of the real pipeline (call from a fixture)."""
    from claims.importer import parsing

    monkeypatch.setattr(parsing, "PARSER", FAKE_PARSER)


def article_text(*sentences: str, title: str = "Talks in Riyadh") -> str:
    return title + "\n\n" + "\n\n".join(sentences) + "\n"
