"""Assignments: who checks which claim. The service (who and when, history, editors only),
re-import keeping it, the admin (column, "assigned to" filter, bulk action, claim page) and
the API (field, filter, the assign endpoint)."""

from __future__ import annotations

import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.urls import reverse
from rest_framework.test import APIClient

from claims import editing
from claims.importer.service import import_article
from claims.models import Claim
from tests.factories import article_text, use_fake_pipeline
from tests.test_admin import claim_form_data

pytestmark = pytest.mark.django_db

LIST = "admin:claims_claim_changelist"


@pytest.fixture
def colleague(db) -> User:
    user = User.objects.create_user("ana", password="pw-ana-12345", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def history(claim: Claim) -> list[str]:
    return list(
        LogEntry.objects.filter(object_id=str(claim.pk), content_type__model="claim")
        .order_by("pk")
        .values_list("change_message", flat=True)
    )


# --- the service ---------------------------------------------------------------------------


def test_assigning_records_who_when_and_a_history_line_without_a_new_version(
    claims, editor, colleague
):
    first, second, _ = claims
    versions = {c.pk: c.version for c in claims}
    assert editing.assign_claims([first, second.pk], assignee=colleague, by=editor) == 2
    first.refresh_from_db()
    assert (first.assignee, first.assigned_by) == (colleague, editor)
    assert first.assigned_at is not None
    assert first.version == versions[first.pk]  # an open verdict form does not go stale
    assert history(first) == ["Assigned to ana."]
    entry = LogEntry.objects.get(object_id=str(first.pk))
    assert entry.user == editor


def test_reassigning_and_taking_back_say_what_they_replaced(claims, editor, colleague):
    claim = claims[0]
    editing.assign_claims([claim], assignee=colleague, by=editor)
    assert editing.assign_claims([claim], assignee=colleague, by=editor) == 0  # no change
    editing.assign_claims([claim], assignee=editor, by=colleague)
    editing.assign_claims([claim], assignee=None, by=editor)
    claim.refresh_from_db()
    assert (claim.assignee, claim.assigned_by, claim.assigned_at) == (None, None, None)
    assert history(claim) == [
        "Assigned to ana.",
        "Assigned to editor (was ana).",
        "Unassigned (was editor).",
    ]


def test_only_editors_can_be_given_claims(claims, editor, staff_reader):
    with pytest.raises(ValueError, match="not an editor"):
        editing.assign_claims(claims, assignee=staff_reader, by=editor)
    assert not Claim.objects.filter(assignee__isnull=False).exists()
    assert list(editing.editors()) == [editor]  # active, with the permission


def test_an_assigned_claim_is_editor_work_a_reimport_keeps(monkeypatch, editor, colleague):
    use_fake_pipeline(monkeypatch)
    first = "The ministry said exports rose 4% in May."
    second = "Officials met in Geneva on Monday."
    result = import_article(text=article_text(first, second), source_name="desk.txt")
    claim = Claim.objects.get(article_id=result.article_id, text=second)
    editing.assign_claims([claim], assignee=colleague, by=editor)
    again = import_article(
        text=article_text("A new opening line was added.", first, second), source_name="desk.txt"
    )
    assert again.status == "updated" and again.kept_claims == 1
    kept = Claim.objects.get(pk=claim.pk)
    assert (kept.text, kept.assignee) == (second, colleague)


# --- the admin -----------------------------------------------------------------------------


def test_list_shows_the_assignee_and_filters_assigned_to_me(client, claims, editor, colleague):
    mine, theirs, _ = claims
    editing.assign_claims([mine], assignee=editor, by=editor)
    editing.assign_claims([theirs], assignee=colleague, by=editor)
    client.force_login(editor)
    url = reverse(LIST)
    html = client.get(url).content.decode()
    assert re.search(r"<td class=\"field-assignee[^\"]*\">ana</td>", html)
    listed = client.get(url, {"assignee": "me"}).context["cl"].result_list
    assert [c.pk for c in listed] == [mine.pk]
    listed = client.get(url, {"assignee": "none"}).context["cl"].result_list
    assert [c.pk for c in listed] == [claims[2].pk]
    listed = client.get(url, {"assignee": "ana"}).context["cl"].result_list
    assert [c.pk for c in listed] == [theirs.pk]


def test_bulk_assign_asks_whom_then_assigns_the_selection(client, claims, editor, colleague):
    client.force_login(editor)
    picked = {ACTION_CHECKBOX_NAME: [claims[0].pk, claims[1].pk], "action": "assign_to"}
    page = client.post(reverse(LIST), picked)
    assert page.status_code == 200 and "Who checks these claims?" in page.content.decode()
    assert not Claim.objects.filter(assignee__isnull=False).exists()
    done = client.post(reverse(LIST), {**picked, "apply": "1", "assignee": colleague.pk})
    assert done.status_code == 302
    assigned = Claim.objects.filter(assignee=colleague).values_list("pk", flat=True)
    assert sorted(assigned) == sorted([claims[0].pk, claims[1].pk])
    assert history(claims[0]) == ["Assigned to ana."]


def test_claim_page_assigns_through_the_service(client, claims, editor, colleague):
    claim = claims[0]
    client.force_login(editor)
    data = claim_form_data(claim) | {"assignee": colleague.pk}
    response = client.post(reverse("admin:claims_claim_change", args=[claim.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    claim.refresh_from_db()
    assert (claim.assignee, claim.assigned_by) == (colleague, editor)
    assert "Assigned to ana." in history(claim)


def test_staff_readers_see_assignments_but_cannot_assign(client, claims, staff_reader, editor):
    editing.assign_claims([claims[0]], assignee=editor, by=editor)
    client.force_login(staff_reader)
    html = client.get(reverse("admin:claims_claim_change", args=[claims[0].pk])).content.decode()
    assert re.search(r'<div class="readonly">(<a [^>]*>)?editor<', html)
    assert 'name="assignee"' not in html
    listed = client.get(reverse(LIST))
    assert listed.context["action_form"] is None  # readers get no actions, assign_to included
    picked = {ACTION_CHECKBOX_NAME: [claims[1].pk], "action": "assign_to", "apply": "1"}
    assert client.post(reverse(LIST), {**picked, "assignee": editor.pk}).status_code == 403
    assert Claim.objects.filter(assignee__isnull=False).count() == 1


# --- the API -------------------------------------------------------------------------------


def test_api_claims_carry_their_assignee_and_filter_by_it(claims, editor, colleague):
    editing.assign_claims([claims[0]], assignee=colleague, by=editor)
    editing.assign_claims([claims[1]], assignee=editor, by=editor)
    api = APIClient()
    api.force_authenticate(editor)

    def ids(query: str) -> list[int]:
        response = api.get(f"/api/claims/?{query}")
        assert response.status_code == 200, response.content
        # .json(): on PostgreSQL the list page is written by the database, not a DRF Response.
        return sorted(c["id"] for c in response.json()["results"])

    one = api.get(f"/api/claims/{claims[0].pk}/").data
    assert one["assignee"] == "ana"
    assert ids("assignee=ana") == [claims[0].pk]
    assert ids("assignee=me") == [claims[1].pk]
    assert ids("assignee=none") == [claims[2].pk]
    bad = api.get("/api/claims/?assignee=nobody-here")
    assert bad.status_code == 400 and "assignee" in bad.data
    assert APIClient().get("/api/claims/?assignee=me").json()["results"] == []  # anonymous


def test_api_assign_gives_and_takes_back(claims, editor, colleague):
    api = APIClient()
    api.force_authenticate(editor)
    url = f"/api/claims/{claims[0].pk}/assign/"
    response = api.post(url, {"assignee": "ana"}, format="json")
    assert response.status_code == 200 and response.data["assignee"] == "ana"
    response = api.post(url, {"assignee": None}, format="json")
    assert response.status_code == 200 and response.data["assignee"] is None
    assert history(claims[0]) == ["Assigned to ana.", "Unassigned (was ana)."]


def test_api_assign_refuses_a_non_editor_by_name(claims, editor, staff_reader):
    api = APIClient()
    api.force_authenticate(editor)
    response = api.post(f"/api/claims/{claims[0].pk}/assign/", {"assignee": "reader"})
    assert response.status_code == 400 and "assignee" in response.data
    assert "reader" in str(response.data["assignee"])
    claims[0].refresh_from_db()
    assert claims[0].assignee is None
