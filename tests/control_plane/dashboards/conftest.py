import pytest

from tenants.context import village_context
from tests.control_plane.dashboards import uji_facade


@pytest.fixture
def uji_facades(settings):
    """Publish villages through the test facade (and nothing else)."""
    settings.DASHBOARD_SNAPSHOT_FACADES = ["tests.control_plane.dashboards.uji_facade"]
    settings.DASHBOARD_DEBOUNCE_SECONDS = 0
    settings.DASHBOARD_SUPPRESSION_DELAY_SECONDS = 0
    return uji_facade


@pytest.fixture
def populated(uji_facades, village, village_b, village_x):
    """Three villages (two in Lampung Selatan, one in another kabupaten) with residents."""
    data = {
        village: [
            ("L", "islam", 40, "skd"),
            ("P", "islam", 38, "skd"),
            ("L", "kristen", 3, ""),
            ("P", "hindu", 2, "sktm"),
        ],
        village_b: [("L", "islam", 25, ""), ("P", "islam", 30, "skd"), ("P", "kristen", 7, "")],
        village_x: [("L", "islam", 12, "sku"), ("P", "islam", 9, ""), ("L", "buddha", 1, "")],
    }
    for v, rows in data.items():
        with village_context(v):
            uji_facade.table_create()
            for sex, agama, n, surat in rows:
                uji_facade.warga_add(sex, agama, n, surat, keluarga=1)
    return data


def staff_client(settings, *, role: str, kabupaten_code: str = "", username: str = "staf"):
    """A platform-domain client logged in as staff with a verified TOTP device."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from control_plane.accounts.models import StaffProfile

    user = get_user_model().objects.create_user(username=username, password="sandi-uji-12345")
    StaffProfile.objects.create(user=user, role=role, kabupaten_code=kabupaten_code)
    device = TOTPDevice.objects.create(user=user, name="uji", confirmed=True)
    client = Client(HTTP_HOST=settings.BALAI_DOMAIN)
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def ops_client(settings, db):
    return staff_client(settings, role="ops", username="ops-uji")


@pytest.fixture
def manager_client(settings, db):
    return staff_client(settings, role="contract_manager", kabupaten_code="1801", username="pk-uji")


@pytest.fixture
def published(populated, village, village_b, village_x):
    from control_plane.dashboards.services import snapshot_publish, suppression_refresh

    for v in (village, village_b, village_x):
        snapshot_publish(village_id=v.pk)
    suppression_refresh(provinsi_code="18")
    return populated
