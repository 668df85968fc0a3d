"""Approval pages: bounded queries, scoping by kabupaten, proof download, reject form."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from control_plane.onboarding import services
from tests.control_plane.onboarding.helpers import PASSWORD, make_contract, make_staff, totp_now


def login(user, settings) -> Client:
    client = Client(HTTP_HOST=settings.BALAI_DOMAIN)
    client.post("/akun/masuk/", {"username": user.username, "password": PASSWORD})
    client.post("/akun/otp/", {"token": totp_now(user)})
    return client


def pending(code: str, slug: str):
    made = services.signup_submit(
        code=code,
        slug=slug,
        operator_name="Operator",
        email=f"{slug}@contoh.id",
        phone="081234567890",
        position="Sekdes",
        consent=True,
        proof=SimpleUploadedFile("sk.pdf", b"%PDF-1.4 sk", content_type="application/pdf"),
    )
    return services.signup_verify(email_token=made.email_token)


@pytest.mark.django_db
def test_list_is_scoped_and_bounded(wilayah, settings, tmp_path, django_assert_max_num_queries):
    settings.MEDIA_ROOT = tmp_path
    manager = make_staff("m-list", "contract_manager", "1801")
    make_contract("1801", manager)
    for n in range(8):
        pending(f"180104201{n}", f"antre-{n}")
    other = pending("1802012002", "lain-kab")
    client = login(manager, settings)
    with django_assert_max_num_queries(14):
        r = client.get("/daftar/persetujuan/")
    body = r.content.decode()
    assert body.count("/daftar/persetujuan/") >= 8 and other.village_name not in body
    from control_plane.onboarding.models import Signup

    first = Signup.objects.filter(kabupaten_code="1801").first()
    r = client.get(f"/daftar/persetujuan/{first.pk}/bukti/")
    assert r.status_code == 200 and b"".join(r.streaming_content).startswith(b"%PDF")
    r = client.post(f"/daftar/persetujuan/{first.pk}/", {"action": "reject", "reason": ""})
    first.refresh_from_db()
    assert first.status == "pending"
    assert client.get(f"/daftar/persetujuan/{other.pk}/bukti/").status_code == 404
