"""Production never loads the development tools: no module-level import of
``devtools`` outside it, and production settings + URLconfs leave it unloaded."""

import ast
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.billing


def test_no_module_level_devtools_import():
    offenders = []
    for base in (
        "platform/balai_kernel",
        "platform/balai_site",
        "platform/control_plane",
        "tenants",
        "village_apps",
    ):
        for path in (ROOT / base).rglob("*.py"):
            tree = ast.parse(path.read_text())
            for node in tree.body:  # module level only; lazy imports in dev commands are fine
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom):
                    names = [node.module or ""]
                if any(n == "devtools" or n.startswith("devtools.") for n in names):
                    offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_production_settings_do_not_import_devtools():
    code = (
        "import sys, django; django.setup();"
        "import balai_site.urls_public, control_plane.billing.views, control_plane.billing.tasks;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'devtools'))"
    )
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
        "STRIPE_SECRET_KEY": "sk_live_example",
        "STRIPE_WEBHOOK_SECRET": "whsec_example",
        "DJANGO_SETTINGS_MODULE": "balai_site.settings",
        "BALAI_TESTING": "0",
    }
    env.pop("STRIPE_API_BASE", None)
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"
