"""/dashboard/: the view serves a static shell (no data, no external assets) that reads the
public API; the browser side is tested in test_browser_dashboard.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib import admin
from django.urls import reverse

from claims.admin.display import VERDICT_COLOURS
from claims.api.filters import ClaimFilter
from claims.dashboard import CONTENT_SECURITY_POLICY
from claims.models import Claim, Event

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "claims" / "static" / "claims" / "dashboard"
TEMPLATE = ROOT / "claims" / "templates" / "claims" / "dashboard.html"
SCRIPT = ASSETS / "dashboard.js"
STYLES = ASSETS / "dashboard.css"
# An XML namespace name that createElementNS needs; it names, it is never fetched.
NOT_FETCHED = {"http://www.w3.org/2000/svg"}

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_stats_cache(settings):
    # /api/stats/ answers are cached by query string; keep this module's out of other tests.
    settings.CLAIMTRACKER_STATS_CACHE_SECONDS = 0


@pytest.fixture
def page(client) -> str:
    response = client.get("/dashboard/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    return response.content.decode()


def test_the_view_serves_the_shell_with_its_own_assets(page):
    assert reverse("dashboard") == "/dashboard/"
    assert 'data-api="/api/"' in page
    assert 'data-admin-claim="/admin/claims/claim/0/change/"' in page
    assert '<script src="/static/claims/dashboard/dashboard.js" defer>' in page
    assert 'href="/static/claims/dashboard/dashboard.css"' in page
    for panel in ("verdicts", "speakers", "timeline", "worthy", "reviews"):
        assert f'id="panel-{panel}"' in page
    for name in ("article", "actor", "event", "published_after", "published_before", "assignee"):
        assert f'id="filter-{name}"' in page


def test_the_shell_renders_no_data(page, claims):
    # Everything comes from the API in the browser; the HTML is the same with or without data.
    assert claims[1].text not in page and "Marco Rubio" not in page


def test_strict_content_security_policy(client):
    response = client.get("/dashboard/")
    policy = response["Content-Security-Policy"]
    assert policy == CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in policy and "connect-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_no_inline_script_or_style(page):
    assert re.findall(r"<script\b[^>]*>", page) == [
        '<script src="/static/claims/dashboard/dashboard.js" defer>'
    ]
    assert "<style" not in page and " style=" not in page
    assert not re.search(r"\son[a-z]+\s*=", page), "inline event handler"


def test_no_external_urls_in_html_js_or_css(page):
    sources = {"dashboard.html": page, "template": TEMPLATE.read_text("utf-8")}
    sources |= {path.name: path.read_text("utf-8") for path in sorted(ASSETS.iterdir())}
    assert {"dashboard.js", "dashboard.css"} <= set(sources)
    for name, text in sources.items():
        urls = set(re.findall(r"https?://[^\s\"'`)<>]+", text))
        assert urls <= NOT_FETCHED, (name, urls - NOT_FETCHED)
        # Protocol-relative references (//cdn…) in attributes, url() or imports.
        assert not re.search(r"""(?:src|href|url\(|import)\s*=?\s*["'(]?\s*//""", text), name
    # Every src/href in the page is a same-origin path (or the empty data: icon).
    for ref in re.findall(r"""(?:src|href)="([^"]*)\"""", page):
        assert ref.startswith("/") or ref == "data:,", ref


def test_the_script_never_parses_html_from_strings():
    """Article text may contain "<script>": the script inserts API data as text only."""
    script = SCRIPT.read_text("utf-8")
    for sink in (
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "DOMParser",
        "createContextualFragment",
        "eval(",
        "new Function",
        'setAttribute("style"',
        "srcdoc",
    ):
        assert sink not in script, sink
    assert "textContent" in script


def test_the_script_uses_the_api_filters_and_orderings():
    script = SCRIPT.read_text("utf-8")
    filters = re.search(r"const FILTERS = \[([^\]]*)\]", script)
    assert filters
    names = re.findall(r'"([a-z_]+)"', filters.group(1))
    assert names == [
        "article",
        "actor",
        "event",
        "published_after",
        "published_before",
        "assignee",
    ]
    assert set(names) <= set(ClaimFilter.base_filters)
    for path in ("stats/", "claims/", "events/", "articles/", "actors/"):
        assert f'"{path}"' in script
    assert 'ordering: "-check_worthiness"' in script and 'ordering: "-reviewed_at"' in script


def test_verdict_colours_are_the_admin_badges():
    css = STYLES.read_text("utf-8")
    colours = dict(re.findall(r"--v-([a-z]+):\s*(#[0-9a-f]{6});", css))
    assert colours == {str(verdict): colour for verdict, colour in VERDICT_COLOURS.items()}
    assert set(colours) == set(Claim.Verdict.values)


def test_the_dashboard_queries_are_accepted_by_the_api(client, claims):
    """Each API call the dashboard makes, with every filter set, is a valid request."""
    event = Event.objects.create(title="US–Russia talks in Riyadh", date="2025-02-18")
    event.claims.add(claims[0])
    rubio = claims[1].speaker
    filters = {
        "article": claims[0].article_id,
        "actor": rubio.pk,
        "event": event.pk,
        "published_after": "2025-01-01",
        "published_before": "2025-12-31",
        "assignee": "me",
    }
    calls = [
        ("/api/stats/", {"group_by": "verdict"}),
        ("/api/stats/", {"group_by": "speaker", "limit": 11}),
        ("/api/stats/", {"group_by": "event", "limit": 500}),
        ("/api/claims/", {"event": event.pk, "ordering": "-check_worthiness", "page_size": 3}),
        (
            "/api/claims/",
            {"verdict": "unverified", "ordering": "-check_worthiness", "page_size": 10},
        ),
        (
            "/api/claims/",
            {
                "verdict": "corroborated,contradicted,mixed,unverifiable",
                "ordering": "-reviewed_at",
                "page_size": 10,
            },
        ),
    ]
    for path, params in calls:
        response = client.get(path, {**filters, **params})
        assert response.status_code == 200, (path, response.content)
    for path, params in [
        ("/api/articles/", {"page_size": 500}),
        ("/api/actors/", {"page_size": 500}),
        ("/api/events/", {"page_size": 500, "status": "confirmed"}),
        (f"/api/events/{event.pk}/", {}),
    ]:
        assert client.get(path, params).status_code == 200, path


def test_my_claims_filter_is_offered_to_a_logged_in_editor_only(client, page, editor):
    assert 'value="me"' not in page and 'value="none"' in page  # anonymous: no "me"
    client.force_login(editor)
    mine = client.get("/dashboard/").content.decode()
    assert '<option value="me">Me (editor)</option>' in mine


def test_private_api_means_log_in_first(client, settings, editor):
    settings.CLAIMTRACKER_PUBLIC_READ = False
    response = client.get("/dashboard/?actor=3")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert "next=/dashboard/%3Factor%3D3" in response["Location"]
    client.force_login(editor)
    assert client.get("/dashboard/").status_code == 200


def test_only_reads(client):
    assert client.head("/dashboard/").status_code == 200
    assert client.post("/dashboard/").status_code == 405


def test_admin_view_site_opens_the_dashboard(client, superuser):
    assert admin.site.site_url == "/dashboard/"
    client.force_login(superuser)
    assert 'href="/dashboard/"' in client.get(reverse("admin:index")).content.decode()
