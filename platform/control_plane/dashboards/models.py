"""Village statistics snapshots and their regional rollups (public schema).

Each village publishes one snapshot (the latest, with a version counter) as rows of
``SnapshotValue``. Region totals (``RegionStat``) are plain SQL sums of those rows —
kecamatan from villages, kabupaten from kecamatan, provinsi from kabupaten — so a
region total is the sum of its villages by construction. Region codes are copied onto
every value row so that each rollup is one ``GROUP BY`` without joins.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenants.models import Village

# Bits of ``hidden``: which cells of a row public outputs must not show.
HIDE_L, HIDE_P, HIDE_T = 1, 2, 4
HIDE_ALL = HIDE_L | HIDE_P | HIDE_T


class VillageSnapshot(models.Model):
    """The latest statistics a village published. ``version`` grows by one per publish;
    ``generated_at`` is when the numbers were read, which is what freshness shows."""

    village = models.OneToOneField(Village, on_delete=models.CASCADE, related_name="snapshot")
    village_code = models.CharField(max_length=10, unique=True)
    kecamatan_code = models.CharField(max_length=6, db_index=True)
    kabupaten_code = models.CharField(max_length=4, db_index=True)
    provinsi_code = models.CharField(max_length=2, db_index=True)
    version = models.PositiveIntegerField(default=0)
    generated_at = models.DateTimeField()
    sources = models.JSONField(default=list, blank=True)
    # The edition of the Kemendagri list the codes above belong to (``reference``):
    # published with every figure, moved by ``wilayah apply``.
    reference_edition = models.CharField(max_length=40, blank=True, default="")

    class Meta:
        verbose_name = _("snapshot statistik desa")
        verbose_name_plural = _("snapshot statistik desa")

    def __str__(self) -> str:
        return f"{self.village_code} v{self.version}"


class SnapshotValue(models.Model):
    """One statistic of one village: a category (e.g. ``agama``), a key within it and
    counts by sex. ``laki_laki``/``perempuan`` are empty where sex does not apply
    (money, letters). ``hidden`` marks cells public outputs suppress; new rows start
    fully hidden until the province's suppression pass has run."""

    snapshot = models.ForeignKey(VillageSnapshot, on_delete=models.CASCADE, related_name="values")
    village_code = models.CharField(max_length=10)
    kecamatan_code = models.CharField(max_length=6)
    kabupaten_code = models.CharField(max_length=4)
    provinsi_code = models.CharField(max_length=2)
    category = models.CharField(max_length=40)
    key = models.CharField(max_length=80)
    label = models.CharField(max_length=200)
    laki_laki = models.BigIntegerField(null=True, blank=True)
    perempuan = models.BigIntegerField(null=True, blank=True)
    jumlah = models.BigIntegerField()
    hidden = models.PositiveSmallIntegerField(default=HIDE_ALL)
    # The key's place in its category as the village app lists it (age bands from the
    # youngest, codes in their official order): every output shows rows in this order.
    position = models.PositiveIntegerField(default=0, db_default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "category", "key"], name="snapshot_value_unique"
            )
        ]
        indexes = [
            models.Index(fields=["kecamatan_code", "category"]),
            models.Index(fields=["kabupaten_code", "category"]),
            models.Index(fields=["provinsi_code", "category"]),
            models.Index(fields=["village_code", "category"]),
        ]


class RegionLevel(models.TextChoices):
    PROVINSI = "provinsi", _("Provinsi")
    KABUPATEN = "kabupaten", _("Kabupaten/Kota")
    KECAMATAN = "kecamatan", _("Kecamatan")


class RegionStat(models.Model):
    """A region's total for one (category, key): the SQL sum of the level below.
    ``villages`` counts the villages that reported the key."""

    level = models.CharField(max_length=10, choices=RegionLevel.choices)
    region_code = models.CharField(max_length=6)
    parent_code = models.CharField(max_length=4, blank=True, default="")
    category = models.CharField(max_length=40)
    key = models.CharField(max_length=80)
    label = models.CharField(max_length=200)
    laki_laki = models.BigIntegerField(null=True, blank=True)
    perempuan = models.BigIntegerField(null=True, blank=True)
    jumlah = models.BigIntegerField()
    villages = models.PositiveIntegerField(default=0)
    hidden = models.PositiveSmallIntegerField(default=HIDE_ALL)
    # The lowest place of the key among the villages below (``SnapshotValue.position``).
    position = models.PositiveIntegerField(default=0, db_default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["level", "region_code", "category", "key"], name="region_stat_unique"
            )
        ]
        indexes = [
            models.Index(fields=["level", "parent_code", "category"]),
            models.Index(fields=["region_code", "category"]),
        ]


class KabupatenDashboardSetting(models.Model):
    """Whether a kabupaten opens its public (suppressed) dashboard below kabupaten
    level. No row means open: public outputs are suppressed aggregates anyway."""

    kabupaten_code = models.CharField(_("kode kabupaten/kota"), max_length=4, unique=True)
    public = models.BooleanField(_("dasbor publik"), default=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.CharField(max_length=150, blank=True, default="")

    class Meta:
        verbose_name = _("pengaturan dasbor kabupaten")
        verbose_name_plural = _("pengaturan dasbor kabupaten")

    def __str__(self) -> str:
        return f"{self.kabupaten_code}: {'publik' if self.public else 'tertutup'}"


class BookReadKind(models.TextChoices):
    LIST = "list", _("Daftar periode tertutup")
    PDF = "pdf", _("PDF")
    XLSX = "xlsx", _("XLSX")


class VillageBookRead(models.Model):
    """Audit of a read of a village's closed administration books from the control plane
    (a camat, a province official): who, in which role, which village, which book and
    period, as a list or a file. Written in the transaction of the read (the village
    audits the same read in its own access audit); outlives the user and the village."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(max_length=150)
    role = models.CharField(max_length=30)
    village = models.ForeignKey(Village, null=True, on_delete=models.SET_NULL, related_name="+")
    village_code = models.CharField(max_length=10, db_index=True)
    buku = models.CharField(max_length=60, blank=True, default="")
    periode = models.CharField(max_length=7, blank=True, default="")
    kind = models.CharField(max_length=10, choices=BookReadKind.choices)
    ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("pembacaan buku desa")
        verbose_name_plural = _("pembacaan buku desa")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.username} {self.village_code} {self.buku} {self.periode} {self.kind}"
