"""Kemendagri reference data (public schema): provinsi → kabupaten/kota → kecamatan →
desa/kelurahan, keyed by their codes without dots (``1801042001``).

Every loaded edition of the list is kept whole (``Edition`` + ``EditionEntry``), so two
editions can be compared and the platform carried from one to the next. The four level
tables (``Provinsi`` … ``Desa``) hold the **active** edition only: sign-up, dashboards,
open data and the autocomplete read them and never need to know about editions.
Loaded in bulk from the files in ``reference/data/`` by ``manage.py wilayah load``;
never edited by hand, so rows carry no audit (``EditionApplication`` records what
``wilayah apply`` changed elsewhere).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
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
        # Also a trigram index on UPPER(name) for the search by name
        # (``selectors.desa_list``), made in SQL by migration 0003: Django's GinIndex
        # would need django.contrib.postgres installed for the public schema.
        indexes = [models.Index(models.functions.Upper("name"), name="reference_desa_uname")]

    def __str__(self) -> str:
        return f"{self.name} ({self.code_dotted})"

    @property
    def code_dotted(self) -> str:
        return code_dotted(self.code)


class Edition(models.Model):
    """One loaded edition of the Kemendagri list (``kepmendagri-2025``), with its source,
    licence and attribution (``reference/editions.py``). Exactly one is active: the one
    the level tables hold and every village, contract and statistic is keyed by."""

    name = models.SlugField(_("nama edisi"), max_length=40, unique=True)
    title = models.CharField(_("judul"), max_length=200)
    source = models.CharField(_("sumber"), max_length=200)
    source_url = models.URLField(max_length=200, blank=True, default="")
    released_on = models.DateField(_("tanggal rilis sumber"), null=True, blank=True)
    licence = models.CharField(_("lisensi"), max_length=40)
    licence_url = models.URLField(max_length=200, blank=True, default="")
    attribution = models.TextField(_("atribusi"))
    sha256 = models.CharField(max_length=64)
    provinsi = models.PositiveIntegerField(default=0)
    kabupaten = models.PositiveIntegerField(default=0)
    kecamatan = models.PositiveIntegerField(default=0)
    desa = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(_("aktif"), default=False)
    loaded_at = models.DateTimeField(_("dimuat"))
    activated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("edisi data wilayah")
        verbose_name_plural = _("edisi data wilayah")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"],
                condition=Q(is_active=True),
                name="reference_one_active_edition",
                violation_error_message=_("Hanya satu edisi yang boleh aktif."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class EditionEntry(models.Model):
    """One region of one edition: code (2, 4, 6 or 10 digits) and name as published."""

    # Keyed (code, edition): a code is looked up across editions (``kabupaten_code_known``)
    # and within one (the loader's anti-joins). One index only, so a load stays fast;
    # reading a whole edition scans the table, which diffs can afford.
    pk = models.CompositePrimaryKey("code", "edition")
    code = models.CharField(max_length=10)
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="entries", db_index=False
    )
    name = models.CharField(max_length=100)


class EditionApplication(models.Model):
    """One ``wilayah apply`` that carried the platform from one edition to another: who,
    when, and each record it changed (``EditionApplicationItem``), in the transaction
    that changed them. Dry runs leave no row."""

    old = models.CharField(max_length=40)
    new = models.CharField(max_length=40)
    actor = models.CharField(max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class EditionApplicationItem(models.Model):
    """One record moved by an application: what it is, and its values before and after."""

    application = models.ForeignKey(
        EditionApplication, on_delete=models.CASCADE, related_name="items"
    )
    entity = models.CharField(max_length=40)
    object_id = models.CharField(max_length=40)
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)

    class Meta:
        ordering = ["id"]
