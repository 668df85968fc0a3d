from django.apps import AppConfig


class OnboardingConfig(AppConfig):
    name = "control_plane.onboarding"
    label = "onboarding"
    verbose_name = "Pendaftaran desa"
