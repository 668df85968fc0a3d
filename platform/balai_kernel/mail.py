"""E-mail sent only when the change that causes it commits.

A rolled-back sign-up, invitation or invoice must never e-mail anyone, so every
service that mails goes through :func:`mail_on_commit` (one helper instead of a
``transaction.on_commit(lambda: send_mail(...))`` in each app).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction


def mail_on_commit(*, to: str | Sequence[str], subject: str, body: str) -> None:
    """Send ``body`` to ``to`` (one address or several) from ``DEFAULT_FROM_EMAIL``
    after the current transaction commits; outside a transaction, at once."""
    recipients = [to] if isinstance(to, str) else list(to)
    transaction.on_commit(
        lambda: send_mail(
            subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=False
        )
    )
