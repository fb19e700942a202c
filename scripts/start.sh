#!/usr/bin/env bash
# Quick start: installs what is missing, builds, and opens Itinera on its embedded database
# (the per-user data directory, or --db PATH / ITINERA_DB). Extra arguments go to the app:
#   bash scripts/start.sh --db /tmp/try.db
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

setup_for app
[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] ||
  die "no display: run this on a desktop session (DISPLAY or WAYLAND_DISPLAY unset)"
step "starting Itinera"
exec "$ITINERA_APP_BIN" "$@"
