"""Refuse production secret keys that can be guessed.

``SECRET_KEY`` signs sessions, password-reset and invitation tokens and keys the
abuse counters' HMAC: whoever guesses it forges all of them. Length alone let
``'x' * 40`` through. A production key must also look random: enough distinct
characters, an estimated entropy of at least 100 bits (Shannon entropy of its
characters times its length), no repeated block (``'abcd1234' * 5``), no long run
of consecutive characters (``abcdefgh``) and no placeholder word. What a generator
gives (``secrets.token_urlsafe(50)``, ``openssl rand -hex 32``, Django's
``get_random_secret_key()``) passes; a key published somewhere cannot be detected.
"""

from __future__ import annotations

import math
from collections import Counter

MIN_LENGTH = 40
MIN_DISTINCT = 10
MIN_BITS = 100  # an estimate: 40 random hex digits (160 bits) can score ~125
MAX_RUN = 7  # consecutive characters (abcdefgh is 8)
PLACEHOLDERS = ("insecure", "change", "example", "secret", "password", "development", "balai")


def _entropy_bits(key: str) -> float:
    counts = Counter(key)
    return -sum(n * math.log2(n / len(key)) for n in counts.values())


def _is_periodic(key: str) -> bool:
    """Whether ``key`` is one shorter string repeated (possibly cut off at the end)."""
    return any(key[period:] == key[: len(key) - period] for period in range(1, len(key) // 2 + 1))


def _longest_run(key: str) -> int:
    """The longest stretch of characters that climb or fall by one (``abcd``, ``4321``)."""
    longest = run = 1
    step = 0
    for a, b in zip(key, key[1:], strict=False):
        diff = ord(b) - ord(a)
        run = run + 1 if abs(diff) == 1 and diff == step else (2 if abs(diff) == 1 else 1)
        step = diff
        longest = max(longest, run)
    return longest


def secret_key_problem(key: str) -> str | None:
    """Why ``key`` is not fit for production, or ``None``."""
    lowered = key.lower()
    if len(key) < MIN_LENGTH:
        return f"it has {len(key)} characters, at least {MIN_LENGTH} are needed"
    if word := next((w for w in PLACEHOLDERS if w in lowered), None):
        return f"it contains the placeholder word {word!r}"
    if len(set(key)) < MIN_DISTINCT:
        return f"it has {len(set(key))} distinct characters, at least {MIN_DISTINCT} are needed"
    if _is_periodic(key):
        return "it repeats one block"
    if _longest_run(key) > MAX_RUN:
        return "it contains a long run of consecutive characters"
    if (bits := _entropy_bits(key)) < MIN_BITS:
        return f"its estimated entropy is {bits:.0f} bits, at least {MIN_BITS} are needed"
    return None
