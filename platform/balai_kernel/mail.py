"""E-mail sent only when the change that causes it commits.

A rolled-back sign-up, invitation or invoice must never e-mail anyone, so every
service that mails goes through :func:`mail_on_commit` (one helper instead of a
``transaction.on_commit(lambda: send_mail(...))`` in each app).

The change has committed by the time the message goes out, so a mail server that is
down or not configured (e-mail is an optional subsystem) must not turn that change
into an error: the failure is logged — its type only, never the addresses or the
body — and the request, job or command that made the change succeeds.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

log = logging.getLogger(__name__)


def mail_on_commit(*, to: str | Sequence[str], subject: str, body: str) -> None:
    """Send ``body`` to ``to`` (one address or several) from ``DEFAULT_FROM_EMAIL``
    after the current transaction commits; outside a transaction, at once."""
    recipients = [to] if isinstance(to, str) else list(to)

    def send() -> None:
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=False)
        except Exception as exc:  # noqa: BLE001 - any mail failure; the change stands
            log.error(
                "e-mail not sent",
                extra={"error": type(exc).__name__, "recipients": len(recipients)},
            )

    transaction.on_commit(send)
