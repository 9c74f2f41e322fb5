#!/usr/bin/env bash
# Runs PartyCardIntake in demo mode: embedded SQLite under ./data, demo campaign and sign-ins.
# Extra arguments go to the application, e.g. ./run.sh --urls http://0.0.0.0:8080
# ./run.sh --field runs a visiting laptop instead: its own SQLite under ./data-field, no demo, no registry, port 5081.
set -euo pipefail
cd "$(dirname "$0")"
field=false
if [[ "${1:-}" == "--field" ]]; then
  field=true
  shift
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
step() { printf '[run.sh] %s\n' "$*" >&2; }
# The build installs the browser libraries with npm. Printed notices and schedules (PDF) need
# Debian's Chromium and a font with every Vietnamese letter; without them the application still
# starts and printing answers with an explanation.
missing=()
command -v npm >/dev/null || missing+=(npm)
[[ -n "${PARTYCARD_CHROMIUM:-}" || -x /usr/bin/chromium ]] || missing+=(chromium)
[[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || missing+=(fonts-dejavu-core)
command -v fc-list >/dev/null || missing+=(fontconfig)
if ((${#missing[@]} > 0)); then
  if [[ "$(id -u)" == 0 ]]; then
    step "installing system packages: ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || echo "could not install: ${missing[*]}" >&2
  else
    echo "missing system packages: ${missing[*]} (run as root to install them, or apt-get install them)" >&2
  fi
fi
if ! command -v npm >/dev/null; then
  echo "npm is needed to build the application (apt-get install npm)" >&2
  exit 1
fi
if [[ -z "${ASPNETCORE_URLS:-}" && " $* " != *" --urls "* ]]; then
  if $field; then set -- --urls "http://127.0.0.1:5081" "$@"; else set -- --urls "http://127.0.0.1:5080" "$@"; fi
fi
# Restore and build as steps of their own, with dotnet's minimal output, so that the first run (packages to
# download, npm, a Release build: about 4 minutes on a new machine) is visibly alive; later runs take seconds.
project=src/PartyCardIntake.Web
step "1/3 restoring NuGet packages (the first run downloads them)"
dotnet restore "$project" -v minimal
step "2/3 building in Release (the first build also installs the browser libraries with npm; about 4 minutes in all the first time)"
dotnet build "$project" -c Release --no-restore -v minimal -nologo
if $field; then
  step "3/3 starting the field laptop: open the printed address, import the kit file at /field/setup with its passphrase and the officer's password, then sign in"
  # Plain http like the demo: the laptop's browser talks to its own loopback address, never over a network.
  exec dotnet run --project "$project" -c Release --no-build --no-launch-profile -- \
    --Field:Enabled=true --Database:Provider=Sqlite --Database:DataFolder="$PWD/data-field" --Security:RequireHttps=false "$@"
fi
step "3/3 starting the application with the demo campaign (the demo sign-ins follow)"
exec dotnet run --project "$project" -c Release --no-build --no-launch-profile -- \
  --Demo:Enabled=true --Database:DataFolder="$PWD/data" "$@"
