"""Script or markup inside imported articles never executes anywhere.

An article whose title, sentences and people carry ``<script>``, ``<img onerror>`` and
attribute-breaking ``"><svg onload>`` payloads is imported with the real importer, then every
page that shows it is rendered: the admin's lists, change pages and intermediate pages, the
import results, the API (JSON, exact strings, never HTML), DRF's browsable API, and the
dashboard shell and its script. No HTML response may contain a payload unescaped, and each
page must contain it escaped (so the test knows the data was on the page at all).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client
from django.urls import NoReverseMatch, reverse
from rest_framework.test import APIClient

from claims import editing
from claims.importer.service import import_article
from claims.models import Actor, ActorAlias, Article, ClaimRelation, Event, Review
from tests.conftest import reading_client
from tests.factories import give_verdict

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
SVG = '"><svg onload=alert(1)>'
# What must never appear in HTML as written (an element or handler the browser would run).
RAW = ["<script>alert(1)", "<img src=x onerror", "<svg onload"]
ESCAPED = ["&lt;script&gt;alert(1)", "&lt;img src=x onerror", "&lt;svg onload"]

TITLE = f"Talks {SCRIPT} in Riyadh {SVG}"
SENTENCES = [
    f"Officials said {SCRIPT} the talks in Riyadh ended on February 18, 2025.",
    f"The minister said {IMG} exports fell by four percent in 2024.",
    f"{SVG} Analysts said the sanctions on Rosneft would stay in place until 2026.",
]
ACTOR = f"{SCRIPT} Smith"
ALIAS = f"Smith {IMG}"
NOTE = f"Refuted {SVG} {SCRIPT}"


@pytest.fixture
def hostile(superuser) -> dict:
    """The payloads everywhere an editor or the importer can put text."""
    text = f"Title: {TITLE}\nPublisher: {IMG} News\n\n" + "\n\n".join(SENTENCES) + "\n"
    result = import_article(text=text, source_name=f"{SVG}.txt")
    assert result.status == "created", result.error
    article = Article.objects.get(pk=result.article_id)
    claims = list(article.claims.order_by("position"))
    assert len(claims) >= 2, [c.text for c in claims]
    assert any(SCRIPT in c.text for c in claims)
    actor = Actor.objects.create(name=ACTOR, description=f"Minister {IMG}")
    ActorAlias.objects.create(actor=actor, alias=ALIAS)
    twin = Actor.objects.create(name=f"{SVG} Twin")
    event = Event.objects.create(title=f"Summit {SCRIPT}", location=IMG, aliases=[SVG])
    event.participants.add(actor)
    first, second = claims[0], claims[1]
    first.speaker = actor
    first.save()
    first.actors.add(actor, twin)
    first.events.add(event)
    give_verdict(
        first,
        verdict="contradicted",
        editor=superuser,
        note=NOTE,
        evidence=[
            {"url": "https://example.org/r", "title": f"Report {SCRIPT}", "stance": "refutes"},
            {"excerpt": f"Excerpt {IMG}", "stance": "context"},
        ],
    )
    # Published: the API's anonymous reads and the public page show it.
    editing.publish_claims([first], by=superuser)
    relation = ClaimRelation.objects.create(
        from_claim=first, to_claim=second, relation="contradicts", note=NOTE
    )
    return {
        "article": article,
        "claim": first,
        "other": second,
        "actor": actor,
        "twin": twin,
        "event": event,
        "review": Review.objects.get(claim=first),
        "evidence": first.evidence.first(),
        "relation": relation,
    }


def assert_escaped(response, *, must_show: int = 1, where: str = "") -> str:
    """No payload raw in an HTML response; at least ``must_show`` of them escaped."""
    assert response.status_code == 200, (where, response.status_code)
    assert response["Content-Type"].startswith("text/html"), where
    html = response.content.decode()
    for raw in RAW:
        assert raw not in html, f"{where}: {raw!r} unescaped"
    shown = sum(escaped in html for escaped in ESCAPED)
    assert shown >= must_show, f"{where}: the payloads are not on the page at all"
    return html


def admin_pages(h: dict) -> dict[str, str]:
    pages = {}
    for model, obj in [
        ("article", h["article"]),
        ("claim", h["claim"]),
        ("actor", h["actor"]),
        ("event", h["event"]),
        ("review", h["review"]),
        ("evidence", h["evidence"]),
        ("claimrelation", h["relation"]),
    ]:
        pages[f"{model} list"] = reverse(f"admin:claims_{model}_changelist")
        pages[f"{model} change"] = reverse(f"admin:claims_{model}_change", args=[obj.pk])
        pages[f"{model} history"] = reverse(f"admin:claims_{model}_history", args=[obj.pk])
    claim = h["claim"].pk
    pages["claim list searched"] = reverse("admin:claims_claim_changelist") + "?q=%3Cscript%3E"
    pages["claim list by actor"] = reverse("admin:claims_claim_changelist") + (
        f"?actor={h['actor'].pk}&speaker={h['actor'].pk}&event={h['event'].pk}"
    )
    pages["claim split"] = reverse("admin:claims_claim_split", args=[claim])
    pages["claim merge"] = reverse("admin:claims_claim_merge", args=[claim])
    pages["article delete"] = reverse("admin:claims_article_delete", args=[h["article"].pk])
    pages["actor delete"] = reverse("admin:claims_actor_delete", args=[h["actor"].pk])
    return pages


def test_admin_pages_escape_imported_and_edited_text(client: Client, hostile, superuser):
    client.force_login(superuser)
    for where, url in admin_pages(hostile).items():
        # History pages list admin log entries only; nothing here was changed in the admin.
        assert_escaped(client.get(url), where=where, must_show=0 if "history" in where else 1)


def test_admin_intermediate_pages_escape(client: Client, hostile, superuser):
    client.force_login(superuser)
    claims = [hostile["claim"].pk, hostile["other"].pk]
    bulk = client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "set_mixed", ACTION_CHECKBOX_NAME: claims, "index": 0},
    )
    assert_escaped(bulk, where="bulk verdict page")
    merge = client.post(
        reverse("admin:claims_actor_changelist"),
        {
            "action": "merge_actors",
            ACTION_CHECKBOX_NAME: [hostile["actor"].pk, hostile["twin"].pk],
            "index": 0,
        },
    )
    assert_escaped(merge, where="actor merge page")
    # Messages quote titles and claim text back to the editor.
    reimport = client.post(
        reverse("admin:claims_article_reimport", args=[hostile["article"].pk]), follow=True
    )
    assert_escaped(reimport, where="re-import message")


def test_import_results_page_escapes_titles_and_names(client: Client, editor):
    client.force_login(editor)
    text = f"Title: {TITLE}\n\n" + "\n\n".join(SENTENCES) + "\n"
    response = client.post(reverse("admin:claims_article_import"), {"text": text})
    html = assert_escaped(response, where="import results")
    assert response.context["results"][0].status == "created"
    assert "&lt;svg onload" in html


JSON_URLS = [
    "/api/claims/",
    "/api/claims/{claim}/",
    "/api/claims/{claim}/reviews/",
    "/api/claims/{claim}/relations/",
    "/api/claims/{other}/related/",
    "/api/claims/{claim}/claimreview/",
    "/api/claimreview/",
    "/api/articles/",
    "/api/articles/{article}/",
    "/api/actors/",
    "/api/actors/{actor}/",
    "/api/events/",
    "/api/stats/?group_by=speaker",
    "/api/stats/?group_by=event",
    "/api/stats/?group_by=article",
]


def test_api_returns_the_exact_strings_as_json_never_html(hostile, reader):
    client = reading_client(reader)  # the desk: the unpublished claim's related list too
    ids = {k: v.pk for k, v in hostile.items()}
    seen = ""
    for template in JSON_URLS:
        url = template.format(**ids)
        response = client.get(url)
        assert response.status_code == 200, url
        kind = response["Content-Type"]
        assert kind.startswith(("application/json", "application/ld+json")), (url, kind)
        assert response["X-Content-Type-Options"] == "nosniff"
        seen += json.dumps(json.loads(response.content), ensure_ascii=False)
    # JSON carries the text exactly as imported: escaping is the renderer's job, not storage's.
    for value in [TITLE, ACTOR, NOTE, SENTENCES[0], f"Summit {SCRIPT}"]:
        assert json.dumps(value, ensure_ascii=False)[1:-1] in seen, value


def test_public_fact_check_pages_escape(hostile):
    claim = hostile["claim"]
    assert_escaped(Client().get(claim.get_public_url()), where="public page")
    assert_escaped(Client().get("/fact-checks/"), where="public index")


def test_csv_export_is_an_attachment_not_a_page(hostile):
    response = APIClient().get("/api/claims/?format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment")


def test_browsable_api_escapes(hostile):
    client = APIClient()
    for url in [f"/api/claims/{hostile['claim'].pk}/", "/api/actors/", "/api/articles/"]:
        response = client.get(url, HTTP_ACCEPT="text/html")
        if not response["Content-Type"].startswith("text/html"):
            continue  # the browsable API is switched off: JSON only, checked above
        assert_escaped(response, where=f"browsable {url}")


DANGEROUS_JS = re.compile(
    r"\.(innerHTML|outerHTML)\s*[+]?=|insertAdjacentHTML|document\.write|\beval\(|new Function\("
    r"|setAttribute\(\s*['\"]on"
)


def test_dashboard_shell_and_script_never_build_html_from_data(client: Client, hostile):
    try:
        url = reverse("dashboard")
    except NoReverseMatch:
        pytest.skip("no dashboard in this tree")
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    for raw in RAW:
        assert raw not in html
    static = Path(__file__).resolve().parent.parent / "claims" / "static"
    scripts = list(static.rglob("*.js"))
    assert scripts, "the dashboard has no script?"
    for script in scripts:
        for number, line in enumerate(script.read_text(encoding="utf-8").splitlines(), 1):
            assert not DANGEROUS_JS.search(line), f"{script.name}:{number}: {line.strip()}"
