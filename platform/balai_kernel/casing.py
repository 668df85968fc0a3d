"""Title and sentence case for Indonesian data (names, occupations, addresses, education):
one implementation for the whole project.

``str.title()`` and PHP's ``ucwords`` (what OpenSID uses) break what Indonesian
documents print: abbreviations ("Pengajuan Kur Bank", "Rt 001"), parts of a compound
after "/" or "-" ("Tukang Las/pandai Besi") and Roman numerals ("Dusun Ii"). Here:

- a word in :data:`ACRONYMS` is printed in capitals whatever its case in the data;
- a word in :data:`ACRONYMS_IF_CAPS` (short abbreviations that are also ordinary words
  or names, e.g. ``MI``/``mi``, ``DI``/``di``) stays in capitals only when the data
  already writes it so;
- Roman numerals up to XXXIX are capitals ("Dusun II");
- every other word gets a capital first letter, also after ``/``, ``-``, ``(``, a
  quotation mark and an inner full stop ("S.Pd"), never after an apostrophe
  ("Ma'ruf").
"""

from __future__ import annotations

import re

ACRONYMS = frozenset(
    """
    RT RW KK KTP NIK NKK NIP NIPD NPWP SKCK SKTM STNK BPKB KIA KITAS KITAP
    KUR KPR BPD BPK BPS DPR DPRD DPD MPR KPU KUA LPM LKMD PKK BKD BUMN BUMD ASN PNS PPPK
    TNI POLRI ABRI NKRI RI WNI WNA TKI TKW BPJS JKN KIS KIP KKS PKH BLT BPNT BST
    UMKM UKM PT CV UD TBK BRI BNI BCA BTN BSI BPR BPRS PDAM PLN SPBU ATM RSUD RSU
    PAUD TK SD SMP SMA SMK SLTP SLTA SMU MTS PGRI D1 D2 D3 D4 S1 S2 S3
    UPT UPTD OPD SKPD PPK TPS KPPS HP TV KB DKI BUMDES
    """.split()
)
# Abbreviations that are also ordinary words or names in lower or title case: kept in
# capitals only when the data already has them so ("SD MI Al-Huda", not "Mi Ayam").
ACRONYMS_IF_CAPS = frozenset({"MI", "MA", "DI", "SIM"})
# Mixed-case forms that are neither capitals nor title case.
SPECIAL = {"BUMDES": "BUMDes"}

_ROMAN = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")
# A word: letters, digits and apostrophes. Everything else separates words.
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def _word(word: str, *, first: bool, title: bool) -> str:
    upper = word.upper()
    if upper in SPECIAL:
        return SPECIAL[upper]
    if upper in ACRONYMS:
        return upper
    if word.isupper() and upper in ACRONYMS_IF_CAPS:
        return word
    if upper and _ROMAN.fullmatch(upper) and word.isalpha():
        return upper
    lower = word.lower()
    return lower[:1].upper() + lower[1:] if (title or first) else lower


def _apply(text: str, *, title: bool) -> str:
    out: list[str] = []
    last = 0
    first = True
    for match in _WORD.finditer(text):
        out.append(text[last : match.start()])
        out.append(_word(match.group(0), first=first, title=title))
        first = False
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def title_case(text: str) -> str:
    """``"TUKANG LAS/PANDAI BESI"`` → ``"Tukang Las/Pandai Besi"``;
    ``"pengajuan kur bank bri"`` → ``"Pengajuan KUR Bank BRI"``."""
    return _apply(text or "", title=True)


def sentence_case(text: str) -> str:
    """First word capitalised, the rest lower case, abbreviations kept:
    ``"SUDAH DIPERIKSA KETUA RT"`` → ``"Sudah diperiksa ketua RT"``."""
    return _apply(text or "", title=False)
