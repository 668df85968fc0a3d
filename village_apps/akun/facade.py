"""What the rest of Balai may call in the akun app, inside a village context: the
``Accounts`` contract (``village_apps.contracts``)."""

from village_apps.akun.selectors import village_admin_list
from village_apps.akun.services import village_user_create

__all__ = ["village_admin_list", "village_user_create"]
