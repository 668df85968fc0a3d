"""Indonesian tax rules as data (public schema).

Rates and bases change by regulation (PPN 11 % → 12 % with a DPP of 11/12 under
PMK 131/2024), so every rule carries its effective dates and legal basis, and every
computed assessment stores the rule versions it used: issued invoices never change
when a rule is edited later.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class TaxKind(models.TextChoices):
    PPN = "ppn", _("PPN")
    PPH23 = "pph23", _("PPh Pasal 23")
    PPN_COLLECTION_THRESHOLD = "ppn_threshold", _("Batas pemungutan PPN oleh bendahara")
    STAMP_DUTY = "materai", _("Bea meterai")


class TaxRule(models.Model):
    """One version of one rule, valid from ``effective_from`` up to ``effective_to`` (inclusive).

    - PPN: ``rate_percent`` applied to a base of ``base_numerator/base_denominator``
      of the price (11/12 for non-luxury services from 2025).
    - PPh 23: ``rate_percent`` of the fee excluding PPN.
    - PPN collection threshold: government treasurers do not collect PPN on payments
      whose total (including PPN) is at most ``amount_idr``.
    - Stamp duty: ``amount_idr`` on receipts above ``threshold_idr``.
    """

    kind = models.CharField(max_length=20, choices=TaxKind.choices)
    name = models.CharField(max_length=120)
    rate_percent = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    base_numerator = models.PositiveIntegerField(default=1)
    base_denominator = models.PositiveIntegerField(default=1)
    amount_idr = models.BigIntegerField(default=0)
    threshold_idr = models.BigIntegerField(default=0)
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True)
    legal_basis = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="tax_rule_period_valid",
                violation_error_message=_(
                    "Tanggal akhir aturan pajak harus setelah tanggal mulai."
                ),
            ),
            models.CheckConstraint(
                condition=Q(base_denominator__gt=0) & Q(base_numerator__lte=F("base_denominator")),
                name="tax_rule_base_fraction_valid",
                violation_error_message=_("Dasar pengenaan harus pecahan antara 0 dan 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.effective_from}–{self.effective_to or '…'})"


class TaxAssessment(models.Model):
    """The taxes of one invoice, frozen at issue time with the rules used.

    ``invoice_ref`` is the billing invoice's business id; the billing app links to it.
    """

    invoice_ref = models.CharField(max_length=100, unique=True)
    assessed_on = models.DateField()
    buyer_kind = models.CharField(max_length=30)
    trx_code = models.CharField(max_length=2)
    fee_idr = models.BigIntegerField()
    dpp_idr = models.BigIntegerField()
    ppn_rate_percent = models.DecimalField(max_digits=5, decimal_places=2)
    ppn_idr = models.BigIntegerField()
    ppn_collected_by_buyer = models.BooleanField()
    pph23_rate_percent = models.DecimalField(max_digits=5, decimal_places=2)
    pph23_idr = models.BigIntegerField()
    total_idr = models.BigIntegerField()
    withheld_idr = models.BigIntegerField()
    net_transfer_idr = models.BigIntegerField()
    rules = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(total_idr=F("fee_idr") + F("ppn_idr")),
                name="assessment_total_is_fee_plus_ppn",
            ),
            models.CheckConstraint(
                condition=Q(net_transfer_idr=F("total_idr") - F("withheld_idr")),
                name="assessment_net_is_total_minus_withheld",
            ),
        ]


class BuyerKind(models.TextChoices):
    GOVERNMENT = "government", _("Instansi pemerintah (bendahara memungut PPN)")
    DESIGNATED_COLLECTOR = "designated_collector", _("Pemungut PPN lain yang ditunjuk")
    OTHER = "other", _("Bukan pemungut")


class BuyerTaxProfile(models.Model):
    """What a tax invoice needs about the buyer of one contract, and whether the buyer
    requires a signed BAST before an invoice may be issued."""

    contract = models.OneToOneField(
        "contracts.Contract", on_delete=models.CASCADE, related_name="tax_profile"
    )
    buyer_kind = models.CharField(
        _("jenis pembeli"), max_length=30, choices=BuyerKind.choices, default=BuyerKind.GOVERNMENT
    )
    nitku_branch = models.CharField(_("kode NITKU (6 digit)"), max_length=6, default="000000")
    requires_bast = models.BooleanField(_("wajib BAST sebelum faktur"), default=True)

    def __str__(self) -> str:
        return f"{self.contract} ({self.get_buyer_kind_display()})"


class Bast(models.Model):
    """Berita acara serah terima for one invoice: the villages it bills and its service
    period within the contract (``billing.selectors.invoice_figures_get``), issued and
    signed for the provider by operations (``provider_name``) and signed for the
    kabupaten by its contract manager (``signed_by_name``) before the invoice is issued.
    ``pdf`` is the document as last signed."""

    invoice = models.OneToOneField("billing.Invoice", on_delete=models.PROTECT, related_name="bast")
    number = models.CharField(max_length=100, unique=True)
    villages = models.JSONField(default=list)
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    pdf = models.BinaryField()
    generated_at = models.DateTimeField(auto_now_add=True)
    provider_name = models.CharField(max_length=150, blank=True, default="", db_default="")
    signed_by = models.CharField(max_length=150, blank=True, default="")
    signed_by_name = models.CharField(max_length=150, blank=True, default="", db_default="")
    signed_at = models.DateTimeField(null=True, blank=True)

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None


class Sp2dPayment(models.Model):
    """A transfer from the regional treasury (SP2D) with the withholding slips that explain
    why it is less than the invoice. Withheld amounts count only with their slip number.
    What it credits to the invoice is its ``payment`` in billing's ledger (rows recorded
    before the ledger held SP2D transfers may have none)."""

    invoice = models.ForeignKey(
        "billing.Invoice", on_delete=models.PROTECT, related_name="sp2d_payments"
    )
    payment = models.OneToOneField(
        "billing.Payment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sp2d",
    )
    sp2d_number = models.CharField(_("nomor SP2D"), max_length=100)
    sp2d_date = models.DateField(_("tanggal SP2D"))
    received_idr = models.BigIntegerField(_("diterima (Rp)"))
    pph23_withheld_idr = models.BigIntegerField(_("PPh 23 dipotong (Rp)"), default=0)
    pph23_slip_number = models.CharField(
        _("nomor bukti potong PPh 23"), max_length=100, blank=True, default=""
    )
    ppn_withheld_idr = models.BigIntegerField(_("PPN dipungut (Rp)"), default=0)
    ppn_slip_number = models.CharField(
        _("NTPN/bukti pungut PPN"), max_length=100, blank=True, default=""
    )
    recorded_by = models.CharField(max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sp2d_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["invoice", "sp2d_number"],
                name="sp2d_once_per_invoice",
                violation_error_message=_("SP2D ini sudah dicatat untuk faktur ini."),
            ),
            models.CheckConstraint(
                condition=Q(received_idr__gte=0)
                & Q(pph23_withheld_idr__gte=0)
                & Q(ppn_withheld_idr__gte=0),
                name="sp2d_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(pph23_withheld_idr=0) | ~Q(pph23_slip_number=""),
                name="pph23_needs_slip",
                violation_error_message=_(
                    "PPh 23 yang dipotong wajib disertai nomor bukti potong."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ppn_withheld_idr=0) | ~Q(ppn_slip_number=""),
                name="ppn_needs_slip",
                violation_error_message=_("PPN yang dipungut wajib disertai NTPN/bukti pungut."),
            ),
        ]
