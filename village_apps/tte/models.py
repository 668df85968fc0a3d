"""Electronic signatures (village schema): the village's signing settings and a record
of every document it signed (or chose not to sign) electronically."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from village_apps.tte.choices import AsalSertifikat, Penyedia


class PengaturanTte(models.Model):
    """How this village signs letters electronically. Exactly one row (pk=1), created
    on first save; a village without it signs nothing (``Penyedia.NONAKTIF``).

    Secrets are stored sealed (``balai_kernel.sealed``: AES-GCM under a key derived
    from ``SECRET_KEY``): the PKCS#12 file and its passphrase, the BSrE client password
    and the signer's BSrE passphrase. They are never shown again after upload; the
    readable columns describe the certificate (subject, issuer, validity, SHA-256
    fingerprint) for the settings page.

    ``nama_pemegang`` is whose signature it is: a letter is signed electronically only
    when its signer (the name printed under it) is this person, so a letter signed
    "a.n." by another official never carries the head's signature.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    penyedia = models.CharField(
        _("penyedia tanda tangan"),
        max_length=10,
        choices=Penyedia.choices,
        default=Penyedia.NONAKTIF,
    )
    nama_pemegang = models.CharField(
        _("nama pemegang sertifikat"), max_length=100, blank=True, default=""
    )
    # Local provider: the village's PKCS#12 (uploaded, or issued by the platform's local CA).
    p12_tersegel = models.BinaryField(blank=True, default=b"")
    passphrase_tersegel = models.BinaryField(blank=True, default=b"")
    sertifikat_asal = models.CharField(
        max_length=10, choices=AsalSertifikat.choices, blank=True, default=""
    )
    sertifikat_subjek = models.CharField(max_length=300, blank=True, default="")
    sertifikat_penerbit = models.CharField(max_length=300, blank=True, default="")
    sertifikat_berlaku_sampai = models.DateTimeField(null=True, blank=True)
    sertifikat_sidik = models.CharField(max_length=64, blank=True, default="")
    # BSrE provider (esign-client service of the Pemda; ``TTE_BSRE_HOSTS`` lists the
    # hosts the platform lets villages reach).
    bsre_url = models.URLField(_("alamat layanan esign BSrE"), blank=True, default="")
    bsre_pengguna = models.CharField(
        _("pengguna klien esign"), max_length=100, blank=True, default=""
    )
    bsre_sandi_tersegel = models.BinaryField(blank=True, default=b"")
    bsre_nik = models.CharField(_("NIK penanda tangan"), max_length=16, blank=True, default="")
    bsre_passphrase_tersegel = models.BinaryField(blank=True, default=b"")
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pengaturan tanda tangan elektronik")
        constraints = [
            models.CheckConstraint(
                condition=Q(id=1),
                name="tte_pengaturan_singleton",
                violation_error_message=_("Pengaturan tanda tangan elektronik hanya satu."),
            )
        ]


class Penandatanganan(models.Model):
    """One document's electronic signing: signed (by whom, with which provider, when)
    or deliberately not (``alasan``). The verification page reads it to tell a letter
    that was never signed from one whose signature was removed.

    ``objek_id`` is a plain id (like ``SuratKeluar.penduduk_id``): the record outlives
    nothing it must protect, and the tte app stays below the apps that use it.
    """

    dokumen = models.CharField(max_length=20)  # "surat"
    objek_id = models.BigIntegerField()
    ditandatangani = models.BooleanField(default=False)
    penyedia = models.CharField(max_length=10, choices=Penyedia.choices)
    penanda_tangan = models.CharField(max_length=300, blank=True, default="")
    alasan = models.CharField(max_length=255, blank=True, default="")
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dokumen", "objek_id"], name="tte_dokumen_unik"),
        ]
