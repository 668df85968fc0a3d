"""The secretariat's registers of letters (Permendagri 47/2016, Buku Administrasi Umum):
incoming letters with their dispositions, letters sent that were not issued in Balai,
and the dispatch book.

Letters issued in Balai are not copied here: ``surat.SuratKeluar`` already freezes
everything the Buku Agenda prints (number, date, subject, addressee) at issue and never
rewrites it, so the agenda reads it (``selectors.agenda_list``). A copy would be a
second record of the same letter that could drift from the first.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from village_apps.sekretariat.choices import StatusDisposisi, StatusSuratMasuk


class SuratMasuk(models.Model):
    """An incoming letter as the office received it. ``scan`` is a private file (never
    served by URL: ``views.scan`` streams it to staff who may read the register), stored
    under a random name after ``balai_kernel.documents.document_check``."""

    nomor_surat = models.CharField(_("nomor surat"), max_length=120)
    tanggal_surat = models.DateField(_("tanggal surat"))
    tanggal_diterima = models.DateField(_("tanggal diterima"), db_index=True)
    pengirim = models.CharField(_("pengirim"), max_length=200)
    perihal = models.CharField(_("perihal / isi singkat"), max_length=500)
    jumlah_lampiran = models.PositiveSmallIntegerField(_("jumlah lampiran"), default=0)
    keterangan = models.CharField(_("keterangan"), max_length=255, blank=True, default="")
    scan = models.FileField(_("pindaian surat"), upload_to="sekretariat/masuk/%Y/", blank=True)
    scan_tipe = models.CharField(max_length=50, blank=True, default="")
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=StatusSuratMasuk.choices,
        default=StatusSuratMasuk.BARU,
        db_index=True,
    )
    dibuat_oleh = models.CharField(max_length=150, blank=True, default="")
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("surat masuk")
        verbose_name_plural = _("surat masuk")
        ordering = ["-tanggal_diterima", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tanggal_diterima__gte=F("tanggal_surat")),
                name="sekretariat_masuk_diterima_setelah_surat",
                violation_error_message=_("Tanggal diterima tidak boleh sebelum tanggal surat."),
            ),
        ]

    def __str__(self) -> str:
        return self.nomor_surat


class Disposisi(models.Model):
    """An instruction on an incoming letter to one staff member, with a due date. The
    addressee sees it in their inbox and reports it done (``catatan``)."""

    surat_masuk = models.ForeignKey(SuratMasuk, on_delete=models.CASCADE, related_name="disposisi")
    # SET_NULL: a removed account must not erase what was instructed on a letter.
    penerima = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="disposisi_diterima",
        verbose_name=_("diteruskan kepada"),
    )
    penerima_nama = models.CharField(max_length=150, blank=True, default="")
    instruksi = models.CharField(_("instruksi"), max_length=500)
    batas_waktu = models.DateField(_("batas waktu"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=StatusDisposisi.choices,
        default=StatusDisposisi.TERBUKA,
        db_index=True,
    )
    catatan = models.CharField(_("catatan tindak lanjut"), max_length=500, blank=True, default="")
    dibuat_oleh = models.CharField(max_length=150, blank=True, default="")
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    selesai_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("disposisi")
        verbose_name_plural = _("disposisi")
        ordering = ["dibuat_pada", "id"]

    def __str__(self) -> str:
        return f"{self.surat_masuk} → {self.penerima_nama}"


class SuratKeluarManual(models.Model):
    """A letter sent that was not issued in Balai (typed, or from before the village
    moved), entered so the Buku Agenda is complete."""

    nomor_surat = models.CharField(_("nomor surat"), max_length=120)
    tanggal_surat = models.DateField(_("tanggal surat"), db_index=True)
    ditujukan_kepada = models.CharField(_("ditujukan kepada"), max_length=200)
    perihal = models.CharField(_("perihal / isi singkat"), max_length=500)
    keterangan = models.CharField(_("keterangan"), max_length=255, blank=True, default="")
    dibuat_oleh = models.CharField(max_length=150, blank=True, default="")
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("surat keluar di luar Balai")
        verbose_name_plural = _("surat keluar di luar Balai")
        ordering = ["-tanggal_surat", "-id"]

    def __str__(self) -> str:
        return self.nomor_surat


class Ekspedisi(models.Model):
    """One letter handed to a courier or delivered (Buku Ekspedisi). The printed book
    has a column for the recipient's signature."""

    tanggal_pengiriman = models.DateField(_("tanggal pengiriman"), db_index=True)
    nomor_surat = models.CharField(_("nomor surat"), max_length=120)
    tanggal_surat = models.DateField(_("tanggal surat"))
    isi_singkat = models.CharField(_("isi singkat surat yang dikirim"), max_length=500)
    ditujukan_kepada = models.CharField(_("ditujukan kepada"), max_length=200)
    keterangan = models.CharField(_("keterangan"), max_length=255, blank=True, default="")
    dibuat_oleh = models.CharField(max_length=150, blank=True, default="")
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ekspedisi")
        verbose_name_plural = _("ekspedisi")
        ordering = ["-tanggal_pengiriman", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tanggal_pengiriman__gte=F("tanggal_surat")),
                name="sekretariat_ekspedisi_kirim_setelah_surat",
                violation_error_message=_("Tanggal pengiriman tidak boleh sebelum tanggal surat."),
            ),
        ]

    def __str__(self) -> str:
        return self.nomor_surat
