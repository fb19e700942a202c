#!/usr/bin/env bash
# Installs what Itinera needs and is missing, then builds. Sourced by start.sh and test.sh
# (one place for the install logic); also runnable alone: `bash scripts/setup.sh [app|test]`.
#
# Installs only what is missing: Debian packages are checked with dpkg first and
# `apt-get update` runs only when something must be installed; npm dependencies are
# reinstalled only when a package-lock.json changed; tauri-driver only when absent.

set -euo pipefail

ITINERA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ITINERA_ROOT
# Where cargo puts binaries (tauri-driver) and the toolchain.
export PATH="$HOME/.cargo/bin:$PATH"

# What building and showing the window needs (cmake and libclang build the HiGHS solver
# the scheduler links).
APP_PACKAGES=(libwebkit2gtk-4.1-dev build-essential pkg-config libssl-dev libxdo-dev
  libayatana-appindicator3-dev librsvg2-dev fonts-noto-cjk fonts-noto-core cmake libclang-dev)
# What the tests add: a virtual display, the WebKit WebDriver, PDF and image tools, and the
# PostgreSQL server binaries the store tests start in a temporary directory.
TEST_PACKAGES=(xvfb xauth webkit2gtk-driver poppler-utils imagemagick postgresql locales)
# The end-to-end tests start the window in a Korean and an English session.
TEST_LOCALES=(ko_KR en_US)

TAURI_DRIVER_VERSION=2.1.0
NODE_MIN=20.19

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root (or sudo) to run: $*"
  fi
}

ensure_apt_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "system packages: all ${#} present"
    return
  fi
  step "installing system packages: ${missing[*]}"
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install by hand: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# Compiles the named UTF-8 locales when the C library lacks them (GTK and WebKit read the
# system language from them; without one the window falls back to English).
ensure_locales() {
  local name have
  have="$(locale -a 2>/dev/null | tr '[:upper:]' '[:lower:]')"
  for name in "$@"; do
    if grep -qx "$(echo "$name.utf8" | tr '[:upper:]' '[:lower:]')" <<<"$have"; then
      continue
    fi
    step "compiling the $name.UTF-8 locale"
    as_root localedef -i "$name" -f UTF-8 "$name.UTF-8"
  done
  echo "locales: ${*/%/.UTF-8} present"
}

ensure_toolchains() {
  command -v cargo >/dev/null 2>&1 ||
    die "Rust is missing: install rustup (https://rustup.rs); rust-toolchain.toml picks the version"
  command -v node >/dev/null 2>&1 || die "Node.js >= $NODE_MIN is missing (Vite 8 needs it)"
  local have
  have="$(node -p 'process.versions.node')"
  node -e "
    const [a, b] = process.versions.node.split('.').map(Number);
    const [x, y] = '$NODE_MIN'.split('.').map(Number);
    process.exit(a > x || (a === x && b >= y) ? 0 : 1);" ||
    die "Node.js $have is too old: Vite 8 needs >= $NODE_MIN"
  echo "toolchains: $(cargo --version), node $have, npm $(npm --version 2>/dev/null)"
}

# npm ci in $1 unless node_modules already matches package-lock.json.
ensure_npm_deps() {
  local dir="$1" stamp lock_hash
  stamp="$dir/node_modules/.itinera-lock.sha256"
  lock_hash="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_hash" ]; then
    echo "npm dependencies of ${dir#"$ITINERA_ROOT"/}: up to date"
    return
  fi
  step "npm ci in ${dir#"$ITINERA_ROOT"/}"
  (cd "$dir" && npm ci --no-audit --no-fund)
  echo "$lock_hash" >"$stamp"
}

# The calendar tests read our .ics files back with an independent parser (PyPI icalendar).
ensure_python_icalendar() {
  if python3 -c 'import icalendar' 2>/dev/null; then
    return
  fi
  step "installing the icalendar parser (PyPI) for the calendar tests"
  # Debian's own python3 refuses pip installs (PEP 668); its python3-icalendar package
  # serves it instead.
  python3 -m pip install --quiet --disable-pip-version-check 'icalendar>=5,<8' 2>/dev/null \
    || ensure_apt_packages python3-icalendar
  python3 -c 'import icalendar' || { echo "could not install the icalendar parser" >&2; return 1; }
}

ensure_tauri_driver() {
  if command -v tauri-driver >/dev/null 2>&1 &&
    [ "$(cargo install --list | grep -c "^tauri-driver v$TAURI_DRIVER_VERSION:")" -eq 1 ]; then
    echo "tauri-driver $TAURI_DRIVER_VERSION: present"
    return
  fi
  step "installing tauri-driver $TAURI_DRIVER_VERSION"
  cargo install "tauri-driver@$TAURI_DRIVER_VERSION" --locked
}

# Builds the UI and the window with the UI embedded (no dev server needed at run time).
# For tests (`build_app test`) the window is built by `cargo test --no-run` with the same
# features the shell's tests use, so Tauri and everything above it compile once, not twice
# (Tauri's `test` feature only adds the mock runtime; the window runs the real one).
build_app() {
  local purpose="${1:-app}"
  step "building the UI (ui/dist)"
  npm --prefix "$ITINERA_ROOT/ui" run build
  step "building itinera-app with the UI embedded"
  if [ "$purpose" = test ]; then
    (cd "$ITINERA_ROOT" && cargo test -p itinera-app --features custom-protocol --no-run)
  else
    (cd "$ITINERA_ROOT" && cargo build -p itinera-app --features custom-protocol)
  fi
  # A later build may replace target/debug/itinera-app with another feature set; a hard
  # link keeps this build (cargo replaces the file, it never rewrites it).
  mkdir -p "$ITINERA_ROOT/target/app"
  ln -f "$ITINERA_ROOT/target/debug/itinera-app" "$ITINERA_ROOT/target/app/itinera-app" 2>/dev/null ||
    cp -f "$ITINERA_ROOT/target/debug/itinera-app" "$ITINERA_ROOT/target/app/itinera-app"
  ITINERA_APP_BIN="$ITINERA_ROOT/target/app/itinera-app"
  export ITINERA_APP_BIN
}

# setup_for app|test: everything the two README commands need before they run.
setup_for() {
  local purpose="$1"
  step "checking what is installed ($purpose)"
  if [ "$purpose" = test ]; then
    ensure_apt_packages "${APP_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
  else
    ensure_apt_packages "${APP_PACKAGES[@]}"
  fi
  ensure_toolchains
  ensure_npm_deps "$ITINERA_ROOT/ui"
  if [ "$purpose" = test ]; then
    ensure_locales "${TEST_LOCALES[@]}"
    ensure_npm_deps "$ITINERA_ROOT/tests/e2e"
    ensure_tauri_driver
    ensure_python_icalendar
  fi
  build_app "$purpose"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  setup_for "${1:-app}"
fi
