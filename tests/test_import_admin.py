"""The admin "Import articles" page: upload and paste for Editors, refused without the right."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims.models import Article, Claim
from tests.factories import article_text, use_fake_pipeline

pytestmark = pytest.mark.django_db

URL = "admin:claims_article_import"
S1 = "Donald Trump met Vladimir Putin in Budapest on March 3, 2025."
S2 = "Prices rose 5% in March."


@pytest.fixture(autouse=True)
def _fake_pipeline(monkeypatch):
    use_fake_pipeline(monkeypatch)


def test_page_lives_under_the_article_admin_and_is_linked_from_the_list(client, editor):
    assert reverse(URL) == "/admin/claims/article/import/"
    client.force_login(editor)
    page = client.get(reverse(URL))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Import articles" in html and 'enctype="multipart/form-data"' in html
    changelist = client.get(reverse("admin:claims_article_changelist")).content.decode()
    assert reverse(URL) in changelist


def test_editor_uploads_several_files(client, editor):
    client.force_login(editor)
    files = [
        SimpleUploadedFile("one.txt", article_text(S1).encode(), content_type="text/plain"),
        SimpleUploadedFile("two.txt", b"\xff\xfe\x00", content_type="text/plain"),
        SimpleUploadedFile(
            "three.jsonl",
            b'{"title": "Three", "body": "' + S2.encode() + b'"}\n',
            content_type="application/octet-stream",
        ),
    ]
    page = client.post(reverse(URL), {"files": files})
    assert page.status_code == 200
    results = page.context["results"]
    assert [(r.source_name, r.status) for r in results] == [
        ("one.txt", "created"),
        ("two.txt", "failed"),
        ("three.jsonl:1", "created"),
    ]
    html = page.content.decode()
    assert "UTF-16" in html
    one = Article.objects.get(source_name="one.txt")
    assert reverse("admin:claims_article_change", args=[one.pk]) in html
    assert Claim.objects.filter(article=one).count() == 1
    assert Article.objects.count() == 2


def test_uploads_and_pastes_over_the_size_limit_are_refused_with_the_sizes(
    client, editor, settings
):
    """Every way in shares one size check (claims.importer.limits) and its message."""
    settings.CLAIMTRACKER_MAX_IMPORT_BYTES = 100
    client.force_login(editor)
    big = article_text(S1 * 3)
    upload = SimpleUploadedFile("big.txt", big.encode(), content_type="text/plain")
    page = client.post(reverse(URL), {"files": [upload], "text": big})
    upload_error, paste_error = [r.error for r in page.context["results"]]
    assert upload_error == f"file too large ({len(big)} bytes; the limit is 100 bytes)"
    assert re.fullmatch(r"file too large \(\d+ bytes; the limit is 100 bytes\)", paste_error)
    assert not Article.objects.exists()


def test_editor_pastes_text_with_metadata(client, editor):
    client.force_login(editor)
    page = client.post(
        reverse(URL),
        {
            "text": article_text(S1, S2, title="Pasted title"),
            "title": "Given title",
            "url": "https://example.org/pasted",
            "published_on": "2025-03-04",
            "publisher": "Example News",
        },
    )
    assert page.status_code == 200
    (result,) = page.context["results"]
    assert result.status == "created", result.error
    article = Article.objects.get()
    assert article.title == "Given title"
    assert article.url == "https://example.org/pasted"
    assert article.published_on == dt.date(2025, 3, 4)
    assert article.publisher == "Example News"
    assert article.source_name.startswith("pasted text ")
    assert article.claims.count() == 2
    # Pasting the same text again changes nothing.
    again = client.post(reverse(URL), {"text": article_text(S1, S2, title="Pasted title")})
    assert again.context["results"][0].status == "unchanged"


def test_dry_run_saves_nothing(client, editor):
    client.force_login(editor)
    page = client.post(reverse(URL), {"text": article_text(S1), "dry_run": "on"})
    assert page.context["results"][0].status == "created"
    assert "nothing was saved" in page.content.decode()
    assert not Article.objects.exists()


def test_empty_submission_is_a_form_error(client, editor):
    client.force_login(editor)
    page = client.post(reverse(URL), {"text": "  "})
    assert page.status_code == 200
    assert page.context["results"] is None
    assert "Choose at least one file, paste URLs or some text." in page.content.decode()


def test_staff_without_add_article_is_refused(client, staff_reader):
    client.force_login(staff_reader)
    assert client.get(reverse(URL)).status_code == 403
    assert client.post(reverse(URL), {"text": article_text(S1)}).status_code == 403
    assert not Article.objects.exists()
    changelist = client.get(reverse("admin:claims_article_changelist"))
    assert reverse(URL) not in changelist.content.decode()


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse(URL))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
