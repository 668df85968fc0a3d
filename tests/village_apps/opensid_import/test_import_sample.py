"""Acceptance 1: OpenSID's demo database imports into an empty village and verifies."""

import io
import json
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client

from tenants.context import village_context
from tests.control_plane.dashboards.test_publish_task import _queued
from tests.security.disclosure import publish
from tests.support.shared_files import SHARED_DIR
from village_apps.opensid_import.services import opensid_import

SAMPLE = SHARED_DIR / "opensid" / "contoh_data_awal_20220601.sql"

pytestmark = pytest.mark.django_db


@pytest.mark.shared_files("opensid/contoh_data_awal_20220601.sql")
def test_sample_dump_imports_and_verifies(village_b, settings, django_capture_on_commit_callbacks):
    with village_context(village_b):
        from village_apps.penduduk.models import Penduduk

        assert not Penduduk.objects.exists()  # the session village starts empty
    with connection.cursor() as c:
        c.execute("DELETE FROM procrastinate_jobs WHERE queue_name = 'dashboards'")
    with django_capture_on_commit_callbacks(execute=True):
        laporan = opensid_import(village=village_b, dump_path=SAMPLE, accept_differences=False)
    # The import's own saves ask for a publish of the village's public statistics (its
    # website shows the published snapshot, not live counts).
    assert _queued(village_b.pk) == 1
    assert laporan.errors == [], laporan.errors
    assert laporan.ok
    # OpenSID's dashboard of the 22.06 demo: 97 residents, 37 KK, 1 household, 6 dusun.
    assert laporan.source == laporan.balai
    assert laporan.source["penduduk"] == 97
    assert laporan.tables["tweb_penduduk"] == 97
    assert "tweb_penduduk.waktu_lahir" in laporan.unmapped
    with village_context(village_b):
        from village_apps.keluarga.models import Keluarga
        from village_apps.peristiwa.models import LogPenduduk

        assert Penduduk.objects.count() == 97
        assert Keluarga.objects.filter(kepala__isnull=False).count() == 37
        assert LogPenduduk.objects.count() == laporan.tables["log_penduduk"]
        from village_apps.profil.models import Aparatur, ProfilDesa

        profil = ProfilDesa.objects.get()
        assert profil.kode_desa == village_b.code  # Balai's register wins; the dump's differs
        assert profil.nama_desa == "Senggig1"  # as the demo spells it
        assert Aparatur.objects.count() == 7
        # The imported register fills the Buku Administrasi Desa it has data for.
        from django.utils import timezone

        from village_apps.buku.registry import Periode, book_get
        from village_apps.referensi import StatusDasar

        tahun = Periode(timezone.localdate().year)
        assert len(list(book_get("aparat-pemerintah-desa").rows(tahun, ""))) == 7
        induk = list(book_get("induk-penduduk").rows(tahun, ""))
        assert len(induk) == Penduduk.objects.filter(status_dasar=StatusDasar.HIDUP).count() > 0
    assert any("berbeda dengan kode desa tujuan" in w for w in laporan.warnings)
    # The village's public statistics pages show the same totals once published (the
    # import asks for the publish; the worker's job runs it).
    publish(village_b)
    client = Client(HTTP_HOST=village_b.host)
    html = client.get("/statistik/jenis-kelamin/").content.decode()
    foot = re.search(r"<tfoot>(.*?)</tfoot>", html, re.S)[1]
    assert re.findall(r'class="num">([\d.]+)<', foot)[-1] == str(laporan.source["penduduk"])
    home = client.get("/").content.decode()
    assert str(laporan.source["keluarga"]) in home


@pytest.mark.shared_files("opensid/contoh_data_awal_20220601.sql")
def test_command_dry_run_prints_one_json_object(village_b):
    out = io.StringIO()
    call_command(
        "opensid", "import", "--village", village_b.slug, str(SAMPLE), "--dry-run", "--json",
        stdout=out,
    )  # fmt: skip
    report = json.loads(out.getvalue())
    assert report["ok"] and report["source"] == report["balai"]
    assert report["tables"]["tweb_keluarga"] == 37
    with village_context(village_b):
        from village_apps.penduduk.models import Penduduk

        assert not Penduduk.objects.exists()


def test_missing_file_is_an_error(village_b, tmp_path):
    with pytest.raises(CommandError):
        call_command("opensid", "import", "--village", village_b.slug, str(tmp_path / "x.sql"))
