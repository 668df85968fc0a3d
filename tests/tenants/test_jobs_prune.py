"""Finished background jobs are pruned after their retention; nothing else is."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from tenants.jobs import jobs_prune

pytestmark = pytest.mark.django_db


def _job(status: str, days_old: int, *, periodic: bool = False) -> int:
    with connection.cursor() as cur:
        cur.execute(
            "INSERT INTO procrastinate_jobs (queue_name, task_name, args, status)"
            " VALUES ('prune-test', 'tenants.tasks.jobs_prune_task', '{}', %s) RETURNING id",
            [status],
        )
        job_id = cur.fetchone()[0]
        # A job inserted straight into a final state has no events; give it the history
        # an old job of that state would have, dated ``days_old`` ago.
        cur.execute("DELETE FROM procrastinate_events WHERE job_id = %s", [job_id])
        cur.execute(
            "INSERT INTO procrastinate_events (job_id, type, at)"
            " SELECT %s, t::procrastinate_job_event_type, now() - make_interval(days => %s)"
            " FROM unnest(%s::text[]) AS t",
            [job_id, days_old, ["deferred"] + ([] if status == "todo" else ["started", status])],
        )
        if periodic:
            cur.execute(
                "INSERT INTO procrastinate_periodic_defers"
                " (task_name, periodic_id, defer_timestamp, job_id)"
                " VALUES ('tenants.tasks.jobs_prune_task', 'prune-test', %s, %s)",
                [job_id, job_id],
            )
    return job_id


def _left() -> set[int]:
    with connection.cursor() as cur:
        cur.execute("SELECT id FROM procrastinate_jobs WHERE queue_name = 'prune-test'")
        return {r[0] for r in cur.fetchall()}


def test_prune_keeps_recent_unfinished_and_referenced_jobs():
    old_ok = _job("succeeded", 20)
    recent_ok = _job("succeeded", 2)
    old_failed = _job("failed", 20)
    ancient_failed = _job("failed", 100)
    ancient_cancelled = _job("cancelled", 100)
    waiting = _job("todo", 100)
    periodic = _job("succeeded", 20, periodic=True)

    assert jobs_prune(keep_succeeded_days=14, keep_failed_days=90) >= 3
    assert _left() == {recent_ok, old_failed, waiting, periodic}
    assert old_ok not in _left() and ancient_failed not in _left()
    assert ancient_cancelled not in _left()


def test_prune_command_uses_the_settings(settings, capsys):
    settings.JOBS_KEEP_SUCCEEDED_DAYS = 30
    kept = _job("succeeded", 20)
    gone = _job("succeeded", 40)
    call_command("jobs", "prune", "--json")
    assert '"deleted"' in capsys.readouterr().out
    assert kept in _left() and gone not in _left()
