"""The merge-field renderer: OpenSID's case rules, terbilang, hitung, safety."""

import pytest

from village_apps.surat import merge

VALUES = {"nama_desa": "hajimena mAKMUR", "nama": "budi al-hakim", "kode": "x"}


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        # first and last letter upper: the value as stored
        ("[NAMA_DESA]", "hajimena mAKMUR"),
        ("[NamA]", "budi al-hakim"),
        # first letter lower: lowercase
        ("[nama_desa]", "hajimena makmur"),
        ("[nAMA_DESa]", "hajimena makmur"),
        # first two letters upper: UPPERCASE
        ("[NAma_desa]", "HAJIMENA MAKMUR"),
        # first upper, second lower: Title Case (also after "-" and "/", balai_kernel.casing)
        ("[Nama_desa]", "Hajimena Makmur"),
        ("[NaMa_desa]", "Hajimena Makmur"),
        ("[Nama]", "Budi Al-Hakim"),
    ],
)
def test_case_rules(written, expected):
    assert merge.render(written, VALUES) == expected


def test_sentence_case_for_other_first_upper_forms():
    assert merge.apply_case("N_desa", "HAJIMENA MAKMUR") == "Hajimena makmur"
    assert merge.apply_case("K1", "SATU DUA") == "Satu dua"


def test_values_are_escaped_and_not_rescanned():
    out = merge.render("[nama] [kode]", {"nama": "<b>[kode]</b>", "kode": "x"})
    assert out == "&lt;b&gt;[kode]&lt;/b&gt; x"


def test_unknown_fields_stay_and_are_reported():
    template = "[nama] [klg1_nik] [terbilang][5]"
    assert merge.render(template, {"nama": "a"}) == "a [klg1_nik] lima"
    assert merge.unknown_fields(template, {"nama"}) == ["klg1_nik"]


def test_raw_fields_are_not_escaped():
    assert merge.render("[qr_code]", {"qr_code": "<img>"}, raw=["qr_code"]) == "<img>"


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "nol"),
        (1, "satu"),
        (11, "sebelas"),
        (15, "lima belas"),
        (21, "dua puluh satu"),
        (100, "seratus"),
        (111, "seratus sebelas"),
        (1000, "seribu"),
        (1001, "seribu satu"),
        (2500, "dua ribu lima ratus"),
        (1_500_000, "satu juta lima ratus ribu"),
        (112_000_000, "seratus dua belas juta"),
        (3_000_000_001, "tiga miliar satu"),
        (-7, "minus tujuh"),
    ],
)
def test_terbilang(number, words):
    assert merge.terbilang(number) == words


def test_terbilang_and_hitung_in_templates_follow_case():
    values = {"form_penghasilan_ayah": "1.500.000", "form_penghasilan_ibu": "500.000"}
    template = (
        "[Form_penghasilan_ayaH] ([Terbilang][[Form_penghasilan_ayaH]]) "
        "[HitunG][[Form_penghasilan_ayaH]+[Form_penghasilan_ibU]] "
        "([TErbilang][[HitunG][[Form_penghasilan_ayaH]+[Form_penghasilan_ibU]]])"
    )
    assert merge.render(template, values) == (
        "1.500.000 (Satu Juta Lima Ratus Ribu) 2.000.000 (DUA JUTA)"
    )


def test_hitung_is_not_eval():
    assert merge.hitung("__import__('os')") is None
    assert merge.hitung("2*3") == 6


def test_number_width():
    assert merge.render("[nomor_surat, 3]", {"nomor_surat": "7"}) == "007"


def test_title_and_sentence_case_keep_abbreviations_and_compounds():
    """Finding 7 of issue 18: "Pengajuan Kur Bank", "Tukang Las/pandai Besi" (OpenSID's
    ``kasus_lain`` restored abbreviations in three fields only, ``ucwords`` split only
    at spaces)."""
    values = {
        "pendidikan_kk": "SLTA/SEDERAJAT",
        "pekerjaan": "ANGGOTA TNI/POLRI",
        "form_keperluan": "pengajuan KUR bank bri",
        "nama": "TUKANG LAS/PANDAI BESI",
    }
    assert merge.render("[Pendidikan_kk]", values) == "SLTA/Sederajat"
    assert merge.render("[Pekerjaan]", values) == "Anggota TNI/POLRI"
    assert merge.render("[pekerjaan]", values) == "anggota tni/polri"  # lowercase stays lowercase
    assert merge.render("[Form_keperluan]", values) == "Pengajuan KUR Bank BRI"
    assert merge.render("[Nama]", values) == "Tukang Las/Pandai Besi"
