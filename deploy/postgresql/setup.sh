#!/usr/bin/env bash
# Creates the PartyCardIntake database and its two logins on a PostgreSQL server. Safe to run again:
# it creates what is missing and (re)applies the rights, so run it once more after every migration.
#
#   owner login (default partycard_owner): owns the database and the schema; used only at deploy time
#                to apply migrations (PartyCardIntake.Web migrate). Not used by the running nodes.
#   app login   (default partycard):       what the web nodes use. Reads and writes rows, nothing else:
#                it cannot create, alter or drop tables, and cannot drop or disable the audit table's
#                append-only triggers (only an owner can); on "AuditEntries" it may only read and insert.
#
# Usage: setup.sh [--database partycard] [--owner partycard_owner] [--app partycard] [--locale LOCALE]
#
# Passwords come from PARTYCARD_OWNER_PASSWORD and PARTYCARD_APP_PASSWORD when set (they are then
# set or changed). A login created without one gets a random password, printed once at the end.
# Passwords travel to psql through the environment, not the command line, so `ps` does not show them.
#
# Connection: as root on the database server, psql runs as the postgres system user over the local
# socket. With PGHOST set (and PGPORT, PGUSER, PGPASSWORD or ~/.pgpass), psql connects as that user
# instead, who must be a superuser. Needs psql 15 or later (Debian 12's).
set -euo pipefail

usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }

DATABASE=partycard
OWNER=partycard_owner
APP=partycard
LOCALE=""
while (($#)); do
  case "$1" in
    --database) DATABASE="$2"; shift 2 ;;
    --owner) OWNER="$2"; shift 2 ;;
    --app) APP="$2"; shift 2 ;;
    --locale) LOCALE="$2"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "setup.sh: unknown argument $1" >&2; usage 1 >&2 ;;
  esac
done

for name in "$DATABASE" "$OWNER" "$APP"; do
  [[ "$name" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || { echo "setup.sh: '$name' is not a plain lower-case PostgreSQL name" >&2; exit 1; }
done
[[ "$OWNER" != "$APP" ]] || { echo "setup.sh: the owner and the application login must differ" >&2; exit 1; }

PSQL="$(command -v psql || true)"
if [[ -z "$PSQL" ]]; then
  PSQL="$(ls -d /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -1)"
fi
[[ -n "$PSQL" && -x "$PSQL" ]] || { echo "setup.sh: psql not found (apt-get install postgresql-client)" >&2; exit 1; }

# psql as the server's superuser, reading SQL from standard input.
admin_psql() {
  local database="$1"; shift
  if [[ -z "${PGHOST:-}" && "$(id -u)" == 0 ]]; then
    runuser -u postgres -- "$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$database" "$@"
  else
    "$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$database" "$@"
  fi
}

role_exists() {
  [[ "$(admin_psql postgres -tA -v name="$1" <<<"SELECT count(*) FROM pg_roles WHERE rolname = :'name';")" == 1 ]]
}

new_password() { tr -dc 'A-Za-z0-9' </dev/urandom | head -c 32 || true; }

generated=()
if ! role_exists "$OWNER" && [[ -z "${PARTYCARD_OWNER_PASSWORD:-}" ]]; then
  PARTYCARD_OWNER_PASSWORD="$(new_password)"
  generated+=("$OWNER: $PARTYCARD_OWNER_PASSWORD")
fi
if ! role_exists "$APP" && [[ -z "${PARTYCARD_APP_PASSWORD:-}" ]]; then
  PARTYCARD_APP_PASSWORD="$(new_password)"
  generated+=("$APP: $PARTYCARD_APP_PASSWORD")
fi
export PARTYCARD_OWNER_PASSWORD="${PARTYCARD_OWNER_PASSWORD:-}" PARTYCARD_APP_PASSWORD="${PARTYCARD_APP_PASSWORD:-}"

echo "setup.sh: logins $OWNER (schema owner) and $APP (web nodes), database $DATABASE"
admin_psql postgres -v owner="$OWNER" -v app="$APP" -v db="$DATABASE" -v locale="$LOCALE" <<'SQL'
\set owner_password ''
\set app_password ''
\getenv owner_password PARTYCARD_OWNER_PASSWORD
\getenv app_password PARTYCARD_APP_PASSWORD
SELECT format('CREATE ROLE %I LOGIN', :'owner') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('CREATE ROLE %I LOGIN', :'app') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app') \gexec
-- Neither login may create databases or roles, replicate or bypass row security.
SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', r)
  FROM unnest(ARRAY[:'owner', :'app']) AS r \gexec
SELECT format('ALTER ROLE %I PASSWORD %L', :'owner', :'owner_password') WHERE :'owner_password' <> '' \gexec
SELECT format('ALTER ROLE %I PASSWORD %L', :'app', :'app_password') WHERE :'app_password' <> '' \gexec
SELECT format('CREATE DATABASE %I OWNER %I ENCODING ''UTF8'' TEMPLATE template0%s', :'db', :'owner',
              CASE WHEN :'locale' <> '' THEN format(' LOCALE %L', :'locale') ELSE '' END)
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', :'db', :'owner') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'db') \gexec
SELECT format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', :'db', :'app') \gexec
SQL

admin_psql "$DATABASE" -v owner="$OWNER" -v app="$APP" <<'SQL'
ALTER SCHEMA public OWNER TO :"owner";
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app";
-- Tables and sequences the migrations create later: rows only.
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO :"app";
-- Tables that exist already.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app";
-- The audit trail: read and append only. The triggers refuse changes too; this refuses them earlier.
SELECT format('REVOKE UPDATE, DELETE, TRUNCATE ON TABLE public.%I FROM %I', 'AuditEntries', :'app')
  WHERE to_regclass('public."AuditEntries"') IS NOT NULL \gexec
SQL

tables="$(admin_psql "$DATABASE" -tA <<<"SELECT count(*) FROM pg_tables WHERE schemaname = 'public';")"
echo "setup.sh: done; $tables tables in $DATABASE."
if ((tables == 0)); then
  echo "setup.sh: the schema is empty: run the migrate command as $OWNER, then this script again (docs/operations.md)."
fi
if ((${#generated[@]})); then
  echo "setup.sh: generated passwords (shown once; keep them in /etc/partycardintake, mode 0600):"
  printf '  %s\n' "${generated[@]}"
fi
