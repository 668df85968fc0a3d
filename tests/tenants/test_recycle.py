"""A connection that has served more than DB_RECYCLE_AFTER_VILLAGES villages is closed
after the request (or the village context), so its backend's catalog cache — which
grows with every village it opened and is never given back — stays bounded."""

import pytest
from django.db import connection
from django.test import Client

from tenants.context import village_context

pytestmark = pytest.mark.django_db(transaction=True)


def _backend_pid() -> int:
    with connection.cursor() as cur:
        cur.execute("SELECT pg_backend_pid()")
        return cur.fetchone()[0]


def _visit(village) -> None:
    assert Client(HTTP_HOST=village.host).get("/").status_code == 200


def test_connection_is_recycled_after_more_villages_than_the_limit(
    settings, village, village_b, village_x
):
    settings.DB_RECYCLE_AFTER_VILLAGES = 2
    connection.close()
    pid = _backend_pid()
    _visit(village)
    _visit(village_b)
    _visit(village)  # the same two villages: no growth, no recycling
    assert _backend_pid() == pid
    _visit(village_x)  # a third one
    assert connection.connection is None
    assert _backend_pid() != pid


def test_no_recycling_within_the_limit_or_when_switched_off(
    settings, village, village_b, village_x
):
    settings.DB_RECYCLE_AFTER_VILLAGES = 0
    connection.close()
    pid = _backend_pid()
    for v in (village, village_b, village_x):
        _visit(v)
    assert _backend_pid() == pid


def test_fan_out_jobs_recycle_between_villages(settings, village, village_b, village_x):
    settings.DB_RECYCLE_AFTER_VILLAGES = 1
    connection.close()
    pid = _backend_pid()
    with village_context(village):
        _backend_pid()
    assert _backend_pid() == pid
    with village_context(village_b):
        assert _backend_pid() == pid  # never inside the block: only at its end
    assert connection.connection is None
    assert _backend_pid() != pid
