#!/usr/bin/env bash
# The GraphQL-over-HTTP audit of the npm package graphql-http against the running API: zero errors, zero warnings.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source lib/api.sh

# The audit's variables checks query __type(name: $name), so introspection must answer.
start_api graphql-http-audit GraphQL__Introspection=true
API_URL=$API_URL run_node graphql-http-audit.mjs
