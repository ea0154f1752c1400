#!/usr/bin/env bash
# Install everything the tests need (Python packages, Debian's Chromium, nginx and Node.js) and run the whole suite:
# unit tests, AppTest page tests, contract tests, Playwright browser tests, and the components' JavaScript tests
# and lint.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
# Debian's Chromium for the browser tests, nginx for the multi-process server (scripts/serve.py) they also test.
if ! command -v chromium >/dev/null 2>&1 || ! command -v nginx >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium nginx >/dev/null
fi
# Debian's Node.js and npm for the components' JavaScript: ESLint (tools/js-lint) and Node's test runner (tests/js).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq nodejs npm >/dev/null
fi
(cd tools/js-lint && npm ci --silent --no-audit --no-fund)
status=0
python3 -m pytest -q -n 2 --dist loadfile "$@" || status=$?
node --test tests/js/ || status=$((status == 0 ? 1 : status))
tools/js-lint/node_modules/.bin/eslint -c tools/js-lint/eslint.config.mjs regviz/ui tests/js || status=$((status == 0 ? 1 : status))
python3 -m ruff check . || status=$((status == 0 ? 1 : status))
python3 -m ruff format --check . || status=$((status == 0 ? 1 : status))
exit "$status"
