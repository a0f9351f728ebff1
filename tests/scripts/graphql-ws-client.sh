#!/usr/bin/env bash
# Round trips with the reference graphql-ws client against the running API: subscribe, upload, receive, complete;
# auth failures; no events of other users.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source lib/api.sh

start_api graphql-ws-client
API_URL=$API_URL run_node graphql-ws-client.mjs
