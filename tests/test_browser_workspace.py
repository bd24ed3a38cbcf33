"""The editors' workspace in a real browser (headless system Chromium, Playwright) at a common
laptop size, on the demo data: the claim list fits the window with every row's verdict in
view; an editor assigns claims to themself, opens one from "assigned to me", gives a verdict
with the keyboard (not while typing in a field) and lands on the next claim of that list.
Saves test-output/claim_list.png, claim_page_keys.png and claim_page_next.png (README's).

Skipped when Chromium or Playwright is missing, except under CLAIMTRACKER_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.test_browser_dashboard import LAPTOP, OUTPUT, browser, demo  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LIST = "/admin/claims/claim/"


def log_in(page: Any, base: str) -> None:
    page.goto(f"{base}/admin/login/?next={LIST}")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw-editor-123")
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}{LIST}")


def layout(page: Any) -> dict[str, Any]:
    return page.evaluate(
        """() => {
          const results = document.querySelector('#changelist .results');
          const rows = Array.from(document.querySelectorAll('#result_list tbody tr'));
          return {
            page: [document.documentElement.scrollWidth, window.innerWidth],
            results: [results.scrollWidth, results.clientWidth],
            badges: rows.map((row) => {
              const badge = row.querySelector('td.field-badge .verdict-badge');
              if (!badge) return null;
              const r = badge.getBoundingClientRect();
              return [Math.round(r.left), Math.round(r.right), Math.round(r.width)];
            }),
          };
        }"""
    )


def test_triage_at_laptop_size_with_assignments_and_keys(live_server, browser, editor):  # noqa: F811
    from claims.models import Claim

    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        log_in(page, live_server.url)

        # The list fits: no horizontal scroll of the page or of the table, a verdict per row.
        shape = layout(page)
        assert shape["page"][0] == shape["page"][1] == LAPTOP["width"], shape["page"]
        assert shape["results"][0] <= shape["results"][1], shape["results"]
        assert len(shape["badges"]) == 50 and all(shape["badges"]), shape["badges"]
        assert all(
            left >= 0 and right <= LAPTOP["width"] and width > 0
            for left, right, width in shape["badges"]
        )
        OUTPUT.mkdir(exist_ok=True)
        page.screenshot(path=str(OUTPUT / "claim_list.png"))

        # Assign the two most check-worthy unreviewed claims to me.
        page.goto(f"{live_server.url}{LIST}?verdict__exact=unverified")
        ids = [
            int(v)
            for v in page.locator("#result_list input.action-select").evaluate_all(
                "boxes => boxes.slice(0, 2).map((box) => box.value)"
            )
        ]
        for pk in ids:
            page.check(f'#result_list input.action-select[value="{pk}"]')
        page.select_option("select[name=action]", "assign_to")
        page.click("button[name=index]")
        page.select_option("#id_assignee", label="editor")
        page.click("input[name=apply]")
        # (Wait for the list's message: under load the click may return while the form page,
        # with an empty message list, is still the one shown.)
        message = page.locator("ul.messagelist li", has_text="assigned to editor")
        message.wait_for()
        assert "2 claim(s) assigned to editor" in message.inner_text()

        # "Assigned to me", then the first claim from there.
        page.click("#changelist-filter a[href*='assignee=me']")
        page.wait_for_url("**assignee=me**")
        listed = page.locator("#result_list .field-short_text a")
        assert listed.count() == 2
        first_href = listed.nth(0).get_attribute("href")
        listed.nth(0).click()
        page.wait_for_url("**/change/?_changelist_filters=*")
        first = int(first_href.split("/")[-3])
        assert "Keys (outside a field)" in page.locator("#claim-keys").inner_text()

        # A key typed into a field is the field's; outside a field it sets the verdict.
        page.fill("#id_verdict_note", "")
        page.click("#id_verdict_note")
        page.keyboard.type("2 sources disagree")
        assert page.input_value("#id_verdict") == "unverified"
        page.evaluate("document.activeElement.blur()")
        page.keyboard.press("3")
        assert page.input_value("#id_verdict") == "contradicted"
        page.locator("#claim-keys").scroll_into_view_if_needed()
        page.screenshot(path=str(OUTPUT / "claim_page_keys.png"))
        page.keyboard.press("n")
        page.wait_for_url(lambda url: f"/{first}/change/" not in url)
        assert "here is the next claim of your list" in page.locator("ul.messagelist").inner_text()
        page.screenshot(path=str(OUTPUT / "claim_page_next.png"))
        second = int(page.url.split("/change/")[0].rsplit("/", 1)[-1])
        assert second in ids and second != first
        assert "assignee%3Dme" in page.url or "assignee=me" in page.url
    finally:
        context.close()

    claim = Claim.objects.get(pk=first)
    assert (claim.verdict, claim.verdict_note, claim.reviewed_by) == (
        "contradicted",
        "2 sources disagree",
        editor,
    )
    assert claim.assignee == editor and claim.reviews.count() == 1
