"""Roles that see masked NIK/KK numbers (the peninjau, once "viewer") can not recover them.

The register below gives one family full coverage: a resident with a household, a
group, two aid programmes (one by resident, one by family), an issued letter, a
self-service request with a document, and a child born in the village. Then, logged
in as a peninjau, the tests walk every page of the village URLconf (links followed from
every route, and every route not linked filled with the register's ids), and:

- **search sweep**: on every page a viewer can open, every query parameter the view
  reads (recorded while it runs) and every GET-form field is given parts of the NIK and
  KK (prefixes, a suffix, a middle, ``%``/``_`` wildcards, padded, full-width digits)
  and, beside each, the same text with one digit wrong. A page that answers the two
  differently has told the viewer a digit. Choices (selects, page links) get a prefix
  and the sort keys (``nik``). Editors get prefix matches on the same pages (control).
  Whole numbers still match for viewers (control), and each such search, in every
  spelling that finds the family, is budgeted.
- **crawl**: no page, PDF, export or header a viewer reaches carries a full NIK or KK
  of the register, in any spelling; an editor's crawl finds every one of them (control),
  the letter's number inside its PDF too.
- **mask**: what the viewer's list shows (village, birth date, sex) gives 12 of the 16
  digits of a NIK; the mask must not give any of the rest.

Routes are taken from the URLconf at run time, so a page or a search added later is
swept without touching this file.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import zipfile
import zlib
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, quote, quote_plus, urlencode, urljoin, urlsplit

import pytest
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.handlers.wsgi import WSGIRequest, get_bytes_from_wsgi
from django.http import QueryDict
from django.urls import Resolver404, resolve
from django.utils import timezone

from tenants.context import village_context
from tests.security.rute import TENANT_URLCONF, url_patterns
from tests.support.builders import village_login

pytestmark = pytest.mark.security

# A family that moved in from Kabupaten Bogor: their numbers share no digits with the
# village's code (which letter numbers contain), so a match on them means a NIK or KK.
NIK_IBU = "3201014903877359"  # Ani Wulandari, woman (day 09 + 40), born 09-03-1987
NO_KK = "3201012205158461"  # issued in Bogor 22-05-2015
# Her son, born in the village: region 180104 (the village's kecamatan), male, 12-08-2015.
NIK_ANAK = "1801041208156284"
SECRETS = (NIK_IBU, NO_KK, NIK_ANAK)


# --- the register ---------------------------------------------------------------------


@pytest.fixture
def register(village, settings, tmp_path):
    from django.core.files.storage import default_storage

    from tests.village_apps.surat.helpers import penduduk_make
    from village_apps.akun.services import village_user_create
    from village_apps.bantuan.choices import AsalDana, Sasaran
    from village_apps.bantuan.models import Peserta, Program
    from village_apps.kelompok.models import KategoriKelompok, Kelompok, KelompokAnggota
    from village_apps.keluarga.models import Keluarga, RumahTangga
    from village_apps.mandiri.models import DokumenSyarat, Permohonan
    from village_apps.penduduk.models import Penduduk
    from village_apps.surat.models import FormatSurat
    from village_apps.surat.services import format_surat_seed, surat_issue

    settings.MEDIA_ROOT = tmp_path
    with village_context(village):
        ibu = penduduk_make(
            nama="Ani Wulandari", nik=NIK_IBU, sex=2, tanggallahir=dt.date(1987, 3, 9)
        )
        Keluarga.objects.filter(pk=ibu.keluarga_id).update(no_kk=NO_KK)
        anak = Penduduk.objects.create(
            nik=NIK_ANAK,
            nama="Zaki Pratama",
            sex=1,
            tempatlahir="Hajimena",
            tanggallahir=dt.date(2015, 8, 12),
            agama_id=1,
            pekerjaan_id=1,
            status_kawin=1,
            kk_level=4,
            keluarga_id=ibu.keluarga_id,
            wilayah=ibu.wilayah,
        )
        rumah = RumahTangga.objects.create(no_rtm="RTM-A1", kepala=ibu)
        Penduduk.objects.filter(pk__in=[ibu.pk, anak.pk]).update(rumah_tangga=rumah)
        kategori = KategoriKelompok.objects.create(nama="Kelompok tani uji")
        kelompok = Kelompok.objects.create(
            kategori=kategori, kode="KLP-A1", nama="Tani Makmur", ketua=ibu
        )
        KelompokAnggota.objects.create(kelompok=kelompok, penduduk=ibu, jabatan="Ketua")
        today = timezone.localdate()  # the platform's calendar day (Asia/Jakarta)
        perorangan, keluarga_program = (
            Program.objects.create(
                nama=nama, sasaran=sasaran, asal_dana=dana, mulai=today, selesai=today
            )
            for nama, sasaran, dana in (
                ("BLT Uji", Sasaran.PENDUDUK, AsalDana.DANA_DESA),
                ("PKH Uji", Sasaran.KELUARGA, AsalDana.PUSAT),
            )
        )
        Peserta.objects.create(
            program=perorangan, penduduk=ibu, no_peserta="BLT-0042", kartu_nik=NIK_IBU
        )
        # A card number that is a NIK, as operators sometimes type it.
        Peserta.objects.create(program=perorangan, penduduk=anak, no_peserta=NIK_ANAK)
        Peserta.objects.create(
            program=keluarga_program, keluarga_id=ibu.keluarga_id, kartu_nik=NIK_IBU
        )
        format_surat_seed()
        fmt = FormatSurat.objects.get(slug="keterangan-domisili")
        surat = surat_issue(format_surat=fmt, penduduk=ibu, isian={"form_keperluan": "bank"})
        permohonan = Permohonan.objects.create(
            penduduk=ibu,
            format=fmt,
            isian={
                "form_keperluan": f"sekolah anak NIK {NIK_ANAK}",
                "form_keterangan": "ibu " + "-".join(NIK_IBU[i : i + 4] for i in (0, 4, 8, 12)),
            },
        )
        berkas = default_storage.save("mandiri/syarat/2026/kk.pdf", ContentFile(b"%PDF-1.4 kk"))
        dokumen = DokumenSyarat.objects.create(
            permohonan=permohonan, nama="KK", berkas=berkas, tipe="application/pdf", ukuran=11
        )
        users = {
            role: village_user_create(username=f"sapu-{role}", role=role)
            for role in ("peninjau", "operator")
        }
    ids = {
        "ibu": ibu.pk,
        "anak": anak.pk,
        "keluarga": ibu.keluarga_id,
        "rumah": rumah.pk,
        "kelompok": kelompok.pk,
        "program": perorangan.pk,
        "program_kk": keluarga_program.pk,
        "surat": surat.pk,
        "format": fmt.pk,
        "permohonan": permohonan.pk,
        "dokumen": dokumen.pk,
        "tahun": today.year,
    }
    seeds = [
        f"/kelola/penduduk/{ibu.pk}/",
        f"/kelola/penduduk/{anak.pk}/",
        f"/kelola/keluarga/{ibu.keluarga_id}/",
        f"/kelola/keluarga/rumah-tangga/{rumah.pk}/",
        f"/kelola/kelompok/{kelompok.pk}/",
        f"/bantuan/kelola/{perorangan.pk}/",
        f"/bantuan/kelola/{keluarga_program.pk}/",
        f"/surat/kelola/{surat.pk}/",
        f"/surat/kelola/{surat.pk}/unduh/",
        f"/mandiri/kelola/{permohonan.pk}/",
        f"/mandiri/kelola/dokumen/{dokumen.pk}/",
    ]
    return {"users": users, "ids": ids, "seeds": seeds, "surat": surat}


def _client(village, user):
    from django.test import Client

    return village_login(Client(HTTP_HOST=village.host), user, village)


# --- fetching, with the query parameters each view reads --------------------------------

_READ: set[str] = set()


class _RecordingQueryDict(QueryDict):
    """``request.GET`` that notes every key a view or its template asks for."""

    def __getitem__(self, key):
        _READ.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        _READ.add(key)
        return super().__contains__(key)

    def getlist(self, key, default=None):
        _READ.add(key)
        return super().getlist(key, default)


@pytest.fixture
def recording(monkeypatch):
    def get(self):
        if "_sapu_get" not in self.__dict__:
            raw = get_bytes_from_wsgi(self.environ, "QUERY_STRING", "")
            self.__dict__["_sapu_get"] = _RecordingQueryDict(raw, encoding=self._encoding)
        return self.__dict__["_sapu_get"]

    def set_(self, value):
        self.__dict__["_sapu_get"] = value

    def del_(self):
        self.__dict__.pop("_sapu_get", None)

    monkeypatch.setattr(WSGIRequest, "GET", property(get, set_, del_))


@dataclass
class Fetched:
    url: str
    status: int
    content_type: str
    body: bytes
    headers: str
    reads: set[str] = field(default_factory=set)

    @property
    def html(self) -> str:
        return self.body.decode("utf-8", "replace") if "html" in self.content_type else ""


def fetch(client, url: str) -> Fetched:
    _READ.clear()
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    headers = " ".join(f"{k}: {v}" for k, v in response.items())
    return Fetched(
        url, response.status_code, response.get("Content-Type", ""), body, headers, set(_READ)
    )


# --- walking every page -----------------------------------------------------------------

LINK = re.compile(r"""(?:href|src|action)\s*=\s*["']([^"'#]+)""")
PER_ROUTE = 3
CANDIDATE_TEXT = ("contoh", "x")


def _route(path: str) -> str | None:
    try:
        return resolve(path, urlconf=TENANT_URLCONF).route
    except Resolver404:
        return None


def _links(page: Fetched) -> list[str]:
    found = []
    for raw in LINK.findall(page.html):
        url = urljoin(page.url, html.unescape(raw))
        parts = urlsplit(url)
        if parts.netloc or not parts.path.startswith("/") or parts.path.startswith("/static/"):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def _fills(route: str, ids: dict, village) -> list[str]:
    """Concrete URLs for a route no link led to: its parameters from the register."""
    import itertools

    names = re.findall(r"<(?:(\w+):)?(\w+)>", route)
    choices = []
    for converter, name in names:
        if converter == "int":
            choices.append(sorted({str(v) for v in ids.values()}))
        elif name == "schema":
            choices.append([village.schema_name])
        else:
            choices.append(list(CANDIDATE_TEXT))
    urls = []
    for combo in itertools.islice(itertools.product(*choices), 150):
        parts = iter(combo)
        urls.append("/" + re.sub(r"<(?:\w+:)?\w+>", lambda _m, p=parts: next(p), route))
    return urls


def walk(client, register, village) -> dict[str, Fetched]:
    """Every page reachable for ``client``'s user: links from the start of every route
    and from the register's pages, then each route no link led to, filled in."""
    routes = {route for urlconf, route, _, _ in url_patterns((TENANT_URLCONF,))}
    starts = [f"/{r}" for r in routes if "<" not in r] + register["seeds"]
    fetched: dict[str, Fetched] = {}
    per_route: dict[str, int] = {}
    queue = deque(starts)
    while queue:
        url = queue.popleft()
        route = _route(url.split("?", 1)[0])
        if url in fetched or route is None:
            continue
        if per_route.get(route, 0) >= PER_ROUTE and url not in register["seeds"]:
            continue
        per_route[route] = per_route.get(route, 0) + 1
        page = fetched[url] = fetch(client, url)
        if page.status in (301, 302) and (location := _location(page)):
            queue.append(location)
        queue.extend(_links(page))
    for route in sorted(routes - set(per_route)):
        for url in _fills(route, register["ids"], village):
            page = fetched[url] = fetch(client, url)
            per_route[route] = per_route.get(route, 0) + 1
            if page.status in (401, 403, 405):
                break  # decided by the role or method, not the ids
    missing = routes - set(per_route)
    assert not missing, f"routes never requested: {sorted(missing)}"
    return fetched


def _location(page: Fetched) -> str | None:
    match = re.search(r"Location: (\S+)", page.headers)
    if match is None:
        return None
    parts = urlsplit(match.group(1))
    if parts.netloc and not parts.netloc.endswith("localhost"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


# --- what a response says, in every form a number could take -----------------------------


def readable(page: Fetched) -> str:
    """The response's text: HTML/CSV/JSON as is, PDF text, spreadsheet cells, ZIP
    members, and the headers (file names, redirects)."""
    body = page.body
    parts = [page.headers]
    if body.startswith(b"%PDF"):
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        try:
            parts += [p.extract_text() or "" for p in PdfReader(io.BytesIO(body)).pages]
        except (PdfReadError, ValueError):  # not a whole PDF (an upload): its bytes below
            pass
        parts.append(body.decode("latin-1"))
    elif body.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            for name in archive.namelist():
                parts.append(archive.read(name).decode("utf-8", "replace"))
        if "spreadsheet" in page.content_type:
            from openpyxl import load_workbook

            book = load_workbook(io.BytesIO(body), read_only=True)
            for sheet in book.worksheets:
                for row in sheet.iter_rows(values_only=True):
                    parts.append(" ".join(str(v) for v in row if v is not None))
    else:
        parts.append(body.decode("utf-8", "replace"))
    return "\n".join(parts).replace("\x00", "")


def numbers_in(text: str) -> set[str]:
    """The register's numbers found in ``text``, written plainly or split by spaces,
    dots, dashes or markup (every digit of the page read in order)."""
    digits = re.sub(r"\D", "", html.unescape(text))
    return {s for s in SECRETS if s in text or s in digits}


# --- 1. the crawl ------------------------------------------------------------------------


def test_no_full_nik_or_kk_reaches_a_peninjau(village, register):
    viewer = walk(_client(village, register["users"]["peninjau"]), register, village)
    opened = [p for p in viewer.values() if p.status == 200]
    # The walk saw the register's pages as a viewer (an empty walk would prove nothing).
    assert {f"/kelola/penduduk/{register['ids']['ibu']}/", "/kelola/penduduk/"} <= {
        p.url for p in opened
    }
    assert any("Ani Wulandari" in p.html for p in opened)
    leaks = {p.url: sorted(numbers_in(readable(p))) for p in viewer.values()}
    assert not {url: found for url, found in leaks.items() if found}


def test_an_editor_walking_the_same_pages_finds_every_number(village, register):
    """Control: the walk and the readers find these numbers where they are shown."""
    editor = walk(_client(village, register["users"]["operator"]), register, village)
    found = set().union(*(numbers_in(readable(p)) for p in editor.values()))
    assert found == set(SECRETS)
    letter = editor[f"/surat/kelola/{register['surat'].pk}/unduh/"]
    assert letter.status == 200 and letter.body.startswith(b"%PDF")
    assert NIK_IBU in numbers_in(readable(letter))


def test_viewer_gets_no_letter_pdf(village, register):
    viewer = _client(village, register["users"]["peninjau"])
    pk = register["surat"].pk
    assert viewer.get(f"/surat/kelola/{pk}/unduh/").status_code == 403
    detail = viewer.get(f"/surat/kelola/{pk}/").content.decode()
    assert register["surat"].nomor in detail and f"/surat/kelola/{pk}/unduh/" not in detail


# --- 2. the mask -------------------------------------------------------------------------


def test_the_mask_adds_nothing_to_what_a_viewer_can_derive(village, register):
    """Zaki's row on the viewer's list shows his birth date and sex; with the village's
    kecamatan code that is 12 of his NIK's 16 digits. The mask must show none of the
    other four (the old mask showed the last four: the whole number)."""
    viewer = _client(village, register["users"]["peninjau"])
    page = viewer.get("/kelola/penduduk/", {"q": "Zaki Pratama"}).content.decode()
    row = next(r for r in re.findall(r"<tr>.*?</tr>", page, re.S) if "Zaki Pratama" in r)
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
    day, month, year = next(
        re.fullmatch(r"(\d\d)-(\d\d)-(\d{4})", c)
        for c in cells
        if re.fullmatch(r"\d\d-\d\d-\d{4}", c)
    ).groups()
    woman = "P" in cells
    derived = f"{village.code[:6]}{int(day) + 40 * woman:02d}{month}{year[2:]}"
    assert derived == NIK_ANAK[:12]  # the premise: 12 digits follow from the page
    shown = [c for c in cells if len(c) == 16 and "*" in c]
    assert shown, cells
    for token in shown:
        assert not re.search(r"\d", token[12:]), f"the mask shows serial digits: {token}"


def test_masked_tokens_never_show_a_serial_digit(village, register):
    """Every masked number on every page a viewer opens hides digits 13–16."""
    viewer = walk(_client(village, register["users"]["peninjau"]), register, village)
    tokens = {
        token
        for page in viewer.values()
        for token in re.findall(r"(?<![\w*])[0-9*]{16}(?![\w*])", page.html)
        if "*" in token
    }
    assert tokens  # the viewer's pages do show masked numbers
    assert not [t for t in tokens if re.search(r"\d", t[12:])]


# --- 3. the search sweep -----------------------------------------------------------------


def _wrong(digit: str) -> str:
    return str((int(digit) + 5) % 10)


def _fullwidth(text: str) -> str:
    return "".join(chr(0xFF10 + int(c)) if c.isdigit() else c for c in text)


def probe_pairs(number: str) -> list[tuple[str, str]]:
    """(a part of ``number``, the same with one digit wrong): a page answering the two
    differently has confirmed that digit. Prefixes (``startswith``), a suffix and a
    middle (``endswith``/``contains``), SQL wildcards, padding and full-width digits
    (searches that normalise their input)."""
    w = _wrong
    return [
        (number[:9], number[:8] + w(number[8])),
        (number[:15], number[:14] + w(number[14])),
        (number[-4:], w(number[-4]) + number[-3:]),
        (number[6:12], number[6:11] + w(number[11])),
        (number[:12] + "%", number[:11] + w(number[11]) + "%"),
        (number[:15] + "_", number[:14] + w(number[14]) + "_"),
        (" " + number[:15] + " ", " " + number[:14] + w(number[14]) + " "),
        (_fullwidth(number[:15]), _fullwidth(number[:14] + w(number[14]))),
    ]


def _whole_spellings(number: str) -> list[tuple[str, str]]:
    """A whole number as typed, padded, dashed, full-width and with a tail (a view that
    cuts its input to 16 characters keeps the number), beside the same one digit off."""
    wrong = number[:15] + _wrong(number[15])
    return [
        (f(number), f(wrong))
        for f in (
            str,
            lambda n: f" {n} ",
            lambda n: f"{n[:4]}-{n[4:8]}-{n[8:12]}-{n[12:]}",
            _fullwidth,
            lambda n: n + "0",
        )
    ]


WHOLE = [*_whole_spellings(NIK_IBU), _whole_spellings(NO_KK)[0]]


SORT_PAIRS = [(key, "zzz") for key in ("nik", "-nik", "no_kk", "-no_kk", "kartu_nik")]
FORM = re.compile(r"<form\b(?![^>]*method=[\"']?post)[^>]*>(.*?)</form>", re.S | re.I)
FIELD = re.compile(r"<(input|select|textarea)\b([^>]*)>", re.I)
NAME = re.compile(r"\bname=[\"']([^\"']+)", re.I)
TYPE = re.compile(r"\btype=[\"']?(\w+)", re.I)
IGNORED = {"csrfmiddlewaretoken", "language", "next"}


def searchable(pages: dict[str, Fetched]) -> dict[str, dict[str, bool]]:
    """Each page the user opens → the parameters its view read while the walk fetched
    it and the fields its GET forms offer, each marked whether a user types it (text,
    search, number fields; and parameters read but offered by no form or link, which
    only someone crafting URLs sets) or picks it (selects, page numbers in links)."""
    found: dict[str, dict[str, bool]] = {}
    for url, page in pages.items():
        if page.status != 200 or "html" not in page.content_type:
            continue
        linked = {k for link in _links(page) for k, _ in parse_qsl(urlsplit(link).query)}
        params = {k: k not in linked for k in page.reads}
        for form in FORM.findall(page.html):
            for tag, attrs in FIELD.findall(form):
                if (name := NAME.search(attrs)) is None:
                    continue
                kind = match.group(1) if (match := TYPE.search(attrs)) else "text"
                typed = tag.lower() == "textarea" or (
                    tag.lower() == "input" and kind.lower() in ("text", "search", "number", "tel")
                )
                key = name.group(1)
                params[key] = typed or (params.get(key, False) and key not in page.reads)
        params = {k: v for k, v in params.items() if k not in IGNORED}
        if params:
            found[url] = params
    return found


def _normalised(page: Fetched, values: tuple[str, ...]) -> str:
    """The answer with the two values' echoes (search box, pagination links, canonical
    link; raw, escaped or URL-encoded) and the CSRF token taken out."""
    text = page.body.decode("utf-8", "replace")
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)
    spellings = {
        spelling
        for raw in values
        for value in (raw, raw.strip())
        for spelling in (value, html.escape(value), quote_plus(value), quote(value))
    }
    for spelling in sorted(filter(None, spellings), key=len, reverse=True):
        text = text.replace(spelling, "\x00Q\x00")
    return f"{page.status}\n{text}"


def _with(url: str, param: str, value: str) -> str:
    path, _, query = url.partition("?")
    pairs = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != param]
    return f"{path}?{urlencode([*pairs, (param, value)])}"


def differing(client, url: str, param: str, pairs) -> list[tuple[str, str]]:
    out = []
    for value, wrong in pairs:
        caches["ratelimit"].clear()  # budgets are tested on their own below
        a = fetch(client, _with(url, param, value))
        b = fetch(client, _with(url, param, wrong))
        if _normalised(a, (value, wrong)) != _normalised(b, (value, wrong)):
            out.append((value, wrong))
    return out


# Number searches the walk must find (control), with a number each one matches.
KNOWN_NUMBER_SEARCHES = {
    ("/kelola/penduduk/", "q"): NIK_IBU,
    ("/kelola/keluarga/", "q"): NO_KK,
    ("/kelola/keluarga/rumah-tangga/", "q"): NIK_IBU,
    ("/bantuan/kelola/{program}/", "q"): NIK_IBU,
    ("/surat/kelola/", "q"): NIK_IBU,
}


# Parameters a user types into (and parameters read but offered nowhere) get every
# probe and every spelling of a whole number; choices (selects, page numbers in links)
# a prefix of each number, the sort keys and the plain whole numbers.
TYPED = [p for n in (NIK_IBU, NO_KK) for p in probe_pairs(n)[1:]] + WHOLE
CHOICE = [probe_pairs(NIK_IBU)[0], probe_pairs(NO_KK)[0], *SORT_PAIRS[::2], WHOLE[0], WHOLE[-1]]
SHARDS = 4  # the sweep runs as four tests, so that each stays short on a loaded machine


@pytest.mark.parametrize("shard", range(SHARDS))
def test_no_search_a_viewer_reaches_confirms_part_of_a_number(
    village, register, recording, settings, shard
):
    viewer = _client(village, register["users"]["peninjau"])
    searches = searchable(walk(viewer, register, village))
    ids = register["ids"]
    known = {(path.format(**ids), param) for path, param in KNOWN_NUMBER_SEARCHES}
    by_path = {u.split("?")[0]: u for u in sorted(searches, key=len, reverse=True)}
    known_paths = {path for path, _ in known}
    assert known_paths <= set(by_path), "the walk missed a known search"
    one_per_route: dict[str, str] = {}  # a second resident's page asks the same view
    for path in sorted(by_path, key=lambda p: (p not in known_paths, p)):
        one_per_route.setdefault(_route(path), path)
    mine = {r: p for r, p in one_per_route.items() if zlib.crc32(r.encode()) % SHARDS == shard}
    leaks, whole = {}, set()
    for path in sorted(mine.values()):
        url = by_path[path]
        for param, typed in sorted(searches[url].items()):
            found = differing(viewer, url, param, TYPED if typed else CHOICE)
            if partial := [p for p in found if p not in WHOLE]:
                leaks[(path, param)] = partial[:3]
            if any(p in WHOLE for p in found):
                whole.add((path, param))
    assert not leaks
    # Control: whole numbers still find the family on every known number search.
    assert {(p, q) for p, q in known if p in mine.values()} <= whole
    # Every whole-number search a viewer can make is budgeted (here: 2 an hour), in
    # every spelling that finds the family.
    settings.ABUSE_LIMITS = {**settings.ABUSE_LIMITS, "nomor_cari": {"account": "2/h"}}
    for path, param in sorted(whole):
        url = by_path[path]
        for spelling, wrong in WHOLE:
            if not differing(viewer, url, param, [(spelling, wrong)]):
                continue
            caches["ratelimit"].clear()
            statuses = [fetch(viewer, _with(url, param, spelling)).status for _ in range(3)]
            assert statuses == [200, 200, 429], (path, param, spelling)


def test_editors_do_match_parts_of_numbers(village, register, recording):
    """Control for the sweep: the same comparison sees an editor's prefix matches (the
    letter archive matches a NIK only whole, for everyone)."""
    editor = _client(village, register["users"]["operator"])
    for (path, param), number in sorted(KNOWN_NUMBER_SEARCHES.items()):
        url = path.format(**register["ids"])
        partial = differing(editor, url, param, probe_pairs(number)[:1])
        assert bool(partial) == (path != "/surat/kelola/"), url
