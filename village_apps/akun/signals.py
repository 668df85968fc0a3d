"""What happens to village accounts, for the audit app to record.

akun sits below audit (audit reads roles and guards its page with akun's
permissions), so akun announces its account events and ``audit.services`` writes
the rows, like it does for Django's login signals. Sent inside the service's
transaction; receivers run synchronously, so the audit row commits with the change.
"""

from django.dispatch import Signal

# user (the account), actor (balai_kernel.actor.Actor: who set it)
village_user_password_set = Signal()
# lockout (balai_kernel.abuse.Lockout), account_id ("" when the name is no account), actor
village_login_locked_out = Signal()
# A change to staff or roles: object_type ("akun" or "peran"), object_id, action
# (audit.choices.AuditAction value: create, update, delete), summary (no personal data:
# role slugs, what changed), actor.
village_staff_changed = Signal()
