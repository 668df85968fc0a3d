"""What the control plane may call in the akun app (inside a village context)."""

from village_apps.akun.services import village_user_create

__all__ = ["village_user_create"]
