"""Letters (village schema): templates, numbering counters, issued letters, settings."""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from balai_kernel.html import HtmlField
from village_apps.surat.choices import (
    DEFAULT_FORMAT_NOMOR,
    LingkupNomor,
    Orientasi,
    SatuanBerlaku,
    StatusSurat,
    SumberFormat,
    Ukuran,
)

# A letter's validity (``masa_berlaku`` × unit): 100 years still fits a date, and it is
# what the OpenSID template import clamps to.
MAKS_MASA_BERLAKU = 100


class PengaturanSurat(models.Model):
    """Village-wide letter settings. Exactly one row (pk=1), created on first use.

    ``rantai_persetujuan`` is the approval chain for residents' requests: the steps
    after the operator's check, e.g. ``["sekdes", "kades"]``; empty means the operator
    issues directly.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    format_nomor = models.CharField(_("format nomor"), max_length=120, default=DEFAULT_FORMAT_NOMOR)
    lingkup_nomor = models.CharField(
        _("urutan nomor"),
        max_length=10,
        choices=LingkupNomor.choices,
        default=LingkupNomor.PER_JENIS,
    )
    rantai_persetujuan = models.JSONField(_("rantai persetujuan"), default=list, blank=True)
    ttd_nama = models.CharField(_("nama penanda tangan"), max_length=100, blank=True, default="")
    ttd_nip = models.CharField(_("NIP penanda tangan"), max_length=30, blank=True, default="")
    ttd_jabatan = models.CharField(
        _("jabatan penanda tangan"), max_length=100, blank=True, default="Kepala Desa"
    )
    # Letters that the camat co-signs ("Mengetahui: Camat …") print these.
    camat_nama = models.CharField(
        _("nama camat"), max_length=100, blank=True, default="", db_default=""
    )
    camat_nip = models.CharField(
        _("NIP camat"), max_length=30, blank=True, default="", db_default=""
    )

    class Meta:
        verbose_name = _("pengaturan surat")
        constraints = [
            models.CheckConstraint(
                condition=Q(id=1),
                name="surat_pengaturan_singleton",
                violation_error_message=_("Pengaturan surat hanya satu."),
            )
        ]


class FormatSurat(models.Model):
    """A letter template: HTML with ``[kode]`` merge fields (see ``merge.py``), cleaned
    to the letter allowlist on every write (``HtmlField``, ``surat`` profile).

    ``kode_isian`` lists the extra fields the operator or resident fills in
    (``[{"kode": "form_keperluan", "nama": "Keperluan", "tipe": "textarea",
    "required": true}]``); ``syarat`` names the documents a resident must upload.
    """

    nama = models.CharField(_("nama surat"), max_length=150)
    slug = models.SlugField(_("kode URL"), max_length=120, unique=True)
    kode_surat = models.CharField(_("kode klasifikasi"), max_length=20)
    isi = HtmlField(_("isi (HTML dengan kode isian)"), profile="surat")
    kode_isian = models.JSONField(_("isian tambahan"), default=list, blank=True)
    syarat = models.JSONField(_("syarat dokumen"), default=list, blank=True)
    # Codes of the attachment forms printed after the letter, in order (``lampiran.py``:
    # ``["F-2.01"]``); every code is a registered form (checked on save and import).
    lampiran = models.JSONField(
        _("lampiran formulir"),
        default=list,
        blank=True,
        db_default=models.Value([], output_field=models.JSONField()),
    )
    ukuran = models.CharField(
        _("ukuran kertas"), max_length=4, choices=Ukuran.choices, default=Ukuran.F4
    )
    orientasi = models.CharField(
        _("orientasi"), max_length=8, choices=Orientasi.choices, default=Orientasi.POTRET
    )
    margin_kiri = models.DecimalField(
        _("margin kiri (cm)"), max_digits=4, decimal_places=2, default=2
    )
    margin_atas = models.DecimalField(
        _("margin atas (cm)"), max_digits=4, decimal_places=2, default=1
    )
    margin_kanan = models.DecimalField(
        _("margin kanan (cm)"), max_digits=4, decimal_places=2, default=2
    )
    margin_bawah = models.DecimalField(
        _("margin bawah (cm)"), max_digits=4, decimal_places=2, default=1.5
    )
    kop = models.BooleanField(_("pakai kop surat"), default=True)
    format_nomor = models.CharField(
        _("format nomor khusus"),
        max_length=120,
        blank=True,
        default="",
        help_text=_("Kosongkan untuk memakai format nomor desa."),
    )
    masa_berlaku = models.PositiveSmallIntegerField(
        _("masa berlaku"),
        default=1,
        validators=[
            MaxValueValidator(
                MAKS_MASA_BERLAKU,
                message=_(
                    "Masa berlaku paling lama %(limit_value)s (hari, minggu, bulan atau "
                    "tahun); isi 0 bila tidak dibatasi."
                ),
            )
        ],
        help_text=_("0 berarti tidak dibatasi; paling lama 100."),
    )
    satuan_berlaku = models.CharField(
        _("satuan masa berlaku"),
        max_length=1,
        choices=SatuanBerlaku.choices,
        default=SatuanBerlaku.BULAN,
    )
    mandiri = models.BooleanField(_("dapat diminta lewat layanan mandiri"), default=False)
    aktif = models.BooleanField(_("aktif"), default=True)
    sumber = models.CharField(
        max_length=10, choices=SumberFormat.choices, default=SumberFormat.DESA
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("format surat")
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama

    @property
    def judul(self) -> str:
        return f"Surat {self.nama}" if not self.nama.lower().startswith("surat") else self.nama


class PenomoranSurat(models.Model):
    """The last number used per scope (a template's slug, or ``*`` for one global
    sequence) and year. Issuing locks this row (``SELECT … FOR UPDATE``) and bumps it
    in the same transaction that stores the letter, so numbers are gap-free."""

    lingkup = models.CharField(max_length=120)
    tahun = models.PositiveSmallIntegerField()
    terakhir = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["lingkup", "tahun"], name="surat_penomoran_unik"),
        ]


class SuratKeluar(models.Model):
    """An issued letter. Everything printed is frozen at issue (``data``, the PDF bytes
    and their hash): re-downloads return the identical file and later edits to the
    resident or template never change an issued letter. A revoked letter keeps its
    number. ``token`` (≥ 256 bits from ``secrets``) is the only public handle.

    ``penduduk_id`` is a plain id, not a foreign key: the letter is a record of what was
    certified and must survive the resident's record being merged or removed.
    ``subjek_luar``: the subject is not on the register (typed in; ``penduduk_id`` is
    empty). ``pihak``: everyone the letter names, the subject included, keyed by role
    (``village_apps.surat.pihak``: the structure, its roles and fields).
    """

    format = models.ForeignKey(FormatSurat, on_delete=models.PROTECT, related_name="surat")
    lingkup = models.CharField(max_length=120)
    tahun = models.PositiveSmallIntegerField()
    nomor_urut = models.PositiveIntegerField()
    nomor = models.CharField(_("nomor surat"), max_length=120)
    token = models.CharField(max_length=64, unique=True)
    perihal = models.CharField(_("perihal"), max_length=200)
    tanggal = models.DateField(_("tanggal surat"))
    berlaku_dari = models.DateField(null=True, blank=True)
    berlaku_sampai = models.DateField(null=True, blank=True)
    penduduk_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    nama_warga = models.CharField(_("nama warga"), max_length=150, blank=True, default="")
    nik_warga = models.CharField(_("NIK warga"), max_length=16, blank=True, default="")
    subjek_luar = models.BooleanField(
        _("bukan penduduk terdaftar"), default=False, db_default=False
    )
    pihak = models.JSONField(
        default=dict, blank=True, db_default=models.Value({}, output_field=models.JSONField())
    )
    ttd_nama = models.CharField(max_length=100, blank=True, default="")
    ttd_jabatan = models.CharField(max_length=150, blank=True, default="")
    data = models.JSONField(default=dict)
    pdf = models.BinaryField()
    pdf_sha256 = models.CharField(max_length=64)
    status = models.CharField(
        max_length=10, choices=StatusSurat.choices, default=StatusSurat.TERBIT
    )
    dibuat_oleh = models.CharField(max_length=150, blank=True, default="")
    dibuat_pada = models.DateTimeField(auto_now_add=True, db_index=True)
    dicabut_pada = models.DateTimeField(null=True, blank=True)
    dicabut_oleh = models.CharField(max_length=150, blank=True, default="")
    alasan_cabut = models.CharField(_("alasan pencabutan"), max_length=255, blank=True, default="")

    class Meta:
        verbose_name = _("surat keluar")
        ordering = ["-dibuat_pada", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["lingkup", "tahun", "nomor_urut"],
                name="surat_nomor_unik",
                violation_error_message=_("Nomor surat sudah dipakai."),
            ),
            models.CheckConstraint(
                condition=Q(status="terbit") | ~Q(alasan_cabut=""),
                name="surat_cabut_beralasan",
                violation_error_message=_("Pencabutan surat wajib disertai alasan."),
            ),
        ]

    def __str__(self) -> str:
        return self.nomor

    @property
    def dicabut(self) -> bool:
        return self.status == StatusSurat.DICABUT

    @property
    def kedaluwarsa(self) -> bool:
        """Past its validity date (still genuine, but no longer in force)."""
        from django.utils import timezone

        return self.berlaku_sampai is not None and self.berlaku_sampai < timezone.localdate()

    @property
    def pihak_daftar(self) -> list:
        """The other people the letter names, ``(role, person)`` (``pihak.pihak_daftar``)."""
        from village_apps.surat.pihak import pihak_daftar

        return pihak_daftar(self.pihak)

    @property
    def nama_tersamar(self) -> str:
        """The resident's name for the public verification page: two letters of each
        word, the rest masked (``Budi Santoso`` → ``Bu** Sa****``)."""
        return " ".join(w[:2] + "*" * max(len(w) - 2, 0) for w in self.nama_warga.split())
