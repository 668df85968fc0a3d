"""Land in the village (Buku Tanah di Desa) and the village's own land (Buku Tanah Kas
Desa), with the Letter C and persil numbers the land office's old registers use."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from village_apps.tanah.choices import AsalTanahKas, JenisLahan, Penggunaan, Peruntukan, StatusHak


class LetakTanah(models.Model):
    """What both registers share: where a parcel is in the old village registers."""

    nomor_letter_c = models.CharField(_("nomor Letter C"), max_length=30, blank=True, default="")
    nomor_persil = models.CharField(_("nomor persil"), max_length=30, blank=True, default="")
    kelas = models.CharField(_("kelas tanah"), max_length=20, blank=True, default="")
    luas = models.DecimalField(_("luas (m²)"), max_digits=14, decimal_places=2)
    lokasi = models.CharField(_("lokasi"), max_length=200, blank=True, default="")
    mutasi = models.CharField(_("mutasi"), max_length=300, blank=True, default="")
    keterangan = models.CharField(_("keterangan"), max_length=300, blank=True, default="")
    opensid_id = models.CharField(max_length=20, blank=True, default="")
    dicatat_pada = models.DateTimeField(auto_now_add=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(luas__gt=0),
                name="%(class)s_luas_positif",
                violation_error_message=_("Luas harus lebih dari 0."),
            )
        ]


class TanahDesa(LetakTanah):
    """A parcel in the village: its owner (a resident, or a name typed for anyone
    else), the status of its rights and its use."""

    pemilik = models.ForeignKey(
        "penduduk.Penduduk",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pemilik (penduduk)"),
    )
    nama_pemilik = models.CharField(_("nama pemilik"), max_length=150)
    status_hak = models.CharField(_("status hak"), max_length=12, choices=StatusHak.choices)
    penggunaan = models.CharField(_("penggunaan"), max_length=24, choices=Penggunaan.choices)

    class Meta(LetakTanah.Meta):
        ordering = ["nama_pemilik", "id"]
        verbose_name = _("tanah di desa")

    def __str__(self) -> str:
        return f"{self.nama_pemilik} — {self.luas} m²"


class TanahKasDesa(LetakTanah):
    """A parcel the village owns (tanah kas desa / bengkok): where it came from, what
    kind of land it is, whether it is marked, and what it is used for."""

    nama_pemilik_asal = models.CharField(
        _("nama pemilik asal"), max_length=150, blank=True, default=""
    )
    asal = models.CharField(_("asal tanah"), max_length=12, choices=AsalTanahKas.choices)
    jenis_lahan = models.CharField(_("jenis lahan"), max_length=20, choices=JenisLahan.choices)
    tanggal_perolehan = models.DateField(_("tanggal perolehan"), null=True, blank=True)
    ada_patok = models.BooleanField(_("ada patok tanda batas"), default=False)
    ada_papan_nama = models.BooleanField(_("ada papan nama"), default=False)
    peruntukan = models.CharField(
        _("peruntukan"), max_length=12, choices=Peruntukan.choices, blank=True, default=""
    )

    class Meta(LetakTanah.Meta):
        ordering = ["tanggal_perolehan", "id"]
        verbose_name = _("tanah kas desa")

    def __str__(self) -> str:
        return f"{self.nomor_letter_c or '-'} / {self.nomor_persil or '-'} — {self.luas} m²"
