"""Issue 16, finding 3 (class): every public aggregate obeys one disclosure policy.

The sweep walks both URLconfs (the village site and the control plane), fills every
URL parameter from ``PARAMETERS`` (a new parameter name fails the test until it gets
values, so a new page is swept without anyone listing it), requests each URL without a
login and scans every 200 answer — HTML with its SVG charts, JSON, CSV, XLSX — with the
deny-by-default scanner of ``tests/security/disclosure.py``: no count cell of 1–4 and no
special category (health, disability, pregnancy, contraception) unless the village
turned it on. The data: Hajimena with small counts in ordinary and special categories,
Sidosari beside it in the same kecamatan, an aid programme of two, published and
suppressed as the worker does.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.utils import timezone

from balai_kernel.actor import Actor
from control_plane.dashboards import regions
from control_plane.dashboards.services import kabupaten_setting_update
from tenants.context import village_context
from tests.security.disclosure import (
    HAJIMENA,
    SENSITIVE_LABELS,
    SIDOSARI,
    SMALL_LABELS,
    SPECIAL_CATEGORIES,
    publish,
    scan,
    warga_create,
)
from village_apps.penduduk.statistik import STATISTIK_KATEGORI

pytestmark = pytest.mark.security

REGION_CODES = ["18", "1801", "180104", "1801042001", "1801042002", "1802", "180201"]
# Values tried for each URL parameter of either URLconf (unknown ids just answer 404).
PARAMETERS: dict[str, list[str]] = {
    "kode": [*STATISTIK_KATEGORI, "ABCD2345"],
    "code": REGION_CODES,
    "fmt": ["csv", "xlsx"],
    "tahun": [str(timezone.localdate().year)],
    "year": [str(timezone.localdate().year)],
    "pk": ["1"],
    "contract_pk": ["1"],
    "format_id": ["1"],
    "penduduk_id": ["1"],
    "job_id": ["1"],
    "periode": [f"{timezone.localdate().year}-01"],
    "penduduk_pk": ["1"],
    "peserta_pk": ["1"],
    "slug": ["hajimena"],
    "token": ["x"],
    "email_token": ["x"],
    "uidb64": ["MQ"],
    "level": ["kabupaten"],
    "action": ["x"],
    "schema": ["v_hajimena"],
    "path": ["profil/logo.png"],
    "archive": ["hajimena-20260101T000000Z.tar.gz"],
}
URLCONFS = {"village": settings.ROOT_URLCONF, "platform": settings.PUBLIC_SCHEMA_URLCONF}
_PARAM = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


def _routes(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _routes(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p


def _urls(urlconf: str) -> list[str]:
    """Every route of the URLconf with each combination of parameter values, as paths
    that resolve back to that route."""
    found = []
    for route, pattern in _routes(get_resolver(urlconf).url_patterns):
        names = [a or b for a, b in _PARAM.findall(route)]
        missing = [n for n in names if n not in PARAMETERS]
        assert not missing, f"{route}: add values for {missing} to PARAMETERS"
        for values in itertools.product(*(PARAMETERS[n] for n in names)):
            filled = iter(values)
            path = _PARAM.sub(lambda _m, f=filled: next(f), route)
            path = "/" + path.replace("^", "").replace("$", "").replace("\\", "")
            try:
                match = resolve(path, urlconf)
            except Resolver404:
                continue
            if match.func == pattern.callback:
                found.append(path)
    return found


def _sweep(village) -> dict[str, object]:
    """Each public (anonymous 200) answer of both URLconfs, scanned, by URL."""
    for alias in ("default", "platform"):
        caches[alias].clear()
    clients = {
        "village": Client(HTTP_HOST=village.host, raise_request_exception=False),
        "platform": Client(HTTP_HOST=settings.BALAI_DOMAIN, raise_request_exception=False),
    }
    scans = {}
    for site, urlconf in URLCONFS.items():
        for path in _urls(urlconf):
            response = clients[site].get(path)
            if response.status_code == 200:
                scans[f"{site}:{path}"] = scan(response)
    return scans


def _aid(village, sizes: dict[str, int]) -> None:
    from village_apps.bantuan.models import Peserta, Program
    from village_apps.penduduk.models import Penduduk

    with village_context(village):
        people = iter(Penduduk.objects.order_by("id"))
        for name, size in sizes.items():
            program = Program.objects.create(
                nama=name, sasaran=1, asal_dana=4, mulai=dt.date(2026, 1, 1),
                selesai=dt.date(2026, 12, 31),
            )  # fmt: skip
            Peserta.objects.bulk_create(
                Peserta(program=program, penduduk=next(people)) for _ in range(size)
            )


@pytest.fixture
def province(village, village_b):
    from village_apps.keuangan.demo import load_demo_village as keuangan_demo
    from village_apps.pembangunan.demo import load_demo_village as pembangunan_demo
    from village_apps.web.demo import load_demo_village as web_demo

    warga_create(village, HAJIMENA, prefix="1801042001")
    warga_create(village_b, SIDOSARI, prefix="1801042002")
    _aid(village, {"PKH": 2, "BLT Dana Desa": 7})
    with village_context(village):
        for demo in (keuangan_demo, pembangunan_demo, web_demo):
            demo(village=village)
    publish(village, village_b)


def _leaks(scans) -> dict[str, list]:
    return {url: s.small() for url, s in scans.items() if s.small()}


def _sensitive(scans) -> dict[str, set[str]]:
    found = {}
    for url, s in scans.items():
        labels = s.texts & SENSITIVE_LABELS
        labels |= {r["kategori"] for r in s.records if "jumlah" in r and _special(r)}
        if labels:
            found[url] = labels
    return found


def _special(record) -> bool:
    """A statistics record (it has cells) of a special category."""
    return isinstance(record.get("kategori"), str) and record["kategori"] in SPECIAL_CATEGORIES


def _swept_aggregates(scans) -> None:
    """The sweep reached the aggregate pages (it cannot pass by finding nothing)."""
    for url in [
        "village:/",
        "village:/statistik/",
        "village:/statistik/agama/",
        "village:/bantuan/",
        "platform:/dasbor/wilayah/1801042001/",
        "platform:/dasbor/wilayah/180104/unduh.csv",
        "platform:/dasbor/wilayah/180104/unduh.xlsx",
        "platform:/api/v1/wilayah/1801042001",
        "platform:/api/v1/wilayah/1801042001.csv",
        "platform:/api/v1/wilayah/1801/anak",
    ]:
        assert url in scans, url
        assert scans[url].counts, f"{url}: no count cell scanned"
    shown = set().union(*(s.texts for s in scans.values()))
    assert SMALL_LABELS <= shown  # the rows with small cells are there, as marks


def test_no_public_output_shows_a_small_count_or_a_special_category(village, province):
    scans = _sweep(village)
    _swept_aggregates(scans)
    assert _leaks(scans) == {}
    assert _sensitive(scans) == {}


def test_a_special_category_turned_on_is_published_with_small_counts_hidden(
    village, village_b, province
):
    from village_apps.penduduk.services import pengaturan_statistik_update

    with village_context(village):
        pengaturan_statistik_update(kategori=["sakit-menahun"])
    publish(village, village_b)
    scans = _sweep(village)
    assert "village:/statistik/sakit-menahun/" in scans
    assert "HIV/AIDS" in scans["village:/statistik/sakit-menahun/"].texts
    api = scans["platform:/api/v1/wilayah/1801042001"]
    assert {r["kategori"] for r in api.records if "jumlah" in r} >= {"sakit-menahun", "agama"}
    assert _leaks(scans) == {}
    # The other special categories stay off everything.
    still_off = {
        url: labels - {"HIV/AIDS", "Sakit menahun"}
        for url, labels in _sensitive(scans).items()
        if labels - {"HIV/AIDS", "Sakit menahun", "sakit-menahun"}
    }
    assert still_off == {}


def test_a_closed_kabupaten_leaks_nothing_below_kabupaten_level(village, province):
    """Issue 16, finding 13 and the closed setting of finding 3: with Lampung Selatan
    closed, no public page or API answer anywhere names or counts its kecamatan or
    villages, nor any count of Hajimena's own site."""
    kabupaten_setting_update(kabupaten_code="1801", public=False, actor=Actor.named("uji"))
    scans = _sweep(village)
    below = re.compile(r"^1801\d{2}(\d{4})?$")
    kecamatan = {regions.region_name(c) for c in regions.reference_children("1801")}
    for url, s in scans.items():
        codes = {t for t in s.texts if below.match(t)}
        codes |= {r.get("kode") for r in s.records if below.match(str(r.get("kode", "")))}
        assert not codes, (url, codes)
        if url.startswith("village:"):
            # The village's own site: no count at all (its identity, with the name of
            # its kecamatan, stays).
            assert s.counts == [], (url, s.counts)
        else:
            names = kecamatan & (s.texts | {str(r.get("nama")) for r in s.records})
            assert not names, (url, names)
    # The kabupaten's own totals stay public, its kecamatan rows do not.
    assert "platform:/api/v1/wilayah/1801" in scans
    assert "platform:/dasbor/wilayah/1801/" in scans
    assert "platform:/api/v1/wilayah/1801/anak" not in scans
    assert "platform:/dasbor/wilayah/1801/unduh.csv" not in scans
