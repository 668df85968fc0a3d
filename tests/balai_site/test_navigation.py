"""One navigation per role, generated from what the role may open.

The sweeps walk both URLconfs (``balai_kernel.navigation.pages``), so a page added later
is covered by itself: every page without URL arguments that a role opens as an HTML page
must be in that role's rendered menu, or be named in ``*_REACHED_FROM`` with the page
that links to it — and that page, opened by the same role, must hold the link. Every
link of a rendered menu must open for the role that sees it.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from django.urls import reverse

from balai_kernel.navigation import Page, menu_of, pages
from control_plane.accounts.navigation import page_open_to as control_page_open_to
from control_plane.accounts.permissions import staff_role, staff_roles_of
from tenants.context import village_context
from tests.support.builders import PASSWORD, staff_client, village_client_for, village_user_make
from village_apps.akun.navigation import page_open_to as village_page_open_to

TENANT_URLCONF = "balai_site.urls_tenant"
PUBLIC_URLCONF = "balai_site.urls_public"

# Operator pages outside the menu, each with the page that links to it.
VILLAGE_REACHED_FROM = {
    "penduduk:tambah": "penduduk:daftar",
    "penduduk:impor": "penduduk:daftar",
    "penduduk:ganda": "penduduk:daftar",
    "penduduk:pengaturan": "penduduk:statistik",
    "keluarga:tambah": "keluarga:daftar",
    "keluarga:rumah_tangga_tambah": "keluarga:rumah_tangga_daftar",
    "kelompok:tambah": "kelompok:daftar",
    "wilayah:tambah": "wilayah:daftar",
    "peristiwa:lahir": "peristiwa:daftar",
    "peristiwa:laporan": "peristiwa:daftar",
    "surat:buat": "surat:arsip",
    "surat:format_daftar": "surat:arsip",
    "surat:pengaturan": "surat:format_daftar",
    "surat:format_impor": "surat:format_daftar",
    "surat:format_baru": "surat:format_daftar",
    "mandiri:pin": "mandiri:antrean",
    "keuangan:impor": "keuangan:kelola",
    "bantuan:impor": "bantuan:kelola",
    "pembangunan:kelola_baru": "pembangunan:kelola",
    "sekretariat:keluar_baru": "sekretariat:agenda",
    "sekretariat:masuk_baru": "sekretariat:masuk",
    "sekretariat:ekspedisi_baru": "sekretariat:ekspedisi",
    "buku:sementara_baru": "buku:sementara",
    "buku:kader_baru": "buku:kader",
    "produk_hukum:kelola_baru": "produk_hukum:kelola",
    "inventaris:baru": "inventaris:daftar",
    "tanah:desa_baru": "tanah:desa_daftar",
    "tanah:kas_baru": "tanah:kas_daftar",
    "web:kelola_artikel_baru": "web:kelola_artikel",
    "web:kelola_kategori": "web:kelola_artikel",
    "web:kelola_halaman": "web:kelola_artikel",
    "web:kelola_menu": "web:kelola_artikel",
    "web:kelola_agenda": "web:kelola_artikel",
    "web:kelola_galeri": "web:kelola_artikel",
    "web:kelola_pengaturan": "web:kelola_artikel",
    "web:kelola_halaman_baru": "web:kelola_halaman",
    "web:kelola_agenda_baru": "web:kelola_agenda",
    "profil:aparatur_tambah": "profil:identitas",
    "akun:staf_tambah": "akun:staf",
    "akun:peran": "akun:staf",
    "akun:peran_baru": "akun:peran",
    "akun:sandi": "akun:saya",
    "akun:otp_daftar": "akun:saya",
}

# Control-plane pages outside a role's menu, each with the page that links to it (or,
# for visitors, the page whose form leads there).
CONTROL_REACHED_FROM = {
    "contracts:create": "contracts:list",
    "accounts:email_change": "accounts:security",
    "accounts:password_change": "accounts:security",
    "accounts:otp_enrol": "accounts:security",
    "accounts:password_reset": "accounts:login",
}
# Pages shown only as the answer to a form, never linked.
FORM_RESULTS = {
    "accounts:password_reset_done": "the answer of the password-reset form",
    "onboarding:desa_search": "the sign-up form's village search without JavaScript",
}

# The public village site: pages a visitor opens that the home page does not link.
PUBLIC_REACHED_FROM = {
    "mandiri:masuk": "mandiri:beranda",  # Layanan mandiri sends a visitor to sign in
}
NOT_PAGES = {
    "ping": "the routing benchmark's probe, not a page for people",
    "onboarding:slug_suggestion": "an htmx fragment of the sign-up form",
    "onboarding:cascade": "an htmx fragment of the sign-up form",
}

LINK = re.compile(r'href="([^"#?]+)')


def menu_links(html: str) -> set[str]:
    """The paths linked from the rendered menu (``balai/menu.html``)."""
    block = html.split('data-testid="menu"', 1)
    assert len(block) == 2, "no menu on the page"
    return set(LINK.findall(block[1].split("</details>", 1)[0]))


def html_page(response) -> bool:
    return response.status_code == 200 and response["Content-Type"].startswith("text/html")


def _by_name(urlconf: str) -> dict[str, Page]:
    return {p.name: p for p in pages(urlconf)}


def unlisted(opened: dict[str, str], menu: set[str], reached: dict) -> list[str]:
    """Names of opened pages (name → path) neither in ``menu`` nor in ``reached``."""
    return sorted(n for n, path in opened.items() if path not in menu and n not in reached)


def unlinked(client, opened: dict[str, str], menu: set[str], reached: dict, by_name) -> list:
    """(page, parent) of each opened page outside the menu whose parent page, opened by
    the same client, does not link to it."""
    found = []
    for name in sorted(n for n, path in opened.items() if path not in menu):
        parent = by_name[reached[name]].path
        if f'href="{opened[name]}' not in client.get(parent, follow=True).content.decode():
            found.append((name, reached[name]))
    return found


def test_unlisted_finds_a_page_missing_from_the_menu():
    """Positive control: a page nobody put in the menu or the reached-from list."""
    opened = {"penduduk:daftar": "/kelola/penduduk/", "x:baru": "/kelola/x/"}
    assert unlisted(opened, {"/kelola/penduduk/"}, {}) == ["x:baru"]
    assert unlisted(opened, {"/kelola/penduduk/"}, {"x:baru": "penduduk:daftar"}) == []


# --- village back office -----------------------------------------------------------------


VILLAGE_ROLES = ("admin", "operator", "kasi", "peninjau")


@pytest.fixture
def role_clients(village):
    return {
        role: village_client_for(village, village_user_make(village, role=role))
        for role in VILLAGE_ROLES
    }


def _grants(village, role: str):
    from village_apps.akun.permissions import role_grants_get

    with village_context(village):
        return role_grants_get(role)


def test_operator_lands_on_the_home_after_login(village, village_client):
    village_user_make(village, role="operator", username="uji-masuk")
    response = village_client.post("/akun/masuk/", {"username": "uji-masuk", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/kelola/"
    home = village_client.get("/kelola/")
    assert home.status_code == 200 and 'data-testid="menu"' in home.content.decode()


@pytest.mark.parametrize("role", VILLAGE_ROLES)
def test_every_operator_page_a_role_opens_is_in_its_menu(role, role_clients, village):
    client = role_clients[role]
    menu = menu_links(client.get("/kelola/").content.decode())
    by_name = _by_name(TENANT_URLCONF)
    grants = _grants(village, role)
    opened = {}
    for page in by_name.values():
        if not village_page_open_to(page, grants=grants, village=village):
            continue
        if html_page(client.get(page.path)):
            opened[page.name] = page.path
    assert len(opened) > 10  # control: the sweep sees the back office
    assert unlisted(opened, menu, VILLAGE_REACHED_FROM) == []
    assert unlinked(client, opened, menu, VILLAGE_REACHED_FROM, by_name) == []


@pytest.mark.parametrize("role", VILLAGE_ROLES)
def test_every_menu_link_opens_for_its_role(role, role_clients):
    client = role_clients[role]
    menu = menu_links(client.get("/kelola/").content.decode())
    assert {"/kelola/", "/kelola/penduduk/", "/kelola/akun/saya/"} <= menu
    answers = {path: client.get(path, follow=True).status_code for path in menu}
    assert {p: s for p, s in answers.items() if s != 200} == {}


def test_the_menu_differs_by_role(role_clients):
    menus = {r: menu_links(c.get("/kelola/").content.decode()) for r, c in role_clients.items()}
    # Profil desa, the OpenSID import, the audit trail and the staff are the admin's.
    for path in ("/kelola/profil/", "/kelola/impor-opensid/", "/kelola/audit/", "/kelola/akun/"):
        assert path in menus["admin"] and path not in menus["operator"], path
    assert menus["peninjau"] <= menus["operator"] <= menus["admin"]


def test_pages_of_a_module_off_the_plan_or_of_another_kind_leave_the_menu(village):
    by_name = _by_name(TENANT_URLCONF)
    operator = _grants(village, "operator")
    lengkap = SimpleNamespace(modules=None, kind="desa")
    dasar = SimpleNamespace(modules=["web"], kind="desa")
    kelurahan = SimpleNamespace(modules=None, kind="kelurahan")
    surat, apbdes = by_name["surat:arsip"], by_name["keuangan:kelola"]
    assert village_page_open_to(surat, grants=operator, village=lengkap)
    assert not village_page_open_to(surat, grants=operator, village=dasar)
    assert village_page_open_to(apbdes, grants=operator, village=lengkap)
    assert not village_page_open_to(apbdes, grants=operator, village=kelurahan)
    assert village_page_open_to(by_name["bantuan:kelola"], grants=operator, village=kelurahan)


def test_a_new_page_with_an_entry_joins_the_menu_of_the_roles_that_may_open_it():
    """What "generated" means: the menu is the declarations, nothing else."""
    by_name = _by_name(TENANT_URLCONF)
    declared = [p.name for p in by_name.values() if menu_of(p.view) is not None]
    assert {"kelola:beranda", "profil:identitas", "opensid_import:unggah"} <= set(declared)
    assert reverse("kelola:beranda", urlconf=TENANT_URLCONF) == "/kelola/"


# --- control plane -----------------------------------------------------------------------


@pytest.fixture
def staff_clients(db):
    return {
        "ops": staff_client(role="ops", username="ops-nav")[0],
        "contract_manager": staff_client(
            role="contract_manager", username="pk-nav", kabupaten_code="1801"
        )[0],
        "camat": staff_client(role="camat", username="camat-nav", region_code="180104")[0],
        "province_official": staff_client(
            role="province_official", username="prov-nav", region_code="18"
        )[0],
    }


STAFF_ROLES = ["ops", "contract_manager", "camat", "province_official"]


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_the_root_sends_staff_to_their_home(role, staff_clients):
    client = staff_clients[role]
    response = client.get("/")
    assert response.status_code == 302
    home = client.get(response["Location"], follow=True)  # a dashboard home: its region
    assert home.status_code == 200
    assert response["Location"] in menu_links(home.content.decode())


def test_the_root_is_the_landing_page_for_visitors(db, public_client):
    response = public_client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'href="/daftar/"' in body and 'href="/akun/masuk/"' in body


def test_every_public_control_page_is_reached_from_the_landing_page(db, public_client):
    """Visitors: the landing page's links, or a page named in CONTROL_REACHED_FROM."""
    by_name = _by_name(PUBLIC_URLCONF)
    landing = set(LINK.findall(public_client.get("/").content.decode())) | {"/"}
    missing = []
    for page in by_name.values():
        if staff_roles_of(page.view) is not None or page.name in {**FORM_RESULTS, **NOT_PAGES}:
            continue
        if not html_page(public_client.get(page.path)) or page.path in landing:
            continue
        parent = CONTROL_REACHED_FROM.get(page.name)
        body = public_client.get(by_name[parent].path).content.decode() if parent else ""
        if f'href="{page.path}' not in body:
            missing.append(page.name)
    assert missing == []


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_every_control_page_a_role_opens_is_in_its_menu(role, staff_clients):
    client = staff_clients[role]
    user = client.get("/akun/keamanan/").wsgi_request.user
    assert staff_role(user) == role
    menu = menu_links(client.get("/", follow=True).content.decode())
    by_name = _by_name(PUBLIC_URLCONF)
    opened = {}
    for page in by_name.values():
        # Public pages are the visitors' sweep; here the pages a role is declared for.
        if staff_roles_of(page.view) is None:
            continue
        if not control_page_open_to(page, role=role, signed_in=True):
            continue
        if html_page(client.get(page.path)):
            opened[page.name] = page.path
    assert len(opened) > (1 if role in ("camat", "province_official") else 5)  # control
    assert unlisted(opened, menu, CONTROL_REACHED_FROM) == []
    assert unlinked(client, opened, menu, CONTROL_REACHED_FROM, by_name) == []


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_every_control_menu_link_opens_for_its_role(role, staff_clients):
    client = staff_clients[role]
    home = client.get("/", follow=True)
    menu = menu_links(home.content.decode())
    answers = {path: client.get(path, follow=True).status_code for path in menu}
    assert {p: s for p, s in answers.items() if s != 200} == {}


def test_ops_and_managers_see_their_own_pages(staff_clients):
    ops = menu_links(staff_clients["ops"].get("/", follow=True).content.decode())
    manager = menu_links(staff_clients["contract_manager"].get("/", follow=True).content.decode())
    for path in ("/ops/desa/", "/ops/fleet/", "/kabupaten/", "/billing/kesehatan/"):
        assert path in ops, path
    assert "/ops/desa/" not in manager and "/billing/kesehatan/" not in manager
    for path in ("/daftar/persetujuan/", "/daftar/undangan/", "/kabupaten/", "/dasbor/saya/"):
        assert path in manager, path


def test_camat_and_province_officials_land_on_their_dashboard(staff_clients):
    """Their home is their region's exact dashboard; their menu holds their region's
    pages and their account, never the managers' or operations' pages."""
    for role, region in (("camat", "180104"), ("province_official", "18")):
        client = staff_clients[role]
        home = client.get("/", follow=True)
        assert home.redirect_chain[-1][0] == f"/dasbor/wilayah/{region}/", role
        menu = menu_links(home.content.decode())
        assert {"/dasbor/saya/", "/dasbor/desa/", "/akun/keamanan/"} <= menu, role
        for path in ("/daftar/persetujuan/", "/ops/desa/", "/dasbor/pengaturan/"):
            assert path not in menu, (role, path)
    assert "/kabupaten/" in menu_links(
        staff_clients["province_official"].get("/", follow=True).content.decode()
    )
    assert "/akun/undang/" not in menu_links(
        staff_clients["camat"].get("/", follow=True).content.decode()
    )


@pytest.mark.parametrize(
    "name", ["contracts:list", "taxes:coretax", "console:village_list", "accounts:security"]
)
def test_every_control_page_shows_the_role_menu(name, staff_clients):
    """No page of the control plane has an empty header (the contract page had)."""
    path = reverse(name, urlconf=PUBLIC_URLCONF)
    body = staff_clients["ops"].get(path).content.decode()
    assert "/ops/desa/" in menu_links(body)


# --- public village site -----------------------------------------------------------------


def test_every_public_page_is_reached_from_the_village_home(village_client):
    """Visitors: Layanan mandiri, letter verification and the operators' sign-in are
    linked from the public home like every other public page."""
    from village_apps.akun.choices import Access
    from village_apps.akun.permissions import permission_of

    home = village_client.get("/").content.decode()
    linked = set(LINK.findall(home)) | {"/"}
    by_name = _by_name(TENANT_URLCONF)
    missing = []
    for page in by_name.values():
        permission = permission_of(page.view)
        if permission is None or permission.access == Access.STAFF or page.path in linked:
            continue
        if page.name in NOT_PAGES:
            continue
        if html_page(village_client.get(page.path)) and page.name not in PUBLIC_REACHED_FROM:
            missing.append(page.name)
    assert missing == []
    for path in ("/mandiri/", "/surat/verifikasi/", "/akun/masuk/", "/pengaduan/"):
        assert path in linked, path
    for name, parent in PUBLIC_REACHED_FROM.items():
        answer = village_client.get(by_name[parent].path)  # a redirect there, or a link
        assert answer.get("Location", "").startswith(by_name[name].path) or (
            f'href="{by_name[name].path}' in answer.content.decode()
        ), (name, parent)


def test_no_menu_before_the_second_factor(db, settings):
    """A password alone opens no page: the code step shows no menu of the role's pages."""
    from django.test import Client

    from tests.support.builders import staff_make

    client = Client(HTTP_HOST=settings.BALAI_DOMAIN)
    client.force_login(staff_make("ops-setengah", "ops"))
    page = client.get("/akun/otp/")
    assert page.status_code == 200
    assert 'data-testid="menu"' not in page.content.decode()
    assert client.get("/")["Location"].startswith("/akun/otp/")


def test_the_public_footer_is_the_same_for_every_visitor(village_client, operator_client):
    """Public pages are cached for everyone: the footer's links never depend on who
    asks (it reads no session: reading one would also retire a visitor's cookie of
    another village)."""

    def footer(client) -> str:
        body = client.get("/kontak/").content.decode()
        return re.search(r'<nav class="footer-links".*?</nav>', body, re.S).group(0)

    anonymous = footer(village_client)
    assert anonymous == footer(operator_client)
    assert 'href="/akun/masuk/"' in anonymous and 'href="/surat/verifikasi/"' in anonymous
