"""Who makes a village's electronic signatures: the provider interface and its two
implementations.

A provider turns a finished PDF into the same PDF with a PAdES signature
(``PenyediaTte.sign``). Refusals and failures are :class:`TteGagal` with an Indonesian
message the operator can act on (issuing then stops and gives the number back).

- :class:`PenyediaLokal`: pyHanko on this server with the village's PKCS#12 (uploaded,
  or issued by the platform's local CA, ``ca.py``). PAdES baseline B-B
  (``/ETSI.CAdES.detached``), SHA-256, invisible signature field ``TTE``; the letter
  already prints its verification QR.
- :class:`PenyediaBsre`: BSrE's *esign-client service* (the server a Pemda installs
  and BSSN's Balai Sertifikasi Elektronik licenses), API version 1, as documented in
  BSrE's "Petunjuk Teknis Penggunaan API Esign Client Service" (v2.0, Jan 2024,
  §5.1 Authorization, §5.2 Sign PDF, §5.4 Verify PDF) and as the public clients use it
  (``Diskominfotik-Banda-Aceh/E-Sign-BSrE-PHP`` ``src/ESignBsre.php``,
  ``pemkotbekasi/node-esign-BSrE`` README):

  - ``POST {base}/api/sign/pdf``, HTTP Basic auth with the client's user and password,
    ``multipart/form-data``: ``file`` (the PDF), ``nik`` (the signer's NIK), ``passphrase``
    (the signer's BSrE passphrase), ``tampilan`` = ``invisible`` (``visible`` would need
    ``image``/``linkQR``/``page``/``xAxis``/``yAxis``/``width``/``height``), optional
    ``reason`` and ``location``;
  - success: HTTP 200 with the signed PDF as the body (``application/pdf``) and its id in
    the ``id_dokumen`` header;
  - refusal: HTTP 4xx/5xx with JSON ``{"error": "<pesan>", "status_code": <kode>}``
    (some versions send ``message``); codes seen in the field: ``2011`` user not
    registered, ``2031`` "Passphrase anda salah";
  - ``GET {base}/api/user/status/{nik}`` → ``{"status_code": 1111, "status": "ISSUE", …}``
    (``1110`` ``NOT_REGISTERED``); ``POST {base}/api/sign/verify`` with ``signed_file``.

  Only the hosts in ``TTE_BSRE_HOSTS`` may be named as the service (the server makes
  the request: no village may point it elsewhere). The tests run it against a local
  fake with this shape (``tests/village_apps/tte/bsre_fake.py``).

A later provider (BSrE API v2, another PSrE) implements ``PenyediaTte`` and is chosen
in ``services.penyedia_get``.
"""

from __future__ import annotations

import functools
import io
from typing import Protocol
from urllib.parse import urlsplit

import requests
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.serialization import pkcs12
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pyhanko.keys.internal import (
    translate_pyca_cryptography_cert_to_asn1,
    translate_pyca_cryptography_key_to_asn1,
)
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from village_apps.tte.loops import off_loop

FIELD = "TTE"


class TteGagal(ValidationError):
    """A signature could not be made (message in Indonesian, for the operator)."""


class PenyediaTte(Protocol):
    """Signs one PDF. ``alasan``/``lokasi`` go into the signature (PDF ``/Reason``,
    ``/Location``)."""

    kode: str

    def sign(self, pdf: bytes, *, alasan: str, lokasi: str) -> bytes: ...


class _KeyedSigner(signers.SimpleSigner):
    """pyHanko's ``SimpleSigner`` holding its key as a loaded object: pyHanko parses
    the key again for every signature (twice per PDF: once to size the placeholder),
    and OpenSSL's RSA consistency check makes each parse ~50 ms of CPU."""

    def __init__(self, *, key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey, **kwargs) -> None:  # noqa: ANN003
        super().__init__(**kwargs)
        self._key = key

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        digest = get_pyca_cryptography_hash(digest_algorithm)
        if mechanism == "rsassa_pkcs1v15" and isinstance(self._key, rsa.RSAPrivateKey):
            return self._key.sign(data, PKCS1v15(), digest)
        if mechanism == "ecdsa" and isinstance(self._key, ec.EllipticCurvePrivateKey):
            return self._key.sign(data, ec.ECDSA(digest))
        return super().sign_raw(data, digest_algorithm)


@functools.lru_cache(maxsize=32)
def _pkcs12_signer(p12: bytes, passphrase: str) -> signers.SimpleSigner | None:
    """The signer of a PKCS#12, opened once per process and file (opening costs the
    passphrase's key derivation and the RSA key check, ~100 ms of CPU; signing then
    ~15 ms). A new certificate is a new file, hence a new entry; at most 32 villages'
    keys are kept, as they are while signing anyway."""
    try:
        key, cert, chain = pkcs12.load_key_and_certificates(p12, passphrase.encode() or None)
    except ValueError:
        return None
    if cert is None or not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        return None
    registry = SimpleCertificateStore()
    registry.register_multiple([translate_pyca_cryptography_cert_to_asn1(c) for c in chain])
    return _KeyedSigner(
        key=key,
        signing_key=translate_pyca_cryptography_key_to_asn1(key),
        signing_cert=translate_pyca_cryptography_cert_to_asn1(cert),
        cert_registry=registry,
    )


class PenyediaLokal:
    """pyHanko with the village's PKCS#12 (see the module's docstring)."""

    kode = "lokal"

    def __init__(self, *, p12: bytes, passphrase: str) -> None:
        self._p12 = p12
        self._passphrase = passphrase

    def sign(self, pdf: bytes, *, alasan: str, lokasi: str) -> bytes:
        signer = _pkcs12_signer(self._p12, self._passphrase)
        if signer is None:
            raise TteGagal(
                _("Sertifikat desa tidak dapat dibuka (passphrase atau berkas berubah).")
            )
        meta = signers.PdfSignatureMetadata(
            field_name=FIELD,
            subfilter=SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            reason=alasan[:200],
            location=lokasi[:200],
        )
        try:
            out = off_loop(
                lambda: signers.sign_pdf(
                    IncrementalPdfFileWriter(io.BytesIO(pdf)), meta, signer=signer
                )
            )
        except (PdfError, ValueError) as exc:
            raise TteGagal(_("Surat tidak dapat ditandatangani: %(e)s") % {"e": exc}) from exc
        return out.getvalue()


def bsre_host_allowed(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"http", "https"} and (parts.hostname or "").lower() in {
        h.lower() for h in settings.TTE_BSRE_HOSTS
    }


BSRE_CODES = {
    2011: gettext_lazy(
        "NIK penanda tangan belum terdaftar di BSrE atau sertifikatnya tidak aktif."
    ),
    2031: gettext_lazy("Passphrase BSrE penanda tangan salah."),
}


class PenyediaBsre:
    """BSrE's esign-client service, API v1 (see the module's docstring)."""

    kode = "bsre"

    def __init__(self, *, url: str, pengguna: str, sandi: str, nik: str, passphrase: str) -> None:
        self._url = url.rstrip("/")
        self._auth = (pengguna, sandi)
        self._nik = nik
        self._passphrase = passphrase

    def sign(self, pdf: bytes, *, alasan: str, lokasi: str) -> bytes:
        if not bsre_host_allowed(self._url):
            raise TteGagal(_("Alamat layanan BSrE ini tidak diizinkan oleh platform."))
        try:
            response = requests.post(
                f"{self._url}/api/sign/pdf",
                auth=self._auth,
                files={"file": ("surat.pdf", pdf, "application/pdf")},
                data={
                    "nik": self._nik,
                    "passphrase": self._passphrase,
                    "tampilan": "invisible",
                    "reason": alasan[:200],
                    "location": lokasi[:200],
                },
                timeout=settings.TTE_BSRE_TIMEOUT,
                allow_redirects=False,
            )
        except requests.RequestException as exc:
            raise TteGagal(_("Layanan BSrE tidak dapat dihubungi. Coba lagi nanti.")) from exc
        body = response.content
        if response.status_code == 200 and body.startswith(b"%PDF"):
            return body
        raise TteGagal(self._refusal(response))

    @staticmethod
    def _refusal(response: requests.Response) -> str:
        if response.status_code == 401:
            return _("Pengguna atau kata sandi klien esign BSrE ditolak.")
        try:
            data = response.json()
        except ValueError:
            data = {}
        if not isinstance(data, dict):
            data = {}
        code = data.get("status_code")
        if code in BSRE_CODES:
            return str(BSRE_CODES[code])
        pesan = str(data.get("error") or data.get("message") or "")[:200]
        return _("BSrE menolak menandatangani (HTTP %(status)s): %(pesan)s") % {
            "status": response.status_code,
            "pesan": pesan or "-",
        }
