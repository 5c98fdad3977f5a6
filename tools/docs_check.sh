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
source tools/browser_env.sh docs_check      # node, npm, chromium, node_modules; sets CHROMIUM
start=$SECONDS
node tools/check_docs.mjs --self-test --chromium "$CHROMIUM"      # the checks catch the faults they are shown
python tools/build_docs.py --jobs "$(( $(nproc) < 2 ? $(nproc) : 2 ))" "$@"   # two pages at once, one torch thread each
node tools/check_docs.mjs --chromium "$CHROMIUM"
echo "docs_check: done in $((SECONDS - start)) s"
