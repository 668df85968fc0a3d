"""What the books keep themselves: closed periods, and the two registers nothing else
holds (temporary residents, community-empowerment cadres). Every other book is made from
the data of the app that owns it (``village_apps.buku.books``, other apps' ``books.py``)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from village_apps.referensi import Sex, Warganegara


class PenutupanBuku(models.Model):
    """A closed period of a book: its rows as they were printed at closing.

    From then on the page, the PDF, the XLSX and the CLI show these rows for that period,
    whatever is edited later; a late entry dated inside the period appears in the next
    open period instead (``village_apps.buku.selectors``). ``baris`` holds the rows in
    the book's leaf-column order (values encoded by ``village_apps.buku.rows``),
    ``kolom`` the leaf keys they were stored under."""

    buku = models.SlugField(_("buku"), max_length=60)
    periode = models.CharField(_("periode"), max_length=7)  # "2026" or "2026-05"
    kolom = models.JSONField(default=list)
    baris = models.JSONField(default=list)
    ditutup_pada = models.DateTimeField(_("ditutup pada"), auto_now_add=True)
    ditutup_oleh_id = models.IntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("periode buku yang ditutup")
        verbose_name_plural = _("periode buku yang ditutup")
        ordering = ["buku", "-periode"]
        constraints = [
            models.UniqueConstraint(
                fields=["buku", "periode"],
                name="buku_penutupan_unik",
                violation_error_message=_("Periode ini sudah ditutup."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.buku} {self.periode}"


class PendudukSementara(models.Model):
    """A temporary resident (Buku Penduduk Sementara, Permendagri 47/2016 B.4): someone
    staying in the village without moving in, from arrival to departure."""

    nama = models.CharField(_("nama lengkap"), max_length=100)
    sex = models.PositiveSmallIntegerField(_("jenis kelamin"), choices=Sex.choices)
    nomor_identitas = models.CharField(
        _("nomor identitas/tanda pengenal"), max_length=40, blank=True, default=""
    )
    tempat_lahir = models.CharField(_("tempat lahir"), max_length=100, blank=True, default="")
    tanggal_lahir = models.DateField(_("tanggal lahir"), null=True, blank=True)
    pekerjaan = models.CharField(_("pekerjaan"), max_length=100, blank=True, default="")
    warganegara_id = models.PositiveSmallIntegerField(
        _("kewarganegaraan"), choices=Warganegara.choices, default=Warganegara.WNI
    )
    keturunan = models.CharField(_("keturunan"), max_length=100, blank=True, default="")
    datang_dari = models.CharField(_("datang dari"), max_length=200)
    maksud_tujuan = models.CharField(
        _("maksud dan tujuan kedatangan"), max_length=200, blank=True, default=""
    )
    didatangi = models.CharField(
        _("nama dan alamat yang didatangi"), max_length=200, blank=True, default=""
    )
    tanggal_datang = models.DateField(_("tanggal datang"))
    tanggal_pergi = models.DateField(_("tanggal pergi"), null=True, blank=True)
    keterangan = models.CharField(_("keterangan"), max_length=200, blank=True, default="")
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("penduduk sementara")
        verbose_name_plural = _("penduduk sementara")
        ordering = ["-tanggal_datang", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tanggal_pergi__isnull=True)
                | Q(tanggal_pergi__gte=models.F("tanggal_datang")),
                name="penduduk_sementara_pergi_sesudah_datang",
                violation_error_message=_("Tanggal pergi tidak boleh sebelum tanggal datang."),
            )
        ]

    def __str__(self) -> str:
        return self.nama


class KaderPemberdayaan(models.Model):
    """A community-empowerment cadre (Buku Kader Pemberdayaan Masyarakat, C.4): name,
    training and field of work."""

    nama = models.CharField(_("nama"), max_length=100)
    sex = models.PositiveSmallIntegerField(_("jenis kelamin"), choices=Sex.choices)
    tanggal_lahir = models.DateField(_("tanggal lahir"), null=True, blank=True)
    pendidikan = models.CharField(_("pendidikan/kursus"), max_length=200, blank=True, default="")
    bidang = models.CharField(_("bidang"), max_length=200)
    alamat = models.CharField(_("alamat"), max_length=200, blank=True, default="")
    keterangan = models.CharField(_("keterangan"), max_length=200, blank=True, default="")
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kader pemberdayaan masyarakat")
        verbose_name_plural = _("kader pemberdayaan masyarakat")
        ordering = ["nama", "id"]

    def __str__(self) -> str:
        return self.nama
