#!/usr/bin/env bash
# Scale-out drill: a real PostgreSQL streaming replica behind the app's read routing
# (DATABASE_REPLICA_URL, claimtracker/routers.py, claimtracker/replica_health.py).
#
# A second cluster is cloned from the primary with `pg_basebackup -R` into a temporary
# directory and started as a hot standby on a free port. A scratch database is created,
# migrated and filled on the primary (it reaches the replica by streaming), and the app runs
# under gunicorn with both URLs and CLAIMTRACKER_DB_PROBE=1, which makes every response name
# the connection that answered and what `pg_is_in_recovery()` says on it. Then, over HTTP:
#   1. API reads are answered by the replica (in recovery: a hot standby);
#   2. a write goes to the primary (not in recovery) and is there;
#   3. with WAL replay paused, the client that wrote reads its write back (pinned to the
#      primary by its cookie) while another client, reading the replica, does not see it yet;
#   4. once the replica is further behind than REPLICA_MAX_LAG_SECONDS, reads go to the
#      primary; after replay resumes, back to the replica;
#   5. with the replica stopped, every read still succeeds, from the primary; started again,
#      reads return to it.
#
# The primary is changed only if streaming from it is refused: a `host replication` line for
# 127.0.0.1 is appended to its pg_hba.conf (with a reload, no restart) and removed on exit.
# wal_level and max_wal_senders need a restart to change, so the script stops and says so
# rather than restarting a server others use. On exit, whatever happens: the app and the
# replica are stopped, the scratch database dropped, the temporary directory removed. The
# primary keeps no replication slot (pg_basebackup's slot is temporary; the standby streams
# without one).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
PG_HOST="${PG_HOST:-127.0.0.1}"
PG_PORT="${PG_PORT:-5432}"
PG_USER="${PG_USER:-postgres}"
DB="ct_replica_drill_$$"
MAX_LAG=10 # REPLICA_MAX_LAG_SECONDS for the app: room for a slow, shared CI machine
CHECK=1   # REPLICA_CHECK_SECONDS
WORK="$(mktemp -d "${TMPDIR:-/tmp}/claimtracker-replica.XXXXXX")"
DATA="$WORK/data"
PG=(-h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER")
HBA_MARK="# claimtracker .ci/replica.sh $$"
HBA_FILE=""
APP_PID=""
REPLICA_PORT=""
status=0

say() { printf '%s\n' "$*"; }
ok() { say "ok: $*"; }
fail() {
  say "FAIL: $*" >&2
  status=1
}
# PostgreSQL refuses to run as root: the replica's files and processes belong to postgres.
as_pg() { if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
primary() { psql "${PG[@]}" -d "${2:-postgres}" -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }
replica() { psql -h 127.0.0.1 -p "$REPLICA_PORT" -U "$PG_USER" -d "${2:-postgres}" -X -q -At \
  -v ON_ERROR_STOP=1 -c "$1"; }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local port
  for port in $(seq "$1" $(($1 + 100))); do
    port_free "$port" && echo "$port" && return
  done
  return 1
}

cleanup() {
  set +e
  [[ -n "$APP_PID" ]] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null
  [[ -f "$DATA/postmaster.pid" ]] && as_pg "$BIN/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null
  dropdb "${PG[@]}" --if-exists --force "$DB" 2>/dev/null
  if [[ -n "$HBA_FILE" ]] && grep -qF "$HBA_MARK" "$HBA_FILE"; then
    sed -i "\\|$HBA_MARK|d" "$HBA_FILE" && primary "SELECT pg_reload_conf()" >/dev/null
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- The primary: can it feed a streaming replica? -------------------------------------------
MAJOR="$(($(primary "SHOW server_version_num") / 10000))"
BIN="/usr/lib/postgresql/$MAJOR/bin"
[[ -x "$BIN/pg_ctl" ]] || BIN="$(pg_config --bindir)"
wal_level="$(primary "SHOW wal_level")"
senders="$(primary "SHOW max_wal_senders")"
if [[ "$wal_level" == minimal || "$senders" == 0 ]]; then
  say "the primary cannot stream WAL (wal_level=$wal_level, max_wal_senders=$senders):" >&2
  say "  ALTER SYSTEM SET wal_level = replica; ALTER SYSTEM SET max_wal_senders = 10;" >&2
  say "  then restart it (not done here: a restart interrupts everyone using it)" >&2
  exit 1
fi
can_replicate() {
  psql "host=$PG_HOST port=$PG_PORT user=$PG_USER replication=true" -X -q -At \
    -c "IDENTIFY_SYSTEM" >/dev/null 2>&1
}
if ! can_replicate; then
  HBA_FILE="$(primary "SHOW hba_file")"
  say "primary: allowing replication connections from 127.0.0.1 in $HBA_FILE (until exit)"
  printf 'host replication %s 127.0.0.1/32 trust %s\n' "$PG_USER" "$HBA_MARK" >>"$HBA_FILE"
  primary "SELECT pg_reload_conf()" >/dev/null
  for _ in $(seq 1 20); do can_replicate && break; sleep 0.2; done
  can_replicate || { say "the primary still refuses replication connections" >&2; exit 1; }
fi
say "primary: $PG_HOST:$PG_PORT, PostgreSQL $MAJOR, wal_level=$wal_level, max_wal_senders=$senders"

# --- The replica: pg_basebackup -R, then a hot standby on its own port ----------------------
REPLICA_PORT="$(free_port 5433)"
mkdir -p "$DATA"
chmod 700 "$DATA"
[[ "$(id -u)" == 0 ]] && chown -R postgres: "$WORK"
started=$SECONDS
as_pg "$BIN/pg_basebackup" -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -D "$DATA" \
  -R -X stream -c fast
size="$(du -sh "$DATA" | cut -f1)"
say "replica: base backup of the primary cluster ($size) in $((SECONDS - started)) s"
# Debian keeps the configuration outside the data directory, so the copy has none. A hot
# standby needs these limits at least as high as its primary's.
{
  echo "port = $REPLICA_PORT"
  echo "listen_addresses = '127.0.0.1'"
  echo "unix_socket_directories = '$WORK'"
  echo "cluster_name = 'claimtracker_replica_drill'"
  echo "hot_standby = on"
  echo "hot_standby_feedback = on"
  echo "shared_buffers = 64MB"
  echo "fsync = off" # a throwaway copy
  for setting in max_connections max_worker_processes max_wal_senders \
    max_prepared_transactions max_locks_per_transaction; do
    echo "$setting = $(primary "SHOW $setting")"
  done
} >"$DATA/postgresql.conf"
printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' >"$DATA/pg_hba.conf"
: >"$DATA/pg_ident.conf"
[[ "$(id -u)" == 0 ]] && chown postgres: "$DATA"/*.conf
as_pg "$BIN/pg_ctl" -D "$DATA" -l "$WORK/replica.log" -w -t 60 start >/dev/null

wait_replayed() { # until the replica has replayed everything the primary has written so far
  local lsn
  lsn="$(primary "SELECT pg_current_wal_lsn()")"
  for _ in $(seq 1 300); do
    [[ "$(replica "SELECT pg_last_wal_replay_lsn() >= '$lsn'::pg_lsn")" == t ]] && return 0
    sleep 0.2
  done
  say "the replica did not replay up to $lsn within 60 s" >&2
  return 1
}

streaming="$(primary "SELECT state FROM pg_stat_replication
                      WHERE application_name = 'claimtracker_replica_drill'")"
if [[ "$(replica "SELECT pg_is_in_recovery()")" == t && "$streaming" == streaming ]]; then
  ok "replica on 127.0.0.1:$REPLICA_PORT is a hot standby, streaming from the primary"
else
  fail "replica: in recovery $(replica "SELECT pg_is_in_recovery()"), state '$streaming'"
fi

# --- Data on the primary, streamed to the replica ---------------------------------------------
export DEBUG=1
URL="postgres://$PG_USER@$PG_HOST:$PG_PORT/$DB"
REPLICA_URL="postgres://$PG_USER@127.0.0.1:$REPLICA_PORT/$DB"
createdb "${PG[@]}" "$DB"
DATABASE_URL="$URL" $PY manage.py migrate --noinput -v 0
DATABASE_URL="$URL" $PY manage.py generate_data --articles 40 --claims 2000 --actors 60 \
  --events 20 --reviews 100 --relations 20 --seed 7 >"$WORK/generate.log"
TOKEN="$(DATABASE_URL="$URL" $PY manage.py shell -v 0 --no-imports -c '
from django.contrib.auth.models import Group, User
from rest_framework.authtoken.models import Token
editor = User.objects.create_user("drill-editor", is_staff=True)
editor.groups.add(Group.objects.get(name="Editors"))
print(Token.objects.create(user=editor).key)
')"
read -r CLAIM VERSION <<<"$(primary "SELECT id, version FROM claims_claim
  WHERE verdict = 'unverified' ORDER BY id LIMIT 1" "$DB" | tr '|' ' ')"
wait_replayed
ok "scratch database $DB: $(replica "SELECT count(*) FROM claims_claim" "$DB") claims on the replica"

# --- The app, with both URLs ------------------------------------------------------------------
APP_PORT="$(free_port 8790)"
DEBUG=0 SECRET_KEY="$($PY -c 'import secrets; print(secrets.token_urlsafe(50))')" \
  ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CONN_MAX_AGE=60 \
  DATABASE_URL="$URL" DATABASE_REPLICA_URL="$REPLICA_URL" CLAIMTRACKER_DB_PROBE=1 \
  REPLICA_MAX_LAG_SECONDS="$MAX_LAG" REPLICA_CHECK_SECONDS="$CHECK" REPLICA_PIN_SECONDS=15 \
  .venv/bin/gunicorn claimtracker.wsgi --bind "127.0.0.1:$APP_PORT" --workers 2 \
  >"$WORK/app.log" 2>&1 &
APP_PID=$!
BASE="http://127.0.0.1:$APP_PORT"
for _ in $(seq 1 100); do curl -sf -o /dev/null "$BASE/api/" && break; sleep 0.2; done

# One request: sets CODE, SERVED (the probe header) and BODY. Both clients hold the desk's
# token (anonymous readers see published fact-checks only, and these claims are not
# published); client A keeps cookies in a jar, like a browser; client B, a dashboard, has none.
request() { # METHOD PATH CLIENT [JSON]
  local args=(-s -X "$1" -D "$WORK/headers" -o "$WORK/body" -w '%{http_code}')
  [[ "$3" != anonymous ]] && args+=(-H "Authorization: Token $TOKEN")
  [[ "$3" == A ]] && args+=(-c "$WORK/jar" -b "$WORK/jar")
  [[ $# -ge 4 ]] && args+=(-H 'Content-Type: application/json' --data "$4")
  CODE="$(curl "${args[@]}" "$BASE$2")"
  SERVED="$(sed -n 's/^x-claimtracker-databases: *//Ip' "$WORK/headers" | tr -d '\r')"
  BODY="$(cat "$WORK/body")"
}
verdict() { $PY -c 'import json, sys; print(json.load(sys.stdin)["verdict"])' <<<"$BODY"; }
expect() { # WHAT CONDITION
  if eval "$2"; then ok "$1 [$CODE; $SERVED]"; else fail "$1 [$CODE; $SERVED]"; fi
}
# The token's lookup stays on the primary (the router keeps authentication there), so a
# replica read is "default queries=1 …; replica queries=N in_recovery=true".
on_replica='[[ "$CODE" == 200 && "$SERVED" =~ (^|\ )replica\ queries=[0-9]+\ in_recovery=true$ ]]'
on_primary='[[ "$CODE" == 200 && "$SERVED" =~ ^default\ queries=[0-9]+\ in_recovery=false$ ]]'

# 1. Reads come from the replica.
request GET "/api/claims/?verdict=unverified" B
expect "an API list is read from the replica" "$on_replica"
request GET "/api/claims/" anonymous
expect "an anonymous reader's list (published fact-checks) is read from the replica" \
  '[[ "$CODE" == 200 && "$SERVED" =~ ^replica\ queries=[0-9]+\ in_recovery=true$ ]]'
request GET "/api/claims/$CLAIM/" B
expect "a claim is read from the replica" "$on_replica && [[ \$(verdict) == unverified ]]"

# 2 and 3. Replay paused just after a fresh commit, so the replica is behind but within the
# bound; then client A gives a verdict.
primary "SELECT txid_current()" >/dev/null
wait_replayed
replica "SELECT pg_wal_replay_pause()" >/dev/null
request POST "/api/claims/$CLAIM/verdict/" A "{\"verdict\": \"contradicted\", \"version\": $VERSION}"
expect "the verdict is written to the primary" \
  '[[ "$CODE" == 201 && "$SERVED" =~ ^default\ queries=[0-9]+\ in_recovery=false$ ]]'
reviews="$(primary "SELECT count(*) FROM claims_review WHERE claim_id = $CLAIM" "$DB")"
[[ "$reviews" == 1 ]] && ok "the primary has the review" || fail "reviews on the primary: $reviews"
request GET "/api/claims/$CLAIM/" A
expect "the writer reads its write back (pinned to the primary)" \
  "$on_primary && [[ \$(verdict) == contradicted ]]"
request GET "/api/claims/$CLAIM/" B
expect "another client reads the replica, which has not replayed the write yet" \
  "$on_replica && [[ \$(verdict) == unverified ]]"

# 4. Past the lag bound, reads go to the primary; after replay, back to the replica.
sleep $((MAX_LAG + CHECK + 1))
lag="$(replica "SELECT round(extract(epoch FROM clock_timestamp()
                 - pg_last_xact_replay_timestamp()))")"
request GET "/api/claims/$CLAIM/" B
expect "replica ${lag} s behind (bound ${MAX_LAG} s): reads fall back to the primary" \
  "$on_primary && [[ \$(verdict) == contradicted ]]"
replica "SELECT pg_wal_replay_resume()" >/dev/null
wait_replayed
sleep $((CHECK + 1))
request GET "/api/claims/$CLAIM/" B
expect "replay resumed: reads return to the replica, which now has the verdict" \
  "$on_replica && [[ \$(verdict) == contradicted ]]"

# 5. The replica goes down: every read is answered, by the primary.
as_pg "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
answered=0
primary_served=0
for _ in $(seq 1 20); do
  request GET "/api/claims/?verdict=contradicted" B
  [[ "$CODE" == 200 ]] && answered=$((answered + 1))
  [[ "$SERVED" =~ ^default\ .*in_recovery=false$ ]] && primary_served=$((primary_served + 1))
done
if [[ "$answered" == 20 && "$primary_served" == 20 ]]; then
  ok "replica stopped: 20 of 20 reads answered, all by the primary"
else
  fail "replica stopped: $answered of 20 reads answered, $primary_served by the primary"
fi
grep -q "read replica not used (unreachable" "$WORK/app.log" &&
  ok "the app logged the fallback" || fail "no fallback warning in the app's log"
as_pg "$BIN/pg_ctl" -D "$DATA" -l "$WORK/replica.log" -w -t 60 start >/dev/null
wait_replayed
sleep $((CHECK + 1))
# Each worker re-checks on its next request; the standby's WAL receiver may take a moment.
for _ in $(seq 1 10); do
  request GET "/api/claims/?verdict=contradicted" B
  request GET "/api/claims/?verdict=contradicted" B
  eval "$on_replica" && break
  sleep 1
done
expect "replica started again: reads return to it" "$on_replica"

if [[ "$status" == 0 ]]; then
  say "replica drill passed"
else
  say "replica drill FAILED; the app's log:" >&2
  tail -n 40 "$WORK/app.log" >&2
fi
exit "$status"
