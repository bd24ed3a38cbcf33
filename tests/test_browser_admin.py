"""End to end in a real browser (headless Chromium driven by Playwright): an editor logs in,
gives an imported seed claim a verdict with a note and an evidence link, links it to a claim of
another article from the suggestions, and sees the history and the relation on the page.

Needs Debian's ``chromium`` (``apt-get install -y chromium``) and the ``playwright`` package;
skipped with the reason when either is missing. Playwright's own browser download is never
used: the system Chromium is launched by path.
"""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[1]
SCREENSHOT = ROOT / "test-output" / "claim_page.png"

pytestmark = [
    pytest.mark.browser,
    # live_server needs committed data; serialized_rollback restores what migrations created
    # (the Editors group) even when an earlier transactional test flushed the database.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_page(monkeypatch):
    from django.db import connections

    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="the playwright package is not installed"
    )
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by the test
    # itself between page steps are plain synchronous code, so Django's guard can stand down.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            yield page
        finally:
            context.close()
            browser.close()
            # The test body ran inside Playwright's greenlet, where Django keeps a separate
            # connection; close it, or PostgreSQL cannot drop the test database at the end.
            connections.close_all()


@pytest.fixture
def seeds(db):
    """The seed articles, imported the way editors get them: through the importer service."""
    from claims.importer.service import import_paths

    results = import_paths([ROOT / "seeds"])
    failed = [(r.source_name, r.error) for r in results if not r.ok]
    assert not failed, failed
    assert len(results) >= 2
    return results


def test_editor_contradicts_a_seed_claim_and_links_it_across_articles(
    live_server, browser_page, seeds, editor
):
    from claims.matching import related_claims
    from claims.models import Claim, ClaimRelation, Evidence, Review

    # A quote from one seed article that the suggestions link to claims of another one.
    claim = Claim.objects.filter(text__contains="He’s a gangster").select_related("article").first()
    assert claim is not None, "seed claim not found"
    candidates = related_claims(claim, limit=10)
    assert candidates and all(c.claim.article_id != claim.article_id for c in candidates)
    target = candidates[0].claim

    page = browser_page
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw-editor-123")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/claims/claim/{claim.pk}/change/")
    context = page.locator("#claim-in-context")
    assert "He’s a gangster" in context.locator("mark").inner_text()
    assert claim.article.title in context.inner_text()

    # The verdict, its note and one evidence link, saved together.
    page.select_option("#id_verdict", "contradicted")
    page.fill("#id_verdict_note", "Kennedy's words are opinion; the record shows otherwise.")
    page.fill("#id_evidence-0-url", "https://example.org/fact-check/kennedy")
    page.fill("#id_evidence-0-title", "Fact-check: who started the war")
    page.select_option("#id_evidence-0-stance", "refutes")
    page.click("input[name=_continue]")
    page.wait_for_load_state()
    assert "was changed successfully" in page.locator("ul.messagelist").inner_text()

    history = page.locator("#reviews-group")
    assert "the record shows otherwise" in history.inner_text()
    assert "Fact-check: who started the war" in history.inner_text()

    # One click on a suggestion from another article.
    row = page.locator(f'tr.related-candidate[data-claim="{target.pk}"]')
    row.locator("button.relate-contradicts").click()
    page.wait_for_load_state()
    assert "Linked: this claim contradicts" in page.locator("ul.messagelist").inner_text()
    relations = page.locator("#relations")
    assert "contradicts" in relations.inner_text()
    assert target.article.title in relations.inner_text()

    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    page.screenshot(path=str(SCREENSHOT.with_name("claim_page_top.png")))  # first screenful
    assert SCREENSHOT.stat().st_size > 10_000

    review = Review.objects.get(claim=claim)
    assert (review.verdict, review.editor, review.previous_verdict) == (
        "contradicted",
        editor,
        "unverified",
    )
    evidence = Evidence.objects.get(claim=claim)
    assert (evidence.review, evidence.stance, evidence.added_by) == (review, "refutes", editor)
    relation = ClaimRelation.objects.get()
    assert (relation.from_claim_id, relation.to_claim_id, relation.created_by) == (
        claim.pk,
        target.pk,
        editor,
    )
