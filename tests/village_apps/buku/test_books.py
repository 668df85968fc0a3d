"""The books of the Buku Administrasi Desa: every registered book renders (page, PDF,
XLSX), the population books hold the register's people and events, a closed period is
never rewritten, and the CLI writes what the page prints."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from tenants.context import village_context
from tests.village_apps.buku.helpers import resident_enter, xlsx_rows
from tests.village_apps.surat.helpers import pdf_text
from village_apps.buku.registry import Periode, book_get, books_all

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _month_ago(n: int) -> Periode:
    p = Periode.containing(timezone.localdate())
    for _ in range(n):
        p = p.previous()
    return p


def _query(periode: Periode) -> str:
    return f"tahun={periode.tahun}" + (f"&bulan={periode.bulan}" if periode.bulan else "")


def test_every_registered_book_has_a_page_a_pdf_and_a_workbook(village, operator_client):
    with village_context(village):
        resident_enter(nama="Siti Sapuan", tanggal=timezone.localdate().replace(day=1))
    books = books_all()
    assert len(books) >= 10
    for book in books:
        periode = Periode.containing(timezone.localdate(), monthly=book.monthly)
        base = f"/kelola/buku/{book.slug}/"
        page = operator_client.get(f"{base}?{_query(periode)}")
        assert page.status_code == 200, book.slug
        assert str(book.title) in page.content.decode()
        pdf = operator_client.get(f"{base}unduh.pdf?{_query(periode)}")
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf", book.slug
        assert pdf.content.startswith(b"%PDF")
        assert str(book.title).upper() in pdf_text(pdf.content), book.slug
        xlsx = operator_client.get(f"{base}unduh.xlsx?{_query(periode)}")
        assert xlsx.status_code == 200 and xlsx["Content-Type"] == XLSX, book.slug
    listing = operator_client.get("/kelola/buku/").content.decode()
    assert all(f"/kelola/buku/{b.slug}/" in listing for b in books)


def test_induk_and_mutasi_follow_the_register_by_date(village, operator_client):
    from village_apps.peristiwa.choices import KodePeristiwa

    lalu = _month_ago(2)
    with village_context(village):
        resident_enter(nama="Ahmad Lama", tanggal=lalu.start - timedelta(days=40))
        baru = resident_enter(
            nama="Bunga Datang", tanggal=lalu.start + timedelta(days=9), kode=KodePeristiwa.PINDAH_MASUK,
            alamat_sebelumnya="Kota Bumi",
        )  # fmt: skip
        induk = book_get("induk-penduduk")
        names_before = {r[0] for r in induk.rows(lalu.previous(), "")}
        names_in = {r[0] for r in induk.rows(lalu, "")}
        mutasi = list(book_get("mutasi-penduduk").rows(lalu, ""))
        tanggal_datang = baru.peristiwa.get().tanggal_peristiwa
    assert "Ahmad Lama" in names_before and "Bunga Datang" not in names_before
    assert {"Ahmad Lama", "Bunga Datang"} <= names_in
    (row,) = [r for r in mutasi if r[0] == "Bunga Datang"]
    assert row[5] == "Kota Bumi" and row[6] == tanggal_datang
    # Search narrows the page.
    html = operator_client.get(
        f"/kelola/buku/induk-penduduk/?{_query(lalu)}&q=bunga"
    ).content.decode()
    assert "Bunga Datang" in html and "Ahmad Lama" not in html


def test_a_closed_period_is_not_rewritten_by_a_later_edit(village, operator_client):
    """Acceptance 3: closing a month stores its rows; a resident renamed later and an
    event recorded late for that month leave it as printed, and the late event is in
    the next open month."""
    from village_apps.penduduk.models import Penduduk
    from village_apps.peristiwa.choices import KodePeristiwa

    bulan = _month_ago(2)
    with village_context(village):
        a = resident_enter(
            nama="Cahya Awal",
            tanggal=bulan.start + timedelta(days=3),
            kode=KodePeristiwa.PINDAH_MASUK,
        )
    response = operator_client.post("/kelola/buku/mutasi-penduduk/tutup/", {"periode": str(bulan)})
    assert response.status_code == 302
    operator_client.post("/kelola/buku/induk-penduduk/tutup/", {"periode": str(bulan)})
    mutasi_closed = operator_client.get(
        f"/kelola/buku/mutasi-penduduk/unduh.xlsx?{_query(bulan)}"
    ).content
    with village_context(village):
        Penduduk.objects.filter(pk=a.pk).update(nama="Cahya Diubah")
        resident_enter(
            nama="Dewi Terlambat",
            tanggal=bulan.start + timedelta(days=5),
            kode=KodePeristiwa.PINDAH_MASUK,
        )
        from village_apps.audit.models import AccessAudit

        assert AccessAudit.objects.filter(object_type="buku.penutupan").count() >= 2
    after = xlsx_rows(
        operator_client.get(f"/kelola/buku/mutasi-penduduk/unduh.xlsx?{_query(bulan)}").content
    )
    assert after == xlsx_rows(mutasi_closed)
    names = [r[1] for r in after]
    assert "Cahya Awal" in names and "Cahya Diubah" not in names and "Dewi Terlambat" not in names
    induk = operator_client.get(f"/kelola/buku/induk-penduduk/?{_query(bulan)}").content.decode()
    assert "Cahya Awal" in induk and "Cahya Diubah" not in induk and "ditutup" in induk
    berikut = xlsx_rows(
        operator_client.get(
            f"/kelola/buku/mutasi-penduduk/unduh.xlsx?{_query(bulan.next())}"
        ).content
    )
    (late,) = [r for r in berikut if r[1] == "Dewi Terlambat"]
    assert "terlambat" in late[-1]
    # Closing twice, or a month not yet over, is refused with a message.
    with village_context(village):
        from django.core.exceptions import ValidationError

        from village_apps.buku.services import penutupan_create

        with pytest.raises(ValidationError, match="sudah ditutup"):
            penutupan_create(book=book_get("mutasi-penduduk"), periode=bulan)
        with pytest.raises(ValidationError, match="belum berakhir"):
            penutupan_create(book=book_get("mutasi-penduduk"), periode=_month_ago(0))


def test_cli_lists_books_and_exports_what_the_page_prints(
    village, operator_client, tmp_path, capsys
):
    call_command("buku", "list", "--json")
    listed = json.loads(capsys.readouterr().out)
    assert {"slug": "induk-penduduk", "title": "Buku Induk Penduduk", "group": "penduduk"} in listed
    assert {b["group"] for b in listed} <= {"umum", "penduduk", "pembangunan", "keuangan"}
    bulan = _month_ago(1)
    with village_context(village):
        resident_enter(nama="Eko Ekspor", tanggal=bulan.start)
    out = tmp_path / "induk.xlsx"
    call_command("buku", "export", "--village", village.slug, "induk-penduduk", "--period", str(bulan),
                 "--format", "xlsx", "--output", str(out))  # fmt: skip
    page = operator_client.get(f"/kelola/buku/induk-penduduk/unduh.xlsx?{_query(bulan)}").content
    assert xlsx_rows(out.read_bytes()) == xlsx_rows(page)
    assert any(r[1] == "Eko Ekspor" for r in xlsx_rows(page))
    pdf = tmp_path / "induk.pdf"
    call_command("buku", "export", "--village", village.slug, "induk-penduduk", "--period", str(bulan),
                 "--format", "pdf", "--output", str(pdf))  # fmt: skip
    page_pdf = operator_client.get(f"/kelola/buku/induk-penduduk/unduh.pdf?{_query(bulan)}").content
    assert pdf_text(pdf.read_bytes()) == pdf_text(page_pdf)


def test_viewer_sees_masked_numbers_and_may_not_export_or_close(village, viewer_client):
    with village_context(village):
        p = resident_enter(nama="Fajar Samar", tanggal=date(2020, 1, 1))
    html = viewer_client.get("/kelola/buku/induk-penduduk/?q=fajar").content.decode()
    assert "Fajar Samar" in html and p.nik not in html and "*" * 16 in html
    assert viewer_client.get("/kelola/buku/induk-penduduk/unduh.pdf").status_code == 403
    assert (
        viewer_client.post("/kelola/buku/induk-penduduk/tutup/", {"periode": "2020-01"}).status_code
        == 403
    )


def test_temporary_residents_and_cadres_are_entered_and_printed(village, operator_client):
    today = timezone.localdate()
    response = operator_client.post("/kelola/buku/data/penduduk-sementara/baru/", {
        "nama": "Gilang Tamu", "sex": 1, "warganegara_id": 1, "datang_dari": "Metro",
        "tanggal_datang": today.isoformat(), "maksud_tujuan": "Bekerja",
    })  # fmt: skip
    assert response.status_code == 302
    bad = operator_client.post("/kelola/buku/data/penduduk-sementara/baru/", {
        "nama": "Hana", "sex": 2, "warganegara_id": 1, "datang_dari": "Metro",
        "tanggal_datang": today.isoformat(), "tanggal_pergi": (today - timedelta(days=3)).isoformat(),
    })  # fmt: skip
    assert "Tanggal pergi tidak boleh sebelum tanggal datang." in bad.content.decode()
    operator_client.post(
        "/kelola/buku/data/kader/baru/", {"nama": "Indah Kader", "sex": 2, "bidang": "Posyandu"}
    )
    assert (
        "Gilang Tamu"
        in operator_client.get("/kelola/buku/data/penduduk-sementara/").content.decode()
    )
    sementara = operator_client.get(
        f"/kelola/buku/penduduk-sementara/?tahun={today.year}&bulan={today.month}"
    )
    assert "Gilang Tamu" in sementara.content.decode() and "Metro" in sementara.content.decode()
    kader = operator_client.get(f"/kelola/buku/kader-pemberdayaan-masyarakat/?tahun={today.year}")
    assert "Indah Kader" in kader.content.decode() and "Posyandu" in kader.content.decode()
    with village_context(village):
        from village_apps.audit.models import AccessAudit

        assert AccessAudit.objects.filter(
            object_type="buku.penduduk_sementara", action="create"
        ).exists()


def test_book_page_queries_do_not_grow_with_the_rows(village, operator_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert (
                operator_client.get("/kelola/buku/induk-penduduk/?tahun=2026&bulan=12").status_code
                == 200
            )
        return len(ctx.captured_queries)

    with village_context(village):
        for i in range(3):
            resident_enter(nama=f"Warga {i}", tanggal=date(2020, 1, 1), dusun=f"Dusun {i}")
    few = count()
    with village_context(village):
        for i in range(3, 15):
            resident_enter(nama=f"Warga {i}", tanggal=date(2020, 1, 1), dusun=f"Dusun {i}")
    assert count() == few


@pytest.mark.parametrize("slug", ["induk-penduduk", "ktp-kartu-keluarga"])
def test_a_page_of_a_long_book_reads_only_its_rows_and_numbers_on(
    slug, village, operator_client, monkeypatch
):
    """Page 2 of a book read from one queryset numbers on from 51 and holds exactly the
    rows 51… of the printed book (the XLSX), while making model objects for that page
    only (before: every resident of the period, 0.7 s a page at 5,000 residents)."""
    from village_apps.buku import registry
    from village_apps.penduduk.models import Penduduk

    with village_context(village):
        keluarga = None
        for i in range(57):
            r = resident_enter(nama=f"Warga {i:03d}", tanggal=date(2020, 1, 1), keluarga=keluarga)
            keluarga = keluarga or r.keluarga
    book = book_get(slug)
    assert isinstance(book.rows, registry.QueryRows)
    made = []
    original = Penduduk.from_db.__func__

    def counting(cls, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        made.append(1)
        return original(cls, *args, **kwargs)

    monkeypatch.setattr(Penduduk, "from_db", classmethod(counting))
    page = operator_client.get(f"/kelola/buku/{slug}/?tahun=2026&bulan=12&halaman=2")
    assert page.status_code == 200
    assert len(made) <= 50 - 43 + 7, len(made)  # the 7 rows of page 2, not all 57
    monkeypatch.undo()
    html = page.content.decode()
    printed = xlsx_rows(
        operator_client.get(f"/kelola/buku/{slug}/unduh.xlsx?tahun=2026&bulan=12").content
    )
    assert [row[0] for row in printed[50:]] == list(range(51, 58))
    name_at = 2 if slug == "induk-penduduk" else 3  # after NOMOR URUT (and NO. KK)
    for row in printed[50:]:
        assert f"<td>{row[name_at - 1]}</td>" in html, row
    assert f"<td>{printed[49][name_at - 1]}</td>" not in html  # row 50 is on page 1
