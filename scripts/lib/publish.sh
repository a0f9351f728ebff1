# shellcheck shell=bash
# The API as it is deployed, for scripts/run.sh and scripts/bench.sh (source this file after services.sh).
#
#   publish_api DIR   publishes src/Catalog.Api in Release into DIR, with ReadyToRun code for this machine's
#                     runtime (ADR 0078); prints DIR/Catalog.Api.dll. Incremental: unchanged assemblies are not
#                     compiled again.

publish_api() {
  local out=$1
  log "publishing the API (Release, ReadyToRun) into ${out#"$REPO_ROOT"/}"
  dotnet publish "$REPO_ROOT/src/Catalog.Api/Catalog.Api.csproj" -c Release -o "$out" -p:UseAppHost=false \
    -v quiet -nologo >&2 || die "dotnet publish failed (above)"
  echo "$out/Catalog.Api.dll"
}
