"""Export of output tax invoices in Coretax's XML import layout, validated before download.

The layout (element order and names, including Coretax's own spelling ``BuyerAdress``)
is transcribed in ``schemas/TaxInvoice.xsd``; ``coretax_xml`` refuses to return a file
that does not validate against it or whose amounts do not add up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from xml.etree import ElementTree as ET

import xmlschema
from django.utils.translation import gettext as _

from control_plane.taxes.calculation import rate_fraction, round_half_up

SCHEMA_PATH = Path(__file__).parent / "schemas" / "TaxInvoice.xsd"
SERVICE_CODE = "000000"  # generic service code for "jasa lainnya"
UNIT_CODE = "UM.0030"  # unit of measure used for monthly services; kept as data in CoretaxLine


class CoretaxExportError(ValueError):
    """The export would be rejected; the message lists every problem (Indonesian)."""


@dataclass(frozen=True)
class CoretaxLine:
    name: str
    price: int
    qty: int
    tax_base: int
    other_tax_base: int
    vat_rate: Decimal
    vat: int
    discount: int = 0
    code: str = SERVICE_CODE
    unit: str = UNIT_CODE
    opt: str = "B"


@dataclass(frozen=True)
class CoretaxInvoice:
    invoice_date: dt.date
    trx_code: str
    ref: str
    buyer_tin: str
    buyer_name: str
    buyer_address: str
    buyer_branch: str = "000000"
    buyer_email: str = ""
    add_info: str = ""
    custom_doc: str = ""
    lines: list[CoretaxLine] = field(default_factory=list)

    @property
    def buyer_idtku(self) -> str:
        return self.buyer_tin + self.buyer_branch


def _amount(value: int | Decimal) -> str:
    return f"{Decimal(value):.2f}"


def _problems(seller_tin: str, invoices: list[CoretaxInvoice]) -> list[str]:
    problems = []
    if not (seller_tin.isdigit() and len(seller_tin) == 16):
        problems.append(_("NPWP penjual harus 16 digit."))
    for inv in invoices:
        if not inv.lines:
            problems.append(_("%(ref)s: tidak ada baris barang/jasa.") % {"ref": inv.ref})
        if not (inv.buyer_branch.isdigit() and len(inv.buyer_branch) == 6):
            problems.append(
                _("%(ref)s: NITKU pembeli harus NPWP + 6 digit (000000 untuk pusat).")
                % {"ref": inv.ref}
            )
        for n, line in enumerate(inv.lines, 1):
            if line.tax_base != line.price * line.qty - line.discount:
                problems.append(
                    _("%(ref)s baris %(n)s: DPP harus harga × jumlah − diskon.")
                    % {"ref": inv.ref, "n": n}
                )
            if line.vat != round_half_up(
                Fraction(line.other_tax_base) * rate_fraction(line.vat_rate)
            ):
                problems.append(
                    _("%(ref)s baris %(n)s: PPN tidak sama dengan tarif × DPP nilai lain.")
                    % {"ref": inv.ref, "n": n}
                )
    return problems


def coretax_xml(
    *, seller_tin: str, seller_branch: str = "000000", invoices: list[CoretaxInvoice]
) -> bytes:
    """Build and validate the XML for a period's invoices."""
    problems = _problems(seller_tin, invoices)
    if problems:
        raise CoretaxExportError("\n".join(problems))
    root = ET.Element("TaxInvoiceBulk")
    root.set("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
    root.set("xsi:noNamespaceSchemaLocation", "TaxInvoice.xsd")
    ET.SubElement(root, "TIN").text = seller_tin
    listing = ET.SubElement(root, "ListOfTaxInvoice")
    for inv in invoices:
        el = ET.SubElement(listing, "TaxInvoice")
        values = [
            ("TaxInvoiceDate", inv.invoice_date.isoformat()),
            ("TaxInvoiceOpt", "Normal"),
            ("TrxCode", inv.trx_code),
            ("AddInfo", inv.add_info),
            ("CustomDoc", inv.custom_doc),
            ("CustomDocMonthYear", ""),
            ("RefDesc", inv.ref),
            ("FacilityStamp", ""),
            ("SellerIDTKU", seller_tin + seller_branch),
            ("BuyerTin", inv.buyer_tin),
            ("BuyerDocument", "TIN"),
            ("BuyerCountry", "IDN"),
            ("BuyerDocumentNumber", "-"),
            ("BuyerName", inv.buyer_name),
            ("BuyerAdress", inv.buyer_address),
            ("BuyerEmail", inv.buyer_email),
            ("BuyerIDTKU", inv.buyer_idtku),
        ]
        for tag, text in values:
            ET.SubElement(el, tag).text = text
        goods = ET.SubElement(el, "ListOfGoodService")
        for line in inv.lines:
            g = ET.SubElement(goods, "GoodService")
            for tag, text in [
                ("Opt", line.opt),
                ("Code", line.code),
                ("Name", line.name),
                ("Unit", line.unit),
                ("Price", _amount(line.price)),
                ("Qty", _amount(line.qty)),
                ("TotalDiscount", _amount(line.discount)),
                ("TaxBase", _amount(line.tax_base)),
                ("OtherTaxBase", _amount(line.other_tax_base)),
                ("VATRate", _amount(line.vat_rate)),
                ("VAT", _amount(line.vat)),
                ("STLGRate", _amount(0)),
                ("STLG", _amount(0)),
            ]:
                ET.SubElement(g, tag).text = text
    ET.indent(root)
    data = b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8")
    schema = xmlschema.XMLSchema(str(SCHEMA_PATH))
    errors = [str(e.reason) for e in schema.iter_errors(data)]
    if errors:
        raise CoretaxExportError("\n".join(errors))
    return data


def coretax_parse(data: bytes) -> dict:
    """Read an export back (used to prove amounts round-trip)."""
    schema = xmlschema.XMLSchema(str(SCHEMA_PATH))
    return schema.to_dict(data, decimal_type=Decimal)
