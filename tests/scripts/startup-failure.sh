#!/usr/bin/env bash
# A service that cannot start says why in one line and exits with a failure: Postgres refusing the connection, a
# database that does not exist, a connection string, a setting or a listening URL it cannot read, a local tier that
# does not answer, a port already in use. No stack trace, and no fault from a background watch that the failed start cancelled.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source lib/api.sh

fail() { e2e_log "FAIL: $*"; exit 1; }
: "${CATALOG_TEST_POSTGRES:?run this through scripts/test.sh}"
out=$(mktemp "${TMPDIR:-/tmp}/hybridstorage-startup-failure.XXXXXX")
database="e2e_startup_failure_$$"
cleanup() {
  rm -f "$out"
  _psql -c "drop database if exists $database with (force)" || e2e_log "could not drop database $database"
}
trap cleanup EXIT

with_database() { echo "$CATALOG_TEST_POSTGRES" | sed -E "s/(^|;)[Dd]atabase=[^;]*/\1Database=$1/"; }

# expect_refusal WHAT CONNECTION URL EXPECTED [KEY=VALUE...]: the service, run with these settings, exits non-zero
# within 60 s and writes the reason in one line, no other warning or error and no stack trace.
expect_refusal() {
  local what=$1 connection=$2 url=$3 expected=$4 pid status=0
  shift 4
  api_settings "$connection" "$url" "$@"
  api_command >"$out" 2>&1 </dev/null &
  pid=$!
  for _ in $(seq 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    pkill -TERM -P "$pid" || true
    fail "$what: the service was still running after 60 s"
  fi
  wait "$pid" || status=$?
  ((status != 0)) || { cat "$out" >&2; fail "$what: the service exited with 0"; }
  local reasons others
  reasons=$(grep -c 'The service could not start: ' "$out" || true)
  others=$(grep -v 'The service could not start: ' "$out" | grep -cE '^\[[0-9:]+ (WRN|ERR|FTL)\]|Unhandled exception' || true)
  [[ $reasons == 1 && $others == 0 ]] || { cat "$out" >&2; fail "$what: expected the reason alone, got $reasons reasons and $others other warnings or errors"; }
  ! grep -qE '^ +at |^ *---> ' "$out" || { cat "$out" >&2; fail "$what: a stack trace was written"; }
  grep -qF "The service could not start: $expected" "$out" || { cat "$out" >&2; fail "$what: the line does not say '$expected'"; }
  e2e_log "$what: exit $status, $(grep -F 'could not start' "$out" | cut -c1-160)"
}

refused_port=$(_free_port)
expect_refusal "a connection string Npgsql cannot read" \
  "Host=127.0.0.1;Port=not-a-port;Database=catalog;Username=postgres" "http://127.0.0.1:$(_free_port)" \
  "ConnectionStrings:Catalog is not a connection string Npgsql takes (Couldn't set port"
expect_refusal "a setting read before the log exists" \
  "Host=127.0.0.1;Port=$refused_port;Database=catalog;Username=postgres" "http://127.0.0.1:$(_free_port)" \
  "Failed to convert configuration value 'yes' at 'Diagnostics:ServerTiming' to type 'System.Boolean'." \
  Diagnostics__ServerTiming=yes
expect_refusal "a log level that is not one" \
  "Host=127.0.0.1;Port=$refused_port;Database=catalog;Username=postgres" "http://127.0.0.1:$(_free_port)" \
  "The value Loud is not a valid Serilog level." \
  Serilog__MinimumLevel__Default=Loud
expect_refusal "Postgres refusing the connection" \
  "Host=127.0.0.1;Port=$refused_port;Database=catalog;Username=postgres" "http://127.0.0.1:$(_free_port)" \
  "Postgres (ConnectionStrings:Catalog): Failed to connect to 127.0.0.1:$refused_port: Connection refused"
expect_refusal "a database that does not exist" \
  "$(with_database "$database")" "http://127.0.0.1:$(_free_port)" \
  "Postgres (ConnectionStrings:Catalog): 3D000: database \"$database\" does not exist"

# The database is a real one from here on, so the start gets as far as Kestrel.
_psql -c "create database $database"
expect_refusal "a listening address that is not a URL" \
  "$(with_database "$database")" "127.0.0.1:$(_free_port)" \
  "Invalid url: '127.0.0.1:"
dead_port=$(_free_port)
expect_refusal "a local tier that does not answer" \
  "$(with_database "$database")" "http://127.0.0.1:$(_free_port)" \
  "Could not make sure the local-tier bucket catalog-local exists at Storage:Local:Endpoint (http://127.0.0.1:$dead_port/)" \
  Storage__Local__Endpoint="http://127.0.0.1:$dead_port/"
# The port of the local S3 server is in use.
expect_refusal "a port in use" \
  "$(with_database "$database")" "$CATALOG_TEST_S3_LOCAL" \
  "Failed to bind to address $CATALOG_TEST_S3_LOCAL: address already in use."
