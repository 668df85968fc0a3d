"""The architecture contracts of ``pyproject.toml`` (import-linter) hold on the real tree and
fail on a new violation.

A violation is written as a real module into a copy of the project's Python packages (never
into the working tree, which other tests walk), and ``lint-imports`` — what ``./balai lint``
runs — must refuse it and name the broken contract. The copy is only the ``.py`` files and
``pyproject.toml`` (a few MB), put first on ``PYTHONPATH`` so it shadows the installed tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = str(Path(sys.executable).with_name("lint-imports"))
PACKAGES = {
    "tenants": "tenants",
    "village_apps": "village_apps",
    "balai_kernel": "platform/balai_kernel",
    "balai_site": "platform/balai_site",
    "control_plane": "platform/control_plane",
    "devtools": "platform/devtools",
}


def _lint(cwd: Path, *contracts: str) -> subprocess.CompletedProcess[str]:
    args = [LINT_IMPORTS, "--no-cache"] + [a for c in contracts for a in ("--contract", c)]
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)  # noqa: S603


@pytest.fixture(scope="module")
def tree_copy(tmp_path_factory) -> Path:
    """The project's packages as plain ``.py`` files under one folder (like ``platform/``'s
    children are installed: top-level)."""
    base = tmp_path_factory.mktemp("tree")
    for name, source in PACKAGES.items():
        shutil.copytree(
            ROOT / source,
            base / name,
            ignore=lambda _d, names: [
                n for n in names if not (n.endswith(".py") or (Path(_d) / n).is_dir())
            ],
        )
    shutil.copy(ROOT / "pyproject.toml", base / "pyproject.toml")
    return base


def test_contracts_hold_on_the_real_tree():
    out = _lint(ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 broken" in out.stdout


def test_balai_lint_runs_the_contracts():
    script = (ROOT / "balai").read_text()
    lint = next(line for line in script.splitlines() if line.strip().startswith("lint)"))
    following = script[script.index(lint) :].split(";;")[0]
    assert "lint-imports" in following


@pytest.mark.parametrize(
    ("module", "source", "contract"),
    [
        (
            "village_apps/penduduk/arch_probe.py",
            "from control_plane.accounts import permissions  # noqa\n",
            "village-apps-below-platform",
        ),
        (
            "village_apps/penduduk/arch_probe.py",
            "def later():\n    from balai_site import settings  # noqa\n",
            "village-apps-below-platform",
        ),
        ("tenants/arch_probe.py", "import balai_site.observability  # noqa\n", "tenants-leaf"),
        ("tenants/arch_probe.py", "from control_plane.fleet import models  # noqa\n", "layers"),
        ("balai_kernel/arch_probe.py", "import tenants.models  # noqa\n", "kernel-bottom"),
        (
            "control_plane/fleet/arch_probe.py",
            "from village_apps.penduduk.models import Penduduk  # noqa\n",
            "control-plane-through-facades",
        ),
        (
            "control_plane/reference/arch_probe.py",
            "from control_plane.dashboards import regions  # noqa\n",
            "acyclic",
        ),
    ],
)
def test_a_new_violation_fails_the_lint(tree_copy, module, source, contract):
    probe = tree_copy / module
    probe.write_text(source)
    try:
        out = _lint(tree_copy, contract)
    finally:
        probe.unlink()
    assert out.returncode != 0, f"{contract} kept with {module}:\n{out.stdout}"
    assert "BROKEN" in out.stdout
    assert "arch_probe" in out.stdout or "reference" in out.stdout
