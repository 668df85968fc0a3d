from django.db.models import QuerySet

from village_apps.audit.models import AccessAudit


def audit_list(
    *, action: str = "", username: str = "", object_type: str = ""
) -> QuerySet[AccessAudit]:
    qs = AccessAudit.objects.all()
    if action:
        qs = qs.filter(action=action)
    if username:
        qs = qs.filter(username__icontains=username)
    if object_type:
        qs = qs.filter(object_type=object_type)
    return qs
