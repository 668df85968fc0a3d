"""Periodic billing work on the procrastinate queue (public schema only: billing
never enters a village schema; suspension goes through ``tenants.services``)."""

from procrastinate.contrib.django import app


@app.periodic(cron="0 0 * * *")  # 07:00 WIB (cron runs in UTC)
@app.task(queue="billing", queueing_lock="billing_dunning")
def billing_dunning_task(timestamp: int) -> None:
    """Daily dunning: reminders, then read-only after the grace period."""
    from control_plane.billing.gateway import billing_enabled
    from control_plane.billing.services import billing_dunning_run

    if billing_enabled():
        billing_dunning_run()


@app.periodic(cron="30 19 * * *")  # 02:30 WIB
@app.task(queue="billing", queueing_lock="billing_reconcile")
def billing_reconcile_task(timestamp: int) -> None:
    """Nightly reconciliation of local invoices and quantities with the provider."""
    from control_plane.billing.gateway import billing_enabled
    from control_plane.billing.services import billing_reconcile

    if billing_enabled():
        billing_reconcile()
