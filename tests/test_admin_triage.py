"""Triage on the claim list: filters, search, sorting, badges — for editors and staff readers —
and the article page's claims with their verdict summary."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.admin.filters import SelectedObjectFilter, SpeakerFilter
from claims.models import Actor, Article, Claim, ClaimRelation, Event, Evidence
from tests.factories import give_verdict, make_claim

pytestmark = pytest.mark.django_db

LIST = "admin:claims_claim_changelist"


@pytest.fixture(params=["editor", "staff_reader"])
def user(request):
    return request.getfixturevalue(request.param)


@pytest.fixture
def desk(claims, editor):
    """The conftest claims with scores, verdicts, an event, evidence and a relation, plus a
    second article."""
    met, quote, analysts = claims
    rubio = quote.speaker
    putin = Actor.objects.get_or_create(name="Vladimir Putin")[0]
    event = Event.objects.create(title="Riyadh talks", date=dt.date(2025, 2, 18))
    met.events.add(event)
    met.actors.add(putin)
    Claim.objects.filter(pk=met.pk).update(check_worthiness=0.9)
    Claim.objects.filter(pk=quote.pk).update(check_worthiness=0.5)
    Claim.objects.filter(pk=analysts.pk).update(check_worthiness=0.1)
    give_verdict(
        Claim.objects.get(pk=met.pk),
        verdict="contradicted",
        editor=editor,
        evidence=[{"url": "https://example.org/x", "stance": "refutes"}],
    )
    body = "Elsewhere\n\nPutin said nothing new today."
    other = Article.objects.create(
        title="Elsewhere", body=body, raw_text=body, content_hash="9" * 64
    )
    nothing = make_claim(other, "Putin said nothing new today.", 0, speaker=putin)
    ClaimRelation.objects.create(from_claim=nothing, to_claim=quote, relation="duplicates")
    return {
        "met": met,
        "quote": quote,
        "analysts": analysts,
        "nothing": nothing,
        "rubio": rubio,
        "putin": putin,
        "event": event,
        "other": other,
    }


def listed(client, query: str = "") -> set[int]:
    response = client.get(reverse(LIST) + query)
    assert response.status_code == 200, response.content.decode()[:2000]
    html = response.content.decode()
    links = re.findall(r'<th class="field-short_text"><a href="/admin/claims/claim/(\d+)/', html)
    return {int(pk) for pk in links}


def ids(*claims: Claim) -> set[int]:
    return {c.pk for c in claims}


def test_filters(client, desk, user):
    client.force_login(user)
    d = desk
    everything = ids(d["met"], d["quote"], d["analysts"], d["nothing"])
    assert listed(client) == everything
    cases = {
        "?verdict__exact=contradicted": ids(d["met"]),
        "?verdict__exact=unverified": everything - ids(d["met"]),
        "?kind__exact=quote": ids(d["quote"]),
        f"?article={d['other'].pk}": ids(d["nothing"]),
        f"?speaker={d['rubio'].pk}": ids(d["quote"]),
        f"?actor={d['putin'].pk}": ids(d["met"], d["nothing"]),  # named in, or said
        f"?event={d['event'].pk}": ids(d["met"]),
        "?worthiness=high": ids(d["met"]),
        "?worthiness=medium": ids(d["quote"]),
        "?worthiness=low": ids(d["analysts"]),
        "?worthiness=unscored": ids(d["nothing"]),
        "?has_relations=yes": ids(d["quote"], d["nothing"]),
        "?has_relations=no": ids(d["met"], d["analysts"]),
        "?has_evidence=yes": ids(d["met"]),
        "?has_evidence=no": everything - ids(d["met"]),
        f"?actor={d['putin'].pk}&verdict__exact=unverified": ids(d["nothing"]),
    }
    for query, expected in cases.items():
        assert listed(client, query) == expected, query


def test_a_bad_id_in_a_filter_does_not_crash(client, desk, editor):
    client.force_login(editor)
    response = client.get(reverse(LIST) + "?article=abc")
    assert response.status_code == 302 and "e=1" in response["Location"]


def test_search_covers_text_article_title_speaker_and_mentioned_actors(client, desk, user):
    client.force_login(user)
    d = desk
    assert listed(client, "?q=officials") == ids(d["met"])
    assert listed(client, "?q=Elsewhere") == ids(d["nothing"])  # article title
    assert listed(client, "?q=Rubio") == ids(d["quote"])  # speaker (and text)
    assert listed(client, "?q=Vladimir") == ids(d["met"], d["nothing"])  # mentioned / speaker


def test_sorted_by_check_worthiness_and_badges_shown(client, desk, user):
    client.force_login(user)
    html = client.get(reverse(LIST)).content.decode()
    order = [
        int(pk) for pk in re.findall(r'field-short_text"><a href="/admin/claims/claim/(\d+)/', html)
    ]
    scored = [pk for pk in order if pk != desk["nothing"].pk]
    assert scored == [desk["met"].pk, desk["quote"].pk, desk["analysts"].pk]
    assert "verdict-badge verdict-contradicted" in html
    # The column sorts both ways.
    idx = re.search(r'<th scope="col" class="sortable[^"]*column-check_worthiness', html)
    assert idx is not None


def test_related_object_filters_list_only_the_selected_and_most_used(client, claims, editor):
    """With many articles the sidebar shows a handful of choices, not every article."""
    client.force_login(editor)
    many = [
        Article(title=f"Filler article {i}", body="x", raw_text="x", content_hash=f"f{i:063d}")
        for i in range(40)
    ]
    Article.objects.bulk_create(many)
    selected = Article.objects.get(title="Filler article 33")
    html = client.get(reverse(LIST) + f"?article={selected.pk}").content.decode()
    assert "Filler article 33" in html
    shown = set(re.findall(r"Filler article \d+", html))
    assert shown == {"Filler article 33"}
    assert "Talks in Riyadh" in html  # the most used article (it has the claims)
    html = client.get(reverse(LIST)).content.decode()
    assert not re.findall(r"Filler article \d+", html)
    assert SelectedObjectFilter.TOP < 40


def test_article_page_lists_claims_in_order_with_badges_and_summary(client, desk, user):
    client.force_login(user)
    article = desk["met"].article
    html = client.get(reverse("admin:claims_article_change", args=[article.pk])).content.decode()
    summary = re.search(r'<div class="readonly">(1 of 3 claims reviewed.*?)</div>', html, re.S)
    assert summary, "verdict summary missing"
    assert "verdict-contradicted" in summary.group(1) and "verdict-unverified" in summary.group(1)
    assert f"article={article.pk}" in summary.group(1)  # links into the filtered claim list
    positions = [html.index(c.text[3:25]) for c in article.claims.order_by("position")]
    assert positions == sorted(positions)
    inline = html[html.index('id="claims-group"') :]
    assert inline.count("verdict-badge") == 3


def test_actor_list_links_to_their_claims(client, desk, user):
    client.force_login(user)
    html = client.get(reverse("admin:claims_actor_changelist") + "?q=Putin").content.decode()
    assert f"?actor={desk['putin'].pk}" in html
    assert Evidence.objects.count() == 1


def test_most_used_choices_are_cached_between_page_views(client, desk, editor, settings):
    """Finding the most used articles/actors/events is a GROUP BY over a whole table: done
    once per CLAIMTRACKER_FACET_CACHE_SECONDS, not on every page view."""
    settings.CLAIMTRACKER_FACET_CACHE_SECONDS = 600
    client.force_login(editor)

    def group_bys() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(LIST)).status_code == 200
        return sum("GROUP BY" in q["sql"] for q in ctx.captured_queries)

    assert group_bys() >= 4  # article, speaker, actor, event
    assert group_bys() == 0
    settings.CLAIMTRACKER_FACET_CACHE_SECONDS = 0  # off: always fresh
    assert group_bys() >= 4


def test_speaker_choices_come_from_the_counters_in_live_order(desk):
    live = list(
        Claim.objects.exclude(speaker=None)
        .values("speaker_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "speaker_id")
        .values_list("speaker_id", flat=True)[: SelectedObjectFilter.TOP]
    )
    assert live
    speakers = SpeakerFilter(None, {}, Claim, None)
    assert speakers.most_used() == live
