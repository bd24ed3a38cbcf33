"""The benchmark's baseline views exist only when CLAIMTRACKER_BENCH_VIEWS=1."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.test import RequestFactory

from claims.devtools import bench_urls


def _resolves(**env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k != "CLAIMTRACKER_BENCH_VIEWS"}
    clean.update(env, DEBUG="1", DJANGO_SETTINGS_MODULE="claimtracker.settings")
    code = (
        "import django; django.setup()\n"
        "from django.urls import Resolver404, resolve\n"
        "try:\n    print(resolve('/bench/hello/').url_name)\n"
        "except Resolver404:\n    print('absent')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_not_mounted_unless_asked_for():
    assert _resolves() == "absent"
    assert _resolves(CLAIMTRACKER_BENCH_VIEWS="1") == "bench-hello"


@pytest.mark.django_db
def test_plain_baseline_returns_the_api_columns(claims):
    request = RequestFactory().get("/bench/claims/", {"actor": claims[1].speaker_id})
    rows = json.loads(bench_urls.plain_claims(request).content)["results"]
    assert [row["id"] for row in rows] == [claims[1].pk]
    assert set(rows[0]) == set(bench_urls.COLUMNS)
    assert bench_urls.hello(RequestFactory().get("/")).content == b"hello"
