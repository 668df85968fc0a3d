"""Security headers, cookies and `check --deploy` with production settings."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.security
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("where", ["village", "control_plane"])
def test_pages_carry_csp_and_clickjacking_headers(client, village, settings, where):
    host = village.host if where == "village" else settings.BALAI_DOMAIN
    response = client.get("/", HTTP_HOST=host)
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_csrf_is_enforced_on_village_forms(village):
    from django.test import Client

    strict = Client(HTTP_HOST=village.host, enforce_csrf_checks=True)
    response = strict.post("/akun/masuk/", {"username": "x", "password": "y"})
    assert response.status_code == 403


def test_session_cookie_is_httponly_and_lax(village_client):
    village_client.get("/akun/masuk/")
    response = village_client.post(
        "/akun/masuk/", {"username": "admin", "password": "sandi-admin-uji-123"}
    )
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["domain"] == ""  # host-only: never shared across village subdomains


def _production_env(**extra):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=os.environ.get("DATABASE_URL")
        or "postgres://postgres@127.0.0.1:5432/postgres",
        BALAI_DOMAIN="balai.example.id",
        DJANGO_SETTINGS_MODULE="balai_site.settings",
    )
    env.update(extra)
    return env


def test_check_deploy_is_clean_with_production_settings():
    out = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "no issues" in out.stdout


def test_production_cookies_are_secure_and_hsts_is_on():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        check=True,
    )  # noqa: S603
    assert out.stdout.split() == ["True"] * 5
