"""Every admin page renders for the people who use it, and refuses those who may not."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse

from claims.admin.display import VERDICT_COLOURS
from claims.models import Actor, ActorAlias, Claim, ClaimRelation, Event, Evidence, Review
from tests.factories import give_verdict

pytestmark = pytest.mark.django_db

MODELS = ["article", "claim", "actor", "event", "review", "evidence", "claimrelation"]

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def populated(claims, editor):
    """One of everything, so every change page has an object to show."""
    rubio = claims[1].speaker
    ActorAlias.objects.create(actor=rubio, alias="Rubio")
    event = Event.objects.create(title="Riyadh talks", date=dt.date(2025, 2, 18))
    event.participants.add(rubio)
    claims[0].events.add(event)
    claims[0].actors.add(rubio)
    give_verdict(
        claims[0],
        verdict="corroborated",
        editor=editor,
        evidence=[{"url": "https://example.org/readout", "stance": "supports"}],
    )
    ClaimRelation.objects.create(from_claim=claims[0], to_claim=claims[2], relation="corroborates")
    return {
        "article": claims[0].article,
        "claim": claims[0],
        "actor": rubio,
        "event": event,
        "review": Review.objects.get(),
        "evidence": Evidence.objects.get(),
        "claimrelation": ClaimRelation.objects.get(),
    }


def login(client, user: User):
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("who", ["superuser", "editor"])
def test_changelist_and_change_pages_render(client, populated, request, who, model):
    login(client, request.getfixturevalue(who))
    obj = populated[model]
    changelist = client.get(reverse(f"admin:claims_{model}_changelist"))
    assert changelist.status_code == 200
    change = client.get(reverse(f"admin:claims_{model}_change", args=[obj.pk]))
    assert change.status_code == 200


@pytest.mark.parametrize(
    "model", ["article", "claim", "actor", "event", "evidence", "claimrelation"]
)
@pytest.mark.parametrize("who", ["superuser", "editor"])
def test_add_pages_render(client, populated, request, who, model):
    login(client, request.getfixturevalue(who))
    assert client.get(reverse(f"admin:claims_{model}_add")).status_code == 200


CHANGE_POSTS = {
    "article": {"title": "Rewritten"},
    "claim": {"verdict": "mixed", "verdict_note": "reader"},
    "actor": {"name": "Renamed", "kind": "person"},
    "event": {"title": "Renamed", "status": "confirmed"},
    "review": {"note": "rewritten"},
    "evidence": {"url": "https://example.org/x", "stance": "context"},
    "claimrelation": {"relation": "duplicates"},
}
ACTIONS = {
    "article": "reimport_articles",
    "claim": "set_contradicted",
    "actor": "merge_actors",
    "event": "dismiss_events",
    "review": "delete_selected",
    "evidence": "delete_selected",
    "claimrelation": "delete_selected",
}


@pytest.mark.parametrize("model", MODELS)
def test_user_without_permissions_is_refused(client, populated, staff_reader, model):
    """Staff without the Editors group read every page, read-only, and every write is 403."""
    login(client, staff_reader)
    obj = populated[model]
    changelist = client.get(reverse(f"admin:claims_{model}_changelist"))
    assert changelist.status_code == 200
    assert 'name="action"' not in changelist.content.decode()  # no actions offered
    change_url = reverse(f"admin:claims_{model}_change", args=[obj.pk])
    change = client.get(change_url)
    assert change.status_code == 200
    html = change.content.decode()
    assert 'name="_save"' not in html and 'name="_continue"' not in html

    before = {m: populated[m].__class__.objects.count() for m in populated}
    assert client.post(change_url, CHANGE_POSTS[model]).status_code == 403
    action = {"action": ACTIONS[model], "_selected_action": [obj.pk], "index": 0}
    assert client.post(reverse(f"admin:claims_{model}_changelist"), action).status_code == 403
    confirmed = {**action, "apply": "1", "post": "yes"}
    assert client.post(reverse(f"admin:claims_{model}_changelist"), confirmed).status_code == 403
    assert client.get(reverse(f"admin:claims_{model}_add")).status_code == 403
    delete_url = reverse(f"admin:claims_{model}_delete", args=[obj.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert {m: populated[m].__class__.objects.count() for m in populated} == before
    obj.refresh_from_db()
    assert str(obj) == str(populated[model])


def test_staff_reader_sees_the_claims_app_on_the_index(client, populated, staff_reader):
    login(client, staff_reader)
    html = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:claims_claim_changelist") in html
    assert reverse("admin:claims_claim_add") not in html


@pytest.mark.parametrize("model", MODELS)
def test_non_staff_user_is_sent_to_login(client, populated, model):
    user = User.objects.create_user("outsider", password="pw-outsider-1")
    user.groups.add(Group.objects.get(name="Editors"))  # permissions alone don't open the admin
    login(client, user)
    obj = populated[model]
    for url in [
        reverse(f"admin:claims_{model}_changelist"),
        reverse(f"admin:claims_{model}_change", args=[obj.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("admin:login") in response["Location"]
    response = client.post(reverse(f"admin:claims_{model}_change", args=[obj.pk]), {})
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]


def test_inactive_staff_is_sent_to_login(client, populated, staff_reader):
    staff_reader.is_active = False
    staff_reader.save()
    login(client, staff_reader)
    response = client.get(reverse("admin:claims_claim_changelist"))
    assert response.status_code == 302


def test_anonymous_is_sent_to_login(client, populated):
    response = client.get(reverse("admin:claims_claim_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_review_history_is_read_only_for_editors(client, populated, editor):
    login(client, editor)
    review = populated["review"]
    url = reverse("admin:claims_review_change", args=[review.pk])
    response = client.post(url, {"note": "rewritten", "verdict": "mixed"})
    assert response.status_code == 403
    delete = client.post(reverse("admin:claims_review_delete", args=[review.pk]), {"post": "yes"})
    assert delete.status_code == 403
    assert Review.objects.get(pk=review.pk).note == ""
    assert client.get(reverse("admin:claims_review_add")).status_code == 403


def test_editors_cannot_delete_articles_or_claims(client, populated, editor):
    login(client, editor)
    article = populated["article"]
    url = reverse("admin:claims_article_delete", args=[article.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403


def test_verdict_badges_and_summary_shown(client, populated, editor):
    login(client, editor)
    html = client.get(reverse("admin:claims_claim_changelist")).content.decode()
    assert 'class="verdict-badge verdict-corroborated"' in html
    assert 'class="verdict-badge verdict-unverified"' in html
    article_html = client.get(reverse("admin:claims_article_changelist")).content.decode()
    assert "verdict-corroborated" in article_html


def test_badges_are_styled_by_the_admin_stylesheet(client, populated, editor):
    """The badge's look is in claims/admin/claims.css (no style strings in Python), which every
    page showing badges loads, in the colours of VERDICT_COLOURS."""
    login(client, editor)
    pages = [
        reverse("admin:claims_claim_changelist"),
        reverse("admin:claims_claim_change", args=[populated["claim"].pk]),
        reverse("admin:claims_article_changelist"),
        reverse("admin:claims_article_change", args=[populated["article"].pk]),
        reverse("admin:claims_event_change", args=[populated["event"].pk]),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "claims/admin/claims.css" in html, url
        assert "<style" not in html and "background:" not in html, url
    css = (ROOT / "claims" / "static" / "claims" / "admin" / "claims.css").read_text("utf-8")
    colours = dict(
        re.findall(r"\.verdict-badge\.verdict-([a-z]+) \{ background: (#[0-9a-f]{6}); \}", css)
    )
    assert colours == {str(verdict): colour for verdict, colour in VERDICT_COLOURS.items()}


def test_article_page_lists_claims_in_order(client, populated, editor):
    login(client, editor)
    article = populated["article"]
    html = client.get(reverse("admin:claims_article_change", args=[article.pk])).content.decode()
    positions = [html.index(c.text[3:25]) for c in article.claims.order_by("position")]
    assert positions == sorted(positions)


def claim_form_data(claim: Claim, **overrides) -> dict:
    data = {
        "article": claim.article_id,
        "position": claim.position,
        "text": claim.text,
        "kind": claim.kind,
        "speaker": claim.speaker_id or "",
        "start": claim.start,
        "end": claim.end,
        "paragraph": claim.paragraph,
        "verdict": claim.verdict,
        "verdict_note": claim.verdict_note,
        "mentioned_dates-text": [d["text"] for d in claim.mentioned_dates],
        "mentioned_dates-date": [d["date"] for d in claim.mentioned_dates],
        "mentioned_dates-precision": [d["precision"] for d in claim.mentioned_dates],
        "check_worthiness": "" if claim.check_worthiness is None else claim.check_worthiness,
        "loaded_version": claim.version,
        "actors": [a.pk for a in claim.actors.all()],
        "events": [e.pk for e in claim.events.all()],
        "assignee": claim.assignee_id or "",
    }
    for prefix, model in [("reviews", Review), ("evidence", Evidence)]:
        existing = list(model.objects.filter(claim=claim).order_by("-created_at", "-id"))
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": len(existing),
                f"{prefix}-INITIAL_FORMS": len(existing),
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
        for i, obj in enumerate(existing):
            data[f"{prefix}-{i}-id"] = obj.pk
            data[f"{prefix}-{i}-claim"] = claim.pk
            if model is Evidence:
                data.update(
                    {
                        f"{prefix}-{i}-stance": obj.stance,
                        f"{prefix}-{i}-url": obj.url,
                        f"{prefix}-{i}-title": obj.title,
                        f"{prefix}-{i}-excerpt": obj.excerpt,
                    }
                )
    data.update(overrides)
    return data


def test_verdict_change_in_admin_writes_review(client, claims, editor):
    login(client, editor)
    claim = claims[2]
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    response = client.post(
        url, claim_form_data(claim, verdict="unverifiable", verdict_note="No named analysts.")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    claim.refresh_from_db()
    assert (claim.verdict, claim.version, claim.reviewed_by) == ("unverifiable", 2, editor)
    review = claim.reviews.get()
    assert (review.editor, review.note) == (editor, "No named analysts.")


def test_stale_admin_form_is_refused_and_nothing_overwritten(client, claims, editor):
    login(client, editor)
    claim = claims[2]
    form = claim_form_data(claim, verdict="contradicted", verdict_note="Mine.", paragraph=2)
    other = User.objects.create_user("other", is_staff=True)
    other.groups.add(Group.objects.get(name="Editors"))
    give_verdict(
        Claim.objects.get(pk=claim.pk), verdict="corroborated", editor=other, note="Theirs"
    )

    response = client.post(reverse("admin:claims_claim_change", args=[claim.pk]), form)
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.verdict, claim.verdict_note, claim.version) == ("corroborated", "Theirs", 2)
    assert claim.paragraph == 0  # the other field edits of the stale form were rolled back too
    assert claim.reviews.count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "changed by someone else meanwhile" in page


def test_editors_group_has_exactly_the_editor_permissions():
    group = Group.objects.get(name="Editors")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert "review_claim" in codenames
    assert {
        "add_claimrelation",
        "delete_claimrelation",
        "change_claim",
        "add_evidence",
    } <= codenames
    assert not {"change_review", "delete_review", "delete_article", "delete_claim"} & codenames
    assert {p.content_type.app_label for p in group.permissions.all()} == {"claims"}
    assert all(
        Permission.objects.filter(codename=f"view_{m}").exists() and f"view_{m}" in codenames
        for m in MODELS
    )


def test_actor_admin_shows_aliases_and_counts(client, populated, editor):
    login(client, editor)
    actor: Actor = populated["actor"]
    html = client.get(reverse("admin:claims_actor_change", args=[actor.pk])).content.decode()
    assert 'value="Rubio"' in html
    listing = client.get(reverse("admin:claims_actor_changelist")).content.decode()
    assert "Marco Rubio" in listing
