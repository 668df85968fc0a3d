"""Every village app's facade against the contracts of ``village_apps.contracts``, and the
control plane reaching village apps only through those facades."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path
from typing import Protocol

import pytest
from django.conf import settings

from village_apps import contracts

ROOT = Path(__file__).resolve().parents[2]
VILLAGE_APPS = [
    a.removeprefix("village_apps.") for a in settings.TENANT_APPS if a.startswith("village_apps.")
]


def _members(contract: type) -> dict[str, object]:
    """Functions and attributes a contract declares (not Protocol's own machinery)."""
    found: dict[str, object] = {}
    for klass in reversed(contract.__mro__):
        if klass in (object, Protocol) or not issubclass(klass, Protocol):  # type: ignore[arg-type]
            continue
        found.update({n: None for n in getattr(klass, "__annotations__", {})})
        found.update({n: v for n, v in vars(klass).items() if inspect.isfunction(v)})
    return {n: v for n, v in found.items() if not n.startswith("_")}


def _shape(function: object, *, drop_self: bool) -> list[tuple[str, object, bool]]:
    params = list(inspect.signature(function).parameters.values())  # type: ignore[arg-type]
    if drop_self:
        params = params[1:]
    return [(p.name, p.kind, p.default is not inspect.Parameter.empty) for p in params]


def test_every_village_app_is_listed_with_its_contracts():
    assert sorted(contracts.FACADES) == sorted(VILLAGE_APPS)


@pytest.mark.parametrize("app", VILLAGE_APPS)
def test_facade_fulfils_its_contracts_names_and_signatures(app):
    facade = contracts.facade_module(app)
    declared: dict[str, object] = {}
    for contract in contracts.FACADES[app]:
        for name, member in _members(contract).items():
            declared[name] = member
            assert hasattr(facade, name), f"{app}.facade lacks {contract.__name__}.{name}"
            if member is not None:
                assert _shape(getattr(facade, name), drop_self=False) == _shape(
                    member, drop_self=True
                ), f"{app}.facade.{name} differs from {contract.__name__}.{name}"
    # Nothing public beyond the contracts: a facade is what others may call, no more.
    public = {
        n
        for n, v in vars(facade).items()
        if not n.startswith("_")
        and (inspect.isfunction(v) or (n.isupper() and not isinstance(v, type | str)))
    }
    assert public <= set(declared), f"{app}.facade exposes {public - set(declared)} undeclared"


def test_facade_get_refuses_an_undeclared_contract():
    with pytest.raises(LookupError):
        contracts.facade_get("wilayah", contracts.Population)
    assert contracts.facade_get("penduduk", contracts.Population).ringkasan


def test_stripped_facade_fails_the_check(monkeypatch):
    """Positive control: a facade missing a declared function is caught."""
    facade = contracts.facade_module("profil")
    monkeypatch.delattr(facade, "profil_seed")
    with pytest.raises(AssertionError):
        test_facade_fulfils_its_contracts_names_and_signatures("profil")


def _imports(path: Path) -> list[str]:
    """Every module a file imports, including imports inside functions."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.extend(f"{node.module}.{a.name}" for a in node.names)
    return found


def _allowed(module: str) -> bool:
    parts = module.split(".")
    return len(parts) >= 2 and (parts[1] == "contracts" or parts[2:3] == ["facade"])


def test_control_plane_imports_only_facades_and_contracts():
    offenders = []
    for path in sorted((ROOT / "platform" / "control_plane").rglob("*.py")):
        for module in _imports(path):
            if module.startswith("village_apps") and not _allowed(module):
                offenders.append(f"{path.relative_to(ROOT)}: {module}")
    assert offenders == []


def test_the_import_check_sees_an_internal_import(tmp_path):
    """Positive control for the scan above (an import inside a function counts)."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from village_apps.penduduk.models import Penduduk\n")
    assert [m for m in _imports(bad) if not _allowed(m)]
