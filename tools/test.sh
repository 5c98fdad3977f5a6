#!/usr/bin/env bash
# The test command: the library must equal `nbdev_export` of the notebooks, the notebooks must be clean,
# then every notebook runs through nbdev's own runner (one pytest test per notebook, `#| slow` skipped)
# together with tests/, and pytest prints its closing line.
set -euo pipefail
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=1 HF_DATASETS_OFFLINE=1 TRANSFORMERS_OFFLINE=1
export PATH="$PWD/.venv/bin:$PATH"
before=$(git status --porcelain -- mpq_nb nbs)
nbdev_export
nbdev_clean
after=$(git status --porcelain -- mpq_nb nbs)
if [ "$before" != "$after" ]; then
  echo "FAIL: nbdev_export / nbdev_clean changed these files; run both and commit the result:" >&2
  diff <(echo "$before") <(echo "$after") >&2 || true
  exit 1
fi
python tools/make_readme.py --check
python tools/check_nb_cells.py       # no cell mixes imports and other code (nbdev_docs would run it out of context)
python tools/check_private_imports.py  # no private name crosses a module boundary
# Two notebooks at once on a machine of two cores or more (pytest-xdist, work stealing), each worker with one torch
# thread, so that the workers never ask for more threads than the cores (nbdev_test also runs notebooks side by side).
jobs=$(( $(nproc) < 2 ? 1 : 2 ))
if [ "$jobs" -gt 1 ]; then export OMP_NUM_THREADS=1; par=(-n "$jobs" --dist worksteal); else par=(); fi
exec python -m pytest -q -p no:cacheprovider "${par[@]}" tests "$@"
