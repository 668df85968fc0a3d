"""Issue 18, finding 12: the sign-up finds the village by code or name, checks every field
in one round and keeps every value, refuses "abc" as a phone, links its consent to the
terms, lets an invited operator verify the e-mail once, tells the kabupaten's managers
that a sign-up waits, and lets a rejected sign-up apply again."""

import re

import pytest
from django.core import mail
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile

from balai_kernel.actor import Actor
from control_plane.onboarding import selectors, services
from control_plane.onboarding.models import Invitation, Signup
from tests.control_plane.onboarding.helpers import make_contract, make_staff

PDF = b"%PDF-1.4 surat tugas"


def proof():
    return SimpleUploadedFile("sk.pdf", PDF, content_type="application/pdf")


def form(**changes):
    data = {
        "desa": "18.01.04.2010",
        "slug": "candi-mas",
        "operator_name": "Siti Operator",
        "email": "siti@contoh.id",
        "phone": "0812-3456-7890",
        "position": "Sekretaris desa",
        "consent": "on",
        "proof": proof(),
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def web(public_client):
    caches["ratelimit"].clear()
    yield public_client
    caches["ratelimit"].clear()


# --- Choosing the village -------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["18.01.04.2010", "1801042010", "candi mas natar"])
def test_the_village_is_typed_as_a_code_or_a_name(wilayah, web, settings, tmp_path, typed):
    settings.MEDIA_ROOT = tmp_path
    r = web.post("/daftar/", form(desa=typed))
    assert r.status_code == 302, r.content.decode()[:3000]
    assert Signup.objects.get().code == "1801042010"


@pytest.mark.django_db
def test_choice_resolution(wilayah):
    picked = selectors.desa_choice_get(text="bumi sari", code="1801042009")
    assert picked.desa.code == "1801042009" and not picked.error
    several = selectors.desa_choice_get(text="bumi sari")
    assert several.desa is None and len(several.candidates) == 10 and several.more
    assert "pilih desa Anda" in several.error and "kecamatan" in several.error
    one = selectors.desa_choice_get(text="bumi sari natar")
    assert one.desa.code == "1801042009"
    unknown = selectors.desa_choice_get(text="18.01.04.9999")
    assert unknown.desa is None and "tidak ditemukan" in unknown.error
    nothing = selectors.desa_choice_get(text="zzqqxx")
    assert nothing.desa is None and "Tidak ada desa" in nothing.error
    assert "ketik kode" in selectors.desa_choice_get().error


@pytest.mark.django_db
def test_autocomplete_lists_matches_with_kecamatan_and_kabupaten(wilayah, web):
    r = web.get("/daftar/cari-desa/", {"desa": "bumi sari"}, HTTP_HX_REQUEST="true")
    body = r.content.decode()
    assert r.status_code == 200 and body.count('name="code"') == 10
    assert "Kecamatan Natar, Kabupaten Lampung Selatan, Lampung · 18.01.04.2009" in body
    assert "checked" not in body and "Tambahkan nama kecamatan" in body
    one = web.get("/daftar/cari-desa/", {"desa": "hajim"}, HTTP_HX_REQUEST="true")
    body = one.content.decode()
    assert 'value="1801042001" checked' in body
    assert "/daftar/saran-subdomain/?code=1801042001" in body  # the subdomain follows


@pytest.mark.django_db
def test_without_javascript_a_search_page_links_to_the_form_with_the_village(wilayah, web):
    r = web.get("/daftar/cari-desa/", {"desa": "bumi sari"})
    body = r.content.decode()
    assert "<html" in body and 'href="/daftar/?kode=1801042009"' in body
    page = web.get("/daftar/", {"kode": "1801042009"}).content.decode()
    assert 'value="1801042009" checked' in page and 'value="bumi-sari"' in page


@pytest.mark.django_db
def test_without_javascript_the_search_button_keeps_every_value_and_counts_no_submission(
    wilayah, web, settings
):
    data = form(desa="bumi sari", proof=None, cari="1", slug="", phone="abc")
    for _ in range(25):  # more than the 20 sign-ups an address may send in an hour
        r = web.post("/daftar/", data)
    body = r.content.decode()
    assert r.status_code == 200 and 'data-testid="error-summary"' not in body
    assert body.count('name="code"') == 10 and 'value="1801042009"' in body
    for kept in ('value="bumi sari"', 'value="Siti Operator"', 'value="siti@contoh.id"'):
        assert kept in body
    assert 'value="abc"' in body and 'id="id_consent" checked' in body
    assert not Signup.objects.exists()
    # The searches were no sign-ups: a real one still goes through.
    settings.MEDIA_ROOT = settings.MEDIA_ROOT
    r = web.post("/daftar/", form(desa="bumi sari natar", slug="bumi-sari"))
    assert r.status_code != 429


# --- One round of errors, every value kept ------------------------------------------------


@pytest.mark.django_db
def test_every_error_arrives_in_one_round_and_every_value_is_kept(wilayah, village_b, web):
    r = web.post(
        "/daftar/",
        form(
            desa="bumi sari",  # four villages of that name: pick one
            slug="sidosari",  # taken by a village on Balai
            operator_name="",
            email="siti@",  # not an address
            phone="abc",
            consent=None,
            proof=SimpleUploadedFile("sk.pdf", b"MZ\x90 exe"),
        ),
    )
    body = r.content.decode()
    assert r.status_code == 400
    summary = body.split('data-testid="error-summary"')[1].split("</div>")[0]
    for message in (
        "pilih desa Anda dari daftar",
        "Subdomain sidosari sudah dipakai",
        "Nama Anda wajib diisi",
        "alamat email yang valid",
        "Nomor telepon tidak valid",
        "PDF, JPG atau PNG",
        "syarat layanan dan kebijakan privasi",
    ):
        assert message in summary, message
    assert 'value="bumi sari"' in body and body.count('name="code"') == 10
    assert 'value="sidosari"' in body and 'value="abc"' in body and 'value="siti@"' in body
    assert not Signup.objects.exists()


@pytest.mark.django_db
def test_a_picked_village_stays_picked_after_an_error(wilayah, web):
    r = web.post("/daftar/", form(desa="bumi sari", code="1801042009", phone="abc"))
    body = r.content.decode()
    assert r.status_code == 400 and "Nomor telepon tidak valid" in body
    assert 'value="1801042009" checked' in body and 'value="bumi sari"' in body


@pytest.mark.django_db
def test_a_village_already_on_balai_is_reported_with_the_other_errors(wilayah, village, web):
    r = web.post("/daftar/", form(desa="18.01.04.2001", position="", phone="0812"))
    body = r.content.decode()
    assert "Desa Hajimena sudah terdaftar di Balai" in body
    assert "Jabatan wajib diisi" in body and "Nomor telepon tidak valid" in body


@pytest.mark.django_db
def test_the_phone_is_stored_in_one_form(wilayah, web, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    web.post("/daftar/", form(phone="+62 812-3456-7890"))
    assert Signup.objects.get().phone == "081234567890"


@pytest.mark.django_db
def test_a_checked_proof_is_kept_for_the_next_round(
    wilayah, web, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    r = web.post("/daftar/", form(phone="abc"))
    body = r.content.decode()
    assert r.status_code == 400 and 'data-testid="proof-kept"' in body and "sk.pdf" in body
    token = re.search(r'name="proof_kept" value="([^"]+)"', body).group(1)
    # A second refused round keeps it too, without storing it again.
    r = web.post("/daftar/", form(phone="abc", proof=None, proof_kept=token))
    assert f'value="{token}"' in r.content.decode()
    held = list((tmp_path / "public" / "pendaftaran" / "sementara").iterdir())
    assert len(held) == 1
    with django_capture_on_commit_callbacks(execute=True):
        r = web.post("/daftar/", form(proof=None, proof_kept=token))
    assert r.status_code == 302
    signup = Signup.objects.get()
    assert signup.proof.read() == PDF and signup.proof.name.startswith("pendaftaran/bukti/")
    assert not held[0].exists()  # the kept copy is gone once the sign-up holds it


@pytest.mark.django_db
def test_a_refused_or_forged_proof_is_not_kept(wilayah, web, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    r = web.post("/daftar/", form(phone="abc", proof=SimpleUploadedFile("x.pdf", b"MZ\x90")))
    assert 'name="proof_kept"' not in r.content.decode()
    r = web.post("/daftar/", form(proof=None, proof_kept="pendaftaran/bukti/lain.pdf"))
    assert r.status_code == 400 and "Unggah surat tugas" in r.content.decode()


@pytest.mark.django_db
def test_kept_proofs_of_abandoned_forms_are_cleared(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    token = services.proof_hold_store(proof=proof())
    assert services.proof_hold_get(token).read() == PDF
    assert services.proof_hold_clear() == 0  # younger than a day
    assert services.proof_hold_clear(older_than=-60) == 1
    assert services.proof_hold_get(token) is None
    from procrastinate.contrib.django import app

    import control_plane.onboarding.tasks  # noqa: F401 - the worker autodiscovers it

    assert any(
        key[0] == "control_plane.onboarding.tasks.proof_hold_clear_task"
        for key in app.periodic_registry.periodic_tasks
    )


# --- Consent, terms and privacy -------------------------------------------------------------


@pytest.mark.django_db
def test_the_consent_links_to_the_terms_and_the_privacy_policy(wilayah, web):
    page = web.get("/daftar/").content.decode()
    consent = page.split('class="consent"')[1].split("</p>")[0]
    assert 'href="/daftar/syarat-layanan/"' in consent
    assert 'href="/daftar/kebijakan-privasi/"' in consent
    terms = web.get("/daftar/syarat-layanan/")
    privacy = web.get("/daftar/kebijakan-privasi/")
    assert terms.status_code == privacy.status_code == 200
    assert "Syarat layanan Balai" in terms.content.decode()
    text = privacy.content.decode()
    assert "Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi" in text
    assert "privasi@" in text
    english = web.get("/daftar/kebijakan-privasi/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Privacy policy" in english.content.decode()


# --- Invitations verify the e-mail once ----------------------------------------------------


@pytest.mark.django_db
def test_an_invited_operator_verifies_nothing_more(
    wilayah, web, django_capture_on_commit_callbacks
):
    manager = make_staff("m-undang", "contract_manager", "1801")
    make_contract("1801", manager)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            code="18.01.04.2011", email="op@branti.id", actor=Actor.for_user(manager)
        )
    link = re.search(r"http://\S+/daftar/\?undangan=\S+", mail.outbox[-1].body).group(0)
    mail.outbox.clear()
    path = link.split("localhost", 1)[1].split("/", 1)[1]
    page = web.get("/" + path).content.decode()
    assert "tidak perlu verifikasi lagi" in page and 'name="email"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        r = web.post(
            "/daftar/",
            {
                "undangan": invitation.token,
                "slug": "branti-raya",
                "operator_name": "Operator",
                "phone": "081234567890",
                "position": "Sekdes",
                "consent": "on",
            },
        )
    assert r.status_code == 302
    signup = Signup.objects.get()
    assert signup.status == "approved" and signup.verified_at is not None
    assert [m.subject for m in mail.outbox] == ["Pendaftaran Branti Raya disetujui"]
    assert "/daftar/verifikasi/" not in mail.outbox[0].body
    status = web.get(r.url).content.decode()
    assert "Disetujui, sedang disiapkan" in status
    invitation.refresh_from_db()
    assert invitation.used_at is not None


# --- The managers hear that a sign-up waits ------------------------------------------------


@pytest.mark.django_db
def test_the_kabupatens_managers_are_told_that_a_signup_waits(
    wilayah, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    settings.BALAI_PORT = "8100"
    in_contract = make_staff("m-kontrak", "contract_manager", "1801")
    by_profile = make_staff("m-profil", "contract_manager", "1801")  # not on the contract
    make_staff("m-lain", "contract_manager", "1802")
    make_staff("ops-a", "ops")
    make_contract("1801", in_contract)
    signup = services.signup_submit(**_service_form())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        signup = services.signup_verify(email_token=signup.email_token)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([by_profile.email, in_contract.email])
    body = mail.outbox[0].body
    assert f"http://{settings.BALAI_DOMAIN}:8100/daftar/persetujuan/{signup.pk}/" in body
    assert "Candi Mas (18.01.04.2010)" in body and "Siti Operator" in body


@pytest.mark.django_db
def test_without_a_contract_operations_are_told(
    wilayah, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    ops = make_staff("ops-b", "ops")
    make_staff("m-1803", "contract_manager", "1803")  # no contract: may not decide
    signup = services.signup_submit(**_service_form(desa="1803012002", slug="tanpa-kontrak"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.signup_verify(email_token=signup.email_token)
    assert [m.to[0] for m in mail.outbox] == [ops.email]


def _service_form(**changes):
    """The same sign-up as ``form()``, as the service takes it."""
    return {**form(**changes), "consent": True}


# --- A rejected sign-up applies again ------------------------------------------------------


@pytest.mark.django_db
def test_a_rejected_signup_applies_again_and_its_history_stays(
    wilayah, web, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    manager = make_staff("m-tolak", "contract_manager", "1801")
    make_contract("1801", manager)
    first = services.signup_verify(
        email_token=services.signup_submit(**_service_form()).email_token
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.signup_reject(signup=first, actor=Actor.for_user(manager), reason="SK buram")
    rejection = mail.outbox[-1].body
    assert "SK buram" in rejection and "mengajukan lagi" in rejection
    again_link = re.search(r"http://\S+/daftar/\?ulang=(\S+)", rejection)
    assert again_link.group(1) == first.token
    status = web.get(f"/daftar/status/{first.token}/").content.decode()
    assert f'href="/daftar/?ulang={first.token}"' in status
    # The form comes filled in from the rejected sign-up.
    page = web.get("/daftar/", {"ulang": first.token}).content.decode()
    assert "SK buram" in page and 'data-testid="apply-again"' in page
    for kept in ('value="1801042010" checked', 'value="candi-mas"', 'value="siti@contoh.id"'):
        assert kept in page
    # The same e-mail and village apply again.
    r = web.post("/daftar/", form(desa="18.01.04.2010", email="siti@contoh.id"))
    assert r.status_code == 302, r.content.decode()[:3000]
    second = Signup.objects.exclude(pk=first.pk).get()
    second = services.signup_verify(email_token=second.email_token)
    assert second.status == "pending" and second.email == first.email
    assert list(selectors.signup_history_list(second)) == [first]
    first.refresh_from_db()
    assert first.status == "rejected" and first.reason == "SK buram"  # kept as history
    from tests.control_plane.onboarding.test_approval_pages import login

    detail = login(manager, settings).get(f"/daftar/persetujuan/{second.pk}/").content.decode()
    history = detail.split('data-testid="signup-history"')[1].split("</ul>")[0]
    assert "Ditolak" in history and "SK buram" in history
    assert Invitation.objects.count() == 0
