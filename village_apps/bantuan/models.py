"""Aid programmes (BLT, PKH, BPNT …) and their participants.

A participant is a resident, a family (KK), a household or a group, according to the
programme's ``sasaran``; exactly the matching link is set. Names are never shown on
public pages: the public sees programmes and participant counts only.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from village_apps.bantuan.choices import AsalDana, Sasaran


class Program(models.Model):
    """One aid programme."""

    nama = models.CharField(_("nama program"), max_length=150)
    sasaran = models.PositiveSmallIntegerField(_("sasaran"), choices=Sasaran.choices)
    asal_dana = models.PositiveSmallIntegerField(_("asal dana"), choices=AsalDana.choices)
    keterangan = models.TextField(_("keterangan"), blank=True, default="")
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("selesai"))
    opensid_id = models.CharField(_("ID program OpenSID"), max_length=20, blank=True, default="")
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-mulai", "nama"]
        verbose_name = _("program bantuan")
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__gte=models.F("mulai")),
                name="program_rentang_waktu",
                violation_error_message=_("Tanggal selesai tidak boleh sebelum tanggal mulai."),
            )
        ]

    def __str__(self) -> str:
        return self.nama


class Peserta(models.Model):
    """A participant of a programme: the link matching the programme's ``sasaran``."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="peserta")
    penduduk = models.ForeignKey(
        "penduduk.Penduduk", null=True, blank=True, on_delete=models.CASCADE
    )
    keluarga = models.ForeignKey(
        "keluarga.Keluarga", null=True, blank=True, on_delete=models.CASCADE
    )
    rumah_tangga = models.ForeignKey(
        "keluarga.RumahTangga", null=True, blank=True, on_delete=models.CASCADE
    )
    kelompok = models.ForeignKey(
        "kelompok.Kelompok", null=True, blank=True, on_delete=models.CASCADE
    )
    no_peserta = models.CharField(_("nomor peserta"), max_length=50, blank=True, default="")
    kartu_nik = models.CharField(_("NIK pada kartu"), max_length=16, blank=True, default="")
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("peserta bantuan")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        penduduk__isnull=False,
                        keluarga__isnull=True,
                        rumah_tangga__isnull=True,
                        kelompok__isnull=True,
                    )
                    | Q(
                        penduduk__isnull=True,
                        keluarga__isnull=False,
                        rumah_tangga__isnull=True,
                        kelompok__isnull=True,
                    )
                    | Q(
                        penduduk__isnull=True,
                        keluarga__isnull=True,
                        rumah_tangga__isnull=False,
                        kelompok__isnull=True,
                    )
                    | Q(
                        penduduk__isnull=True,
                        keluarga__isnull=True,
                        rumah_tangga__isnull=True,
                        kelompok__isnull=False,
                    )
                ),
                name="peserta_satu_sasaran",
                violation_error_message=_(
                    "Peserta harus tepat satu: penduduk, keluarga, rumah tangga atau kelompok."
                ),
            ),
            models.UniqueConstraint(
                fields=["program", "penduduk"],
                condition=Q(penduduk__isnull=False),
                name="peserta_penduduk_unik",
            ),
            models.UniqueConstraint(
                fields=["program", "keluarga"],
                condition=Q(keluarga__isnull=False),
                name="peserta_keluarga_unik",
            ),
            models.UniqueConstraint(
                fields=["program", "rumah_tangga"],
                condition=Q(rumah_tangga__isnull=False),
                name="peserta_rt_unik",
            ),
            models.UniqueConstraint(
                fields=["program", "kelompok"],
                condition=Q(kelompok__isnull=False),
                name="peserta_kelompok_unik",
            ),
        ]

    def __str__(self) -> str:
        return f"Peserta #{self.pk}"
