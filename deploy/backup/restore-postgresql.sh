#!/usr/bin/env bash
# Restores a backup made by backup-postgresql.sh into a NEW database, and checks it.
#
# Usage: restore-postgresql.sh BACKUP_DIR --target NAME [--owner ROLE] [--anchors-to FILE]
#   BACKUP_DIR    a folder partycard-YYYYMMDDTHHMMSSZ made by backup-postgresql.sh
#   --target      the database to create; it must not exist (the live one is never overwritten)
#   --owner       who owns the restored tables; default partycard_owner when that role exists,
#                 else the connecting user. Afterwards run deploy/postgresql/setup.sh --database NAME
#                 to give the application's login its rights again (the dump's grants are not restored,
#                 so that a backup restores on a server whose logins differ).
#   --anchors-to  copy the backup's first anchor file there (this node's Audit:AnchorFile)
#   PGBIN         folder of pg_restore/psql; default the newest /usr/lib/postgresql/*/bin, else PATH
#
# Connection: as root on the database server, the tools run as the postgres system user over the
# local socket; with PGHOST set (PGPORT, PGUSER, PGPASSWORD or ~/.pgpass) they connect as that user,
# who must be allowed to create databases. To put the restored database in place of the live one,
# stop the web nodes, rename the two databases (docs/operations.md, Backups and restore), start them.
set -euo pipefail

usage() { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
fail() { echo "restore-postgresql.sh: $*" >&2; exit 1; }

BACKUP=""
TARGET=""
OWNER=""
ANCHORS_TO=""
while (($#)); do
  case "$1" in
    --target) TARGET="$2"; shift 2 ;;
    --owner) OWNER="$2"; shift 2 ;;
    --anchors-to) ANCHORS_TO="$2"; shift 2 ;;
    -h|--help) usage 0 ;;
    -*) echo "restore-postgresql.sh: unknown argument $1" >&2; usage 1 >&2 ;;
    *) [[ -z "$BACKUP" ]] || fail "only one backup folder, please"; BACKUP="$1"; shift ;;
  esac
done
[[ -n "$BACKUP" && -n "$TARGET" ]] || usage 1 >&2
[[ "$TARGET" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || fail "--target must be a plain lower-case PostgreSQL name"
[[ -f "$BACKUP/partycard.dump" && -f "$BACKUP/SHA256SUMS" ]] || fail "$BACKUP is not a complete backup (partycard.dump and SHA256SUMS expected)"

if [[ -z "${PGBIN:-}" ]]; then
  PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
fi
tool() { if [[ -n "$PGBIN" && -x "$PGBIN/$1" ]]; then echo "$PGBIN/$1"; else command -v "$1" || fail "$1 not found (apt-get install postgresql-client)"; fi; }
PG_RESTORE="$(tool pg_restore)"
PSQL="$(tool psql)"
as_admin() {
  if [[ -z "${PGHOST:-}" && "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
sql() { as_admin "$PSQL" -X -q -tA -v ON_ERROR_STOP=1 "$@"; }

echo "restore-postgresql.sh: checking $BACKUP"
(cd "$BACKUP" && sha256sum --quiet -c SHA256SUMS) || fail "the backup's files do not match their checksums"
# Read by the postgres user when run as root: hand it a copy it can open.
DUMP="$BACKUP/partycard.dump"
if [[ -z "${PGHOST:-}" && "$(id -u)" == 0 ]]; then
  DUMP="$(mktemp /tmp/partycard-restore.XXXXXX)"
  trap 'rm -f "$DUMP"' EXIT
  cp "$BACKUP/partycard.dump" "$DUMP"
  chown postgres "$DUMP"
fi
as_admin "$PG_RESTORE" --list "$DUMP" >/dev/null || fail "pg_restore cannot read the archive"

exists="$(sql -d postgres -v db="$TARGET" <<<"SELECT count(*) FROM pg_database WHERE datname = :'db';")"
[[ "$exists" == 0 ]] || fail "database $TARGET exists; restore into a new name (the live database is never overwritten)"
if [[ -z "$OWNER" && "$(sql -d postgres <<<"SELECT count(*) FROM pg_roles WHERE rolname = 'partycard_owner';")" == 1 ]]; then
  OWNER=partycard_owner
fi

if [[ -n "$OWNER" ]]; then
  sql -d postgres -v db="$TARGET" -v owner="$OWNER" <<<"SELECT format('CREATE DATABASE %I OWNER %I ENCODING ''UTF8'' TEMPLATE template0', :'db', :'owner') \gexec"
  role=(--role="$OWNER")
else
  sql -d postgres -v db="$TARGET" <<<"SELECT format('CREATE DATABASE %I ENCODING ''UTF8'' TEMPLATE template0', :'db') \gexec"
  role=()
fi
echo "restore-postgresql.sh: created database $TARGET${OWNER:+ owned by $OWNER}; restoring"

# One transaction: the new database ends either complete or empty.
started=$(date +%s.%N)
as_admin "$PG_RESTORE" --exit-on-error --single-transaction --no-owner --no-privileges "${role[@]}" \
  --dbname="$TARGET" "$DUMP" || fail "pg_restore into $TARGET failed; drop the database $TARGET before trying again"
seconds=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')

counts="$(sql -d "$TARGET" <<'SQL'
SELECT (SELECT count(*) FROM "Applications") || ' applications, '
    || (SELECT count(*) FROM "ApplicationCaptures") || ' captures, '
    || (SELECT count(*) FROM "AuditEntries") || ' audit entries, schema at '
    || (SELECT max("MigrationId") FROM "__EFMigrationsHistory");
SQL
)"
# Every capture must still match its checksums, byte for byte.
bad="$(sql -d "$TARGET" <<'SQL'
SELECT count(*) FROM "ApplicationCaptures"
 WHERE "MediaDeletedAt" IS NULL
   AND (encode(sha256("Photo"), 'hex') <> "PhotoSha256" OR encode(sha256("Signature"), 'hex') <> "SignatureSha256");
SQL
)"
[[ "$bad" == 0 ]] || fail "$bad captures in $TARGET do not match their checksums"

if [[ -n "$ANCHORS_TO" && -f "$BACKUP/audit-anchors.log" ]]; then
  mkdir -p "$(dirname "$ANCHORS_TO")"
  [[ -e "$ANCHORS_TO" ]] && mv -- "$ANCHORS_TO" "$ANCHORS_TO.before-restore-$(date -u +%Y%m%dT%H%M%SZ)"
  cp "$BACKUP/audit-anchors.log" "$ANCHORS_TO"
fi

echo "restore-postgresql.sh: restored $BACKUP into $TARGET in ${seconds}s: $counts; photos and signatures match their checksums"
echo "restore-postgresql.sh: next: deploy/postgresql/setup.sh --database $TARGET (rights for the application's login),"
echo "  then check the audit chain: partycardintake --node PORT audit verify --anchors $BACKUP/audit-anchors-2.log ... (every other node's file)"
