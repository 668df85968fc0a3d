"""A stateful Stripe-compatible server on loopback (development and tests only).

It implements exactly the endpoints Balai's Stripe adapter uses, with Stripe's
object shapes, status transitions, error format, idempotency keys and signed
webhooks. See ``server.py`` for the list and the documented limits.
"""

from devtools.stripe_server.server import StripeServer, sign_payload

__all__ = ["StripeServer", "sign_payload"]
