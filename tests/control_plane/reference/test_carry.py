"""Every field that holds a Kemendagri code is either carried by ``wilayah apply`` or kept
on purpose: a model that gains a region code later fails here until it is classified
(``control_plane/editions/carry.py``), so no record is left on a code that moved."""

import re

from django.apps import apps
from django.db import models

from control_plane.editions.carry import CARRIED, NOT_CARRIED

CODE_NAME = re.compile(r"(^|_)(code|kode)($|_)")
REGION_WORD = re.compile(r"desa|kecamatan|kabupaten|provinsi|village|region|wilayah|parent")


def region_code_fields() -> set[str]:
    found = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.CharField) or not CODE_NAME.search(field.name):
                continue
            if field.max_length in (2, 4, 6, 10) or REGION_WORD.search(field.name):
                found.add(f"{model._meta.label}.{field.name}")
    return found


def test_every_region_code_field_is_carried_or_kept_on_purpose():
    classified = {f"{label}.{name}" for label, names in CARRIED.items() for name in names}
    classified |= set(NOT_CARRIED)
    found = region_code_fields()
    assert found - classified == set(), "classify these in editions/carry.py"
    assert classified - found == set(), "stale entries in editions/carry.py"
