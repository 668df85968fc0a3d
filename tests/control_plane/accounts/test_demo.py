"""Demo accounts load idempotently and can pass the second factor with the printed secret."""

import base64

import pytest
from django_otp.oath import TOTP

from control_plane.accounts import demo


@pytest.mark.django_db
def test_demo_staff_log_in_with_printed_secret(public_client):
    demo.load_demo(villages=[])
    demo.load_demo(villages=[])
    from control_plane.accounts.demo import DEMO_PASSWORD

    username, _role, _kab, key = demo.DEMO_STAFF[1]
    r = public_client.post("/akun/masuk/", {"username": username, "password": DEMO_PASSWORD})
    assert r["Location"].startswith("/akun/otp/")
    secret = base64.b32decode(demo.totp_secret(key))
    r = public_client.post("/akun/otp/", {"token": f"{TOTP(secret).token():06d}"})
    assert r.status_code == 302
    assert public_client.get("/daftar/persetujuan/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("index", "home"), [(2, "/dasbor/wilayah/180104/"), (3, "/dasbor/wilayah/18/")]
)
def test_demo_camat_and_province_official_land_on_their_region(public_client, index, home):
    demo.load_demo(villages=[])
    username, _role, _region, key = demo.DEMO_STAFF[index]
    public_client.post("/akun/masuk/", {"username": username, "password": demo.DEMO_PASSWORD})
    secret = base64.b32decode(demo.totp_secret(key))
    r = public_client.post("/akun/otp/", {"token": f"{TOTP(secret).token():06d}"}, follow=True)
    assert r.redirect_chain[-1][0] == home


@pytest.mark.django_db
def test_demo_villages_have_their_office_staff(village):
    """Beside the admin, each demo village has its operator, secretary, head and a
    reviewer, each signing in with the demo password in their own role (idempotent)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from tenants.context import village_context
    from village_apps.akun.permissions import village_role

    demo.load_demo(villages=[village])
    demo.load_demo(villages=[village])
    with village_context(village):
        users = {u.username: u for u in get_user_model().objects.all()}
        roles = {name: village_role(users[name]) for name, *_ in demo.DEMO_VILLAGE_STAFF}
    assert roles == {"operator": "operator", "sekdes": "sekdes", "kades": "kades",
                     "peninjau": "peninjau"}  # fmt: skip
    client = Client(HTTP_HOST=village.host)
    answer = client.post("/akun/masuk/", {"username": "sekdes", "password": demo.DEMO_PASSWORD})
    assert answer.status_code == 302 and "/akun/masuk/" not in answer["Location"]
