from django.db.models import QuerySet

from tenants.models import Village


def village_list(
    *, status: str | None = None, kabupaten_code: str | None = None
) -> QuerySet[Village]:
    qs = Village.objects.all()
    if status:
        qs = qs.filter(status=status)
    if kabupaten_code:
        qs = qs.filter(kabupaten_code=kabupaten_code)
    return qs.order_by("code")
