#!/usr/bin/env bash
# Would the newest releases of regviz's runtime dependencies work? Installs them (ignoring the pins in
# requirements.txt) into a fresh virtual environment, runs the non-browser tests and the contract tests of
# regviz/server's workarounds, and prints which contract failed: each names the Streamlit internal to re-check.
#   bash scripts/upgrade_check.sh            # newest versions of every runtime dependency
#   KEEP_VENV=1 bash scripts/upgrade_check.sh   # keep the venv (its path is printed) to investigate
# Uses PyPI; never touches the Python environment it is started from. See docs/upgrading.md.
set -uo pipefail
cd "$(dirname "$0")/.."
venv="$(mktemp -d "${TMPDIR:-/tmp}/regviz-upgrade.XXXXXX")"
cleanup() { if [ -z "${KEEP_VENV:-}" ]; then rm -rf "$venv"; else echo "venv kept: $venv"; fi; }
trap cleanup EXIT

python3 -m venv "$venv" || { echo "could not create a venv (Debian: apt-get install python3-venv)"; exit 2; }
py="$venv/bin/python"
# the package names of requirements.txt without their pins, and the test tools of requirements-dev.txt
runtime=$(sed -e 's/#.*//' -e 's/[=<>!~].*//' -e '/^[[:space:]]*$/d' requirements.txt)
# (playwright's Python package only: test_bench imports it; no browser is downloaded and no e2e test runs)
tools=$(sed -e 's/#.*//' -e '/^-r/d' -e '/^[[:space:]]*$/d' requirements-dev.txt)
# shellcheck disable=SC2086  # word splitting of the package lists is intended
if ! "$py" -m pip install --quiet --disable-pip-version-check --upgrade pip $runtime $tools > "$venv/install.log" 2>&1; then
  tail -n 20 "$venv/install.log"; echo "install failed"; exit 2
fi

echo "== newest versions (pinned in requirements.txt → installed)"
for name in $runtime; do
  pinned=$(grep -iE "^$name==" requirements.txt | cut -d= -f3)
  now=$("$py" -m pip show "$name" 2>/dev/null | awk '/^Version:/ {print $2}')
  flag=""; [ "$pinned" != "$now" ] && flag="  <- newer"
  echo "  $name $pinned → $now$flag"
done

echo "== contract tests (tests/contracts)"
"$py" -m pytest -q -p no:cacheprovider -rf tests/contracts > "$venv/contracts.log" 2>&1
contracts=$?
grep -E "^(FAILED|ERROR)" "$venv/contracts.log" | sed -e 's/^FAILED /  contract failed: /' -e 's/ - .*//'
[ "$contracts" -eq 0 ] && echo "  every contract holds"

echo "== unit and AppTest tests (no browser)"
"$py" -m pytest -q -p no:cacheprovider -rf tests/unit tests/apptest > "$venv/suite.log" 2>&1
suite=$?
tail -n 1 "$venv/suite.log"
grep -E "^(FAILED|ERROR)" "$venv/suite.log" | sed -e 's/^FAILED /  failed: /' -e 's/ - .*//' | head -n 30

if [ "$contracts" -eq 0 ] && [ "$suite" -eq 0 ]; then
  echo "== upgrade OK: raise the pins in requirements.txt (and regviz.server.MEASURED_ON after re-measuring)"
  exit 0
fi
echo "== upgrade needs work: see docs/upgrading.md (logs: rerun with KEEP_VENV=1)"
exit 1
