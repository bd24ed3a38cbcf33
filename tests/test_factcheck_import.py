"""Importing fact-checks published elsewhere: the command, files and URLs, one row per
review however often it comes, one line per unreadable review, nothing half-written."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from claims.factchecks import service
from claims.models import FactCheck
from tests.local_http import LocalServer, Page

DATA = Path(__file__).parent / "data" / "factchecks"
GOOD = [
    "single.jsonld",
    "graph_http_context.jsonld",
    "feed_list.json",
    "datafeed.json",
    "page.html",
]


def run(*args: str) -> tuple[str, str]:
    from io import StringIO

    out = StringIO()
    try:
        call_command("import_factchecks", *args, stdout=out)
    except CommandError as exc:
        return out.getvalue(), str(exc)
    return out.getvalue(), ""


@pytest.mark.django_db
def test_every_shape_imports_through_the_command():
    out, error = run(*(str(DATA / name) for name in GOOD))
    assert error == ""
    assert FactCheck.objects.count() == 7
    assert "7 fact-checks read (7 new) from 5 sources" in out
    fc = FactCheck.objects.get(url="https://factcheck.example/2025/02/riyadh-meeting")
    assert (fc.publisher_name, fc.claimant, fc.claim_date, fc.review_date) == (
        "Example Fact Check",
        "Marco Rubio",
        dt.date(2025, 2, 18),
        dt.date(2025, 2, 20),
    )
    assert (fc.textual_rating, fc.rating_value, fc.best_rating, fc.worst_rating) == (
        "True",
        5.0,
        5.0,
        1.0,
    )
    assert fc.appearances == ["https://news.example/riyadh"]
    assert fc.raw == json.loads((DATA / "single.jsonld").read_text())  # kept as it came
    assert fc.source.endswith("single.jsonld")
    assert fc.rating_label == "True (5/5)"


@pytest.mark.django_db
def test_the_same_review_imported_twice_is_one_row_updated_in_place(tmp_path):
    run(str(DATA / "single.jsonld"))
    first = FactCheck.objects.get()
    out, _ = run(str(DATA / "single.jsonld"))
    assert "0 new, 0 updated, 1 unchanged" in out
    changed = json.loads((DATA / "single.jsonld").read_text())
    changed["reviewRating"]["alternateName"] = "Accurate"
    (tmp_path / "again.json").write_text(json.dumps([changed, changed]))  # twice in one file
    out, _ = run(str(tmp_path / "again.json"))
    assert "0 new, 1 updated, 0 unchanged" in out
    again = FactCheck.objects.get()
    assert (again.pk, again.textual_rating) == (first.pk, "Accurate")
    assert again.imported_at == first.imported_at and again.updated_at > first.updated_at


@pytest.mark.django_db
def test_the_same_url_reviewing_two_claims_is_two_rows(tmp_path):
    review = json.loads((DATA / "single.jsonld").read_text())
    other = dict(review, claimReviewed="A second claim on the same page.")
    (tmp_path / "two.json").write_text(json.dumps({"@graph": [review, other]}))
    run(str(tmp_path / "two.json"))
    assert FactCheck.objects.filter(url=review["url"]).count() == 2


@pytest.mark.django_db
def test_bad_input_one_line_per_item_and_the_readable_rest_written():
    out, error = run(str(DATA / "bad_items.json"), str(DATA / "broken.json"))
    assert error == "2 of 2 sources had problems"
    lines = out.splitlines()
    bad = str(DATA / "bad_items.json")
    assert f"partly     {bad}: 1 new, 0 updated, 0 unchanged, 4 not readable" in lines
    assert (
        f"  {bad}: ClaimReview 1 (https://bad.example/1): claimReviewed: missing or empty" in lines
    )
    assert f"failed     {DATA / 'broken.json'}: not valid JSON (Expecting value at line 1)" in lines
    assert list(FactCheck.objects.values_list("url", flat=True)) == ["https://good.example/5"]


@pytest.mark.django_db
def test_missing_files_empty_documents_and_a_directory(tmp_path):
    (tmp_path / "none.json").write_text('{"@type": "WebPage"}')
    shutil.copy(DATA / "single.jsonld", tmp_path / "a.jsonld")
    out, error = run(str(tmp_path), str(tmp_path / "missing.json"))
    assert f"failed     {tmp_path / 'none.json'}: no ClaimReview found" in out
    assert f"failed     {tmp_path / 'missing.json'}: no such file" in out
    assert FactCheck.objects.count() == 1 and error


@pytest.mark.django_db
def test_dry_run_writes_nothing():
    out, _ = run("--dry-run", str(DATA / "feed_list.json"))
    assert "2 new" in out and "dry run: nothing written" in out
    assert FactCheck.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_failing_write_leaves_nothing_of_its_source(monkeypatch):
    real = FactCheck.objects.bulk_create

    def half_then_fail(rows, **kwargs):
        real(rows[:1], **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(FactCheck.objects, "bulk_create", half_then_fail)
    with pytest.raises(RuntimeError):
        service.import_sources([str(DATA / "feed_list.json")])
    assert FactCheck.objects.count() == 0


@pytest.fixture
def server(settings):
    settings.CLAIMTRACKER_ALLOW_PRIVATE_URLS = True  # the test server is on loopback
    with LocalServer() as srv:
        yield srv


@pytest.mark.django_db
def test_urls_are_fetched_with_the_safe_fetcher(server):
    feed = server.route(
        "/feed.json", Page((DATA / "datafeed.json").read_bytes(), "application/json")
    )
    page = server.route("/check.html", Page((DATA / "page.html").read_bytes()))
    ld = server.route(
        "/one.jsonld", Page((DATA / "single.jsonld").read_bytes(), "application/ld+json")
    )
    pdf = server.route("/x.pdf", Page(b"%PDF", "application/pdf"))
    out, error = run(feed, page, ld, pdf)
    assert FactCheck.objects.count() == 4
    assert f"imported   {feed}: 2 new" in out
    assert f"failed     {pdf}: content type 'application/pdf' is not one of" in out
    assert error == "1 of 4 sources had problems"


@pytest.mark.django_db
def test_private_addresses_are_refused_by_default(settings):
    settings.CLAIMTRACKER_ALLOW_PRIVATE_URLS = False
    out, error = run("http://127.0.0.1:9/feed.json")
    assert "refused: 127.0.0.1 is a loopback address" in out and error
    assert FactCheck.objects.count() == 0


@pytest.mark.django_db
def test_the_size_limit_applies_to_files(settings):
    settings.CLAIMTRACKER_MAX_IMPORT_BYTES = 100
    out, _ = run(str(DATA / "single.jsonld"))
    assert "too large" in out and FactCheck.objects.count() == 0
