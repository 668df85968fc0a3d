"""A suspended (read-only) village stays usable for reading (issue 18, finding 3): its
operators sign in and out, switch language, read and export; residents sign in to see
their requests; public write forms (complaints, self-service requests) show a notice
instead of a form that can only fail, and their POST still gets 403."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import resolve

from tenants import routing, services
from tenants.choices import SuspensionReason
from tenants.context import village_context
from tenants.read_only import is_read_only_allowed
from tests.urlsweep import every_route
from tests.village_apps.surat.helpers import penduduk_make
from village_apps.akun.choices import Access
from village_apps.akun.permissions import permission_of
from village_apps.akun.services import village_user_create
from village_apps.mandiri import services as mandiri_services
from village_apps.surat.models import FormatSurat

pytestmark = pytest.mark.django_db
NOTICE = 'data-testid="read-only-form"'
POST_FORM = re.compile(r"<form\b[^>]*\bmethod=\"post\"[^>]*>", re.IGNORECASE)
ACTION = re.compile(r'\baction="([^"]*)"')


def _suspend(village) -> None:
    services.village_suspend(village=village, reason=SuspensionReason.BILLING, actor="ops")
    routing.cache.clear()


@pytest.fixture
def resident(village):
    """A resident with a PIN and one open request, on a suspended village, signed in."""
    with village_context(village):
        warga = penduduk_make(nama="Sari Wulandari")
        fmt = FormatSurat.objects.get(slug="keterangan-domisili")
        request = mandiri_services.permohonan_create(
            penduduk_id=warga.pk, format_surat=fmt, isian={"form_keperluan": "x"}, dokumen={}
        )
        pin = mandiri_services.pin_issue(penduduk_id=warga.pk)
    _suspend(village)
    client = Client(HTTP_HOST=village.host)
    assert client.post("/mandiri/masuk/", {"nik": warga.nik, "pin": pin}).status_code == 302
    return client, fmt, request


def test_operator_signs_in_reads_exports_and_signs_out(village):
    with village_context(village):
        village_user_create(username="op-tangguh", role="operator", password="Sandi-Kuat-2026!")
    _suspend(village)
    client = Client(HTTP_HOST=village.host)
    login = client.post("/akun/masuk/", {"username": "op-tangguh", "password": "Sandi-Kuat-2026!"})
    assert login.status_code == 302, login.content.decode()[:500]
    assert client.get("/kelola/penduduk/").status_code == 200
    export = client.get("/kelola/penduduk/ekspor/")
    assert export.status_code == 200 and export["Content-Disposition"].startswith("attachment")
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 302
    # A write is still refused.
    assert client.post("/kelola/penduduk/tambah/", {}).status_code == 403
    assert client.post("/akun/keluar/").status_code == 302
    assert client.get("/kelola/penduduk/").status_code == 302  # signed out


def test_complaint_form_is_replaced_by_the_notice(village):
    _suspend(village)
    client = Client(HTTP_HOST=village.host)
    page = client.get("/pengaduan/").content.decode()
    assert NOTICE in page and 'id="form-pengaduan"' not in page
    assert "ditangguhkan" in page
    assert client.post("/pengaduan/", {"judul": "x"}).status_code == 403
    english = client.get("/pengaduan/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "This form is temporarily closed." in english


def test_resident_reads_requests_but_the_request_form_shows_the_notice(resident):
    client, fmt, request = resident
    assert client.get("/mandiri/").status_code == 200
    page = client.get(f"/mandiri/permohonan/baru/?format={fmt.pk}").content.decode()
    assert NOTICE in page and 'name="form_keperluan"' not in page
    assert client.post("/mandiri/permohonan/baru/", {"format": fmt.pk}).status_code == 403
    assert client.post(f"/mandiri/permohonan/{request.pk}/batal/").status_code == 403
    assert client.post("/mandiri/keluar/").status_code == 302


def test_no_public_page_shows_a_form_the_middleware_refuses(village, resident):
    """Sweep: every public and residents' page of the tenant URLconf (walked, so pages
    added later are covered), fetched on a suspended village by a signed-in resident;
    each POST form on it must go to a view the read-only middleware lets through."""
    client, fmt, request = resident
    values = {"pk": str(request.pk), "kode": "X", "format": str(fmt.pk)}
    problems, pages = [], 0
    for route in every_route("balai_site.urls_tenant"):
        permission = permission_of(route.pattern.callback)
        if permission is None or permission.access not in (Access.PUBLIC, Access.RESIDENT):
            continue
        url = route.concrete(values)
        for query in ("", f"?format={fmt.pk}"):
            response = client.get(url + query)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            pages += 1
            for tag in POST_FORM.findall(response.content.decode()):
                action = ACTION.search(tag)
                target = (action.group(1) if action and action.group(1) else url).split("?")[0]
                if not is_read_only_allowed(resolve(target, "balai_site.urls_tenant").func):
                    problems.append(f"{url}{query}: form posting to {target}")
    assert pages >= 5
    assert not problems, "\n".join(sorted(set(problems)))
