"""The dashboard in a real browser (headless system Chromium driven by Playwright), on the demo
fixture: every number shown is the API's, a filter changes every panel to the filtered API
values and is kept in the page address, hostile article text stays text, and the page makes no
request to another origin. Saves test-output/dashboard.png (the 1366×768 first screen) and
test-output/dashboard-full.png.

Needs Debian's ``chromium`` and the ``playwright`` package (never ``playwright install``: the
system browser is launched by path). Skipped with the reason when either is missing, except
when ``CLAIMTRACKER_REQUIRE_BROWSER=1`` (CI), where that is a failure.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from urllib.request import Request, urlopen

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "fixtures" / "demo.json"
OUTPUT = ROOT / "test-output"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
LAPTOP = {"width": 1366, "height": 768}
REVIEWED = "corroborated,contradicted,mixed,unverifiable"

pytestmark = [
    pytest.mark.browser,
    # live_server needs committed data. serialized_rollback restores what migrations made
    # (Editors group, gazetteer) for later tests after this one's flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _unavailable(reason: str) -> None:
    if os.environ.get("CLAIMTRACKER_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and CLAIMTRACKER_REQUIRE_BROWSER=1 requires the browser tests")
    pytest.skip(reason)


@pytest.fixture
def browser(monkeypatch, demo) -> Iterator[Any]:
    """Started after the data fixtures (``demo`` and anything requested before it)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[dev]')")
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    # Playwright's sync API runs an event loop in this thread; the test's own ORM and test
    # client calls between page steps are ordinary synchronous code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class Watched:
    """A page plus everything it asked for and complained about."""

    def __init__(self, page: Any, origin: str) -> None:
        self.page = page
        self.origin = origin
        self.requests: list[str] = []
        self.problems: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on(
            "console",
            lambda message: (
                self.problems.append(f"console {message.type}: {message.text}")
                if message.type in ("error", "warning")
                else None
            ),
        )

    def foreign_requests(self) -> list[str]:
        return [
            url
            for url in self.requests
            if not url.startswith(self.origin + "/") and not url.startswith("data:")
        ]


@pytest.fixture
def desk_session(demo) -> str:
    """A logged-in desk member's session key, made before the browser starts (ORM)."""
    from django.contrib.auth.models import User
    from django.test import Client

    client = Client()
    client.force_login(User.objects.create_user("desk-reader"))
    return client.cookies["sessionid"].value


@pytest.fixture
def open_page(desk_session, browser, live_server) -> Iterator[Any]:
    contexts = []

    def opener(path: str = "/dashboard/") -> Watched:
        context = browser.new_context(viewport=LAPTOP)
        # The desk's dashboard (every claim): anonymous visitors see published ones only.
        context.add_cookies([{"name": "sessionid", "value": desk_session, "url": live_server.url}])
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        watched = Watched(page, live_server.url)
        page.goto(live_server.url + path)
        return watched

    yield opener
    for context in contexts:
        context.close()


@pytest.fixture
def demo(transactional_db, settings) -> Iterator[None]:
    from django.core.cache import cache

    # /api/stats/ caches answers by query string; another test's data must not answer here,
    # nor this test's there.
    settings.CLAIMTRACKER_STATS_CACHE_SECONDS = 0
    cache.clear()
    call_command("loaddata", str(FIXTURE), verbosity=0)
    yield
    cache.clear()


def wait_ready(page: Any, query: str) -> None:
    """Until every panel has drawn the answers for ``query`` (the filters' query string)."""
    page.wait_for_function(
        "query => document.body.dataset.state === 'ready' && document.body.dataset.query === query",
        arg=query,
    )


class Api:
    """Reads the API over HTTP from the live server, as the page does.

    The tests touch the ORM only in fixtures that run before the browser starts: once
    Playwright's sync API runs its event loop in this thread, Django opens a second database
    connection for ORM calls, which outlives the test and blocks dropping the PostgreSQL test
    database."""

    def __init__(self, origin: str, cookie: str = "") -> None:
        self.origin = origin
        self.cookie = cookie  # the page's session: the API answers it as it answers the page

    def __call__(self, path: str, **params: Any) -> Any:
        query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
        request = Request(f"{self.origin}{path}?{query}", headers={"Cookie": self.cookie})
        with urlopen(request, timeout=20) as response:
            assert response.status == 200, (path, params)
            return json.load(response)


def number(text: str | None) -> int:
    return int((text or "").replace(",", "").strip())


def shown(page: Any) -> dict[str, Any]:
    """The numbers and ids each panel shows, read from the DOM."""
    return page.evaluate(
        """() => {
        const ids = (sel) =>
          Array.from(document.querySelectorAll(sel), (e) => Number(e.dataset.claimId));
        const verdicts = {};
        for (const cell of document.querySelectorAll('[data-verdict-count]')) {
          verdicts[cell.dataset.verdictCount] = cell.textContent;
        }
        return {
          total: document.getElementById('verdict-total')?.textContent ?? null,
          verdicts,
          speakers: Array.from(document.querySelectorAll('[data-speaker-id]'), (row) =>
            [Number(row.dataset.speakerId), row.querySelector('.count').textContent]),
          events: Array.from(document.querySelectorAll('#panel-timeline [data-event-id]'), (row) =>
            [Number(row.dataset.eventId), Number(row.dataset.count)]),
          eventClaims: Object.fromEntries(Array.from(
            document.querySelectorAll('#panel-timeline [data-event-id]'),
            (row) => [row.dataset.eventId, Array.from(row.querySelectorAll('[data-claim-id]'),
                                                      (e) => Number(e.dataset.claimId))])),
          worthy: ids('#panel-worthy [data-claim-id]'),
          reviews: ids('#panel-reviews [data-claim-id]'),
        };
      }"""
    )


def expected(api: Api, filters: dict[str, Any]) -> dict[str, Any]:
    """The same numbers, straight from the API with the same filters."""
    verdicts = api("/api/stats/", group_by="verdict", **filters)
    speakers = api("/api/stats/", group_by="speaker", limit=11, **filters)
    by_event = {
        row["key"]: row["total"]
        for row in api("/api/stats/", group_by="event", limit=500, **filters)["results"]
    }
    if filters.get("event"):
        events = [api(f"/api/events/{filters['event']}/")]
    else:
        events = api("/api/events/", status="confirmed", page_size=25)["results"]
    shown_events = [(e["id"], by_event[e["id"]]) for e in events if e["id"] in by_event]
    event_claims = {
        str(event_id): [
            c["id"]
            for c in api(
                "/api/claims/",
                **{**filters, "event": event_id},
                ordering="-check_worthiness",
                page_size=3,
            )["results"]
        ]
        for event_id, _ in shown_events
    }
    ids = lambda data: [c["id"] for c in data["results"]]  # noqa: E731
    return {
        "total": verdicts["total"],
        "verdicts": {row["key"]: row["total"] for row in verdicts["results"]},
        "speakers": [
            (row["key"], row["total"]) for row in speakers["results"] if row["key"] is not None
        ][:10],
        "events": shown_events,
        "eventClaims": event_claims,
        "worthy": ids(
            api(
                "/api/claims/",
                verdict="unverified",
                ordering="-check_worthiness",
                page_size=10,
                **filters,
            )
        ),
        "reviews": ids(
            api("/api/claims/", verdict=REVIEWED, ordering="-reviewed_at", page_size=10, **filters)
        ),
    }


def assert_shows_the_api(page: Any, filters: dict[str, Any]) -> dict[str, Any]:
    origin = page.url.split("/dashboard/")[0]
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in page.context.cookies())
    dom, want = shown(page), expected(Api(origin, cookie), filters)
    assert number(dom["total"]) == want["total"]
    assert {k: number(v) for k, v in dom["verdicts"].items()} == want["verdicts"]
    assert [(key, number(n)) for key, n in dom["speakers"]] == want["speakers"]
    assert [tuple(row) for row in dom["events"]] == want["events"]
    assert dom["eventClaims"] == want["eventClaims"]
    assert dom["worthy"] == want["worthy"]
    assert dom["reviews"] == want["reviews"]
    return want


@pytest.fixture
def putin(demo) -> int:
    from claims.models import Actor

    return Actor.objects.get(name="Vladimir Putin").pk


def test_dashboard_shows_the_api_numbers_and_follows_a_filter(putin, open_page):
    watched = open_page()
    page = watched.page
    wait_ready(page, "")
    everything = assert_shows_the_api(page, {})
    assert everything["total"] > 100 and len(everything["events"]) >= 6
    assert everything["reviews"] and everything["worthy"] and everything["speakers"]

    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "dashboard.png"))
    page.screenshot(path=str(OUTPUT / "dashboard-full.png"), full_page=True)

    # Filter by an actor: every panel now shows the filtered API values.
    page.select_option("#filter-actor", str(putin))
    wait_ready(page, f"actor={putin}")
    filtered = assert_shows_the_api(page, {"actor": putin})
    assert 0 < filtered["total"] < everything["total"]
    assert filtered["verdicts"] != everything["verdicts"]
    assert page.url.endswith(f"/dashboard/?actor={putin}")

    # Narrow further by publication date; the address carries both filters.
    page.fill("#filter-published_after", "2025-02-01")
    page.fill("#filter-published_before", "2025-03-31")
    page.dispatch_event("#filter-published_before", "change")
    query = f"actor={putin}&published_after=2025-02-01&published_before=2025-03-31"
    wait_ready(page, query)
    both = {"actor": putin, "published_after": "2025-02-01", "published_before": "2025-03-31"}
    dated = assert_shows_the_api(page, both)
    assert dated["total"] < filtered["total"]

    # The address is shareable: a new page opened on it shows the same filtered view.
    shared = open_page(f"/dashboard/?{query}")
    wait_ready(shared.page, query)
    assert shared.page.input_value("#filter-actor") == str(putin)
    assert shared.page.input_value("#filter-published_after") == "2025-02-01"
    assert_shows_the_api(shared.page, both)

    # Clicking an event's title filters on it; Back returns to the previous view.
    page.click("#filters-clear")
    wait_ready(page, "")
    first_event = everything["events"][0][0]
    page.click(f'[data-event-id="{first_event}"] .event-title')
    wait_ready(page, f"event={first_event}")
    assert_shows_the_api(page, {"event": first_event})
    page.go_back()
    wait_ready(page, "")

    for w in (watched, shared):
        assert not w.foreign_requests()
        assert not w.problems


@pytest.fixture
def hostile(demo) -> dict[str, int]:
    """An article, speaker and event whose text carries markup and script."""
    from claims.models import Actor, Article, Claim, Event

    payload = (
        '<script>window.__pwned = 1</script><img src="/pwned.png" onerror="window.__pwned = 2">'
    )
    sentence = f"Officials denied {payload} everything."
    body = f"Hostile {payload} headline\n\n{sentence}"
    article = Article.objects.create(
        title=f"Hostile {payload} headline",
        body=body,
        raw_text=body,
        content_hash="f" * 64,
        source_name="hostile.txt",
        published_on="2025-02-21",
    )
    speaker = Actor.objects.create(name=f"Mallory {payload}")
    start = body.index(sentence)
    claim = Claim.objects.create(
        article=article,
        position=0,
        text=sentence,
        start=start,
        end=start + len(sentence),
        speaker=speaker,
        check_worthiness=1.0,
    )
    event = Event.objects.create(title=f"Summit {payload}", date="2025-02-21")
    event.claims.add(claim)
    return {"article": article.pk, "claim": claim.pk, "event": event.pk}


def test_hostile_text_is_shown_as_text(hostile, open_page):
    """Article text, speaker names and event titles are data: a "<script>" in them is shown,
    never run, and an <img> in them is never fetched."""
    # Filtered to the hostile article, so its speaker is among the top speakers too.
    watched = open_page(f"/dashboard/?article={hostile['article']}")
    page = watched.page
    wait_ready(page, f"article={hostile['article']}")
    assert page.evaluate("window.__pwned") is None
    worthy_first = page.locator("#panel-worthy [data-claim-id]").first
    assert worthy_first.get_attribute("data-claim-id") == str(hostile["claim"])
    assert "<script>window.__pwned = 1</script>" in worthy_first.inner_text()
    assert page.locator("#panel-worthy script, #panel-worthy img").count() == 0
    timeline = page.locator(f'#panel-timeline [data-event-id="{hostile["event"]}"]')
    assert "<script>" in timeline.inner_text()
    assert page.locator("#panel-timeline script, #panel-timeline img").count() == 0
    speakers = page.locator("#panel-speakers").inner_text()
    assert "Mallory <script>" in speakers
    options = page.locator("#filter-article option").all_inner_texts()
    assert any("<script>" in option for option in options)
    assert not any("pwned" in url for url in watched.requests)
    assert not watched.foreign_requests()
    assert not watched.problems
