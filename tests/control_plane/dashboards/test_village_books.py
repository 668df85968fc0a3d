"""A village's closed administration books read from the control plane (issue 22):
the camat of Natar (18.01.04) and the officials of Lampung (18) list the closed book
periods of the villages in their region and open each one's PDF and XLSX exactly as the
village prints it (the rows stored at closing, never live data), with NIK/KK masked.
Another region's village answers 404; an open period is neither listed nor served;
every read leaves a row on the control plane and in the village's access audit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tenants.context import village_context
from tests.support.builders import staff_client
from tests.village_apps.buku.helpers import resident_enter, xlsx_rows
from tests.village_apps.surat.helpers import pdf_text
from village_apps.buku.registry import Periode, book_get

pytestmark = pytest.mark.django_db

HAJIMENA, SIDOSARI, OTHER_KABUPATEN = "1801042001", "1801042002", "1802012001"
MASK = "*" * 16


@pytest.fixture
def camat_buku(db):
    return staff_client(role="camat", username="camat-buku", region_code="180104")[0]


def _closed_month() -> Periode:
    return Periode.containing(timezone.localdate()).previous().previous()


def _query(periode: Periode) -> str:
    return f"tahun={periode.tahun}&bulan={periode.bulan}"


@pytest.fixture
def closed(village):
    """Hajimena with one resident, the induk and rekapitulasi books closed two months
    ago, and the resident renamed after closing (live data the camat must not see)."""
    from village_apps.buku.services import penutupan_create
    from village_apps.penduduk.models import Penduduk

    bulan = _closed_month()
    with village_context(village):
        resident = resident_enter(nama="Hana Tertutup", tanggal=bulan.start - timedelta(days=30))
        for slug in ("induk-penduduk", "rekapitulasi-penduduk"):
            penutupan_create(book=book_get(slug), periode=bulan)
        Penduduk.objects.filter(pk=resident.pk).update(nama="Hana Sesudahnya")
    return bulan, resident


def test_camat_lists_the_closed_periods_of_its_village(
    camat_buku, closed, django_assert_max_num_queries
):
    bulan, _resident = closed
    villages = camat_buku.get("/dasbor/desa/").content.decode()
    assert f'href="/dasbor/desa/{HAJIMENA}/buku/"' in villages
    # One read of the closings (row counts by the database), whatever their number.
    with django_assert_max_num_queries(12) as queries:
        page = camat_buku.get(f"/dasbor/desa/{HAJIMENA}/buku/")
    assert page.status_code == 200
    assert sum("buku_penutupanbuku" in q["sql"] for q in queries.captured_queries) == 1
    body = page.content.decode()
    for slug in ("induk-penduduk", "rekapitulasi-penduduk"):
        assert f'data-book="{slug}" data-periode="{bulan}"' in body, slug
        assert f"/dasbor/desa/{HAJIMENA}/buku/{slug}/{bulan}.pdf" in body
    # Only closed periods: the month after is open, and no other book was closed.
    assert f'data-periode="{bulan.next()}"' not in body
    assert 'data-book="mutasi-penduduk"' not in body
    searched = camat_buku.get(
        f"/dasbor/desa/{HAJIMENA}/buku/", {"q": "rekapitulasi"}
    ).content.decode()
    assert 'data-book="rekapitulasi-penduduk"' in searched
    assert 'data-book="induk-penduduk"' not in searched


def test_the_closed_book_is_the_villages_own_print(camat_buku, closed, operator_client):
    """Same PDF text and same workbook rows as the village's own download of the closed
    period (a book without personal numbers, so nothing is masked)."""
    bulan, _resident = closed
    base = f"/dasbor/desa/{HAJIMENA}/buku/rekapitulasi-penduduk/{bulan}"
    village_url = f"/kelola/buku/rekapitulasi-penduduk/unduh.%s?{_query(bulan)}"
    pdf = camat_buku.get(f"{base}.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf["Cache-Control"] == "private, no-store"
    assert pdf_text(pdf.content) == pdf_text(operator_client.get(village_url % "pdf").content)
    xlsx = camat_buku.get(f"{base}.xlsx")
    assert xlsx.status_code == 200
    assert f"{HAJIMENA}_rekapitulasi-penduduk_{bulan}.xlsx" in xlsx["Content-Disposition"]
    assert xlsx_rows(xlsx.content) == xlsx_rows(operator_client.get(village_url % "xlsx").content)


def test_the_closed_book_holds_the_stored_rows_with_numbers_masked(camat_buku, closed):
    bulan, resident = closed
    rows = xlsx_rows(
        camat_buku.get(f"/dasbor/desa/{HAJIMENA}/buku/induk-penduduk/{bulan}.xlsx").content
    )
    (row,) = [r for r in rows if "Hana" in str(r[1])]
    assert row[1] == "Hana Tertutup"  # as stored at closing, not the later rename
    assert MASK in row and resident.nik not in row
    assert resident.keluarga.no_kk not in row
    text = pdf_text(
        camat_buku.get(f"/dasbor/desa/{HAJIMENA}/buku/induk-penduduk/{bulan}.pdf").content
    )
    assert "Hana Tertutup" in text and "Hana Sesudahnya" not in text
    assert resident.nik not in text and MASK in text


def test_an_open_period_or_unknown_book_is_not_served(camat_buku, closed):
    bulan, _resident = closed
    base = f"/dasbor/desa/{HAJIMENA}/buku"
    assert camat_buku.get(f"{base}/induk-penduduk/{bulan.next()}.pdf").status_code == 404
    assert camat_buku.get(f"{base}/mutasi-penduduk/{bulan}.xlsx").status_code == 404
    assert camat_buku.get(f"{base}/tidak-ada/{bulan}.pdf").status_code == 404
    assert camat_buku.get(f"{base}/induk-penduduk/{bulan}.csv").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        f"/dasbor/desa/{OTHER_KABUPATEN}/buku/",
        f"/dasbor/desa/{OTHER_KABUPATEN}/buku/induk-penduduk/2020-01.pdf",
        "/dasbor/desa/1801052001/buku/",  # a neighbouring kecamatan (no such village either)
    ],
)
def test_camat_gets_404_outside_its_kecamatan(camat_buku, path):
    assert camat_buku.get(path).status_code == 404


def test_province_officials_read_their_province_only(closed):
    bulan, _resident = closed
    lampung = staff_client(role="province_official", username="prov-buku-18", region_code="18")[0]
    bengkulu = staff_client(role="province_official", username="prov-buku-17", region_code="17")[0]
    assert lampung.get(f"/dasbor/desa/{HAJIMENA}/buku/").status_code == 200
    assert lampung.get(f"/dasbor/desa/{OTHER_KABUPATEN}/buku/").status_code == 200
    assert (
        lampung.get(f"/dasbor/desa/{HAJIMENA}/buku/induk-penduduk/{bulan}.pdf").status_code == 200
    )
    assert bengkulu.get(f"/dasbor/desa/{HAJIMENA}/buku/").status_code == 404
    assert (
        bengkulu.get(f"/dasbor/desa/{HAJIMENA}/buku/induk-penduduk/{bulan}.pdf").status_code == 404
    )


def test_other_staff_roles_may_not_read_the_books(closed):
    bulan, _resident = closed
    for role, extra in (("ops", {}), ("contract_manager", {"kabupaten_code": "1801"})):
        client = staff_client(role=role, username=f"buku-{role}", **extra)[0]
        assert client.get(f"/dasbor/desa/{HAJIMENA}/buku/").status_code == 403, role
        assert (
            client.get(f"/dasbor/desa/{HAJIMENA}/buku/induk-penduduk/{bulan}.pdf").status_code
            == 403
        ), role


def test_every_read_is_audited_here_and_in_the_village(camat_buku, closed, village):
    from control_plane.dashboards.models import VillageBookRead
    from village_apps.audit.models import AccessAudit

    bulan, _resident = closed
    camat_buku.get(f"/dasbor/desa/{HAJIMENA}/buku/")
    camat_buku.get(f"/dasbor/desa/{HAJIMENA}/buku/induk-penduduk/{bulan}.xlsx")
    camat_buku.get(f"/dasbor/desa/{HAJIMENA}/buku/induk-penduduk/{bulan.next()}.pdf")  # refused
    reads = list(
        VillageBookRead.objects.filter(username="camat-buku")
        .order_by("id")
        .values_list("role", "village_code", "buku", "periode", "kind")
    )
    assert reads == [
        ("camat", HAJIMENA, "", "", "list"),
        ("camat", HAJIMENA, "induk-penduduk", str(bulan), "xlsx"),
    ]
    with village_context(village):
        audited = list(
            AccessAudit.objects.filter(username="camat:camat-buku")
            .order_by("id")
            .values_list("role", "user_id", "action", "object_type", "object_id", "summary")
        )
    assert [a[:5] for a in audited] == [
        ("camat", None, "view", "buku.penutupan", ""),
        ("camat", None, "export", "buku.buku", "induk-penduduk"),
    ]
    assert audited[1][5].startswith(f"xlsx {bulan} ")


def test_the_page_speaks_english_and_the_book_stays_indonesian(camat_buku, closed):
    bulan, _resident = closed
    camat_buku.cookies["django_language"] = "en"
    html = camat_buku.get(f"/dasbor/desa/{HAJIMENA}/buku/").content.decode()
    assert "Administration books of Hajimena" in html and "Buku administrasi" not in html
    assert "Closed at" in html and "Buku Induk Penduduk" in html  # the book's own title
    text = pdf_text(
        camat_buku.get(f"/dasbor/desa/{HAJIMENA}/buku/induk-penduduk/{bulan}.pdf").content
    )
    assert "BUKU INDUK PENDUDUK" in text and "Halaman 1" in text


def test_a_villages_dashboard_links_its_closed_books_for_these_roles_only(published, camat_buku):
    link = f'href="/dasbor/desa/{HAJIMENA}/buku/"'
    assert link in camat_buku.get(f"/dasbor/wilayah/{HAJIMENA}/").content.decode()
    manager = staff_client(role="contract_manager", username="buku-cm", kabupaten_code="1801")[0]
    assert link not in manager.get(f"/dasbor/wilayah/{HAJIMENA}/").content.decode()
    assert link not in manager.get("/dasbor/desa/").content.decode()
