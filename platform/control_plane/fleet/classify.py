"""Which kind each tenant migration is: expand, heavy or contract.

New code serves traffic before every village is upgraded, and old code keeps
serving against upgraded schemas while pods roll over. So only *expand*
migrations (purely additive) may run in the deploy's blocking migration step;
*heavy* ones (backfills, index builds on existing tables) and *contract* ones
(drops, renames, NOT NULL tightening) run later, from the control plane.

A migration declares its kind with a class attribute::

    class Migration(migrations.Migration):
        balai_kind = "contract"

An unmarked migration counts as expand, and ``fleet check-migrations`` fails
unless every operation is provably additive; it also fails on a marked migration
whose operations need a later kind than it claims.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations as ops
from django.db.migrations import Migration
from django.db.models import NOT_PROVIDED

EXPAND, HEAVY, CONTRACT = "expand", "heavy", "contract"
KIND_ORDER = {EXPAND: 0, HEAVY: 1, CONTRACT: 2}
KINDS = tuple(KIND_ORDER)

# Operations that only touch migration state, never the database.
_STATE_ONLY = (ops.AlterModelOptions, ops.AlterModelManagers)
_DESTRUCTIVE = (
    ops.RemoveField,
    ops.DeleteModel,
    ops.RenameField,
    ops.RenameModel,
    ops.AlterModelTable,
    ops.RemoveIndex,
    ops.RemoveConstraint,
    ops.RenameIndex,
)
# Build an index or validate a constraint over an existing table, holding a lock.
_LOCKING = (
    ops.AddIndex,
    ops.AddConstraint,
    ops.AlterUniqueTogether,
    ops.AlterIndexTogether,
    ops.AlterField,
    ops.AlterOrderWithRespectTo,
)
_DATA = (ops.RunPython, ops.RunSQL)


@dataclass(frozen=True)
class Finding:
    """Why one operation needs a kind later than expand (Indonesian, shown to developers)."""

    operation: str
    needs: str
    reason: str


@dataclass
class Classification:
    app: str
    name: str
    declared: str | None
    needs: str
    findings: list[Finding] = field(default_factory=list)
    needs_marker: bool = False  # data operations are never provably additive

    @property
    def kind(self) -> str:
        """The kind the runner uses: the declared one, else expand.

        An unmarked migration is a claim that it is additive (``check-migrations``
        holds it to that in CI). New code most likely reads what it adds, so the
        deploy step must apply it rather than hold it back.
        """
        return self.declared or EXPAND

    @property
    def problems(self) -> list[str]:
        out = []
        if self.declared is not None and self.declared not in KIND_ORDER:
            out.append(f"balai_kind tidak dikenal: {self.declared!r}")
        elif self.declared is None and (self.needs != EXPAND or self.needs_marker):
            out.append(f"tidak diklasifikasikan; operasinya butuh balai_kind = {self.needs!r}")
        elif self.declared is not None and KIND_ORDER[self.declared] < KIND_ORDER[self.needs]:
            out.append(f"diklasifikasikan {self.declared!r}, operasinya butuh {self.needs!r}")
        return out


def _field_is_nullable_or_db_default(fld) -> bool:
    return (
        fld.null or fld.many_to_many or getattr(fld, "db_default", NOT_PROVIDED) is not NOT_PROVIDED
    )


def migration_classify(
    migration: Migration, *, new_models: set[str] = frozenset()
) -> Classification:
    """Classify one migration from its operations (no database access).

    ``new_models`` are models created by the app's other initial migrations: an
    initial migration split in two (Django does that for foreign keys) still only
    touches tables that no village has yet.
    """
    created = set(new_models) if migration.initial else set()
    findings: list[Finding] = []
    needs_marker = False
    for op in migration.operations:
        desc = op.describe()
        model = getattr(op, "model_name", None) or getattr(op, "name", "")
        model = (model or "").lower()
        if isinstance(op, ops.CreateModel):
            created.add(op.name_lower)
        elif isinstance(op, _STATE_ONLY) or isinstance(op, AddIndexConcurrently):
            continue
        elif isinstance(op, ops.AddField):
            if model not in created and not _field_is_nullable_or_db_default(op.field):
                findings.append(
                    Finding(
                        desc, CONTRACT, "kolom NOT NULL tanpa db_default: kode lama gagal INSERT"
                    )
                )
        elif isinstance(op, _DESTRUCTIVE):
            findings.append(Finding(desc, CONTRACT, "menghapus/mengganti nama: kode lama rusak"))
        elif isinstance(op, _LOCKING):
            if model not in created:
                findings.append(
                    Finding(
                        desc, HEAVY, "indeks/constraint/ubah kolom pada tabel yang ada (mengunci)"
                    )
                )
        elif isinstance(op, _DATA):
            needs_marker = True
            findings.append(Finding(desc, HEAVY, "operasi data tidak terbukti aditif"))
        else:
            needs_marker = True
            findings.append(Finding(desc, HEAVY, f"operasi {type(op).__name__} tidak dikenal"))
    needs = max((f.needs for f in findings), key=KIND_ORDER.__getitem__, default=EXPAND)
    if needs_marker and needs == EXPAND:
        needs = HEAVY
    declared = getattr(migration, "balai_kind", None)
    return Classification(
        app=migration.app_label,
        name=migration.name,
        declared=declared,
        needs=needs,
        findings=findings,
        needs_marker=needs_marker,
    )


def is_project_migration(migration: Migration) -> bool:
    """Migrations shipped by Django or libraries predate Balai's rules and are exempt."""
    module = sys.modules.get(type(migration).__module__)
    return "site-packages" not in Path(getattr(module, "__file__", "") or "site-packages").parts


def initial_models(migrations: list[Migration]) -> dict[str, set[str]]:
    """Per app label, the models created by its initial migrations."""
    out: dict[str, set[str]] = {}
    for migration in migrations:
        if migration.initial:
            out.setdefault(migration.app_label, set()).update(
                op.name_lower for op in migration.operations if isinstance(op, ops.CreateModel)
            )
    return out
