"""The ``./balai`` entry point people type first: its help is the usage, not its source."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_help_prints_the_usage_and_no_shell_code():
    out = subprocess.run(
        ["bash", str(ROOT / "balai"), "help"], capture_output=True, text=True, check=True
    ).stdout
    assert "./balai demo" in out and "./balai test" in out
    assert "set -euo" not in out and "#" not in out
