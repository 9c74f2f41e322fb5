#!/usr/bin/env bash
# The concurrency test at full count: 16 desks × 500 captures = 8,000 applications through one node (a real
# process, real HTTP), on SQLite and on PostgreSQL. The test command (./test.sh) runs the same test with
# 16 × 40. Prints one result line per provider; the last results are in docs/reliability.md ("Concurrency").
# Uses $PARTYCARD_TEST_POSTGRES when set, otherwise starts a throwaway PostgreSQL server as test.sh does.
# Usage: tests/concurrency-full.sh [captures per desk, default 500]
set -euo pipefail
cd "$(dirname "$0")/.."
export PARTYCARD_CONCURRENCY_PER_DESK="${1:-500}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

PGDIR=""
PGBIN=""
as_pg() { if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  if [[ -n "$PGDIR" && -d "$PGDIR" ]]; then
    as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PGDIR"
  fi
}
trap cleanup EXIT

if [[ -z "${PARTYCARD_TEST_POSTGRES:-}" ]]; then
  PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  PGDIR="$(mktemp -d /tmp/pci-pg.XXXXXX)"
  [[ "$(id -u)" == 0 ]] && chown postgres: "$PGDIR"
  port=55700
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  as_pg "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
  as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
    -o "-p $port -k $PGDIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off" start >/dev/null
  export PARTYCARD_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=unused;Pooling=true"
fi

dotnet build tests/PartyCardIntake.ReliabilityTests -c Release -v q -nologo >/dev/null
log="$(mktemp /tmp/pci-concurrency.XXXXXX.log)"
rc=0
dotnet test tests/PartyCardIntake.ReliabilityTests -c Release --no-build \
  --filter "FullyQualifiedName~DeskConcurrencyTests&FullyQualifiedName~Sixteen_desks" \
  --logger "console;verbosity=detailed" >"$log" 2>&1 || rc=$?
grep -E "^ *(Sqlite|PostgreSql): 16 desks|Passed |Failed |Error Message" "$log" | sort -u
echo "full log: $log"
exit "$rc"
