"""Indonesian title and sentence case (``balai_kernel.casing``): abbreviations and the
parts of compounds survive (issue 18, finding 7: "Pengajuan Kur Bank", "Tukang
Las/pandai Besi")."""

import pytest

from balai_kernel.casing import ACRONYMS, sentence_case, title_case


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("PENGAJUAN KUR BANK", "Pengajuan KUR Bank"),
        ("pengajuan kur bank bri", "Pengajuan KUR Bank BRI"),
        ("TUKANG LAS/PANDAI BESI", "Tukang Las/Pandai Besi"),
        ("tukang las/pandai besi", "Tukang Las/Pandai Besi"),
        ("ANGGOTA TNI/POLRI", "Anggota TNI/POLRI"),
        ("PEGAWAI NEGERI SIPIL (PNS)", "Pegawai Negeri Sipil (PNS)"),
        ("SLTA/SEDERAJAT", "SLTA/Sederajat"),
        ("DIPLOMA IV/STRATA I", "Diploma IV/Strata I"),
        (
            "jl. melati no. 5 rt 001 rw 002 dusun krajan",
            "Jl. Melati No. 5 RT 001 RW 002 Dusun Krajan",
        ),
        ("DUSUN II", "Dusun II"),
        ("anak-anak", "Anak-Anak"),
        ("MA'RUF AMIN", "Ma'ruf Amin"),
        ("drs. h. ahmad, s.pd., m.m.", "Drs. H. Ahmad, S.Pd., M.M."),
        ("KETUA BPD DAN PKK", "Ketua BPD Dan PKK"),
        ("UNIT BUMDES", "Unit BUMDes"),
        # Short words that are also abbreviations stay capitals only when written so.
        ("SD MI AL-HUDA", "SD MI Al-Huda"),
        ("pedagang mi ayam", "Pedagang Mi Ayam"),
        ("", ""),
    ],
)
def test_title_case(data, expected):
    assert title_case(data) == expected


def test_sentence_case_keeps_abbreviations():
    assert sentence_case("SUDAH DIPERIKSA KETUA RT DAN RW") == "Sudah diperiksa ketua RT dan RW"
    assert sentence_case("untuk pengajuan kur") == "Untuk pengajuan KUR"


def test_every_abbreviation_is_capitals_and_short():
    assert all(a.isupper() for a in ACRONYMS)
    assert {"KUR", "RT", "RW", "KTP", "NIK", "BPD", "PNS", "TNI", "POLRI"} <= ACRONYMS
