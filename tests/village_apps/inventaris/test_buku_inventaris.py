"""Golden-file layout of the Buku Inventaris dan Kekayaan Desa (issue 22, acceptance 1):
the workbook's header cells with their spans and the PDF's header text, as the
regulation's table has them; and the year's rows derived from the mutations.

Regenerate after an intended layout change: ``BALAI_GOLDEN_WRITE=1`` (then review the
diff of ``golden/``)."""

import datetime as dt
from decimal import Decimal

from tenants.context import village_context
from tests.support.golden import golden_check, pdf_header
from tests.village_apps.buku.helpers import xlsx_header, xlsx_rows
from tests.village_apps.surat.helpers import pdf_text
from village_apps.inventaris import services


def test_inventaris_book_layout_and_rows(village, operator_client):
    with village_context(village):
        a = services.aset_save(kategori="B", nama="Sepeda motor dinas", spesifikasi="Honda 110cc",
                               sumber="kabupaten", tanggal_perolehan=dt.date(2023, 5, 2),
                               nilai_perolehan=15_000_000)  # fmt: skip
        services.mutasi_aset_add(
            aset=a, jenis="kondisi", tanggal=dt.date(2024, 7, 1), kondisi_baru="rusak_ringan"
        )
        b = services.aset_save(kategori="E", nama="Meja rapat", jumlah=4, sumber="apbdes",
                               tanggal_perolehan=dt.date(2024, 2, 1))  # fmt: skip
        services.mutasi_aset_add(
            aset=b, jenis="jual", tanggal=dt.date(2024, 11, 5), nilai=Decimal(400_000)
        )
    base = "/kelola/buku/inventaris-kekayaan-desa/unduh"
    xlsx = operator_client.get(f"{base}.xlsx?tahun=2024")
    assert xlsx.status_code == 200
    golden_check(__file__, "inventaris_header.json", xlsx_header(xlsx.content))
    rows = [r for r in xlsx_rows(xlsx.content) if r[1] and r[1] != "JUMLAH"]
    motor = next(r for r in rows if r[1].startswith("Sepeda motor"))
    meja = next(r for r in rows if r[1] == "Meja rapat")
    # 1 unit, bantuan kab/kota; good at the start of 2024, damaged at its end.
    assert motor[2:7] == [None, None, None, 1, None]
    assert (motor[8], motor[9], motor[14], motor[15]) == (1, None, None, 1)
    # 4 tables bought in 2024 and sold in 2024: no start-of-year state, none at the end.
    assert meja[2] == 4 and meja[8] is None and meja[11] == 4 and meja[14] is None
    pdf = operator_client.get(f"{base}.pdf?tahun=2024")
    text = pdf_text(pdf.content)
    golden_check(__file__, "inventaris_header_pdf.txt", pdf_header(operator_client, base))
    assert "Sepeda motor dinas Honda 110cc" in text and "Meja rapat" in text
