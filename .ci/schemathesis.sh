#!/usr/bin/env bash
# The API fuzzed against its own OpenAPI schema (schemathesis), over HTTP, writes included.
#
# Self-contained: a throwaway SQLite database in a temporary directory, migrated, the seeds
# imported, one verdict and one relation so every endpoint has data, an editor with a token
# (so the write endpoints are exercised, not just refused), a server on a free port of
# 127.0.0.1 run with production settings (DEBUG off: a 500 is a 500). Everything is removed
# and the server stopped on exit, whatever happens.
#
# Checks: no 5xx (not_a_server_error), responses match the schema (status codes, content
# types, bodies). Bounded: SCHEMATHESIS_MAX_EXAMPLES per operation (default 25) and a fixed
# seed, so a failure reproduces. One worker: with two, hypothesis parses lambda sources with
# ast.parse in two threads at once, which CPython 3.11 can fail with "SystemError: AST
# constructor recursion depth mismatch" (seen in CI; a crash of the tool, not of the API).
# Concurrent API writers have their own tests (tests/test_concurrency.py on PostgreSQL,
# tests/test_sqlite_writers.py on SQLite).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
MAX_EXAMPLES="${SCHEMATHESIS_MAX_EXAMPLES:-25}"
SEED="${SCHEMATHESIS_SEED:-1}"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/claimtracker-schemathesis.XXXXXX")"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

PORT="$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

# Production settings, except plain HTTP on loopback and a write throttle high enough for a
# fuzzer (throttling has its own tests).
export DEBUG=0
SECRET_KEY="$($PY -c 'import secrets; print(secrets.token_urlsafe(50))')"
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1
export DATABASE_URL="sqlite:///$WORK/db.sqlite3"
export SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 SECURE_HSTS_SECONDS=0
export SECURE_PROXY_SSL_HEADER=0
export THROTTLE_WRITES=100000/min THROTTLE_TOKEN_AUTH=100000/min
export CLAIMTRACKER_PUBLIC_READ=1

echo "schemathesis: database in $WORK, server on 127.0.0.1:$PORT"
$PY manage.py migrate --noinput -v 0
$PY manage.py import_articles seeds/ --jobs 1 >"$WORK/import.log"
TOKEN="$($PY manage.py shell -v 0 --no-imports -c '
from django.contrib.auth.models import Group, User
from rest_framework.authtoken.models import Token
from claims.models import Claim, ClaimRelation
editor = User.objects.create_user("fuzz-editor", is_staff=True)
editor.groups.add(Group.objects.get(name="Editors"))
first, second = Claim.objects.order_by("article_id", "position")[:2]
first.set_verdict(verdict="contradicted", editor=editor, note="fuzz",
                  evidence=[{"url": "https://example.org/source", "stance": "refutes"}])
other = Claim.objects.exclude(article_id=first.article_id).first()
ClaimRelation.objects.create(from_claim=first, to_claim=other, relation="contradicts")
print(Token.objects.create(user=editor).key)
')"

$PY manage.py runserver "127.0.0.1:$PORT" --noreload --skip-checks >"$WORK/server.log" 2>&1 &
SERVER_PID=$!

status=0
.venv/bin/schemathesis --no-color run "http://127.0.0.1:$PORT/api/schema/" \
  --wait-for-schema 60 \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --max-examples "$MAX_EXAMPLES" \
  --seed "$SEED" \
  --header "Authorization: Token $TOKEN" \
  --exclude-name "DELETE /api/auth/token/" \
  --request-timeout 60 \
  --workers 1 || status=$?

if [[ $status -ne 0 ]]; then
  echo "schemathesis failed (exit $status); server log:" >&2
  tail -n 50 "$WORK/server.log" >&2 || true
fi
exit "$status"
