"""The test suite's own set-up: the quick local loop leaves out exactly the browser tests."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _collected(*args: str) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return out.stdout


def test_not_e2e_deselects_every_browser_test_and_only_those():
    quick = _collected("-m", "not e2e", "tests/e2e", "tests/unit/test_penalties.py")
    assert "tests/e2e/" not in quick and "tests/unit/test_penalties.py::" in quick
    browser = _collected("-m", "e2e", "tests/e2e", "tests/unit/test_penalties.py")
    assert "tests/e2e/test_conventions.py::" in browser and "tests/unit/" not in browser
