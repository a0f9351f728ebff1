#!/usr/bin/env bash
# Checks that the api service of docker-compose.yml uses only configuration keys the service reads
# (src/Catalog.Api/appsettings.json) and sets every key it requires. Runs from scripts/test.sh.
# CATALOG_COMPOSE_FILE names another compose file to check (see compose-config-check.mjs).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
command -v node >/dev/null || { echo "compose-config-check: node is not installed (Node 20+ is needed)" >&2; exit 1; }
exec node tests/scripts/compose-config-check.mjs "$@"
