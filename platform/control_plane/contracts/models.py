"""Kabupaten contracts (public schema).

A contract is what a pemerintah kabupaten/kota signed: a number, a period, a seat
limit and who manages it. The billing issue extends it additively (plan, price,
Stripe ids) in later migrations of this app.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


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
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

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
        ]

    def __str__(self) -> str:
        return f"{self.number} — {self.kabupaten_name}"
