#!/usr/bin/env bash
# Check mpq_nb.explore.explorer in a LIVE notebook: a real JupyterLab server and kernel, driven by a headless
# chromium (tools/live_explorer_check.mjs, playwright-core from package.json). It writes a throwaway notebook
# (tiny random Wav2Vec2ForCTC turned supernet, a tiny espeak-ng dev set, a results table measured on it), runs all
# its cells in the live kernel, then drags the budget slider, presses a key on it, narrows the allowed bits, picks
# a method, clicks "evaluate", and fails unless the bit map text, the compression ratio and the charts follow,
# a WER appears, the progress bar moves, and no JavaScript or kernel error shows up.
#
#   bash tools/live_explorer_check.sh               # the check: screenshots in _live_check/, a one-line summary
#   bash tools/live_explorer_check.sh --self-test   # the same with three faults planted: it must report each one
#
# Installs what is missing: JupyterLab and ipykernel into .venv (pinned here, not runtime dependencies of mpq_nb:
# the package's requirements in settings.ini are unchanged), node/npm and Debian's chromium (apt-get, as root),
# the pinned npm packages (npm ci). Not part of .ci/run. Env: KEEP=1 keeps the temporary folder (notebook, server
# log); LIVE_CHECK_TIMEOUT (s, default 240) caps the browser run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JUPYTERLAB_PIN=jupyterlab==4.6.6
IPYKERNEL_PIN=ipykernel==7.4.0
export HF_HUB_OFFLINE=1 HF_DATASETS_OFFLINE=1 TRANSFORMERS_OFFLINE=1
export PATH="$ROOT/.venv/bin:$PATH"
PY=$ROOT/.venv/bin/python
[ -x "$PY" ] || { echo "live_explorer_check: no .venv: run 'bash tools/setup.sh' first" >&2; exit 1; }
command -v espeak-ng >/dev/null 2>&1 || { echo "live_explorer_check: espeak-ng missing (the dev set is synthesised with it): run 'bash tools/setup.sh'" >&2; exit 1; }

# --- what it needs -------------------------------------------------------------------------------------------------
source tools/browser_env.sh live_explorer_check      # node, npm, chromium, node_modules; sets CHROMIUM
have_pin() { "$PY" -c "import importlib.metadata as m, sys; sys.exit(m.version('$1') != '$2')" 2>/dev/null; }
if ! have_pin jupyterlab "${JUPYTERLAB_PIN#*==}" || ! have_pin ipykernel "${IPYKERNEL_PIN#*==}"; then
  echo "live_explorer_check: installing $JUPYTERLAB_PIN $IPYKERNEL_PIN into .venv (only for this check)"
  "$PY" -m pip install -q -c tools/constraints.txt "$JUPYTERLAB_PIN" "$IPYKERNEL_PIN"
fi

# --- a private Jupyter: its own config, runtime, settings and workspace folders, on 127.0.0.1 with a token ---------
start=$SECONDS
WORK=$(mktemp -d "${TMPDIR:-/tmp}/live-explorer.XXXXXX")
OUT=$ROOT/_live_check
rm -rf "$OUT"; mkdir -p "$OUT"
SERVER_PID=
PORT=$("$PY" -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
TOKEN=$("$PY" -c "import secrets; print(secrets.token_hex(24))")
stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    # the server's own shutdown also shuts down its kernels; a plain TERM is the fallback
    curl -s -m 10 -X POST -H "Authorization: token $TOKEN" "http://127.0.0.1:$PORT/api/shutdown" >/dev/null 2>&1 || true
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$SERVER_PID" 2>/dev/null && kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=
}
cleanup() {
  stop_server
  [ -f "$WORK/server.log" ] && cp "$WORK/server.log" "$OUT/server.log" 2>/dev/null || true
  if [ "${KEEP:-0}" = 1 ]; then echo "live_explorer_check: kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$WORK"/{config,runtime,data,ipython,settings/@jupyterlab/apputils-extension,workspaces}
# no news / update prompts (they would ask the internet, and their toasts would sit over the screenshots)
echo '{"fetchNews": "false", "checkForUpdates": false}' > "$WORK/settings/@jupyterlab/apputils-extension/notification.jupyterlab-settings"
export JUPYTER_CONFIG_DIR=$WORK/config JUPYTER_DATA_DIR=$WORK/data JUPYTER_RUNTIME_DIR=$WORK/runtime IPYTHONDIR=$WORK/ipython
export JUPYTER_PLATFORM_DIRS=1 PYTHONUNBUFFERED=1
[ "${1:-}" = --self-test ] && export LIVE_CHECK_BREAK=eval,callback,js || export LIVE_CHECK_BREAK=
node tools/live_explorer_check.mjs --write-notebook "$WORK/explorer_live.ipynb"
(cd "$WORK" && exec "$ROOT/.venv/bin/jupyter" lab --no-browser --ip=127.0.0.1 --port="$PORT" --ServerApp.port_retries=0 \
   --IdentityProvider.token="$TOKEN" --ServerApp.root_dir="$WORK" \
   --LabApp.user_settings_dir="$WORK/settings" --LabApp.workspaces_dir="$WORK/workspaces" \
   --LabApp.news_url= --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
   --ServerApp.terminals_enabled=False \
   $([ "$(id -u)" = 0 ] && echo --allow-root) >"$WORK/server.log" 2>&1) &
SERVER_PID=$!
for i in $(seq 120); do
  curl -s -m 2 -H "Authorization: token $TOKEN" "http://127.0.0.1:$PORT/api/status" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "live_explorer_check: the Jupyter server died:" >&2; tail -30 "$WORK/server.log" >&2; exit 1; }
  [ "$i" = 120 ] && { echo "live_explorer_check: the Jupyter server did not answer within 60 s" >&2; tail -30 "$WORK/server.log" >&2; exit 1; }
  sleep 0.5
done
echo "live_explorer_check: JupyterLab $("$PY" -c 'import jupyterlab; print(jupyterlab.__version__)') on 127.0.0.1:$PORT after $((SECONDS - start)) s"

# --- the browser run ------------------------------------------------------------------------------------------------
rc=0
timeout -k 10 "${LIVE_CHECK_TIMEOUT:-240}" node tools/live_explorer_check.mjs --url "http://127.0.0.1:$PORT" --token "$TOKEN" \
  --notebook explorer_live.ipynb --out "$OUT" --chromium "$CHROMIUM" --server-log "$WORK/server.log" \
  ${LIVE_CHECK_BREAK:+--expect-faults "$LIVE_CHECK_BREAK"} || rc=$?
[ $rc = 124 ] && echo "live_explorer_check: FAIL, the browser run passed ${LIVE_CHECK_TIMEOUT:-240} s" >&2
stop_server
left=$(pgrep -f "$WORK/runtime/kernel-" || true)   # this run's kernels only: their connection files are in $WORK
if [ -n "$left" ]; then
  echo "live_explorer_check: FAIL, kernel(s) outlived the server shutdown: pids $(echo $left); killing them" >&2
  kill $left 2>/dev/null || true
  rc=1
fi
what=$([ -n "$LIVE_CHECK_BREAK" ] && echo self-test || echo check)
echo "live_explorer_check: $what $([ $rc = 0 ] && echo ok || echo FAILED) in $((SECONDS - start)) s (screenshots and server log in _live_check/)"
exit $rc
