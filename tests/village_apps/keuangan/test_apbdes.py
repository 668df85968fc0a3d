"""APBDes: totals at every level equal the sum of their rows (property tests), the
Excel import, the public infographic, the back office, and no module for kelurahan."""

import io
import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from tenants import routing
from tenants.context import village_context
from village_apps.keuangan import selectors, services
from village_apps.keuangan.models import Apbdes, BarisApbdes

jumlah = st.integers(min_value=0, max_value=10**12).map(Decimal)
kode = st.one_of(
    st.tuples(
        st.just("pendapatan"), st.builds("4.{}.{}".format, st.integers(1, 3), st.integers(1, 6))
    ),
    st.tuples(
        st.just("belanja"),
        st.builds("{}.{}.{:02d}".format, st.integers(1, 5), st.integers(1, 4), st.integers(1, 12)),
    ),
    st.tuples(
        st.just("belanja"),
        st.builds(
            "{}.{}.{:02d}.{}".format,
            st.integers(1, 5),
            st.just(9),
            st.integers(1, 3),
            st.integers(1, 3),
        ),
    ),
    st.tuples(
        st.just("pembiayaan"), st.builds("6.{}.{}".format, st.integers(1, 2), st.integers(1, 3))
    ),
)
baris_acak = st.dictionaries(kode, st.tuples(jumlah, jumlah, jumlah), max_size=25)


def _semua_simpul(laporan):
    for akar in laporan.kelompok():
        yield from akar.baris()


def _periksa(laporan, baris):
    for s in _semua_simpul(laporan):
        if not s.rinci:
            for f in ("anggaran", "realisasi_s1", "realisasi_s2"):
                assert getattr(s, f) == sum((getattr(a, f) for a in s.anak), Decimal(0)), (
                    s.kode,
                    f,
                )
    for akar, kel in ((laporan.pendapatan, "pendapatan"), (laporan.belanja, "belanja")):
        assert akar.anggaran == sum((b.anggaran for b in baris if b.kelompok == kel), Decimal(0))
    for akar, awal in (
        (laporan.penerimaan_pembiayaan, "6.1"),
        (laporan.pengeluaran_pembiayaan, "6.2"),
    ):
        assert akar.realisasi == sum(
            (b.realisasi_s1 + b.realisasi_s2 for b in baris if b.kode.startswith(awal + ".")),
            Decimal(0),
        )
    daun = [s for s in _semua_simpul(laporan) if s.rinci]
    assert sorted((s.kode, s.anggaran) for s in daun) == sorted((b.kode, b.anggaran) for b in baris)
    assert laporan.silpa == laporan.surplus + laporan.pembiayaan_netto


@given(baris_acak)
@settings(max_examples=300, deadline=None)
def test_every_level_is_the_sum_of_its_rows(data):
    baris = [
        SimpleNamespace(kelompok=k, kode=c, uraian=c, anggaran=a, realisasi_s1=r1, realisasi_s2=r2)
        for (k, c), (a, r1, r2) in data.items()
    ]
    _periksa(selectors.apbdes_susun(tahun=2025, baris=baris), baris)


def _angka(teks: str) -> Decimal:
    return Decimal(teks.replace(".", "") or "0")


@pytest.mark.django_db
@given(baris_acak)
@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_displayed_totals_equal_the_sum_of_displayed_rows(village, village_client, data):
    with village_context(village):
        Apbdes.objects.all().delete()
        apbdes = services.apbdes_create(tahun=2025)
        for (k, c), (a, r1, r2) in data.items():
            services.baris_save(
                apbdes=apbdes,
                kelompok=k,
                kode=c,
                uraian=f"Uraian {c}",
                anggaran=a,
                realisasi_s1=r1,
                realisasi_s2=r2,
                konfirmasi_lebih=True,  # random rows: realisation may exceed the budget
            )
    html = village_client.get("/keuangan/2025/").content.decode()
    baris = [
        (int(m[0]), _angka(m[1]), _angka(m[2]))
        for m in re.findall(
            r'data-level="(\d+)" data-anggaran="([\d.]*)" data-realisasi="([\d.]*)"', html
        )
    ]
    assert (
        len([b for b in baris if b[0] == 0]) == 4
    )  # pendapatan, belanja, penerimaan & pengeluaran pembiayaan
    for i, (level, anggaran, realisasi) in enumerate(baris):
        anak = []
        for lvl, a, r in baris[i + 1 :]:
            if lvl <= level:
                break
            if lvl == level + 1:
                anak.append((a, r))
        if anak:
            assert anggaran == sum(a for a, _ in anak)
            assert realisasi == sum(r for _, r in anak)
    total_pendapatan = sum(a for (k, _), (a, _, _) in data.items() if k == "pendapatan")
    kartu = re.search(r'id="total-pendapatan">Rp ([\d.]+)<', html)[1]
    assert _angka(kartu) == total_pendapatan


def _xlsx(rows, header=services.KOLOM_IMPOR):
    wb = Workbook()
    ws = wb.active
    ws.title = "APBDes"
    ws.append(header)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "apbdes.xlsx"
    return buf


def test_import_creates_year_and_reports_bad_rows(village):
    with village_context(village):
        hasil = services.apbdes_impor(
            tahun=2026,
            berkas=_xlsx(
                [
                    ["Pendapatan", "4.2.1", "Dana Desa", 900_000_000, 400_000_000, 0],
                    ["Pendapatan", "4.2.3", "Alokasi Dana Desa", 350_000_000, 150_000_000, None],
                    ["Belanja", "2.3.01", "Jalan desa", 500_000_000, 100_000_000, 0],
                    ["Belanja", "1.1.01", "Siltap", 300_000_000, 140_000_000, 0],
                    ["Pembiayaan", "6.1.1", "SiLPA", 20_000_000, 20_000_000, 0],
                ]
            ),
        )
        assert hasil.berhasil and hasil.jumlah_baris == 5
        laporan = selectors.apbdes_laporan(Apbdes.objects.get(tahun=2026))
        assert laporan.pendapatan.anggaran == Decimal("1250000000")
        assert [b.kode for b in laporan.belanja.anak] == ["1", "2"]
        assert laporan.belanja.anak[1].uraian == "Bidang Pelaksanaan Pembangunan Desa"

        salah = services.apbdes_impor(
            tahun=2026,
            berkas=_xlsx(
                [
                    ["Pendapatan", "4.9.1", "Kode salah", 1, 0, 0],
                    ["Belanja", "2.3", "Induk", 5, 0, 0],
                    ["Belanja", "2.3.01", "Jalan", "seratus", 0, 0],
                    ["Belanja", "2.3.02", "Negatif", -5, 0, 0],
                    ["Lainnya", "2.3.03", "Kelompok salah", 5, 0, 0],
                ]
            ),
        )
        assert not salah.berhasil
        assert [k.split(":")[0] for k in salah.kesalahan] == [
            "Baris 2",
            "Baris 3",
            "Baris 4",
            "Baris 5",
            "Baris 6",
        ]
        assert "tidak sesuai struktur Pendapatan" in salah.kesalahan[0]
        assert "harus berupa angka" in salah.kesalahan[2]
        assert BarisApbdes.objects.filter(apbdes__tahun=2026).count() == 5  # nothing replaced

        judul_salah = services.apbdes_impor(tahun=2026, berkas=_xlsx([], header=["A", "B"]))
        assert "Baris judul harus" in judul_salah.kesalahan[0]


def test_parent_and_child_codes_cannot_both_be_rows(village):
    from django.core.exceptions import ValidationError

    with village_context(village):
        apbdes = services.apbdes_create(tahun=2024)
        services.baris_save(
            apbdes=apbdes, kelompok="belanja", kode="2.3.01", uraian="Jalan", anggaran=10
        )
        with pytest.raises(ValidationError, match="induk"):
            services.baris_save(
                apbdes=apbdes, kelompok="belanja", kode="2.3.01.1", uraian="Rinci", anggaran=5
            )


def test_back_office_import_and_template(village_client, village, operator):
    with village_context(village):
        village_client.force_login(operator)
    template = village_client.get("/keuangan/kelola/templat.xlsx")
    assert template.status_code == 200
    response = village_client.post(
        "/keuangan/kelola/impor/",
        {"tahun": 2025, "berkas": io.BytesIO(template.content)},
        format="multipart",
    )
    assert response.status_code == 302
    page = village_client.get("/keuangan/kelola/2025/").content.decode()
    assert "Pembangunan jalan desa" in page
    bad = village_client.post(
        "/keuangan/kelola/impor/", {"tahun": 2025, "berkas": _xlsx([["X", "1", "", 1, 0, 0]])}
    )
    assert bad.status_code == 400
    assert "Baris 2" in bad.content.decode()


def test_public_page_shows_infographic_as_svg(village_client, village):
    with village_context(village):
        apbdes = services.apbdes_create(tahun=2025)
        services.baris_save(
            apbdes=apbdes,
            kelompok="pendapatan",
            kode="4.2.1",
            uraian="Dana Desa",
            anggaran=1000,
            realisasi_s1=600,
        )
        services.baris_save(
            apbdes=apbdes,
            kelompok="belanja",
            kode="3.2.01",
            uraian="<script>alert(1)</script>",
            anggaran=800,
        )
    html = village_client.get("/keuangan/").content.decode()
    assert html.count("<svg") == 3
    assert "Belanja per bidang" in html and "60,0%" in html
    assert "<script>alert(1)" not in html


@pytest.fixture
def kelurahan(village):
    from tenants.models import Village

    Village.objects.filter(pk=village.pk).update(kind="kelurahan")
    routing.invalidate()
    yield village
    Village.objects.filter(pk=village.pk).update(kind="desa")
    routing.invalidate()


def test_kelurahan_have_no_apbdes(village_client, kelurahan):
    response = village_client.get("/keuangan/")
    assert response.status_code == 404
    assert "tidak memiliki Anggaran Pendapatan dan Belanja Desa" in response.content.decode()
    assert 'href="/keuangan/"' not in village_client.get("/").content.decode()


def test_facade_summary_for_dashboards(village):
    from village_apps.keuangan.demo import load_demo_village
    from village_apps.keuangan.facade import apbdes_ringkasan

    with village_context(village):
        load_demo_village(village=village)
        tahun = Apbdes.objects.get().tahun
        ringkasan = apbdes_ringkasan(tahun=tahun)
        assert ringkasan.pendapatan == Decimal("1460000000")
        assert (
            sum(ringkasan.belanja_per_bidang.values()) == ringkasan.belanja == Decimal("1415000000")
        )
        assert ringkasan.pembiayaan_netto == Decimal("-45000000")
        assert apbdes_ringkasan(tahun=1999) is None
