"""Fleet test helpers: throwaway villages and test-only tenant migrations.

Test migrations are never committed into real apps: ``probe`` copies the real
``profil`` migrations into a temporary package, adds the test's own migrations on
top, and points ``MIGRATION_MODULES`` at it for the duration of the test (and, for
subprocess runs, writes a settings module that does the same).
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings

from control_plane.fleet.selectors import _lacks_cache, graph_reset
from tenants import schema
from tenants.models import Village, schema_name_for
from tests.database import database_url

ROOT = Path(__file__).resolve().parents[3]
PROFIL_MIGRATIONS = ROOT / "village_apps" / "profil" / "migrations"
_counter = itertools.count(1)


def profil_leaf() -> str:
    names = sorted(p.stem for p in PROFIL_MIGRATIONS.glob("[0-9][0-9][0-9][0-9]_*.py"))
    return names[-1]


def migration_source(body: str, *, depends_on: str | None = None, kind: str | None = None) -> str:
    """Source of one test migration; ``{leaf}`` in ``depends_on`` is the real profil leaf."""
    dep = depends_on or profil_leaf()
    marker = f"    balai_kind = {kind!r}\n" if kind else ""
    return (
        "from django.db import migrations, models\n"
        "import django.db.models.deletion\n\n\n"
        "class Migration(migrations.Migration):\n"
        f"    dependencies = [('profil', {dep!r})]\n"
        f"{marker}"
        f"    operations = [\n{textwrap.indent(textwrap.dedent(body).strip(), ' ' * 8)}\n    ]\n"
    )


@dataclass
class Probe:
    module: str
    directory: Path
    extra: dict[str, str] = field(default_factory=dict)

    def settings_module(self, template_schema: str) -> str:
        """Write a settings module for subprocesses that sees the probe migrations."""
        name = f"fleet_probe_settings_{self.module}"
        (self.directory.parent / f"{name}.py").write_text(
            "from balai_site.settings import *  # noqa: F403\n"
            f"MIGRATION_MODULES = {{'profil': {self.module!r}}}\n"
            f"TEMPLATE_SCHEMA_NAME = {template_schema!r}\n"
        )
        return name


def write_probe(base: Path, migrations: dict[str, str]) -> Probe:
    module = f"fleetprobe_{uuid.uuid4().hex[:8]}"
    directory = base / module
    directory.mkdir()
    (directory / "__init__.py").write_text("")
    for path in PROFIL_MIGRATIONS.glob("[0-9][0-9][0-9][0-9]_*.py"):
        shutil.copy(path, directory / path.name)
    for name, source in migrations.items():
        (directory / f"{name}.py").write_text(source)
    if str(base) not in sys.path:
        sys.path.insert(0, str(base))
    return Probe(module=module, directory=directory)


@pytest.fixture
def probe(tmp_path) -> Iterator:
    """``probe({name: source})`` makes the code see extra profil migrations until the test ends."""
    stack = []

    def inject(migrations: dict[str, str]) -> Probe:
        p = write_probe(tmp_path, migrations)
        override = override_settings(MIGRATION_MODULES={"profil": p.module})
        override.enable()
        stack.append(override)
        graph_reset()
        _lacks_cache.clear()
        return p

    yield inject
    for override in reversed(stack):
        override.disable()
    graph_reset()
    _lacks_cache.clear()


def village_make(
    slug: str,
    code: str,
    *,
    status: str = "active",
    canary: bool = False,
) -> Village:
    """A village with a schema cloned from the current template (the code's state)."""
    name = schema_name_for(slug)
    schema.schema_drop(name)
    village = Village.objects.create(
        code=code,
        name=f"Uji {slug}",
        slug=slug,
        schema_name=name,
        kecamatan_code=code[:6],
        kabupaten_code=code[:4],
        provinsi_code=code[:2],
        status=status,
        is_canary=canary,
    )
    fp = schema.schema_create_from_template(name)
    Village.objects.filter(pk=village.pk).update(migration_fingerprint=fp)
    village.refresh_from_db()
    return village


def village_code(kabupaten: str) -> str:
    return f"{kabupaten}01{2000 + next(_counter):04d}"


def villages_remove(villages: list[Village]) -> None:
    connection.set_schema_to_public()
    for v in villages:
        Village.objects.filter(pk=v.pk).delete()
        schema.schema_drop(v.schema_name)


def column_exists(schema_name: str, table: str, column: str) -> bool:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT 1 FROM information_schema.columns"
            " WHERE table_schema = %s AND table_name = %s AND column_name = %s",
            [schema_name, table, column],
        )
        return cur.fetchone() is not None


def fleet_subprocess(probe: Probe, template_schema: str, *args: str, **popen) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": probe.settings_module(template_schema),
        "PYTHONPATH": os.pathsep.join([str(probe.directory.parent), str(ROOT / "platform")]),
        "DATABASE_URL": database_url(),
        "LOG_LEVEL": "ERROR",
    }
    return subprocess.Popen(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "fleet", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,
    )
