#!/usr/bin/env bash
# The documented PostgreSQL backup and restore (docs/security.md), exercised end to end:
# a scratch database is migrated and filled (the seeds imported, a verdict with evidence, a
# relation), dumped with pg_dump -Fc, restored with pg_restore into a second, empty scratch
# database, and the two compared: the row count of every table, a checksum of every claim
# (id, verdict, version, text) and of the verdict history, the sequences, and Django's own
# view (no unapplied migration, a new row can be written). Both databases are dropped on
# exit, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
PG_HOST="${PG_HOST:-127.0.0.1}"
PG_PORT="${PG_PORT:-5432}"
PG_USER="${PG_USER:-postgres}"
SOURCE="ct_backup_src_$$"
RESTORED="ct_backup_dst_$$"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/claimtracker-backup.XXXXXX")"
PG=(-h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER")

cleanup() {
  dropdb "${PG[@]}" --if-exists "$SOURCE" 2>/dev/null || true
  dropdb "${PG[@]}" --if-exists "$RESTORED" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

url() { echo "postgres://$PG_USER@$PG_HOST:$PG_PORT/$1"; }
sql() { psql "${PG[@]}" -d "$1" -X -q -At -v ON_ERROR_STOP=1 -c "$2"; }

export DEBUG=1
echo "backup/restore: $SOURCE -> $RESTORED"
createdb "${PG[@]}" "$SOURCE"
DATABASE_URL="$(url "$SOURCE")" $PY manage.py migrate --noinput -v 0
DATABASE_URL="$(url "$SOURCE")" $PY manage.py import_articles seeds/ --jobs 1 >"$WORK/import.log"
DATABASE_URL="$(url "$SOURCE")" $PY manage.py shell -v 0 --no-imports -c '
from django.contrib.auth.models import Group, User
from claims import editing
from claims.models import Claim, ClaimRelation
editor = User.objects.create_user("backup-editor", is_staff=True)
editor.groups.add(Group.objects.get(name="Editors"))
first = Claim.objects.order_by("article_id", "position").first()
editing.update_claim(first, changes={}, loaded_version=None, editor=editor,
                     verdict="contradicted", note="checked before the backup",
                     evidence=[{"url": "https://example.org/source", "stance": "refutes"}])
other = Claim.objects.exclude(article_id=first.article_id).first()
ClaimRelation.objects.create(from_claim=first, to_claim=other, relation="contradicts")
'

# --- The procedure, as documented --------------------------------------------------------
pg_dump "${PG[@]}" -Fc -f "$WORK/claimtracker.dump" "$SOURCE"
createdb "${PG[@]}" "$RESTORED"
pg_restore "${PG[@]}" --no-owner --exit-on-error --single-transaction \
  -d "$RESTORED" "$WORK/claimtracker.dump"

# --- Compare -----------------------------------------------------------------------------
COUNTS="
SELECT table_name || ' ' || (xpath('/row/n/text()',
  query_to_xml(format('SELECT count(*) AS n FROM %I.%I', table_schema, table_name),
               false, true, '')))[1]::text
FROM information_schema.tables
WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
ORDER BY table_name"
CLAIMS="SELECT count(*) || ' ' || md5(string_agg(
  id || ':' || verdict || ':' || version || ':' || md5(text), ',' ORDER BY id))
FROM claims_claim"
HISTORY="SELECT count(*) || ' ' || md5(string_agg(
  id || ':' || claim_id || ':' || previous_verdict || '>' || verdict || ':' || md5(note),
  ',' ORDER BY id)) FROM claims_review"
SEQUENCES="SELECT string_agg(sequencename || '=' || coalesce(last_value, 0), ' '
  ORDER BY sequencename) FROM pg_sequences WHERE schemaname = 'public'"

status=0
for check in COUNTS CLAIMS HISTORY SEQUENCES; do
  before="$(sql "$SOURCE" "${!check}")"
  after="$(sql "$RESTORED" "${!check}")"
  if [[ "$before" == "$after" ]]; then
    echo "same $check"
  else
    echo "DIFFERENT $check" >&2
    diff <(echo "$before") <(echo "$after") >&2 || true
    status=1
  fi
done
claims="$(sql "$RESTORED" "SELECT count(*) FROM claims_claim")"
reviews="$(sql "$RESTORED" "SELECT count(*) FROM claims_review")"
if [[ "$claims" -lt 10 || "$reviews" -lt 1 ]]; then
  echo "the restored database is nearly empty ($claims claims, $reviews reviews)" >&2
  status=1
fi

# The application sees a complete database: every migration applied, and it can write.
DATABASE_URL="$(url "$RESTORED")" $PY manage.py migrate --check -v 0
DATABASE_URL="$(url "$RESTORED")" $PY manage.py shell -v 0 --no-imports -c '
from django.contrib.auth.models import User
from claims import editing
from claims.models import Claim
claim = Claim.objects.filter(verdict="unverified").first()
editing.update_claim(claim, changes={}, loaded_version=None, verdict="mixed",
                     editor=User.objects.get(username="backup-editor"))
'
# Trigger-maintained counters (if this version has them) came back with their triggers.
if [[ "$(sql "$RESTORED" "SELECT to_regclass('claims_claimcount') IS NOT NULL")" == "t" ]]; then
  counted="$(sql "$RESTORED" "SELECT coalesce(sum(n), 0) FROM claims_claimcount")"
  if [[ "$counted" != "$claims" ]]; then
    echo "claim counters say $counted, the restored database has $claims claims" >&2
    status=1
  fi
fi
echo "restored: $claims claims, $reviews reviews; written to after the restore"
exit "$status"
