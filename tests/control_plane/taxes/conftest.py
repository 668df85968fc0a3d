from tests.control_plane.billing.fixtures import (  # noqa: F401
    contract,
    deliver,
    ops_client,
    plan,
    stripe_clock,
    stripe_server,
    stripe_settings,
)
