"""The claim page as editors use it: the claim in context, verdicts with evidence and history,
relations across articles, split / merge buttons — and the same page read-only for staff
readers, whose every POST is refused."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, User
from django.urls import reverse

from claims.models import (
    Actor,
    ActorAlias,
    Article,
    Claim,
    ClaimRelation,
    Event,
    Evidence,
    Review,
)
from tests.factories import give_verdict, make_claim
from tests.test_admin import claim_form_data

pytestmark = pytest.mark.django_db

OTHER_BODY = (
    "Rubio in Riyadh\n\n"
    "Marco Rubio said the Riyadh talks on February 18, 2025 ended the war.\n\n"
    "It rained in Lisbon on Tuesday."
)


def change_url(claim: Claim) -> str:
    return reverse("admin:claims_claim_change", args=[claim.pk])


def page(client, claim: Claim) -> str:
    response = client.get(change_url(claim))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def world(claims):
    """Claims in two articles that share an actor, an event and a date."""
    rubio = claims[1].speaker
    ActorAlias.objects.create(actor=rubio, alias="Rubio")
    event = Event.objects.create(title="Riyadh talks", date=dt.date(2025, 2, 18))
    dates = [{"text": "February 18, 2025", "date": "2025-02-18", "precision": "day"}]
    met = claims[0]
    met.mentioned_dates = dates
    met.save()
    met.actors.add(rubio)
    met.events.add(event)
    other = Article.objects.create(
        title="Rubio in Riyadh",
        publisher="Other Daily",
        published_on=dt.date(2025, 2, 19),
        body=OTHER_BODY,
        raw_text=OTHER_BODY,
        content_hash="1" * 64,
        source_name="other.txt",
    )
    ended = make_claim(
        other,
        "Marco Rubio said the Riyadh talks on February 18, 2025 ended the war.",
        0,
        speaker=rubio,
        mentioned_dates=dates,
    )
    ended.actors.add(rubio)
    ended.events.add(event)
    rain = make_claim(other, "It rained in Lisbon on Tuesday.", 1)
    return {"met": met, "quote": claims[1], "analysts": claims[2], "ended": ended, "rain": rain}


# --- 1. Reading a claim in context -----------------------------------------------------------


@pytest.mark.parametrize("who", ["editor", "staff_reader"])
def test_claim_page_shows_the_claim_in_its_paragraph_with_everything_it_names(
    client, world, request, who
):
    client.force_login(request.getfixturevalue(who))
    met = world["met"]
    html = page(client, met)
    context = re.search(r'<p class="claim-context">(.*?)</p>', html, re.S).group(1)
    assert context == (
        "<mark>US and Russian officials met in Riyadh on February 18, 2025.</mark> "
        "“We want the war to end,” Marco Rubio said."
    )
    panel = html[html.index('id="claim-in-context"') : html.index("</section>")]
    for shown in [
        "Talks in Riyadh",  # article title
        "Example News",  # publisher
        "Marco Rubio",  # mentioned actor
        "“February 18, 2025” = 2025-02-18",  # date
        "Riyadh talks",  # event
        reverse("admin:claims_article_change", args=[met.article_id]),
    ]:
        assert shown in panel, shown
    quote_html = page(client, world["quote"])
    assert "Marco Rubio</a> (US Secretary of State)" in quote_html  # speaker and role


def test_article_date_is_shown(client, world, editor):
    client.force_login(editor)
    article = world["met"].article
    article.published_on = dt.date(2025, 2, 18)
    article.save()
    assert "18 Feb 2025" in page(client, world["met"])


SCRIPT = "<script>alert(1)</script>"


def test_user_controlled_text_is_escaped_on_the_claim_page_and_lists(client, editor, staff_reader):
    body = f"Title {SCRIPT}\n\nThe minister wrote {SCRIPT} on the wall. Then left."
    article = Article.objects.create(
        title=f"Hack {SCRIPT}",
        publisher=SCRIPT,
        body=body,
        raw_text=body,
        content_hash="2" * 64,
    )
    claim = make_claim(article, f"The minister wrote {SCRIPT} on the wall.", 0)
    actor = Actor.objects.create(name=f"Mallory {SCRIPT}", description=SCRIPT)
    claim.speaker = actor
    claim.mentioned_dates = [{"text": SCRIPT, "date": SCRIPT, "precision": SCRIPT}]
    claim.save()
    claim.actors.add(actor)
    claim.events.add(Event.objects.create(title=SCRIPT))
    give_verdict(
        claim,
        verdict="mixed",
        editor=editor,
        note=SCRIPT,
        evidence=[{"url": "https://example.org/", "title": SCRIPT, "excerpt": SCRIPT}],
    )
    other = make_claim(article, "Then left.", 1)
    ClaimRelation.objects.create(
        from_claim=other, to_claim=claim, relation="duplicates", note=SCRIPT
    )
    for user in (editor, staff_reader):
        client.force_login(user)
        urls = [
            change_url(claim),
            change_url(other),
            reverse("admin:claims_claim_changelist"),
            reverse("admin:claims_claim_changelist") + f"?q=minister&article={article.pk}",
            reverse("admin:claims_article_change", args=[article.pk]),
            reverse("admin:claims_article_changelist"),
            reverse("admin:claims_claim_split", args=[claim.pk]),
            reverse("admin:claims_claim_merge", args=[claim.pk]),
        ]
        for url in urls:
            response = client.get(url)
            if user == staff_reader and ("split" in url or "merge" in url):
                assert response.status_code == 403
                continue
            html = response.content.decode()
            assert response.status_code == 200, url
            assert SCRIPT not in html, url
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url


# --- 2. Verdicts ------------------------------------------------------------------------------


def with_evidence(data: dict, index: int, **fields) -> dict:
    data = dict(data)
    data["evidence-TOTAL_FORMS"] = int(data["evidence-TOTAL_FORMS"]) + 1
    defaults = {"stance": "context", "url": "", "title": "", "excerpt": ""}
    for name, value in {**defaults, **fields}.items():
        data[f"evidence-{index}-{name}"] = value
    return data


def test_verdict_with_note_and_evidence_from_the_claim_page(client, world, editor):
    client.force_login(editor)
    claim = world["analysts"]
    data = claim_form_data(claim, verdict="contradicted", verdict_note="No analyst named.")
    data = with_evidence(
        data,
        0,
        url="https://example.org/analysis",
        title="What analysts said",
        excerpt="Nobody called it a first step.",
        stance="refutes",
    )
    response = client.post(change_url(claim), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    claim.refresh_from_db()
    assert (claim.verdict, claim.verdict_note, claim.reviewed_by) == (
        "contradicted",
        "No analyst named.",
        editor,
    )
    review = claim.reviews.get()
    assert (review.editor, review.previous_verdict, review.verdict) == (
        editor,
        "unverified",
        "contradicted",
    )
    evidence = Evidence.objects.get(claim=claim)
    assert (evidence.review, evidence.added_by, evidence.stance, evidence.url) == (
        review,
        editor,
        "refutes",
        "https://example.org/analysis",
    )
    html = page(client, claim)
    history = html[html.index('id="reviews-group"') :]
    assert "No analyst named." in history and "What analysts said" in history


def test_history_lists_evidence_one_per_line_and_links_only_real_urls(client, world, editor):
    client.force_login(editor)
    claim = world["analysts"]
    data = claim_form_data(claim, verdict="mixed", verdict_note="Two sources.")
    data = with_evidence(data, 0, url="https://example.org/a", title="Linked source")
    data = with_evidence(data, 1, title="Phone call", excerpt="The ministry confirmed it.")
    assert client.post(change_url(claim), data).status_code == 302
    html = page(client, claim)
    history = html[html.index('id="reviews-group"') :]
    assert "&lt;br&gt;" not in history  # the separator is a line break, not text
    assert re.search(r"Phone call<br>\w+ <a |</a><br>\w+ Phone call", history)
    assert '<a href="https://example.org/a"' in history
    assert 'href="#"' not in history  # evidence without a URL is not a dead link


def test_history_is_newest_first_and_read_only_on_the_page(client, world, editor):
    client.force_login(editor)
    claim = world["analysts"]
    for verdict, note in [("corroborated", "first-note"), ("mixed", "second-note")]:
        claim.refresh_from_db()
        data = claim_form_data(claim, verdict=verdict, verdict_note=note)
        assert client.post(change_url(claim), data).status_code == 302
    html = page(client, claim)
    history = html[html.index('id="reviews-group"') :]
    assert history.index("second-note") < history.index("first-note")
    assert 'name="reviews-0-note"' not in history  # shown as text, not as an input
    assert 'name="reviews-0-DELETE"' not in history
    assert claim.reviews.count() == 2


def test_evidence_without_a_verdict_change_is_added_on_its_own(client, world, editor):
    client.force_login(editor)
    claim = world["analysts"]
    data = with_evidence(claim_form_data(claim), 0, url="https://example.org/bg", title="bg")
    assert client.post(change_url(claim), data).status_code == 302
    evidence = Evidence.objects.get(claim=claim)
    assert (evidence.review, evidence.added_by) == (None, editor)
    assert not claim.reviews.exists()


def test_evidence_needs_a_url_or_excerpt(client, world, editor):
    client.force_login(editor)
    claim = world["analysts"]
    data = with_evidence(claim_form_data(claim, verdict="mixed"), 0, title="only a title")
    response = client.post(change_url(claim), data)
    assert response.status_code == 200  # the form again, with the error
    assert not Review.objects.exists() and not Evidence.objects.exists()


def test_back_to_unverified_is_a_verdict_change_too(client, world, editor):
    client.force_login(editor)
    claim = world["analysts"]
    give_verdict(claim, verdict="corroborated", editor=editor)
    data = claim_form_data(claim, verdict="unverified", verdict_note="Reopened.")
    assert client.post(change_url(claim), data).status_code == 302
    claim.refresh_from_db()
    assert (claim.verdict, claim.reviewed_by, claim.reviews.count()) == ("unverified", None, 2)


def test_second_editor_is_told_when_other_fields_changed_meanwhile(client, world, editor):
    """Optimistic locking covers every save of the claim form, not only verdicts."""
    client.force_login(editor)
    claim = world["analysts"]
    stale = claim_form_data(claim, kind="quote")
    other = User.objects.create_user("other", is_staff=True)
    other.groups.add(Group.objects.get(name="Editors"))
    client.force_login(other)
    first = claim_form_data(claim, speaker=world["quote"].speaker_id)
    assert client.post(change_url(claim), first).status_code == 302
    claim.refresh_from_db()
    assert (claim.speaker, claim.version) == (world["quote"].speaker, 2)

    client.force_login(editor)
    response = client.post(change_url(claim), stale)
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.kind, claim.speaker, claim.version) == ("statement", world["quote"].speaker, 2)
    assert "changed by someone else meanwhile" in client.get(response["Location"]).content.decode()


def test_offsets_and_position_are_read_only_on_the_claim_form(client, world, editor):
    client.force_login(editor)
    claim = world["analysts"]
    data = claim_form_data(claim, text="Analysts say", start=0, end=3, position=9)
    assert client.post(change_url(claim), data).status_code == 302
    claim.refresh_from_db()
    assert (claim.text, claim.position) == ("Analysts say the talks were a first step.", 2)
    html = page(client, claim)
    assert 'name="text"' not in html and 'name="start"' not in html
    assert reverse("admin:claims_claim_split", args=[claim.pk]) in html
    assert reverse("admin:claims_claim_merge", args=[claim.pk]) not in html  # last: no next
    first = page(client, world["met"])
    assert reverse("admin:claims_claim_merge", args=[world["met"].pk]) in first


def test_changing_speaker_and_actors_uses_autocomplete(client, world, editor):
    client.force_login(editor)
    html = page(client, world["met"])
    for field in ["speaker", "actors", "events"]:
        tag = re.search(rf'<select[^>]*name="{field}"[^>]*>', html).group(0)
        assert "admin-autocomplete" in tag, field
    rubio = world["quote"].speaker
    data = claim_form_data(world["analysts"], speaker=rubio.pk, actors=[rubio.pk])
    assert client.post(change_url(world["analysts"]), data).status_code == 302
    analysts = Claim.objects.get(pk=world["analysts"].pk)
    assert analysts.speaker == rubio and list(analysts.actors.all()) == [rubio]


# --- 2b. Bulk verdicts -----------------------------------------------------------------------


def bulk(client, claims, action="set_contradicted", **extra):
    data = {"action": action, "_selected_action": [c.pk for c in claims], **extra}
    return client.post(reverse("admin:claims_claim_changelist"), data)


def test_bulk_verdict_asks_for_a_note_then_writes_one_review_each(client, world, editor):
    client.force_login(editor)
    chosen = [world["met"], world["analysts"]]
    confirm = bulk(client, chosen, index=0)
    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert 'name="note"' in html and 'name="apply"' in html
    assert world["met"].text in html and world["analysts"].text in html
    versions = re.search(r'name="versions" value="([^"]+)"', html).group(1)
    assert '<option value="refutes" selected>' in html  # contradicted: refuting evidence

    done = bulk(
        client,
        chosen,
        apply="1",
        note="Both wrong.",
        versions=versions,
        evidence_url="https://example.org/fact",
        evidence_stance="refutes",
    )
    assert done.status_code == 302
    for claim in chosen:
        claim.refresh_from_db()
        review = claim.reviews.get()
        assert (claim.verdict, review.editor, review.note) == (
            "contradicted",
            editor,
            "Both wrong.",
        )
        assert review.evidence.get().url == "https://example.org/fact"
    assert world["quote"].reviews.count() == 0


@pytest.mark.parametrize("verdict", [v for v in Claim.Verdict.values])
def test_every_verdict_is_a_bulk_action(client, world, editor, verdict):
    client.force_login(editor)
    claim = world["analysts"]
    if verdict == "unverified":
        give_verdict(claim, verdict="mixed", editor=editor)
    done = bulk(
        client,
        [claim],
        action=f"set_{verdict}",
        apply="1",
        note="n",
        versions=f"{claim.pk}:{claim.version}",
        evidence_stance="context",
    )
    assert done.status_code == 302
    claim.refresh_from_db()
    assert claim.verdict == verdict and claim.reviews.first().editor == editor


def test_bulk_verdict_on_a_claim_changed_meanwhile_changes_nothing(client, world, editor):
    client.force_login(editor)
    chosen = [world["met"], world["analysts"]]
    versions = ",".join(f"{c.pk}:{c.version}" for c in chosen)
    give_verdict(world["analysts"], verdict="corroborated", editor=editor, note="meanwhile")
    done = bulk(client, chosen, apply="1", note="x", versions=versions, evidence_stance="context")
    assert done.status_code == 302
    assert Review.objects.count() == 1
    assert Claim.objects.get(pk=world["met"].pk).verdict == "unverified"
    messages = client.get(done["Location"]).content.decode()
    assert "changed by someone else meanwhile" in messages


# --- 3. Relations across articles ------------------------------------------------------------


def test_related_panel_ranks_claims_from_other_articles(client, world, editor):
    client.force_login(editor)
    weak_body = "Weather\n\nRussian diplomats in Riyadh discussed the weather."
    weak_article = Article.objects.create(
        title="Weather", body=weak_body, raw_text=weak_body, content_hash="3" * 64
    )
    weak = make_claim(weak_article, "Russian diplomats in Riyadh discussed the weather.", 0)
    html = page(client, world["met"])
    panel = html[html.index('id="related-suggestions"') :]
    rows = re.findall(r'class="related-candidate" data-claim="(\d+)"', panel)
    assert rows[0] == str(world["ended"].pk)  # shares actor, event, date and words
    assert str(weak.pk) in rows and rows.index(str(weak.pk)) > 0
    assert str(world["quote"].pk) not in rows  # never the claim's own article
    assert str(world["rain"].pk) not in rows  # nothing in common
    assert "shared events: Riyadh talks" in panel
    assert len(re.findall(r'class="relate-contradicts(?: suggested)?"', panel)) == len(rows)
    assert panel.count("suggested: <strong>") == len(rows)  # every row suggests a relation


def test_one_click_relation_is_shown_both_ways_and_can_be_removed(client, world, editor):
    client.force_login(editor)
    met, ended = world["met"], world["ended"]
    url = reverse("admin:claims_claim_relate", args=[met.pk])
    response = client.post(url, {"to_claim": ended.pk, "relation": "contradicts"})
    assert response.status_code == 302
    relation = ClaimRelation.objects.get()
    assert (relation.from_claim, relation.to_claim, relation.relation, relation.created_by) == (
        met,
        ended,
        "contradicts",
        editor,
    )
    # The same click again does not duplicate it.
    assert client.post(url, {"to_claim": ended.pk, "relation": "contradicts"}).status_code == 302
    assert ClaimRelation.objects.count() == 1

    outgoing = page(client, met)
    row = re.search(r'<tr class="relation-outgoing">(.*?)</tr>', outgoing, re.S).group(1)
    assert "contradicts" in row and ended.text in row and "Rubio in Riyadh" in row
    assert str(ended.pk) not in re.findall(
        r'class="related-candidate" data-claim="(\d+)"', outgoing
    )  # no longer suggested
    incoming = page(client, ended)
    row = re.search(r'<tr class="relation-incoming">(.*?)</tr>', incoming, re.S).group(1)
    assert "contradicts this one" in row and met.text in row and "Talks in Riyadh" in row

    remove = reverse("admin:claims_claim_unrelate", args=[ended.pk])
    assert client.post(remove, {"relation_id": relation.pk}).status_code == 302
    assert not ClaimRelation.objects.exists()


def test_one_click_relation_the_other_way_round_is_the_existing_one(client, world, editor):
    client.force_login(editor)
    met, ended = world["met"], world["ended"]
    theirs = ClaimRelation.objects.create(
        from_claim=ended, to_claim=met, relation="contradicts", note="theirs"
    )
    url = reverse("admin:claims_claim_relate", args=[met.pk])
    response = client.post(url, {"to_claim": ended.pk, "relation": "contradicts"}, follow=True)
    assert response.status_code == 200
    assert f"Already linked: that claim contradicts this one (relation {theirs.pk})." in (
        response.content.decode()
    )
    assert list(ClaimRelation.objects.values_list("pk", "from_claim", "note")) == [
        (theirs.pk, ended.pk, "theirs")
    ]


def test_relation_admin_add_form_refuses_the_mirror_of_a_link(client, world, editor, monkeypatch):
    """The plain relation admin: the form names the problem; and when the mirror link is saved
    by someone else after the form's check, the database refuses it and the editor is taken to
    the existing relation with a message, not a 500."""
    client.force_login(editor)
    met, ended = world["met"], world["ended"]
    theirs = ClaimRelation.objects.create(from_claim=ended, to_claim=met, relation="duplicates")
    add = reverse("admin:claims_claimrelation_add")
    data = {"from_claim": met.pk, "to_claim": ended.pk, "relation": "duplicates", "note": "mine"}
    response = client.post(add, data)
    assert response.status_code == 200
    assert "already linked with this relation (in one direction or the other)" in (
        response.content.decode()
    )
    assert ClaimRelation.objects.count() == 1

    # The check passes (as it would just before the other editor's commit); the insert fails.
    monkeypatch.setattr(ClaimRelation, "validate_constraints", lambda self, exclude=None: None)
    response = client.post(add, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:claims_claimrelation_change", args=[theirs.pk])
    page = client.get(response["Location"]).content.decode()
    assert f"already linked as “duplicates” (relation {theirs.pk}" in page
    assert list(ClaimRelation.objects.values_list("pk", "note")) == [(theirs.pk, "")]
    assert not LogEntry.objects.filter(action_flag=ADDITION).exists()  # rolled back too


def test_relation_to_itself_or_unknown_is_refused(client, world, editor):
    client.force_login(editor)
    met = world["met"]
    url = reverse("admin:claims_claim_relate", args=[met.pk])
    client.post(url, {"to_claim": met.pk, "relation": "duplicates"})
    client.post(url, {"to_claim": world["ended"].pk, "relation": "likes"})
    client.post(url, {"to_claim": 999999, "relation": "duplicates"})
    assert not ClaimRelation.objects.exists()
    assert client.get(url).status_code == 405


def test_removing_another_claims_relation_is_refused(client, world, editor):
    client.force_login(editor)
    relation = ClaimRelation.objects.create(
        from_claim=world["ended"], to_claim=world["rain"], relation="corroborates"
    )
    url = reverse("admin:claims_claim_unrelate", args=[world["met"].pk])
    assert client.post(url, {"relation_id": relation.pk}).status_code == 302
    assert ClaimRelation.objects.filter(pk=relation.pk).exists()


def test_relation_buttons_need_their_permissions(client, world, editor):
    """Editors without delete_claimrelation see no Remove button and get 403."""
    relation = ClaimRelation.objects.create(
        from_claim=world["met"], to_claim=world["ended"], relation="corroborates"
    )
    limited = User.objects.create_user("limited", is_staff=True)
    limited.groups.add(Group.objects.get(name="Editors"))
    limited.user_permissions.set([])
    group = Group.objects.create(name="No relation rights")
    group.permissions.set(
        Group.objects.get(name="Editors").permissions.exclude(
            codename__in=["add_claimrelation", "delete_claimrelation"]
        )
    )
    limited.groups.set([group])
    client.force_login(limited)
    html = page(client, world["met"])
    assert 'class="remove-relation"' not in html and 'class="relate-contradicts"' not in html
    remove = reverse("admin:claims_claim_unrelate", args=[world["met"].pk])
    assert client.post(remove, {"relation_id": relation.pk}).status_code == 403
    relate = reverse("admin:claims_claim_relate", args=[world["met"].pk])
    assert (
        client.post(relate, {"to_claim": world["rain"].pk, "relation": "duplicates"}).status_code
        == 403
    )
    assert ClaimRelation.objects.count() == 1


# --- 5. Split and merge from the claim page --------------------------------------------------


def test_split_page_offers_sentence_boundaries_and_splits(client, world, editor):
    client.force_login(editor)
    body = "Two in one\n\nPrices rose 5% in March. Wages fell in April."
    article = Article.objects.create(title="Two", body=body, raw_text=body, content_hash="4" * 64)
    claim = make_claim(article, "Prices rose 5% in March. Wages fell in April.", 0)
    give_verdict(claim, verdict="corroborated", editor=editor)
    split_url = reverse("admin:claims_claim_split", args=[claim.pk])
    html = client.get(split_url).content.decode()
    assert 'name="at" value="25"' in html
    assert "The first part keeps this claim" in html  # reviewed: says who keeps history
    response = client.post(split_url, {"at": 25})
    assert response.status_code == 302
    first, second = article.claims.order_by("position")
    assert (first.pk, first.text, first.verdict) == (
        claim.pk,
        "Prices rose 5% in March.",
        "corroborated",
    )
    assert (second.text, second.verdict, second.position) == (
        "Wages fell in April.",
        "unverified",
        1,
    )
    assert first.reviews.count() == 1 and not second.reviews.exists()


def test_split_at_a_bad_offset_shows_the_reason(client, world, editor):
    client.force_login(editor)
    claim = world["analysts"]
    response = client.post(reverse("admin:claims_claim_split", args=[claim.pk]), {"at_custom": 500})
    assert response.status_code == 200
    assert "outside the claim" in response.content.decode()
    assert Claim.objects.count() == 5


def test_merge_page_previews_and_merges(client, world, editor):
    client.force_login(editor)
    met, quote = world["met"], world["quote"]
    give_verdict(quote, verdict="corroborated", editor=editor)
    merge_url = reverse("admin:claims_claim_merge", args=[met.pk])
    html = client.get(merge_url).content.decode()
    assert "The merged claim will read" in html and "verdict (corroborated) and history" in html
    response = client.post(merge_url)
    assert response.status_code == 302
    merged = Claim.objects.get(pk=quote.pk)  # the reviewed one keeps its identity
    assert merged.text.startswith("US and Russian") and merged.text.endswith("Rubio said.")
    assert not Claim.objects.filter(pk=met.pk).exists()
    assert response["Location"] == change_url(merged)


def test_merging_two_different_verdicts_is_refused_with_the_reason(client, world, editor):
    client.force_login(editor)
    met, quote = world["met"], world["quote"]
    give_verdict(met, verdict="contradicted", editor=editor)
    give_verdict(quote, verdict="corroborated", editor=editor)
    merge_url = reverse("admin:claims_claim_merge", args=[met.pk])
    html = client.get(merge_url).content.decode()
    assert "Cannot merge" in html and 'value="Merge"' not in html
    response = client.post(merge_url)
    assert "Cannot merge" in client.get(response["Location"]).content.decode()
    assert Claim.objects.filter(pk__in=[met.pk, quote.pk]).count() == 2


# --- Roles on the claim page -----------------------------------------------------------------


def test_staff_reader_sees_the_claim_page_without_any_button(client, world, staff_reader):
    ClaimRelation.objects.create(
        from_claim=world["met"], to_claim=world["ended"], relation="corroborates"
    )
    client.force_login(staff_reader)
    html = page(client, world["met"])
    assert world["ended"].text in html  # relations and suggestions are readable
    for absent in [
        'name="_save"',
        'class="remove-relation"',
        'class="relate-',
        reverse("admin:claims_claim_split", args=[world["met"].pk]),
        reverse("admin:claims_claim_merge", args=[world["met"].pk]),
        'name="evidence-0-url"',
    ]:
        assert absent not in html, absent
    assert 'id="reviews-group"' in html  # the history is readable too


def test_staff_reader_gets_403_on_every_claim_post(client, world, staff_reader, editor):
    give_verdict(world["met"], verdict="mixed", editor=editor)
    relation = ClaimRelation.objects.create(
        from_claim=world["met"], to_claim=world["ended"], relation="corroborates"
    )
    client.force_login(staff_reader)
    met = world["met"]
    posts = [
        (change_url(met), claim_form_data(met, verdict="contradicted")),
        (
            reverse("admin:claims_claim_relate", args=[met.pk]),
            {"to_claim": world["rain"].pk, "relation": "duplicates"},
        ),
        (reverse("admin:claims_claim_unrelate", args=[met.pk]), {"relation_id": relation.pk}),
        (reverse("admin:claims_claim_split", args=[met.pk]), {"at": 10}),
        (reverse("admin:claims_claim_merge", args=[met.pk]), {}),
        (
            reverse("admin:claims_claim_changelist"),
            {
                "action": "set_contradicted",
                "_selected_action": [met.pk],
                "apply": "1",
                "note": "x",
                "versions": f"{met.pk}:{met.version}",
                "evidence_stance": "context",
            },
        ),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    for url in [
        reverse("admin:claims_claim_split", args=[met.pk]),
        reverse("admin:claims_claim_merge", args=[met.pk]),
    ]:
        assert client.get(url).status_code == 403
    met.refresh_from_db()
    assert (met.verdict, met.version) == ("mixed", 2)
    assert Claim.objects.count() == 5 and ClaimRelation.objects.count() == 1
    assert Review.objects.count() == 1


def test_claim_page_buttons_are_csrf_protected(world, editor):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    met = world["met"]
    html = client.get(change_url(met)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    relate = reverse("admin:claims_claim_relate", args=[met.pk])
    data = {"to_claim": world["ended"].pk, "relation": "corroborates"}
    assert client.post(relate, data).status_code == 403
    assert not ClaimRelation.objects.exists()
    assert client.post(relate, {**data, "csrfmiddlewaretoken": token}).status_code == 302
    assert ClaimRelation.objects.count() == 1


def test_bulk_verdict_with_bad_evidence_asks_again_and_changes_nothing(client, world, editor):
    client.force_login(editor)
    claim = world["met"]
    response = bulk(
        client,
        [claim],
        apply="1",
        note="n",
        versions=f"{claim.pk}:{claim.version}",
        evidence_title="a title but no link or excerpt",
        evidence_stance="refutes",
    )
    assert response.status_code == 200
    assert "Evidence needs a URL or an excerpt." in response.content.decode()
    assert not Review.objects.exists()
