"""Operations staff and contract managers cannot reach their pages without TOTP."""

import pytest

from tests.control_plane.onboarding.helpers import PASSWORD, make_contract, make_staff, totp_now

PAGES = ["/daftar/persetujuan/", "/daftar/undangan/", "/akun/undang/"]


@pytest.mark.django_db
@pytest.mark.parametrize("role,kab", [("ops", ""), ("contract_manager", "1801")])
def test_password_alone_is_not_enough(public_client, role, kab):
    user = make_staff(f"u-{role}", role, kab)
    if kab:
        make_contract(kab, user)
    r = public_client.post("/akun/masuk/", {"username": user.username, "password": PASSWORD})
    assert r.status_code == 302 and r["Location"].startswith("/akun/otp/")
    for page in PAGES + (["/ops/desa/"] if role == "ops" else []):
        r = public_client.get(page)
        assert r.status_code == 302 and r["Location"].startswith("/akun/otp/"), page
    r = public_client.post("/akun/otp/", {"token": "000000"})
    assert r.status_code == 200 and "Kode salah" in r.content.decode()
    assert public_client.get(PAGES[0]).status_code == 302
    r = public_client.post("/akun/otp/", {"token": totp_now(user)})
    assert r.status_code == 302
    for page in PAGES:
        assert public_client.get(page).status_code == 200, page


@pytest.mark.django_db
def test_without_a_device_enrolment_is_required(public_client):
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = make_staff("ops-baru", "ops", device=False)
    r = public_client.post("/akun/masuk/", {"username": user.username, "password": PASSWORD})
    assert r["Location"].startswith("/akun/otp/daftar/")
    assert public_client.get("/ops/desa/").status_code == 302
    r = public_client.get("/akun/otp/daftar/")
    assert r.status_code == 200 and "data:image/svg+xml" in r.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    token = f"{TOTP(device.bin_key).token():06d}"
    r = public_client.post("/akun/otp/daftar/", {"token": token})
    assert r.status_code == 302
    assert public_client.get("/ops/desa/").status_code == 200


@pytest.mark.django_db
def test_other_roles_are_refused(public_client):
    user = make_staff("operator", "village_operator", device=False)
    public_client.post("/akun/masuk/", {"username": user.username, "password": PASSWORD})
    assert public_client.get("/daftar/persetujuan/").status_code == 403
    public_client.logout()
    assert public_client.get("/daftar/persetujuan/")["Location"].startswith("/akun/masuk/")
