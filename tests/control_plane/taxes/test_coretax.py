"""The Coretax export validates against the transcribed layout and matches a golden file."""

import datetime as dt
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from control_plane.taxes.calculation import RuleSet, tax_compute
from control_plane.taxes.coretax import (
    CoretaxExportError,
    CoretaxInvoice,
    CoretaxLine,
    coretax_parse,
    coretax_xml,
)

pytestmark = pytest.mark.billing
GOLDEN = Path(__file__).parent / "golden" / "coretax_2026-01.xml"
RULES = RuleSet(Decimal("12"), 11, 12, Decimal("2"), 2_000_000, {})
SELLER = "0123456789012345"


def _invoice(ref, villages, price, buyer="government"):
    b = tax_compute(fee_idr=villages * price, buyer_kind=buyer, rules=RULES)
    line = CoretaxLine(
        name=f"Layanan Balai {villages} desa Januari 2026",
        price=price,
        qty=villages,
        tax_base=b.fee_idr,
        other_tax_base=b.dpp_idr,
        vat_rate=b.ppn_rate_percent,
        vat=b.ppn_idr,
    )
    return CoretaxInvoice(
        invoice_date=dt.date(2026, 1, 31),
        trx_code=b.trx_code,
        ref=ref,
        buyer_tin="1801000000000001",
        buyer_name="Pemerintah Kabupaten Lampung Selatan",
        buyer_address="Jl. Mustafa Kemal No. 1, Kalianda",
        buyer_email="bpkad@lampungselatankab.go.id",
        custom_doc="SPK 027/2026",
        lines=[line],
    )


INVOICES = [_invoice("BALAI-2026-0001", 1, 1_500_000), _invoice("BALAI-2026-0002", 40, 1_250_000)]


def test_export_matches_golden_file_field_by_field():
    produced = ET.fromstring(coretax_xml(seller_tin=SELLER, invoices=INVOICES))  # noqa: S314 - our own output
    golden = ET.fromstring(GOLDEN.read_bytes())  # noqa: S314 - our own fixture
    produced_fields = [(el.tag, (el.text or "").strip()) for el in produced.iter()]
    golden_fields = [(el.tag, (el.text or "").strip()) for el in golden.iter()]
    assert produced_fields == golden_fields


def test_golden_file_itself_is_valid_and_amounts_round_trip():
    data = coretax_parse(GOLDEN.read_bytes())
    inv = data["ListOfTaxInvoice"]["TaxInvoice"][1]
    good = inv["ListOfGoodService"]["GoodService"][0]
    assert good["TaxBase"] == Decimal("50000000.00")
    assert good["OtherTaxBase"] == Decimal("45833333.00")
    assert good["VAT"] == Decimal("5500000.00")
    assert inv["TrxCode"] == "02"


def test_small_invoice_is_code_04_and_large_one_code_02():
    # Rp 1.665.000 including PPN is under the treasurer threshold: the seller collects PPN.
    assert [i.trx_code for i in INVOICES] == ["04", "02"]


def test_invalid_exports_are_refused_with_all_problems():
    bad = CoretaxInvoice(
        invoice_date=dt.date(2026, 1, 31),
        trx_code="02",
        ref="X",
        buyer_tin="123",
        buyer_name="",
        buyer_address="alamat",
        buyer_branch="1",
        lines=[
            CoretaxLine(
                name="x",
                price=10,
                qty=2,
                tax_base=25,
                other_tax_base=18,
                vat_rate=Decimal("12"),
                vat=99,
            )
        ],
    )
    with pytest.raises(CoretaxExportError) as err:
        coretax_xml(seller_tin="12", invoices=[bad])
    text = str(err.value)
    assert (
        "NPWP penjual" in text
        and "NITKU" in text
        and "DPP harus" in text
        and "PPN tidak sama" in text
    )
