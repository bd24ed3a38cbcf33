"""A better pipeline reaches the articles already imported, and keeps every editor's work.

The seeds are imported through a stand-in pipeline that splits and attributes differently
(``tests.factories.fake_parse``), editors work on them, then the same files are imported
again with the real pipeline: the articles are re-parsed (not skipped as unchanged), and
every claim an editor touched keeps its id, text, offsets, verdict, history, evidence and
relations, while the rest of the article takes the new parse.
"""

from __future__ import annotations

import itertools
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from claims import editing
from claims.extract.pipeline import parse_article
from claims.importer import parsing
from claims.models import Article, Claim, ClaimRelation, Evidence, Review
from tests.factories import FAKE_PARSER, give_verdict

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _import(*paths: Path) -> list[str]:
    out = StringIO()
    call_command("import_articles", *map(str, paths), stdout=out)
    return [line.split()[0] for line in out.getvalue().splitlines()[: len(paths)]]


def _new_body(article: Article) -> str:
    return parse_article(article.raw_text).body


def _editor_work(editor: User) -> dict[int, tuple]:
    """Verdicts with evidence on a few claims of each article, and cross-article links.
    Only on article text: a claim the stand-in made of a disclaimer that the real pipeline
    drops from the body blocks the re-import instead (the last test)."""
    worked: list[Claim] = []
    for article in Article.objects.order_by("pk"):
        body = _new_body(article)
        claims = [c for c in article.claims.order_by("position") if c.text in body]
        for claim in claims[1::4]:
            give_verdict(
                claim,
                verdict=Claim.Verdict.CONTRADICTED,
                editor=editor,
                note=f"checked {claim.pk}",
                evidence=[{"url": f"https://example.org/{claim.pk}", "stance": "refutes"}],
            )
            worked.append(claim)
    for left, right in itertools.pairwise(worked):
        if left.article_id != right.article_id:
            editing.relate_claims(left, right, "contradicts", editor=editor, note="linked")
    return {claim.pk: _state(claim.pk) for claim in worked}


def _state(pk: int) -> tuple:
    claim = Claim.objects.get(pk=pk)
    return (
        claim.article_id,
        claim.text,
        claim.article.body[claim.start : claim.end],
        claim.verdict,
        claim.verdict_note,
        list(Review.objects.filter(claim=claim).values_list("pk", "verdict", "note")),
        list(Evidence.objects.filter(claim=claim).values_list("pk", "url")),
        sorted(ClaimRelation.objects.filter(from_claim=claim).values_list("pk", "to_claim_id")),
    )


def test_reimport_with_a_new_pipeline_reparses_and_keeps_every_editor_change(monkeypatch):
    seeds = sorted(SEEDS.glob("*.txt"))
    editor = User.objects.create_user("ed", password="pw-ed-12345")
    with monkeypatch.context() as old:
        old.setattr(parsing, "PARSER", FAKE_PARSER)
        old.setattr(parsing, "version", lambda: "old-pipeline")
        assert _import(*seeds) == ["created"] * len(seeds)
    before = _editor_work(editor)
    assert len(before) >= 6 and ClaimRelation.objects.exists()
    stand_in_texts = set(Claim.objects.values_list("text", flat=True))

    assert _import(*seeds) == ["updated"] * len(seeds)

    assert {pk: _state(pk) for pk in before} == before
    for article in Article.objects.all():
        assert article.pipeline_version == parsing.version()
        claims = list(article.claims.order_by("position"))
        assert [c.start for c in claims] == sorted(c.start for c in claims)
        for claim, following in itertools.pairwise(claims):
            assert claim.end <= following.start  # kept and new claims never overlap
    # The rest is the new parse: sentences the stand-in never made, with the new pipeline's
    # speakers and attributions.
    assert set(Claim.objects.values_list("text", flat=True)) - stand_in_texts
    for article in Article.objects.all():
        parsed = {(c.start, c.end): c for c in parse_article(article.raw_text).claims}
        for claim in article.claims.exclude(pk__in=before).select_related("speaker"):
            new = parsed[claim.start, claim.end]
            speaker = claim.speaker.name if claim.speaker else None
            assert (claim.attribution, speaker) == (new.attribution, new.speaker)
    # And once the new pipeline has parsed them, the same files are unchanged again.
    assert _import(*seeds) == ["unchanged"] * len(seeds)


def test_same_text_under_another_name_updates_the_article_an_old_pipeline_parsed(
    monkeypatch, tmp_path
):
    text = (SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0]).read_text("utf-8")
    first, second = tmp_path / "first.txt", tmp_path / "renamed.txt"
    first.write_text(text, "utf-8")
    second.write_text(text, "utf-8")
    with monkeypatch.context() as old:
        old.setattr(parsing, "version", lambda: "old-pipeline")
        assert _import(first) == ["created"]
    (article_id,) = Article.objects.values_list("pk", flat=True)
    # The text is found by its hash, so no second article and no unique-hash failure.
    assert _import(second) == ["updated"]
    assert list(Article.objects.values_list("pk", "pipeline_version")) == [
        (article_id, parsing.version())
    ]


def test_a_reviewed_claim_the_new_pipeline_drops_blocks_only_its_article(monkeypatch):
    seeds = sorted(SEEDS.glob("*.txt"))
    with monkeypatch.context() as old:
        old.setattr(parsing, "PARSER", FAKE_PARSER)
        old.setattr(parsing, "version", lambda: "old-pipeline")
        _import(*seeds)
    # A claim the stand-in made of text the real pipeline keeps out of the body (a
    # publisher's disclaimer, say), given a verdict by an editor.
    bodies = {article.pk: _new_body(article) for article in Article.objects.all()}
    dropped = next(c for c in Claim.objects.order_by("pk") if c.text not in bodies[c.article_id])
    give_verdict(dropped, verdict=Claim.Verdict.MIXED, editor=None, note="kept")
    blocked = Article.objects.get(pk=dropped.article_id)
    body, claims = blocked.body, list(blocked.claims.values_list("pk", "text"))

    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import_articles", *map(str, seeds), stdout=out)
    assert "no longer appear in the new text" in out.getvalue()
    blocked.refresh_from_db()
    assert (blocked.body, blocked.pipeline_version) == (body, "old-pipeline")
    assert list(blocked.claims.values_list("pk", "text")) == claims
    assert Claim.objects.get(pk=dropped.pk).verdict == Claim.Verdict.MIXED
    others = Article.objects.exclude(pk=blocked.pk)
    assert set(others.values_list("pipeline_version", flat=True)) == {parsing.version()}
