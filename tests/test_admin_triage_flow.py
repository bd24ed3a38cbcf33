"""Save and review next: the claim page opens the next claim of the list the editor came from
(same filters and order; by default the unreviewed claims, most check-worthy first), and its
key legend. The keys themselves are exercised in a real browser (test_browser_workspace.py)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.admin.sites import site
from django.urls import reverse

from claims.models import Claim
from tests.test_admin import claim_form_data

pytestmark = pytest.mark.django_db


def change_url(claim: Claim, list_query: str | None = None) -> str:
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    return url if list_query is None else f"{url}?_changelist_filters={list_query}"


def scored(claims: list[Claim], scores: list[float]) -> list[Claim]:
    for claim, score in zip(claims, scores, strict=True):
        Claim.objects.filter(pk=claim.pk).update(check_worthiness=score)
        claim.refresh_from_db()
    return claims


def save_next(client, claim: Claim, list_query: str | None = None, **fields):
    claim.refresh_from_db()
    data = claim_form_data(claim, **fields) | {"_savenext": "Save and review next"}
    return client.post(change_url(claim, list_query), data)


def landed_on(response) -> tuple[str, dict[str, list[str]]]:
    """(path, the list query it carries) of a redirect."""
    assert response.status_code == 302, response.content.decode()[:2000]
    parts = urlsplit(response["Location"])
    carried = parse_qs(parts.query).get("_changelist_filters", [""])[0]
    return parts.path, parse_qs(carried)


def test_a_verdict_then_the_next_unreviewed_claim_by_check_worthiness(client, claims, editor):
    _top, middle, low = scored(claims, [0.2, 0.9, 0.5])  # list order: middle, low, top
    client.force_login(editor)
    # Opened from nowhere: the default list is the unreviewed claims, most check-worthy first.
    response = save_next(client, middle, verdict="corroborated", verdict_note="Checked.")
    path, carried = landed_on(response)
    assert path == change_url(low)
    assert carried == {"verdict__exact": ["unverified"]}
    middle.refresh_from_db()
    assert middle.verdict == "corroborated" and middle.reviews.count() == 1


# The list sorted by check-worthiness ascending (its 5th column), every verdict: the
# opposite of the default order.
ASCENDING = "o=5"


@pytest.fixture
def ranked(claims) -> list[Claim]:
    """The claims in ASCENDING order."""
    return scored(claims, [0.1, 0.2, 0.3])


def test_the_next_claim_follows_the_editors_own_filters_and_order(client, ranked, editor):
    first, second, third = ranked
    client.force_login(editor)
    query = ASCENDING
    path, carried = landed_on(save_next(client, first, query, verdict="mixed"))
    assert path == change_url(second) and carried == {"o": ["5"]}
    path, _ = landed_on(save_next(client, second, query))  # no change: still the next one
    assert path == change_url(third)


def test_after_the_last_claim_back_to_the_list_it_came_from(client, ranked, editor):
    third = ranked[2]
    client.force_login(editor)
    response = save_next(client, third, ASCENDING)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:claims_claim_changelist") + "?" + ASCENDING
    messages = [str(m) for m in client.get(response["Location"]).context["messages"]]
    assert any("last claim of the list" in m for m in messages)


def test_walking_past_the_end_of_a_page_continues_on_the_next(client, ranked, editor, monkeypatch):
    admin = site._registry[Claim]
    monkeypatch.setattr(admin, "list_per_page", 2)
    first, second, third = ranked
    client.force_login(editor)
    path, carried = landed_on(save_next(client, second, ASCENDING))
    assert path == change_url(third) and carried == {"o": ["5"], "p": ["2"]}
    # From page 2, going back up is not needed: the page number keeps the place.
    path, carried = landed_on(save_next(client, first, ASCENDING + "&p=2"))
    assert path == change_url(second)  # first was not on page 2: the page's top, not itself


def test_editors_get_the_button_and_key_legend_readers_do_not(client, claims, editor, staff_reader):
    client.force_login(editor)
    html = client.get(change_url(claims[0])).content.decode()
    assert 'name="_savenext"' in html and 'id="claim-keys"' in html
    assert 'data-verdict-key="3" data-verdict="contradicted"' in html
    assert "claims/admin/claim_keys.js" in html
    client.force_login(staff_reader)
    html = client.get(change_url(claims[0])).content.decode()
    assert 'name="_savenext"' not in html and "claim_keys.js" not in html
