"""The public village website in a real browser: home, news article, statistics, APBDes
infographic, complaint submission and tracking. Every page renders without console
errors (CSP violations included) and requests nothing from any other host."""

import re
from urllib.parse import urlparse

import pytest

from tenants.context import village_context
from tests.e2e.conftest import screenshot
from tests.security.disclosure import publish

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def isi_desa(village_b):
    """Content in Sidosari's schema; removed again after (the closing flush only
    empties public tables)."""
    from village_apps.audit.models import AccessAudit
    from village_apps.keuangan.demo import load_demo_village as keuangan_demo
    from village_apps.keuangan.models import Apbdes
    from village_apps.penduduk.models import Penduduk
    from village_apps.pengaduan.models import Pengaduan
    from village_apps.web import services
    from village_apps.web.models import Agenda, Artikel, Halaman, Kategori, PengaturanSitus

    with village_context(village_b):
        audit_awal = AccessAudit.objects.order_by("-id").values_list("id", flat=True).first() or 0
        for i in range(30):
            Penduduk.objects.create(
                nik=f"18010420029{i:05d}",
                nama=f"Warga {i}",
                sex=1 + i % 2,
                agama_id=1 + (i % 6 == 0),
            )
        artikel = services.artikel_save(
            judul="Panen raya padi", terbit=True,
            isi='<p>Hasil panen tahun ini meningkat.</p><script>console.error("xss")</script>'
                '<p onmouseover="console.error(1)">Lumbung penuh.</p><a href="javascript:console.error(2)">tautan</a>',
        )  # fmt: skip
        keuangan_demo(village=village_b)
    publish(village_b)  # the statistics pages show the published snapshot
    yield artikel
    with village_context(village_b):
        for model in (
            Artikel,
            Kategori,
            Halaman,
            Agenda,
            PengaturanSitus,
            Apbdes,
            Pengaduan,
            Penduduk,
        ):
            model.objects.all().delete()
        AccessAudit.objects.filter(id__gt=audit_awal).delete()


def test_public_website_in_browser(page, live_host, village_b, isi_desa):
    host = urlparse(live_host("/", village_b)).netloc
    asing: list[str] = []
    page.on("request", lambda r: urlparse(r.url).netloc != host and asing.append(r.url))

    page.goto(live_host("/", village_b))
    assert "Sidosari" in page.locator("h1").inner_text()
    assert page.locator("text=Panen raya padi").count() >= 1
    screenshot(page, "website-home")

    page.click("text=Panen raya padi")
    page.wait_for_url("**/berita/panen-raya-padi/")
    assert "Hasil panen tahun ini meningkat." in page.locator(".isi").inner_text()
    assert page.locator(".isi script, .isi [onmouseover], .isi a[href^=javascript]").count() == 0
    page.hover("text=Lumbung penuh.")
    screenshot(page, "website-article")

    page.goto(live_host("/statistik/jenis-kelamin/", village_b))
    assert page.locator("svg.grafik rect").count() >= 2
    assert page.locator("tfoot").inner_text().split()[-2] == "30"
    screenshot(page, "website-statistics")

    page.goto(live_host("/keuangan/", village_b))
    assert page.locator("svg.grafik").count() == 3
    assert page.locator("#total-pendapatan").inner_text() == "Rp 1.460.000.000"
    screenshot(page, "website-apbdes")

    page.goto(live_host("/pengaduan/", village_b))
    page.fill("#id_nama", "Pak Tani")
    page.fill("#id_judul", "Jalan berlubang")
    page.fill("#id_isi", "Jalan di depan SD berlubang besar.")
    screenshot(page, "website-complaint-form")
    page.click("button:has-text('Kirim pengaduan')")
    page.wait_for_url("**/pengaduan/lacak/*/")
    kode = page.locator("#kode-lacak").inner_text()
    assert len(kode) == 8
    assert "Pak Tani" not in page.content()

    page.goto(live_host("/pengaduan/", village_b))
    page.fill("#id_kode", kode.lower())
    page.click("button:has-text('Lacak')")
    page.wait_for_url(re.compile(r".*/pengaduan/lacak/\?kode=\w+$"))
    assert page.locator("#status").inner_text() == "Baru"
    assert "Jalan berlubang" in page.content()
    screenshot(page, "website-complaint-tracking")

    assert page.console_errors == []
    assert asing == []
