"""A corpus of bad files (``tests/data/bad/``) through the real importer: each is refused with
one line naming the file and the reason, the database is unchanged for it, and a batch that
mixes good and bad files still imports the good ones (exit status 1).

The oversize and the deeply nested files are made at test time rather than committed.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from claims.importer.limits import DEFAULT_MAX_BYTES
from claims.models import Article

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
BAD_DIR = ROOT / "tests" / "data" / "bad"
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

# file name -> what its one-line reason must say (every file in BAD_DIR must be listed).
BAD_FILES: dict[str, str] = {
    "empty.txt": "empty file (no text)",
    "whitespace-only.txt": "empty file (no text)",
    "binary-with-nul.txt": "binary file (contains NUL bytes)",
    "invalid-utf8.txt": "not valid UTF-8 (byte 0xe9 at offset 3)",
    "utf16-without-bom.txt": "UTF-16 text (without a byte-order mark) is not supported",
    "truncated.html": "no article text found in the HTML",
    "scripts-and-styles-only.html": "no article text found in the HTML",
    "invalid.json": "invalid JSON: Expecting ',' delimiter at line 3",
    "missing-body.json": "missing field 'body' (or 'text')",
    "body-not-a-string.json": "field 'body' must be a string, got a number",
    "empty-list.json": "empty JSON list (no articles)",
    "lone-surrogate.json": "field 'title' is not valid Unicode (lone surrogate \\ud800)",
    "nul-escape.json": "field 'title' contains a NUL character",
    "bad-url.json": "bad URL: 'javascript:alert(1)'",
    "bad-date.txt": "bad date in 'Published': '31/31/2025'",
    "header-without-text.txt": "the header block is followed by no article text",
    "no-claims.txt": "no article text left after cleaning",  # only site furniture
    "questions-only.txt": "no claims found in the text",
}
# A JSON Lines file whose every line is bad: one failed line per article, numbered.
BAD_LINES = {
    "all-lines-bad.jsonl:1": "field 'body' must be a string, got a number",
    "all-lines-bad.jsonl:2": "invalid JSON at line 2, column 1",
    "all-lines-bad.jsonl:3": "expected a JSON object, got a list",
}
GENERATED: dict[str, str] = {
    "oversize.txt": "file too large (5.0 MB; the limit is 5.0 MB)",
    "nested-too-deep.json": "invalid JSON: nested too deeply",
}


def generate(directory: Path) -> None:
    """The bad files too big to commit: one byte over the default limit, and JSON nested
    deeper than Python's recursion limit."""
    sentence = b"The ministry said exports fell by four percent in 2024. "
    data = sentence * (DEFAULT_MAX_BYTES // len(sentence) + 1)
    (directory / "oversize.txt").write_bytes(data[: DEFAULT_MAX_BYTES + 1])
    (directory / "nested-too-deep.json").write_bytes(b"[" * 100_000 + b"]" * 100_000)


def snapshot() -> dict[str, int]:
    """Row count of every table of the claims app, many-to-many link tables included."""
    return {
        model._meta.db_table: model.objects.count()
        for model in apps.get_app_config("claims").get_models(include_auto_created=True)
    }


def run_import(*paths: Path) -> tuple[list[str], int]:
    out = io.StringIO()
    try:
        call_command("import_articles", *map(str, paths), "--jobs", "1", stdout=out)
        code = 0
    except CommandError as exc:
        code = exc.returncode
    return out.getvalue().splitlines(), code


def test_every_file_of_the_corpus_has_an_expected_reason():
    on_disk = {p.name for p in BAD_DIR.iterdir()}
    assert on_disk == set(BAD_FILES) | {"all-lines-bad.jsonl"}


@pytest.fixture
def generated(tmp_path: Path) -> Path:
    generate(tmp_path)
    return tmp_path


def bad_paths(generated: Path) -> dict[str, Path]:
    paths = {name: BAD_DIR / name for name in BAD_FILES}
    paths.update({name: generated / name for name in GENERATED})
    return paths


@pytest.mark.parametrize("name", [*BAD_FILES, *GENERATED])
def test_bad_file_is_refused_with_one_line_naming_it_and_nothing_changes(
    name: str, generated: Path, settings
):
    path = bad_paths(generated)[name]
    reason = {**BAD_FILES, **GENERATED}[name]
    before = snapshot()
    lines, code = run_import(path)
    assert code == 1
    failed, total = lines
    assert failed.startswith("failed "), failed
    assert name in failed and reason in failed, failed
    assert total.startswith("total: 1 articles in 1 files: 0 created"), total
    assert snapshot() == before


def test_jsonl_with_only_bad_lines_names_each_line():
    before = snapshot()
    lines, code = run_import(BAD_DIR / "all-lines-bad.jsonl")
    assert code == 1
    assert len(lines) == len(BAD_LINES) + 1
    for line, (name, reason) in zip(lines, BAD_LINES.items(), strict=False):
        assert line.startswith("failed ") and name in line and reason in line, line
    assert snapshot() == before


def test_mixed_batch_imports_the_good_files_and_exits_1(tmp_path: Path, generated: Path):
    batch = tmp_path / "batch"
    batch.mkdir()
    for path in [*SEEDS, *bad_paths(generated).values(), BAD_DIR / "all-lines-bad.jsonl"]:
        shutil.copy(path, batch / path.name)
    lines, code = run_import(batch)
    assert code == 1
    *results, total = lines
    created = [line for line in results if line.startswith("created ")]
    failed = [line for line in results if line.startswith("failed ")]
    assert len(created) == len(SEEDS)
    assert {Path(line.split()[1]).name for line in created} == {p.name for p in SEEDS}
    expected_failures = len(BAD_FILES) + len(GENERATED) + len(BAD_LINES)
    assert len(failed) == expected_failures, "\n".join(results)
    assert len(results) == len(created) + len(failed)  # nothing else, nothing wrapped
    assert f"{len(SEEDS)} created" in total and f"{expected_failures} failed" in total
    assert Article.objects.count() == len(SEEDS)
    assert set(Article.objects.values_list("source_name", flat=True)) == {
        (batch / p.name).resolve().as_posix() for p in SEEDS
    }
    # Every claim of the good files points into its article's body.
    for article in Article.objects.prefetch_related("claims"):
        assert article.claims.exists()
        for claim in article.claims.all():
            assert article.body[claim.start : claim.end] == claim.text


def test_admin_upload_of_every_bad_file_reports_each_and_saves_nothing(client, editor):
    """The same files through the admin's Import page: a results table, never a 500."""
    client.force_login(editor)
    uploads = [
        SimpleUploadedFile(name, (BAD_DIR / name).read_bytes())
        for name in [*BAD_FILES, "all-lines-bad.jsonl"]
    ]
    before = snapshot()
    response = client.post(reverse("admin:claims_article_import"), {"files": uploads})
    assert response.status_code == 200
    results = response.context["results"]
    assert [r.status for r in results] == ["failed"] * (len(BAD_FILES) + len(BAD_LINES))
    errors = {r.source_name: r.error for r in results}
    for name, reason in {**BAD_FILES, **BAD_LINES}.items():
        assert reason in errors[name], (name, errors[name])
    assert snapshot() == before
