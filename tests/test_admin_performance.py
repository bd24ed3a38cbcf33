"""The admin pages editors use most cost a fixed number of queries, however many rows: lists
annotate instead of querying per row, filters never load whole tables."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Actor, ActorAlias, Article, Claim, ClaimRelation, Event, Evidence
from tests.factories import give_verdict

pytestmark = pytest.mark.django_db

# Generous ceilings: the point is that the count does not grow with the rows.
MAX_CLAIM_LIST = 20
MAX_ARTICLE_PAGE = 20
MAX_ACTOR_LIST = 12
MAX_CLAIM_PAGE = 45


def build(n_claims: int, *, n_articles: int = 3) -> dict:
    """``n_claims`` claims spread over articles, with speakers, mentions, events, verdict
    history, evidence and relations — all bulk-created."""
    actors = Actor.objects.bulk_create(
        [Actor(name=f"Perf Person {i}", normalized_name=f"perf person {i}") for i in range(10)]
    )
    ActorAlias.objects.bulk_create(
        [ActorAlias(actor=a, alias=f"PP{i}", normalized=f"pp{i}") for i, a in enumerate(actors)]
    )
    event = Event.objects.create(title="Perf summit")
    per_article = n_claims // n_articles
    sentences = [f"Perf Person {i % 10} said figure {i} rose by {i}%." for i in range(per_article)]
    body = "Perf\n\n" + " ".join(sentences)
    rows = []
    for a in range(n_articles):
        article = Article.objects.create(
            title=f"Perf article {a}",
            body=body,
            raw_text=body,
            content_hash=f"p{n_claims:05d}{a:058d}",
        )
        offset = len("Perf\n\n")
        for i, sentence in enumerate(sentences):
            rows.append(
                Claim(
                    article=article,
                    position=i,
                    text=sentence,
                    start=offset,
                    end=offset + len(sentence),
                    paragraph=1,
                    speaker=actors[i % 10],
                    check_worthiness=(i % 10) / 10 or None,
                    kind="quote" if i % 3 == 0 else "statement",
                )
            )
            offset += len(sentence) + 1
    claims = Claim.objects.bulk_create(rows)
    Claim.actors.through.objects.bulk_create(
        [Claim.actors.through(claim=c, actor=actors[(i + 1) % 10]) for i, c in enumerate(claims)]
    )
    Claim.events.through.objects.bulk_create(
        [Claim.events.through(claim=c, event=event) for c in claims[::2]]
    )
    ClaimRelation.objects.bulk_create(
        [
            ClaimRelation(from_claim=a, to_claim=b, relation="corroborates")
            for a, b in zip(claims[::7], claims[1::7], strict=False)
        ]
    )
    for claim in claims[::10]:
        give_verdict(
            claim,
            verdict="contradicted",
            editor=None,
            evidence=[{"url": "https://example.org/p", "stance": "refutes"}],
        )
    return {"claims": claims, "actors": actors, "event": event}


def count_queries(client, url: str) -> int:
    client.get(url)  # warm per-process caches (content types) so only per-request work counts
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content.decode()[:2000]
    return len(ctx.captured_queries)


CLAIM_LIST_QUERIES = [
    "",
    "?verdict__exact=unverified&worthiness=high&has_evidence=no&has_relations=no",
    "?actor={actor}&speaker={actor}&event={event}&kind__exact=quote",
    "?article={article}&q=figure&o=-5",
    "?q=Perf+Person+3",
]


@pytest.mark.parametrize("query", CLAIM_LIST_QUERIES)
def test_claim_list_query_count_does_not_grow(client, editor, query, django_assert_max_num_queries):
    client.force_login(editor)
    counts = []
    for n in (30, 300):
        world = build(n)
        url = reverse("admin:claims_claim_changelist") + query.format(
            actor=world["actors"][3].pk,
            event=world["event"].pk,
            article=world["claims"][-1].article_id,
        )
        counts.append(count_queries(client, url))
        with django_assert_max_num_queries(MAX_CLAIM_LIST):
            client.get(url)
        _wipe()
    assert counts[0] == counts[1], counts
    print(f"claim list {query or '(no filter)'}: {counts[1]} queries")


def _wipe() -> None:
    from claims.models import Review

    Evidence.objects.all().delete()
    Review.objects.all().delete()
    ClaimRelation.objects.all().delete()
    Claim.objects.all().delete()
    Article.objects.all().delete()
    Event.objects.all().delete()
    Actor.objects.filter(name__startswith="Perf Person").delete()


def test_article_page_query_count_does_not_grow(client, editor, django_assert_max_num_queries):
    client.force_login(editor)
    counts = []
    for n in (30, 300):
        world = build(n, n_articles=1)
        url = reverse("admin:claims_article_change", args=[world["claims"][0].article_id])
        counts.append(count_queries(client, url))
        with django_assert_max_num_queries(MAX_ARTICLE_PAGE):
            html = client.get(url).content.decode()
        assert html.count('class="field-badge"') == n
        _wipe()
    assert counts[0] == counts[1], counts
    print(f"article page: {counts[1]} queries")


def test_article_list_query_count_does_not_grow(client, editor):
    client.force_login(editor)
    counts = []
    for n in (3, 30):
        build(n * 10, n_articles=n)
        counts.append(count_queries(client, reverse("admin:claims_article_changelist")))
        _wipe()
    assert counts[0] == counts[1], counts


def test_actor_list_query_count_does_not_grow(client, editor, django_assert_max_num_queries):
    client.force_login(editor)
    counts = []
    for n in (30, 300):
        Actor.objects.bulk_create(
            [Actor(name=f"Listed {n} {i}", normalized_name=f"listed {n} {i}") for i in range(n)]
        )
        build(60)
        url = reverse("admin:claims_actor_changelist")
        counts.append(count_queries(client, url))
        with django_assert_max_num_queries(MAX_ACTOR_LIST):
            client.get(url + "?q=Listed")
        _wipe()
        Actor.objects.filter(name__startswith="Listed").delete()
    assert counts[0] == counts[1], counts
    print(f"actor list: {counts[1]} queries")


def test_claim_page_query_count_is_bounded(client, editor, django_assert_max_num_queries):
    """The claim page with many relations and related candidates."""
    client.force_login(editor)
    counts = []
    for n in (30, 300):
        world = build(n)
        claim = world["claims"][0]
        others = world["claims"][n // 3 :]
        k = n // 6  # 5 relations each way, then 50: the page shows them all
        ClaimRelation.objects.bulk_create(
            [
                ClaimRelation(from_claim=claim, to_claim=o, relation="contradicts")
                for o in others[:k]
            ]
            + [
                ClaimRelation(from_claim=o, to_claim=claim, relation="duplicates")
                for o in others[k : 2 * k]
            ]
        )
        url = reverse("admin:claims_claim_change", args=[claim.pk])
        counts.append(count_queries(client, url))
        with django_assert_max_num_queries(MAX_CLAIM_PAGE):
            client.get(url)
        _wipe()
    assert counts[0] == counts[1], counts
    print(f"claim page: {counts[1]} queries")


def test_event_page_query_count_does_not_grow(client, editor, monkeypatch):
    """Past EVENT_INLINE_MAX linked claims the inline stops listing them (6,000 rows took
    half a minute to render); they stay listed by verdict, capped, with links to the list."""
    from claims.admin import events as event_admin

    monkeypatch.setattr(event_admin, "EVENT_INLINE_MAX", 20)
    client.force_login(editor)
    counts, rows = [], []
    for n in (30, 300):  # every other claim is linked: 15, then 150
        world = build(n)
        url = reverse("admin:claims_event_change", args=[world["event"].pk])
        counts.append(count_queries(client, url))
        html = client.get(url).content.decode()
        rows.append(len(re.findall(r'<tr class="form-row has_original', html)))
        _wipe()
    assert counts[1] <= counts[0], counts  # one fewer: the empty inline runs no query
    assert rows == [15, 0]


# --- Exact pins ------------------------------------------------------------------------------
# The three pages editors live on, for an editor, with 300 claims (a page of 50 in the list,
# all 300 inline on the article, 100 relations on the claim): an N+1 would add hundreds. One
# line per query, in order; the second request is measured (count_queries), so the facet ids
# and content types come from the cache warmed by the first. A change to a page's queries
# must update its list here: that is the point.

REQUEST = [
    "session",
    "the user",
]
PERMISSIONS = [
    "the user's own permissions (loaded once per request, then cached on the user)",
    "the permissions of the user's groups",
]

CLAIM_LIST_PIN = [
    *REQUEST,
    *PERMISSIONS,
    "assigned-to filter: the editors' usernames",
    "article filter: the titles of the most used articles (their ids are cached)",
    "speaker filter: the names of the most quoted speakers",
    "actor filter: the names of the most named actors",
    "event filter: the titles of the most used events",
    "paginator: COUNT(*) of the claims",
    "the page of 50 claims, with article (no body), speaker and assignee joined",
]

# Related claims (claims.matching): the claim's profile in three queries, then stage 1 —
# SQLite: one query per candidate source and three for the candidates' rows and links;
# PostgreSQL: all of it in one statement (a UNION ALL of the sources).
_PROFILE = [
    "related: this claim's actors and speaker, in one query",
    "related: its events",
    "related: how many claims contain its words and actor names (WordCount)",
]
_CANDIDATES = {
    "sqlite": [
        "related: the claims it is already related to (left out)",
        "related: claims sharing an event",
        "related: claims by its speakers (rare ones anywhere, common ones nearby)",
        "related: claims naming its rare actors",
        "related: claims sharing its rare words (LIKE)",
        "related: the candidates' actors, in one query",
        "related: the candidates' events, in one query",
        "related: the candidates' rows, with what a winner shows (article title, speaker)",
    ],
    "postgresql": [
        "related: every candidate source in one UNION ALL, the already related left out, "
        "with the candidates' rows (article title, speaker) and their actors and events",
    ],
}


def claim_page_pin(vendor: str) -> list[str]:
    return [
        *REQUEST,
        "get_object: the claim with article (body included), speaker and reviewer joined",
        "get_object: the actors named, prefetched (the form's initial and ClaimPage.actors)",
        "get_object: the events, prefetched (the form's initial and ClaimPage.events)",
        *PERMISSIONS,
        "evidence inline: its rows, with their review and editor",
        "reviews inline: the verdict history, with editors",
        "reviews inline: the evidence of each review, in one query (prefetch)",
        "ClaimPage.has_next: the next claim of the article",
        "actors widget: the selected actors' labels",
        "speaker widget: the selected speaker's label",
        "events widget: the selected events' labels",
        "assignee select: the editors claims can go to",
        "ClaimPage.outgoing relations, with the other claims and their articles",
        "ClaimPage.incoming relations, likewise",
        *_PROFILE,
        *_CANDIDATES.get(vendor, _CANDIDATES["sqlite"]),
        "already checked elsewhere: fact-checks sharing its rare words, said by its speaker "
        "or naming its article (the related claims' profile reused)",
    ]


ARTICLE_PAGE_PIN = [
    *REQUEST,
    *PERMISSIONS,
    # The counts annotated on the article also answer "has it claims?" (then body is
    # read-only) and fill the verdict summary: neither runs a query of its own.
    "the article, with its claims counted in all and by verdict",
    "claims inline: all 300 claims, with their speakers joined",
]


def assert_pinned(client, url: str, pin: list[str]) -> None:
    client.get(url)  # warm the caches, as count_queries does
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    ran = [q["sql"][:150] for q in ctx.captured_queries]
    assert len(ran) == len(pin), "\n".join(["expected:", *pin, "", f"ran ({len(ran)}):", *ran])


def test_claim_list_queries_are_pinned(client, editor):
    client.force_login(editor)
    build(300)
    assert_pinned(client, reverse("admin:claims_claim_changelist"), CLAIM_LIST_PIN)


def test_claim_page_queries_are_pinned(client, editor):
    client.force_login(editor)
    claims = build(300)["claims"]
    claim, others = claims[0], claims[100:]
    ClaimRelation.objects.bulk_create(
        [ClaimRelation(from_claim=claim, to_claim=o, relation="contradicts") for o in others[:50]]
        + [
            ClaimRelation(from_claim=o, to_claim=claim, relation="duplicates")
            for o in others[50:100]
        ]
    )
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    assert_pinned(client, url, claim_page_pin(connection.vendor))


def test_article_page_queries_are_pinned(client, editor):
    client.force_login(editor)
    claims = build(300, n_articles=1)["claims"]
    url = reverse("admin:claims_article_change", args=[claims[0].article_id])
    assert_pinned(client, url, ARTICLE_PAGE_PIN)
