"""Golden-file layout of the Buku Peraturan di Desa (issue 22, acceptance 1), and the
three legal-products books holding what was enacted/promulgated in the year.

Regenerate after an intended layout change: ``BALAI_GOLDEN_WRITE=1``."""

import datetime as dt

from tenants.context import village_context
from tests.support.golden import golden_check, pdf_header
from tests.village_apps.buku.helpers import xlsx_header, xlsx_rows
from tests.village_apps.surat.helpers import pdf_text
from village_apps.produk_hukum import services


def test_peraturan_book_layout_and_rows(village, operator_client):
    with village_context(village):
        services.produk_hukum_save(
            jenis="perdes", nomor="2", tentang="Anggaran Pendapatan dan Belanja Desa 2025",
            tanggal_disepakati=dt.date(2025, 1, 3), tanggal_ditetapkan=dt.date(2025, 1, 6),
            nomor_dilaporkan="140/2", tanggal_dilaporkan=dt.date(2025, 1, 8),
            nomor_diundangkan="2", tanggal_diundangkan=dt.date(2025, 1, 7),
        )  # fmt: skip
        services.produk_hukum_save(
            jenis="kepkades", nomor="11", tentang="Tim Pelaksana Kegiatan",
            tanggal_ditetapkan=dt.date(2025, 2, 1),
        )  # fmt: skip
        services.produk_hukum_save(jenis="perdes", tentang="Rancangan yang belum ditetapkan")
    base = "/kelola/buku/peraturan-di-desa/unduh"
    xlsx = operator_client.get(f"{base}.xlsx?tahun=2025")
    assert xlsx.status_code == 200
    golden_check(__file__, "peraturan_header.json", xlsx_header(xlsx.content))
    rows = xlsx_rows(xlsx.content)
    assert [r[1:4] for r in rows if r[0]] == [
        ["Peraturan Desa", "2 / 06-01-2025", "Anggaran Pendapatan dan Belanja Desa 2025"]
    ]
    assert rows[0][7] == "2 / 07-01-2025" and rows[0][8] in ("", None)
    text = pdf_text(operator_client.get(f"{base}.pdf?tahun=2025").content)
    golden_check(__file__, "peraturan_header_pdf.txt", pdf_header(operator_client, base))
    assert "Anggaran Pendapatan dan Belanja Desa 2025" in text and "Rancangan" not in text
    keputusan = xlsx_rows(
        operator_client.get("/kelola/buku/keputusan-kepala-desa/unduh.xlsx?tahun=2025").content
    )
    assert [r[1] for r in keputusan if r[0]] == ["11 / 01-02-2025"]
    lembaran = xlsx_rows(
        operator_client.get("/kelola/buku/lembaran-berita-desa/unduh.xlsx?tahun=2025").content
    )
    assert [r[5] for r in lembaran if r[0]] == ["Lembaran Desa 2"]
