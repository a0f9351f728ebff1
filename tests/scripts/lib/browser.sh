# shellcheck shell=bash
# ensure_chromium: sets CHROMIUM to Debian's chromium (or $CHROMIUM if given), installing the package when missing.
ensure_chromium() {
  CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
  [[ -x $CHROMIUM ]] && return 0
  e2e_log "installing Debian's chromium for the browser checks"
  if [[ $(id -u) -eq 0 ]]; then
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  else
    sudo apt-get update -qq >&2 && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  fi
}
