"""Reads of the reference set: lookups by code and the autocomplete search (the active
edition's level tables), and the editions themselves."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Upper

from control_plane.reference.diff import dotted
from control_plane.reference.models import (
    Desa,
    Edition,
    EditionEntry,
    Kabupaten,
    Kecamatan,
    Provinsi,
    _display,
)

LEVEL_MODELS = {"provinsi": Provinsi, "kabupaten": Kabupaten, "kecamatan": Kecamatan, "desa": Desa}
PARENT_FIELD = {"kabupaten": "provinsi_id", "kecamatan": "kabupaten_id", "desa": "kecamatan_id"}


def wilayah_is_loaded() -> bool:
    return Desa.objects.exists()


def wilayah_search(*, level: str, q: str = "", parent: str = "", limit: int = 20) -> QuerySet:
    """Entries of one level whose name contains ``q`` or whose code starts with it,
    optionally under one parent code; for autocomplete (bounded by ``limit``)."""
    model = LEVEL_MODELS[level]
    qs = model.objects.all()
    if parent and level in PARENT_FIELD:
        qs = qs.filter(**{PARENT_FIELD[level]: parent.replace(".", "")})
    q = q.strip()
    if q:
        digits = q.replace(".", "")
        cond = Q(name__icontains=q)
        if digits.isdigit():
            cond |= Q(code__startswith=digits)
        qs = qs.filter(cond)
    return qs.order_by("code")[:limit]


# A query of digits and dots is a code (or its start); anything else is a name.
_CODE_QUERY = re.compile(r"^[\d.\s]+$")
_TOKEN_SPLIT = re.compile(r"[\s,;/]+")
DESA_QUERY_MIN = 3  # characters of the longest word: "sa" would match a third of Indonesia


def desa_list(*, q: str, limit: int = 10) -> list[Desa]:
    """Desa/kelurahan of the active edition for a typed query, with their kecamatan,
    kabupaten and provinsi (to tell apart the 30-odd villages called "Sukamaju").

    - digits (with or without dots): the village with that code, or the villages whose
      code starts with it (``18.01.04`` lists Natar's);
    - words: villages whose name contains one of them while every word is found in the
      village's, its kecamatan's or its kabupaten's name (``sukamaju cianjur``); exact
      names first, then names holding every word, then names that start with the
      first word.

    Served by the primary key (codes) and a trigram index on ``UPPER(name)`` (names)."""
    q = (q or "").strip()
    base = Desa.objects.select_related("kecamatan__kabupaten__provinsi")
    if _CODE_QUERY.match(q):
        digits = re.sub(r"\D", "", q)
        if len(digits) < 2 or len(digits) > 10:
            return []
        # Codes are ten digits: a prefix is the range between its 0…0 and 9…9 fill.
        rows = base.filter(code__gte=digits.ljust(10, "0"), code__lte=digits.ljust(10, "9"))
        return list(rows.order_by("code")[:limit])
    words = [w for w in _TOKEN_SPLIT.split(q) if len(w) >= 2]
    if not words or max(len(w) for w in words) < DESA_QUERY_MIN:
        return []
    in_name = Q()
    for word in words:
        in_name |= Q(name__icontains=word)
    rows = base.filter(in_name)
    for word in words:
        rows = rows.filter(
            Q(name__icontains=word)
            | Q(kecamatan__name__icontains=word)
            | Q(kecamatan__kabupaten__name__icontains=word)
        )
    all_in_name = Q()
    for word in words:
        all_in_name &= Q(name__icontains=word)
    rank = Case(
        When(name__iexact=q, then=Value(0)),
        When(name__iexact=words[0], then=Value(1)),
        When(all_in_name & Q(name__istartswith=words[0]), then=Value(2)),
        When(all_in_name, then=Value(3)),
        When(name__istartswith=words[0], then=Value(4)),
        default=Value(5),
        output_field=IntegerField(),
    )
    return list(rows.annotate(rank=rank).order_by("rank", Upper("name"), "code")[:limit])


def desa_get(code: str) -> Desa | None:
    """The desa/kelurahan with its kecamatan, kabupaten and provinsi, or None."""
    return (
        Desa.objects.select_related("kecamatan__kabupaten__provinsi")
        .filter(code=code.replace(".", ""))
        .first()
    )


def region_names(code: str) -> dict[str, str]:
    """Display names of the regions above a village code (for the village profile)."""
    desa = desa_get(code)
    if desa is None:
        return {}
    kec = desa.kecamatan
    return {
        "desa": desa.name,
        "kecamatan": kec.display_name,
        "kabupaten": kec.kabupaten.display_name,
        "provinsi": kec.kabupaten.provinsi.display_name,
    }


# The level table of each length of region code.
LEVEL_BY_LENGTH = {2: Provinsi, 4: Kabupaten, 6: Kecamatan, 10: Desa}


def region_name_list(codes: Iterable[str]) -> dict[str, str]:
    """``{code: display name}`` of the regions of the active edition among ``codes``
    (any level; codes not in it are left out): one query per level present, whatever
    the number of codes, for lists that show many regions."""
    by_level: dict[int, set[str]] = {}
    for code in codes:
        if len(code) in LEVEL_BY_LENGTH:
            by_level.setdefault(len(code), set()).add(code)
    names: dict[str, str] = {}
    for length, wanted in by_level.items():
        for code, name in (
            LEVEL_BY_LENGTH[length].objects.filter(code__in=wanted).values_list("code", "name")
        ):
            names[code] = display_name(code, name)
    return names


def region_label_list(codes: Iterable[str]) -> dict[str, str]:
    """``{code: "Natar, Kabupaten Lampung Selatan (18.01.04)"}``: how lists show the
    regions ``codes`` name (a kecamatan with its kabupaten), the dotted code alone for a
    code the active edition does not hold. Two queries at most, whatever the number."""
    codes = {c for c in codes if c}
    names = region_name_list(codes | {c[:4] for c in codes if len(c) == 6})
    labels = {}
    for code in codes:
        name = names.get(code, "")
        if name and len(code) == 6 and code[:4] in names:
            name = f"{name}, {names[code[:4]]}"
        labels[code] = f"{name} ({dotted(code)})" if name else dotted(code)
    return labels


def kabupaten_name(code: str) -> str:
    row = Kabupaten.objects.filter(code=code).first()
    return row.display_name if row else code


def edition_active() -> Edition | None:
    """The edition the level tables hold and everything on Balai is keyed by."""
    return Edition.objects.filter(is_active=True).first()


def edition_active_name() -> str:
    """Its name, or ``""`` before any edition is loaded."""
    return Edition.objects.filter(is_active=True).values_list("name", flat=True).first() or ""


def edition_list() -> QuerySet[Edition]:
    return Edition.objects.order_by("name")


def edition_codes(edition: Edition) -> dict[str, str]:
    """``{code: name}`` of every region of a loaded edition (one query, ~90,000 rows)."""
    return dict(EditionEntry.objects.filter(edition=edition).values_list("code", "name"))


def display_name(code: str, name: str) -> str:
    """How a region is shown: desa names as published, higher levels normalised
    (``KAB. LAMPUNG SELATAN`` → ``Kabupaten Lampung Selatan``)."""
    return name if len(code) == 10 else _display(name)


def kabupaten_code_known(code: str) -> bool | None:
    """Whether a 4-digit kabupaten code exists in *any* loaded edition (a NIK keeps the
    region code of the year it was issued: Merauke's are 9101… though Merauke is 93.01
    now). ``None`` when no edition is loaded."""
    return region_code_check(code)


def region_code_check(code: str) -> bool | None:
    """Whether a region code of any level exists in any loaded edition; ``None`` when
    no edition is loaded."""
    code = code.replace(".", "")
    if EditionEntry.objects.filter(code=code).exists():
        return True
    return None if not EditionEntry.objects.exists() else False
