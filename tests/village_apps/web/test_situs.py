"""The public website: home, articles (XSS-safe), pages, feeds, caching, back office."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenants.context import village_context
from village_apps.akun.services import village_user_create
from village_apps.web import services
from village_apps.web.models import Artikel

SERANGAN = [
    '<script>alert("xss")</script>',
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">klik</a>',
    '<p style="background:url(javascript:alert(1))" onclick="alert(1)">teks</p>',
    "<iframe src=https://jahat.example></iframe>",
    "<svg onload=alert(1)>",
]


def _artikel(village, **kw):
    with village_context(village):
        return services.artikel_save(
            judul=kw.pop("judul", "Kerja bakti di Dusun I"),
            isi=kw.pop("isi", "<p>Warga bergotong royong.</p>"),
            terbit=kw.pop("terbit", True),
            **kw,
        )


def test_home_shows_latest_published_news_only(village_client, village):
    _artikel(village, judul="Berita terbit")
    _artikel(village, judul="Draf rahasia", terbit=False)
    html = village_client.get("/").content.decode()
    assert "Berita terbit" in html
    assert "Draf rahasia" not in html
    assert "Selamat datang di Desa Hajimena" in html


@pytest.mark.security
@pytest.mark.parametrize("serangan", SERANGAN)
def test_script_in_article_body_is_neutralised(village_client, village, serangan):
    artikel = _artikel(village, isi=f"<p>Isi aman</p>{serangan}")
    html = village_client.get(f"/berita/{artikel.slug}/").content.decode()
    isi = html.split('<div class="isi">', 1)[1].split("</div>", 1)[0]
    assert "Isi aman" in isi
    assert "<script" not in isi
    assert not re.search(r"\son\w+\s*=", isi)
    assert "javascript:" not in isi
    assert "style=" not in isi
    assert "<iframe" not in isi


@pytest.mark.security
def test_script_in_article_title_is_escaped(village_client, village):
    artikel = _artikel(village, judul='<script>alert("judul")</script>')
    html = village_client.get(f"/berita/{artikel.slug}/").content.decode()
    assert '<script>alert("judul")' not in html
    assert "&lt;script&gt;" in html


def test_drafts_are_not_public(village_client, village):
    artikel = _artikel(village, terbit=False)
    assert village_client.get(f"/berita/{artikel.slug}/").status_code == 404


def test_news_list_search_and_pagination_without_n_plus_one(village_client, village):
    with village_context(village):
        kategori = services.kategori_save(nama="Pengumuman")
    for i in range(25):
        _artikel(village, judul=f"Pengumuman {i}", kategori=kategori)
    with CaptureQueriesContext(connection) as ctx:
        response = village_client.get("/berita/?q=Pengumuman")
    assert response.status_code == 200
    assert len(ctx.captured_queries) <= 8
    assert "Halaman 1 dari 3" in response.content.decode()
    assert (
        village_client.get("/berita/?q=tidak-ada-yang-cocok")
        .content.decode()
        .count("Tidak ada berita")
        == 1
    )


def test_public_pages_are_cached_and_invalidated_on_change(village_client, village):
    village_client.get("/")
    with CaptureQueriesContext(connection) as ctx:
        response = village_client.get("/")
    assert response["X-Balai-Cache"] == "hit"
    assert len(ctx.captured_queries) == 0
    assert (
        village_client.get("/?utm_source=spam123")["X-Balai-Cache"] == "hit"
    )  # unknown params share the page
    assert village_client.get("/berita/?halaman=2")["X-Balai-Cache"] == "miss"
    _artikel(village, judul="Berita baru sekali")
    response = village_client.get("/")
    assert response["X-Balai-Cache"] == "miss"
    assert "Berita baru sekali" in response.content.decode()


def test_cache_is_per_village(village, village_b, client):
    _artikel(village, judul="Hanya untuk Hajimena")
    assert "Hanya untuk Hajimena" in client.get("/", HTTP_HOST=village.host).content.decode()
    html_b = client.get("/", HTTP_HOST=village_b.host).content.decode()
    assert "Hanya untuk Hajimena" not in html_b
    assert "Sidosari" in html_b


def test_static_page_menu_agenda_and_contact(village_client, village):
    from datetime import timedelta

    from django.utils import timezone

    with village_context(village):
        halaman = services.halaman_save(
            judul="Sejarah Desa", isi="<p>Berdiri 1950</p><script>x()</script>"
        )
        services.agenda_save(
            judul="Musyawarah Desa", tanggal=timezone.localdate() + timedelta(days=3)
        )
        services.tautan_menu_save(label="Kabupaten", url="https://lampungselatankab.go.id/")
    home = village_client.get("/").content.decode()
    assert 'href="/halaman/sejarah-desa/"' in home
    assert "Musyawarah Desa" in home
    assert "lampungselatankab.go.id" in home
    page = village_client.get(f"/halaman/{halaman.slug}/").content.decode()
    assert "Berdiri 1950" in page and "<script>x()" not in page
    assert village_client.get("/agenda/").status_code == 200
    assert village_client.get("/galeri/").status_code == 200
    assert village_client.get("/kontak/").status_code == 200


def test_rss_sitemap_robots_and_seo(village_client, village):
    artikel = _artikel(village, judul="Posyandu Balita", ringkasan="Jadwal posyandu bulan ini")
    rss = village_client.get("/berita/rss/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert f"{village.url}berita/{artikel.slug}/" in rss.content.decode()
    sitemap = village_client.get("/sitemap.xml").content.decode()
    assert f"/berita/{artikel.slug}/</loc>" in sitemap
    assert "/keuangan/</loc>" in sitemap
    assert "Sitemap:" in village_client.get("/robots.txt").content.decode()
    detail = village_client.get(f"/berita/{artikel.slug}/").content.decode()
    assert '<meta name="description" content="Jadwal posyandu bulan ini">' in detail
    assert '<link rel="canonical"' in detail


def test_back_office_requires_login_and_editor(village_client, village, operator):
    assert village_client.get("/kelola/web/").status_code == 302
    with village_context(village):
        viewer = village_user_create(
            username="lihat-web", role="peninjau", password="sandi-kuat-12345"
        )
    with village_context(village):
        village_client.force_login(viewer)
    assert village_client.get("/kelola/web/").status_code == 200
    assert village_client.get("/kelola/web/artikel/baru/").status_code == 403


def test_operator_writes_article_through_back_office(village_client, village, operator):
    with village_context(village):
        village_client.force_login(operator)
    response = village_client.post(
        "/kelola/web/artikel/baru/",
        {
            "judul": "Panen raya",
            "isi": "<p>Hasil panen</p><script>alert(1)</script>",
            "terbit": "on",
        },
    )
    assert response.status_code == 302
    with village_context(village):
        artikel = Artikel.objects.get(judul="Panen raya")
        assert "<script" not in artikel.isi
        from village_apps.audit.models import AccessAudit

        assert AccessAudit.objects.filter(
            object_type="web.artikel", object_id=str(artikel.pk)
        ).exists()
    assert village_client.get("/kelola/web/").status_code == 200


def test_image_upload_is_resized_and_limited(village):
    import io

    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from balai_kernel.images import image_prepare

    buf = io.BytesIO()
    Image.new("RGB", (3000, 2000), "green").save(buf, format="PNG")
    hasil = image_prepare(SimpleUploadedFile("besar.png", buf.getvalue()))
    with Image.open(hasil) as kecil:
        assert max(kecil.size) == 1280 and kecil.format == "JPEG"
    with pytest.raises(ValidationError, match="bukan gambar"):
        image_prepare(SimpleUploadedFile("palsu.jpg", b"<script>bukan gambar</script>"))


def test_every_back_office_page_renders_for_an_operator(village_client, village, operator):
    import datetime as dt

    with village_context(village):
        artikel = services.artikel_save(judul="Draf", isi="<p>x</p>")
        halaman = services.halaman_save(judul="Visi", isi="<p>x</p>")
        agenda = services.agenda_save(judul="Rapat", tanggal=dt.date(2030, 1, 1))
        village_client.force_login(operator)
    for url in ["/kelola/web/", "/kelola/web/artikel/baru/", f"/kelola/web/artikel/{artikel.pk}/",
                "/kelola/web/kategori/", "/kelola/web/halaman/", "/kelola/web/halaman/baru/",
                f"/kelola/web/halaman/{halaman.pk}/", "/kelola/web/menu/", "/kelola/web/agenda/",
                "/kelola/web/agenda/baru/", f"/kelola/web/agenda/{agenda.pk}/", "/kelola/web/galeri/",
                "/kelola/web/pengaturan/", "/keuangan/kelola/", "/bantuan/kelola/", "/pengaduan/kelola/",
                "/pembangunan/kelola/", "/pembangunan/kelola/baru/"]:  # fmt: skip
        assert village_client.get(url).status_code == 200, url
    response = village_client.post(
        "/kelola/web/pengaturan/",
        {"sambutan": "<p>Halo warga</p><script>x()</script>", "deskripsi": "Desa"},
    )
    assert response.status_code == 302
    village_client.logout()
    home = village_client.get("/").content.decode()
    assert "Halo warga" in home and "<script>x()" not in home
    assert (
        village_client.post(f"/kelola/web/artikel/{artikel.pk}/hapus/").status_code == 302
    )  # to login
    with village_context(village):
        assert Artikel.objects.filter(pk=artikel.pk).exists()
