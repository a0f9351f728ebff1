#!/usr/bin/env bash
# Crash-safety of the nightly transfer with real processes: the API is killed with SIGKILL in the middle of a
# sync batch and started again; every file must end synced exactly once, with a cloud copy holding its bytes,
# and no local copy may be gone without a recorded, verified cloud copy. See sync-crash.mjs.
#
# Run by scripts/test.sh after dotnet test (it exports CATALOG_TEST_POSTGRES, CATALOG_TEST_S3_LOCAL,
# CATALOG_TEST_S3_CLOUD, CATALOG_TEST_S3_ACCESS_KEY, CATALOG_TEST_S3_SECRET_KEY and builds Release first).
# Uses a database of its own (catalog_sync_crash) and a free port.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
: "${CATALOG_TEST_POSTGRES:?run this through scripts/test.sh}"
exec node tests/scripts/sync-crash.mjs
