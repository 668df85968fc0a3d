"""Complaints (pengaduan) from residents or anyone, followed by a tracking code.

The sender's name and contact are personal data: only operators see them; the
public tracking page shows the complaint, its status and the replies.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from village_apps.pengaduan.choices import StatusPengaduan


class Pengaduan(models.Model):
    """One complaint. ``kode_lacak`` is random and is the only public handle."""

    kode_lacak = models.CharField(_("kode lacak"), max_length=12, unique=True)
    nama = models.CharField(_("nama"), max_length=100, blank=True, default="")
    kontak = models.CharField(_("telepon/e-mail"), max_length=100, blank=True, default="")
    judul = models.CharField(_("judul"), max_length=150)
    isi = models.TextField(_("isi pengaduan"), max_length=4000)
    foto = models.ImageField(_("foto"), upload_to="pengaduan/", blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=StatusPengaduan.choices,
        default=StatusPengaduan.BARU,
        db_index=True,
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True, db_index=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-dibuat_pada", "-id"]
        verbose_name = _("pengaduan")

    def __str__(self) -> str:
        return self.kode_lacak


class Tanggapan(models.Model):
    """An operator's reply; public on the tracking page (signed by role, not by name)."""

    pengaduan = models.ForeignKey(Pengaduan, on_delete=models.CASCADE, related_name="tanggapan")
    isi = models.TextField(_("tanggapan"), max_length=4000)
    status_baru = models.CharField(_("status"), max_length=10, choices=StatusPengaduan.choices)
    petugas_id = models.IntegerField(null=True, blank=True)
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dibuat_pada", "id"]
        verbose_name = _("tanggapan")

    def __str__(self) -> str:
        return f"{self.pengaduan} #{self.pk}"
