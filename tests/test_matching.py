"""Claim matching (issue 13): the pure text comparison, the word counts and the ranking's
rarity weighting, same-quote rule and contradicts suggestion, on invented claims."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from claims.matching import similarity as sim
from tests.conftest import reading_client
from tests.factories import make_article, make_claim

# --- Pure: normalising, quotes, figures, negation ---------------------------------------------


def test_normalize_folds_quotes_dashes_and_spellings():
    a = sim.normalize("“Our defence — modernised,” 40 per cent of the tonnes")
    b = sim.normalize('"Our defense - modernized," 40 % of the tons')
    assert a == b


def test_tokens_fold_plurals_and_keep_numbers():
    assert sim.tokens("The counties received 14,200 tonnes") == [
        "county",
        "received",
        "14200",
        "ton",
    ]


def test_weighted_overlap_weighs_rare_words_more():
    frequencies = {"russia": 900, "rosneft": 2, "said": 800, "cut": 50}
    df = frequencies.__getitem__
    common = sim.weighted_overlap(
        ["russia", "cut"], ["russia", "said"], document_frequency=df, documents=1000
    )
    rare = sim.weighted_overlap(
        ["rosneft", "cut"], ["rosneft", "said"], document_frequency=df, documents=1000
    )
    assert rare > common
    assert sim.weighted_overlap([], ["x"], document_frequency=df, documents=1000) == 0.0


def test_same_quote_across_quote_styles_and_spellings():
    a = "“Our air defence held the port open through every attack,” the minister said."
    b = 'The minister told reporters: "Our air defense held the port open through every attack."'
    assert sim.same_quote(a, b) == "our air defense held the port open through every attack"
    assert sim.same_quote(a, "“We will rebuild the port by spring,” he said.") is None
    assert sim.quotes("He called it “fake news” again.") == []  # too short to be a statement


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        (
            "Ukraine launched 12 drones at the plant.",
            "Twenty drones struck the plant.",
            "12 vs 20 drones",
        ),
        (
            "The vote was postponed.",
            "The vote was not postponed, officials said.",
            "“postponed” vs “not postponed”",
        ),
        (
            "The board has not certified the results.",
            "The board certified the results.",
            "“not certified” vs “certified”",
        ),
        (
            "Over 40 % of exports went to China.",
            "At least 40 % of exports went to China.",
            "“over 40 percent” vs “at least 40 percent”",
        ),
        (
            "Spending will reach 3.5 % by 2029.",
            "Spending will reach 3.5 percent by 2030.",
            "2029 vs 2030",
        ),
    ],
)
def test_compare_suggests_contradicts_with_the_reason(a, b, reason):
    result = sim.compare(a, b)
    assert result.relation == "contradicts"
    assert reason in result.reasons


def test_compare_agreeing_figures_and_quotes():
    same = sim.compare(
        "It refines about 7.5 million tonnes a year.",
        "It processes roughly 7.5 million tons annually.",
    )
    assert same.relation == "corroborates"
    assert any("7.5 million" in r for r in same.reasons)
    words = sim.compare("Ninety-five prisoners were swapped.", "They exchanged 95 prisoners each.")
    assert words.relation == "corroborates"
    quote = "“We are not going to negotiate under a deadline,” Delaney said."
    dup = sim.compare(quote, '"We are not going to negotiate under a deadline," he told senators.')
    assert dup.relation == "duplicates" and dup.quote  # both negate: no contradiction


def test_similarity_imports_without_django():
    code = (
        "import sys; import claims.matching.similarity; "
        "sys.exit(any(m.startswith('django') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# --- Database: counts and ranking -------------------------------------------------------------


def _story(title: str, text: str, day: int, **fields):
    article = make_article(title, [text], published_on=dt.date(2026, 3, day))
    return make_claim(article, text, 0, **fields)


@pytest.fixture
def counted(db):
    """Background claims that make 'Russia' common; each test counts the words (rebuild)."""
    from claims.matching import frequencies

    for i in range(12):
        _story(f"Background {i}", f"Russia said the talks in round {i} went well.", 1 + i % 9)
    return frequencies


def test_word_counts_rebuild_and_record(counted):
    from claims.models import WordCount

    counted.rebuild()
    assert WordCount.objects.get(word="russia").n == 12
    assert WordCount.objects.get(word="").n == 12  # the number of claims counted
    counted.record(added=["Rosneft cut output."], removed=["Russia said so."])
    found, documents = counted.document_frequencies(["russia", "rosneft", "unknown"])
    assert found == {"russia": 11, "rosneft": 1}
    assert documents == 12


def test_rare_shared_word_outranks_common_shared_words(counted):
    from claims.matching import related_claims

    claim = _story("Q", "Russia said Rosneft cut output at the Tuapse plant.", 10)
    common = _story("A", "Russia said the plant talks went well.", 10)
    rare = _story("B", "Rosneft halted work at Tuapse.", 10)
    counted.rebuild()
    ranked = related_claims(claim)
    order = [c.claim.pk for c in ranked]
    # Two shared words each; Rosneft and Tuapse are in one claim, Russia in fourteen.
    assert order.index(rare.pk) < order.index(common.pk)
    assert ranked[0].claim.pk == rare.pk


def test_same_quote_ranks_first_and_suggests_duplicates(counted):
    from claims.matching import related_claims

    claim = _story(
        "Q", "“The fire has been fully contained and no one was hurt,” Ostrikov said.", 10
    )
    close = _story(
        "A", "Ostrikov said the fire at the plant was contained and no one was hurt.", 10
    )
    quoted = _story(
        "B", '"The fire has been fully contained - and no one was hurt," the governor said.', 20
    )
    counted.rebuild()
    ranked = related_claims(claim)
    assert ranked[0].claim.pk == quoted.pk
    assert ranked[0].suggested_relation == "duplicates"
    assert any(r.startswith("same quote:") for r in ranked[0].relation_reasons)
    assert close.pk in [c.claim.pk for c in ranked]


def test_contradicting_figure_and_negation_are_suggested(counted, reader):
    client = reading_client(reader)  # the desk: unpublished claims too
    from claims.matching import related_claims

    claim = _story("Q", "Ukraine launched 12 drones at the Verkhnedonsk refinery.", 10)
    twenty = _story("A", "Twenty drones struck the Verkhnedonsk refinery overnight.", 10)
    talks = _story("C", "The Geneva tariff talks were postponed.", 10)
    held = _story("D", "The Geneva tariff talks were not postponed.", 11)
    counted.rebuild()
    first = related_claims(claim)[0]
    assert (first.claim.pk, first.suggested_relation) == (twenty.pk, "contradicts")
    assert "12 vs 20 drones" in first.relation_reasons
    payload = client.get(f"/api/claims/{talks.pk}/related/").json()
    top = payload["results"][0]
    assert top["claim"]["id"] == held.pk
    assert top["suggested_relation"] == "contradicts"
    assert "“postponed” vs “not postponed”" in top["relation_reasons"]


def test_undated_article_with_only_common_actors_still_ranks(counted):
    # Common actors are looked for as speakers around the article's date: with no date and
    # no rare actor there is no speaker source at all (PostgreSQL raised EmptyResultSet
    # building one), and the words still find candidates.
    from claims.matching import related_claims
    from claims.models import Actor, WordCount

    russia, _ = Actor.objects.get_or_create(name="Russia", defaults={"kind": "country"})
    text = "Russia said the talks in round 3 went well."
    article = make_article("Undated", [text], published_on=None)
    claim = make_claim(article, text, 0, speaker=russia, actors=[russia])
    counted.rebuild()
    WordCount.objects.filter(word="russia").update(n=60)  # above COMMON_MIN: common
    ranked = related_claims(claim)
    assert ranked and all(c.claim.article_id != article.pk for c in ranked)


def test_importer_counts_words_after_commit(db, django_capture_on_commit_callbacks):
    from claims.importer.service import import_article
    from claims.models import WordCount

    with django_capture_on_commit_callbacks(execute=True):
        import_article(
            text="Rosneft cut output at the Tuapse refinery, the company said on Monday.",
            source_name="tuapse.txt",
        )
    assert WordCount.objects.get(word="tuapse").n >= 1
    assert WordCount.objects.get(word="").n >= 1


def test_claim_page_shows_the_suggested_relation(counted, client, editor):
    from django.urls import reverse

    claim = _story("Q", "The board certified the results of the Senate race.", 10)
    other = _story("A", "The board has not certified the results of the Senate race.", 10)
    counted.rebuild()
    client.force_login(editor)
    html = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    panel = html[html.index('id="related-suggestions"') :]
    row = panel[panel.index(f'data-claim="{other.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "suggested: <strong>contradicts</strong>" in row
    assert "“certified” vs “not certified”" in row
    assert 'class="relate-contradicts suggested"' in row


# --- The endpoint's queries -------------------------------------------------------------------
# /api/claims/{id}/related/ for a claim with actors, a speaker, an event, a date and words:
# every candidate source runs. PostgreSQL: the claim (with its article's date), its actors
# and speaker, its events, the word counts, and ONE statement for all candidates with their
# rows and links (the winners are shown from those rows). SQLite: the same, but stage 1 is
# the already related, one query per source (events, dates, speakers, named actors, words)
# and the candidates' rows, actors and events. Anonymous readers: the same (each candidate's
# published flag comes with its row).
RELATED_QUERIES = {"postgresql": 5, "sqlite": 13}


def _every_source() -> tuple[str, dict]:
    """A claim's text and fields for which every candidate source runs: a speaker, a rare
    actor, an event, a date and rare words."""
    from claims.models import Actor, Event

    governor, _ = Actor.objects.get_or_create(name="Pavel Ostrikov", kind="person")
    rosneft, _ = Actor.objects.get_or_create(name="Rosneft", defaults={"kind": "organization"})
    fire = Event.objects.create(title="Verkhnedonsk refinery fire", date=dt.date(2026, 3, 10))
    text = "Ostrikov said Rosneft would restart the Verkhnedonsk refinery on 2026-03-17."
    fields = {"speaker": governor, "actors": [rosneft], "events": [fire], "dates": ["2026-03-17"]}
    return text, fields


def test_related_endpoint_queries_are_pinned(counted, reader):
    client = reading_client(reader)  # the desk: unpublished claims too
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    text, fields = _every_source()
    claim = _story("Q", text, 10, **fields)
    counts = []
    for n in (3, 30):
        for i in range(n):
            _story(f"Other {n} {i}", text, 11, **fields)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(f"/api/claims/{claim.pk}/related/", {"limit": 100})
        assert response.status_code == 200
        assert len(response.json()["results"]) >= n
        counts.append(len(ctx.captured_queries))
    expected = RELATED_QUERIES.get(connection.vendor, RELATED_QUERIES["sqlite"])
    assert counts == [expected, expected], "\n".join(q["sql"][:120] for q in ctx.captured_queries)


def test_anonymous_related_reads_published_flags_with_the_candidates(counted, client):
    # Anonymous readers see published candidates only; stage 1 reads each candidate's flag,
    # so their request costs the desk's queries, whatever the number of candidates.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from claims.models import Claim

    text, fields = _every_source()
    claim = _story("Q", text, 10, **fields)
    others = [_story(f"Other {i}", text, 11, **fields) for i in range(6)]
    published = [claim.pk, *(c.pk for c in others[::2])]
    Claim.objects.filter(pk__in=published).update(verdict="mixed", published_at=timezone.now())
    counted.rebuild()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"/api/claims/{claim.pk}/related/")
    shown = {r["claim"]["id"] for r in response.json()["results"]}
    assert shown == {c.pk for c in others[::2]}
    expected = RELATED_QUERIES.get(connection.vendor, RELATED_QUERIES["sqlite"])
    assert len(ctx.captured_queries) == expected, [q["sql"][:120] for q in ctx.captured_queries]
