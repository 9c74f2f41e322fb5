#!/usr/bin/env bash
# Full crash-consistency run (docs/reliability.md): SIGKILL of the application at random moments while desks
# submit, 200 times on SQLite and 50 times on a throwaway PostgreSQL, with every check after every restart.
# The test command runs the same test with a few kills; this script only raises the counts.
#
#   tests/crash-test.sh                      # 200 + 50 kills, a new seed each run
#   PARTYCARD_CRASH_KILLS_SQLITE=20 PARTYCARD_CRASH_KILLS_POSTGRES=5 PARTYCARD_CRASH_SEED=42 tests/crash-test.sh
#   CONFIGURATION=Debug tests/crash-test.sh  # the build the test command uses (Release by default)
#
# Prints each provider's summary (kills, acknowledged and retried submissions, checks, durations) and exits
# non-zero on any violation. The run's log and summaries stay in .test-artifacts/crash/.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../test.sh"
cd "$ROOT"

CONFIGURATION="${CONFIGURATION:-Release}"
export PARTYCARD_CRASH_KILLS_SQLITE="${PARTYCARD_CRASH_KILLS_SQLITE:-200}"
export PARTYCARD_CRASH_KILLS_POSTGRES="${PARTYCARD_CRASH_KILLS_POSTGRES:-50}"
export PARTYCARD_CRASH_SEED="${PARTYCARD_CRASH_SEED:-$(date +%s | cut -c5-)}"
export PARTYCARD_CRASH_REPORT="$ROOT/.test-artifacts/crash"

TAIL_PID=""
finish() {
  [[ -n "$TAIL_PID" ]] && kill "$TAIL_PID" 2>/dev/null
  stop_postgres
}
trap finish EXIT

install_missing || exit 1
start_postgres || exit 1
rm -rf "$PARTYCARD_CRASH_REPORT"
mkdir -p "$PARTYCARD_CRASH_REPORT"
log "crash run: $PARTYCARD_CRASH_KILLS_SQLITE kills on SQLite, $PARTYCARD_CRASH_KILLS_POSTGRES on PostgreSQL, seed $PARTYCARD_CRASH_SEED, $CONFIGURATION build"

dotnet build tests/PartyCardIntake.ReliabilityTests -c "$CONFIGURATION" -v q --nologo >"$PARTYCARD_CRASH_REPORT/build.log" 2>&1 \
  || { cat "$PARTYCARD_CRASH_REPORT/build.log" >&2; exit 1; }

# Progress as it happens; the summaries follow at the end.
touch "$PARTYCARD_CRASH_REPORT/crash-Sqlite.log" "$PARTYCARD_CRASH_REPORT/crash-PostgreSql.log"
tail -q -F "$PARTYCARD_CRASH_REPORT/crash-Sqlite.log" "$PARTYCARD_CRASH_REPORT/crash-PostgreSql.log" 2>/dev/null | grep --line-buffered -E "kill|violation" >&2 &
TAIL_PID=$!

started=$(date +%s)
dotnet test tests/PartyCardIntake.ReliabilityTests -c "$CONFIGURATION" --no-build \
  --filter "FullyQualifiedName~PartyCardIntake.ReliabilityTests.Crash.CrashConsistencyTests" \
  --logger "trx;LogFileName=crash.trx" --results-directory "$PARTYCARD_CRASH_REPORT" >"$PARTYCARD_CRASH_REPORT/test.log" 2>&1
rc=$?
kill "$TAIL_PID" 2>/dev/null
TAIL_PID=""

echo
for provider in Sqlite PostgreSql; do
  if [[ -s "$PARTYCARD_CRASH_REPORT/crash-$provider.txt" ]]; then
    cat "$PARTYCARD_CRASH_REPORT/crash-$provider.txt"
  else
    echo "Crash consistency on $provider: no summary (see $PARTYCARD_CRASH_REPORT/test.log)"
    rc=1
  fi
done
echo "Whole run: $(( ($(date +%s) - started) / 60 )) min $(( ($(date +%s) - started) % 60 )) s, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores"
if ((rc != 0)); then
  grep -E "Failed|Error Message" -A3 "$PARTYCARD_CRASH_REPORT/test.log" | head -40 >&2
  echo "CRASH RUN FAILED"
  exit 1
fi
echo "CRASH RUN PASSED"
