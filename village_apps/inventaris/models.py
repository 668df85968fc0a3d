"""Village assets (Buku Inventaris dan Kekayaan Desa) and their mutations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from village_apps.inventaris.choices import KELUAR, JenisMutasi, KategoriAset, Kondisi, SumberAset


@dataclass(frozen=True)
class Keadaan:
    """An asset's state on a date, derived from its acquisition and mutations."""

    kondisi: str
    lokasi: str
    keluar: MutasiAset | None  # the sale/write-off/transfer, if it happened by then

    @property
    def kondisi_label(self) -> str:
        return str(Kondisi(self.kondisi).label)


class Aset(models.Model):
    """One asset (or a set of identical ones, ``jumlah``) as acquired.

    The row records the acquisition and never the later state: condition, location and
    whether the village still holds it follow from ``MutasiAset`` rows (``keadaan``),
    which are only ever added, so the book of any past year reads the same later."""

    kategori = models.CharField(_("kategori KIB"), max_length=1, choices=KategoriAset.choices)
    nama = models.CharField(_("nama barang"), max_length=200)
    kode_barang = models.CharField(_("kode barang"), max_length=64, blank=True, default="")
    nomor_register = models.CharField(_("nomor register"), max_length=64, blank=True, default="")
    spesifikasi = models.CharField(
        _("merek/tipe/ukuran/konstruksi"), max_length=300, blank=True, default=""
    )
    jumlah = models.PositiveIntegerField(_("jumlah"), default=1)
    luas = models.DecimalField(
        _("luas (m²)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    lokasi = models.CharField(_("lokasi"), max_length=200, blank=True, default="")
    nomor_dokumen = models.CharField(
        _("nomor dokumen (sertifikat/BPKB/IMB)"), max_length=100, blank=True, default=""
    )
    sumber = models.CharField(_("asal perolehan"), max_length=12, choices=SumberAset.choices)
    tanggal_perolehan = models.DateField(_("tanggal perolehan"))
    nilai_perolehan = models.DecimalField(
        _("nilai perolehan (Rp)"), max_digits=15, decimal_places=2, default=0
    )
    kondisi_awal = models.CharField(
        _("kondisi saat diperoleh"), max_length=12, choices=Kondisi.choices, default=Kondisi.BAIK
    )
    keterangan = models.CharField(_("keterangan"), max_length=300, blank=True, default="")
    # The finished development project (``pembangunan``) this asset came from.
    proyek_asal = models.PositiveIntegerField(null=True, blank=True, unique=True)
    opensid_id = models.CharField(max_length=40, blank=True, default="")
    dicatat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kategori", "tanggal_perolehan", "id"]
        verbose_name = _("aset desa")
        constraints = [
            models.CheckConstraint(
                condition=Q(nilai_perolehan__gte=0),
                name="aset_nilai_tidak_negatif",
                violation_error_message=_("Nilai perolehan tidak boleh negatif."),
            ),
            models.CheckConstraint(
                condition=Q(jumlah__gte=1),
                name="aset_jumlah_minimal_satu",
                violation_error_message=_("Jumlah paling sedikit 1."),
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    def keadaan(self, pada: dt.date | None = None) -> Keadaan:
        """The state on ``pada`` (today's when ``None``); reads ``self.mutasi.all()``,
        so prefetch it (ordered by date) for lists."""
        kondisi, lokasi, keluar = self.kondisi_awal, self.lokasi, None
        for m in sorted(self.mutasi.all(), key=lambda m: (m.tanggal, m.pk)):
            if pada is not None and m.tanggal > pada:
                break
            if m.jenis == JenisMutasi.KONDISI:
                kondisi = m.kondisi_baru
            elif m.jenis == JenisMutasi.PINDAH:
                lokasi = m.lokasi_baru
            elif m.jenis in KELUAR:
                keluar = m
        return Keadaan(kondisi=kondisi, lokasi=lokasi, keluar=keluar)


class MutasiAset(models.Model):
    """One change of an asset: its condition, its location, or its leaving the
    village (sold, written off, transferred). Added, never edited."""

    aset = models.ForeignKey(Aset, on_delete=models.PROTECT, related_name="mutasi")
    jenis = models.CharField(_("jenis mutasi"), max_length=12, choices=JenisMutasi.choices)
    tanggal = models.DateField(_("tanggal"))
    kondisi_baru = models.CharField(
        _("kondisi baru"), max_length=12, choices=Kondisi.choices, blank=True, default=""
    )
    lokasi_baru = models.CharField(_("lokasi baru"), max_length=200, blank=True, default="")
    nilai = models.DecimalField(
        _("nilai (Rp)"), max_digits=15, decimal_places=2, null=True, blank=True
    )
    pihak = models.CharField(_("pembeli/penerima"), max_length=200, blank=True, default="")
    dasar = models.CharField(
        _("dasar (nomor SK/berita acara)"), max_length=120, blank=True, default=""
    )
    keterangan = models.CharField(_("keterangan"), max_length=300, blank=True, default="")
    dicatat_oleh = models.CharField(max_length=150, blank=True, default="")
    dicatat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["tanggal", "id"]
        verbose_name = _("mutasi aset")
        constraints = [
            models.UniqueConstraint(
                fields=["aset"],
                condition=Q(jenis__in=["jual", "hapus", "pindahtangan"]),
                name="aset_keluar_sekali",
                violation_error_message=_("Aset ini sudah dijual, dihapus atau dipindahtangankan."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.tanggal:%d-%m-%Y}"
