"""The back office: admins upload a backup, the worker imports it into the (new)
village with progress, the page shows the verification; others are refused."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from procrastinate.contrib.django import app

from balai_kernel.actor import Actor
from tenants import schema, services
from tenants.context import village_context
from tests.support.builders import village_login
from tests.village_apps.opensid_import.dumps import matching_tables, opensid_sql

URL = "/kelola/impor-opensid/"


@pytest.fixture
def pengguna_b(village_b):
    from village_apps.akun.services import village_user_create

    with village_context(village_b):
        return {
            role: village_user_create(
                username=f"uji-{role}", role=role, password="sandi-kuat-12345"
            )
            for role in ("admin", "operator")
        }


@pytest.mark.django_db
def test_only_admins_may_upload(village_b, pengguna_b, django_assert_max_num_queries):
    operator = village_login(Client(HTTP_HOST=village_b.host), pengguna_b["operator"], village_b)
    assert operator.get(URL).status_code == 403
    admin = village_login(Client(HTTP_HOST=village_b.host), pengguna_b["admin"], village_b)
    with django_assert_max_num_queries(12):
        page = admin.get(URL)
    assert page.status_code == 200 and "Impor dari OpenSID" in page.content.decode()
    refused = admin.post(URL, {"berkas": SimpleUploadedFile("data.xlsx", b"x")})
    assert "Pilih berkas cadangan OpenSID" in refused.content.decode()
    unconfirmed = admin.post(
        URL,
        {"berkas": SimpleUploadedFile("data.sql", b"x"), "ganti": "on", "konfirmasi": "salah"},
    )
    assert f"Ketik subdomain desa ini ({village_b.slug})" in unconfirmed.content.decode()


@pytest.mark.django_db(transaction=True)
def test_upload_runs_in_the_worker_into_a_new_village(tmp_path):
    from control_plane.provisioning.services import village_provision
    from village_apps.akun.services import village_user_create

    schema.schema_drop("v_impor_opensid_uji")
    village = services.village_create(
        code="1801042011", name="Impor Uji", slug="impor-opensid-uji", actor="t"
    )
    try:
        village_provision(
            village=village, actor=Actor.named("t"), admin_password="sandi-admin-uji-123"
        )  # noqa: S106
        village.refresh_from_db()
        with village_context(village):
            admin = village_user_create(
                username="uji-impor", role="admin", password="sandi-kuat-12345"
            )
        client = village_login(Client(HTTP_HOST=village.host), admin, village)
        tables = matching_tables()
        dump = SimpleUploadedFile("cadangan.sql", opensid_sql(tables).encode())
        response = client.post(URL, {"berkas": dump, "terima_selisih": "on"})
        assert response.status_code == 302
        status_url = response["Location"]
        assert "Menunggu" in client.get(status_url).content.decode()
        connection.set_schema_to_public()
        with app.replace_connector(app.connector.get_worker_connector()) as worker_app:
            worker_app.run_worker(
                queues=["default"], wait=False, install_signal_handlers=False, listen_notify=False
            )
        with village_context(village):
            from village_apps.opensid_import.models import ImporOpenSID
            from village_apps.penduduk.models import Penduduk

            job = ImporOpenSID.objects.get()
            assert job.status == "selesai", job.hasil
            assert job.persen == 100 and not job.berkas  # the upload is not kept
            assert job.hasil["source"]["penduduk"] == 2 == job.hasil["balai"]["penduduk"]
            # The other dump's code differs from this village's: a warning, not an error.
            assert any("berbeda" in w for w in job.hasil["warnings"])
            assert Penduduk.objects.count() == 5
        page = client.get(status_url).content.decode()
        assert "Impor berhasil" in page and "tweb_penduduk" not in page.split("<details")[0]
    finally:
        connection.set_schema_to_public()
        from tenants.models import Village

        Village.objects.filter(pk=village.pk).delete()
        schema.schema_drop("v_impor_opensid_uji")
