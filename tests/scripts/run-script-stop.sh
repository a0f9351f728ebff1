#!/usr/bin/env bash
# scripts/run.sh, the README's first command, started with its own Postgres and S3 servers in a throwaway directory,
# must stop all of them, and the API, when it is sent TERM (as a supervisor or `kill` does), and log no error
# while starting or stopping. Then again on Ctrl-C: SIGINT to its whole process group, as a terminal sends it; the S3
# servers must outlive it and be stopped by the script after the API, not die with the API still serving. Last, a
# run killed with SIGKILL: the next run must stop what it left and start.
# Run by scripts/test.sh after dotnet test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
# shellcheck source=tests/scripts/lib/api.sh
source tests/scripts/lib/api.sh

fail() { e2e_log "run-script-stop FAILED: $*"; tail -n 30 "${work:-/nonexistent}"/*.log >&2 2>/dev/null; exit 1; }

work=$(mktemp -d /tmp/hybridstorage-run-stop.XXXXXX)
chmod 755 "$work" # the postgres user must reach the cluster below it
api_port=$(_free_port)
script_pid=
leftovers=
descendants() { local child; for child in $(pgrep -P "$1"); do echo "$child"; descendants "$child"; done; }
# Only when this check failed is anything left to stop: the run's processes, by force (its cluster is thrown away).
cleanup() {
  local left
  left=$( { [[ -n $script_pid ]] && echo "$script_pid" && descendants "$script_pid"; pgrep -f "$work"; echo $leftovers; } 2>/dev/null || true)
  [[ -n $left ]] && kill -KILL $left 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# start_run: scripts/run.sh in a process group of its own, SIGINT handled as in a terminal (a background job of this
# script would inherit it ignored, and bash cannot trap a signal ignored on entry).
start_run() {
  env -u ConnectionStrings__Catalog -u Storage__Local__Endpoint -u Storage__Cloud__ServiceUrl -u Auth__SigningKey \
    CATALOG_DEV_DATA="$work/dev" PGDATA_ROOT="$work/pg" ASPNETCORE_URLS="http://127.0.0.1:$api_port" \
    CATALOG_DEV_PG_PORT="$pg_port" CATALOG_DEV_S3_LOCAL_PORT="$(_free_port)" CATALOG_DEV_S3_CLOUD_PORT="$(_free_port)" \
    env --default-signal=INT setsid scripts/run.sh >"$work/$1" 2>&1 &
  script_pid=$!
}

# wait_ready: until the API answers /health/ready, polled often, as a load balancer may: the answers while the
# host is still starting must not be logged as errors.
wait_ready() {
  for _ in $(seq 1 1800); do
    curl -sf -o /dev/null "http://127.0.0.1:$api_port/health/ready" && break
    kill -0 "$script_pid" 2>/dev/null || fail "scripts/run.sh ended before the API was ready"
    sleep 0.1
  done
  curl -sf -o /dev/null "http://127.0.0.1:$api_port/health/ready" || fail "the API was not ready within 180 s"
  pgrep -f "$work" >/dev/null || fail "no Postgres or S3 server of the run was found"
}

# stopped LOG STATUS SIGNAL: the script ended with STATUS, leaving no process, no listener and no error in LOG.
stopped() {
  local status=0
  for _ in $(seq 1 30); do kill -0 "$script_pid" 2>/dev/null || break; sleep 1; done
  kill -0 "$script_pid" 2>/dev/null && fail "scripts/run.sh still runs 30 s after $3"
  wait "$script_pid" || status=$?
  script_pid=
  ((status == $2)) || fail "scripts/run.sh exited with $status after $3, not $2"
  if pgrep -fa "$work" >&2; then fail "processes of the run are still there (above)"; fi
  if port_open "$api_port"; then fail "the API still listens on $api_port"; fi
  if grep -E '\b(ERR|FTL)\b' "$work/$1" >&2; then fail "the start or the stop logged errors (above)"; fi
  if grep -F "for commands" "$work/$1" >&2; then fail "the command line's discovery chatter reached the console (above)"; fi
}

pg_port=$(_free_port)
start_run run.log

wait_ready
# A second run on the same data folder is refused at once, and leaves the first one alone.
second=0
env -u ConnectionStrings__Catalog -u Storage__Local__Endpoint -u Storage__Cloud__ServiceUrl -u Auth__SigningKey \
  CATALOG_DEV_DATA="$work/dev" PGDATA_ROOT="$work/pg" ASPNETCORE_URLS="http://127.0.0.1:$(_free_port)" \
  CATALOG_DEV_PG_PORT="$(_free_port)" CATALOG_DEV_S3_LOCAL_PORT="$(_free_port)" CATALOG_DEV_S3_CLOUD_PORT="$(_free_port)" \
  timeout 20 scripts/run.sh >"$work/second.log" 2>&1 || second=$?
((second == 1)) && grep -q "another scripts/run.sh (pid [0-9]*) uses" "$work/second.log" \
  || { cat "$work/second.log" >&2; fail "a second scripts/run.sh on the same data folder was not refused (exit $second)"; }
curl -sf -o /dev/null "http://127.0.0.1:$api_port/health/ready" || fail "the first run stopped answering after the second was refused"
e2e_log "run-script-stop ready on port $api_port; sending TERM to scripts/run.sh"

kill -TERM "$script_pid"
stopped run.log 143 TERM
e2e_log "run-script-stop OK: the API, Postgres and both S3 servers stopped on TERM, without errors"

start_run ctrl-c.log
wait_ready
e2e_log "run-script-stop ready again; sending SIGINT to its process group, as Ctrl-C in a terminal does"
kill -INT -- "-$script_pid"
stopped ctrl-c.log 130 Ctrl-C
for name in s3-local s3-cloud; do
  grep -q "stopping S3 '$name'" "$work/ctrl-c.log" || fail "S3 '$name' did not outlive Ctrl-C to be stopped after the API"
done
e2e_log "run-script-stop OK: on Ctrl-C the API stopped first, then the S3 servers and Postgres, without errors"

# A run killed outright (SIGKILL, a closed terminal) leaves the API, Postgres and the S3 servers running and holding
# its lock: the next run stops them and starts as usual, where it used to refuse to start.
start_run killed.log
wait_ready
leftovers=$(descendants "$script_pid" | tr '\n' ' ')
{ kill -KILL "$script_pid" && wait "$script_pid"; } 2>/dev/null || true # without the shell's "Killed" line
script_pid=
alive=0
for pid in $leftovers; do kill -0 "$pid" 2>/dev/null && alive=$((alive + 1)); done
((alive > 0)) && port_open "$api_port" || fail "nothing of the killed run was left running to test with"
start_run after-kill.log
for _ in $(seq 1 300); do
  alive=0
  for pid in $leftovers; do kill -0 "$pid" 2>/dev/null && alive=$((alive + 1)); done
  ((alive == 0)) && break
  kill -0 "$script_pid" 2>/dev/null || fail "scripts/run.sh ended instead of stopping what the killed run left"
  sleep 0.1
done
((alive == 0)) || fail "what the killed run left ($leftovers) still runs 30 s after the next scripts/run.sh started"
grep -q "a killed scripts/run.sh left these running; stopping them" "$work/after-kill.log" \
  || fail "the next run did not say that it stopped what the killed run left"
wait_ready
leftovers=
kill -TERM "$script_pid"
stopped after-kill.log 143 TERM
e2e_log "run-script-stop OK: after a SIGKILL, the next run stopped what the killed one left, served, and stopped cleanly"
