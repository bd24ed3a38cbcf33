"""Input formats (pure): decoding, the header block, HTML via trafilatura, JSON and JSON Lines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from claims.extract.errors import ArticleError
from claims.importer.formats import (
    FailedItem,
    ImportItem,
    decode,
    detect_format,
    parse_date,
    parse_header,
    read_items,
)

DATA = Path(__file__).parent / "data" / "import"


def _one(data: bytes | str, name: str = "a.txt") -> ImportItem:
    (item,) = read_items(data, source_name=name, max_bytes=10_000_000)
    assert isinstance(item, ImportItem)
    return item


# --- decoding --------------------------------------------------------------------------------


def test_utf8_with_and_without_bom():
    assert decode("Café talks.".encode()) == "Café talks."
    assert decode(b"\xef\xbb\xbf" + "Café talks.".encode()) == "Café talks."


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"Caf\xe9 talks", "not valid UTF-8 (byte 0xe9 at offset 3)"),
        (b"text\x00more", "binary file"),
        (b"\xff\xfeT\x00e\x00", "UTF-16"),
        (b"", "empty file"),
        (b" \n\t \r\n", "empty file"),
    ],
)
def test_undecodable_input_is_refused_with_a_reason(data, reason):
    with pytest.raises(ArticleError) as exc:
        decode(data, max_bytes=1000)
    assert reason in str(exc.value)
    assert "\n" not in str(exc.value)


def test_size_limit_comes_from_settings(settings):
    settings.CLAIMTRACKER_MAX_IMPORT_BYTES = 10
    with pytest.raises(ArticleError, match="file too large"):
        decode(b"x" * 11)
    assert decode(b"x" * 10) == "x" * 10


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "2025-04-15",
        "2025-04-15T09:30:00Z",
        "2025-04-15 09:30:00+02:00",
        "April 15, 2025",
        "Apr. 15, 2025",
        "April 15th, 2025",
        "15 April 2025",
        "Tuesday, April 15, 2025",
    ],
)
def test_dates_in_iso_and_written_forms(value):
    assert parse_date(value, field_name="published") == dt.date(2025, 4, 15)


@pytest.mark.parametrize("value", ["15/04/2025", "April 31, 2025", "yesterday", "2025-13-01", 42])
def test_bad_date_names_the_field(value):
    with pytest.raises(ArticleError, match="bad date in 'published'"):
        parse_date(value, field_name="published")


# --- plain text and the header block ---------------------------------------------------------


def test_header_block_overrides_and_is_removed_from_the_text():
    raw = (
        "TITLE: Russia Is Playing Along\n"
        "url: https://carnegieendowment.org/russia\n"
        "Published: April 15, 2025\n"
        "Publisher: Carnegie\n"
        "Author: Eugene Rumer\n"
        "Subtitle: Putin hopes to undo the order.\n"
        "Section: commentary\n"
        "\n"
        "Body Title\n\nFirst sentence of the body.\n"
    )
    item = _one(raw)
    assert item.text == "Body Title\n\nFirst sentence of the body.\n"
    assert item.raw_text == raw
    h = item.hints
    assert h.title == "Russia Is Playing Along"
    assert h.url == "https://carnegieendowment.org/russia"
    assert h.published_on == dt.date(2025, 4, 15)
    assert (h.publisher, h.author, h.section) == ("Carnegie", "Eugene Rumer", "commentary")
    assert h.subtitle == "Putin hopes to undo the order."


def test_header_block_ended_by_dashes_and_fenced():
    assert parse_header("Title: T\n---\nBody text.").body == "Body text."
    fenced = parse_header("---\nTitle: T\nAuthor: A\n---\n\nBody text.")
    assert fenced.present and fenced.hints.author == "A" and fenced.body == "Body text."


@pytest.mark.parametrize(
    "text",
    [
        "Note: this is the first sentence of the article.\n\nMore.",  # unknown key
        "Title: T\nThe body starts right away without a blank line.",  # not terminated
        "Talks resumed in Riyadh.\n\nTitle: not at the top",
    ],
)
def test_text_without_a_proper_header_is_left_alone(text):
    header = parse_header(text)
    assert not header.present and header.body == text


def test_header_with_bad_date_is_an_error():
    with pytest.raises(ArticleError, match="bad date in 'Published'"):
        _one("Published: soon\n\nBody.")


def test_header_without_body_is_an_error():
    with pytest.raises(ArticleError, match="no article text"):
        _one("Title: Only a header\n\n")


def test_crlf_is_normalised_for_the_pipeline_but_raw_text_is_exact():
    raw = "Title: T\r\n\r\nLine one.\r\n\r\nLine two.\r\n"
    item = _one(raw)
    assert item.text == "Line one.\n\nLine two.\n"
    assert item.raw_text == raw


# --- HTML ------------------------------------------------------------------------------------


def test_html_main_text_and_metadata_via_trafilatura():
    item = _one((DATA / "riyadh.html").read_bytes(), "riyadh.html")
    assert item.format == "html"
    for junk in ("SCRIPT", "STYLE", "NAVIGATION", "SIDEBAR", "FOOTER", "Home"):
        assert junk not in item.text
    paragraphs = item.text.split("\n\n")
    assert paragraphs[0] == "Talks in Riyadh"
    assert paragraphs[1].startswith("US and Russian officials met in Riyadh")
    assert paragraphs[2].startswith("“We want the war to end,” Marco Rubio said")
    assert item.hints.title == "Talks in Riyadh"
    assert item.hints.author == "Jane Doe"
    assert item.hints.publisher == "Example News"
    assert item.hints.published_on == dt.date(2025, 2, 18)
    assert item.hints.url == "https://news.example.org/2025/02/talks-in-riyadh"
    assert item.raw_text.startswith("<!DOCTYPE html>")


def test_html_is_detected_by_content_too():
    html = (DATA / "riyadh.html").read_text(encoding="utf-8")
    assert detect_format("story.txt", html) == "html"
    assert detect_format("story", "  <html><body><p>x</p></body></html>") == "html"
    assert detect_format("story.txt", "Plain <b>text</b>.") == "text"


def test_html_without_article_text_is_an_error():
    with pytest.raises(ArticleError, match="no article text found in the HTML"):
        _one(b"<!doctype html><html><body><nav><a href='/'>Home</a></nav></body></html>", "x.htm")


# --- JSON and JSON Lines ---------------------------------------------------------------------


def test_json_object_with_all_fields():
    item = _one(
        '{"title": "T", "body": "Body text.", "url": "https://e.org/1", '
        '"published": "2025-02-18", "publisher": "P", "author": ["A One", "B Two"], '
        '"subtitle": "S", "section": "news"}',
        "a.json",
    )
    assert item.text == "Body text."
    assert item.hints.author == "A One, B Two"
    assert item.hints.published_on == dt.date(2025, 2, 18)
    assert (item.hints.subtitle, item.hints.section) == ("S", "news")


def test_json_text_field_is_accepted_for_body():
    assert _one('{"text": "Body text."}', "a.json").text == "Body text."


def test_json_list_gives_items_and_failures():
    items = read_items(
        '[{"body": "One."}, {"title": "no body"}, {"body": "Three.", "published": "never"}]',
        source_name="list.json",
    )
    assert isinstance(items[0], ImportItem) and items[0].source_name == "list.json[0]"
    assert isinstance(items[1], FailedItem)
    assert "missing field 'body' (or 'text')" in str(items[1].error)
    assert isinstance(items[2], FailedItem) and "bad date in 'published'" in str(items[2].error)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ('{"title": "x",\n  "body": }', "invalid JSON: Expecting value at line 2, column 11"),
        ('"just a string"', "expected a JSON object or a list of objects, got a string"),
        ("[]", "empty JSON list"),
        ('{"title": "x"}', "missing field 'body' (or 'text')"),
        ('{"body": 42}', "field 'body' must be a string"),
        ('{"body": "  "}', "field 'body' is empty"),
        ('{"body": "x", "title": {"a": 1}}', "field 'title' must be a string"),
    ],
)
def test_bad_json_is_an_error_naming_the_problem(data, reason):
    with pytest.raises(ArticleError) as exc:
        read_items(data, source_name="a.json")
    assert reason in str(exc.value)


def test_jsonl_one_article_per_line_with_failures_by_line():
    data = '{"body": "One."}\n\n{"body": \n{"title": "x"}\n["not", "an object"]\n'
    items = read_items(data, source_name="feed.ndjson")
    assert [type(i).__name__ for i in items] == [
        "ImportItem",
        "FailedItem",
        "FailedItem",
        "FailedItem",
    ]
    assert [i.source_name for i in items] == [
        "feed.ndjson:1",
        "feed.ndjson:3",
        "feed.ndjson:4",
        "feed.ndjson:5",
    ]
    assert "invalid JSON at line 3" in str(items[1].error)
    assert "expected a JSON object, got a list" in str(items[3].error)
    assert items[0].raw_text == '{"body": "One."}'
