#!/usr/bin/env bash
# The benchmark harness with tiny sizes against the test suite's servers, so that it cannot rot (scripts/bench.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
: "${CATALOG_TEST_POSTGRES:?run this through scripts/test.sh}"
# dotnet test builds the test projects and what they reference; bench.sh builds the rest (the bench console) and
# publishes the API as it measures it, incrementally.
exec scripts/bench.sh --smoke
