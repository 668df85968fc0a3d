"""The rules themselves: threshold, marks, special categories, cells that are not people.

Why these rules: a village is small enough that a count of 1–4 points at a household,
and the special categories (a chronic illness such as HIV/AIDS, a disability, a
pregnancy, a contraceptive method, a blood group or a subsidised health insurance) are
health data in the sense of UU 27/2022 on personal data protection ("data kesehatan",
data pribadi yang bersifat spesifik): published per village, even "<5" with its label
tells neighbours that someone in the village has it. Those categories are therefore not
published at all unless the village turns a category on itself, knowingly (the
population settings screen says what it means and the change is audited). Religion,
education, work and the like are published, with the small-count rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import MappingProxyType

THRESHOLD = 5
# Counts from 1 up to this are published only as ``SMALL``.
PRIMARY_MAX = THRESHOLD - 1
SMALL = "<5"
# A cell hidden so that a small one cannot be recovered from it.
COMPLEMENT = "x"

Count = int | str | None

# Special categories (codes of ``penduduk.facade.STATISTIK_KATEGORI``) and what makes
# them special. Any other app that contributes one of these codes is held back too.
SENSITIVE_CATEGORIES = MappingProxyType(
    {
        "sakit-menahun": "kesehatan",
        "golongan-darah": "kesehatan",
        "asuransi": "kesehatan",
        "disabilitas": "disabilitas",
        "kehamilan": "kehamilan",
        "akseptor-kb": "kontrasepsi",
    }
)

# Categories whose cells are money, not people: public as they are.
MONEY_CATEGORIES = frozenset({"apbdes"})
# Single cells that count things, not people (the number of hamlets).
NOT_PEOPLE_CELLS = frozenset({("ringkasan", "dusun")})


def is_sensitive(category: str) -> bool:
    return category in SENSITIVE_CATEGORIES


def category_public(category: str, *, enabled: Iterable[str] = ()) -> bool:
    """Whether a category may appear in any public output of a village that turned on
    the special categories in ``enabled`` (none by default)."""
    return category not in SENSITIVE_CATEGORIES or category in set(enabled)


def counts_people(category: str, key: str | None = None) -> bool:
    """Whether a cell counts people (or their letters, events, aid): such cells go
    through suppression; money and the number of hamlets do not."""
    if category in MONEY_CATEGORIES:
        return False
    return (category, key) not in NOT_PEOPLE_CELLS


def is_small(value: int | None) -> bool:
    return value is not None and 1 <= value <= PRIMARY_MAX


def mask(value: int | None, *, hidden: bool) -> Count:
    """What a public output shows for a cell: the number, ``"<5"`` for a hidden count
    of 1–4, ``"x"`` for a hidden complement. Empty stays empty."""
    if value is None or not hidden:
        return value
    return SMALL if is_small(value) else COMPLEMENT


def counts_publish(values: Iterable[int]) -> list[Count]:
    """Public values of counts that stand alone: no total or other published cell adds
    them up (the aid page's participants per programme), so nothing can be subtracted
    and no complement is needed; the small ones are published as ``"<5"``. Counts tied
    to totals go through ``suppression`` instead."""
    return [mask(v, hidden=is_small(v)) for v in values]


def is_number(value: Count) -> bool:
    """A published number (not a mark, not empty)."""
    return isinstance(value, int) and not isinstance(value, bool)
