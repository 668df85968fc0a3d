from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxesConfig(AppConfig):
    name = "control_plane.taxes"
    label = "taxes"
    verbose_name = _("Pajak (PPN, PPh 23, bea meterai)")

    def ready(self) -> None:
        # Government invoicing plugs into billing's finalization hooks.
        from control_plane.billing import services as billing
        from control_plane.taxes.government import government_invoice_problems, invoice_tax_prepare

        if invoice_tax_prepare not in billing.FINALIZE_PREPARERS:
            billing.FINALIZE_PREPARERS.append(invoice_tax_prepare)
        if government_invoice_problems not in billing.FINALIZE_CHECKS:
            billing.FINALIZE_CHECKS.append(government_invoice_problems)
