"""Periodic onboarding work on the procrastinate queue (public schema)."""

from procrastinate.contrib.django import app


@app.periodic(cron="15 * * * *")
@app.task(queue="default", queueing_lock="proof-hold-clear")
def proof_hold_clear_task(timestamp: int) -> None:
    """Hourly: delete proofs kept for sign-ups that were never sent (older than a day)."""
    from control_plane.onboarding.services import proof_hold_clear

    proof_hold_clear()
