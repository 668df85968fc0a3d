"""A resident's open self-service sessions end when their PIN changes (issue 16, finding
14): the operator issues a new PIN, or the resident stops being active. Each session
holds a fingerprint of the PIN hash it was opened with."""

from __future__ import annotations

import pytest
from django.test import Client

from tenants.context import village_context
from tests.village_apps.surat.helpers import penduduk_make
from village_apps.akun.services import village_user_create
from village_apps.mandiri import services
from village_apps.mandiri.models import PinWarga
from village_apps.mandiri.session import KEY_PIN
from village_apps.penduduk.models import Penduduk

pytestmark = pytest.mark.django_db


def _resident(village, nik: str, pin: str) -> Client:
    client = Client(HTTP_HOST=village.host)
    assert client.post("/mandiri/masuk/", {"nik": nik, "pin": pin}).status_code == 302
    assert client.get("/mandiri/").status_code == 200
    return client


def test_a_new_pin_from_the_operator_ends_every_open_session(village, village_client):
    with village_context(village):
        warga = penduduk_make()
        pin = services.pin_issue(penduduk_id=warga.pk)
        village_client.force_login(village_user_create(username="op-pin-baru", role="operator"))
    phone, kiosk = _resident(village, warga.nik, pin), _resident(village, warga.nik, pin)
    page = village_client.post("/mandiri/kelola/pin/", {"penduduk": warga.pk})
    new_pin = page.content.decode().split('class="pin-baru">')[1].split("<")[0]
    for client in (phone, kiosk):
        response = client.get("/mandiri/")
        assert response.status_code == 302 and response["Location"] == "/mandiri/masuk/"
        assert KEY_PIN not in client.session
    assert _resident(village, warga.nik, new_pin).get("/mandiri/").status_code == 200


def test_the_session_holds_no_pin_hash(village):
    with village_context(village):
        warga = penduduk_make()
        pin = services.pin_issue(penduduk_id=warga.pk)
        pin_hash = PinWarga.objects.get(penduduk=warga).pin_hash
    client = _resident(village, warga.nik, pin)
    stored = client.session[KEY_PIN]
    assert stored and stored not in pin_hash and pin_hash not in stored


def test_a_resident_no_longer_active_is_logged_out(village):
    with village_context(village):
        warga = penduduk_make()
        pin = services.pin_issue(penduduk_id=warga.pk)
    client = _resident(village, warga.nik, pin)
    with village_context(village):
        Penduduk.objects.filter(pk=warga.pk).update(status_dasar=2)  # e.g. moved away
    assert client.get("/mandiri/").status_code == 302
