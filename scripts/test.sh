#!/usr/bin/env bash
# Runs every test of Itinera, installing what is missing first:
#   1. Rust, library and CLI: unit, integration and doc tests (`cargo test`)
#   2. Rust, the Tauri shell: command adapters and start-up (`cargo test -p itinera-app`, with the UI embedded)
#   3. UI unit tests (Vitest)
#   4. End-to-end tests driving the real window (WebdriverIO + tauri-driver + WebKitWebDriver),
#      under a private Xvfb when there is no DISPLAY.
# Every part runs even after another fails; the script exits non-zero if any part failed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

setup_for test

declare -a PART_NAMES=() PART_RESULTS=()
failed=0

run_part() {
  local name="$1"
  shift
  step "$name"
  local status=0
  (cd "$ITINERA_ROOT" && "$@") || status=$?
  PART_NAMES+=("$name")
  if [ "$status" -eq 0 ]; then
    PART_RESULTS+=("ok")
  else
    PART_RESULTS+=("FAILED (exit $status)")
    failed=1
  fi
}

XVFB_PID=""
stop_display() {
  if [ -n "$XVFB_PID" ]; then
    kill "$XVFB_PID" 2>/dev/null || true
    wait "$XVFB_PID" 2>/dev/null || true
    XVFB_PID=""
  fi
}
trap stop_display EXIT

# Starts a private Xvfb when no display exists, on the first free display number.
ensure_display() {
  if [ -n "${DISPLAY:-}" ]; then
    echo "using the existing display $DISPLAY"
    return
  fi
  local n=99
  while [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ]; do n=$((n + 1)); done
  step "starting Xvfb on :$n"
  Xvfb ":$n" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
  XVFB_PID=$!
  local waited=0
  until [ -S "/tmp/.X11-unix/X$n" ]; do
    kill -0 "$XVFB_PID" 2>/dev/null || die "Xvfb exited at start"
    [ "$waited" -lt 100 ] || die "Xvfb did not come up within 10 s"
    sleep 0.1
    waited=$((waited + 1))
  done
  export DISPLAY=":$n"
}

run_part "Rust: library, CLI, integration and doc tests" cargo test
# Same features as the window built by setup (see build_app), so nothing is compiled twice.
run_part "Rust: the desktop shell (itinera-app)" cargo test -p itinera-app --features custom-protocol
run_part "UI unit tests (Vitest)" npm --prefix ui test
ensure_display
run_part "End-to-end tests in the real window" npm --prefix tests/e2e test
stop_display

step "summary"
for i in "${!PART_NAMES[@]}"; do
  printf '  %-50s %s\n' "${PART_NAMES[$i]}" "${PART_RESULTS[$i]}"
done
if [ "$failed" -ne 0 ]; then
  echo "test.sh: some parts FAILED" >&2
  exit 1
fi
echo "test.sh: every part passed"
