"""Secrets stored in the database, encrypted at rest (a village's signing certificate and
its passphrase, a signing service's client password).

``seal(data, purpose=…)`` → bytes that say nothing about ``data`` but its length;
``unseal(token, purpose=…)`` gives them back. AES-256-GCM (``cryptography``), a fresh
96-bit nonce per value, the key derived with HKDF-SHA256 from ``SECRET_KEY`` and the
purpose: a value sealed for one purpose does not open for another, and a database dump
alone (a backup, a leaked replica) opens nothing.

Rotation follows Django's: a new ``SECRET_KEY`` with the old one in
``SECRET_KEY_FALLBACKS`` still opens every value (which is re-sealed with the new key the
next time it is saved). Dropping the old key from the fallbacks makes values sealed
with it unreadable: the village uploads its certificate again.

Format: ``b"s1" + nonce(12) + ciphertext+tag``.
"""

from __future__ import annotations

import functools
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_VERSION = b"s1"
_NONCE = 12


class SealBroken(ValueError):
    """A sealed value that no current or fallback key opens (or that was altered)."""


@functools.lru_cache(maxsize=32)
def _key(secret: str, purpose: str) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"balai.sealed", info=purpose.encode()
    ).derive(secret.encode())


def _secrets() -> list[str]:
    from django.conf import settings

    return [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", ())]


def seal(data: bytes, *, purpose: str) -> bytes:
    """Encrypt ``data`` for ``purpose`` (a fixed dotted name, e.g. ``"tte.p12"``)."""
    nonce = os.urandom(_NONCE)
    aead = AESGCM(_key(_secrets()[0], purpose))
    return _VERSION + nonce + aead.encrypt(nonce, data, purpose.encode())


def unseal(token: bytes, *, purpose: str) -> bytes:
    """Decrypt what :func:`seal` made for the same ``purpose``; :class:`SealBroken` when
    no key opens it."""
    token = bytes(token)
    if not token.startswith(_VERSION) or len(token) < len(_VERSION) + _NONCE + 16:
        raise SealBroken("not a sealed value")
    nonce, body = token[2 : 2 + _NONCE], token[2 + _NONCE :]
    for secret in _secrets():
        try:
            return AESGCM(_key(secret, purpose)).decrypt(nonce, body, purpose.encode())
        except InvalidTag:
            continue
    raise SealBroken("no key opens this value")


def seal_text(text: str, *, purpose: str) -> bytes:
    return seal(text.encode("utf-8"), purpose=purpose)


def unseal_text(token: bytes, *, purpose: str) -> str:
    return unseal(token, purpose=purpose).decode("utf-8")
