#!/usr/bin/env bash
# Runs PartyCardIntake in demo mode: embedded SQLite under ./data, demo campaign and sign-ins.
# Extra arguments go to the application, e.g. ./run.sh --urls http://0.0.0.0:8080
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The build installs the browser libraries with npm.
if ! command -v npm >/dev/null; then
  if [[ "$(id -u)" == 0 ]]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >/dev/null
  else
    echo "npm is needed to build the application (apt-get install npm)" >&2
    exit 1
  fi
fi
if [[ -z "${ASPNETCORE_URLS:-}" && " $* " != *" --urls "* ]]; then
  set -- --urls "http://127.0.0.1:5080" "$@"
fi
exec dotnet run --project src/PartyCardIntake.Web -c Release --no-launch-profile -- \
  --Demo:Enabled=true --Database:DataFolder="$PWD/data" "$@"
