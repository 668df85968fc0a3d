import pytest
from django.core.cache import caches


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the ratelimit cache (locmem in tests); start and end every test without them."""
    caches["default"].clear()
    caches["ratelimit"].clear()
    yield
    caches["default"].clear()
    caches["ratelimit"].clear()
