#!/usr/bin/env bash
# Runs HybridStorage locally with its own Postgres and two S3-compatible servers.
#
#   scripts/run.sh [extra arguments for the API...]
#
# Data persists in .data/dev (CATALOG_DEV_DATA) between runs; to start from scratch: rm -rf .data/dev
# Already running services are used instead of local ones when these are set:
#   ConnectionStrings__Catalog  (Postgres)
#   Storage__Local__Endpoint    (local-tier S3)
#   Storage__Cloud__ServiceUrl  (cloud-tier S3)
# Ports: CATALOG_DEV_PG_PORT (15433), CATALOG_DEV_S3_LOCAL_PORT (19000),
#        CATALOG_DEV_S3_CLOUD_PORT (19001). PGDATA_ROOT replaces .data for Postgres.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/lib/services.sh
source scripts/lib/services.sh
# shellcheck source=scripts/lib/publish.sh
source scripts/lib/publish.sh

DATA=${CATALOG_DEV_DATA:-$REPO_ROOT/.data/dev}
PG_DIR=${PGDATA_ROOT:-$REPO_ROOT/.data}/dev/postgres
PG_PORT=${CATALOG_DEV_PG_PORT:-15433}
S3_LOCAL_PORT=${CATALOG_DEV_S3_LOCAL_PORT:-19000}
S3_CLOUD_PORT=${CATALOG_DEV_S3_CLOUD_PORT:-19001}

trap stop_started_services EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

(umask 022 && mkdir -p "$DATA")
# One run per data folder: a second would share its Postgres and S3 folders and publish over the running API. The
# lock goes with the processes holding it, also when they are killed; what this run starts inherits it. So when the
# run that took it is gone (killed with SIGKILL, or its terminal closed), what it started still holds it: those
# leftovers are stopped, and this run takes over.
lock=$(cd "$DATA" && pwd)/run.lock # as /proc shows it
exec 9>"$lock"
if ! flock -n 9; then
  owner=$(cat "$DATA/run.pid" 2>/dev/null || true)
  if [[ $owner =~ ^[0-9]+$ ]] && kill -0 "$owner" 2>/dev/null && grep -qa 'run\.sh' "/proc/$owner/cmdline" 2>/dev/null; then
    die "another scripts/run.sh (pid $owner) uses $DATA; stop it first"
  fi
  stop_lock_holders "$lock" "$PG_DIR"
  flock -w 15 9 || die "something a killed scripts/run.sh started still runs in $DATA and did not stop: $(lock_holders "$lock" | tr '\n' ' ')"
fi
echo $$ >"$DATA/run.pid"

if [[ -z ${ConnectionStrings__Catalog:-} ]]; then
  start_postgres "$PG_DIR" "$PG_PORT"
  export ConnectionStrings__Catalog="Host=127.0.0.1;Port=$PG_PORT;Database=catalog;Username=postgres"
fi

if [[ -z ${Storage__Local__Endpoint:-} || -z ${Storage__Cloud__ServiceUrl:-} ]]; then
  ensure_node_tools
fi

if [[ -z ${Storage__Local__Endpoint:-} ]]; then
  export Storage__Local__AccessKey=${Storage__Local__AccessKey:-local-dev}
  export Storage__Local__SecretKey=${Storage__Local__SecretKey:-local-dev-secret}
  export Storage__Local__Bucket=${Storage__Local__Bucket:-catalog-local}
  S3_ACCESS_KEY=$Storage__Local__AccessKey S3_SECRET_KEY=$Storage__Local__SecretKey \
    start_s3 s3-local "$DATA/s3-local" "$S3_LOCAL_PORT" "$Storage__Local__Bucket"
  export Storage__Local__Endpoint=http://127.0.0.1:$S3_LOCAL_PORT
  # This store sends nothing while it joins a multipart upload's parts (S3 and MinIO keep the connection alive
  # meanwhile), and a 5 GiB file can take longer than the default 30 s to join on a slow machine (ADR 0095).
  export Storage__Local__StallTimeout=${Storage__Local__StallTimeout:-00:05:00}
fi

if [[ -z ${Storage__Cloud__ServiceUrl:-} ]]; then
  export Storage__Cloud__AccessKey=${Storage__Cloud__AccessKey:-cloud-dev}
  export Storage__Cloud__SecretKey=${Storage__Cloud__SecretKey:-cloud-dev-secret}
  export Storage__Cloud__Bucket=${Storage__Cloud__Bucket:-catalog-cloud}
  export Storage__Cloud__ForcePathStyle=true
  S3_ACCESS_KEY=$Storage__Cloud__AccessKey S3_SECRET_KEY=$Storage__Cloud__SecretKey \
    start_s3 s3-cloud "$DATA/s3-cloud" "$S3_CLOUD_PORT" "$Storage__Cloud__Bucket"
  export Storage__Cloud__ServiceUrl=http://127.0.0.1:$S3_CLOUD_PORT
fi

if [[ -z ${Auth__SigningKey:-} && -z ${Auth__Authority:-} ]]; then
  # A random key made once per checkout, so tokens survive restarts of a dev run.
  key_file=$DATA/jwt-signing-key
  [[ -s $key_file ]] || (umask 077 && head -c 48 /dev/urandom | base64 | tr -d '\n' > "$key_file")
  Auth__SigningKey=$(cat "$key_file")
  export Auth__SigningKey
fi

export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://127.0.0.1:5000}
url=${ASPNETCORE_URLS%%;*}

api_dll=$(publish_api "$REPO_ROOT/src/Catalog.Api/bin/Release/run")

echo "HybridStorage is starting at $ASPNETCORE_URLS (GraphQL: ${url%/}/graphql)"
# In the background, waited for: bash runs a trap only once its foreground command has ended, so a TERM from a
# supervisor or `kill` would otherwise leave the API and the services running. On Ctrl-C or TERM the API is asked to
# stop with TERM (a background job ignores SIGINT), and once it has stopped the EXIT trap stops the services.
# The content root (appsettings*.json) is the working directory.
(cd "$(dirname "$api_dll")" && exec dotnet "$api_dll" "$@") &
api_pid=$!
stop_api() {
  kill -TERM "$api_pid" 2>/dev/null || true
  wait "$api_pid" 2>/dev/null || true
}
trap 'stop_api; exit 130' INT
trap 'stop_api; exit 143' TERM
wait "$api_pid"
