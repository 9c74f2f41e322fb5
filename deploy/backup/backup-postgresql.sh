#!/usr/bin/env bash
# Backup of a province server's PostgreSQL database with pg_dump, while the web nodes keep working.
#
# Usage: backup-postgresql.sh [--dbname NAME|CONNINFO] [--anchors FILE]... [--out DIR] [--keep N]
#   --dbname   the database, or a libpq connection string ("host=... dbname=... user=..."); default
#              partycard. Host, port, user and password also come from the usual PGHOST, PGPORT,
#              PGUSER and PGPASSFILE (~/.pgpass). The login needs to read every table: the schema
#              owner from deploy/postgresql/setup.sh, or the application's login.
#   --anchors  a web node's audit anchor file (Audit:AnchorFile) to keep with the backup; repeat for
#              every node whose file this machine can read. Default /var/lib/partycardintake/data/
#              audit-anchors.log when it exists.
#   --out      where backups go; default /var/backups/partycardintake
#   --keep     how many backups to keep (oldest removed first); default 14
#   PGBIN      folder of pg_dump/pg_restore; default the newest /usr/lib/postgresql/*/bin, else PATH.
#              pg_dump must be at least the server's major version.
#
# Each backup is a folder partycard-YYYYMMDDTHHMMSSZ/ with partycard.dump (custom format, one
# consistent snapshot), the anchor files, toc.txt (the archive's table of contents), manifest.txt and
# SHA256SUMS. It is written as *.partial and renamed when complete. Restore with restore-postgresql.sh.
set -euo pipefail

usage() { sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
fail() { echo "backup-postgresql.sh: $*" >&2; exit 1; }

DBNAME=partycard
OUT=/var/backups/partycardintake
KEEP=14
ANCHORS=()
while (($#)); do
  case "$1" in
    --dbname) DBNAME="$2"; shift 2 ;;
    --anchors) ANCHORS+=("$2"); shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --keep) KEEP="$2"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "backup-postgresql.sh: unknown argument $1" >&2; usage 1 >&2 ;;
  esac
done
[[ "$KEEP" =~ ^[1-9][0-9]*$ ]] || fail "--keep must be a positive number"

if [[ -z "${PGBIN:-}" ]]; then
  PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
fi
tool() { if [[ -n "$PGBIN" && -x "$PGBIN/$1" ]]; then echo "$PGBIN/$1"; else command -v "$1" || fail "$1 not found (apt-get install postgresql-client)"; fi; }
PG_DUMP="$(tool pg_dump)"
PG_RESTORE="$(tool pg_restore)"
if ((${#ANCHORS[@]} == 0)) && [[ -f /var/lib/partycardintake/data/audit-anchors.log ]]; then
  ANCHORS=(/var/lib/partycardintake/data/audit-anchors.log)
fi

umask 077 # photos, signatures and personal data: readable by the owner only
mkdir -p "$OUT"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
TARGET="$OUT/partycard-$STAMP"
WORK="$TARGET.partial"
[[ ! -e "$TARGET" && ! -e "$WORK" ]] || fail "$TARGET exists already"
mkdir "$WORK"
trap 'rm -rf "$WORK"' EXIT

# Anchors first: every entry they name was committed before pg_dump's snapshot, so the restored chain
# must contain them all. Copied after the dump, a newer anchor would look like a cut chain.
i=0
for anchor in "${ANCHORS[@]}"; do
  i=$((i + 1))
  name="audit-anchors.log"
  ((i > 1)) && name="audit-anchors-$i.log"
  if [[ -f "$anchor" ]]; then
    cp "$anchor" "$WORK/$name"
    echo "anchors $name <- $(hostname):$anchor" >>"$WORK/manifest.txt"
  else
    echo "backup-postgresql.sh: warning: anchor file $anchor not found; the backup has no copy of it" >&2
  fi
done

# pg_dump reads every table in one repeatable-read transaction: a consistent snapshot, taken without
# stopping the nodes. Photos are JPEG already, so light compression is all that pays.
started=$(date +%s.%N)
"$PG_DUMP" --format=custom --compress=1 --file="$WORK/partycard.dump" --dbname="$DBNAME" \
  || fail "pg_dump of $DBNAME failed"
seconds=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')

# The archive must be readable and hold the data of the tables that matter.
"$PG_RESTORE" --list "$WORK/partycard.dump" >"$WORK/toc.txt" || fail "pg_restore cannot read the archive"
for table in Applications ApplicationCaptures AuditEntries PartyMembers __EFMigrationsHistory; do
  grep -q "TABLE DATA public $table " "$WORK/toc.txt" || fail "the archive has no data for table $table"
done
{
  echo "source $DBNAME (${PGHOST:-local socket}${PGPORT:+:$PGPORT})"
  echo "taken $STAMP in ${seconds}s with $("$PG_DUMP" --version)"
  echo "archive readable; $(grep -c 'TABLE DATA' "$WORK/toc.txt") tables with data"
} >>"$WORK/manifest.txt"
(cd "$WORK" && sha256sum -- * >SHA256SUMS)

mv "$WORK" "$TARGET"
trap - EXIT
echo "backup-postgresql.sh: $TARGET ($(du -sh "$TARGET" | cut -f1), ${seconds}s): archive readable"

mapfile -t old < <(find "$OUT" -mindepth 1 -maxdepth 1 -type d -name 'partycard-*' ! -name '*.partial' | sort | head -n -"$KEEP")
for dir in "${old[@]}"; do
  rm -rf -- "$dir"
  echo "backup-postgresql.sh: removed old backup $dir"
done
