"""The public site: one page per published fact-check with its ClaimReview JSON-LD, the index
with filters, the Atom feed and the sitemap; and ClaimReview checked field by field against
Google's fact-check documentation."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from html import unescape
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from claims import editing
from claims.api import payloads
from claims.models import Actor, Claim
from tests.factories import give_verdict, make_article, make_claim

pytestmark = pytest.mark.django_db

# Google Search Central, "Fact check (ClaimReview) structured data", structured data type
# definitions: what each type requires and recommends.
GOOGLE_REQUIRED = {
    "ClaimReview": {"claimReviewed", "reviewRating", "url"},
    "Rating": {"alternateName"},
}
GOOGLE_RECOMMENDED = {
    "ClaimReview": {"author", "datePublished", "itemReviewed"},
    "Claim": {"appearance", "author", "datePublished"},  # appearance or firstAppearance
    "Rating": {"bestRating", "name", "ratingValue", "worstRating"},
}
LD_SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def check_google_fields(review: dict[str, Any]) -> None:
    """Every field Google requires or recommends is there and of the expected kind."""
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    rating, item = review["reviewRating"], review["itemReviewed"]
    for kind, data in [("ClaimReview", review), ("Rating", rating), ("Claim", item)]:
        missing = (GOOGLE_REQUIRED.get(kind, set()) | GOOGLE_RECOMMENDED[kind]) - set(data)
        assert not missing, f"{kind} lacks {sorted(missing)}"
        assert all(data[name] not in (None, "", {}, []) for name in data), (kind, data)
    assert rating["@type"] == "Rating"
    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert review["author"]["@type"] == "Organization" and review["author"]["name"]
    assert item["author"]["@type"] in ("Person", "Organization") and item["author"]["name"]
    assert item["appearance"]["url"].startswith("https://")
    dt.date.fromisoformat(item["appearance"]["datePublished"])
    dt.date.fromisoformat(review["datePublished"])
    dt.date.fromisoformat(item["datePublished"])


@pytest.fixture
def published(claims, editor) -> list[Claim]:
    """claims[0] (a statement) corroborated with evidence and claims[1] (Rubio's quote)
    contradicted, both published; claims[2] stays unverified."""
    article = claims[0].article
    article.url = "https://news.example/riyadh"
    article.author = "Jane Reporter"
    article.published_on = dt.date(2025, 2, 19)
    article.save()
    give_verdict(
        claims[0],
        verdict="corroborated",
        editor=editor,
        note="Both delegations confirmed the meeting.",
        evidence=[
            {
                "url": "https://example.org/statement",
                "title": "Joint statement",
                "stance": "supports",
            },
            {"excerpt": "The talks lasted four hours.", "stance": "context"},
        ],
    )
    give_verdict(claims[1], verdict="contradicted", editor=editor, note="No such quote.")
    editing.publish_claims(claims[:2], by=editor)
    return [Claim.objects.get(pk=c.pk) for c in claims]


def page_json_ld(html: str) -> dict[str, Any]:
    blocks = LD_SCRIPT.findall(html)
    assert len(blocks) == 1
    return json.loads(blocks[0])


# --- ClaimReview ------------------------------------------------------------------------------


def test_rating_scale_is_documented_1_to_5_for_every_publishable_verdict():
    publishable = set(Claim.Verdict.values) - {Claim.Verdict.UNVERIFIED}
    assert set(payloads.RATING_VALUES) == publishable
    values = list(payloads.RATING_VALUES.values())
    assert len(set(values)) == len(values)  # no two verdicts share a number
    assert payloads.RATING_VALUES["contradicted"] == 1
    assert payloads.RATING_VALUES["corroborated"] == 5
    with open("docs/api.md", encoding="utf-8") as file:
        docs = file.read()
    for verdict, value in payloads.RATING_VALUES.items():
        label = Claim.Verdict(verdict).label
        assert f"| {verdict} | {value} | {label} |" in docs


@pytest.mark.parametrize("verdict", ["corroborated", "contradicted", "mixed", "unverifiable"])
def test_claimreview_has_every_field_google_requires_or_recommends(published, editor, verdict):
    give_verdict(published[1], verdict=verdict, editor=editor)
    for claim in published[:2]:
        review = APIClient().get(f"/api/claims/{claim.pk}/claimreview/").json()
        check_google_fields(review)
        assert review["url"] == f"http://testserver{claim.get_public_url()}"
    review = APIClient().get(f"/api/claims/{published[1].pk}/claimreview/").json()
    label = Claim.Verdict(verdict).label
    assert review["reviewRating"]["alternateName"] == label
    assert review["reviewRating"]["ratingValue"] == payloads.RATING_VALUES[verdict]


def test_claimreview_names_who_made_the_claim(published, editor):
    statement, quote = published[0], published[1]
    review = APIClient().get(f"/api/claims/{statement.pk}/claimreview/").json()
    # A statement is the article's own: its author made it.
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "Jane Reporter"}
    assert review["itemReviewed"]["appearance"]["url"] == "https://news.example/riyadh"
    assert review["itemReviewed"]["appearance"]["datePublished"] == "2025-02-19"
    assert review["datePublished"] == statement.published_at.date().isoformat()
    review = APIClient().get(f"/api/claims/{quote.pk}/claimreview/").json()
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "Marco Rubio"}
    # Without an author, the publisher.
    statement.article.author = ""
    statement.article.save()
    review = APIClient().get(f"/api/claims/{statement.pk}/claimreview/").json()
    assert review["itemReviewed"]["author"] == {"@type": "Organization", "name": "Example News"}


# --- The fact-check page ----------------------------------------------------------------------


def test_fact_check_page_shows_the_fact_check_and_embeds_its_claimreview(published):
    claim = published[0]
    response = Client().get(claim.get_public_url())
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    html = response.content.decode()
    assert "<mark>US and Russian officials met in Riyadh on February 18, 2025.</mark>" in html
    assert "We want the war to end" in html  # the rest of its paragraph
    assert "Analysts say" not in html  # another paragraph
    assert '<a href="https://news.example/riyadh" rel="nofollow noopener">Talks in Riyadh</a>' in (
        html
    )
    assert "Corroborated" in html and "Both delegations confirmed the meeting." in html
    assert "Joint statement" in html and "stance-supports" in html
    assert "The talks lasted four hours." in html and "stance-context" in html
    # No external asset: every stylesheet, script and image comes from this site.
    assert not re.search(r'<(link|script|img)[^>]+(src|href)="https?://(?!testserver/)', html)
    review = page_json_ld(html)
    check_google_fields(review)
    assert review["url"] == f"http://testserver{claim.get_public_url()}"
    assert f'<link rel="canonical" href="{review["url"]}">' in html
    assert "noindex" not in html


def test_fact_check_page_speaker_and_query_count(published, django_assert_num_queries):
    quote = published[1]
    with django_assert_num_queries(3):  # the claim with article and speaker, evidence, JSON-LD
        html = Client().get(quote.get_public_url()).content.decode()
    assert "Said by <strong>Marco Rubio</strong>" in html
    assert "Contradicted" in html


def test_the_json_ld_cannot_end_its_script_element(published, editor):
    note = "Not true </script><script>alert(1)</script> & <!-- done"
    give_verdict(published[0], verdict="mixed", editor=editor, note=note)
    html = Client().get(published[0].get_public_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert page_json_ld(html)["reviewBody"] == note


def test_only_published_fact_checks_have_public_pages(published, editor, reader):
    hidden = published[0]
    editing.unpublish_claims([hidden], by=editor)
    assert Client().get(hidden.get_public_url()).status_code == 404
    assert Client().get(published[2].get_public_url()).status_code == 404  # unverified
    # The desk may preview it, marked as such and kept out of search engines.
    desk = Client()
    desk.force_login(reader)
    html = desk.get(hidden.get_public_url()).content.decode()
    assert "Not published" in html and '<meta name="robots" content="noindex">' in html
    assert desk.get(published[2].get_public_url()).status_code == 404  # nothing to show


def test_other_addresses_redirect_to_the_canonical_page(published):
    claim = published[0]
    for url in [f"/fact-checks/{claim.pk}/", f"/fact-checks/{claim.pk}/old-title/"]:
        response = Client().get(url)
        assert response.status_code == 301
        assert response["Location"] == claim.get_public_url()
    assert Client().get("/fact-checks/999999/x/").status_code == 404


# --- The index --------------------------------------------------------------------------------


def index_texts(client: Client, params: dict[str, str] | None = None) -> list[str]:
    html = client.get("/fact-checks/", params or {}).content.decode()
    return [unescape(t) for t in re.findall(r'class="fact-link" href="[^"]+">([^<]+)</a>', html)]


def test_index_lists_published_fact_checks_newest_first_with_filters(published, editor):
    statement, quote = published[0].text, published[1].text
    client = Client()
    assert index_texts(client) == [quote, statement]  # published together: the higher id first
    html = client.get("/fact-checks/").content.decode()
    assert published[2].text not in html
    assert len(index_texts(client, {"verdict": "contradicted"})) == 1
    assert index_texts(client, {"verdict": "mixed"}) == []
    rubio = Actor.objects.get(name="Marco Rubio")
    assert len(index_texts(client, {"speaker": str(rubio.pk)})) == 1
    assert len(index_texts(client, {"q": "Riyadh officials"})) == 1
    assert f'<option value="{rubio.pk}">Marco Rubio</option>' in html


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"verdict": "unverified"}, "verdict"),
        ({"verdict": "true"}, "verdict"),
        ({"speaker": "rubio"}, "speaker"),
        ({"page": "0"}, "page"),
        ({"page": "x"}, "page"),
    ],
)
def test_index_names_a_bad_filter(published, params, named):
    response = Client().get("/fact-checks/", params)
    assert response.status_code == 400
    assert response.content.decode().startswith(f"{named}:")


def test_index_page_past_the_last_is_404(published):
    assert Client().get("/fact-checks/", {"page": "2"}).status_code == 404


def many_published(n: int, editor: User) -> None:
    sentences = [f"Exports rose by {i} percent in {2000 + i}." for i in range(n)]
    article = make_article(f"Trade {n}", sentences)
    claims = [make_claim(article, sentence, i) for i, sentence in enumerate(sentences)]
    for claim in claims:
        give_verdict(claim, verdict="mixed", editor=editor)
    editing.publish_claims(claims, by=editor)


def test_index_query_count_does_not_grow_with_the_page(db, editor):
    many_published(3, editor)
    client = Client()

    def count(params: dict[str, str]) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/fact-checks/", params).status_code == 200
        return len(ctx.captured_queries)

    small = count({})
    many_published(30, editor)
    # count + page + the speakers of the filter
    assert small == count({}) == count({"page": "2"}) == count({"verdict": "mixed"}) == 3


# --- Atom feed and sitemap --------------------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_feed_lists_newly_published_fact_checks(published, editor):
    editing.unpublish_claims([published[0]], by=editor)
    editing.publish_claims([published[0]], by=editor)  # now the newest
    response = Client().get("/fact-checks/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert links == [
        f"http://testserver{published[0].get_public_url()}",
        f"http://testserver{published[1].get_public_url()}",
    ]
    assert entries[0].find(f"{ATOM}title").text == f"Corroborated: {published[0].text}"
    assert entries[1].find(f"{ATOM}summary").text.startswith("Said by Marco Rubio")


def test_sitemap_lists_the_published_pages_only(published, editor):
    editing.unpublish_claims([published[1]], by=editor)
    response = Client().get("/sitemap.xml")
    assert response.status_code == 200
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    urls = [u.find(f"{ns}loc").text for u in ET.fromstring(response.content)]
    assert urls == [
        "http://testserver/fact-checks/",
        f"http://testserver{published[0].get_public_url()}",
    ]
