"""Development tools: never imported by production settings or code paths.

``devtools.stripe_server`` is a stateful Stripe-compatible HTTP server used by the
billing tests, ``manage.py billing smoke`` in CI and the demo, because the network
here reaches no Stripe.
"""
