"""What the rest of Balai may call in the profil app, inside a village context: the
``VillageProfile`` and ``DemoData`` contracts (``village_apps.contracts``)."""

from village_apps.profil.demo import load_demo_village
from village_apps.profil.services import profil_seed, profil_wilayah_set

__all__ = ["load_demo_village", "profil_seed", "profil_wilayah_set"]
