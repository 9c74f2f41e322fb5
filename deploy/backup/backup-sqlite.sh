#!/usr/bin/env bash
# Online backup of a commune laptop's SQLite database while the application runs and writes.
#
# Usage: backup-sqlite.sh [--data DIR] [--anchors FILE]... [--out DIR] [--keep N]
#   --data     the application's data folder (Database:DataFolder); default /var/lib/partycardintake/data
#   --anchors  an audit anchor file to keep with the backup (repeatable); default DATA/audit-anchors.log
#              when it exists. Give Audit:AnchorFile here if the configuration moves it.
#   --out      where backups go; default /var/backups/partycardintake
#   --keep     how many backups to keep (oldest removed first); default 14
#
# Each backup is a folder partycard-YYYYMMDDTHHMMSSZ/ holding partycard.db (a consistent snapshot),
# the anchor files (audit-anchors.log, audit-anchors-2.log, ...), manifest.txt and SHA256SUMS. It is
# written as *.partial and renamed only when complete and checked, so a folder without that suffix is
# always a whole, verified backup. Restore with restore-sqlite.sh.
set -euo pipefail

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
fail() { echo "backup-sqlite.sh: $*" >&2; exit 1; }

DATA=/var/lib/partycardintake/data
OUT=/var/backups/partycardintake
KEEP=14
ANCHORS=()
while (($#)); do
  case "$1" in
    --data) DATA="$2"; shift 2 ;;
    --anchors) ANCHORS+=("$2"); shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --keep) KEEP="$2"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "backup-sqlite.sh: unknown argument $1" >&2; usage 1 >&2 ;;
  esac
done

command -v sqlite3 >/dev/null || fail "sqlite3 is missing (apt-get install sqlite3)"
[[ "$KEEP" =~ ^[1-9][0-9]*$ ]] || fail "--keep must be a positive number"
DB="$DATA/partycard.db"
[[ -f "$DB" ]] || fail "no database at $DB (wrong --data?)"
if ((${#ANCHORS[@]} == 0)) && [[ -f "$DATA/audit-anchors.log" ]]; then
  ANCHORS=("$DATA/audit-anchors.log")
fi

umask 077 # photos, signatures and personal data: readable by the owner only
mkdir -p "$OUT"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
TARGET="$OUT/partycard-$STAMP"
WORK="$TARGET.partial"
[[ ! -e "$TARGET" && ! -e "$WORK" ]] || fail "$TARGET exists already"
[[ "$WORK" != *"'"* ]] || fail "the backup folder's path may not contain a quote: $WORK"
mkdir "$WORK"
trap 'rm -rf "$WORK"' EXIT

# Anchors first: every entry they name was committed before the snapshot below, so the restored chain
# must contain them all. Copied the other way round, a newer anchor would look like a cut chain.
i=0
for anchor in "${ANCHORS[@]}"; do
  i=$((i + 1))
  name="audit-anchors.log"
  ((i > 1)) && name="audit-anchors-$i.log"
  if [[ -f "$anchor" ]]; then
    cp "$anchor" "$WORK/$name"
    echo "anchors $name <- $anchor" >>"$WORK/manifest.txt"
  else
    echo "backup-sqlite.sh: warning: anchor file $anchor not found; the backup has no copy of it" >&2
  fi
done

# VACUUM INTO copies the database as one read transaction: a consistent snapshot that includes what the
# WAL holds, while the application goes on writing. (The shell's .backup copies in steps and starts
# over whenever another process writes between two steps, which a busy desk does all the time.)
started=$(date +%s.%N)
sqlite3 -bail "$DB" ".timeout 60000" "VACUUM INTO '$WORK/partycard.db';" \
  || fail "the snapshot of $DB failed"
seconds=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')

check="$(sqlite3 -bail "$WORK/partycard.db" "PRAGMA integrity_check;")"
[[ "$check" == "ok" ]] || fail "the copy fails its integrity check: $check"
counts="$(sqlite3 -bail "$WORK/partycard.db" \
  'SELECT (SELECT count(*) FROM "Applications") || " applications, " || (SELECT count(*) FROM "ApplicationCaptures") || " captures, " || (SELECT count(*) FROM "AuditEntries") || " audit entries";')"
{
  echo "source $(hostname):$DB"
  echo "taken $STAMP in ${seconds}s with sqlite $(sqlite3 --version | cut -d' ' -f1)"
  echo "integrity ok; $counts"
} >>"$WORK/manifest.txt"
(cd "$WORK" && sha256sum -- * >SHA256SUMS)

mv "$WORK" "$TARGET"
trap - EXIT
echo "backup-sqlite.sh: $TARGET ($(du -sh "$TARGET" | cut -f1), ${seconds}s): integrity ok, $counts"

# Rotation: the newest KEEP complete backups stay. Names sort by time.
mapfile -t old < <(find "$OUT" -mindepth 1 -maxdepth 1 -type d -name 'partycard-*' ! -name '*.partial' | sort | head -n -"$KEEP")
for dir in "${old[@]}"; do
  rm -rf -- "$dir"
  echo "backup-sqlite.sh: removed old backup $dir"
done
