"""Certificates for signature tests: from the platform's local CA, or from a CA of
their own (expired, untrusted, without a key)."""

from __future__ import annotations

import datetime as dt

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from village_apps.tte import ca


def p12_make(
    *,
    nama: str = "Suryadi Wijaya",
    passphrase: str = "rahasia-desa",  # noqa: S107 - a test certificate
    hari: int = 365,
    mulai_hari: int = -1,
    issuer: ca.LocalCa | None = None,
    with_key: bool = True,
) -> bytes:
    """A PKCS#12 for ``nama`` issued by ``issuer`` (default: the local CA), valid from
    ``mulai_hari`` days from now for ``hari`` days."""
    authority = issuer or ca.local_ca()
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = dt.datetime.now(dt.UTC)
    start = now + dt.timedelta(days=mulai_hari)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, nama)]))
        .issuer_name(authority.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=hari))
        .add_extension(ca._key_usage(ca=False), critical=True)
        .sign(authority.key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        b"uji",
        key if with_key else None,
        cert,
        [authority.cert],
        serialization.BestAvailableEncryption(passphrase.encode()),
    )


def foreign_ca() -> ca.LocalCa:
    """A CA Balai does not trust."""
    return ca.ca_make()
