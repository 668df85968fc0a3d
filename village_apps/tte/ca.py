"""The platform's local certificate authority and the roots a signature is trusted under.

The local CA exists for the demo, tests and a village's trial: it issues a village a
certificate in its signer's name without any outside service. It is **not** a
recognised CA (not under Root CA Indonesia): the verification page says so by name
("Balai CA Lokal (uji coba)") whenever a letter's certificate comes from it. It is on
in development and off in production unless ``TTE_LOCAL_CA`` says otherwise.

It lives in ``TTE_LOCAL_CA_DIR/ca.json``: the certificate (PEM) and its private key
sealed with ``SECRET_KEY`` (``balai_kernel.sealed``). The file is made once, atomically
(written aside, then hard-linked into place: of several processes starting together,
one wins and the others read its CA). Several web pods need the same folder (a shared
volume) to trust one another's letters; production villages use their own certificate
or BSrE instead.

Trust (``trust_roots``): the roots in ``TTE_TRUST_ROOTS`` (a PEM bundle the operators
install, e.g. Root CA Indonesia with BSrE's chain) plus the local CA when it is on.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings

from balai_kernel.sealed import seal, unseal

CA_NAME = "Balai CA Lokal (uji coba)"
CA_ORG = "Balai — bukan CA berinduk"
_PURPOSE = "tte.ca.key"
CA_YEARS = 20
CERT_DAYS = 2 * 365


@dataclass(frozen=True)
class LocalCa:
    cert: x509.Certificate
    key: rsa.RSAPrivateKey


def _key_usage(*, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not ca,
        content_commitment=not ca,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def ca_make() -> LocalCa:
    """A new CA like the local one (not stored anywhere)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, CA_NAME),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, CA_ORG),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365 * CA_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(ca=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return LocalCa(cert=cert, key=key)


def _ca_path() -> Path:
    return Path(settings.TTE_LOCAL_CA_DIR) / "ca.json"


def _read(path: Path) -> LocalCa:
    data = json.loads(path.read_text(encoding="utf-8"))
    cert = x509.load_pem_x509_certificate(data["cert"].encode())
    key = serialization.load_der_private_key(
        unseal(base64.b64decode(data["key"]), purpose=_PURPOSE), password=None
    )
    assert isinstance(key, rsa.RSAPrivateKey)
    return LocalCa(cert=cert, key=key)


@functools.cache
def _local_ca_at(path: Path) -> LocalCa:
    if path.exists():
        return _read(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    made = ca_make()
    der = made.key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    body = json.dumps(
        {
            "cert": made.cert.public_bytes(serialization.Encoding.PEM).decode(),
            "key": base64.b64encode(seal(der, purpose=_PURPOSE)).decode(),
        }
    )
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".ca-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(body)
        os.chmod(tmp, 0o600)
        try:
            os.link(tmp, path)  # fails if another process made it first: use theirs
        except FileExistsError:
            pass
    finally:
        os.unlink(tmp)
    return _read(path)


def local_ca_enabled() -> bool:
    return bool(settings.TTE_LOCAL_CA)


def local_ca() -> LocalCa:
    """The platform's local CA, made on first use (see the module's docstring)."""
    return _local_ca_at(_ca_path())


def is_local_ca(issuer: x509.Name | str) -> bool:
    """Whether a certificate's issuer is the local CA (by name, for the page's label)."""
    text = issuer if isinstance(issuer, str) else issuer.rfc4514_string()
    return CA_NAME in text


def local_p12_issue(
    *, nama: str, organisasi: str, passphrase: str, authority: LocalCa | None = None
) -> bytes:
    """A PKCS#12 for ``nama`` (the village's signer) issued by the local CA (or by
    ``authority``: benchmarks and tests), protected by ``passphrase``, with the CA
    certificate in its chain."""
    ca = authority or local_ca()
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, nama[:64]),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisasi[:64]),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=CERT_DAYS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(ca=False), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()),
            critical=False,
        )
        .sign(ca.key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        nama.encode()[:64],
        key,
        cert,
        [ca.cert],
        serialization.BestAvailableEncryption(passphrase.encode()),
    )


@functools.cache
def _configured_roots(path: str) -> tuple[x509.Certificate, ...]:
    if not path:
        return ()
    return tuple(x509.load_pem_x509_certificates(Path(path).read_bytes()))


def trust_roots() -> list[x509.Certificate]:
    """The roots a signature must chain to (see the module's docstring)."""
    roots = list(_configured_roots(settings.TTE_TRUST_ROOTS or ""))
    if local_ca_enabled():
        roots.append(local_ca().cert)
    return roots


def asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    """The same certificate as pyHanko's validator wants it."""
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
