#!/usr/bin/env bash
# Build the docs site offline (tools/build_docs.py) and check it in a headless chromium (tools/check_docs.mjs):
# every page loads without a JavaScript error or a request off the site, every chart draws, every widget renders,
# every internal link and anchor resolves; screenshots land in _docs/_screens/.
# Installs what is missing: node/npm and Debian's chromium (apt-get, as root), and the pinned npm packages
# (npm ci, from package-lock.json). Arguments go to build_docs.py (e.g. --only 30_explore.ipynb, --full).
set -euo pipefail
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=1 HF_DATASETS_OFFLINE=1 TRANSFORMERS_OFFLINE=1
export PATH="$PWD/.venv/bin:$PATH"
find_chromium() { command -v chromium || command -v chromium-browser || true; }
CHROMIUM="${CHROMIUM:-$(find_chromium)}"
need=()
{ command -v node && command -v npm; } >/dev/null 2>&1 || need+=(nodejs npm)
[ -n "$CHROMIUM" ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "docs_check: installing ${need[*]} with apt-get"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    CHROMIUM="${CHROMIUM:-$(find_chromium)}"
  else
    echo "docs_check: ${need[*]} missing and this shell cannot apt-get install it: run 'sudo apt-get install -y ${need[*]}'" >&2
    exit 1
  fi
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
start=$SECONDS
node tools/check_docs.mjs --self-test --chromium "$CHROMIUM"      # the checks catch the faults they are shown
python tools/build_docs.py "$@"
node tools/check_docs.mjs --chromium "$CHROMIUM"
echo "docs_check: done in $((SECONDS - start)) s"
