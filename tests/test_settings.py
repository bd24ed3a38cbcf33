"""Settings come from the environment; production values pass Django's deploy checks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-production-secret-that-is-long-and-random-enough-0123456789abcdef",
    "ALLOWED_HOSTS": "claims.example.org, api.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://claims.example.org",
}


def run(code_or_args: list[str], **env: str) -> subprocess.CompletedProcess:
    drop = {"DEBUG", "SECRET_KEY", "DATABASE_URL"}
    clean = {k: v for k, v in os.environ.items() if k not in drop}
    clean.update(env, DJANGO_SETTINGS_MODULE="claimtracker.settings")
    return subprocess.run(
        [sys.executable, *code_or_args], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def settings_value(expr: str, **env: str) -> subprocess.CompletedProcess:
    return run(["-c", f"from claimtracker import settings as s; print({expr})"], **env)


def test_secret_key_required_without_debug():
    result = settings_value("s.DEBUG", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_debug_defaults_to_off():
    result = settings_value("s.DEBUG", SECRET_KEY="x" * 60)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(("raw", "expected"), [("1", "True"), ("true", "True"), ("0", "False")])
def test_debug_parsing(raw, expected):
    assert settings_value("s.DEBUG", DEBUG=raw, SECRET_KEY="k" * 60).stdout.strip() == expected


def test_bad_debug_value_is_named():
    result = settings_value("s.DEBUG", DEBUG="maybe")
    assert "DEBUG must be true/false or 1/0, got 'maybe'" in result.stderr


def test_lists_and_database_from_environment():
    result = settings_value(
        "s.ALLOWED_HOSTS, s.CSRF_TRUSTED_ORIGINS, s.DATABASES['default']['NAME'], s.TIME_ZONE,"
        " s.USE_TZ",
        **PRODUCTION,
        DATABASE_URL="postgres://u@db.example.org:5432/claims",
    )
    assert result.stdout.strip() == (
        "['claims.example.org', 'api.example.org'] ['https://claims.example.org'] claims UTC True"
    )


def test_sqlite_file_in_project_when_database_url_unset():
    result = settings_value("s.DATABASES['default']['NAME']", **PRODUCTION)
    assert result.stdout.strip() == str(ROOT / "db.sqlite3")


def test_check_deploy_is_clean_with_production_settings():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_hardening_values():
    """What check --deploy only warns about, pinned: HTTPS everywhere, cookies that never
    travel in clear, HSTS for a year, and the proxy header that says the request was HTTPS."""
    names = [
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_PROXY_SSL_HEADER",
        "X_FRAME_OPTIONS",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "DEBUG",
    ]
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        f"print(repr([getattr(s, n) for n in {names!r}]))"
    )
    result = run(["-c", code], **PRODUCTION)
    assert result.returncode == 0, result.stderr
    expected = [True, True, True, True, 31_536_000, True, ("HTTP_X_FORWARDED_PROTO", "https")]
    assert result.stdout.strip() == repr([*expected, "DENY", True, False])


@pytest.mark.parametrize(
    "secret", ["django-insecure-dev-only-claimtracker", "short", "aaaaaaaaaa" * 6]
)
def test_check_deploy_refuses_a_weak_or_development_secret(secret):
    env = {**PRODUCTION, "SECRET_KEY": secret}
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **env)
    assert result.returncode != 0
    assert "security.W009" in result.stderr + result.stdout


def test_plain_http_is_redirected_unless_the_proxy_says_https(client, settings, db):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 31_536_000
    plain = client.get("/api/claims/")
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    proxied = client.get("/api/claims/", HTTP_X_FORWARDED_PROTO="https")
    assert proxied.status_code == 200
    assert proxied["Strict-Transport-Security"].startswith("max-age=31536000")


def test_every_setting_the_code_reads_is_declared():
    """A key read with a fallback (getattr(settings, "X", default)) but never declared
    hides its default from settings.py and the README; every read key must exist."""
    import re

    from django.conf import settings as django_settings

    read = re.compile(
        r"""(?<![\w.])settings\.([A-Z][A-Z0-9_]+)|getattr\(\s*settings,\s*["']([A-Z0-9_]+)"""
    )
    missing = set()
    for package in ("claims", "claimtracker"):
        for path in (ROOT / package).rglob("*.py"):
            for match in read.finditer(path.read_text(encoding="utf-8")):
                name = match.group(1) or match.group(2)
                if not hasattr(django_settings, name):
                    missing.add(f"{path.relative_to(ROOT)}: {name}")
    assert not missing, f"read but not declared in claimtracker/settings.py: {sorted(missing)}"


def test_stats_cache_seconds_from_environment():
    assert settings_value("s.CLAIMTRACKER_STATS_CACHE_SECONDS", DEBUG="1").stdout.strip() == "0"
    result = settings_value(
        "s.CLAIMTRACKER_STATS_CACHE_SECONDS", DEBUG="1", CLAIMTRACKER_STATS_CACHE_SECONDS="30"
    )
    assert result.stdout.strip() == "30"
