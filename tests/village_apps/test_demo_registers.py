"""The demo fills the registers of the administration apps (legal products, assets, land,
letters, temporary residents and cadres) through their services, so the demo's pages and
the crawl (``tests/balai_site/test_crawl.py``, which fails on N+1 queries) see lists with
rows; loading it twice adds nothing."""

from __future__ import annotations

from django.utils import timezone
from django.utils.html import escape

from tenants.context import village_context
from village_apps.audit.models import AccessAudit
from village_apps.buku import selectors as buku
from village_apps.buku.registry import Periode
from village_apps.contracts import DemoData, facades_offering
from village_apps.inventaris import selectors as inventaris
from village_apps.produk_hukum import selectors as produk_hukum
from village_apps.sekretariat import selectors as sekretariat
from village_apps.sekretariat.choices import StatusDisposisi, StatusSuratMasuk
from village_apps.sekretariat.models import Disposisi, SuratKeluarManual
from village_apps.tanah import selectors as tanah
from village_apps.tanah.models import TanahDesa

APPS = ("produk_hukum", "inventaris", "tanah", "sekretariat", "buku")


def _demo(village) -> None:
    with village_context(village):
        for _name, facade in facades_offering(DemoData):
            facade.load_demo_village(village=village)


def _lists() -> dict[str, tuple[str, list, str]]:
    """Each register's main list as its page shows it by default (the current year):
    (page, rows, the field that names a row on the page)."""
    tahun = Periode(timezone.localdate().year)
    return {
        "jdih": ("/jdih/", list(produk_hukum.produk_hukum_list(publik=True)), "nomor"),
        "produk_hukum": (
            "/kelola/produk-hukum/",
            list(produk_hukum.produk_hukum_list()),
            "tentang",
        ),
        "inventaris": ("/kelola/inventaris/", list(inventaris.aset_list()), "nama"),
        "tanah": ("/kelola/tanah/", list(tanah.tanah_desa_list()), "nomor_letter_c"),
        "surat_masuk": (
            "/kelola/sekretariat/masuk/",
            list(sekretariat.surat_masuk_list(periode=tahun)),
            "nomor_surat",
        ),
        "ekspedisi": (
            "/kelola/sekretariat/ekspedisi/",
            list(sekretariat.ekspedisi_list(periode=tahun)),
            "nomor_surat",
        ),
        "sementara": (
            "/kelola/buku/data/penduduk-sementara/",
            list(buku.penduduk_sementara_list(periode=tahun)),
            "nama",
        ),
        "kader": ("/kelola/buku/data/kader/", list(buku.kader_list()), "nama"),
    }


def _audit_rows() -> int:
    prefixes = [f"{app}." for app in APPS]
    return sum(AccessAudit.objects.filter(object_type__startswith=p).count() for p in prefixes)


def test_demo_fills_each_register_with_rows_its_page_lists(village, admin_client):
    assert {name for name, _facade in facades_offering(DemoData)} >= {
        f"village_apps.{app}.facade" for app in APPS
    }
    _demo(village)
    with village_context(village):
        lists = _lists()
        kas = tanah.tanah_kas_desa_list().count()
        owned = TanahDesa.objects.filter(pemilik__isnull=False).count()
        disposisi = sorted(Disposisi.objects.values_list("status", "penerima__username"))
        status = set(sekretariat.surat_masuk_list().values_list("status", flat=True))
        manual = SuratKeluarManual.objects.count()
        written_off = inventaris.aset_list(keluar=True).count()
        kategori = {a.kategori for a in inventaris.aset_list(keluar=None)}
        audited = AccessAudit.objects.filter(object_type="tanah.tanah_desa").count()
    for name, (url, rows, field) in lists.items():
        assert len(rows) >= 6, (name, len(rows))
        page = admin_client.get(url)
        assert page.status_code == 200, (name, page.status_code)
        html = page.content.decode()
        shown = [r for r in rows if escape(str(getattr(r, field))) in html]
        assert len(shown) >= 6, (name, [getattr(r, field) for r in rows if r not in shown])
    assert kas >= 3 and owned >= 3 and audited >= 6, "written through the services"
    assert kategori == set("ABCDEF") and written_off == 1
    # To those who keep the registers, the operator before the admins (the provisioned
    # ``admin`` first, as the form orders them); never the peninjau.
    assert disposisi == [
        (StatusDisposisi.SELESAI, "admin"),
        (StatusDisposisi.TERBUKA, "uji-operator"),
    ]
    assert status == set(StatusSuratMasuk.values) and manual >= 2


def test_demo_loaded_twice_adds_nothing(village, pengguna):
    _demo(village)
    with village_context(village):
        rows = {name: len(r) for name, (_url, r, _f) in _lists().items()}
        audit = _audit_rows()
        disposisi = Disposisi.objects.count()
    _demo(village)
    with village_context(village):
        assert {name: len(r) for name, (_url, r, _f) in _lists().items()} == rows
        assert Disposisi.objects.count() == disposisi
        assert _audit_rows() == audit, "a second load wrote again"
