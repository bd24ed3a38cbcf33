"""``manage.py import_articles``: per-file lines, totals, --format json, --dry-run, exit 1."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from claims.models import Article, Claim
from tests.factories import article_text, give_verdict, use_fake_pipeline

pytestmark = pytest.mark.django_db

GOOD = article_text("Donald Trump met Vladimir Putin in Budapest on March 3, 2025.")
OTHER = article_text("Prices rose 5% in March.", "Analysts expect more.", title="Prices")


@pytest.fixture(autouse=True)
def _fake_pipeline(monkeypatch):
    use_fake_pipeline(monkeypatch)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch) -> Path:
    """a/1.txt (good), a/b/2.html (no text), 3.txt (good), 4.bin (binary), .hidden (skipped)."""
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "in"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "1.txt").write_text(GOOD, encoding="utf-8")
    (root / "a" / "b" / "2.html").write_text("<html><body></body></html>", encoding="utf-8")
    (root / "3.txt").write_text(OTHER, encoding="utf-8")
    (root / "4.bin").write_bytes(b"\x00\x01\x02")
    (root / ".hidden").write_text(GOOD, encoding="utf-8")
    return root


def _run(*args: str) -> tuple[str, CommandError | None]:
    out = StringIO()
    try:
        call_command("import_articles", *args, stdout=out, stderr=StringIO())
    except CommandError as exc:
        return out.getvalue(), exc
    return out.getvalue(), None


def test_one_line_per_file_total_and_exit_1_when_any_failed(tree):
    out, error = _run(str(tree))
    lines = out.splitlines()
    assert lines[0] == "created    in/3.txt  2 claims"
    assert lines[1] == "failed     in/4.bin  binary file (contains NUL bytes), not text"
    assert lines[2] == "created    in/a/1.txt  1 claims"
    assert lines[3].startswith("failed     in/a/b/2.html  ")
    assert "no article text" in lines[3] or "empty" in lines[3]
    assert lines[4].startswith(
        "total: 4 articles in 4 files: 2 created, 0 updated, 0 unchanged, 2 failed; 3 claims"
    )
    assert len(lines) == 5
    assert error is not None and error.returncode == 1
    # The good files were imported despite the bad ones.
    assert set(Article.objects.values_list("source_name", flat=True)) == {"in/3.txt", "in/a/1.txt"}


def test_rerun_is_unchanged_and_exit_0(tree):
    (tree / "4.bin").unlink()
    (tree / "a" / "b" / "2.html").unlink()
    out, error = _run(str(tree))
    assert error is None
    out, error = _run(str(tree / "3.txt"), str(tree / "a"))
    assert error is None
    assert out.splitlines()[:2] == [
        "unchanged  in/3.txt  2 claims",
        "unchanged  in/a/1.txt  1 claims",
    ]


def test_update_line_mentions_kept_reviewed_claims(tree):
    (tree / "4.bin").unlink()
    _run(str(tree / "3.txt"))
    claim = Claim.objects.get(text="Prices rose 5% in March.")
    give_verdict(claim, verdict=Claim.Verdict.CORROBORATED, editor=None)
    (tree / "3.txt").write_text(OTHER + "\nA new sentence was added.\n", encoding="utf-8")
    out, error = _run(str(tree / "3.txt"))
    assert error is None
    assert out.splitlines()[0] == "updated    in/3.txt  3 claims (1 reviewed kept)"


def test_json_format(tree):
    out, error = _run(str(tree), "--format", "json")
    data = json.loads(out)
    assert data["dry_run"] is False
    assert [r["status"] for r in data["results"]] == ["created", "failed", "created", "failed"]
    first = data["results"][0]
    assert first["source_name"] == "in/3.txt" and first["claim_count"] == 2
    assert isinstance(first["article_id"], int)
    assert set(first) >= {"title", "kept_claims", "error", "parse_seconds", "db_seconds"}
    assert data["totals"]["created"] == 2 and data["totals"]["failed"] == 2
    assert data["totals"]["claims"] == 3
    assert error is not None and error.returncode == 1


def test_dry_run_writes_nothing(tree):
    out, _ = _run(str(tree), "--dry-run")
    assert "created    in/3.txt  2 claims" in out
    assert "dry run: nothing was written" in out
    assert not Article.objects.exists()
    out, _ = _run(str(tree), "--dry-run", "--format", "json")
    assert json.loads(out)["dry_run"] is True
    assert not Article.objects.exists()


def test_missing_path_is_a_failure(tree):
    out, error = _run(str(tree / "nope.txt"))
    assert out.splitlines()[0] == "failed     in/nope.txt  no such file"
    assert error is not None and error.returncode == 1


def test_jsonl_file_gives_one_line_per_article(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"title": "One", "body": "Prices rose 5% in March."})
        + "\n"
        + json.dumps({"title": "Two"})
        + "\n",
        encoding="utf-8",
    )
    out, error = _run(str(feed))
    lines = out.splitlines()
    assert lines[0] == "created    feed.jsonl:1  1 claims"
    assert lines[1] == "failed     feed.jsonl:2  missing field 'body' (or 'text')"
    assert error is not None


def test_progress_bar_on_stderr_only_for_many_files_on_a_tty(tmp_path, monkeypatch, capsys):
    from claims.management.commands import import_articles

    monkeypatch.chdir(tmp_path)
    for i in range(import_articles.PROGRESS_MIN_FILES):
        (tmp_path / f"{i:02}.txt").write_text(article_text(f"Story number {i} was filed."), "utf-8")
    _run(str(tmp_path))
    assert "files" not in capsys.readouterr().err  # stdout is not a TTY here
    monkeypatch.setattr(import_articles, "_is_tty", lambda stream: True)
    out, error = _run(str(tmp_path))
    assert error is None
    err = capsys.readouterr().err
    assert f"{import_articles.PROGRESS_MIN_FILES}/{import_articles.PROGRESS_MIN_FILES} files" in err
    assert "unchanged" not in err
    lines = [line for line in out.splitlines() if line.startswith("unchanged  ")]
    assert len(lines) == import_articles.PROGRESS_MIN_FILES
