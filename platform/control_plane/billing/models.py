"""Billing data (public schema): plans, invoices and payments mirrored from the
payment provider, processed webhook events and the billing audit trail.

Money is always an integer number of IDR minor units (sen): Stripe treats IDR as a
two-decimal currency, so Rp 1.500.000 is stored as 150000000. Never floats. What
pages and documents show is read through ``selectors.invoice_figures_get`` (whole
rupiah), never from these fields directly.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Plan(models.Model):
    """A package of village modules (e.g. Dasar, Lengkap) sold per village and period.

    ``modules`` lists module codes of ``tenants.modules`` (``surat``, ``web``,
    ``keuangan``; core codes such as ``penduduk`` are always on and harmless here);
    an empty list means no limits. The list is copied onto each village of the
    plan's contracts (``Village.modules``) by ``services.contract_modules_sync``:
    change it only through ``services.plan_modules_change``."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama paket"), max_length=100)
    description = models.TextField(pgettext_lazy("plan", "keterangan"), blank=True, default="")
    modules = models.JSONField(_("modul"), default=list, blank=True)
    stripe_product_id = models.CharField(max_length=100, blank=True, default="")
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("paket")
        verbose_name_plural = _("paket")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class InvoiceStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    OPEN = "open", _("Terbit, belum dibayar")
    PAID = "paid", _("Lunas")
    VOID = "void", _("Dibatalkan")
    UNCOLLECTIBLE = "uncollectible", _("Tidak tertagih")


class Invoice(models.Model):
    """A provider invoice mirrored locally. The provider is the source of truth for
    status and amounts; Balai holds drafts until its own checks pass
    (``services.invoice_finalize``) — BAST sign-off and tax lines plug in there.

    Dunning state (reminders sent, suspension) lives here so every step is visible."""

    contract = models.ForeignKey(
        "contracts.Contract", on_delete=models.PROTECT, related_name="invoices"
    )
    stripe_invoice_id = models.CharField(max_length=100, unique=True)
    number = models.CharField(_("nomor"), max_length=100, blank=True, default="")
    status = models.CharField(
        _("status"), max_length=20, choices=InvoiceStatus.choices, default=InvoiceStatus.DRAFT
    )
    billing_reason = models.CharField(max_length=40, blank=True, default="")
    currency = models.CharField(max_length=3, default="idr")
    subtotal = models.BigIntegerField(default=0)
    total = models.BigIntegerField(default=0)
    amount_due = models.BigIntegerField(default=0)
    amount_paid = models.BigIntegerField(default=0)
    amount_remaining = models.BigIntegerField(default=0)
    quantity = models.PositiveIntegerField(_("jumlah desa"), default=0)
    lines = models.JSONField(default=list, blank=True)
    # The villages this invoice bills (``[{"code", "name"}]``), recorded when it is first
    # mirrored (``services.invoice_mirror``): what its BAST hands over, whatever joins later.
    villages = models.JSONField(_("desa yang ditagih"), default=list, blank=True, db_default=[])
    period_start = models.DateTimeField(null=True, blank=True)
    period_end = models.DateTimeField(null=True, blank=True)
    due_date = models.DateTimeField(_("jatuh tempo"), null=True, blank=True, db_index=True)
    hosted_invoice_url = models.URLField(max_length=500, blank=True, default="")
    invoice_pdf = models.URLField(max_length=500, blank=True, default="")
    paid_out_of_band = models.BooleanField(default=False)
    finalized_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    last_reminder_at = models.DateTimeField(null=True, blank=True)
    suspended_villages_at = models.DateTimeField(null=True, blank=True)
    synced_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("faktur")
        verbose_name_plural = _("faktur")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["contract", "status"])]

    def __str__(self) -> str:
        return self.number or self.stripe_invoice_id

    @property
    def is_settled(self) -> bool:
        return self.status in (InvoiceStatus.PAID, InvoiceStatus.VOID)


class PaymentMethod(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", _("Transfer bank")
    PROVIDER = "provider", _("Pembayaran lewat Stripe")
    SP2D = "sp2d", _("SP2D kas daerah")


class Payment(models.Model):
    """Money credited to an invoice, the one ledger every document reads. Bank transfers
    are matched by the finance team and recorded here before the provider is told
    (``paid_out_of_band``); an SP2D transfer from a regional treasury is recorded here
    too (``taxes`` keeps its withholding slips), with ``withheld`` the taxes the
    treasurer kept back (PPh 23, collected PPN), which count as paid."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="payments")
    amount = models.BigIntegerField(_("jumlah (sen)"))
    withheld = models.BigIntegerField(_("dipotong/dipungut (sen)"), default=0, db_default=0)
    method = models.CharField(
        max_length=20, choices=PaymentMethod.choices, default=PaymentMethod.BANK_TRANSFER
    )
    reference = models.CharField(_("referensi transfer"), max_length=100, blank=True, default="")
    received_on = models.DateField(_("tanggal diterima"))
    recorded_by = models.CharField(max_length=150)
    note = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pembayaran")
        verbose_name_plural = _("pembayaran")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="payment_amount_positive",
                violation_error_message=_("Jumlah pembayaran harus lebih dari nol."),
            ),
            models.CheckConstraint(
                condition=Q(withheld__gte=0) & Q(withheld__lte=models.F("amount")),
                name="payment_withheld_within_amount",
                violation_error_message=_(
                    "Pajak yang dipotong tidak boleh melebihi jumlah pembayaran."
                ),
            ),
        ]


class WebhookStatus(models.TextChoices):
    PROCESSED = "processed", _("Diproses")
    IGNORED = "ignored", _("Diabaikan")
    FAILED = "failed", _("Gagal")


class WebhookEvent(models.Model):
    """A provider event, stored once: the unique ``event_id`` is written in the same
    transaction as the event's effect, so a duplicate delivery is a no-op."""

    event_id = models.CharField(max_length=100, unique=True)
    type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=100, blank=True, default="")
    status = models.CharField(max_length=20, choices=WebhookStatus.choices)
    error = models.TextField(blank=True, default="")
    provider_created = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-received_at", "-id"]


class WebhookFailure(models.Model):
    """A delivery that could not be processed (the event itself is not stored, so the
    provider's retry can still succeed). Shown on the billing health page."""

    event_id = models.CharField(max_length=100, blank=True, default="")
    type = models.CharField(max_length=100, blank=True, default="")
    error = models.TextField()
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-received_at", "-id"]


class BillingEvent(models.Model):
    """Audit row for every billing write: contract changes, quantity amendments,
    invoice transitions, payments, dunning steps, reconciliation repairs."""

    contract = models.ForeignKey(
        "contracts.Contract", null=True, on_delete=models.SET_NULL, related_name="billing_events"
    )
    invoice = models.ForeignKey(
        Invoice, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    action = models.CharField(max_length=50, db_index=True)
    actor = models.CharField(max_length=150)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
