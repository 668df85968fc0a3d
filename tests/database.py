"""The test database as a URL, for child processes and second connections."""

from __future__ import annotations

from urllib.parse import quote

from django.db import connection


def database_url(*, with_password: bool = True) -> str:
    """The test database (``test_<name>``, with xdist's suffix) as a URL. The host may be
    a socket directory (the embedded PostgreSQL): it is percent-encoded, as libpq wants.
    ``with_password=False`` leaves the password to ``DATABASE_PASSWORD`` (the chart's way)."""
    db = connection.settings_dict
    auth = quote(db["USER"] or "postgres", safe="")
    if with_password and db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"], safe="")
    host = quote(str(db["HOST"] or "127.0.0.1"), safe="")
    return f"postgres://{auth}@{host}:{db['PORT'] or 5432}/{db['NAME']}"
