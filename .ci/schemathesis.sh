#!/usr/bin/env bash
# The API fuzzed against its own OpenAPI schema (schemathesis), over HTTP, writes included.
#
# Self-contained: a throwaway SQLite database in a temporary directory, migrated, the seeds
# imported, a verdict and relations so every endpoint has data, an editor with a token (so
# the write endpoints are exercised, not just refused), a config file naming the ids of that
# data (below), a server on a free port of 127.0.0.1 run with production settings (DEBUG
# off: a 500 is a 500). Everything is removed and the server stopped on exit, whatever
# happens. Arguments are passed on to `schemathesis run` (e.g. --include-name "GET /api/").
#
# Checks: no 5xx (not_a_server_error), responses match the schema (status codes, content
# types, bodies). Bounded: SCHEMATHESIS_MAX_EXAMPLES per operation (default 25) and a fixed
# seed, so a failure reproduces. One worker: with two, hypothesis parses lambda sources with
# ast.parse in two threads at once, which CPython 3.11 can fail with "SystemError: AST
# constructor recursion depth mismatch" (seen in CI; a crash of the tool, not of the API).
# Concurrent API writers have their own tests (tests/test_concurrency.py on PostgreSQL,
# tests/test_sqlite_writers.py on SQLite). The run must end without a Warnings section: a
# warning means an operation was never exercised with data the API accepts.
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
# The fuzzer posts made-up URLs to /api/articles/import/: each costs a DNS lookup that this
# machine cannot answer, so fetches give up fast (the fetcher's limits have their own tests).
export CLAIMTRACKER_FETCH_CONNECT_TIMEOUT=1 CLAIMTRACKER_FETCH_TIMEOUT=2

echo "schemathesis: database in $WORK, server on 127.0.0.1:$PORT"
$PY manage.py migrate --noinput -v 0
$PY manage.py import_articles seeds/ --jobs 1 >"$WORK/import.log"
# What the fuzzer cannot guess goes to its config file (schemathesis.toml in $WORK): ids of
# rows that exist (a claim with a verdict, reviews and relations; an article, actor, event),
# relations for each DELETE, claims a new relation may point to, unreviewed claims a verdict
# may be given to at version 1 (many of each: a relation is deleted once, a pair related
# once, a version current once), and the editor's credentials for POST /api/auth/token/.
PASSWORD="$($PY -c 'import secrets; print(secrets.token_urlsafe(24))')"
SETUP="$(FUZZ_PASSWORD="$PASSWORD" $PY manage.py shell -v 0 --no-imports -c '
import datetime, json, os
from django.contrib.auth.models import Group, User
from rest_framework.authtoken.models import Token
from claims import editing
from claims.models import Actor, Claim, ClaimRelation, Event
editor = User.objects.create_user("fuzz-editor", password=os.environ["FUZZ_PASSWORD"], is_staff=True)
editor.groups.add(Group.objects.get(name="Editors"))
first, second, third = Claim.objects.order_by("article_id", "position")[:3]
others = list(Claim.objects.exclude(article_id=first.article_id).values_list("pk", flat=True))
def relate(claim, targets):
    return [ClaimRelation.objects.create(from_claim=claim, to_claim_id=target,
                                         relation="duplicates").pk for target in targets]
editing.update_claim(first, changes={}, loaded_version=None, editor=editor,
                     verdict="contradicted", note="fuzz",
                     evidence=[{"url": "https://example.org/source", "stance": "refutes"}])
ClaimRelation.objects.create(from_claim=first, to_claim_id=others[0], relation="contradicts")
event = Event.objects.first() or Event.objects.create(title="Fuzz summit",
                                                      date=datetime.date(2025, 2, 18))
print(json.dumps({
    "token": Token.objects.create(user=editor).key,
    "claim": first.pk, "article": first.article_id, "event": event.pk,
    "actor": Actor.objects.values_list("pk", flat=True).first(),
    "claim_relations": relate(first, others[1:41]), "relations": relate(second, others[1:41]),
    "posting": third.pk, "targets": [pk for pk in others if pk != third.pk],
    "unreviewed": list(Claim.objects.filter(verdict="unverified").values_list("pk", flat=True)),
}))
')"
TOKEN="$($PY -c 'import json, sys; print(json.loads(sys.argv[1])["token"])' "$SETUP")"
$PY - "$SETUP" "$PASSWORD" >"$WORK/schemathesis.toml" <<'PYTHON'
import json, sys
ids, password = json.loads(sys.argv[1]), sys.argv[2]
claim = ids["claim"]
print(f"""
[dictionaries.targets]
values = {json.dumps(ids["targets"])}

[dictionaries.unreviewed]
values = {json.dumps(ids["unreviewed"])}

[dictionaries.claim_relations]
values = {json.dumps(ids["claim_relations"])}

[dictionaries.relations]
values = {json.dumps(ids["relations"])}

[[operations]]
include-name = ["GET /api/claims/{{id}}/", "GET /api/claims/{{id}}/related/",
                "GET /api/claims/{{id}}/relations/", "GET /api/claims/{{id}}/reviews/",
                "GET /api/claims/{{id}}/claimreview/"]
parameters = {{ "path.id" = {claim} }}

[[operations]]
include-name = "GET /api/articles/{{id}}/"
parameters = {{ "path.id" = {ids["article"]} }}

[[operations]]
include-name = "GET /api/actors/{{id}}/"
parameters = {{ "path.id" = {ids["actor"]} }}

[[operations]]
include-name = "GET /api/events/{{id}}/"
parameters = {{ "path.id" = {ids["event"]} }}

[[operations]]
include-name = "POST /api/claims/{{id}}/verdict/"
parameters = {{ "path.id" = {{ dictionary = "unreviewed" }}, "body.version" = 1 }}

[[operations]]
include-name = "POST /api/claims/{{id}}/relations/"
parameters = {{ "path.id" = {ids["posting"]}, "body.to_claim" = {{ dictionary = "targets" }} }}

[[operations]]
include-name = "DELETE /api/claims/{{id}}/relations/{{relation_id}}/"
parameters = {{ "path.id" = {claim}, "path.relation_id" = {{ dictionary = "claim_relations" }} }}

[[operations]]
include-name = "DELETE /api/relations/{{id}}/"
parameters = {{ "path.id" = {{ dictionary = "relations" }} }}

# The coverage phase builds bodies from the schema alone (body values given here apply to
# generated data only): for this operation it could send nothing but wrong credentials.
[[operations]]
include-name = "POST /api/auth/token/"
parameters = {{ "body.username" = "fuzz-editor", "body.password" = {json.dumps(password)} }}
phases.coverage.enabled = false
""")
PYTHON

$PY manage.py runserver "127.0.0.1:$PORT" --noreload --skip-checks >"$WORK/server.log" 2>&1 &
SERVER_PID=$!

status=0
.venv/bin/schemathesis --no-color --config-file "$WORK/schemathesis.toml" run "http://127.0.0.1:$PORT/api/schema/" \
  --wait-for-schema 60 \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --max-examples "$MAX_EXAMPLES" \
  --seed "$SEED" \
  --header "Authorization: Token $TOKEN" \
  --exclude-name "DELETE /api/auth/token/" \
  --request-timeout 60 \
  --workers 1 \
  "$@" || status=$?

if [[ $status -ne 0 ]]; then
  echo "schemathesis failed (exit $status); server log:" >&2
  tail -n 50 "$WORK/server.log" >&2 || true
fi
exit "$status"
