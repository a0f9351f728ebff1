#!/usr/bin/env bash
# The Wolverine handler code committed under src/Catalog.Api/Internal/Generated (ADR 0073) must be exactly what
# `codegen write` makes of the handlers as they are now: a handler added or changed without regenerating fails here.
# Regenerate with: cd src/Catalog.Api && dotnet run -c Release -- codegen write
# Run by scripts/test.sh after dotnet test, on the Release build it made; needs no server.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
# shellcheck source=tests/scripts/lib/api.sh
source tests/scripts/lib/api.sh

committed=$PWD/src/Catalog.Api/Internal/Generated
api_dll=$PWD/src/Catalog.Api/bin/Release/net10.0/Catalog.Api.dll
work=$(mktemp -d /tmp/hybridstorage-codegen.XXXXXX)
trap 'rm -rf "$work"' EXIT

# `codegen write` writes below the content root, which is the working directory: here, a throwaway one.
(cd "$work" && ConnectionStrings__Catalog="Host=127.0.0.1;Port=1;Database=unused;Username=unused" \
  dotnet "$api_dll" codegen write >"$work/codegen.log" 2>&1) || { cat "$work/codegen.log" >&2; e2e_log "codegen-current FAILED: codegen write failed"; exit 1; }
if ! diff -r "$committed" "$work/Internal/Generated" >&2; then
  e2e_log "codegen-current FAILED: the committed handler code is stale; regenerate it (see the top of this script)"
  exit 1
fi
e2e_log "codegen-current: the committed handler code is current ($(find "$committed" -name '*.cs' | wc -l) files)"
