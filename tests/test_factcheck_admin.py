"""The admin side of fact-checks published elsewhere: the claim page's "Already checked
elsewhere" with one-click "Attach as evidence", the import page, the list."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims.factchecks.service import import_sources
from claims.matching import frequencies
from claims.models import Evidence, FactCheck
from tests.factories import build_world
from tests.local_http import LocalServer, Page

DATA = Path(__file__).parent / "data" / "factchecks"
pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    world = build_world()
    world.riyadh_article.url = "https://news.example/riyadh"  # single.jsonld's appearance
    world.riyadh_article.save()
    frequencies.rebuild()
    import_sources([str(DATA / "single.jsonld"), str(DATA / "page.html")])
    return world


def claim_page(client, claim) -> str:
    response = client.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_already_checked_elsewhere_and_attach_in_one_click(client, editor, world):
    client.force_login(editor)
    html = claim_page(client, world.met)
    assert "Already checked elsewhere" in html
    fc = FactCheck.objects.get(url="https://factcheck.example/2025/02/riyadh-meeting")
    assert f'data-fact-check="{fc.pk}"' in html
    assert '<option value="supports" selected>' in html  # "True (5/5)" suggests supports
    assert "the fact-check names this claim&#x27;s article" in html
    url = reverse("admin:claims_claim_attach_fact_check", args=[world.met.pk])
    response = client.post(url, {"fact_check": fc.pk, "stance": "context"})
    assert response.status_code == 302 and response["Location"].endswith("#fact-checks")
    evidence = Evidence.objects.get(claim=world.met)
    assert (evidence.url, evidence.stance, evidence.added_by) == (fc.url, "context", editor)
    html = claim_page(client, world.met)
    assert '<span class="fact-check-attached">attached</span>' in html
    client.post(url, {"fact_check": fc.pk})  # twice: refused, still one
    assert Evidence.objects.filter(claim=world.met).count() == 1
    client.post(url, {"fact_check": fc.pk, "stance": "nonsense"})
    client.post(url, {"fact_check": "x"})
    assert Evidence.objects.filter(claim=world.met).count() == 1


def test_readers_see_matches_but_cannot_attach(client, staff_reader, world):
    client.force_login(staff_reader)
    html = claim_page(client, world.met)
    assert "Already checked elsewhere" in html and "Attach as evidence" not in html
    fc = FactCheck.objects.first()
    url = reverse("admin:claims_claim_attach_fact_check", args=[world.met.pk])
    assert client.post(url, {"fact_check": fc.pk}).status_code == 403
    assert not Evidence.objects.exists()


def test_no_match_says_so(client, editor, world):
    client.force_login(editor)
    assert "No fact-check published elsewhere matches this claim" in claim_page(client, world.rain)


def test_text_from_outside_is_escaped(client, editor, world):
    FactCheck.objects.create(
        key="x" * 64,
        url="https://evil.example/",
        claim_reviewed="Heavy rain is expected in Lisbon <script>alert(1)</script>",
        publisher_name="<b>Evil</b>",
        raw={},
    )
    client.force_login(editor)
    html = claim_page(client, world.rain)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)" in html
    assert "&lt;b&gt;Evil&lt;/b&gt;" in html


def test_import_page_files_and_urls(client, editor, settings, world):
    settings.CLAIMTRACKER_ALLOW_PRIVATE_URLS = True
    client.force_login(editor)
    url = reverse("admin:claims_factcheck_import")
    assert client.get(url).status_code == 200
    with LocalServer() as server:
        feed = server.route(
            "/feed.json", Page((DATA / "datafeed.json").read_bytes(), "application/json")
        )
        upload = SimpleUploadedFile("bad.json", (DATA / "bad_items.json").read_bytes())
        response = client.post(url, {"files": [upload], "urls": feed})
    html = response.content.decode()
    assert "partly     bad.json: 1 new, 0 updated, 0 unchanged, 4 not readable" in html
    assert "bad.json: ClaimReview 3: url: missing" in html
    assert f"imported   {feed}: 2 new" in html
    assert FactCheck.objects.filter(url__startswith="https://feed.example/").count() == 2
    empty = client.post(url, {"urls": "not a url"})
    assert "Not a URL" in empty.content.decode()


def test_import_page_and_list_permissions(client, staff_reader, editor, world):
    client.force_login(staff_reader)
    assert client.get(reverse("admin:claims_factcheck_import")).status_code == 403
    listing = client.get(reverse("admin:claims_factcheck_changelist"))
    assert listing.status_code == 200 and "Import fact-checks" not in listing.content.decode()
    client.force_login(editor)
    listing = client.get(reverse("admin:claims_factcheck_changelist"))
    assert "Import fact-checks" in listing.content.decode()
    fc = FactCheck.objects.get(url="https://page.example/checks/minister-quote")
    page = client.get(reverse("admin:claims_factcheck_change", args=[fc.pk]))
    assert (
        page.status_code == 200
        and "The transcript shows no such sentence." in page.content.decode()
    )
