from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "village_apps.audit"
    label = "audit"
    verbose_name = "Jejak audit akses data pribadi"
