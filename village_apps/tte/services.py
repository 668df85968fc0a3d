"""Writes of the tte app: the village's signing settings and certificate, and signing
a document. Every public service runs in the current village schema; those that
change settings are one transaction with their audit row.

``tanda_tangan_create`` is what the letters module calls while it issues a letter (inside
``surat_issue``'s transaction): with a provider chosen and the letter's signer being
the certificate's holder, it returns the signed PDF; a provider's refusal raises
:class:`providers.TteGagal`, so the letter is not issued and its number goes back.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from balai_kernel.actor import Actor
from balai_kernel.sealed import seal, seal_text, unseal, unseal_text
from village_apps.audit.choices import AuditAction
from village_apps.audit.services import audit_record
from village_apps.tte import ca, verification
from village_apps.tte.choices import AsalSertifikat, Penyedia
from village_apps.tte.models import Penandatanganan, PengaturanTte
from village_apps.tte.providers import (
    PenyediaBsre,
    PenyediaLokal,
    PenyediaTte,
    TteGagal,
    bsre_host_allowed,
)
from village_apps.tte.selectors import pengaturan_tte_get

P12 = "tte.p12"
P12_PASSPHRASE = "tte.p12.passphrase"  # noqa: S105 - a purpose name, not a secret
BSRE_SANDI = "tte.bsre.sandi"  # noqa: S105
BSRE_PASSPHRASE = "tte.bsre.passphrase"  # noqa: S105


def _audit(summary: str, actor: Actor | None) -> None:
    audit_record(
        action=AuditAction.UPDATE,
        object_type="pengaturan_tte",
        object_id=1,
        summary=summary,
        actor=actor,
    )


def _store_p12(*, berkas: bytes, passphrase: str, asal: str, actor: Actor | None) -> PengaturanTte:
    """Check and store a PKCS#12 (sealed, with its passphrase), choose the local
    provider, audit. Its holder (the certificate's common name) becomes whose signature
    the letters carry."""
    try:
        info = verification.sertifikat_check(berkas=berkas, passphrase=passphrase)
    except ValueError as exc:
        raise ValidationError({"berkas": str(exc)}) from exc
    row = pengaturan_tte_get()
    row.p12_tersegel = seal(berkas, purpose=P12)
    row.passphrase_tersegel = seal_text(passphrase, purpose=P12_PASSPHRASE)
    row.sertifikat_asal = asal
    row.sertifikat_subjek = info.subjek
    row.sertifikat_penerbit = info.penerbit
    row.sertifikat_berlaku_sampai = info.berlaku_sampai
    row.sertifikat_sidik = info.sidik
    row.nama_pemegang = info.nama[:100]
    row.penyedia = Penyedia.LOKAL
    row.full_clean()
    row.save()
    _audit(f"sertifikat {asal}: {info.sidik[:16]}", actor)
    return row


@transaction.atomic
def sertifikat_tte_store(
    *, berkas: bytes, passphrase: str, actor: Actor | None = None
) -> PengaturanTte:
    """Store the village's PKCS#12 after checking it (``verification.sertifikat_check``:
    passphrase, private key, validity, key usage, trusted issuer — each refused with its
    own message on ``berkas``); the local provider is chosen with it."""
    return _store_p12(berkas=berkas, passphrase=passphrase, asal=AsalSertifikat.UNGGAH, actor=actor)


@transaction.atomic
def sertifikat_tte_issue(
    *, nama: str, organisasi: str, actor: Actor | None = None
) -> PengaturanTte:
    """A certificate for ``nama`` from the platform's local CA (demo and trials; see
    ``ca.py``), stored like an uploaded one with a random passphrase nobody needs to
    know. Refused when the local CA is off."""
    nama = re.sub(r"\s+", " ", nama or "").strip()
    if not nama:
        raise ValidationError({"nama": _("Isi nama pemegang sertifikat.")})
    if not ca.local_ca_enabled():
        raise ValidationError(_("CA lokal tidak diaktifkan di platform ini."))
    passphrase = secrets.token_urlsafe(24)
    berkas = ca.local_p12_issue(nama=nama, organisasi=organisasi, passphrase=passphrase)
    return _store_p12(
        berkas=berkas, passphrase=passphrase, asal=AsalSertifikat.CA_LOKAL, actor=actor
    )


@transaction.atomic
def pengaturan_tte_update(
    *,
    penyedia: str,
    bsre_url: str = "",
    bsre_pengguna: str = "",
    bsre_sandi: str = "",
    bsre_nik: str = "",
    bsre_passphrase: str = "",
    bsre_nama: str = "",
    actor: Actor | None = None,
) -> PengaturanTte:
    """Choose the provider. The local one needs a stored certificate; BSrE needs its
    service address (a host the platform allows), the client's user and password, and
    the signer's name, NIK and passphrase (blank secrets keep the stored ones)."""
    row = pengaturan_tte_get()
    if penyedia not in Penyedia.values:
        raise ValidationError({"penyedia": _("Pilih penyedia tanda tangan.")})
    if penyedia == Penyedia.LOKAL and not row.p12_tersegel:
        raise ValidationError(
            {"penyedia": _("Unggah sertifikat desa atau buat sertifikat uji dahulu.")}
        )
    if penyedia == Penyedia.BSRE:
        errors = {}
        if not bsre_host_allowed(bsre_url):
            errors["bsre_url"] = _(
                "Alamat layanan esign BSrE harus http(s) ke server yang diizinkan platform."
            )
        if not bsre_pengguna.strip():
            errors["bsre_pengguna"] = _("Isi pengguna klien esign.")
        if not (bsre_sandi or row.bsre_sandi_tersegel):
            errors["bsre_sandi"] = _("Isi kata sandi klien esign.")
        if not re.fullmatch(r"\d{16}", bsre_nik or ""):
            errors["bsre_nik"] = _("NIK penanda tangan harus 16 angka.")
        if not (bsre_passphrase or row.bsre_passphrase_tersegel):
            errors["bsre_passphrase"] = _("Isi passphrase BSrE penanda tangan.")
        if not bsre_nama.strip():
            errors["bsre_nama"] = _("Isi nama penanda tangan sesuai sertifikat BSrE.")
        if errors:
            raise ValidationError(errors)
        row.bsre_url = bsre_url.strip()
        row.bsre_pengguna = bsre_pengguna.strip()
        row.bsre_nik = bsre_nik
        row.nama_pemegang = re.sub(r"\s+", " ", bsre_nama).strip()[:100]
        if bsre_sandi:
            row.bsre_sandi_tersegel = seal_text(bsre_sandi, purpose=BSRE_SANDI)
        if bsre_passphrase:
            row.bsre_passphrase_tersegel = seal_text(bsre_passphrase, purpose=BSRE_PASSPHRASE)
    row.penyedia = penyedia
    row.full_clean()
    row.save()
    _audit(f"penyedia: {penyedia}", actor)
    return row


def penyedia_get(row: PengaturanTte) -> PenyediaTte | None:
    """The village's provider with its secrets unsealed; ``None`` when it signs nothing."""
    if row.penyedia == Penyedia.LOKAL and row.p12_tersegel:
        return PenyediaLokal(
            p12=unseal(row.p12_tersegel, purpose=P12),
            passphrase=unseal_text(row.passphrase_tersegel, purpose=P12_PASSPHRASE),
        )
    if row.penyedia == Penyedia.BSRE:
        return PenyediaBsre(
            url=row.bsre_url,
            pengguna=row.bsre_pengguna,
            sandi=unseal_text(row.bsre_sandi_tersegel, purpose=BSRE_SANDI),
            nik=row.bsre_nik,
            passphrase=unseal_text(row.bsre_passphrase_tersegel, purpose=BSRE_PASSPHRASE),
        )
    return None


def _same_person(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"\s+", " ", s).strip().casefold()

    return bool(norm(a)) and norm(a) == norm(b)


@dataclass(frozen=True)
class HasilTte:
    """What ``tanda_tangan_create`` did: the PDF to store and, when the village signs
    electronically at all, the record to keep (``penandatanganan_record``)."""

    pdf: bytes
    penyedia: str = Penyedia.NONAKTIF
    ditandatangani: bool = False
    penanda_tangan: str = ""
    alasan: str = ""


def tanda_tangan_create(*, pdf: bytes, penanda_tangan: str, alasan: str, lokasi: str) -> HasilTte:
    """Sign ``pdf`` for the village when it has a provider and ``penanda_tangan`` (the
    name printed under the letter) is the certificate's holder; otherwise return it as
    it is, saying why. Provider failures raise :class:`TteGagal`. Writes nothing."""
    row = pengaturan_tte_get()
    if row.penyedia == Penyedia.NONAKTIF:
        return HasilTte(pdf=pdf)
    if not _same_person(penanda_tangan, row.nama_pemegang):
        return HasilTte(
            pdf=pdf,
            penyedia=row.penyedia,
            alasan=_("Penanda tangan surat (%(ttd)s) bukan pemegang sertifikat (%(pemegang)s).")
            % {"ttd": penanda_tangan or "-", "pemegang": row.nama_pemegang or "-"},
        )
    provider = penyedia_get(row)
    if provider is None:
        raise TteGagal(_("Tanda tangan elektronik desa belum lengkap diatur."))
    signed = provider.sign(pdf, alasan=alasan, lokasi=lokasi)
    return HasilTte(
        pdf=signed, penyedia=row.penyedia, ditandatangani=True, penanda_tangan=row.nama_pemegang
    )


def penandatanganan_record(*, dokumen: str, objek_id: int, hasil: HasilTte) -> None:
    """Keep what ``tanda_tangan_create`` did for a stored document (nothing when the village
    does not sign electronically). Runs in the caller's transaction."""
    if hasil.penyedia == Penyedia.NONAKTIF:
        return
    Penandatanganan.objects.create(
        dokumen=dokumen,
        objek_id=objek_id,
        ditandatangani=hasil.ditandatangani,
        penyedia=hasil.penyedia,
        penanda_tangan=hasil.penanda_tangan[:300],
        alasan=hasil.alasan[:255],
    )
