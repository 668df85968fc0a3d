"""Checking signatures: a village's PKCS#12 before it is stored, and a stored PDF's
PAdES signatures when its verification page is opened. Pure functions on bytes (no
database), Indonesian messages.

A PDF's signature is **valid** when every signature in it is intact (the signed bytes
hash to what was signed), cryptographically sound, covers the whole file (nothing was
added after signing), and its certificate chains to a trusted root (``ca.trust_roots``)
and was valid at the signing time the signer states. There is no time-stamp authority
here (BSrE's service adds one; local signatures do not), so that time is the signer's
own (``/M`` and the CMS signing-time attribute): a certificate that has expired since
does not make an older letter invalid. No revocation lists are fetched (no network).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import (
    InvalidCertificateError,
    PathBuildingError,
    PathValidationError,
)

from village_apps.tte import ca
from village_apps.tte.choices import HasilVerifikasi
from village_apps.tte.loops import off_loop

MAX_P12_BYTES = 64 * 1024


@dataclass(frozen=True)
class InfoSertifikat:
    """What the settings page shows of a stored certificate."""

    nama: str
    organisasi: str
    subjek: str
    penerbit: str
    berlaku_sampai: dt.datetime
    sidik: str  # SHA-256 of the certificate (DER), hex


def _cn(name: x509.Name, oid: x509.ObjectIdentifier = x509.NameOID.COMMON_NAME) -> str:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def _validate_chain(cert: x509.Certificate, chain: list[x509.Certificate]) -> bool:
    import asyncio

    context = ValidationContext(
        trust_roots=[ca.asn1(r) for r in ca.trust_roots()],
        other_certs=[ca.asn1(c) for c in chain],
        allow_fetching=False,
    )
    validator = CertificateValidator(ca.asn1(cert), validation_context=context)
    try:
        off_loop(lambda: asyncio.run(validator.async_validate_path()))
    except (PathBuildingError, PathValidationError, InvalidCertificateError, ValueError):
        return False
    return True


def sertifikat_check(*, berkas: bytes, passphrase: str) -> InfoSertifikat:
    """A village's PKCS#12 (.p12/.pfx) as it is uploaded: readable with ``passphrase``,
    holding a private key and the certificate that matches it, valid now, allowed to
    sign, and issued under a root Balai trusts. Raises ``ValueError`` with the
    Indonesian reason otherwise."""
    if not berkas or len(berkas) > MAX_P12_BYTES:
        raise ValueError(_("Pilih berkas sertifikat PKCS#12 (.p12 atau .pfx) paling besar 64 KB."))
    try:
        from asn1crypto import pkcs12 as asn1_pkcs12

        asn1_pkcs12.Pfx.load(berkas).native  # noqa: B018 - parses the whole structure
    except Exception as exc:  # noqa: BLE001 - asn1crypto raises many kinds on garbage
        raise ValueError(_("Berkas ini bukan sertifikat PKCS#12 (.p12 atau .pfx).")) from exc
    try:
        key, cert, chain = pkcs12.load_key_and_certificates(berkas, passphrase.encode() or None)
    except ValueError as exc:
        raise ValueError(_("Passphrase sertifikat salah.")) from exc
    if key is None:
        raise ValueError(
            _("Berkas sertifikat tidak berisi kunci privat: ekspor ulang beserta kuncinya.")
        )
    if cert is None:
        raise ValueError(_("Berkas tidak berisi sertifikat penanda tangan."))
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise ValueError(_("Jenis kunci sertifikat ini tidak didukung (hanya RSA atau EC)."))
    if key.public_key().public_numbers() != cert.public_key().public_numbers():
        raise ValueError(_("Kunci privat dalam berkas bukan pasangan sertifikatnya."))
    now = timezone.now()
    if cert.not_valid_after_utc < now:
        raise ValueError(
            _("Sertifikat sudah kedaluwarsa sejak %(tanggal)s.")
            % {"tanggal": timezone.localtime(cert.not_valid_after_utc).strftime("%d-%m-%Y")}
        )
    if cert.not_valid_before_utc > now:
        raise ValueError(
            _("Sertifikat baru berlaku mulai %(tanggal)s.")
            % {"tanggal": timezone.localtime(cert.not_valid_before_utc).strftime("%d-%m-%Y")}
        )
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        usage = None
    if usage is not None and not (usage.digital_signature or usage.content_commitment):
        raise ValueError(_("Sertifikat ini tidak untuk tanda tangan (key usage)."))
    if not _validate_chain(cert, list(chain)):
        raise ValueError(
            _(
                "Sertifikat tidak diterbitkan oleh CA yang dipercaya Balai (penerbit: "
                "%(penerbit)s). Minta operator platform menambahkan akar CA-nya."
            )
            % {"penerbit": _cn(cert.issuer) or cert.issuer.rfc4514_string()}
        )
    from cryptography.hazmat.primitives import serialization

    der = cert.public_bytes(serialization.Encoding.DER)
    return InfoSertifikat(
        nama=_cn(cert.subject),
        organisasi=_cn(cert.subject, x509.NameOID.ORGANIZATION_NAME),
        subjek=cert.subject.rfc4514_string()[:300],
        penerbit=cert.issuer.rfc4514_string()[:300],
        berlaku_sampai=cert.not_valid_after_utc,
        sidik=hashlib.sha256(der).hexdigest(),
    )


@dataclass(frozen=True)
class Verifikasi:
    """The outcome of checking a PDF's signatures, for the verification page."""

    hasil: str  # HasilVerifikasi
    penanda_tangan: str = ""
    organisasi: str = ""
    penerbit: str = ""
    ca_lokal: bool = False
    waktu: dt.datetime | None = None
    alasan: str = ""

    @property
    def valid(self) -> bool:
        return self.hasil == HasilVerifikasi.VALID


def _invalid(alasan: str, **known: object) -> Verifikasi:
    return Verifikasi(hasil=HasilVerifikasi.TIDAK_VALID, alasan=alasan, **known)  # type: ignore[arg-type]


def pdf_verify(content: bytes) -> Verifikasi:
    """Check every signature of ``content`` (see the module's docstring)."""
    try:
        signatures = PdfFileReader(io.BytesIO(bytes(content)), strict=False).embedded_signatures
    except Exception:  # noqa: BLE001 - a damaged file is simply not valid
        return _invalid(_("Berkas surat rusak: tanda tangannya tidak dapat dibaca."))
    if not signatures:
        return Verifikasi(hasil=HasilVerifikasi.TANPA_TTE)
    roots = [ca.asn1(r) for r in ca.trust_roots()]
    result = None
    for index, signature in enumerate(signatures):
        last = index == len(signatures) - 1
        try:
            cert = signature.signer_cert
            known = {
                "penanda_tangan": cert.subject.native.get("common_name", ""),
                "organisasi": cert.subject.native.get("organization_name", ""),
                "penerbit": cert.issuer.native.get("common_name", ""),
                "ca_lokal": ca.is_local_ca(cert.issuer.human_friendly),
                "waktu": signature.self_reported_timestamp,
            }
        except Exception:  # noqa: BLE001
            return _invalid(_("Tanda tangan surat rusak."))
        try:
            context = ValidationContext(
                trust_roots=roots, allow_fetching=False, moment=known["waktu"] or None
            )
            status = off_loop(lambda: validate_pdf_signature(signature, context))  # noqa: B023
        except Exception:  # noqa: BLE001 - malformed CMS, wrong digest layout, …
            return _invalid(_("Tanda tangan surat rusak."), **known)
        if not (status.intact and status.valid):
            return _invalid(_("Isi surat telah berubah setelah ditandatangani."), **known)
        later_signatures_only = (
            not last
            and status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
            and status.modification_level is not None
            and status.modification_level <= ModificationLevel.FORM_FILLING
        )
        if status.coverage != SignatureCoverageLevel.ENTIRE_FILE and not later_signatures_only:
            return _invalid(_("Ada tambahan pada berkas setelah surat ditandatangani."), **known)
        if not status.trusted:
            return _invalid(
                _("Sertifikat penanda tangan tidak diterbitkan oleh CA yang dipercaya."), **known
            )
        result = Verifikasi(hasil=HasilVerifikasi.VALID, **known)  # type: ignore[arg-type]
    assert result is not None
    return result
