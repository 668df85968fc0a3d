"""Property tests for the validators that guard personal numbers and region codes, and
for the letter merge (issue 11, "Bad input").

- NIK / No. KK: exactly 16 ASCII digits (not "…\\n", not Arabic-Indic digits); the
  structure check (DDMMYY, +40 for women) agrees with the birth date it was built
  from and never raises on anything.
- Kemendagri codes: dotted and undotted forms are the same code; anything else is
  refused or yields 10 ASCII digits.
- Letter merge fields: any text in a value stays text — escaped, never run as a
  template (``{{ settings.SECRET_KEY }}``, ``{% load %}``), never re-scanned for
  ``[kode]`` — and the letter still renders as a PDF, through the real page too.
"""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.utils.html import escape
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from tenants.models import code_digits, code_dotted
from village_apps.opensid_import.mapping import kode_digits
from village_apps.penduduk.validation import nik_temuan_struktur, nomor_16_digit
from village_apps.surat import merge
from village_apps.surat.pdf import Halaman, render_pdf

pytestmark = pytest.mark.security

ANGKA = "0123456789"
JAHAT = [
    "{{ settings.SECRET_KEY }}",
    "{% load static %}{% debug %}",
    "<script>alert(1)</script>",
    "[nama] [NIK] [hitung][1+1] [terbilang][12]",
    '"><img src=x onerror=alert(1)>',
    "${7*7} #{7*7} <%= 7*7 %>",
    '=HYPERLINK("http://contoh.invalid")',
    "a" * 3000,
]


def _teks_pdf(pdf: bytes) -> str:
    """The PDF's text (pypdf sometimes decodes WeasyPrint's subset fonts as UTF-16)."""
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).replace("\x00", "")


def _ascii_16(teks: str) -> bool:
    return len(teks) == 16 and all(c in ANGKA for c in teks)


class _SemuaDikenal(dict):
    """A prefix cache that knows every kabupaten (the structure check without a database)."""

    def __contains__(self, key: object) -> bool:
        return True

    def __missing__(self, key: str) -> bool:
        return True


# --- NIK and No. KK -----------------------------------------------------------------------


@given(st.text(max_size=24))
@example("1801044112990001\n")  # "$" matches before a final newline
@example("١٨٠١٠٤٤١١٢٩٩٠٠٠١")  # Arabic-Indic digits are \d too
@example("18010441129900011")
def test_nik_and_kk_are_exactly_16_ascii_digits(teks):
    assert nomor_16_digit(teks) is _ascii_16(teks)


@given(
    prefix=st.text(ANGKA, min_size=6, max_size=6).filter(lambda p: p[0] != "0"),
    lahir=st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    sex=st.sampled_from([1, 2]),
    urut=st.text(ANGKA, min_size=4, max_size=4),
)
def test_a_nik_built_from_its_birth_date_and_sex_has_no_findings(prefix, lahir, sex, urut):
    hari = lahir.day + (40 if sex == 2 else 0)
    nik = f"{prefix}{hari:02d}{lahir.month:02d}{lahir.year % 100:02d}{urut}"
    assert nomor_16_digit(nik)
    assert nik_temuan_struktur(nik, tanggallahir=lahir, sex=sex, cache=_SemuaDikenal()) == []


@given(
    nik=st.text(ANGKA, min_size=16, max_size=16).filter(lambda n: n[0] != "0"),
    lahir=st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    sex=st.sampled_from([1, 2]),
)
def test_a_nik_whose_date_differs_from_the_birth_date_is_reported(nik, lahir, sex):
    hari, bulan, tahun = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    cocok = (hari % 40, bulan, tahun) == (lahir.day, lahir.month, lahir.year % 100)
    temuan = nik_temuan_struktur(nik, tanggallahir=lahir, sex=sex, cache=_SemuaDikenal())
    assert any("tidak sesuai" in t for t in temuan) is not cocok


@given(
    st.text(max_size=20),
    st.one_of(st.none(), st.dates()),
    st.sampled_from([None, 0, 1, 2, 3]),
)
def test_the_nik_structure_check_never_raises(nik, lahir, sex):
    temuan = nik_temuan_struktur(nik, tanggallahir=lahir, sex=sex, cache=_SemuaDikenal())
    assert all(isinstance(t, str) for t in temuan)
    if not _ascii_16(nik):
        assert temuan == []


# --- Kemendagri region codes -----------------------------------------------------------


@given(st.text(ANGKA, min_size=10, max_size=10))
def test_dotted_and_undotted_codes_are_the_same_code(kode):
    titik = code_dotted(kode)
    assert re.fullmatch(r"[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}", titik)
    assert code_digits(titik) == code_digits(kode) == code_digits(f"  {titik} ") == kode
    assert kode_digits(titik) == kode


@given(st.text(max_size=30))
@example("١٨.٠١.٠٤.٢٠٠١")  # Arabic-Indic digits
@example("1801042001\n")
@example("desa 18.01.04.2001 lampung")
def test_anything_else_is_refused_or_yields_ten_ascii_digits(teks):
    try:
        kode = code_digits(teks)
    except ValidationError:
        return
    assert len(kode) == 10 and all(c in ANGKA for c in kode)
    assert re.fullmatch(r"[0-9. \-]+", teks.strip())  # only separators besides the digits
    assert all(c in ANGKA for c in kode_digits(teks))


# --- letter merge fields ------------------------------------------------------------------


@given(st.one_of(st.text(), st.sampled_from(JAHAT)))
@example("{{ settings.SECRET_KEY }}")
def test_a_merge_value_is_escaped_text_and_never_runs(nilai):
    # [FORM_X]: first and last letter upper case, so the value is used as written.
    hasil = merge.render("<p>[FORM_X]</p>", {"form_x": nilai, "nama": "BUDI"})
    assert hasil == f"<p>{escape(nilai)}</p>"  # one pass: "[nama]" inside stays as it is
    assert django_settings.SECRET_KEY not in hasil


TEMPLAT = st.lists(
    st.sampled_from(
        list("[]()+-*/.,0123456789 <>&\"'{}%")
        + ["[nama]", "[Form_x]", "[hitung]", "[terbilang]", "[nomor_surat, 3]", "[FORM_X]"]
    ),
    max_size=40,
).map("".join)


@given(TEMPLAT, st.one_of(st.text(max_size=60), st.sampled_from(JAHAT)))
def test_any_template_with_any_value_renders(templat, nilai):
    hasil = merge.render(templat, {"form_x": nilai, "nama": nilai, "nomor_surat": nilai})
    assert isinstance(hasil, str)
    assert "<script" not in hasil.lower()  # values are escaped; the template has no letters


@settings(max_examples=8, deadline=None)
@given(st.sampled_from(JAHAT[:6]), st.text(max_size=80))
def test_the_merged_letter_is_still_a_pdf_that_shows_the_text(jahat, acak):
    nilai = f"{jahat} {acak}"
    isi = merge.render("<p>Keperluan: [FORM_X]</p><p>[Nama]</p>", {"form_x": nilai, "nama": "Budi"})
    pdf = render_pdf(isi, halaman=Halaman())
    teks = _teks_pdf(pdf)
    assert "Budi" in teks
    assert django_settings.SECRET_KEY not in teks
    kata = jahat.split()[0].strip("[]<>\"'")
    if kata.isascii() and kata:
        assert kata in teks.replace("\n", " "), (kata, teks[:200])


# --- through the real letter page ---------------------------------------------------------


@pytest.mark.django_db
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    nilai=st.one_of(st.sampled_from(JAHAT), st.text(max_size=200)),
    penandatangan=st.sampled_from(["", "abc", "99999999", "-1", "1e3", "١"]),
    aksi=st.sampled_from(["pratinjau", "terbitkan"]),
)
@example(nilai="a\x00b{{ settings.SECRET_KEY }}", penandatangan="", aksi="terbitkan")
@example(nilai=JAHAT[0], penandatangan="", aksi="pratinjau")
@example(nilai=JAHAT[0], penandatangan="", aksi="terbitkan")
def test_letter_page_never_fails_on_any_value(surat_uji, nilai, penandatangan, aksi):
    client, url = surat_uji
    data = {"form_keperluan": nilai, "penandatangan": penandatangan, "aksi": aksi}
    response = client.post(url, data)
    if "\x00" in nilai + penandatangan:  # refused before any view (NulByteMiddleware)
        assert response.status_code == 400, response.status_code
        return
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 302:  # issued: to the letter, not to the login page
        assert re.fullmatch(r"/surat/kelola/[0-9]+/", response["Location"]), response["Location"]
    if response["Content-Type"] == "application/pdf":
        assert django_settings.SECRET_KEY not in _teks_pdf(response.content)
    if penandatangan == "" and nilai in JAHAT:
        # A filled-in field and no signatory: nothing to refuse, so the preview is a PDF
        # and issuing redirects (else the checks above might never run).
        if aksi == "pratinjau":
            assert response["Content-Type"] == "application/pdf"
        else:
            assert response.status_code == 302


@pytest.fixture
def surat_uji(village, village_client):
    from tenants.context import village_context
    from tests.support.builders import village_login
    from tests.village_apps.surat.helpers import penduduk_make
    from village_apps.akun.services import village_user_create
    from village_apps.surat.models import FormatSurat
    from village_apps.surat.services import format_surat_seed

    with village_context(village):
        format_surat_seed()
        fmt = FormatSurat.objects.get(slug="keterangan-domisili")
        warga = penduduk_make(nama="Budi {{ settings.SECRET_KEY }} <b>")
        user = village_user_create(
            username="uji-surat-prop", role="operator", password="sandi-kuat-12345"
        )
    client = village_login(village_client, user, village)
    return client, f"/surat/kelola/buat/{fmt.pk}/{warga.pk}/"
