"""English for the control plane: the kabupaten portal (tax invoices), billing, the
regional dashboards and the fleet console switch language with the ``django_language``
cookie; without it they stay Indonesian. Legal documents (BAST, kuitansi) stay
Indonesian whatever the screen language is."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from tests.control_plane.billing.fixtures import staff_client

pytestmark = pytest.mark.django_db

# (url, Indonesian text, its English translation); the Coretax form without dates is
# answered 400 with the empty form.
OPS_PAGES = [
    ("/ops/fleet/", "Pemutakhiran armada desa", "Village fleet upgrades"),
    ("/billing/paket/", "Paket dan modul", "Plans and modules"),
    ("/billing/kesehatan/", "Kesehatan penagihan", "Billing health"),
    (
        "/kabupaten/pajak/coretax/?mulai=2026-01-01&sampai=x",
        "Ekspor faktur pajak (Coretax)",
        "Tax invoice export (Coretax)",
    ),
    ("/dasbor/pengaturan/", "Pengaturan dasbor publik", "Public dashboard settings"),
    ("/dasbor/desa/", "Desa di wilayah", "Villages in the region"),
    ("/akun/undang/", "Kode wilayah", "Region code"),
]


@pytest.fixture
def ops():
    return staff_client(role="ops", username="ops-i18n")[0]


@pytest.mark.parametrize(("url", "indonesian", "english"), OPS_PAGES, ids=[p[0] for p in OPS_PAGES])
def test_ops_pages_in_english_with_the_cookie(ops, url, indonesian, english):
    html = ops.get(url).content.decode()
    assert indonesian in html and english not in html

    ops.cookies["django_language"] = "en"
    response = ops.get(url)
    assert response.status_code == (400 if "coretax" in url else 200)
    html = response.content.decode()
    assert english in html
    assert indonesian not in html


def test_coretax_form_labels_and_error_in_english(ops):
    ops.cookies["django_language"] = "en"
    html = ops.get("/kabupaten/pajak/coretax/?mulai=kemarin").content.decode()
    assert "Enter a valid date." in html
    assert "Download XML" in html and "Unduh XML" not in html


def test_public_dashboard_in_english(public_client):
    html = public_client.get("/dasbor/wilayah/18/").content.decode()
    assert "Tampilan publik" in html and "Public view" not in html

    public_client.cookies["django_language"] = "en"
    html = public_client.get("/dasbor/wilayah/18/").content.decode()
    assert "Public view: counts of 1–4 are shown as" in html
    assert "Comparison by regency" in html and "Perbandingan per" not in html
    assert "Tampilan publik" not in html


def test_legal_documents_stay_indonesian(monkeypatch):
    """BAST and kuitansi are rendered in Indonesian even from an English screen."""
    from control_plane.taxes import government

    rendered = {}

    def render(template, context):
        rendered["language"] = translation.get_language()
        rendered["html"] = render_to_string(template, context)
        return rendered["html"]

    monkeypatch.setattr(government, "render_to_string", render)
    contract = SimpleNamespace(number="K-1", billing_name="Pemkab Uji", kabupaten_name="Uji")
    invoice = SimpleNamespace(number="INV-1", quantity=2)
    context = {
        "invoice": invoice,
        "contract": contract,
        "amount": "Rp 1.000",
        "words": "seribu rupiah",
        "stamp_duty": 0,
        "payments": [],
        "today": dt.date(2026, 1, 2),
        "seller": "Balai",
    }
    with translation.override("en"):
        pdf = government._pdf("taxes/kuitansi_pdf.html", context)
        assert translation.get_language() == "en"
    assert pdf.startswith(b"%PDF")
    assert rendered["language"] == "id"
    assert "Telah terima dari" in rendered["html"]
