#!/usr/bin/env bash
# Restores a backup made by backup-sqlite.sh into an application data folder.
#
# Usage: restore-sqlite.sh BACKUP_DIR [--data DIR] [--anchors FILE] [--force]
#   BACKUP_DIR  a folder partycard-YYYYMMDDTHHMMSSZ made by backup-sqlite.sh
#   --data      the data folder to restore into; default /var/lib/partycardintake/data
#   --anchors   where this node's anchor file goes (Audit:AnchorFile); default DATA/audit-anchors.log
#   --force     replace a database that is already there. What it replaces (database, its -wal and
#               -shm files, anchor file) is moved to DATA/before-restore-STAMP/, never deleted.
#
# Stop the application first (systemctl stop partycardintake): the script refuses while any process
# has the database open. Records written after the backup was taken are not in it.
set -euo pipefail

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
fail() { echo "restore-sqlite.sh: $*" >&2; exit 1; }

BACKUP=""
DATA=/var/lib/partycardintake/data
ANCHOR_FILE=""
FORCE=0
while (($#)); do
  case "$1" in
    --data) DATA="$2"; shift 2 ;;
    --anchors) ANCHOR_FILE="$2"; shift 2 ;;
    --force) FORCE=1; shift ;;
    -h|--help) usage 0 ;;
    -*) echo "restore-sqlite.sh: unknown argument $1" >&2; usage 1 >&2 ;;
    *) [[ -z "$BACKUP" ]] || fail "only one backup folder, please"; BACKUP="$1"; shift ;;
  esac
done
[[ -n "$BACKUP" ]] || usage 1 >&2
command -v sqlite3 >/dev/null || fail "sqlite3 is missing (apt-get install sqlite3)"
[[ -f "$BACKUP/partycard.db" && -f "$BACKUP/SHA256SUMS" ]] || fail "$BACKUP is not a complete backup (partycard.db and SHA256SUMS expected)"
ANCHOR_FILE="${ANCHOR_FILE:-$DATA/audit-anchors.log}"

echo "restore-sqlite.sh: checking $BACKUP"
(cd "$BACKUP" && sha256sum --quiet -c SHA256SUMS) || fail "the backup's files do not match their checksums"
check="$(sqlite3 -bail "$BACKUP/partycard.db" "PRAGMA integrity_check;")"
[[ "$check" == "ok" ]] || fail "the backup's database fails its integrity check: $check"

mkdir -p "$DATA"
DATA="$(cd "$DATA" && pwd -P)"
DB="$DATA/partycard.db"
for fd in /proc/[0-9]*/fd/*; do
  target="$(readlink "$fd" 2>/dev/null || true)"
  if [[ "$target" == "$DB" || "$target" == "$DB-wal" ]]; then
    pid="${fd#/proc/}"; pid="${pid%%/*}"
    fail "process $pid ($(tr '\0' ' ' <"/proc/$pid/cmdline" | cut -c1-80)) has $DB open: stop the application first"
  fi
done

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
if [[ -e "$DB" || -e "$DB-wal" ]]; then
  ((FORCE)) || fail "$DB exists; add --force to replace it (it is kept under $DATA/before-restore-$STAMP/)"
  aside="$DATA/before-restore-$STAMP"
  mkdir -p "$aside"
  # The old -wal must go too: SQLite would replay it into the restored file and corrupt it.
  for f in "$DB" "$DB-wal" "$DB-shm" "$ANCHOR_FILE"; do
    [[ -e "$f" ]] && mv -- "$f" "$aside/"
  done
  echo "restore-sqlite.sh: the replaced files are in $aside"
fi

umask 077
cp "$BACKUP/partycard.db" "$DB.restoring"
mv "$DB.restoring" "$DB"
if [[ -f "$BACKUP/audit-anchors.log" ]]; then
  mkdir -p "$(dirname "$ANCHOR_FILE")"
  cp "$BACKUP/audit-anchors.log" "$ANCHOR_FILE"
fi
# The service runs as its own user; give the files to whoever owns the data folder.
if [[ "$(id -u)" == 0 ]]; then
  chown --reference="$DATA" "$DB"
  [[ -f "$ANCHOR_FILE" ]] && chown --reference="$(dirname "$ANCHOR_FILE")" "$ANCHOR_FILE"
fi

check="$(sqlite3 -bail "$DB" "PRAGMA integrity_check;")"
[[ "$check" == "ok" ]] || fail "the restored database fails its integrity check: $check"
counts="$(sqlite3 -bail "$DB" \
  'SELECT (SELECT count(*) FROM "Applications") || " applications, " || (SELECT count(*) FROM "ApplicationCaptures") || " captures, " || (SELECT count(*) FROM "AuditEntries") || " audit entries";')"
echo "restore-sqlite.sh: restored $BACKUP into $DB: integrity ok, $counts"
echo "restore-sqlite.sh: next: start the application, then check the audit chain with"
echo "  partycardintake audit verify   (deploy/bin/partycardintake; see docs/operations.md)"
