"""Sign-up rules, verification, approval scoping, seats, rejection and invitations."""

import pytest
from django.core import mail
from django.core.cache import caches
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from balai_kernel.actor import Actor
from control_plane.onboarding import selectors, services
from control_plane.onboarding.models import Invitation, Signup
from tests.control_plane.onboarding.helpers import make_contract, make_staff

PDF = b"%PDF-1.4 surat tugas"


def submit(code="1801042010", slug="tugu-uji", **kw):
    data = dict(
        code=code,
        slug=slug,
        operator_name="Operator",
        email="op@contoh.id",
        phone="081234567890",
        position="Sekdes",
        consent=True,
        proof=SimpleUploadedFile("sk.pdf", PDF, content_type="application/pdf"),
    )
    data.update(kw)
    return services.signup_submit(**data)


def messages_of(exc) -> str:
    return " ".join(m for msgs in exc.value.message_dict.values() for m in msgs)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"code": "18.01.04.9999"}, "tidak ditemukan"),
        ({"code": "1801042001"}, "sudah terdaftar di Balai: http://hajimena."),
        ({"slug": "www"}, "tidak boleh dipakai"),
        ({"slug": "admin"}, "tidak boleh dipakai"),
        ({"slug": "sidosari"}, "sudah dipakai"),
        ({"slug": "Bad_Slug!"}, "huruf kecil"),
        ({"consent": False}, "syarat layanan dan kebijakan privasi"),
        ({"email": ""}, "E-mail wajib diisi"),
        ({"proof": None}, "Unggah surat tugas"),
        ({"proof": SimpleUploadedFile("x.pdf", b"MZ\x90 exe")}, "PDF, JPG atau PNG"),
        ({"proof": SimpleUploadedFile("x.pdf", b"%PDF" + b"0" * 3_000_000)}, "terlalu besar"),
    ],
)
def test_clear_messages(wilayah, village, village_b, kwargs, message):
    with pytest.raises(ValidationError) as exc:
        submit(**kwargs)
    assert message in messages_of(exc)
    assert not Signup.objects.exists()


@pytest.mark.django_db
def test_slug_suggestion_skips_taken_and_reserved(wilayah, village):
    assert services.slug_suggest(code="1801042009") == "bumi-sari"
    assert services.slug_suggest(code="1801042001") == "hajimena-natar"


@pytest.mark.django_db(transaction=True)
def test_verify_then_manager_scope_approve_and_reject(wilayah):
    from tenants.models import Village

    lamsel = make_staff("m1801", "contract_manager", "1801")
    lamteng = make_staff("m1802", "contract_manager", "1802")
    ops = make_staff("ops1", "ops")
    make_contract("1801", lamsel, seat_limit=10)
    try:
        signup = submit()
        assert "/daftar/verifikasi/" in mail.outbox[-1].body
        signup = services.signup_verify(email_token=signup.email_token)
        assert signup.status == "pending" and signup.village.status == "pending"
        assert list(selectors.pending_signups_for(lamsel)) == [signup]
        assert list(selectors.pending_signups_for(lamteng)) == []
        assert list(selectors.pending_signups_for(ops)) == [signup]
        with pytest.raises(PermissionDenied):
            services.signup_approve(signup=signup, actor=Actor.for_user(lamteng))
        # Another sign-up for the same village is refused while this one is pending.
        with pytest.raises(ValidationError):
            submit(slug="tugu-lain")
        services.signup_reject(
            signup=signup,
            actor=Actor.for_user(lamsel),
            reason="SK tidak terbaca",
        )
        assert "SK tidak terbaca" in mail.outbox[-1].body
        signup.refresh_from_db()
        assert signup.status == "rejected" and signup.village.status == "rejected"
        # The code and subdomain are free again.
        again = submit()
        again = services.signup_verify(email_token=again.email_token)
        from procrastinate.contrib.django.models import ProcrastinateJob

        services.signup_approve(signup=again, actor=Actor.for_user(lamsel))
        job = ProcrastinateJob.objects.get(
            task_name__endswith="village_provision_task", args__village_id=again.village_id
        )
        assert job.queue_name == "provisioning" and job.status == "todo"
        again.village.refresh_from_db()
        assert again.village.status == "provisioning"
    finally:
        for v in Village.objects.filter(code="1801042010"):
            v.delete()


@pytest.mark.django_db
def test_without_contract_only_operations_approve(wilayah):
    manager = make_staff("m1803", "contract_manager", "1803")
    ops = make_staff("ops2", "ops")
    signup = submit(code="1803012002", slug="tanpa-kontrak")
    signup = services.signup_verify(email_token=signup.email_token)
    with pytest.raises(services.OnboardingError, match="belum memiliki kontrak"):
        services.signup_approve(signup=signup, actor=Actor.for_user(manager))
    services.signup_approve(signup=signup, actor=Actor.for_user(ops))
    signup.refresh_from_db()
    assert signup.status == "approved"


@pytest.mark.django_db
def test_full_contract_blocks_approval_and_seats_count(wilayah, village, village_b):
    manager = make_staff("m1801b", "contract_manager", "1801")
    contract = make_contract("1801", manager, seat_limit=2)
    assert selectors.seats_used(contract) == 2 and selectors.seats_free(contract) == 0
    signup = services.signup_verify(email_token=submit().email_token)
    with pytest.raises(services.OnboardingError, match="penuh"):
        services.signup_approve(signup=signup, actor=Actor.for_user(manager))


@pytest.mark.django_db
def test_invitation_approves_automatically_and_bulk_csv(wilayah):
    manager = make_staff("m1801c", "contract_manager", "1801")
    make_contract("1801", manager)
    made, errors = services.invitation_bulk_create(
        actor=Actor.for_user(manager),
        csv_text="kode,email\n18.01.04.2011,a@contoh.id\n18.02.01.2002,b@contoh.id\n99,c@contoh.id\n",
    )
    assert [i.code for i in made] == ["1801042011"]
    assert len(errors) == 2 and "bukan wilayah kontrak" in errors[0]
    invitation = Invitation.objects.get()
    # The invitation link proves the e-mail: approved on submission, nothing to verify.
    signup = submit(code="ignored", slug="desa-undangan", proof=None, invitation=invitation)
    assert signup.email == "a@contoh.id" and signup.code == "1801042011"
    assert signup.status == "approved" and signup.decided_by == "undangan"
    assert signup.verified_at is not None
    invitation.refresh_from_db()
    assert invitation.used_at is not None


@pytest.mark.django_db
def test_signup_page_rate_limited(wilayah, public_client):
    caches["ratelimit"].clear()
    for _ in range(20):
        public_client.post("/daftar/", {"slug": "x"})
    r = public_client.post("/daftar/", {"slug": "x"})
    assert r.status_code == 429 and "Terlalu banyak" in r.content.decode()
    caches["ratelimit"].clear()


@pytest.mark.django_db
def test_signup_page_renders_and_lists_regions(wilayah, public_client):
    r = public_client.get("/daftar/")
    assert r.status_code == 200 and 'id="id_desa"' in r.content.decode()
    r = public_client.get("/daftar/wilayah/")
    assert r.status_code == 200 and "Lampung" in r.content.decode()
    r = public_client.get("/daftar/pilihan/desa/", {"kecamatan": "180104"})
    assert "Hajimena (18.01.04.2001)" in r.content.decode()
    r = public_client.get("/daftar/saran-subdomain/", {"code": "1801042009"})
    assert 'value="bumi-sari"' in r.content.decode()


@pytest.mark.django_db
def test_signup_page_without_email_is_refused_with_the_reason(wilayah, public_client):
    """Issue 18, finding 4: a sign-up without an e-mail was accepted and then waited
    forever for a verification nobody could receive."""
    caches["ratelimit"].clear()
    r = public_client.post(
        "/daftar/",
        {
            "code": "1801042010",
            "slug": "tugu-uji",
            "operator_name": "Operator",
            "email": "",
            "phone": "081234567890",
            "position": "Sekdes",
            "consent": "on",
            "proof": SimpleUploadedFile("sk.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert r.status_code == 400 and "E-mail wajib diisi" in r.content.decode()
    assert not Signup.objects.exists()


@pytest.mark.django_db
def test_unverified_signup_resends_its_link_within_the_signup_limit(
    wilayah, public_client, django_capture_on_commit_callbacks
):
    caches["ratelimit"].clear()
    with django_capture_on_commit_callbacks(execute=True):
        signup = submit()
    page = public_client.get(f"/daftar/status/{signup.token}/").content.decode()
    assert "op@contoh.id" in page and "verification-request" in page
    resend = f"/daftar/status/{signup.token}/kirim-ulang/"
    with django_capture_on_commit_callbacks(execute=True):
        r = public_client.post(resend, follow=True)
    assert "dikirim ulang ke op@contoh.id" in r.content.decode()
    assert mail.outbox[-1].to == ["op@contoh.id"]
    assert signup.email_token in mail.outbox[-1].body and len(mail.outbox) == 2
    # Each resend counts against the sign-up limit of the address (20/h).
    for _ in range(19):
        public_client.post(resend)
    sent = len(mail.outbox)
    r = public_client.post(resend, follow=True)
    assert "Terlalu banyak kiriman" in r.content.decode() and len(mail.outbox) == sent
    caches["ratelimit"].clear()
    # Once verified, nothing is resent.
    services.signup_verify(email_token=signup.email_token)
    r = public_client.post(resend, follow=True)
    assert "sudah terverifikasi" in r.content.decode() and len(mail.outbox) == sent


@pytest.mark.django_db
def test_status_of_a_signup_without_email_never_shows_an_empty_address(wilayah, public_client):
    signup = submit()
    Signup.objects.filter(pk=signup.pk).update(email="")  # made before the rule
    page = public_client.get(f"/daftar/status/{signup.token}/").content.decode()
    assert "tautan verifikasi ke ." not in page and "ke  ." not in page
    assert "tidak memiliki alamat e-mail" in page and 'href="/daftar/"' in page
