"""Every page each role can open, reached by its links (issue 18, acceptance 2).

Each role signs in as a person would, starts on the page sign-in leads to (and the
host's home), and follows every same-site link with Django's test client
(``tests/support/crawl.py``). A crawl fails on a link to another host or port than the
configured public address, on a known English UI text in an Indonesian page, and on
a link that answers 4xx/5xx or sends a signed-in role back to a sign-in page.

The public address is set to an unusual port (``BALAI_PORT=8123``) and the requests
come on that port, so a link built from another setting or a hard-coded ``:8000``
shows up. The villages hold the demo's data (every app's ``load_demo_village``) plus a
resident with a PIN and a letter request; the control plane a contract with invoices
(the local Stripe-compatible server), a pending sign-up and published dashboards.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tenants.context import village_context
from tests.support.builders import PASSWORD, STAFF_PASSWORD, staff_make, totp_now
from tests.support.crawl import Crawl, Problem, crawl, page_problems

pytestmark = pytest.mark.django_db
PORT = "8123"


@pytest.fixture
def public_address(settings) -> Iterator[None]:
    settings.BALAI_SCHEME = "http"
    settings.BALAI_PORT = PORT
    yield


def _client(host: str) -> Client:
    return Client(HTTP_HOST=f"{host}:{PORT}", SERVER_PORT=PORT, HTTP_ACCEPT_LANGUAGE="id")


def _origin(host: str) -> str:
    return f"http://{host}:{PORT}"


def _landing(response) -> str:
    assert response.status_code == 302, response.content.decode()[:500]
    return response["Location"]


def _report(crawls: dict[str, Crawl]) -> str:
    lines = []
    for role, result in crawls.items():
        seen: set[Problem] = set()
        for p in result.problems:
            if p not in seen:
                seen.add(p)
                lines.append(f"[{role}] {p}")
    return "\n".join(lines)


# --- Village ---------------------------------------------------------------------------


@pytest.fixture
def village_data(village, pengguna, mailoutbox):
    """The demo village's data, a resident with a PIN and an open letter request."""
    from village_apps.contracts import DemoData, facades_offering
    from village_apps.mandiri import services as mandiri
    from village_apps.penduduk.models import Penduduk
    from village_apps.surat.models import FormatSurat

    with village_context(village):
        for _name, facade in facades_offering(DemoData):
            facade.load_demo_village(village=village)
        warga = Penduduk.objects.filter(status_dasar=1).order_by("id").first()
        pin = mandiri.pin_issue(penduduk_id=warga.pk)
        fmt = FormatSurat.objects.filter(mandiri=True, aktif=True).order_by("id").first()
        mandiri.permohonan_create(
            penduduk_id=warga.pk,
            format_surat=fmt,
            isian={f["kode"]: "uji" for f in fmt.kode_isian},
            dokumen={
                name: SimpleUploadedFile(f"{i}.pdf", b"%PDF-1.4\n%uji\n")
                for i, name in enumerate(fmt.syarat)
            },
        )
    return {"nik": warga.nik, "pin": pin}


def _village_crawl(
    village, client: Client, starts: list[str], *, signed_in: bool, others_sign_in=()
) -> Crawl:
    return crawl(
        client,
        starts,
        origin=_origin(village.host),
        urlconf=settings.ROOT_URLCONF,
        signed_in=signed_in,
        others_sign_in=others_sign_in,
        other_host=lambda netloc: _client(netloc.partition(":")[0]),
    )


def test_every_village_page_of_every_role(public_address, village, pengguna, village_data):
    crawls: dict[str, Crawl] = {}
    for role, user in pengguna.items():
        client = _client(village.host)
        landing = _landing(
            client.post("/akun/masuk/", {"username": user.username, "password": PASSWORD})
        )
        # Staff are not residents: the site's link to self-service asks them to sign in.
        crawls[role] = _village_crawl(
            village, client, [landing, "/"], signed_in=True, others_sign_in=("/mandiri/",)
        )

    resident = _client(village.host)
    landing = _landing(resident.post("/mandiri/masuk/", village_data))
    crawls["warga"] = _village_crawl(village, resident, [landing, "/"], signed_in=True)

    crawls["pengunjung"] = _village_crawl(village, _client(village.host), ["/"], signed_in=False)

    report = _report(crawls)
    counts = {role: len(c.pages) for role, c in crawls.items()}
    assert not report, f"pages per role {counts}\n{report}"
    # The crawl did reach the back office and the public site (not only a login page).
    assert counts["admin"] > 40 and counts["peninjau"] > 30 and counts["pengunjung"] > 15, counts
    assert counts["warga"] > 3, counts


# --- Control plane -----------------------------------------------------------------------


@pytest.fixture
def control_data(wilayah, village, village_b, stripe_settings, published, settings, tmp_path):
    """A contract with invoices (demo billing on the local Stripe server), a pending
    sign-up and published dashboards."""
    from control_plane.billing.demo import load_demo
    from tests.control_plane.onboarding.test_approval_pages import pending

    settings.MEDIA_ROOT = tmp_path
    load_demo(villages=[village, village_b])
    pending("1801042010", "tugu-jelajah")


def _staff_signed_in(
    username: str, role: str, kabupaten: str = "", region: str = ""
) -> tuple[Client, str]:
    """A staff member signed in through the password and TOTP pages; and where that
    lands them."""
    user = staff_make(username, role, kabupaten, region_code=region)
    client = _client(settings.BALAI_DOMAIN)
    otp = _landing(
        client.post("/akun/masuk/", {"username": user.username, "password": STAFF_PASSWORD})
    )
    return client, _landing(client.post(otp, {"token": totp_now(user)}))


def test_every_control_plane_page_of_every_role(public_address, control_data):
    from control_plane.contracts.models import Contract

    domain = settings.BALAI_DOMAIN
    crawls: dict[str, Crawl] = {}
    for role, username, kabupaten, region in (
        ("ops", "ops-jelajah", "", ""),
        ("contract_manager", "pk-jelajah", "1801", ""),
        ("camat", "camat-jelajah", "", "180104"),
        ("province_official", "prov-jelajah", "", "18"),
    ):
        client, landing = _staff_signed_in(username, role, kabupaten, region)
        if kabupaten:
            for contract in Contract.objects.filter(kabupaten_code=kabupaten):
                contract.managers.add(client.session["_auth_user_id"])
        crawls[role] = crawl(
            client,
            [landing, "/"],
            origin=_origin(domain),
            urlconf=settings.PUBLIC_SCHEMA_URLCONF,
            signed_in=True,
            other_host=lambda netloc: _client(netloc.partition(":")[0]),
        )
    crawls["anonim"] = crawl(
        _client(domain),
        ["/", "/daftar/", "/dasbor/"],
        origin=_origin(domain),
        urlconf=settings.PUBLIC_SCHEMA_URLCONF,
        signed_in=False,
        other_host=lambda netloc: _client(netloc.partition(":")[0]),
    )
    report = _report(crawls)
    counts = {role: len(c.pages) for role, c in crawls.items()}
    assert not report, f"pages per role {counts}\n{report}"
    # Every role's menu reaches its pages (not only the page sign-in led to).
    assert counts["ops"] > 30 and counts["contract_manager"] > 15 and counts["anonim"] > 5, counts
    assert counts["camat"] > 4 and counts["province_official"] > 8, counts


# --- The checker itself (positive controls) ----------------------------------------------


def test_the_checker_finds_a_foreign_port_host_and_english_text(public_address):
    page = f"http://hajimena.{settings.BALAI_DOMAIN}:{PORT}/berita/"
    html = (
        "<html><body><nav><a href='/kelola/'>Kelola</a>"
        f"<a href='http://hajimena.{settings.BALAI_DOMAIN}:8000/surat/'>surat</a>"
        "<a href='https://contoh.example/'>luar</a>"
        f"<a href='https://{settings.BALAI_DOMAIN}:{PORT}/'>skema lain</a>"
        f"<img src='http://{settings.BALAI_DOMAIN}:{PORT}/static/x.png' alt='Logo desa'>"
        "</nav><form method='get' action='/cari/'><select name='s'><option value=''>"
        "- Select an option -</option></select><input type='submit' value='Submit'></form>"
        "<p>Berita desa. Next</p><script>var Password = 1;</script>"
        "<p title='Page not found'>Halaman</p></body></html>"
    )
    links, problems = page_problems(page, html)
    found = {(p.kind, p.detail) for p in problems}
    assert ("foreign-link", f"http://hajimena.{settings.BALAI_DOMAIN}:8000/surat/") in found
    assert ("foreign-link", "https://contoh.example/") in found
    assert ("foreign-link", f"https://{settings.BALAI_DOMAIN}:{PORT}/") in found
    assert {"Select an option", "Submit", "Next", "Page not found"} <= {
        d for k, d in found if k == "english"
    }
    assert ("english", "Password") not in found  # script text is not visible text
    assert f"http://hajimena.{settings.BALAI_DOMAIN}:{PORT}/kelola/" in links
    assert f"http://hajimena.{settings.BALAI_DOMAIN}:{PORT}/cari/" in links
    assert f"http://{settings.BALAI_DOMAIN}:{PORT}/static/x.png" in links


def test_the_crawl_reports_a_broken_link_and_a_bounce_to_sign_in(public_address, village):
    """A crawl of a page whose template links to a missing page and to an operator page,
    as a visitor (404) and as a signed-in role that may not open it (sign-in bounce)."""
    from django.http import HttpResponse
    from django.test.client import Client as BaseClient

    html = "<a href='/tidak-ada/'>x</a><a href='/kelola/penduduk/'>y</a>"

    class Fake(BaseClient):
        def get(self, path, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN201
            if path == "/awal/":
                return HttpResponse(html)
            return super().get(path, *args, **kwargs)

    result = crawl(
        Fake(HTTP_HOST=f"{village.host}:{PORT}"),
        ["/awal/"],
        origin=_origin(village.host),
        urlconf=settings.ROOT_URLCONF,
        signed_in=True,
    )
    kinds = {(p.kind, p.page.rsplit(PORT, 1)[1]) for p in result.problems}
    assert ("status", "/tidak-ada/") in kinds
    assert ("sign-in", "/kelola/penduduk/") in kinds


def test_the_crawl_reports_a_query_per_row(public_address, village):
    """A page that reads one row per query (the N+1 shape) is reported with its count;
    the same rows read in one query are not."""
    from django.db import connection
    from django.http import HttpResponse
    from django.test.client import Client as BaseClient

    from tests.support.crawl import REPEAT_LIMIT, repeated_queries, sql_shape

    def rows(per_row: bool) -> None:
        with connection.cursor() as cursor:
            if per_row:
                for i in range(REPEAT_LIMIT + 2):
                    cursor.execute("SELECT %s::int AS id WHERE 'x' = %s", [i, f"nama {i}"])
            else:
                cursor.execute("SELECT unnest(%s::int[])", [list(range(REPEAT_LIMIT + 2))])

    class Fake(BaseClient):
        def get(self, path, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN201
            rows(per_row=path == "/per-baris/")
            return HttpResponse("<a href='/sekaligus/'>x</a>")

    result = crawl(
        Fake(HTTP_HOST=f"{village.host}:{PORT}"),
        ["/per-baris/", "/sekaligus/"],
        origin=_origin(village.host),
        urlconf=settings.ROOT_URLCONF,
        signed_in=False,
    )
    found = [(p.kind, p.page.rsplit(PORT, 1)[1], p.detail) for p in result.problems]
    assert [(k, page) for k, page, _ in found] == [("n+1", "/per-baris/")], found
    assert found[0][2].startswith(f"{REPEAT_LIMIT + 2}× SELECT ?::int AS id WHERE ? = ?")
    # Identifiers with digits are names, not literals; IN lists of any length are one shape.
    assert sql_shape('SELECT "t1"."a2" FROM "v_desa1"."t1" WHERE "id" IN (1, 2, 3)') == (
        'SELECT "t1"."a2" FROM "v_desa1"."t1" WHERE "id" IN (…)'
    )
    assert repeated_queries(["SET search_path = v_a"] * 9) == []
