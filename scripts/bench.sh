#!/usr/bin/env bash
# Runs the benchmarks (bench/Catalog.Bench) against a local Postgres, two S3-compatible servers and the published API
# process, and writes docs/benchmarks.md and docs/benchmarks/raw.json.
#
#   scripts/bench.sh [--smoke] [--no-build]
#
# --smoke     tiny sizes; results go to a temporary folder, not docs/ (tests/scripts/bench-smoke.sh runs this).
# --no-build  use the Release build and the published API that are already there.
# Servers as in scripts/test.sh: CATALOG_TEST_POSTGRES / CATALOG_TEST_S3_LOCAL / CATALOG_TEST_S3_CLOUD already set means
# "use that server"; otherwise one is started on CATALOG_TEST_PG_PORT (15442), CATALOG_TEST_S3_LOCAL_PORT (19110),
# CATALOG_TEST_S3_CLOUD_PORT (19111). The API listens on CATALOG_BENCH_API_PORT (a free port if unset).
# BENCH_ROWS=P1,P3 runs only those rows. P6 compares with `rclone copy`: Debian's rclone is installed if missing.
# A full run needs a durable Postgres (fsync and synchronous commit on) and refuses any other; the smoke reuses the test one.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
smoke=0 build=1
for arg in "$@"; do
  case $arg in
    --smoke) smoke=1 ;;
    --no-build) build=0 ;;
    *) echo "usage: scripts/bench.sh [--smoke] [--no-build]" >&2; exit 2 ;;
  esac
done

# shellcheck source=tests/scripts/lib/api.sh
source tests/scripts/lib/api.sh # services.sh, plus the psql and free-port helpers the end-to-end scripts use
# shellcheck source=scripts/lib/publish.sh
source scripts/lib/publish.sh

DATA=$REPO_ROOT/.data/bench
PG_DIR=${PGDATA_ROOT:-$REPO_ROOT/.data}/bench/postgres
PG_PORT=${CATALOG_TEST_PG_PORT:-15442}
S3_LOCAL_PORT=${CATALOG_TEST_S3_LOCAL_PORT:-19110}
S3_CLOUD_PORT=${CATALOG_TEST_S3_CLOUD_PORT:-19111}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/hybridstorage-bench.XXXXXX")
BENCH_DB=
TMP_PG_ROOT=

# shellcheck disable=SC2317 # invoked by the EXIT trap
cleanup() {
  if [[ -f $WORK/api.pid ]] && kill -0 "$(cat "$WORK/api.pid")" 2>/dev/null; then
    kill -TERM "$(cat "$WORK/api.pid")" 2>/dev/null || true
  fi
  if [[ -n $BENCH_DB ]]; then _psql -c "drop database if exists $BENCH_DB with (force)" || log "could not drop $BENCH_DB"; fi
  stop_started_services
  rm -rf "$WORK"
  if [[ -n $TMP_PG_ROOT ]]; then rm -rf "$TMP_PG_ROOT"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

(umask 022 && mkdir -p "$DATA")
use_reachable_pg_dir bench

if [[ -z ${CATALOG_TEST_POSTGRES:-} ]]; then
  stop_postgres "$PG_DIR"
  rm -rf "$PG_DIR"
  start_postgres "$PG_DIR" "$PG_PORT" # durable: fsync and synchronous commit on, as in production
  export CATALOG_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Database=catalog;Username=postgres"
fi
# A full run's appends and commits are only comparable with production on a durable server (ADR 0050); a reused test
# cluster ("fast": fsync off) would flatter every row that commits.
if ((!smoke)); then
  durability=$(_psql -tA -c "select current_setting('fsync') || ' ' || current_setting('synchronous_commit')")
  [[ $durability == "on on" ]] \
    || die "a full run needs a durable Postgres, CATALOG_TEST_POSTGRES has fsync/synchronous_commit $durability: unset it to let this script start one"
fi
ensure_node_tools
# P6's baseline is `rclone copy` between the two S3 servers (Debian package rclone).
if [[ ,${BENCH_ROWS:-P6}, == *,[Pp]6,* ]] && ! command -v rclone >/dev/null; then
  log "installing Debian's rclone (the baseline of the sync benchmark)"
  if is_root; then
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rclone >&2
  else
    sudo apt-get update -qq >&2 && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rclone >&2
  fi
fi
start_test_s3_pair "$DATA" "$S3_LOCAL_PORT" "$S3_CLOUD_PORT"

# The API measured is the API as deployed: published with ReadyToRun code (ADR 0078), as scripts/run.sh runs it.
API_DLL=$REPO_ROOT/src/Catalog.Api/bin/Release/bench/Catalog.Api.dll
if ((build)); then
  log "building Release"
  dotnet build HybridStorage.sln -c Release -v quiet -nologo >&2
  publish_api "$(dirname "$API_DLL")" >/dev/null
fi
BENCH_DLL=$REPO_ROOT/bench/Catalog.Bench/bin/Release/net10.0/Catalog.Bench.dll
[[ -f $BENCH_DLL && -f $API_DLL ]] || die "the Release build is missing: run without --no-build"

BENCH_DB=bench_$$
_psql -c "create database $BENCH_DB"
if ((smoke)); then out=$WORK/out; else out=$REPO_ROOT/docs; fi
mkdir -p "$out"
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n $(git status --porcelain --untracked-files=no 2>/dev/null) ]]; then commit="$commit (with uncommitted changes)"; fi

log "running the benchmarks$( ((smoke)) && echo ' (smoke)')"
BENCH_SMOKE=$smoke \
  BENCH_POSTGRES=$(echo "$CATALOG_TEST_POSTGRES" | sed -E "s/(^|;)[Dd]atabase=[^;]*/\1Database=$BENCH_DB/") \
  BENCH_S3_LOCAL=$CATALOG_TEST_S3_LOCAL BENCH_S3_CLOUD=$CATALOG_TEST_S3_CLOUD \
  BENCH_S3_ACCESS_KEY=$CATALOG_TEST_S3_ACCESS_KEY BENCH_S3_SECRET_KEY=$CATALOG_TEST_S3_SECRET_KEY \
  BENCH_API_DLL=$API_DLL BENCH_API_PORT=${CATALOG_BENCH_API_PORT:-$(_free_port)} \
  BENCH_OUTPUT=$out BENCH_WORK=$WORK BENCH_COMMIT=$commit \
  BENCH_S3_SERVER=$(node -p "'@20minutes/s3rver ' + require('./tools/node_modules/@20minutes/s3rver/package.json').version") \
  dotnet "$BENCH_DLL"

if ((smoke)); then
  grep -q '^| P[0-9] ' "$out/benchmarks.md" || die "the smoke run wrote no table"
  # The API measured is the one this run built, and the report says which commit that was.
  if ((build)) && head=$(git rev-parse HEAD 2>/dev/null); then
    grep -q "^- API built from: ${head:0:7}\$" "$out/benchmarks.md" \
      || die "the report does not name the commit the measured API was built from (${head:0:7})"
  fi
  # The durability the report names is the server's own.
  fsync=$(_psql -tA -c "show fsync")
  grep -q "^- PostgreSQL: .*(fsync $fsync, synchronous_commit $(_psql -tA -c "show synchronous_commit"), " "$out/benchmarks.md" \
    || die "the report does not name the server's fsync ($fsync) and synchronous_commit"
  # Where the CPU went: the rows bounded by it each have a table, and the meter found the servers by their ports
  # (local servers, as scripts/test.sh starts them).
  if [[ -z ${BENCH_ROWS:-} ]]; then
    for row in P1 P2 P6; do
      grep -q "^\*\*$row\*\*, CPU" "$out/benchmarks.md" || die "the smoke run wrote no CPU table for $row"
    done
    grep -A2 '^\*\*P2\*\*, CPU' "$out/benchmarks.md" | grep -q '| API | Postgres | S3 local |' \
      || die "the P2 CPU table misses the API, Postgres or the S3 server"
  fi
  # Every row says how fast the machine was around it, so that two runs can be told apart from two builds.
  sed -n '/^## How fast the machine was/,$p' "$out/benchmarks.md" | grep -Eq '^\| P[0-9]b? \| [0-9]+ / [0-9]+ \| [0-9.]+ / [0-9.]+ \|$' \
    || die "the smoke run did not say how fast the machine was around its rows"
  cat "$out/benchmarks.md" >&2
fi
