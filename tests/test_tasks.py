"""Background imports: enqueue with ``import_articles --enqueue``, run with ``db_worker``."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from claims.models import Article, Claim
from claims.tasks import import_path_task
from tests.factories import article_text, use_fake_pipeline

# The worker claims tasks in its own transactions, as a separate process would: the rows it
# reads must be committed. serialized_rollback restores the migrations' data afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _fake_pipeline(monkeypatch):
    use_fake_pipeline(monkeypatch)


@pytest.fixture
def files(tmp_path):
    paths = []
    for i, city in enumerate(["Riyadh", "Geneva"]):
        path = tmp_path / f"talks-{i}.txt"
        path.write_text(
            article_text(
                f"US and Russian officials met in {city} on February 18, 2025.",
                "Analysts say the talks were a first step.",
                title=f"Talks in {city}",
            ),
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def run_worker() -> None:
    call_command(
        "db_worker",
        "--batch",
        "--no-reload",
        "--no-startup-delay",
        "--interval",
        "0",
        verbosity=0,
    )


def test_enqueued_files_are_imported_by_the_worker(files):
    out = io.StringIO()
    call_command("import_articles", "--enqueue", *map(str, files), stdout=out)
    assert Article.objects.count() == 0  # nothing imported yet: only queued
    lines = out.getvalue().splitlines()
    ids = [line.rsplit("task ", 1)[1] for line in lines if line.startswith("queued")]
    assert len(ids) == 2
    assert "2 files queued" in lines[-1]

    run_worker()

    assert set(Article.objects.values_list("title", flat=True)) == {
        "Talks in Riyadh",
        "Talks in Geneva",
    }
    assert Claim.objects.count() == 4
    for task_id in ids:
        result = import_path_task.get_result(task_id)
        assert result.status == TaskResultStatus.SUCCESSFUL
        assert result.return_value["created"] == 1
        assert result.return_value["claims"] == 2
        assert result.return_value["results"][0]["status"] == "created"


def test_a_failed_article_is_reported_not_raised(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    results = [import_path_task.enqueue(str(empty)), import_path_task.enqueue(str(missing))]
    run_worker()
    for result in results:
        result.refresh()
        assert result.status == TaskResultStatus.SUCCESSFUL
        assert result.return_value["failed"] == 1
        assert result.return_value["results"][0]["error"]
    assert not DBTaskResult.objects.exclude(status=TaskResultStatus.SUCCESSFUL).exists()


def test_enqueue_json_output_and_dry_run_refused(files):
    out = io.StringIO()
    call_command("import_articles", "--enqueue", "--format", "json", str(files[0]), stdout=out)
    queued = json.loads(out.getvalue())["queued"]
    assert [item["path"] for item in queued] == [str(files[0])]
    assert DBTaskResult.objects.filter(id=queued[0]["task_id"]).exists()
    with pytest.raises(CommandError, match="cannot be combined"):
        call_command("import_articles", "--enqueue", "--dry-run", str(files[0]))
