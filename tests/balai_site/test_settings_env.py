"""Production configuration fails fast with a clear message."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _load_settings(**env):
    full = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}}
    full.update(env)
    full["DJANGO_SETTINGS_MODULE"] = "balai_site.settings"
    code = "import django; django.setup(); from django.conf import settings; print('OK', settings.BALAI_DOMAIN)"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=full,
        capture_output=True,
        text=True,
        check=False,
    )  # noqa: S603


def test_production_requires_secret_key():
    out = _load_settings(DEBUG="false", DATABASE_URL="postgres://u@127.0.0.1:1/x")
    assert out.returncode != 0
    assert "SECRET_KEY is required" in out.stderr


def test_production_requires_database_url():
    out = _load_settings(DEBUG="false", SECRET_KEY="x" * 50, BALAI_TESTING="0")
    assert out.returncode != 0
    assert "DATABASE_URL is required" in out.stderr


def test_bad_boolean_is_rejected():
    out = _load_settings(DEBUG="maybe", DATABASE_URL="postgres://u@127.0.0.1:1/x")
    assert out.returncode != 0
    assert "DEBUG must be true or false" in out.stderr


def test_valid_production_config_loads():
    out = _load_settings(
        DEBUG="false",
        SECRET_KEY="k" * 50,
        DATABASE_URL="postgres://u@127.0.0.1:1/x",
        BALAI_DOMAIN="desa.example.id",
    )
    assert out.returncode == 0, out.stderr
    assert "OK desa.example.id" in out.stdout
