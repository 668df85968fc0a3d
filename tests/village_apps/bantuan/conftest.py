import pytest
from django.core.cache import caches


@pytest.fixture(autouse=True)
def _cache_kosong():
    """Page caches outlive the rolled-back test transaction; start every test clean."""
    for alias in ("default", "platform"):
        caches[alias].clear()
    yield
