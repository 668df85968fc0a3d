"""Routing invalidation whenever a Village or Domain row changes, whoever changes it.

This is cache bookkeeping only; lifecycle rules live in ``tenants.services``.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from tenants import routing
from tenants.models import Domain, Village


@receiver([post_save, post_delete], sender=Village)
@receiver([post_save, post_delete], sender=Domain)
def _invalidate_routing(**kwargs: object) -> None:
    routing.invalidate()
