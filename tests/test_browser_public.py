"""End to end in a real browser: an editor publishes a reviewed seed claim from its admin page,
then the public fact-check page is opened as a reader on a laptop (1366×768) and a phone
(390×844). Saves test-output/fact_check_laptop.png and fact_check_phone.png; checks the page
fits the phone's width and that its ClaimReview JSON-LD parses and names the page as its url.

Skipped with the reason when Chromium or Playwright is missing (tests/test_browser_admin.py).
"""

from __future__ import annotations

import json

import pytest

from tests.test_browser_admin import ROOT, browser_page, seeds  # noqa: F401 (fixtures)

OUTPUT = ROOT / "test-output"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_editor_publishes_and_the_public_page_reads_on_laptop_and_phone(
    live_server,
    browser_page,  # noqa: F811 (imported fixture)
    seeds,  # noqa: F811 (imported fixture)
    editor,
):
    from claims.models import Claim
    from tests.factories import give_verdict

    claim = Claim.objects.filter(text__contains="He’s a gangster").first()
    assert claim is not None, "seed claim not found"
    give_verdict(
        claim,
        verdict="contradicted",
        editor=editor,
        note="The record shows otherwise.",
        evidence=[
            {
                "url": "https://example.org/fact-check/kennedy",
                "title": "Fact-check: who started the war",
                "stance": "refutes",
            }
        ],
    )

    page = browser_page
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw-editor-123")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.goto(f"{live_server.url}/admin/claims/claim/{claim.pk}/change/")
    page.click("#publish-button")
    page.wait_for_load_state()
    assert "Published" in page.locator("ul.messagelist").inner_text()
    claim.refresh_from_db()
    assert claim.published_at is not None and claim.published_by == editor
    assert page.locator("#unpublish-button").count() == 1

    # A reader (a fresh browser context: not logged in) on a laptop, then on a phone.
    url = f"{live_server.url}{claim.get_public_url()}"
    OUTPUT.mkdir(parents=True, exist_ok=True)
    browser = page.context.browser
    for name, width, height in [("laptop", 1366, 768), ("phone", 390, 844)]:
        reader = browser.new_context(viewport={"width": width, "height": height})
        try:
            public = reader.new_page()
            response = public.goto(url)
            assert response is not None and response.status == 200
            assert "He’s a gangster" in public.locator("h1.fact-claim").inner_text()
            assert "Contradicted" in public.locator(".fact-verdict").inner_text()
            assert "Fact-check: who started the war" in public.locator(".evidence").inner_text()
            # Nothing wider than the screen: no sideways scrolling on the phone.
            scroll_width = public.evaluate("document.documentElement.scrollWidth")
            assert scroll_width <= width, (name, scroll_width)
            ld = public.locator('script[type="application/ld+json"]').text_content()
            review = json.loads(ld)
            assert review["@type"] == "ClaimReview"
            assert review["url"] == public.url == url
            assert review["reviewRating"]["alternateName"] == "Contradicted"
            public.screenshot(path=str(OUTPUT / f"fact_check_{name}.png"), full_page=True)
        finally:
            reader.close()
