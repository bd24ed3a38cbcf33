"""Publishing fact-checks: the services, the API endpoints, the history they leave, and that
anonymous readers see published claims only while the desk sees everything."""

from __future__ import annotations

import pytest
from django.contrib.admin.models import LogEntry
from django.db import IntegrityError, transaction
from django.urls import reverse
from rest_framework.test import APIClient

from claims import editing
from claims.models import Claim
from tests.conftest import reading_client
from tests.factories import give_verdict


def history(claim: Claim) -> list[str]:
    return list(
        LogEntry.objects.filter(object_id=str(claim.pk))
        .order_by("action_time", "id")
        .values_list("change_message", flat=True)
    )


@pytest.fixture
def reviewed(claims, editor) -> list[Claim]:
    """claims[0] corroborated, claims[1] contradicted; claims[2] stays unverified."""
    give_verdict(claims[0], verdict="corroborated", editor=editor, note="Both sides confirmed.")
    give_verdict(claims[1], verdict="contradicted", editor=editor, note="No such quote.")
    return claims


def test_publish_writes_who_and_when_and_history_and_leaves_the_version(reviewed, editor):
    claim = reviewed[0]
    version = Claim.objects.get(pk=claim.pk).version
    assert editing.publish_claims([claim], by=editor) == 1
    claim.refresh_from_db()
    assert claim.is_published and claim.published_by == editor
    assert claim.version == version  # an open claim form does not go stale
    assert history(claim) == ["Published (corroborated)."]
    first = claim.published_at
    # Publishing again changes nothing: the first publication date stands.
    assert editing.publish_claims([claim.pk], by=editor) == 0
    claim.refresh_from_db()
    assert claim.published_at == first
    assert history(claim) == ["Published (corroborated)."]


def test_unverified_claim_cannot_be_published_and_nothing_is_half_written(reviewed, editor):
    with pytest.raises(editing.EditRefused, match=rf"\[{reviewed[2].pk}\] have no verdict"):
        editing.publish_claims(reviewed, by=editor)
    assert not Claim.objects.published().exists()
    assert not LogEntry.objects.exists()


def test_the_database_refuses_a_published_unverified_claim(claims, editor):
    from django.utils import timezone

    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claims[0].pk).update(published_at=timezone.now())


def test_unpublish_keeps_the_verdict_and_is_recorded(reviewed, editor):
    editing.publish_claims(reviewed[:2], by=editor)
    assert editing.unpublish_claims([reviewed[0]], by=editor, reason="correction pending") == 1
    assert editing.unpublish_claims([reviewed[0]], by=editor) == 0
    claim = Claim.objects.get(pk=reviewed[0].pk)
    assert claim.published_at is None and claim.published_by is None
    assert claim.verdict == "corroborated"
    assert history(claim) == ["Published (corroborated).", "Unpublished (correction pending)."]
    assert list(Claim.objects.published()) == [reviewed[1]]


def test_clearing_the_verdict_unpublishes(reviewed, editor):
    editing.publish_claims([reviewed[0]], by=editor)
    give_verdict(reviewed[0], verdict="unverified", editor=editor, note="Reopened.")
    claim = Claim.objects.get(pk=reviewed[0].pk)
    assert claim.published_at is None and claim.verdict == "unverified"
    assert history(claim)[-1] == "Unpublished (verdict cleared)."
    # Another verdict keeps it published: the page shows the corrected verdict.
    editing.publish_claims([reviewed[1]], by=editor)
    give_verdict(reviewed[1], verdict="mixed", editor=editor)
    assert Claim.objects.get(pk=reviewed[1].pk).is_published


def test_only_editors_publish(reviewed, staff_reader):
    with pytest.raises(editing.EditRefused, match="not an editor"):
        editing.publish_claims([reviewed[0]], by=staff_reader)
    with pytest.raises(editing.EditRefused, match="not an editor"):
        editing.unpublish_claims([reviewed[0]], by=staff_reader)


def test_publish_endpoint(reviewed, editor):
    api = reading_client(editor)
    claim = reviewed[0]
    response = api.post(f"/api/claims/{claim.pk}/publish/")
    assert response.status_code == 200, response.content
    assert response.json()["published_at"] is not None
    assert Claim.objects.get(pk=claim.pk).published_by == editor
    response = api.delete(f"/api/claims/{claim.pk}/publish/")
    assert response.status_code == 200
    assert response.json()["published_at"] is None
    assert history(claim) == ["Published (corroborated).", "Unpublished."]


def test_publish_endpoint_refuses_unverified_and_unknown_claims(reviewed, editor):
    api = reading_client(editor)
    response = api.post(f"/api/claims/{reviewed[2].pk}/publish/")
    assert response.status_code == 400
    assert "no verdict" in response.json()["detail"]
    assert api.post("/api/claims/999999/publish/").status_code == 404


def test_publish_endpoint_needs_an_editor(reviewed, reader):
    url = f"/api/claims/{reviewed[0].pk}/publish/"
    assert APIClient().post(url).status_code in (401, 403)
    assert reading_client(reader).post(url).status_code == 403
    assert reading_client(reader).delete(url).status_code == 403
    assert not Claim.objects.published().exists()


def test_anonymous_api_readers_see_published_claims_only(reviewed, editor, reader):
    editing.publish_claims([reviewed[1]], by=editor)
    anonymous, desk = APIClient(), reading_client(reader)

    def ids(client: APIClient, url: str) -> list[int]:
        return sorted(item.get("id") or 0 for item in client.get(url).json()["results"])

    published, hidden = reviewed[1], reviewed[0]
    assert ids(anonymous, "/api/claims/") == [published.pk]
    assert ids(desk, "/api/claims/") == sorted(c.pk for c in reviewed)
    assert anonymous.get(f"/api/claims/{hidden.pk}/").status_code == 404
    assert anonymous.get(f"/api/claims/{published.pk}/").status_code == 200
    assert desk.get(f"/api/claims/{hidden.pk}/").status_code == 200
    for action in ("reviews", "relations", "related", "claimreview"):
        assert anonymous.get(f"/api/claims/{hidden.pk}/{action}/").status_code == 404, action
        assert desk.get(f"/api/claims/{hidden.pk}/{action}/").status_code == 200, action
        assert anonymous.get(f"/api/claims/{published.pk}/{action}/").status_code == 200
    feed = anonymous.get("/api/claimreview/").json()["results"]
    assert [r["claimReviewed"] for r in feed] == [published.text]
    assert len(desk.get("/api/claimreview/").json()["results"]) == 2
    # Counts too: anonymous readers count what they can see.
    for params in ({}, {"article": published.article_id}):
        assert anonymous.get("/api/stats/", params).json()["total"] == 1, params
    assert desk.get("/api/stats/", {"article": published.article_id}).json()["total"] == 3
    article = anonymous.get(f"/api/articles/{published.article_id}/").json()
    assert article["claim_count"] == 1
    assert article["verdict_counts"]["contradicted"] == 1
    assert (
        reading_client(reader).get(f"/api/articles/{published.article_id}/").json()["claim_count"]
        == 3
    )


def test_anonymous_related_and_relations_hide_unpublished_claims(reviewed, editor):
    editing.publish_claims([reviewed[1]], by=editor)
    editing.relate_claims(reviewed[1], reviewed[0], "corroborates", editor=editor)
    anonymous = APIClient()
    relations = anonymous.get(f"/api/claims/{reviewed[1].pk}/relations/").json()["results"]
    assert relations == []
    assert (
        len(
            reading_client(editor).get(f"/api/claims/{reviewed[1].pk}/relations/").json()["results"]
        )
        == 1
    )
    related = anonymous.get(f"/api/claims/{reviewed[1].pk}/related/").json()["results"]
    assert reviewed[0].pk not in [r["claim"]["id"] for r in related]
    # An unpublished claim's suggestions are not there for them either: no such claim.
    assert anonymous.get(f"/api/claims/{reviewed[0].pk}/related/").status_code == 404


# --- Admin ------------------------------------------------------------------------------------


def post_action(client, action: str, claims: list[Claim]):
    data = {"action": action, "_selected_action": [c.pk for c in claims], "index": 0}
    return client.post(reverse("admin:claims_claim_changelist"), data, follow=True)


def test_admin_bulk_publish_and_unpublish(client, reviewed, editor):
    client.force_login(editor)
    page = post_action(client, "publish_selected", reviewed).content.decode()
    # All or nothing: the unverified claim in the selection stops it, and says which.
    assert f"Claim(s) [{reviewed[2].pk}] have no verdict" in page
    assert not Claim.objects.published().exists()
    page = post_action(client, "publish_selected", reviewed[:2]).content.decode()
    assert "2 fact-check(s) published; 0 already were." in page
    assert Claim.objects.published().count() == 2
    page = post_action(client, "unpublish_selected", reviewed).content.decode()
    assert "2 fact-check(s) unpublished; 1 were not published." in page
    assert not Claim.objects.published().exists()
    assert history(reviewed[0]) == ["Published (corroborated).", "Unpublished."]


def test_admin_claim_page_publish_button(client, reviewed, editor):
    client.force_login(editor)
    url = reverse("admin:claims_claim_change", args=[reviewed[0].pk])
    page = client.get(url).content.decode()
    assert 'id="publish-button"' in page and "Not published" in page
    publish = reverse("admin:claims_claim_publish", args=[reviewed[0].pk])
    assert client.get(publish).status_code == 405  # a POST only
    response = client.post(publish, {"action": "publish"}, follow=True)
    page = response.content.decode()
    assert "the public page" in page and 'id="unpublish-button"' in page
    assert reviewed[0].get_public_url() in page
    client.post(publish, {"action": "unpublish"})
    assert not Claim.objects.published().exists()
    # An unverified claim has no button, and posting anyway changes nothing.
    page = client.get(reverse("admin:claims_claim_change", args=[reviewed[2].pk])).content
    assert b'id="publish-button"' not in page
    client.post(reverse("admin:claims_claim_publish", args=[reviewed[2].pk]), {"action": "x"})
    assert not Claim.objects.published().exists()


def test_admin_staff_reader_sees_the_state_but_no_button(client, reviewed, editor, staff_reader):
    editing.publish_claims([reviewed[0]], by=editor)
    client.force_login(staff_reader)
    page = client.get(reverse("admin:claims_claim_change", args=[reviewed[0].pk])).content
    assert b"Published " in page and b"unpublish-button" not in page
    publish = reverse("admin:claims_claim_publish", args=[reviewed[0].pk])
    assert client.post(publish, {"action": "unpublish"}).status_code == 403
    assert Claim.objects.published().count() == 1


def test_admin_publication_filter(client, reviewed, editor):
    editing.publish_claims([reviewed[0]], by=editor)
    client.force_login(editor)
    changelist = reverse("admin:claims_claim_changelist")
    for value, expected in [("yes", reviewed[0]), ("waiting", reviewed[1])]:
        response = client.get(changelist, {"published": value})
        assert [c.pk for c in response.context["cl"].result_list] == [expected.pk]
