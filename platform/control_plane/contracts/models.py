"""Kabupaten contracts (public schema).

A contract is what a pemerintah kabupaten/kota signed: a number, a period, a seat
limit and who manages it. Billing extends it additively (plan, price per village per
period in IDR minor units, interval, NPWP, billing contact, status, proration
policy, Stripe ids) and records which villages it pays for in ``ContractSeat``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class ContractStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    ACTIVE = "active", _("Berjalan")
    ENDED = "ended", _("Berakhir")
    CANCELLED = "cancelled", _("Dibatalkan")


class BillingInterval(models.TextChoices):
    MONTH = "month", _("Bulanan")
    YEAR = "year", _("Tahunan")


class ProrationPolicy(models.TextChoices):
    INVOICE_NOW = "invoice_now", _("Tagih segera (faktur prorata sekarang)")
    NEXT_PERIOD = "next_period", _("Tagih pada periode berikutnya")
    NONE = "none", _("Tanpa prorata")


npwp_validator = RegexValidator(r"^\d{16}$", _("NPWP harus 16 digit angka."))


class ContractQuerySet(models.QuerySet):
    def in_force(self, on: dt.date) -> ContractQuerySet:
        """Contracts that hold on ``on``: running (not a draft, cancelled or ended) and
        dated around it. The one rule every screen asks — sign-up approval and seats
        (onboarding) and which contract pays for a village (billing) — so a cancelled
        contract can not approve villages that no contract then bills."""
        return self.filter(status=ContractStatus.ACTIVE, starts_on__lte=on, ends_on__gte=on)


class Contract(models.Model):
    """One kabupaten's contract. Villages of that kabupaten count against ``seat_limit``
    (``None`` = open). ``auto_approve`` approves un-invited sign-ups automatically."""

    kabupaten_code = models.CharField(_("kode kabupaten/kota"), max_length=4, db_index=True)
    kabupaten_name = models.CharField(_("nama kabupaten/kota"), max_length=100)
    number = models.CharField(_("nomor kontrak/SPK"), max_length=100, unique=True)
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("berakhir"))
    seat_limit = models.PositiveIntegerField(
        _("batas desa"), null=True, blank=True, help_text=_("Kosongkan untuk tanpa batas.")
    )
    auto_approve = models.BooleanField(_("setujui otomatis"), default=False)
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="managed_contracts",
        blank=True,
        verbose_name=_("pengelola kontrak"),
    )
    # --- billing (added by the billing issue) ---
    plan = models.ForeignKey(
        "billing.Plan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contracts",
        verbose_name=_("paket"),
    )
    price_per_village = models.BigIntegerField(
        _("harga per desa per periode (sen)"),
        default=0,
        help_text=_("Dalam sen: Rp 1.500.000 = 150000000."),
    )
    interval = models.CharField(
        _("periode tagihan"),
        max_length=10,
        choices=BillingInterval.choices,
        default=BillingInterval.YEAR,
    )
    npwp = models.CharField(
        _("NPWP"), max_length=16, blank=True, default="", validators=[npwp_validator]
    )
    billing_name = models.CharField(
        _("nama penerima tagihan"), max_length=200, blank=True, default=""
    )
    billing_email = models.EmailField(_("e-mail penagihan"), blank=True, default="")
    billing_address = models.TextField(_("alamat penagihan"), blank=True, default="")
    status = models.CharField(
        _("status"), max_length=20, choices=ContractStatus.choices, default=ContractStatus.ACTIVE
    )
    proration_policy = models.CharField(
        _("kebijakan prorata"),
        max_length=20,
        choices=ProrationPolicy.choices,
        default=ProrationPolicy.INVOICE_NOW,
    )
    days_until_due = models.PositiveSmallIntegerField(_("jatuh tempo (hari)"), default=30)
    amendment = models.PositiveIntegerField(_("nomor perubahan"), default=0)
    billed_quantity = models.PositiveIntegerField(_("desa ditagih"), default=0)
    stripe_customer_id = models.CharField(max_length=100, blank=True, default="")
    stripe_price_id = models.CharField(max_length=100, blank=True, default="")
    stripe_subscription_id = models.CharField(max_length=100, blank=True, default="")
    stripe_subscription_item_id = models.CharField(max_length=100, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ContractQuerySet.as_manager()

    class Meta:
        verbose_name = _("kontrak")
        verbose_name_plural = _("kontrak")
        ordering = ["kabupaten_code", "-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="contract_period_valid",
                violation_error_message=_("Tanggal berakhir harus setelah tanggal mulai."),
            ),
            models.CheckConstraint(
                condition=Q(price_per_village__gte=0),
                name="contract_price_not_negative",
                violation_error_message=_("Harga tidak boleh negatif."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} — {self.kabupaten_name}"


class ContractSeat(models.Model):
    """A village the contract pays for: attached when the village was approved under
    the contract. A village approved by operations outside any contract has no seat
    and is listed as unbilled. Archived villages keep their seat row but are not
    counted (see ``billing.selectors.contract_billed_villages``)."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="seats")
    village = models.OneToOneField(
        "tenants.Village", on_delete=models.CASCADE, related_name="contract_seat"
    )
    attached_by = models.CharField(max_length=150)
    attached_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kursi desa")
        verbose_name_plural = _("kursi desa")
