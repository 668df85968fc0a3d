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
