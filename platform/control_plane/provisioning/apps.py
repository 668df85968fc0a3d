from django.apps import AppConfig


class ProvisioningConfig(AppConfig):
    name = "control_plane.provisioning"
    label = "provisioning"
    verbose_name = "Penyiapan desa"

    def ready(self) -> None:
        from control_plane.onboarding.hooks import village_approved_handler_add
        from control_plane.provisioning.services import village_provision_defer

        village_approved_handler_add(village_provision_defer)
