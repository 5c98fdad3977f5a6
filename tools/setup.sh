#!/usr/bin/env bash
# Set up a fresh machine for mpq_nb: system packages (espeak-ng for the corpus, sctk for the NIST check),
# a virtual environment in .venv, and the package with its dev extras. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v espeak-ng >/dev/null 2>&1 || need+=(espeak-ng)
[ -x /usr/lib/sctk/bin/sc_stats ] || command -v sc_stats >/dev/null 2>&1 || need+=(sctk)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing ${need[*]} with apt-get"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "setup: ${need[*]} missing and this shell cannot apt-get install it." >&2
    echo "setup: run 'sudo apt-get install ${need[*]}' (on Colab: '!apt-get install -y ${need[*]}')." >&2
    command -v espeak-ng >/dev/null 2>&1 || exit 1   # espeak-ng is required; sctk only for one optional check
  fi
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
# A machine whose own pip configuration names local index folders (extra-index-url = file:///...) makes pip say, once
# for every package such a folder lacks, "WARNING: Location 'file:///...' is ignored: it is neither a file nor a
# directory": a remark about that configuration, not about this project. Those lines alone are left out; every other
# line pip writes is shown, and pip's exit status is kept (pipefail).
quiet_pip() { .venv/bin/python -m pip "$@" 2>&1 | { grep -v "^WARNING: Location 'file://.*' is ignored: it is neither a file nor a directory\.$" || true; }; }
quiet_pip install -q --upgrade pip
quiet_pip install -q -c tools/constraints.txt -e ".[dev]"   # constraints: the versions tested together
echo "setup: ready ($(.venv/bin/python -c 'import torch, mpq_nb; print("torch", torch.__version__, "mpq_nb", mpq_nb.__version__)'))"
