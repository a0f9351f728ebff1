#!/usr/bin/env bash
# A full spool folder (Uploads:SpoolDirectory on a 1 MiB tmpfs, in a mount namespace of the API's own) refuses an
# upload that must be spooled with 503 STORAGE_UNAVAILABLE and Retry-After, over REST and GraphQL: no 500, nothing
# recorded, the spool file gone, and one warning naming the setting. An upload that goes straight to storage still works,
# and a client that breaks off a spooled upload is a 499 with no warning.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source lib/api.sh

fail() { e2e_log "FAIL: $*"; exit 1; }
json_field() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{let v=JSON.parse(s);for(const k of process.argv[1].split("."))v=v[k];console.log(v)})' "$1"; }

spool=$(mktemp -d "${TMPDIR:-/tmp}/hybridstorage-spool-full.XXXXXX")
big=$(mktemp "${TMPDIR:-/tmp}/hybridstorage-spool-big.XXXXXX")
headers=$(mktemp "${TMPDIR:-/tmp}/hybridstorage-spool-headers.XXXXXX")
cleanup() { rm -rf "$spool" "$big" "$headers" "$headers.body"; }
trap cleanup EXIT

# The tmpfs lives in the API's mount namespace only, and goes with it. Root may make one; anyone else makes one inside a
# user namespace of their own. Where neither is allowed (a container's default seccomp profile, a kernel or an AppArmor
# policy without unprivileged user namespaces) the full disk cannot be made here: said, and skipped.
if ((EUID == 0)); then namespace=(unshare --mount --propagation private); else namespace=(unshare --user --map-root-user --mount); fi
if ! "${namespace[@]}" sh -c 'mount -t tmpfs -o size=1m spool-probe "$0"' "$spool" 2>/dev/null; then
  e2e_log "spool-full: SKIPPED: this machine allows no mount namespace (${namespace[*]}) to make a full disk in"
  exit 0
fi
head -c $((3 * 1024 * 1024)) /dev/urandom >"$big"
API_LAUNCHER=("${namespace[@]}" sh -c 'mount -t tmpfs -o size=1m spool-full "$0" && exec "$@"' "$spool")
start_api spool-full Uploads__SpoolDirectory="$spool"
trap 'stop_api; cleanup' EXIT # start_api set its own
log=$_API_LOG

token=$(curl -fsS "$API_URL/graphql" -H 'Content-Type: application/json' \
  -d '{"query":"mutation($i: CredentialsInput!){ signUp(input: $i){ token } }","variables":{"i":{"email":"spool@example.test","password":"correct horse battery"}}}' |
  json_field data.signUp.token)

# REST multipart: the file part's length is not known, so it is spooled.
status=$(curl -sS -o "$headers.body" -D "$headers" -w '%{http_code}' "$API_URL/api/files" -H "Authorization: Bearer $token" \
  -F "file=@$big;type=application/octet-stream;filename=big.bin")
[[ $status == 503 ]] || { cat "$headers.body" >&2; fail "REST: expected 503, got $status"; }
[[ $(json_field code <"$headers.body") == STORAGE_UNAVAILABLE ]] || { cat "$headers.body" >&2; fail "REST: code is not STORAGE_UNAVAILABLE"; }
grep -q "no room to take in this upload" "$headers.body" || { cat "$headers.body" >&2; fail "REST: the problem does not say there is no room"; }
grep -qi '^retry-after: [0-9]' "$headers" || { cat "$headers" >&2; fail "REST: no Retry-After"; }
e2e_log "REST multipart into a full spool: $status $(json_field code <"$headers.body")"

# GraphQL multipart (the request has no length: curl sends it chunked), spooled the same way.
body=$(curl -sS "$API_URL/graphql" -H "Authorization: Bearer $token" -H 'GraphQL-Require-Preflight: 1' -H 'Transfer-Encoding: chunked' \
  -F operations='{"query":"mutation($file: Upload!){ uploadFile(file: $file){ id } }","variables":{"file":null}}' \
  -F map='{"0":["variables.file"]}' -F "0=@$big;type=application/octet-stream;filename=big.bin")
[[ $(echo "$body" | json_field errors.0.extensions.code) == STORAGE_UNAVAILABLE ]] || { echo "$body" >&2; fail "GraphQL: expected STORAGE_UNAVAILABLE"; }
e2e_log "GraphQL multipart into a full spool: STORAGE_UNAVAILABLE"

# A raw body of known length goes straight to the local tier and still works.
curl -fsS -o /dev/null "$API_URL/api/files" -H "Authorization: Bearer $token" \
  -H 'Content-Type: text/plain' -H 'X-File-Name: small.txt' --data-binary 'small and direct'
files=$(curl -fsS "$API_URL/graphql" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"query":"{ files(first: 10){ totalCount edges { node { name } } } }"}')
[[ $(echo "$files" | json_field data.files.totalCount) == 1 && $(echo "$files" | json_field data.files.edges.0.node.name) == small.txt ]] ||
  { echo "$files" >&2; fail "expected only small.txt recorded"; }

# A client that breaks off a spooled upload is the client's doing, not a spool that failed: no warning, a 499.
port=${API_URL##*:}
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'POST /api/files HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\nContent-Type: application/octet-stream\r\nX-File-Name: gone.bin\r\nTransfer-Encoding: chunked\r\n\r\n4000\r\n' "$token" >&3
head -c 16384 /dev/zero >&3
printf '\r\n' >&3
sleep 0.5
exec 3>&-
for _ in $(seq 50); do grep -q 'HTTP POST /api/files responded 499' "$log" && break; sleep 0.1; done
grep -q 'HTTP POST /api/files responded 499' "$log" || { cat "$log" >&2; fail "the broken-off upload was not logged as 499"; }

# The spool as the API sees it: empty again.
kill -0 "$_API_PID" 2>/dev/null || { cat "$log" >&2; fail "the API is no longer running"; }
left=$(ls -A "/proc/$_API_PID/root$spool")
[[ -z $left ]] || fail "spool files left behind: $left"
warnings=$(grep -c 'WRN.*could not take an upload: No space left on device.*Uploads:SpoolDirectory' "$log" || true)
# One for both refusals: the console holds back the second, within a minute of the first (ADR 0096).
[[ $warnings == 1 ]] || { cat "$log" >&2; fail "expected 1 warning naming Uploads:SpoolDirectory, found $warnings"; }
! grep -qE 'responded 500|Unhandled exception|^ +at ' "$log" || { cat "$log" >&2; fail "a 500 or a stack trace was logged"; }
e2e_log "spool-full: passed"
