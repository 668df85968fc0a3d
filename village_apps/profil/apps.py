from django.apps import AppConfig


class ProfilConfig(AppConfig):
    name = "village_apps.profil"
    label = "profil"
    verbose_name = "Profil desa"
