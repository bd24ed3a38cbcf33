"""Dev tooling (claims.devtools: synthetic data, the demo fixture builder, the bench views)
stays off the runtime import path: a server never loads it unless the bench flag is on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The commands that drive the dev tooling, the only runtime-side modules that may import it.
DEV_COMMANDS = {
    "claims.management.commands.generate_data",
    "claims.management.commands.build_demo_fixture",
}

# Imports every module of claims/ and claimtracker/ outside devtools, migrations and the dev
# commands, resolves a URL (building the URLconf), then lists the devtools modules loaded.
PROBE = """
import importlib, pathlib, sys
import django
django.setup()
skip = set(sys.argv[1:])
for package in ("claims", "claimtracker"):
    for path in sorted(pathlib.Path(package).rglob("*.py")):
        parts = list(path.with_suffix("").parts)
        if "devtools" in parts or "migrations" in parts:
            continue
        if parts[-1] == "__init__":
            parts.pop()
        name = ".".join(parts)
        if name not in skip:
            importlib.import_module(name)
from django.urls import resolve
resolve("/api/")
print(",".join(sorted(m for m in sys.modules if m.startswith("claims.devtools"))))
"""


def _devtools_loaded(**env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k != "CLAIMTRACKER_BENCH_VIEWS"}
    clean.update(env, DEBUG="1", DJANGO_SETTINGS_MODULE="claimtracker.settings")
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *sorted(DEV_COMMANDS)],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def test_runtime_modules_do_not_import_devtools():
    loaded = _devtools_loaded()
    assert loaded == "", f"the runtime path imports dev tooling: {loaded}"


def test_bench_flag_mounts_only_the_bench_views():
    # The probe proves it can see devtools when something does load it.
    assert _devtools_loaded(CLAIMTRACKER_BENCH_VIEWS="1") == (
        "claims.devtools,claims.devtools.bench_urls"
    )
