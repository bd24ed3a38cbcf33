"""Test data for the API tests: articles whose claims point at real offsets, actors, events.

The importer is not used on purpose: these tests pin the API, whatever the pipeline finds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from dataclasses import dataclass, field
from typing import Any

from claims.models import Actor, Article, Claim, Event

_serial = itertools.count(1)


def make_article(title: str, sentences: list[str], **fields: Any) -> Article:
    """An article whose body is the sentences, one paragraph each."""
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
    actors: list[Actor] = (),
    events: list[Event] = (),
    dates: list[str] = (),
    **fields: Any,
) -> Claim:
    start = article.body.index(sentence)
    claim = Claim.objects.create(
        article=article,
        position=position,
        text=sentence,
        start=start,
        end=start + len(sentence),
        mentioned_dates=[{"text": d, "date": d, "precision": "day"} for d in dates],
        **fields,
    )
    claim.actors.set(actors)
    claim.events.set(events)
    return claim


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
        speaker=rubio,
        actors=[rubio],
        check_worthiness=0.4,
    )
    analysts = make_claim(riyadh_article, RIYADH[2], 2)
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
        saudi_article, SAUDI[1], 1, speaker=lavrov, actors=[lavrov], check_worthiness=0.7
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
