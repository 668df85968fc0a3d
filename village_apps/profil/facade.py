"""What the control plane may call in the profil app (runs inside a village context)."""

from village_apps.profil.services import profil_seed, profil_wilayah_set

__all__ = ["profil_seed", "profil_wilayah_set"]
