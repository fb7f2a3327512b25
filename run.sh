#!/usr/bin/env bash
# Podium's one entry point for people and CI.
#   ./run.sh serve   set everything up, build the example site and serve it with live reload
#   ./run.sh test    set everything up and run every test (including the browser audit)
#   ./run.sh setup   only set up
# It installs what it needs itself: a Python virtual environment with pinned packages,
# the npm packages pinned in package-lock.json, and Debian's chromium and chromium-driver, plus
# chromium-headless-shell where the release has it (the lighter build the audit prefers).
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '\n== %s\n' "$*"; }

need_python() {
  for py in python3.13 python3.12 python3.11 python3; do
    if "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$py"; return 0
    fi
  done
  echo "Podium needs Python 3.11 or newer; please install it first." >&2
  exit 2
}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

setup_browser() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "Installing Chromium and its driver from Debian's packages"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-driver
  fi
  if ! command -v chromium-headless-shell >/dev/null && has_candidate chromium-headless-shell; then
    say "Installing Chromium's headless shell, which audits with less processor time"
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium-headless-shell
  fi
}

# Whether apt knows an installable version of the package (releases without it: the audit
# uses the full browser).
has_candidate() {
  local candidate
  candidate=$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2}')
  [ -n "$candidate" ] && [ "$candidate" != "(none)" ]
}

setup_python() {
  local stamp=.venv/.podium-installed
  if [ ! -x .venv/bin/python ]; then
    say "Creating the Python environment in .venv"
    "$(need_python)" -m venv .venv
  fi
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ constraints.txt -nt "$stamp" ]; then
    say "Installing Python packages (pinned in constraints.txt)"
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -c constraints.txt -e '.[test]'
    touch "$stamp"
  fi
}

setup_npm() {
  if [ ! -f node_modules/axe-core/axe.min.js ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "Installing npm packages (pinned in package-lock.json)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

setup() { setup_python; setup_npm; setup_browser; }

case "${1:-}" in
  setup) setup ;;
  serve) setup; shift; exec .venv/bin/podium serve "$@" ;;
  test)  setup; shift; exec .venv/bin/python -m pytest "$@" ;;
  *) echo "Usage: ./run.sh serve | test | setup" >&2; exit 2 ;;
esac
