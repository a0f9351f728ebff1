#!/usr/bin/env bash
# Banana Cake Pop at /graphql/ui, checked in headless Chromium (Debian's chromium, driven by npm playwright-core):
# the page loads, fetches the schema by introspection and runs a query with a token.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source lib/api.sh
source lib/browser.sh

ensure_chromium

# An explorer needs introspection, which is off outside Development unless configured.
start_api explorer-browser GraphQL__Introspection=true
# The explorer is a third-party single-page app driven through its editor; on a loaded two-core machine its editor
# sometimes misses typed text. Each attempt is a fresh browser; the check fails only if all three do.
for attempt in 1 2 3; do
  if API_URL=$API_URL CHROMIUM=$CHROMIUM run_node explorer-browser.mjs; then
    exit 0
  fi
  e2e_log "explorer check attempt $attempt failed"
done
exit 1
