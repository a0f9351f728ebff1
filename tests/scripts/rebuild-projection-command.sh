#!/usr/bin/env bash
# The rebuild-projection verb against a real database: it rebuilds the listing from the events while the service runs
# (rows removed behind its back come back), and refuses an unknown projection with a clear message and a failing exit.
# Marten's own `projections rebuild` is refused, and `projections list` still runs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source lib/api.sh

fail() { e2e_log "FAIL: $*"; exit 1; }
json_field() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{let v=JSON.parse(s);for(const k of process.argv[1].split("."))v=v[k];console.log(v)})' "$1"; }
listing_rows() { _psql -d "$_API_DB" -At -c "select count(*) from catalog.mt_doc_filelisting"; }

start_api rebuild-command

token=$(curl -fsS "$API_URL/graphql" -H 'Content-Type: application/json' \
  -d '{"query":"mutation($i: CredentialsInput!){ signUp(input: $i){ token } }","variables":{"i":{"email":"rebuild@example.test","password":"correct horse battery"}}}' |
  json_field data.signUp.token)
for name in a b c; do
  curl -fsS -o /dev/null "$API_URL/api/files" -H "Authorization: Bearer $token" \
    -H 'Content-Type: text/plain' -H "X-File-Name: $name.txt" --data-binary "file $name"
done
[[ $(listing_rows) == 3 ]] || fail "expected 3 listing rows after the uploads, found $(listing_rows)"

_psql -d "$_API_DB" -c "delete from catalog.mt_doc_filelisting"
[[ $(listing_rows) == 0 ]] || fail "the listing rows were not removed"

out=$(mktemp "${TMPDIR:-/tmp}/rebuild-command.XXXXXX")
trap 'rm -f "$out"; stop_api' EXIT
api_command rebuild-projection FileListing >"$out" 2>&1 || { cat "$out" >&2; fail "rebuild-projection FileListing failed"; }
grep -q "FileListing rebuilt from the events in" "$out" || { cat "$out" >&2; fail "no confirmation in the verb's output"; }
! grep -q "for commands" "$out" || { cat "$out" >&2; fail "the verb's output lists the assemblies searched for commands"; }
[[ $(listing_rows) == 3 ]] || fail "expected 3 listing rows after the rebuild, found $(listing_rows)"
names=$(curl -fsS "$API_URL/graphql" -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
  -d '{"query":"{ files(first: 10, order: {field: NAME, direction: ASC}){ edges { node { name } } } }"}' |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).data.files.edges.map(e=>e.node.name).join(",")))')
[[ $names == "a.txt,b.txt,c.txt" ]] || fail "the rebuilt listing answers '$names'"

if api_command rebuild-projection NoSuchProjection >"$out" 2>&1; then fail "an unknown projection was accepted"; fi
grep -q "Unknown projection 'NoSuchProjection'. Known: FileListing, AuditTrail" "$out" || { cat "$out" >&2; fail "no clear refusal"; }
# Marten's daemon rebuild misses events appended while it runs (ADR 0072): refused before anything is touched.
if api_command projections rebuild >"$out" 2>&1; then fail "projections rebuild was accepted"; fi
grep -q "'projections rebuild' is not available here" "$out" || { cat "$out" >&2; fail "no clear refusal of projections rebuild"; }
grep -q "rebuild-projection <name>" "$out" || { cat "$out" >&2; fail "the refusal does not name rebuild-projection"; }
if api_command projections --projection FileListing rebuild >"$out" 2>&1; then fail "projections rebuild with an option first was accepted"; fi
[[ $(listing_rows) == 3 ]] || fail "expected 3 listing rows after the refused verbs, found $(listing_rows)"
api_command projections list >"$out" 2>&1 || { cat "$out" >&2; fail "projections list failed"; }
grep -q "FileListing" "$out" || { cat "$out" >&2; fail "projections list does not list FileListing"; }
e2e_log "rebuild-projection: listing rebuilt (3 rows back), unknown name refused, projections rebuild refused"
