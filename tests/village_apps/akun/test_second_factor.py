"""Optional TOTP for village staff, required for a role when the village turns it on; the
devices live in the village's schema; self-service password change; sign-in history
(time, address, outcome) visible to the admin, without names or passwords."""

from __future__ import annotations

import re

from django.db import connection
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenants.context import village_context
from tests.support.builders import PASSWORD, village_client_for
from tests.urlsweep import every_route
from village_apps.akun.choices import Access
from village_apps.akun.models import Peran, RiwayatMasuk
from village_apps.akun.permissions import permission_of


def _code(device) -> str:
    TOTPDevice.objects.filter(pk=device.pk).update(
        last_t=-1, throttling_failure_count=0, throttling_failure_timestamp=None
    )
    return (
        f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"
    )


def _device(village, user):
    with village_context(village):
        return TOTPDevice.objects.create(user=user, name="ponsel", confirmed=True)


def _password_step(village, username: str) -> Client:
    client = Client(HTTP_HOST=village.host)
    response = client.post("/akun/masuk/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    client.step = response["Location"]  # type: ignore[attr-defined]
    return client


def test_village_devices_live_in_the_village_schema(village, operator):
    device = _device(village, operator)
    with connection.cursor() as cur:
        cur.execute(
            "SELECT table_schema FROM information_schema.tables WHERE table_name = "
            "'otp_totp_totpdevice' ORDER BY table_schema"
        )
        schemas = [r[0] for r in cur.fetchall()]
    assert {"public", village.schema_name} <= set(schemas)
    with village_context(village):
        assert TOTPDevice.objects.filter(pk=device.pk, user_id=operator.pk).exists()
    assert not TOTPDevice.objects.filter(pk=device.pk, name="ponsel").exists()  # not public


def test_a_user_with_a_device_passes_its_code_before_any_staff_page(village, operator):
    device = _device(village, operator)
    client = _password_step(village, "uji-operator")
    assert client.step.startswith("/akun/otp/?next=")
    page = client.get("/kelola/penduduk/")
    assert page.status_code == 302 and page["Location"].startswith("/akun/otp/")
    assert client.post("/kelola/penduduk/tambah/", {}).status_code == 403
    wrong = client.post("/akun/otp/", {"token": "000000"})
    assert wrong.status_code == 200 and "Kode salah" in wrong.content.decode()
    with village_context(village):
        right = client.post("/akun/otp/?next=/kelola/penduduk/", {"token": _code(device)})
    assert right.status_code == 302 and right["Location"] == "/kelola/penduduk/"
    assert client.get("/kelola/penduduk/").status_code == 200
    with village_context(village):
        outcomes = list(
            RiwayatMasuk.objects.filter(user_id=operator.pk).values_list("hasil", flat=True)
        )
    assert outcomes == ["kode_salah", "berhasil"]  # newest first


def test_every_staff_page_waits_for_the_second_factor(village, operator):
    """Sweep: with a password-only session, no staff or own-account page opens (GET
    sends to the code step, or 405 on a POST-only view; any other method 403) but the
    code step itself."""
    _device(village, operator)
    client = _password_step(village, "uji-operator")
    leaks = []
    for route in every_route("balai_site.urls_tenant"):
        permission = permission_of(route.pattern.callback)
        if permission is None or permission.access not in (Access.STAFF, Access.OWN):
            continue
        if route.name == "akun:otp":
            continue
        path = route.concrete()
        got = client.get(path)
        redirected = got.status_code == 302 and got["Location"].startswith("/akun/otp/")
        if not (redirected or got.status_code == 405):  # 405: a POST-only view
            leaks.append(f"GET {path} {got.status_code}")
        posted = client.post(path, {})
        if posted.status_code != 403:
            leaks.append(f"POST {path} {posted.status_code}")
    assert leaks == []


def test_a_role_the_village_requires_it_for_enrols_first(village, admin):
    with village_context(village):
        Peran.objects.filter(slug="admin").update(wajib_otp=True)
    client = _password_step(village, "uji-admin")
    assert client.step.startswith("/kelola/akun/saya/otp/?next=")
    assert client.get("/kelola/akun/")["Location"].startswith("/kelola/akun/saya/otp/")
    page = client.get("/kelola/akun/saya/otp/").content.decode()
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7]+)<', page).group(1)
    assert secret
    with village_context(village):
        device = TOTPDevice.objects.get(user=admin, confirmed=False)
        code = _code(device)
    enrolled = client.post("/kelola/akun/saya/otp/", {"token": code, "name": "Ponsel kantor"})
    assert enrolled.status_code == 302
    assert client.get("/kelola/akun/").status_code == 200
    staff = client.get(f"/kelola/akun/{admin.pk}/").content.decode()
    assert re.search(r"Verifikasi dua langkah</dt><dd>aktif", staff)


def test_self_service_password_change_ends_other_sessions(village, operator):
    other = village_client_for(village, operator)
    mine = village_client_for(village, operator)
    assert mine.get("/kelola/akun/saya/").status_code == 200
    wrong = mine.post(
        "/kelola/akun/saya/sandi/",
        {
            "old_password": "salah",
            "new_password1": "sandi-saya-2026",
            "new_password2": "sandi-saya-2026",
        },
    )
    assert wrong.status_code == 200
    done = mine.post(
        "/kelola/akun/saya/sandi/",
        {
            "old_password": PASSWORD,
            "new_password1": "sandi-saya-2026",
            "new_password2": "sandi-saya-2026",
        },
    )
    assert done.status_code == 302
    assert mine.get("/kelola/penduduk/").status_code == 200
    assert other.get("/kelola/penduduk/").status_code == 302  # signed out


def test_sign_in_history_is_the_admins_to_read_and_holds_no_name(village, operator, admin_client):
    client = Client(HTTP_HOST=village.host, REMOTE_ADDR="203.0.113.7")
    client.post("/akun/masuk/", {"username": "uji-operator", "password": "salah"})
    client.post("/akun/masuk/", {"username": "bukan-siapa-siapa", "password": "salah"})
    client.post("/akun/masuk/", {"username": "uji-operator", "password": PASSWORD})
    with village_context(village):
        rows = list(RiwayatMasuk.objects.values_list("user_id", "alamat", "hasil"))
    assert rows == [
        (operator.pk, "203.0.113.7", "berhasil"),
        (operator.pk, "203.0.113.7", "gagal"),
    ]
    page = admin_client.get(f"/kelola/akun/{operator.pk}/").content.decode()
    history = re.search(r'<table class="riwayat-masuk">.*?</table>', page, re.S).group(0)
    assert "203.0.113.7" in history and "berhasil" in history and "kata sandi salah" in history
    assert client.get(f"/kelola/akun/{operator.pk}/").status_code == 403  # not the operator's
    own = client.get("/kelola/akun/saya/").content.decode()
    assert "203.0.113.7" in own


def test_device_removal_needs_the_password(village, operator):
    device = _device(village, operator)
    client = village_client_for(village, operator)
    with village_context(village):
        session = client.session
        session["otp_device_id"] = device.persistent_id  # the session passed this device
        session.save()
    url = f"/kelola/akun/saya/perangkat/{device.pk}/hapus/"
    assert client.post(url, {"password": "salah"}).status_code == 302
    with village_context(village):
        assert TOTPDevice.objects.filter(pk=device.pk).exists()
    assert client.post(url, {"password": PASSWORD}).status_code == 302
    with village_context(village):
        assert not TOTPDevice.objects.filter(pk=device.pk).exists()
