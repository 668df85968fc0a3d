"""Acceptance 1 of issue 23: on the current Kemendagri list (the active edition), a village
of Papua Pegunungan — a province created in 2022, absent from the old list — signs up
through the web, found by its name or through the cascading lists, and is provisioned by the
real worker; its site answers at its subdomain in its own time zone (WIT)."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django_tenants.utils import schema_context

from tenants import schema
from tenants.models import Village
from tests.control_plane.onboarding.helpers import (
    make_contract,
    make_staff,
    provisioning_worker_run,
)

CODE, SLUG = "9501011006", "sinapuk"  # Kelurahan Sinapuk, Wamena Kota, Jayawijaya


@pytest.mark.django_db(transaction=True)
def test_papua_pegunungan_village_signs_up_on_the_web_and_is_provisioned(wilayah, settings):
    schema.schema_drop("v_" + SLUG)
    manager = make_staff("pengelola-jayawijaya", "contract_manager", "9501")
    make_contract("9501", manager, auto_approve=True)
    web = Client(HTTP_HOST=settings.BALAI_DOMAIN)
    try:
        page = web.get("/daftar/").content.decode()
        assert "kepmendagri-2025" in page  # the edition the lists come from
        found = web.get("/daftar/cari-desa/", {"desa": "sinapuk"}, HTTP_HX_REQUEST="true")
        assert f'value="{CODE}"' in found.content.decode()
        assert "Papua Pegunungan" in found.content.decode()
        cascade = web.get("/daftar/wilayah/").content.decode()
        assert 'value="95"' in cascade and "Papua Pegunungan" in cascade
        kabupaten = web.get("/daftar/pilihan/kabupaten/", {"provinsi": "95"}).content.decode()
        assert 'value="9501"' in kabupaten and "Jayawijaya" in kabupaten
        kecamatan = web.get("/daftar/pilihan/kecamatan/", {"kabupaten": "9501"}).content.decode()
        assert 'value="950101"' in kecamatan
        desa = web.get("/daftar/pilihan/desa/", {"kecamatan": "950101"}).content.decode()
        assert f'value="{CODE}"' in desa and "Sinapuk" in desa

        response = web.post(
            "/daftar/",
            {
                "code": "95.01.01.1006",
                "slug": SLUG,
                "operator_name": "Operator Sinapuk",
                "email": "operator@sinapuk.contoh.id",
                "phone": "081234567890",
                "position": "Sekretaris kelurahan",
                "consent": "on",
                "proof": SimpleUploadedFile("sk.pdf", b"%PDF-1.4 sk", "application/pdf"),
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        link = re.search(r"/daftar/verifikasi/\S+/", mail.outbox[-1].body).group(0)
        assert web.get(link).status_code == 302
        village = Village.objects.get(slug=SLUG)
        assert village.status == "provisioning"  # approved at once: the contract auto-approves
        provisioning_worker_run()
        village.refresh_from_db()
        assert village.status == "active"
        assert (village.code, village.kabupaten_code, village.provinsi_code) == (CODE, "9501", "95")
        assert village.kind == "kelurahan" and village.timezone_name == "Asia/Jayapura"
        with schema_context(village.schema_name):
            from village_apps.profil.models import ProfilDesa

            profil = ProfilDesa.objects.get()
            assert (profil.nama_desa, profil.nama_provinsi) == ("Sinapuk", "Papua Pegunungan")
            assert profil.nama_kabupaten == "Kabupaten Jayawijaya"
        home = Client(HTTP_HOST=village.host).get("/")
        assert home.status_code == 200 and "Sinapuk" in home.content.decode()
    finally:
        Village.objects.filter(slug=SLUG).delete()
        schema.schema_drop("v_" + SLUG)
