# Sourced by docs_check.sh and live_explorer_check.sh: make sure node, npm, Debian's chromium and the pinned npm
# packages are there (apt-get / npm ci when missing), and set CHROMIUM. $1 names the caller in messages.
_who=${1:-check}
find_chromium() { command -v chromium || command -v chromium-browser || true; }
CHROMIUM="${CHROMIUM:-$(find_chromium)}"
need=()
{ command -v node && command -v npm; } >/dev/null 2>&1 || need+=(nodejs npm)
[ -n "$CHROMIUM" ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "$_who: installing ${need[*]} with apt-get"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    CHROMIUM="${CHROMIUM:-$(find_chromium)}"
  else
    echo "$_who: ${need[*]} missing and this shell cannot apt-get install it: run 'sudo apt-get install -y ${need[*]}'" >&2
    exit 1
  fi
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
