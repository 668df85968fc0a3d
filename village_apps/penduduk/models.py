"""Residents with OpenSID's field set and numeric codes (``tweb_penduduk``).

Code fields hold OpenSID's numbers (see ``choices.py``) so that import, export and
statistics need no translation table. Personal data lives here and only here; logs
and audit rows refer to a resident by ``id``.
"""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from balai_kernel.disclosure.policy import SENSITIVE_CATEGORIES
from village_apps import referensi as c
from village_apps.penduduk.choices import StatusImpor


class Penduduk(models.Model):
    """One resident. ``status_dasar`` says whether they count in the live population
    (1 = hidup); every change of it goes through ``village_apps.peristiwa.services`` so
    the event log and the live totals never disagree."""

    nik = models.CharField(_("NIK"), max_length=16, unique=True)
    nama = models.CharField(_("nama"), max_length=100)
    sex = models.PositiveSmallIntegerField(_("jenis kelamin"), choices=c.Sex.choices)
    tempatlahir = models.CharField(_("tempat lahir"), max_length=100, blank=True, default="")
    tanggallahir = models.DateField(_("tanggal lahir"), null=True, blank=True)
    agama_id = models.PositiveSmallIntegerField(_("agama"), choices=c.Agama.choices)
    pendidikan_kk_id = models.PositiveSmallIntegerField(
        _("pendidikan dalam KK"), choices=c.PendidikanKK.choices, null=True, blank=True
    )
    pendidikan_sedang_id = models.PositiveSmallIntegerField(
        _("pendidikan sedang ditempuh"), choices=c.PendidikanSedang.choices, null=True, blank=True
    )
    pekerjaan_id = models.PositiveSmallIntegerField(
        _("pekerjaan"), choices=c.Pekerjaan.choices, null=True, blank=True
    )
    status_kawin = models.PositiveSmallIntegerField(
        _("status perkawinan"), choices=c.StatusKawin.choices, null=True, blank=True
    )
    kk_level = models.PositiveSmallIntegerField(
        _("hubungan dalam keluarga (SHDK)"), choices=c.SHDK.choices, null=True, blank=True
    )
    warganegara_id = models.PositiveSmallIntegerField(
        _("kewarganegaraan"), choices=c.Warganegara.choices, default=c.Warganegara.WNI
    )
    golongan_darah_id = models.PositiveSmallIntegerField(
        _("golongan darah"), choices=c.GolonganDarah.choices, null=True, blank=True
    )
    cacat_id = models.PositiveSmallIntegerField(
        _("disabilitas"), choices=c.Cacat.choices, null=True, blank=True
    )
    sakit_menahun_id = models.PositiveSmallIntegerField(
        _("sakit menahun"), choices=c.SakitMenahun.choices, null=True, blank=True
    )
    cara_kb_id = models.PositiveSmallIntegerField(
        _("akseptor KB"), choices=c.CaraKB.choices, null=True, blank=True
    )
    hamil = models.PositiveSmallIntegerField(
        _("status kehamilan"), choices=c.Hamil.choices, null=True, blank=True
    )
    ktp_el = models.PositiveSmallIntegerField(
        _("KTP-el"), choices=c.KtpEl.choices, null=True, blank=True
    )
    status_rekam = models.PositiveSmallIntegerField(
        _("status rekam KTP-el"), choices=c.StatusRekam.choices, null=True, blank=True
    )
    id_asuransi = models.PositiveSmallIntegerField(
        _("asuransi"), choices=c.Asuransi.choices, null=True, blank=True
    )
    no_asuransi = models.CharField(_("nomor asuransi"), max_length=100, blank=True, default="")
    status_dasar = models.PositiveSmallIntegerField(
        _("status dasar"), choices=c.StatusDasar.choices, default=c.StatusDasar.HIDUP
    )
    status = models.PositiveSmallIntegerField(
        _("status penduduk"), choices=c.StatusPenduduk.choices, default=c.StatusPenduduk.TETAP
    )
    nama_ayah = models.CharField(_("nama ayah"), max_length=100, blank=True, default="")
    nama_ibu = models.CharField(_("nama ibu"), max_length=100, blank=True, default="")
    ayah_nik = models.CharField(_("NIK ayah"), max_length=16, blank=True, default="")
    ibu_nik = models.CharField(_("NIK ibu"), max_length=16, blank=True, default="")
    akta_lahir = models.CharField(_("nomor akta lahir"), max_length=40, blank=True, default="")
    dokumen_pasport = models.CharField(_("nomor paspor"), max_length=45, blank=True, default="")
    tanggal_akhir_paspor = models.DateField(_("berlaku paspor sampai"), null=True, blank=True)
    dokumen_kitas = models.CharField(_("nomor KITAS/KITAP"), max_length=45, blank=True, default="")
    akta_perkawinan = models.CharField(
        _("nomor akta perkawinan"), max_length=40, blank=True, default=""
    )
    tanggalperkawinan = models.DateField(_("tanggal perkawinan"), null=True, blank=True)
    akta_perceraian = models.CharField(
        _("nomor akta perceraian"), max_length=40, blank=True, default=""
    )
    tanggalperceraian = models.DateField(_("tanggal perceraian"), null=True, blank=True)
    suku = models.CharField(_("suku/etnis"), max_length=150, blank=True, default="")
    tag_id_card = models.CharField(_("tag ID card"), max_length=20, blank=True, default="")
    alamat = models.CharField(_("alamat"), max_length=200, blank=True, default="")
    alamat_sebelumnya = models.CharField(
        _("alamat sebelumnya"), max_length=200, blank=True, default=""
    )
    alamat_sekarang = models.CharField(_("alamat sekarang"), max_length=200, blank=True, default="")
    telepon = models.CharField(_("telepon"), max_length=20, blank=True, default="")
    email = models.EmailField(_("e-mail"), max_length=100, blank=True, default="")
    foto = models.ImageField(_("foto"), upload_to="penduduk/", blank=True)
    lat = models.DecimalField(_("lintang"), max_digits=10, decimal_places=7, null=True, blank=True)
    lng = models.DecimalField(_("bujur"), max_digits=10, decimal_places=7, null=True, blank=True)

    keluarga = models.ForeignKey(
        "keluarga.Keluarga",
        verbose_name=_("keluarga"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="anggota",
    )
    rumah_tangga = models.ForeignKey(
        "keluarga.RumahTangga",
        verbose_name=_("rumah tangga"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="anggota",
    )
    rtm_level = models.PositiveSmallIntegerField(
        _("hubungan dalam rumah tangga"),
        choices=[(1, _("Kepala rumah tangga")), (2, _("Anggota"))],
        null=True,
        blank=True,
    )
    wilayah = models.ForeignKey(
        "wilayah.RT",
        verbose_name=_("wilayah (RT)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="penduduk_set",
    )
    # Set by the services when another resident has the same name and birth date.
    kemungkinan_ganda = models.BooleanField(_("kemungkinan data ganda"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("penduduk")
        verbose_name_plural = _("penduduk")
        ordering = ["nama", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(nik__regex=r"^[0-9]{16}$"),
                name="penduduk_nik_16_digit",
                violation_error_message=_("NIK harus 16 angka."),
            )
        ]
        indexes = [
            # Keyset pagination and sorting by name.
            models.Index(fields=["nama", "id"], name="penduduk_nama_id"),
            models.Index(fields=["status_dasar", "nama", "id"], name="penduduk_status_nama"),
            # Trigram search on names (pg_trgm lives in ``public``, see migration 0001),
            # on UPPER(nama): the expression Django's icontains compares (migration 0005).
            GinIndex(OpClass(Upper("nama"), name="public.gin_trgm_ops"), name="penduduk_nama_trgm"),
            # (NIK/KK prefix search uses the ``*_like`` pattern-ops index Django adds to
            # unique CharFields.)
            # Possible-duplicate lookups: same name (case-insensitive) and birth date.
            models.Index(Upper("nama"), "tanggallahir", name="penduduk_ganda"),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def hidup(self) -> bool:
        """Alive and registered here (status dasar HIDUP)."""
        return self.status_dasar == c.StatusDasar.HIDUP

    @property
    def laki_laki(self) -> bool:
        return self.sex == c.Sex.LAKI_LAKI

    @property
    def nik_sementara(self) -> bool:
        """OpenSID's temporary number: ``0`` + 10-digit village code + sequence."""
        return self.nik.startswith("0")


class NikMode(models.TextChoices):
    WARNING = "warning", _("Peringatan (data tetap disimpan)")
    ERROR = "error", _("Galat (data ditolak)")


class PengaturanPenduduk(models.Model):
    """Per-village settings of the population module (one row, pk=1).

    ``nik_struktur`` decides whether NIK-structure findings (unknown region prefix,
    DDMMYY not matching the birth date, the +40 rule for women) block a save/import or
    are only reported: real data has such inconsistencies, so the default is warning.

    ``statistik_sensitif`` lists the special statistics categories (health, disability,
    pregnancy, contraception: ``balai_kernel.disclosure.policy.SENSITIVE_CATEGORIES``)
    the village publishes; none by default. Changed only by
    ``services.pengaturan_statistik_update``, which audits it.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    nik_struktur = models.CharField(
        _("pemeriksaan struktur NIK"),
        max_length=10,
        choices=NikMode.choices,
        default=NikMode.WARNING,
    )
    statistik_sensitif = models.JSONField(
        _("kategori statistik khusus yang dipublikasikan"),
        default=list,
        # Old pods still insert settings rows while villages upgrade in waves.
        db_default=models.Value([], output_field=models.JSONField()),
        blank=True,
    )

    class Meta:
        verbose_name = _("pengaturan penduduk")

    def __str__(self) -> str:
        return str(self.get_nik_struktur_display())

    def clean(self) -> None:
        kategori = self.statistik_sensitif
        if not isinstance(kategori, list) or any(k not in SENSITIVE_CATEGORIES for k in kategori):
            raise ValidationError(
                {"statistik_sensitif": _("Kategori statistik khusus tidak dikenal.")}
            )


class ImporPenduduk(models.Model):
    """A large OpenSID workbook waiting for / processed by the background import.

    The file bytes live in the village's own table (not a shared path), and are
    emptied once the import ran: only the report stays."""

    nama_berkas = models.CharField(max_length=200)
    isi = models.BinaryField(default=b"")
    perbarui = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=StatusImpor.choices, default=StatusImpor.MENUNGGU
    )
    diproses = models.PositiveIntegerField(default=0)
    hasil = models.JSONField(null=True, blank=True)
    created_by_id = models.IntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("impor penduduk")
        ordering = ["-created_at"]

    @property
    def berjalan(self) -> bool:
        """Waiting for or in the worker (the status page keeps refreshing)."""
        return self.status in (StatusImpor.MENUNGGU, StatusImpor.BERJALAN)
