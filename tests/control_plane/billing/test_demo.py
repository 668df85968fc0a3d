"""The demo shows billing without Stripe: local server, a contract, paid and draft
invoices; running it twice changes nothing."""

import pytest

from control_plane.billing import demo
from control_plane.billing.models import Invoice
from control_plane.contracts.models import Contract
from tests.control_plane.billing.fixtures import village_new

pytestmark = [pytest.mark.billing, pytest.mark.django_db]


@pytest.fixture
def demo_env(settings, monkeypatch, tmp_path):
    for name in ("STRIPE_SECRET_KEY", "STRIPE_API_BASE", "STRIPE_WEBHOOK_SECRET"):
        monkeypatch.setenv(name, "")
    settings.STRIPE_SECRET_KEY = ""
    settings.BASE_DIR = tmp_path
    settings.BALAI_PORT = "9"  # webhooks go nowhere: the demo mirrors directly
    monkeypatch.setattr(demo, "LOCAL_PORT", 0)
    monkeypatch.setattr(demo, "_server", None)
    yield
    if demo._server is not None:
        demo._server.stop()


def test_load_demo_is_idempotent(demo_env, village, village_b, settings):
    third = village_new(code="1801042023", name="Tagih Demo", slug="tagih-demo")
    demo.load_demo(villages=[village, village_b, third])
    contract = Contract.objects.get(number=demo.DEMO_CONTRACT_NUMBER)
    assert settings.STRIPE_API_BASE.startswith("http://127.0.0.1:")
    assert contract.billed_quantity == 3
    # On Lengkap: the demo villages show every module.
    village.refresh_from_db()
    assert village.modules == ["keuangan", "surat", "web"] and village.modules_plan == "Lengkap"
    statuses = sorted(Invoice.objects.filter(contract=contract).values_list("status", flat=True))
    assert statuses == ["draft", "paid"]
    demo.load_demo(villages=[village, village_b, third])
    assert Invoice.objects.filter(contract=contract).count() == 2
    assert (settings.BASE_DIR / "var" / "stripe_local.json").exists()
