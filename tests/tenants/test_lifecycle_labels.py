"""Every lifecycle code a service writes has a human label (issue 18, finding 13: the
operations console's history showed raw codes such as ``modules_changed``).

The sweep reads every call of ``lifecycle_event_record`` and every ``LifecycleEvent(...)``
in the project's source: its ``action`` must be a ``LifecycleAction`` member or a string
that is one of its values (conditional expressions are followed into both branches).
Anything computed some other way fails here, since no test could see all its values.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tenants.choices import LifecycleAction, lifecycle_action_label
from tenants.models import LifecycleEvent

ROOT = Path(__file__).resolve().parents[2]
SOURCE_ROOTS = (ROOT / "tenants", ROOT / "village_apps", ROOT / "platform")


def _codes(expr: ast.expr) -> list[str]:
    """The codes ``expr`` can take, or ``["<expression>"]`` for a form this sweep cannot read."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return [expr.value]
    if (
        isinstance(expr, ast.Attribute)
        and isinstance(expr.value, ast.Name)
        and expr.value.id == "LifecycleAction"
    ):
        member = getattr(LifecycleAction, expr.attr, None)
        return [member.value if member is not None else f"LifecycleAction.{expr.attr}"]
    if isinstance(expr, ast.IfExp):
        return _codes(expr.body) + _codes(expr.orelse)
    return [f"<{ast.unparse(expr)}>"]


def emitted_codes(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name not in ("lifecycle_event_record", "LifecycleEvent"):
            continue
        for keyword in node.keywords:
            if keyword.arg == "action":
                found += _codes(keyword.value)
    return found


def project_codes() -> dict[str, list[str]]:
    codes: dict[str, list[str]] = {}
    for root in SOURCE_ROOTS:
        for path in root.rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for code in emitted_codes(path.read_text()):
                codes.setdefault(code, []).append(str(path.relative_to(ROOT)))
    return codes


def test_every_lifecycle_code_written_has_a_label():
    codes = project_codes()
    assert {"modules_changed", "suspended", "domain_verified"} <= set(codes)  # the sweep sees
    unlabeled = {code: where for code, where in codes.items() if code not in LifecycleAction.values}
    assert unlabeled == {}, "add these to tenants.choices.LifecycleAction with a label"


def test_labels_are_words_not_codes():
    for action in LifecycleAction:
        assert action.label and action.label != action.value and "_" not in action.label


@pytest.mark.parametrize(
    ("source", "codes"),
    [
        ('lifecycle_event_record(village=v, action="suspended", actor=a)', ["suspended"]),
        ("x.lifecycle_event_record(action=LifecycleAction.ARCHIVED)", ["archived"]),
        ('LifecycleEvent(action="a" if c else "b")', ["a", "b"]),
        ('lifecycle_event_record(action=f"domain_{s}")', ["<f'domain_{s}'>"]),
    ],
)
def test_the_sweep_reads_each_form(source, codes):
    assert emitted_codes(source) == codes


def test_history_shows_labels_and_keeps_unknown_codes():
    assert lifecycle_action_label("modules_changed") == "Modul paket diubah"
    assert lifecycle_action_label("kode_lama") == "kode_lama"
    event = LifecycleEvent(action="suspended", reason="billing")
    assert event.action_label == "Desa ditangguhkan"
    assert event.reason_label == "Tagihan belum dibayar"
