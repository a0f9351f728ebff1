# shellcheck shell=bash
# Starts the built API for an end-to-end script, on a free port and a database of its own (source this file).
#
#   start_api NAME [KEY=VALUE...]   extra settings as environment variables (Section__Key=value)
#   API_LAUNCHER=(cmd args...)      optional: run `dotnet Catalog.Api.dll` through this command (e.g. unshare)
#   API_URL                         http://127.0.0.1:PORT once start_api returns
#   stop_api                        stops the API and drops its database (start_api sets an EXIT trap for it)
#   api_command ARGS...             runs one of the API's command-line verbs with the same settings and database
#   api_settings CONNECTION URL [KEY=VALUE...]  the settings api_command uses, without start_api (no database made)
#
# Needs what scripts/test.sh exports: CATALOG_TEST_POSTGRES, CATALOG_TEST_S3_LOCAL, CATALOG_TEST_S3_CLOUD,
# CATALOG_TEST_S3_ACCESS_KEY, CATALOG_TEST_S3_SECRET_KEY. Build first (scripts/test.sh builds Release).

E2E_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
# shellcheck source=scripts/lib/services.sh
source "$E2E_ROOT/scripts/lib/services.sh"
API_DLL=${API_DLL:-$E2E_ROOT/src/Catalog.Api/bin/Release/net10.0/Catalog.Api.dll}
API_URL=
_API_PID=
_API_DB=
_API_LOG=
_API_ENV=()
[[ $(declare -p API_LAUNCHER 2>/dev/null) == "declare -a"* ]] || API_LAUNCHER=() # an array a script set, not an inherited variable

e2e_log() { printf '[e2e] %s\n' "$*" >&2; }

# _pg_setting KEY...: the first of KEYs (case-insensitive) in CATALOG_TEST_POSTGRES.
_pg_setting() {
  local pair key value wanted
  IFS=';' read -ra pairs <<<"$CATALOG_TEST_POSTGRES"
  for wanted in "$@"; do
    for pair in "${pairs[@]}"; do
      key=${pair%%=*} value=${pair#*=}
      key=$(echo "$key" | tr '[:upper:]' '[:lower:]' | tr -d ' ')
      if [[ $key == "$wanted" ]]; then echo "$value"; return 0; fi
    done
  done
}

_psql() {
  PGPASSWORD=$(_pg_setting password) psql -X -q -v ON_ERROR_STOP=1 \
    -h "$(_pg_setting host server)" -p "$(_pg_setting port)" -U "$(_pg_setting username 'user id' userid user)" \
    -d postgres "$@"
}

_free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

start_api() {
  local name=$1 port
  shift
  : "${CATALOG_TEST_POSTGRES:?run this through scripts/test.sh}"
  [[ -f $API_DLL ]] || { e2e_log "$API_DLL is missing: build the solution in Release first"; return 1; }
  trap stop_api EXIT

  _API_DB="e2e_${name//[^a-z0-9]/_}_$$"
  _psql -c "create database $_API_DB" || return 1
  port=$(_free_port)
  API_URL=http://127.0.0.1:$port
  _API_LOG=$(mktemp "${TMPDIR:-/tmp}/hybridstorage-e2e-$name.XXXXXX.log")
  local connection
  connection=$(echo "$CATALOG_TEST_POSTGRES" | sed -E "s/(^|;)[Dd]atabase=[^;]*/\1Database=$_API_DB/")

  api_settings "$connection" "$API_URL" "$@"

  e2e_log "starting the API for $name on $API_URL (database $_API_DB, log $_API_LOG)"
  # The content root (appsettings.json) is the working directory: run from the build output.
  (cd "$(dirname "$API_DLL")" && exec env "${_API_ENV[@]}" "${API_LAUNCHER[@]}" dotnet "$API_DLL") >"$_API_LOG" 2>&1 </dev/null &
  _API_PID=$!

  local deadline=$((SECONDS + 90))
  until curl -fsS -o /dev/null "$API_URL/health/ready" 2>/dev/null; do
    if ! kill -0 "$_API_PID" 2>/dev/null || ((SECONDS >= deadline)); then
      e2e_log "the API did not become ready; last lines of its log:"
      tail -n 40 "$_API_LOG" >&2
      return 1
    fi
    sleep 0.5
  done
}

# api_settings CONNECTION URL [KEY=VALUE...]: the settings start_api and api_command run the API with.
api_settings() {
  local connection=$1 url=$2
  shift 2
  _API_ENV=(
    ASPNETCORE_URLS="$url"
    ASPNETCORE_ENVIRONMENT="${E2E_ENVIRONMENT:-Production}"
    ConnectionStrings__Catalog="$connection"
    Storage__EnsureBuckets=true
    Storage__Local__Endpoint="$CATALOG_TEST_S3_LOCAL"
    Storage__Local__AccessKey="$CATALOG_TEST_S3_ACCESS_KEY"
    Storage__Local__SecretKey="$CATALOG_TEST_S3_SECRET_KEY"
    Storage__Cloud__ServiceUrl="$CATALOG_TEST_S3_CLOUD"
    Storage__Cloud__AccessKey="$CATALOG_TEST_S3_ACCESS_KEY"
    Storage__Cloud__SecretKey="$CATALOG_TEST_S3_SECRET_KEY"
    Storage__Cloud__ForcePathStyle=true
    Auth__SigningKey=end-to-end-tests-signing-key-0123456789abcdef
    Wolverine__DurabilityMode=Solo
    "$@"
  )
}

stop_api() {
  if [[ -n $_API_PID ]] && kill -0 "$_API_PID" 2>/dev/null; then
    kill -TERM "$_API_PID" 2>/dev/null || true
    wait "$_API_PID" 2>/dev/null || true
  fi
  _API_PID=
  if [[ -n $_API_DB ]]; then
    _psql -c "drop database if exists $_API_DB with (force)" || e2e_log "could not drop database $_API_DB"
    _API_DB=
  fi
  if [[ -n $_API_LOG && -z ${E2E_KEEP_LOG:-} ]]; then rm -f "$_API_LOG"; fi
}

api_command() {
  (cd "$(dirname "$API_DLL")" && env "${_API_ENV[@]}" dotnet "$API_DLL" "$@")
}

# run_node SCRIPT [ARGS...]: a Node script from tests/scripts (it loads packages from tools/node_modules).
run_node() {
  local script=$1
  shift
  ensure_node_tools
  node "$E2E_ROOT/tests/scripts/$script" "$@"
}
