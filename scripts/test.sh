#!/usr/bin/env bash
# Runs the whole test suite against a fresh local Postgres and two S3-compatible servers.
#
#   scripts/test.sh [extra dotnet test args...]
#
# Exports for the tests: CATALOG_TEST_POSTGRES (Npgsql connection string),
# CATALOG_TEST_S3_LOCAL and CATALOG_TEST_S3_CLOUD (S3 endpoints, path-style).
# Any of them already set means "use that service"; nothing is started for it.
# Ports: CATALOG_TEST_PG_PORT (15432), CATALOG_TEST_S3_LOCAL_PORT (19100),
#        CATALOG_TEST_S3_CLOUD_PORT (19101). PGDATA_ROOT replaces .data for Postgres.
# After dotnet test, every executable tests/scripts/*.sh runs with the same environment, unless the arguments pick
# some of dotnet test's tests only (--filter, a TestCaseFilter setting, --list-tests).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/lib/services.sh
source scripts/lib/services.sh

DATA=$REPO_ROOT/.data/test
PG_DIR=${PGDATA_ROOT:-$REPO_ROOT/.data}/test/postgres
PG_PORT=${CATALOG_TEST_PG_PORT:-15432}
S3_LOCAL_PORT=${CATALOG_TEST_S3_LOCAL_PORT:-19100}
S3_CLOUD_PORT=${CATALOG_TEST_S3_CLOUD_PORT:-19101}

TMP_PG_ROOT=
# shellcheck disable=SC2317 # invoked by the EXIT trap
cleanup() {
  stop_started_services
  if [[ -n $TMP_PG_ROOT ]]; then rm -rf "$TMP_PG_ROOT"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

(umask 022 && mkdir -p "$DATA")

use_reachable_pg_dir test

if [[ -z ${CATALOG_TEST_POSTGRES:-} ]]; then
  stop_postgres "$PG_DIR" # a cluster left over from an interrupted run
  rm -rf "$PG_DIR"
  start_postgres "$PG_DIR" "$PG_PORT" fast
  export CATALOG_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Database=catalog;Username=postgres"
fi

start_test_s3_pair "$DATA" "$S3_LOCAL_PORT" "$S3_CLOUD_PORT"

log "CATALOG_TEST_POSTGRES=$CATALOG_TEST_POSTGRES"
log "CATALOG_TEST_S3_LOCAL=$CATALOG_TEST_S3_LOCAL CATALOG_TEST_S3_CLOUD=$CATALOG_TEST_S3_CLOUD"

status=0
dotnet test HybridStorage.sln -c Release --logger "console;verbosity=normal" "$@" || status=$?

for arg in "$@"; do
  case $arg in
    --filter | --filter[=:]* | *TestCaseFilter* | --list-tests | -t)
      log "end-to-end scripts (tests/scripts) not run: $arg picks tests of dotnet test; scripts/test.sh alone runs everything"
      exit "$status" ;;
  esac
done

# Hook point: extra end-to-end checks as shell scripts.
for script in tests/scripts/*.sh; do
  [[ -f $script && -x $script ]] || continue
  log "running $script"
  if ! "$script"; then
    log "FAILED: $script"
    ((status != 0)) || status=1
  fi
done

exit "$status"
