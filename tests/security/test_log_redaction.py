"""Tokens and tracking codes in URLs never reach the logs (issue 16, finding 14).

The sweep takes every route of both URLconfs with a secret parameter, requests it
with recognisable values through the real web role (gunicorn with the project's
config, against the test database), and reads what the access log and the
application log (Django's "Not Found: …" lines) wrote. A route with a parameter
whose name sounds secret must be classified, so a new token route cannot be missed.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import urllib.error
import urllib.request

import pytest
from django.db import connection

from balai_kernel.redaction import (
    PUBLIC_URL_PARAMETERS,
    REDACTED,
    SECRET_URL_PARAMETERS,
    redact_path,
    redact_text,
)
from balai_site.observability import scrub, sentry_before_send
from tests.infra.test_entrypoint import (
    ENTRYPOINT,
    ROOT,
    VENV_BIN,
    _database_env,
    _free_port,
    wait_until_healthy,
)
from tests.urlsweep import URLCONFS, every_route

pytestmark = pytest.mark.security
SUSPICIOUS = re.compile(r"token|kode|code|uid|key|secret|sig|hash|pin", re.IGNORECASE)


def _routes_with_secrets():
    for urlconf in URLCONFS:
        for route in every_route(urlconf):
            public = PUBLIC_URL_PARAMETERS.get(route.name, frozenset())
            names = [n for _conv, n in route.params if n in SECRET_URL_PARAMETERS - public]
            if names:
                yield route, names


def test_every_secret_sounding_url_parameter_is_classified():
    unclassified = [
        (route.name, name)
        for urlconf in URLCONFS
        for route in every_route(urlconf)
        for _conv, name in route.params
        if SUSPICIOUS.search(name)
        and name not in SECRET_URL_PARAMETERS
        and name not in PUBLIC_URL_PARAMETERS.get(route.name, frozenset())
    ]
    assert unclassified == [], "add to SECRET_URL_PARAMETERS or PUBLIC_URL_PARAMETERS"


def test_every_route_with_a_secret_parameter_is_redacted():
    names = set()
    for route, secret_names in _routes_with_secrets():
        values = {name: f"RAHASIA{name}" for name in secret_names}
        path = route.concrete(values)
        redacted = redact_path(path)
        assert "RAHASIA" not in redacted, f"{route.name}: add {path} to SECRET_PATHS"
        assert redacted.count(REDACTED) == len(secret_names), route.name
        names.add(route.name)
    assert {"accounts:password_reset_confirm", "surat:verifikasi", "pengaduan:lacak_kode"} <= names


def _fetch(url: str, host: str, headers: dict | None = None, timeout: float = 30) -> int:
    request = urllib.request.Request(url, headers={"Host": host, **(headers or {})})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _secret_requests(village_host: str, platform_host: str):
    """(host, path, headers, secrets) for every secret route, plus query-string secrets."""
    for i, (route, names) in enumerate(_routes_with_secrets()):
        values = {name: f"RAHASIA{i}{name.upper()}" for name in names}
        host = platform_host if route.urlconf.endswith("public") else village_host
        yield host, route.concrete(values), {}, list(values.values())
    yield platform_host, "/daftar/?undangan=RAHASIAUNDANGAN", {}, ["RAHASIAUNDANGAN"]
    yield village_host, "/pengaduan/lacak/?kode=RAHASIAKODE", {}, ["RAHASIAKODE"]
    referer = f"http://{platform_host}/akun/email/konfirmasi/RAHASIAREFERER/"
    yield platform_host, "/akun/masuk/", {"Referer": referer}, ["RAHASIAREFERER"]


@pytest.mark.slow
@pytest.mark.django_db
def test_tokens_never_reach_the_access_log_or_the_application_log(village, settings, tmp_path):
    port = _free_port()
    access_log = tmp_path / "access.log"
    env = {
        **os.environ,
        **_database_env(connection.settings_dict),
        "BALAI_HOME": str(ROOT),
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "DEBUG": "true",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "prometheus"),
        "GUNICORN_ACCESSLOG": str(access_log),
        "LOG_LEVEL": "INFO",
    }
    process = subprocess.Popen(  # noqa: S603
        [str(ENTRYPOINT), "web"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    sent = list(_secret_requests(village.host, settings.BALAI_DOMAIN))
    try:
        wait_until_healthy(process, base)
        # The first routed request of the worker imports both URLconfs (and every view):
        # seconds on a loaded machine, so wait for it with a generous timeout.
        for host in (village.host, settings.BALAI_DOMAIN):
            assert _fetch(f"{base}/ping/", host, timeout=120) in (200, 404)
        for host, path, headers, _secrets in sent:
            status = _fetch(f"{base}{path}", host, headers)
            assert status < 500, (path, status)
    finally:
        process.send_signal(signal.SIGTERM)
        output = process.communicate(timeout=40)[0].decode()
    access = access_log.read_text()
    assert access.count("\n") >= len(sent)
    assert "Not Found: /surat/verifikasi/[disaring]/" in output  # Django's request log
    for _host, path, _headers, secrets in sent:
        for secret in secrets:
            assert secret not in access, (path, "access log")
            assert secret not in output, (path, "application log")
    assert (
        access.count(REDACTED) >= len(sent) - 3
    )  # the three query/Referer cases log no path secret


def test_sentry_events_and_free_text_are_redacted():
    assert redact_text("GET /akun/sandi/atur/MQ/abc-1f2/ HTTP/1.1") == (
        f"GET /akun/sandi/atur/{REDACTED}/{REDACTED}/ HTTP/1.1"
    )
    assert redact_text("/statistik/agama/") == "/statistik/agama/"
    event = sentry_before_send(
        {"request": {"url": "https://hajimena.example/pengaduan/lacak/KODE123/"}}, None
    )
    assert "KODE123" not in str(event) and REDACTED in event["request"]["url"]
    assert "TOKENX" not in str(scrub({"message": "link https://x.id/daftar/?undangan=TOKENX"}))
