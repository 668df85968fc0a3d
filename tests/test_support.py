"""The test-support layer stays the one place for shared fixtures.

- A fixture name is defined once under ``tests/`` (in ``tests/support``, a plugin
  module or the one test module that needs it); an intentional second definition is
  listed in ``ALLOWED_TWICE`` with its reason.
- No ``conftest.py`` re-exports fixtures from another module (plugins are listed in
  ``pytest_plugins`` instead), and none skips tests by reading files.
- A test that reads a file of ``../shared`` declares it, so that only that test skips
  (with the reason) when the file is absent.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

TESTS = Path(__file__).resolve().parent

# Fixture name → why it is defined in more than one module.
ALLOWED_TWICE: dict[str, str] = {
    "rahasia": "each PDF test plants its own secret files (different paths and markers)",
    "warga": "a resident with a PIN (rate limits) vs published residents (statistics)",
}


def _modules() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(TESTS.rglob("*.py"))]


def _is_fixture(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return ast.unparse(target) in {"pytest.fixture", "fixture"}


def _fixture_name(node: ast.FunctionDef) -> str:
    for decorator in node.decorator_list:
        if isinstance(decorator, ast.Call):
            for kw in decorator.keywords:
                if kw.arg == "name" and isinstance(kw.value, ast.Constant):
                    return str(kw.value.value)
    return node.name


def fixture_definitions() -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for path, tree in _modules():
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and any(
                _is_fixture(d) for d in node.decorator_list
            ):
                found[_fixture_name(node)].append(str(path.relative_to(TESTS.parent)))
    return found


def test_every_fixture_is_defined_once():
    twice = {
        name: paths
        for name, paths in fixture_definitions().items()
        if len(paths) > 1 and name not in ALLOWED_TWICE
    }
    assert not twice, (
        f"fixtures defined more than once (move them to tests/support, or list the "
        f"intentional ones in ALLOWED_TWICE with a reason): {twice}"
    )


def test_allowed_twice_is_still_needed():
    definitions = fixture_definitions()
    stale = [name for name in ALLOWED_TWICE if len(definitions.get(name, [])) < 2]
    assert not stale, f"remove from ALLOWED_TWICE: {stale}"


def test_no_conftest_reexports_fixtures():
    fixtures = set(fixture_definitions())
    reexports = {
        str(path.relative_to(TESTS.parent)): names
        for path, tree in _modules()
        if path.name == "conftest.py"
        for names in [
            [
                alias.name
                for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tests.")
                for alias in node.names
                if alias.name in fixtures
            ]
        ]
        if names
    }
    assert not reexports, f"list fixture modules in tests/conftest.py pytest_plugins: {reexports}"


READS = {"read_text", "read_bytes", "open"}
SKIPS = {"skip", "add_marker", "skipif"}


def test_no_conftest_or_plugin_skips_by_reading_files():
    """Skipping by grepping sources hides a whole file for one test's missing input."""
    offenders = []
    for path, tree in _modules():
        if path.name != "conftest.py" and path.parent.name != "support":
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef):
                continue
            calls = {
                (c.func.attr if isinstance(c.func, ast.Attribute) else getattr(c.func, "id", ""))
                for c in ast.walk(node)
                if isinstance(c, ast.Call)
            }
            if calls & READS and calls & SKIPS:
                offenders.append(f"{path.relative_to(TESTS.parent)}:{node.name}")
    assert not offenders, offenders


def _shared_constants(tree: ast.Module) -> set[str]:
    """Module-level names whose value is built from ``SHARED_DIR`` or ``shared_path``."""
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(n, ast.Name) and n.id in {"SHARED_DIR", "shared_path"}
            for n in ast.walk(node.value)
        ):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return names


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _shared_readers(tree: ast.Module, tainted: set[str]) -> set[str]:
    """``tainted`` grown by the module's helpers (not tests) that use a tainted name."""
    helpers = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    grew = True
    while grew:  # helpers that read a shared file taint their callers
        before = len(tainted)
        tainted |= {
            h.name for h in helpers if not h.name.startswith("test") and _names(h) & tainted
        }
        grew = len(tainted) > before
    return tainted


def test_tests_reading_shared_files_declare_them():
    modules = list(_modules())
    # Helpers of any test module that read a shared file (``surat/helpers.py``'s
    # template import) taint the tests of other modules that call them by name.
    readers: set[str] = set()
    roots = {"SHARED_DIR", "shared_path"}
    for path, tree in modules:
        if path.name == "shared_files.py":  # the declaring mechanism itself
            continue
        constants = _shared_constants(tree) | roots
        readers |= {
            n for n in _shared_readers(tree, set(constants)) - constants if not n.startswith("_")
        }
    undeclared = []
    for path, tree in modules:
        tainted = _shared_readers(tree, set(_shared_constants(tree)) | readers)
        module_declares = any(
            isinstance(n, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in n.targets)
            and "shared_files" in ast.unparse(n.value)
            for n in tree.body
        )
        for node in (n for n in tree.body if isinstance(n, ast.FunctionDef)):
            if not node.name.startswith("test_") or not _names(node) & tainted:
                continue
            declared = (
                module_declares
                or any("shared_files" in ast.unparse(d) for d in node.decorator_list)
                or ({"shared_file", "opensid_template"} & {a.arg for a in node.args.args})
            )
            if not declared:
                undeclared.append(f"{path.relative_to(TESTS.parent)}::{node.name}")
    assert not undeclared, (
        f"tests reading ../shared without @pytest.mark.shared_files(...): {undeclared}"
    )


def test_village_builders_make_a_resident_in_a_family_and_an_rt(village):
    from tenants.context import village_context
    from tests.support.builders import keluarga_make, penduduk_make, wilayah_make

    with village_context(village):
        rt = wilayah_make(dusun="Krajan", rw="001", rt="003")
        penduduk = penduduk_make(keluarga=keluarga_make(wilayah=rt), nama="Siti Aminah", sex=2)
        penduduk.refresh_from_db()
        assert (penduduk.nama, penduduk.wilayah, penduduk.keluarga.wilayah) == (
            "Siti Aminah",
            rt,
            rt,
        )
        assert penduduk_make().nik != penduduk.nik  # random numbers: builders never collide


def test_staff_client_has_its_second_factor(ops_client, manager_client):
    for client in (ops_client, manager_client):
        assert client.session.get("otp_device_id")
        assert client.get("/akun/keamanan/").status_code == 200
