#!/usr/bin/env bash
# Run the README's main job (`.venv/bin/mpq`) as a fresh machine would: with an empty corpus cache, so that the
# corpus generation is timed too. Its log goes to runs/mainjob/log.txt for tools/update_readme.py.
# The main job's default run folder (mpq-out/wav2vec2-tiny-one-stage-3.5bits) is moved aside first, not deleted.
set -euo pipefail
cd "$(dirname "$0")/.."
log_dir=runs/mainjob; mkdir -p "$log_dir"
default_out=mpq-out/wav2vec2-tiny-one-stage-3.5bits
if [ -e "$default_out" ]; then
  aside="$default_out.before-$(date +%Y%m%d-%H%M%S)"; mv "$default_out" "$aside"; echo "moved the previous run to $aside"
fi
cache=$(mktemp -d /tmp/mpq-fresh-cache.XXXXXX)
export HF_HUB_OFFLINE=1 HF_DATASETS_OFFLINE=1
{ echo "$ MPQ_CACHE=$cache .venv/bin/mpq"; MPQ_CACHE=$cache .venv/bin/mpq "$@"; } 2>&1 | tee "$log_dir/log.txt"
rm -rf "$cache"
echo "log: $log_dir/log.txt  report: $default_out/report.json"
