"""End to end with the real text pipeline: the seed articles, an HTML page, a re-import."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.importer.service import import_bytes, import_file
from claims.models import Actor, Article, Claim
from tests.factories import give_verdict

pytest.importorskip("claims.extract.pipeline", reason="the text pipeline is not there yet")

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def _import(*paths: str) -> list[str]:
    out = StringIO()
    call_command("import_articles", *paths, stdout=out)
    return out.getvalue().splitlines()


def _claims_of(actor: Actor) -> set[int]:
    return set(Claim.objects.for_actor(actor).values_list("article_id", flat=True))


def test_seeds_end_to_end(monkeypatch):
    monkeypatch.chdir(ROOT)
    lines = _import("seeds/")
    assert [line.split()[0] for line in lines[:3]] == ["created"] * 3
    assert Article.objects.count() == 3
    for article in Article.objects.all():
        claims = list(article.claims.all())
        assert len(claims) >= 5, article.title
        for claim in claims:
            assert article.body[claim.start : claim.end] == claim.text
    trump = Actor.objects.get(name="Donald Trump")
    putin = Actor.objects.get(name="Vladimir Putin")
    assert Actor.objects.matching("Donald Trump").count() == 1
    assert Actor.objects.matching("Vladimir Putin").count() == 1
    # One actor each, named across all three articles (surnames resolved to them).
    assert len(_claims_of(trump)) == 3
    assert len(_claims_of(putin)) == 3
    carnegie = Article.objects.get(title__startswith="Russia Is Playing Along")
    assert carnegie.published_on is not None

    with CaptureQueriesContext(connection) as ctx:
        again = _import(str(SEEDS))
    assert [line.split()[0] for line in again[:3]] == ["unchanged"] * 3
    assert not [
        q
        for q in ctx.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
    ]


def test_reimport_of_an_edited_seed_keeps_the_reviewed_claim(tmp_path):
    path = tmp_path / "carnegie.txt"
    original = (SEEDS / "001_6c65e4ac5cb1500d.txt").read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    (first,) = import_file(path)
    assert first.status == "created", first.error
    claim = Claim.objects.filter(article_id=first.article_id).order_by("-position")[2]
    give_verdict(claim, verdict=Claim.Verdict.CONTRADICTED, editor=None, note="checked")
    edited = original.replace(
        "Putin’s first order of business is Ukraine.",
        "Putin’s first order of business is Ukraine. Correction: an earlier version misdated "
        "the talks, which took place on March 11, 2025.",
    )
    path.write_text("Update: the article was corrected.\n\n" + edited, encoding="utf-8")
    (second,) = import_file(path)
    assert second.status == "updated", second.error
    assert second.kept_claims == 1
    kept = Claim.objects.get(pk=claim.pk)
    assert kept.verdict == Claim.Verdict.CONTRADICTED
    assert kept.article.body[kept.start : kept.end] == kept.text
    positions = list(kept.article.claims.order_by("start").values_list("position", flat=True))
    assert positions == list(range(len(positions)))


def test_html_page_through_the_pipeline():
    data = (ROOT / "tests" / "data" / "import" / "riyadh.html").read_bytes()
    (result,) = import_bytes(data, source_name="riyadh.html")
    assert result.status == "created", result.error
    article = Article.objects.get()
    assert article.title == "Talks in Riyadh"
    assert article.publisher == "Example News"
    assert "MUST NOT APPEAR" not in article.body and "NAVIGATION" not in article.body
    assert article.claims.filter(text__contains="Marco Rubio").exists()
