#!/usr/bin/env bash
# Cross-origin access (ADR 0104) in headless Chromium: a page on a listed origin calls /graphql and the REST endpoints
# with a token and reads the answers and the headers exposed to it; a page on an origin not listed cannot.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source lib/api.sh
source lib/browser.sh

ensure_chromium
listed_port=$(_free_port)
other_port=$(_free_port)
while [[ $other_port == "$listed_port" ]]; do other_port=$(_free_port); done

start_api cors-browser "Cors__AllowedOrigins__0=http://127.0.0.1:$listed_port"
if [[ ${API_URL##*:} == "$listed_port" || ${API_URL##*:} == "$other_port" ]]; then
  e2e_log "the API was given a port picked for a page ($API_URL); run the check again"
  exit 1
fi
API_URL=$API_URL CHROMIUM=$CHROMIUM LISTED_PORT=$listed_port OTHER_PORT=$other_port run_node cors-browser.mjs
