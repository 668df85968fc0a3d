"""Conventions of the service layer that a reviewer would otherwise have to remember
(docs/architecture.md, "Names" and "Who acts").

- **Who acts.** A public service in a ``services.py`` of ``village_apps`` or
  ``control_plane`` says who acts with one keyword, ``actor``, a
  ``balai_kernel.actor.Actor`` built once at the edge — never a ``request``, a ``user``
  (the account acted *upon* is named for what it is: ``account``, ``penduduk``, …) nor an
  ``actor: str``. Django signal receivers keep the signal's own arguments.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVICE_ROOTS = (ROOT / "village_apps", ROOT / "platform" / "control_plane")


def service_files() -> list[Path]:
    return sorted(p for root in SERVICE_ROOTS for p in root.rglob("services.py"))


def _public_functions(tree: ast.Module) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    return [
        node
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and not node.name.startswith("_")
    ]


def _is_signal_receiver(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    for deco in node.decorator_list:
        target = deco.func if isinstance(deco, ast.Call) else deco
        name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
        if name == "receiver":
            return True
    return False


def actor_violations(source: str) -> list[str]:
    """``name(param)`` for every public function of ``source`` that says who acts other
    than with ``actor: Actor``."""
    found = []
    for node in _public_functions(ast.parse(source)):
        if _is_signal_receiver(node):
            continue
        args = node.args
        for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs]:
            annotation = ast.unparse(arg.annotation) if arg.annotation is not None else ""
            if arg.arg in ("request", "user"):
                found.append(f"{node.name}({arg.arg})")
            elif arg.arg == "actor" and (
                not annotation or "str" in annotation.replace("'", "").split(" | ")
            ):
                found.append(f"{node.name}(actor: {annotation or 'untyped'})")
    return found


def test_services_say_who_acts_with_an_actor():
    problems = [
        f"{path.relative_to(ROOT)}: {violation}"
        for path in service_files()
        for violation in actor_violations(path.read_text())
    ]
    assert problems == [], (
        "services take `actor: Actor` (balai_kernel.actor), built once in the view, "
        "command or task:\n" + "\n".join(problems)
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("def x_create(*, request): ...", ["x_create(request)"]),
        ("def x_create(*, user=None): ...", ["x_create(user)"]),
        ("def x_create(*, actor: str): ...", ["x_create(actor: str)"]),
        ("def x_create(*, actor: Actor | str): ...", ["x_create(actor: Actor | str)"]),
        ("def x_create(*, actor): ...", ["x_create(actor: untyped)"]),
        ("def x_create(*, actor: Actor, account=None): ...", []),
        ("def _x_helper(request): ...", []),
        ("@receiver(sig)\ndef on_sig(sender, request=None, user=None, **kw): ...", []),
    ],
)
def test_the_actor_scan_sees_each_old_form(source, expected):
    assert actor_violations(source) == expected


# --- Names ----------------------------------------------------------------------------------

# docs/architecture.md, "Names": the closed verb list and the glossary of Indonesian legal
# acts. A new verb is added there and here, in the same change, with its reason.
VERBS = frozenset(
    """
    create update delete save add remove get list import export issue revoke approve reject
    submit verify check suggest register record clear mask parse filter open run
    provision suspend resume archive restore upgrade migrate build seed fill sync reconcile
    resolve attach release invite confirm request publish store rebuild refresh load
    activate defer interrupt start enrol retry
    invoice finalize void assess
    """.split()
)
GLOSSARY = frozenset(
    {"keluarga_pecah", "rumah_tangga_bubar", "kelahiran_catat", "peristiwa_catat", "artikel_terbit"}
)
NAME_ROOTS = (ROOT / "tenants", ROOT / "village_apps", ROOT / "platform" / "control_plane")
# Public services and selectors named before the rule, as ``<path>:<function>``. The list
# only shrinks: an entry whose function is renamed or gone fails the test until removed.
NAMES_NOT_YET_RULED = frozenset(
    (Path(__file__).with_name("names_not_yet_ruled.txt")).read_text().split()
)


def name_follows_rule(name: str) -> bool:
    return (
        name in GLOSSARY
        or name.endswith("_exists")
        or ("_" in name and name.rsplit("_", 1)[1] in VERBS)
    )


def name_violations(source: str) -> list[str]:
    return [
        node.name
        for node in _public_functions(ast.parse(source))
        if not _is_signal_receiver(node) and not name_follows_rule(node.name)
    ]


def _named_modules() -> list[Path]:
    return sorted(
        p
        for root in NAME_ROOTS
        for pattern in ("services.py", "selectors.py")
        for p in root.rglob(pattern)
    )


def test_services_and_selectors_are_named_entity_verb():
    found = {
        f"{path.relative_to(ROOT)}:{name}"
        for path in _named_modules()
        for name in name_violations(path.read_text())
    }
    new = sorted(found - NAMES_NOT_YET_RULED)
    assert new == [], (
        "name services and selectors <entity>_<verb> with a verb of docs/architecture.md "
        "(or a glossary act):\n" + "\n".join(new)
    )
    gone = sorted(NAMES_NOT_YET_RULED - found)
    assert gone == [], "renamed or removed — drop from names_not_yet_ruled.txt:\n" + "\n".join(gone)


@pytest.mark.parametrize(
    ("name", "follows"),
    [
        ("village_provision", True),
        ("contract_seat_release", True),
        ("village_export_exists", True),
        ("keluarga_pecah", True),
        ("impor_antre", False),
        ("wilayah_pohon", False),
        ("runs_interrupt_stale", False),
        ("create", False),
    ],
)
def test_the_name_rule(name, follows):
    assert name_follows_rule(name) is follows
