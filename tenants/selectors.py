from datetime import timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from tenants.choices import DomainStatus
from tenants.models import Domain, Village


def village_list(
    *, status: str | None = None, kabupaten_code: str | None = None
) -> QuerySet[Village]:
    qs = Village.objects.all()
    if status:
        qs = qs.filter(status=status)
    if kabupaten_code:
        qs = qs.filter(kabupaten_code=kabupaten_code)
    return qs.order_by("code")


def village_domain_list(*, village: Village) -> QuerySet[Domain]:
    """The village's custom domains, whatever their status (pages that attach domains)."""
    return Domain.objects.filter(tenant=village).order_by("domain")


def domains_due_for_check() -> QuerySet[Domain]:
    """Pending domains (every run of the schedule) and verified ones not looked at
    for a day. Failed domains are checked only when someone asks."""
    day_ago = timezone.now() - timedelta(days=1)
    return Domain.objects.filter(
        Q(status=DomainStatus.PENDING)
        | Q(status=DomainStatus.VERIFIED) & (Q(checked_at__isnull=True) | Q(checked_at__lt=day_ago))
    ).order_by("pk")
