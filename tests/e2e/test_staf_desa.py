"""Issue 20, acceptance 1, in a real browser: the village admin invites a sekretaris desa
and a kepala desa, each sets a password from the e-mailed link, a resident's letter
request passes operator → sekdes → kades (each finding it in their inbox) and the
signed letter names the kades; the admin deactivates the sekdes, whose open session is
refused on its next request."""

from __future__ import annotations

import io
import re

import pytest
from django.core import mail
from pypdf import PdfReader

from tenants.context import village_context
from tests.e2e.conftest import domisili_request, screenshot
from tests.village_apps.surat.helpers import penduduk_make

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "sandi-staf-uji-e2e-123"
USERS = ("admin-e2e-staf", "operator-e2e-staf", "sekdes-e2e-staf", "kades-e2e-staf")


@pytest.fixture
def staf_scene(village):
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.models import Session
    from django.core.cache import caches

    from village_apps.akun.models import Membership, RiwayatMasuk
    from village_apps.akun.services import village_user_create
    from village_apps.audit.models import AccessAudit
    from village_apps.keluarga.models import Keluarga
    from village_apps.mandiri.models import Permohonan, PinWarga
    from village_apps.mandiri.services import pin_issue
    from village_apps.penduduk.models import Penduduk
    from village_apps.surat.models import PengaturanSurat, PenomoranSurat, SuratKeluar

    caches["ratelimit"].clear()
    with village_context(village):
        PengaturanSurat.objects.update_or_create(
            pk=1, defaults={"rantai_persetujuan": ["sekdes", "kades"]}
        )
        warga = penduduk_make(nama="Siti Rahmawati")
        pin = pin_issue(penduduk_id=warga.pk)
        village_user_create(username=USERS[0], role="admin", password=PASSWORD)
        village_user_create(username=USERS[1], role="operator", password=PASSWORD)
    yield {"nik": warga.nik, "pin": pin}
    with village_context(village):
        User = get_user_model()
        ids = list(User.objects.filter(username__in=USERS).values_list("pk", flat=True))
        Permohonan.objects.all().delete()
        PinWarga.objects.all().delete()
        SuratKeluar.objects.all().delete()
        PenomoranSurat.objects.all().delete()
        PengaturanSurat.objects.filter(pk=1).update(rantai_persetujuan=[])
        Penduduk.objects.filter(pk=warga.pk).delete()
        Keluarga.objects.filter(pk=warga.keluarga_id).delete()
        RiwayatMasuk.objects.filter(user_id__in=ids).delete()
        AccessAudit.objects.filter(user_id__in=ids).delete()
        Session.objects.all().delete()
        Membership.objects.filter(user_id__in=ids).delete()
        User.objects.filter(pk__in=ids).delete()


def _context(browser):
    return browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID").new_page()


def _sign_in(page, url, username: str) -> None:
    page.goto(url("/akun/masuk/"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def _invite(admin, url, *, username: str, nama: str, role: str, jabatan: str) -> str:
    """The admin invites by e-mail; returns the path of the link the invitee received."""
    admin.goto(url("/kelola/akun/tambah/"))
    admin.fill("#id_username", username)
    admin.fill("#id_nama", nama)
    admin.fill("#id_email", f"{username}@contoh.id")
    admin.select_option("#id_role", role)
    admin.fill("#id_jabatan", jabatan)
    admin.check("input[name=cara][value=undang]")
    admin.click("main form.card button[type=submit]")
    admin.wait_for_url(re.compile(r".*/kelola/akun/\d+/$"))
    message = next(m for m in reversed(mail.outbox) if m.to == [f"{username}@contoh.id"])
    return re.search(r"https?://[^/\s]+(/akun/atur-sandi/\S+/)", message.body).group(1)


def _accept(browser, url, link: str, username: str):
    """The invitee opens the link, chooses a password and signs in (own browser)."""
    page = _context(browser)
    page.goto(url(link))
    page.fill("#id_new_password1", PASSWORD)
    page.fill("#id_new_password2", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/akun/masuk/?sandi=baru")
    _sign_in(page, url, username)
    return page


def _approve_from_inbox(page, url, button: str) -> None:
    page.goto(url("/mandiri/kelola/"))
    page.click(".kotak-masuk table tbody tr >> nth=0 >> a")
    page.click(f"text={button}")
    page.wait_for_load_state()


def test_admin_staffs_the_approval_chain_and_deactivates(
    browser, page, live_host, village, staf_scene
):
    def url(path: str) -> str:
        return live_host(path, village)

    # The admin invites the sekdes and the kades.
    admin = page
    _sign_in(admin, url, USERS[0])
    sekdes_link = _invite(
        admin, url, username=USERS[2], nama="Sri Wahyuni", role="sekdes", jabatan="Sekretaris Desa"
    )
    kades_link = _invite(
        admin, url, username=USERS[3], nama="Hendra Wijaya", role="kades", jabatan="Kepala Desa"
    )
    admin.goto(url("/kelola/akun/"))
    assert "Sri Wahyuni" in admin.inner_text("table.daftar-staf")
    screenshot(admin, "staf-desa-daftar")

    # Each invitee sets a password from the link and signs in.
    sekdes = _accept(browser, url, sekdes_link, USERS[2])
    kades = _accept(browser, url, kades_link, USERS[3])

    # A resident requests a letter.
    warga = _context(browser)
    request_url = domisili_request(
        warga, url("/mandiri/masuk/"), nik=staf_scene["nik"], pin=staf_scene["pin"]
    )

    # Nothing waits for the kades yet; the operator checks, the sekdes approves.
    kades.goto(url("/mandiri/kelola/"))
    assert "Tidak ada permohonan yang menunggu Anda." in kades.inner_text(".kotak-masuk")
    operator = _context(browser)
    _sign_in(operator, url, USERS[1])
    _approve_from_inbox(operator, url, "Setujui")
    assert operator.inner_text(".status-permohonan") == "Menunggu tanda tangan"
    _approve_from_inbox(sekdes, url, "Setujui")
    assert sekdes.inner_text(".status-permohonan") == "Menunggu tanda tangan"

    # The kades signs: the letter names the kades.
    _approve_from_inbox(kades, url, "Setujui dan terbitkan")
    assert kades.inner_text(".status-permohonan") == "Siap diambil"
    kades.click("text=Lihat surat")
    assert "Hendra Wijaya (Kepala Desa)" in kades.inner_text("dl.card")
    screenshot(kades, "staf-desa-surat-ditandatangani")
    warga.goto(request_url)
    with warga.expect_download() as info:
        warga.click("text=Unduh surat (PDF)")
    content = open(info.value.path(), "rb").read()  # noqa: PTH123
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "HENDRA WIJAYA" in " ".join(text.split()).upper()

    # The admin deactivates the sekdes: the sekdes' open session is refused at once.
    sekdes.goto(url("/mandiri/kelola/"))
    assert sekdes.url.endswith("/mandiri/kelola/")
    admin.goto(url("/kelola/akun/"))
    admin.click("text=Sri Wahyuni")
    admin.click("text=Nonaktifkan akun")
    assert admin.inner_text(".status-akun") == "nonaktif"
    sekdes.goto(url("/mandiri/kelola/"))
    assert "/akun/masuk/" in sekdes.url
    assert admin.console_errors == []
    for other in (sekdes, kades, warga, operator):
        other.context.close()
