"""What the rest of Balai may call in the profil app, inside a village context: the
``VillageProfile`` contract (``village_apps.contracts``)."""

from village_apps.profil.services import profil_seed, profil_wilayah_set

__all__ = ["profil_seed", "profil_wilayah_set"]
