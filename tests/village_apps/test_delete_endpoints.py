"""Every village delete endpoint: an editor's POST deletes the row and writes the audit
row; a viewer's POST is refused (403) and an anonymous one sent to the login page,
the row kept; a GET deletes nothing.

``test_every_delete_endpoint_is_covered`` lists the delete views of both URLconfs, so
a new one fails here until it has a case (or a named test elsewhere).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from tenants.context import village_context
from village_apps.audit.models import AccessAudit

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Case:
    """A delete endpoint: ``make`` creates its row (in the village schema) and returns
    it with the URL that deletes it."""

    make: Callable[[], tuple[Any, str]]
    object_type: str


def _artikel():
    from village_apps.web.models import Artikel

    row = Artikel.objects.create(judul="Kerja bakti", slug="kerja-bakti", isi="<p>Minggu</p>")
    return row, f"/kelola/web/artikel/{row.pk}/hapus/"


def _halaman():
    from village_apps.web.models import Halaman

    row = Halaman.objects.create(judul="Sejarah desa", slug="sejarah-desa", isi="<p>Dulu</p>")
    return row, f"/kelola/web/halaman/{row.pk}/hapus/"


def _menu():
    from village_apps.web.models import TautanMenu

    row = TautanMenu.objects.create(label="Kabupaten", url="https://lampungselatankab.go.id/")
    return row, f"/kelola/web/menu/{row.pk}/hapus/"


def _agenda():
    from village_apps.web.models import Agenda

    row = Agenda.objects.create(judul="Musyawarah desa", tanggal=dt.date(2026, 1, 15))
    return row, f"/kelola/web/agenda/{row.pk}/hapus/"


def _foto():
    from village_apps.web.models import Foto

    row = Foto.objects.create(judul="Balai desa", gambar="web/galeri/tidak-ada.jpg")
    return row, f"/kelola/web/galeri/{row.pk}/hapus/"


def _peserta():
    from village_apps.bantuan.models import Peserta, Program
    from village_apps.keluarga.models import Keluarga

    program = Program.objects.create(
        nama="PKH",
        sasaran=2,
        asal_dana=1,
        mulai=dt.date(2026, 1, 1),
        selesai=dt.date(2026, 12, 31),
    )
    keluarga = Keluarga.objects.create(no_kk="1801042001990001")
    row = Peserta.objects.create(program=program, keluarga=keluarga, no_peserta="7")
    return row, f"/bantuan/kelola/{program.pk}/peserta/{row.pk}/hapus/"


def _baris_apbdes():
    from village_apps.keuangan.models import Apbdes, BarisApbdes

    apbdes = Apbdes.objects.create(tahun=2026)
    row = BarisApbdes.objects.create(
        apbdes=apbdes, kelompok="belanja", kode="1.1.01", uraian="Penghasilan tetap"
    )
    return row, f"/keuangan/kelola/2026/baris/{row.pk}/hapus/"


def _proyek():
    from village_apps.pembangunan.models import Proyek

    row = Proyek.objects.create(nama="Rabat beton", lokasi="Dusun II", tahun=2026)
    return row, f"/pembangunan/kelola/{row.pk}/hapus/"


def _sekretariat(model: str, **fields):
    def make():
        from django.apps import apps

        row = apps.get_model("sekretariat", model).objects.create(**fields)
        path = {"SuratMasuk": "masuk", "SuratKeluarManual": "agenda/keluar"}.get(model, "ekspedisi")
        return row, f"/kelola/sekretariat/{path}/{row.pk}/hapus/"

    return make


_TANGGAL = dt.date(2026, 1, 15)


def _sementara():
    from village_apps.buku.models import PendudukSementara

    row = PendudukSementara.objects.create(
        nama="Tamu Peneliti", sex=1, datang_dari="Bandar Lampung", tanggal_datang=_TANGGAL
    )
    return row, f"/kelola/buku/data/penduduk-sementara/{row.pk}/hapus/"


def _kader():
    from village_apps.buku.models import KaderPemberdayaan

    row = KaderPemberdayaan.objects.create(nama="Kader Posyandu", sex=2, bidang="Kesehatan")
    return row, f"/kelola/buku/data/kader/{row.pk}/hapus/"


def _produk_hukum():
    from village_apps.produk_hukum.models import ProdukHukum

    row = ProdukHukum.objects.create(jenis="perdes", tentang="Rancangan pasar desa")
    return row, f"/kelola/produk-hukum/{row.pk}/hapus/"


def _aset():
    from village_apps.inventaris.models import Aset

    row = Aset.objects.create(
        kategori="B", nama="Printer", sumber="apbdes", tanggal_perolehan=dt.date(2026, 1, 2)
    )
    return row, f"/kelola/inventaris/{row.pk}/hapus/"


def _tanah_desa():
    from village_apps.tanah.models import TanahDesa

    row = TanahDesa.objects.create(
        nama_pemilik="Pemilik", luas=100, status_hak="hm", penggunaan="sawah"
    )
    return row, f"/kelola/tanah/{row.pk}/hapus/"


def _tanah_kas_desa():
    from village_apps.tanah.models import TanahKasDesa

    row = TanahKasDesa.objects.create(luas=100, asal="asli", jenis_lahan="sawah")
    return row, f"/kelola/tanah/kas-desa/{row.pk}/hapus/"


CASES = {
    "artikel": Case(_artikel, "web.artikel"),
    "halaman": Case(_halaman, "web.halaman"),
    "menu": Case(_menu, "web.tautanmenu"),
    "agenda": Case(_agenda, "web.agenda"),
    "galeri": Case(_foto, "web.foto"),
    "bantuan-peserta": Case(_peserta, "bantuan.peserta"),
    "apbdes-baris": Case(_baris_apbdes, "keuangan.baris"),
    "pembangunan-proyek": Case(_proyek, "pembangunan.proyek"),
    "surat-masuk": Case(
        _sekretariat(
            "SuratMasuk",
            nomor_surat="1",
            tanggal_surat=_TANGGAL,
            tanggal_diterima=_TANGGAL,
            pengirim="Camat",
            perihal="Undangan",
        ),
        "sekretariat.suratmasuk",
    ),
    "surat-keluar-manual": Case(
        _sekretariat(
            "SuratKeluarManual",
            nomor_surat="2",
            tanggal_surat=_TANGGAL,
            ditujukan_kepada="BPD",
            perihal="Musdes",
        ),
        "sekretariat.suratkeluarmanual",
    ),
    "ekspedisi": Case(
        _sekretariat(
            "Ekspedisi",
            nomor_surat="2",
            tanggal_surat=_TANGGAL,
            tanggal_pengiriman=_TANGGAL,
            isi_singkat="Musdes",
            ditujukan_kepada="BPD",
        ),
        "sekretariat.ekspedisi",
    ),
    "penduduk-sementara": Case(_sementara, "buku.penduduk_sementara"),
    "kader": Case(_kader, "buku.kader"),
    "produk-hukum": Case(_produk_hukum, "produk_hukum.produk_hukum"),
    "inventaris-aset": Case(_aset, "inventaris.aset"),
    "tanah-desa": Case(_tanah_desa, "tanah.tanah_desa"),
    "tanah-kas-desa": Case(_tanah_kas_desa, "tanah.tanah_kas_desa"),
}

# Delete endpoints tested elsewhere: route → the test.
TESTED_ELSEWHERE = {
    "akun/perangkat/<int:pk>/hapus/": "tests/control_plane/accounts/test_devices_and_email.py",
    "kelola/akun/saya/perangkat/<int:pk>/hapus/": "tests/village_apps/akun/test_second_factor.py",
    "kelola/akun/peran/<slug:slug>/hapus/": "tests/village_apps/akun/test_roles.py",
    "daftar/desa/<slug:slug>/domain/<int:pk>/hapus/": "tests/tenants/test_domain_ownership.py",
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _make(village, case: Case):
    with village_context(village):
        return case.make()


def _exists(village, row) -> bool:
    with village_context(village):
        return type(row).objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize("name", CASES)
def test_an_editor_deletes_the_row_and_it_is_audited(name, village, operator, operator_client):
    case = CASES[name]
    row, url = _make(village, case)
    response = operator_client.post(url)
    assert response.status_code == 302, response.status_code
    assert not _exists(village, row)
    with village_context(village):
        audit = AccessAudit.objects.filter(
            action="delete", object_type=case.object_type, object_id=str(row.pk)
        )
        assert list(audit.values_list("username", "role")) == [(operator.username, "operator")]


@pytest.mark.parametrize("name", CASES)
def test_a_viewer_is_refused_and_the_row_stays(name, village, viewer_client):
    row, url = _make(village, CASES[name])
    assert viewer_client.post(url).status_code == 403
    assert _exists(village, row)
    with village_context(village):
        assert not AccessAudit.objects.filter(action="delete").exists()


@pytest.mark.parametrize("name", CASES)
def test_anonymous_goes_to_login_and_a_get_deletes_nothing(
    name, village, village_client, operator_client
):
    row, url = _make(village, CASES[name])
    anonymous = village_client.post(url)
    assert anonymous.status_code == 302 and "/akun/masuk/" in anonymous["Location"]
    assert operator_client.get(url).status_code == 405
    assert _exists(village, row)


def _delete_routes(urlconf: str) -> dict[str, str]:
    """Route → view name of every pattern whose name or route says delete."""
    found: dict[str, str] = {}

    def walk(patterns, prefix: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                route = prefix + str(p.pattern)
                if re.search(r"hapus|delete|remove", f"{p.name or ''} {route}"):
                    found[route] = p.name or ""

    walk(get_resolver(urlconf).url_patterns, "")
    return found


def test_every_delete_endpoint_is_covered(village):
    """Both URLconfs' delete views: each has a case above or a named test elsewhere."""
    from django.conf import settings

    covered = set(TESTED_ELSEWHERE)
    with village_context(village):
        for case in CASES.values():
            _row, url = case.make()
            covered.add(resolve(url, urlconf=settings.ROOT_URLCONF).route)
    routes = _delete_routes(settings.ROOT_URLCONF) | _delete_routes(settings.PUBLIC_SCHEMA_URLCONF)
    assert len(routes) >= len(CASES), routes  # the enumeration finds what the cases know
    missing = {route: name for route, name in routes.items() if route not in covered}
    assert not missing, f"delete endpoints without a behaviour test: {missing}"
