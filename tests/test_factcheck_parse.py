"""Reading ClaimReview in the shapes fact-checkers publish it (claims.factchecks.parse): pure,
no database. The example files are in tests/data/factchecks/."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.factchecks.parse import ParseError, parse_data, parse_document
from claims.factchecks.ratings import parse_number, stance_for

DATA = Path(__file__).parent / "data" / "factchecks"
ROOT = Path(__file__).resolve().parent.parent


def parsed(name: str):
    return parse_document((DATA / name).read_text(encoding="utf-8"))


def test_a_single_jsonld_file_reads_every_field():
    result = parsed("single.jsonld")
    assert result.problems == []
    [fc] = result.reviews
    assert fc.url == "https://factcheck.example/2025/02/riyadh-meeting"
    assert fc.claim_reviewed == "US and Russian officials met in Riyadh on February 18, 2025."
    assert (fc.publisher_name, fc.publisher_url) == (
        "Example Fact Check",
        "https://factcheck.example/",
    )
    assert fc.claimant == "Marco Rubio"
    assert fc.claim_date == dt.date(2025, 2, 18)
    assert fc.review_date == dt.date(2025, 2, 20)
    assert fc.language == "en"
    assert (fc.textual_rating, fc.rating_value, fc.best_rating, fc.worst_rating) == (
        "True",
        5.0,
        5.0,
        1.0,
    )
    assert fc.rating_explanation == "Both delegations confirmed the meeting."
    assert fc.appearances == ("https://news.example/riyadh",)
    assert fc.raw == json.loads((DATA / "single.jsonld").read_text())


def test_a_graph_with_http_context_type_without_at_string_ratings_and_references():
    [fc] = parsed("graph_http_context.jsonld").reviews
    assert fc.url == "https://checker.example/p/1"
    # author is {"@id": …}, resolved against the Organization node of the graph
    assert (fc.publisher_name, fc.publisher_url) == ("Checker Desk", "https://checker.example/")
    assert (fc.rating_value, fc.best_rating, fc.worst_rating) == (2.0, 5.0, 1.0)
    assert fc.textual_rating == "Mostly false"
    assert fc.review_date == dt.date(2025, 3, 1)  # a date-time's date part
    assert fc.claimant == "Olena Petrenko"  # author as a list: its first
    assert fc.appearances == ("https://social.example/post/123",)  # a bare URL, legacy item


def test_a_list_feed_with_text_only_ratings_appearance_lists_and_decimal_commas():
    result = parsed("feed_list.json")
    assert result.problems == []
    bridge, jobs = result.reviews
    assert bridge.rating_value is None and bridge.textual_rating == "Half true"
    assert bridge.claimant == "City Council"  # author as a plain name
    assert bridge.publisher_name == "Checker Desk"  # author as a list
    assert bridge.appearances == ("https://news.example/bridge", "https://radio.example/bridge")
    assert bridge.claim_date == dt.date(2025, 3, 4)  # from the appearance
    assert jobs.rating_value == 4.5
    assert jobs.claimant == "" and jobs.appearances == ()


def test_a_datafeed_reads_wrapped_and_bare_items():
    result = parsed("datafeed.json")
    assert result.problems == []
    drones, ceasefire = result.reviews
    assert drones.url == "https://feed.example/checks/10"
    assert drones.language == "en"  # a Language object
    assert drones.claimant == "Ministry of Defence"
    assert ceasefire.rating_value is None and ceasefire.textual_rating == "Unproven"


def test_an_html_page_reads_the_jsonld_scripts_only():
    result = parsed("page.html")
    assert result.problems == []
    [fc] = result.reviews
    assert fc.url == "https://page.example/checks/minister-quote"
    assert '"we will never raise taxes on fuel"' in fc.claim_reviewed
    assert fc.rating_explanation == "The transcript shows no such sentence."
    assert fc.claimant == "Jane Doe"


def test_bad_items_each_get_one_line_naming_the_field_and_good_ones_still_read():
    result = parsed("bad_items.json")
    assert [fc.url for fc in result.reviews] == ["https://good.example/5"]
    lines = [str(p) for p in result.problems]
    assert lines == [
        "ClaimReview 1 (https://bad.example/1): claimReviewed: missing or empty",
        "ClaimReview 2 (https://bad.example/2): reviewRating.ratingValue: "
        "'very false' is not a number",
        "ClaimReview 3: url: missing (the review's own address is what identifies it)",
        "ClaimReview 4 (https://bad.example/4): datePublished: 'yesterday' is not an ISO "
        "date (YYYY-MM-DD)",
    ]


def test_a_broken_document_is_one_error():
    with pytest.raises(ParseError, match="not valid JSON"):
        parsed("broken.json")
    with pytest.raises(ParseError, match="neither JSON nor an HTML page"):
        parse_document("just words")


def test_a_broken_script_on_a_page_is_a_problem_not_a_crash():
    page = '<html><script type="application/ld+json">{"@type": </script></html>'
    result = parse_document(page)
    assert result.reviews == []
    [problem] = result.problems
    assert str(problem).startswith("JSON-LD script 1: not valid JSON")


def test_prefixed_names_expanded_values_and_an_api_page_of_results():
    data = {
        "next": None,
        "results": [
            {
                "@type": "schema:ClaimReview",
                "schema:url": "https://x.example/r",
                "schema:claimReviewed": [{"@value": "Prices doubled."}],
                "reviewRating": {"ratingValue": {"@value": 3}, "name": "Mixed"},
            }
        ],
    }
    [fc] = parse_data(data).reviews
    assert (fc.url, fc.claim_reviewed, fc.rating_value, fc.textual_rating) == (
        "https://x.example/r",
        "Prices doubled.",
        3.0,
        "Mixed",
    )


def test_deep_nesting_is_not_walked_forever():
    data: object = {"@type": "ClaimReview", "url": "https://x.example/d", "claimReviewed": "x"}
    for _ in range(5000):
        data = [data]
    assert parse_data(data).reviews == []


@pytest.mark.parametrize(
    ("raw", "value"), [("4", 4.0), ("4.5", 4.5), ("4,5", 4.5), (" 2 ", 2.0), ("", None)]
)
def test_numbers_as_written(raw, value):
    assert parse_number(raw) == value


@pytest.mark.parametrize("raw", ["four", "1e999", "nan", "4/5"])
def test_not_numbers(raw):
    with pytest.raises(ValueError, match="is not a number"):
        parse_number(raw)


@pytest.mark.parametrize(
    ("value", "best", "worst", "text", "stance"),
    [
        (1, 5, 1, "", "refutes"),
        (5, 5, 1, "", "supports"),
        (3, 5, 1, "", "context"),
        (2, None, None, "", "refutes"),  # schema.org's default scale 1..5
        (0, 0, 10, "", "supports"),  # an inverted scale: 0 is its best
        (None, None, None, "Pants on Fire!", "refutes"),
        (None, None, None, "Mostly false", "refutes"),
        (None, None, None, "Mostly True", "supports"),
        (None, None, None, "Half true", "context"),
        (None, None, None, "Not true", "refutes"),
        (None, None, None, "Corroborated", "supports"),
        (None, None, None, "Contradicted", "refutes"),
        (None, None, None, "Unverifiable", "context"),
        (None, None, None, "Missing context", "context"),
        (None, None, None, "", "context"),
    ],
)
def test_stance_from_rating(value, best, worst, text, stance):
    assert stance_for(value=value, best=best, worst=worst, text=text) == stance


def test_parsing_imports_without_django():
    code = (
        "import sys; import claims.factchecks.parse; "
        "sys.exit(1 if any(m == 'django' or m.startswith('django.') for m in sys.modules) "
        "else 0)"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, timeout=60)
    assert run.returncode == 0, run.stderr


_KEYS = ["@type", "type", "url", "claimReviewed", "reviewRating", "ratingValue", "author"]
_KEYS += ["itemReviewed", "appearance", "@id", "@graph", "datePublished", "name", "x"]
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(_KEYS),
            children,
            max_size=6,
        )
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(_json, st.sampled_from(["ClaimReview", "schema:ClaimReview", ["ClaimReview"]]))
def test_any_json_reads_into_reviews_or_problems_never_an_exception(data, kind):
    document = {"@graph": [data, {"@type": kind, "claimReviewed": data, "reviewRating": data}]}
    result = parse_data(document)
    assert len(result.reviews) + len(result.problems) >= 1
    for fc in result.reviews:
        assert fc.url.startswith(("http://", "https://")) and fc.claim_reviewed
