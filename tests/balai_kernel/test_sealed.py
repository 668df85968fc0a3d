"""Secrets sealed at rest: opened only for their purpose, by the current or a fallback
key; altered bytes do not open."""

from __future__ import annotations

import pytest

from balai_kernel.sealed import SealBroken, seal, unseal


def test_round_trip_and_purpose_bound():
    token = seal(b"kunci privat", purpose="tte.p12")
    assert b"kunci privat" not in token
    assert unseal(token, purpose="tte.p12") == b"kunci privat"
    with pytest.raises(SealBroken):
        unseal(token, purpose="tte.bsre.sandi")


def test_rotated_key_opens_through_fallbacks(settings):
    token = seal(b"rahasia", purpose="uji")
    old = settings.SECRET_KEY
    settings.SECRET_KEY = "kunci-baru-" + "x" * 40
    with pytest.raises(SealBroken):
        unseal(token, purpose="uji")
    settings.SECRET_KEY_FALLBACKS = [old]
    assert unseal(token, purpose="uji") == b"rahasia"


def test_altered_token_does_not_open():
    token = bytearray(seal(b"rahasia", purpose="uji"))
    token[-1] ^= 1
    with pytest.raises(SealBroken):
        unseal(bytes(token), purpose="uji")
