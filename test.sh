#!/usr/bin/env bash
# Runs every test of PartyCardIntake against SQLite and a throwaway PostgreSQL server.
# As root it installs what is missing (chromium, fonts, pdftotext, postgresql) with apt-get.
# Ends with the line "N passed, M failed"; the exit code is non-zero when anything failed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT="$PWD"
ARTIFACTS="$ROOT/.test-artifacts"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '[test.sh] %s\n' "$*" >&2; }

install_missing() {
  local missing=()
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  [[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || missing+=(fonts-dejavu-core)
  command -v fc-list >/dev/null || missing+=(fontconfig)
  command -v pdftotext >/dev/null || missing+=(poppler-utils)
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
  command -v npm >/dev/null || missing+=(npm)
  [[ -x /usr/sbin/nginx ]] || command -v nginx >/dev/null || missing+=(nginx)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v sqlite3 >/dev/null || missing+=(sqlite3)
  ((${#missing[@]} == 0)) && return 0
  if [[ "$(id -u)" != 0 ]]; then
    log "missing system packages: ${missing[*]} (run as root to install them)"
    return 1
  fi
  log "installing: ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

PGDIR=""
PGBIN=""
as_pg() { if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_postgres() {
  PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  PGDIR="$(mktemp -d /tmp/pci-pg.XXXXXX)"
  [[ "$(id -u)" == 0 ]] && chown postgres: "$PGDIR"
  local port
  for port in $(seq 55432 55632); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done
  as_pg "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --no-locale >"$PGDIR/initdb.log" 2>&1 \
    || { cat "$PGDIR/initdb.log" >&2; return 1; }
  as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
    -o "-p $port -k $PGDIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off" start >/dev/null \
    || { cat "$PGDIR/server.log" >&2; return 1; }
  export PARTYCARD_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=unused;Pooling=true"
  log "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

stop_postgres() {
  if [[ -n "$PGDIR" && -d "$PGDIR" ]]; then
    as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1
    rm -rf "$PGDIR"
  fi
}
trap stop_postgres EXIT

# Sourced (tests/crash-test.sh): only the functions above.
[[ "${BASH_SOURCE[0]}" != "$0" ]] && return 0

install_missing || { echo "0 passed, 1 failed"; exit 1; }
start_postgres || { echo "0 passed, 1 failed"; exit 1; }

rm -rf "$ARTIFACTS"
mkdir -p "$ARTIFACTS"
dotnet test PartyCardIntake.sln --logger "trx" --logger "console;verbosity=normal" --results-directory "$ARTIFACTS" "$@"
rc=$?

passed=0
failed=0
for trx in "$ARTIFACTS"/*.trx; do
  [[ -e "$trx" ]] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
if ((rc != 0 && failed == 0)); then
  log "the test run stopped with exit code $rc before reporting a failing test (build error or crashed test host)"
  failed=1
fi
echo "$passed passed, $failed failed"
((failed == 0))
