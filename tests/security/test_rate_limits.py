"""Abuse limits: logins (control plane, village operators, layanan mandiri), sign-up and
complaints lock after too many attempts, refuse even a correct attempt while locked,
unlock after the period, count per village, and count together across processes.

Time is the fake clock of ``abuse_clock``: the abuse module and the rate-limit cache
see it, and it moves only when a test advances it. No window can end while a test is
still making its attempts (PIN hashing takes long on a loaded machine), and "after the
window" is one ``advance`` instead of a sleep.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from control_plane.onboarding.models import Signup
from tenants.context import village_context
from tests.control_plane.onboarding.helpers import PASSWORD as STAFF_PASSWORD
from tests.control_plane.onboarding.helpers import make_staff
from tests.database import database_url
from tests.security.abuse_clock import abuse_clock_fixture  # noqa: F401 - pytest fixture
from tests.support.builders import PASSWORD
from tests.village_apps.surat.helpers import penduduk_make
from village_apps.audit.models import AccessAudit
from village_apps.mandiri import services as mandiri
from village_apps.mandiri import session as mandiri_session
from village_apps.pengaduan.models import Pengaduan

pytestmark = [pytest.mark.security, pytest.mark.django_db]
ROOT = Path(__file__).resolve().parents[2]
OP_PASSWORD = PASSWORD  # the village operator made by tests/support
ADMIN_PASSWORD = "sandi-admin-uji-123"  # the provisioned "admin" of every test village
WINDOW = 15 * 60  # the period of the test limits ("n/15m")
LOCKED = "dikunci sementara"
# Layanan mandiri's one answer to a wrong PIN, an unknown NIK and a locked NIK alike.
REFUSED = "NIK atau PIN salah, atau akun sedang dikunci sementara"


def _limits(settings, endpoint: str, **kinds: str) -> None:
    """Short limits for one endpoint; the others keep theirs."""
    settings.ABUSE_LIMITS = {**settings.ABUSE_LIMITS, endpoint: kinds}


def _login(client: Client, username: str, password: str, ip: str = "10.1.1.1"):
    return client.post("/akun/masuk/", {"username": username, "password": password}, REMOTE_ADDR=ip)


# --- Village operator login -------------------------------------------------------------------


def test_operator_account_locks_even_the_right_password_then_unlocks(
    settings, village, village_client, operator, caplog, abuse_clock
):
    _limits(settings, "operator_login", account="3/15m", address="100/15m")
    caplog.set_level(logging.WARNING, logger="balai.abuse")
    for ip in ("10.1.1.1", "10.1.1.2", "10.1.1.3"):  # other addresses: the account counts
        assert _login(village_client, "uji-operator", "salah", ip).status_code == 200
    refused = _login(village_client, "uji-operator", OP_PASSWORD, "10.1.1.4")
    body = refused.content.decode()
    assert refused.status_code == 429
    assert "Terlalu banyak percobaan masuk" in body and "akun dikunci sementara" in body
    assert "Coba lagi dalam 15 menit" in body
    assert "_auth_user_id" not in village_client.session
    with village_context(village):
        row = AccessAudit.objects.get(action="lockout")
        assert row.object_type == "akun" and row.object_id == str(operator.pk)
        assert "uji-operator" not in row.summary and row.username == ""
        # Refused attempts are not checked, so they are not failed logins either.
        assert AccessAudit.objects.filter(action="login_failed").count() == 3
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "abuse lockout endpoint=operator_login kind=account" in logged
    assert "uji-operator" not in logged
    abuse_clock.advance(WINDOW)
    assert _login(village_client, "uji-operator", OP_PASSWORD).status_code == 302


def test_operator_address_locks_across_account_names(
    settings, village_client, operator, abuse_clock
):
    _limits(settings, "operator_login", account="100/15m", address="3/15m")
    for name in ("a1", "a2", "a3"):
        assert _login(village_client, name, "salah", "10.2.2.2").status_code == 200
    refused = _login(village_client, "uji-operator", OP_PASSWORD, "10.2.2.2")
    assert refused.status_code == 429 and "dari jaringan Anda" in refused.content.decode()
    assert _login(village_client, "uji-operator", OP_PASSWORD, "10.2.2.3").status_code == 302


def test_success_forgets_the_accounts_failures(settings, village_client, operator, abuse_clock):
    _limits(settings, "operator_login", account="3/15m", address="100/15m")
    for _ in range(2):
        _login(village_client, "uji-operator", "salah")
    assert _login(village_client, "uji-operator", OP_PASSWORD).status_code == 302
    village_client.logout()
    for _ in range(2):
        _login(village_client, "uji-operator", "salah")
    assert _login(village_client, "uji-operator", OP_PASSWORD).status_code == 302


# --- Control-plane login ----------------------------------------------------------------------


def test_control_plane_login_locks_and_unlocks(settings, public_client, caplog, abuse_clock):
    _limits(settings, "control_login", account="3/15m", address="100/15m")
    caplog.set_level(logging.WARNING, logger="balai.abuse")
    user = make_staff("pendaftar-batas", "village_operator", device=False)
    for _ in range(3):
        assert _login(public_client, user.username, "salah").status_code == 200
    refused = _login(public_client, user.username, STAFF_PASSWORD)
    assert refused.status_code == 429 and LOCKED in refused.content.decode()
    assert "_auth_user_id" not in public_client.session
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "endpoint=control_login kind=account" in logged and user.username not in logged
    abuse_clock.advance(WINDOW)
    assert _login(public_client, user.username, STAFF_PASSWORD).status_code == 302


def test_control_plane_and_village_counters_are_separate(settings, village, operator, abuse_clock):
    _limits(settings, "control_login", account="2/15m", address="2/15m")
    _limits(settings, "operator_login", account="2/15m", address="2/15m")
    control = Client(HTTP_HOST=settings.BALAI_DOMAIN)
    for _ in range(3):
        _login(control, "uji-operator", "salah")
    assert _login(control, "uji-operator", "salah").status_code == 429
    assert _login(Client(HTTP_HOST=village.host), "uji-operator", OP_PASSWORD).status_code == 302


# --- Layanan mandiri (NIK + PIN) ---------------------------------------------------------------


@pytest.fixture
def warga(village):
    with village_context(village):
        penduduk = penduduk_make()
        return penduduk, mandiri.pin_issue(penduduk_id=penduduk.pk)


def _wrong(pin: str) -> str:
    return "000000" if pin != "000000" else "111111"


def _masuk(client: Client, nik: str, pin: str, ip: str = "10.3.3.3"):
    return client.post("/mandiri/masuk/", {"nik": nik, "pin": pin}, REMOTE_ADDR=ip)


def test_mandiri_nik_limit_locks_the_right_pin_then_unlocks(
    settings, village, village_client, warga, abuse_clock
):
    # Below the PIN's own lockout (3 failures), so only the shared limit is at work.
    _limits(settings, "mandiri_login", account="2/15m", address="100/15m")
    penduduk, pin = warga
    for ip in ("10.3.3.1", "10.3.3.2"):
        assert _masuk(village_client, penduduk.nik, _wrong(pin), ip).status_code == 200
    refused = _masuk(village_client, penduduk.nik, pin, "10.3.3.9")
    # Refused like a wrong PIN: a locked NIK must not look different from an unknown one.
    assert refused.status_code == 200 and REFUSED in refused.content.decode()
    assert mandiri_session.KEY_ID not in village_client.session
    with village_context(village):
        row = AccessAudit.objects.get(action="lockout", object_type="mandiri")
        assert row.object_id == str(penduduk.pk)
        assert penduduk.nik not in row.summary and penduduk.nama not in row.summary
    abuse_clock.advance(WINDOW)
    assert _masuk(village_client, penduduk.nik, pin).status_code == 302


def test_mandiri_pin_lockout_refuses_the_right_pin_like_a_wrong_one(
    settings, village, village_client, warga, caplog
):
    caplog.set_level(logging.WARNING)
    penduduk, pin = warga
    for _ in range(mandiri.FREE_ATTEMPTS):
        assert _masuk(village_client, penduduk.nik, _wrong(pin)).status_code == 200
    refused = _masuk(village_client, penduduk.nik, pin)
    assert refused.status_code == 200 and REFUSED in refused.content.decode()
    assert mandiri_session.KEY_ID not in village_client.session
    with village_context(village):
        assert AccessAudit.objects.filter(
            action="lockout", object_type="mandiri", object_id=str(penduduk.pk)
        ).exists()
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "mandiri PIN lockout" in logged and penduduk.nik not in logged


def test_mandiri_address_limit(settings, village_client, warga, abuse_clock):
    _limits(settings, "mandiri_login", account="100/15m", address="2/15m")
    penduduk, pin = warga
    _masuk(village_client, "1801044100000001", "1", "10.4.4.4")
    _masuk(village_client, "1801044100000002", "1", "10.4.4.4")
    refused = _masuk(village_client, penduduk.nik, pin, "10.4.4.4")
    assert refused.status_code == 429 and "dari jaringan Anda" in refused.content.decode()
    assert _masuk(village_client, penduduk.nik, pin, "10.4.4.5").status_code == 302


# --- Sign-up (control plane) ------------------------------------------------------------------


def _signup_data(**extra):
    return {
        "code": "1801042010",
        "slug": "tugu-batas",
        "operator_name": "Operator",
        "email": "op@contoh.id",
        "phone": "081234567890",
        "position": "Sekdes",
        "consent": "on",
        "proof": SimpleUploadedFile("sk.pdf", b"%PDF-1.4 surat tugas"),
        **extra,
    }


def test_signup_locks_the_address_then_unlocks(settings, wilayah, public_client, abuse_clock):  # noqa: F811
    _limits(settings, "signup", address="2/15m")
    for _ in range(2):
        # An incomplete form: refused as a bad request (400), not yet as too many (429).
        assert (
            public_client.post("/daftar/", {"slug": "x"}, REMOTE_ADDR="10.5.5.5").status_code == 400
        )
    refused = public_client.post("/daftar/", _signup_data(), REMOTE_ADDR="10.5.5.5")
    body = refused.content.decode()
    assert refused.status_code == 429
    assert "Terlalu banyak pendaftaran dari alamat ini" in body and "Coba lagi dalam" in body
    assert not Signup.objects.exists()
    abuse_clock.advance(WINDOW)
    assert public_client.post("/daftar/", _signup_data(), REMOTE_ADDR="10.5.5.5").status_code == 302
    assert Signup.objects.count() == 1


# --- Complaints (pengaduan) -------------------------------------------------------------------

ADUAN = {"judul": "Jalan berlubang", "isi": "Di depan balai desa."}


def _adu(client: Client, ip: str = "10.6.6.6"):
    return client.post("/pengaduan/", ADUAN, REMOTE_ADDR=ip)


def test_complaints_lock_the_address_then_unlock(settings, village, village_client, abuse_clock):
    _limits(settings, "pengaduan", address="2/15m")
    assert [_adu(village_client).status_code for _ in range(2)] == [302, 302]
    refused = _adu(village_client)
    assert refused.status_code == 429
    assert "Terlalu banyak kiriman dari jaringan Anda" in refused.content.decode()
    with village_context(village):
        assert Pengaduan.objects.count() == 2
        row = AccessAudit.objects.get(action="lockout")
        assert row.object_type == "pengaduan" and "alamat jaringan" in row.summary
    abuse_clock.advance(WINDOW)
    assert _adu(village_client).status_code == 302


def test_behind_the_ingress_each_client_counts_not_the_proxy(settings, village_client, abuse_clock):
    settings.TRUSTED_PROXY_HOPS = 1
    _limits(settings, "pengaduan", address="2/15m")
    ingress = "10.0.0.2"

    def adu(forwarded: str):
        return village_client.post(
            "/pengaduan/", ADUAN, REMOTE_ADDR=ingress, HTTP_X_FORWARDED_FOR=forwarded
        )

    assert [adu("203.0.113.7").status_code for _ in range(2)] == [302, 302]
    # The client's own X-Forwarded-For entries come first; the ingress appends the real one.
    assert adu("198.51.100.1, 203.0.113.7").status_code == 429
    assert adu("203.0.113.8").status_code == 302  # another client behind the same ingress


# --- Per-village scoping ----------------------------------------------------------------------


def test_a_flood_on_village_a_does_not_lock_the_address_on_b(
    settings, village, village_b, abuse_clock
):
    _limits(settings, "operator_login", account="100/15m", address="3/15m")
    _limits(settings, "pengaduan", address="2/15m")
    a, b = Client(HTTP_HOST=village.host), Client(HTTP_HOST=village_b.host)
    for i in range(3):
        _login(a, f"tebak{i}", "salah", "10.7.7.7")
    assert _login(a, "admin", ADMIN_PASSWORD, "10.7.7.7").status_code == 429
    assert _login(b, "admin", ADMIN_PASSWORD, "10.7.7.7").status_code == 302
    for _ in range(2):
        _adu(a, "10.7.7.7")
    assert _adu(a, "10.7.7.7").status_code == 429
    assert _adu(b, "10.7.7.7").status_code == 302


def test_same_account_name_in_two_villages_has_two_counters(
    settings, village, village_b, abuse_clock
):
    _limits(settings, "operator_login", account="3/15m", address="100/15m")
    a, b = Client(HTTP_HOST=village.host), Client(HTTP_HOST=village_b.host)
    for i in range(3):
        _login(a, "admin", "salah", f"10.8.8.{i}")
    assert _login(a, "admin", ADMIN_PASSWORD).status_code == 429
    assert _login(b, "admin", ADMIN_PASSWORD).status_code == 302
    with village_context(village_b):
        assert not AccessAudit.objects.filter(action="lockout").exists()


def test_rate_limit_keys_carry_the_schema(settings, village, village_b):
    """Also the django-ratelimit decorators (letter verification): their cache keys
    carry the schema, so B's verification page is not limited by A's traffic."""
    a, b = Client(HTTP_HOST=village.host), Client(HTTP_HOST=village_b.host)
    # 30/m in fixed windows: 70 requests hold 31 in one window even if one boundary passes.
    statuses = []
    for i in range(70):
        statuses.append(a.get(f"/surat/verifikasi/tebak{i:040d}/").status_code)
        if statuses[-1] == 429:
            break
    assert statuses[-1] == 429
    assert b.get(f"/surat/verifikasi/tebak{0:040d}/").status_code == 404


# --- Shared across processes (Redis, the production cache setting) ----------------------------

REDIS_URL = os.environ.get("BALAI_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def redis_prefix():
    """A unique key prefix on the test Redis (parallel runs never meet); its keys are
    removed afterwards. Without Redis the test skips, unless BALAI_REQUIRE_REDIS=1."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:
        if os.environ.get("BALAI_REQUIRE_REDIS") == "1":
            pytest.fail(f"Redis is required (BALAI_REQUIRE_REDIS=1) but {REDIS_URL}: {exc}")
        pytest.skip(f"Redis not reachable at {REDIS_URL} (set BALAI_REQUIRE_REDIS=1 to require)")
    prefix = f"uji{uuid.uuid4().hex[:12]}"
    yield prefix
    for key in client.scan_iter(match=f"*{prefix}*"):
        client.delete(key)
    client.close()


def _production_cache_env(prefix: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DJANGO_SETTINGS_MODULE="balai_site.settings",
        BALAI_TESTING="1",  # the test users' passwords use the fast test hasher
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=prefix,
        # The test database, where the session villages and their "admin" live.
        DATABASE_URL=database_url(),
    )
    return env


# A separate web process: operator logins through the real view, with the settings
# module's own cache configuration. It answers one attempt per line on stdin
# ([host, username, password, address]) with the status code. Database writes (audit
# rows, a session) are rolled back at the end; the counters live in Redis.
WORKER_SCRIPT = """
import json, sys, django
django.setup()
from django.conf import settings
from django.db import transaction
from django.test import Client
print(json.dumps(settings.CACHES[settings.RATELIMIT_USE_CACHE]), flush=True)
with transaction.atomic():
    for line in sys.stdin:
        host, username, password, ip = json.loads(line)
        response = Client(HTTP_HOST=host).post(
            "/akun/masuk/", {"username": username, "password": password}, REMOTE_ADDR=ip
        )
        print(response.status_code, flush=True)
    transaction.set_rollback(True)
"""


class Worker:
    def __init__(self, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-c", WORKER_SCRIPT],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def ready(self) -> dict:
        line = self.process.stdout.readline()
        assert line, self.process.stderr.read()
        return json.loads(line)

    def login(self, host: str, username: str, password: str, ip: str) -> int:
        self.process.stdin.write(json.dumps([host, username, password, ip]) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, self.process.stderr.read()
        return int(line)

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=60)
        assert self.process.returncode == 0, self.process.stderr.read()


def test_attempts_from_separate_processes_share_one_counter(
    settings, village, village_b, redis_prefix
):
    env = _production_cache_env(redis_prefix)
    assert settings.ABUSE_LIMITS["operator_login"]["account"] == "5/15m"  # in every process
    one, two = Worker(env), Worker(env)  # two web processes, started at once
    try:
        production = one.ready()
        assert two.ready() == production
        # Each built its rate-limit cache from REDIS_URL, as production does.
        assert production["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
        assert production["LOCATION"] == REDIS_URL
        assert production["KEY_FUNCTION"] == "django_tenants.cache.make_key"
        with override_settings(CACHES={**settings.CACHES, "ratelimit": production}):
            here = Client(HTTP_HOST=village.host)
            a = village.host
            # Five failures for A's "admin", spread over three processes and addresses.
            assert one.login(a, "admin", "salah", "10.9.9.1") == 200
            assert two.login(a, "admin", "salah", "10.9.9.2") == 200
            assert _login(here, "admin", "salah", "10.9.9.3").status_code == 200
            assert one.login(a, "admin", "salah", "10.9.9.1") == 200
            assert two.login(a, "admin", "salah", "10.9.9.2") == 200  # the fifth: locked
            # Every process now refuses the right password...
            assert _login(here, "admin", ADMIN_PASSWORD, "10.9.9.3").status_code == 429
            assert one.login(a, "admin", ADMIN_PASSWORD, "10.9.9.4") == 429
            # ...while the same account name in village B is untouched.
            assert two.login(village_b.host, "admin", ADMIN_PASSWORD, "10.9.9.4") == 302
    finally:
        for worker in (one, two):
            worker.close()
