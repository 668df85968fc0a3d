"""``fleet check-migrations``: every project tenant migration is classified correctly."""

from __future__ import annotations

from django.db.migrations.loader import MigrationLoader

from control_plane.fleet.classify import initial_models, is_project_migration, migration_classify
from tenants import schema as tenant_schema


def migrations_check(*, app_labels: list[str] | None = None) -> dict:
    """Classify tenant migrations; ``problems`` lists the unclassified or misclassified ones.

    Migrations shipped with Django or libraries are exempt (they predate the rules
    and every village has them).
    """
    loader = MigrationLoader(None, ignore_no_migrations=True)
    labels = set(app_labels or tenant_schema.tenant_app_labels())
    labels &= set(tenant_schema.tenant_app_labels())
    new_models = initial_models(list(loader.disk_migrations.values()))
    results, problems = [], []
    for key in sorted(loader.disk_migrations):
        if key[0] not in labels:
            continue
        migration = loader.disk_migrations[key]
        if not is_project_migration(migration):
            continue
        c = migration_classify(migration, new_models=new_models.get(key[0], set()))
        results.append(
            {
                "migration": f"{c.app}.{c.name}",
                "declared": c.declared,
                "needs": c.needs,
                "kind": c.kind,
                "findings": [f"{f.operation}: {f.reason}" for f in c.findings],
                "problems": c.problems,
            }
        )
        problems += [f"{c.app}.{c.name}: {p}" for p in c.problems]
    return {"migrations": results, "problems": problems}
