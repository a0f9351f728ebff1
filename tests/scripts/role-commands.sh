#!/usr/bin/env bash
# The grant-role and revoke-role verbs as the README runs them: with the connection string and nothing else (no
# signing key, which only the service needs). revoke-role says what the account keeps, and when configuration still
# grants the role by email.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source lib/api.sh

fail() { e2e_log "FAIL: $*"; exit 1; }
# verb ARGS...: the verb with the service's settings, the signing key taken away (as a bare environment has none).
verb() { (cd "$(dirname "$API_DLL")" && env "${_API_ENV[@]}" Auth__SigningKey= "${VERB_ENV[@]}" dotnet "$API_DLL" "$@"); }
roles_at_log_in() {
  curl -fsS "$API_URL/graphql" -H 'Content-Type: application/json' \
    -d "{\"query\":\"mutation{ logIn(input:{email:\\\"$1\\\",password:\\\"correct horse battery\\\"}){ user { roles } } }\"}" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).data.logIn.user.roles.join(",")))'
}

start_api role-commands
for email in grant@example.test listed@example.test; do
  curl -fsS -o /dev/null "$API_URL/graphql" -H 'Content-Type: application/json' \
    -d "{\"query\":\"mutation{ signUp(input:{email:\\\"$email\\\",password:\\\"correct horse battery\\\"}){ token } }\"}"
done

out=$(mktemp "${TMPDIR:-/tmp}/role-commands.XXXXXX")
trap 'rm -f "$out"; stop_api' EXIT
VERB_ENV=()
verb grant-role grant@example.test admin >"$out" 2>&1 || { cat "$out" >&2; fail "grant-role failed"; }
grep -q "grant@example.test now has the roles: user, admin." "$out" || { cat "$out" >&2; fail "grant-role did not confirm"; }
[[ $(roles_at_log_in grant@example.test) == "admin,user" ]] || fail "the grant is not in the next token"

verb revoke-role grant@example.test admin >"$out" 2>&1 || { cat "$out" >&2; fail "revoke-role failed without a signing key"; }
grep -q "grant@example.test now has the roles: user." "$out" || { cat "$out" >&2; fail "revoke-role did not confirm"; }
! grep -q "Exception" "$out" || { cat "$out" >&2; fail "revoke-role printed an exception"; }
[[ $(roles_at_log_in grant@example.test) == "user" ]] || fail "the revoked role is still in the next token"

VERB_ENV=(Auth__Admins__0=Listed@Example.test)
verb grant-role listed@example.test admin >"$out" 2>&1 || { cat "$out" >&2; fail "grant-role for a listed email failed"; }
verb revoke-role listed@example.test admin >"$out" 2>&1 || { cat "$out" >&2; fail "revoke-role for a listed email failed"; }
grep -q "listed@example.test now has the roles: admin, user." "$out" || { cat "$out" >&2; fail "revoke-role did not count the configured role"; }
grep -q "The admin role still comes from configuration (Auth:Admins or Auth:Auditors); remove the email there." "$out" ||
  { cat "$out" >&2; fail "revoke-role did not say the role still comes from configuration"; }
e2e_log "role-commands: grant-role and revoke-role ran with no signing key; a configured role is named as such"
