"""A module added after villages were seeded: its data migration gives the built-in
roles their default grants there, and touches nothing else."""

from tenants.context import village_context
from village_apps.akun.models import Peran
from village_apps.akun.roles import BUILTIN_ROLES, builtin_grants_backfill


def test_backfill_adds_only_the_module_s_default_grants(village):
    with village_context(village):
        operator = Peran.objects.get(slug="operator")
        kept = sorted(
            h for h in operator.hak if not h.startswith("inventaris.") and h != "surat.delete"
        )
        Peran.objects.filter(slug="operator").update(hak=kept)  # a village seeded before, edited
        Peran.objects.create(slug="tamu", nama="Tamu", hak=[])
        builtin_grants_backfill(Peran, "inventaris")
        hak = set(Peran.objects.get(slug="operator").hak)
        assert {h for h in BUILTIN_ROLES["operator"].hak if h.startswith("inventaris.")} <= hak
        assert "surat.delete" not in hak  # the admin's removal elsewhere stays
        assert Peran.objects.get(slug="tamu").hak == []  # the village's own role untouched
        assert not {
            h for h in Peran.objects.get(slug="peninjau").hak if h.startswith("inventaris.c")
        }


def test_sekretariat_backfill_gives_the_grants_its_migration_was_written_with(village):
    # sekretariat 0002 once listed these grants itself; it now reads them from
    # BUILTIN_ROLES, so a change there must be a deliberate one.
    written = {
        "operator": {"view", "change", "delete", "export", "approve"},
        "sekdes": {"view", "approve", "export", "change", "delete"},
        "kades": {"view", "approve", "change"},
        "kasi": {"view", "approve"},
        "peninjau": {"view", "approve"},
    }
    with village_context(village):
        for slug in written:
            Peran.objects.filter(slug=slug).update(
                hak=[
                    h for h in Peran.objects.get(slug=slug).hak if not h.startswith("sekretariat.")
                ]
            )
        builtin_grants_backfill(Peran, "sekretariat")
        for slug, actions in written.items():
            hak = Peran.objects.get(slug=slug).hak
            assert {h.split(".", 1)[1] for h in hak if h.startswith("sekretariat.")} == actions


def test_every_module_grants_migration_uses_the_shared_backfill():
    # One way to backfill a module's grants: a copy of the loop drifts from it.
    from pathlib import Path

    import village_apps

    root = Path(village_apps.__file__).parent
    found = sorted(root.glob("*/migrations/*_hak_peran_bawaan.py"))
    assert len(found) >= 5
    for path in found:
        assert "builtin_grants_backfill(" in path.read_text(), path
