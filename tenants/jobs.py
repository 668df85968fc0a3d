"""Background jobs whose worker died are put back in the queue.

Procrastinate marks a job ``doing`` when a worker takes it, and only that worker
ever finishes it: a worker killed mid-job (SIGKILL, out of memory, a lost node)
leaves the job ``doing`` for ever. Worse, a job with a ``lock`` then blocks every
later job with the same lock — one killed provisioning job (``lock="provision"``)
would stop all provisioning. Workers send a heartbeat every
``WORKER_HEARTBEAT_SECONDS``; a ``doing`` job whose worker has been silent for
``JOBS_STALLED_AFTER_SECONDS`` (or was pruned) is stalled.

Recovery puts a stalled job back to ``todo``: every task is written to be run again
(provisioning resumes at its first unrecorded step, imports are all-or-nothing and
take their row over). A job that stalled ``JOBS_STALLED_MAX_ATTEMPTS`` times (the
task itself kills its worker, e.g. memory) is marked failed for a human instead.
Runs every two minutes in the worker (``tenants.tasks``) and on demand with
``manage.py jobs recover``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext
from procrastinate import sql

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StalledJob:
    """One stalled job and what recovery did with it (``retried`` or ``failed``)."""

    id: int
    task_name: str
    queue: str
    attempts: int
    action: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def jobs_stalled_list(*, stalled_after: float) -> list[dict[str, object]]:
    """``doing`` jobs whose worker sent no heartbeat for ``stalled_after`` seconds."""
    with connection.cursor() as cur:
        cur.execute(
            sql.queries["select_stalled_jobs_by_heartbeat"],
            {"queue": None, "task_name": None, "seconds_since_heartbeat": stalled_after},
        )
        columns = [c.name for c in cur.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cur.fetchall()]
    return sorted(rows, key=lambda r: r["id"])


def jobs_stalled_recover(
    *, stalled_after: float | None = None, max_attempts: int | None = None
) -> list[StalledJob]:
    """Put every stalled job back in the queue (or fail it after too many stalls).

    Safe to run from several processes at once: each job changes state in its own
    savepoint and a job another sweeper already moved is skipped. Needs no tenant
    context (procrastinate's tables are public). Job arguments are never logged.
    """
    stalled_after = settings.JOBS_STALLED_AFTER_SECONDS if stalled_after is None else stalled_after
    max_attempts = settings.JOBS_STALLED_MAX_ATTEMPTS if max_attempts is None else max_attempts
    connection.set_schema_to_public()
    done: list[StalledJob] = []
    for row in jobs_stalled_list(stalled_after=stalled_after):
        give_up = row["attempts"] + 1 >= max_attempts
        try:
            with transaction.atomic(), connection.cursor() as cur:
                if give_up:
                    cur.execute(
                        sql.queries["finish_job"],
                        {"job_id": row["id"], "status": "failed", "delete_job": False},
                    )
                else:
                    cur.execute(
                        sql.queries["retry_job"],
                        {
                            "job_id": row["id"],
                            "retry_at": timezone.now(),
                            "new_priority": None,
                            "new_queue_name": None,
                            "new_lock": None,
                        },
                    )
        except DatabaseError:
            continue  # finished meanwhile, or moved by another sweeper
        job = StalledJob(
            id=row["id"],
            task_name=row["task_name"],
            queue=row["queue_name"],
            attempts=row["attempts"],
            action="failed" if give_up else "retried",
        )
        (log.error if give_up else log.warning)(
            "stalled job " + job.action,
            extra={"job_id": job.id, "task": job.task_name, "attempts": job.attempts},
        )
        done.append(job)
    return done


PRUNE_SQL = """
DELETE FROM procrastinate_jobs AS job
WHERE job.status = ANY(%(statuses)s::procrastinate_job_status[])
  AND NOT EXISTS (SELECT 1 FROM procrastinate_periodic_defers d WHERE d.job_id = job.id)
  AND (SELECT max(e.at) FROM procrastinate_events e WHERE e.job_id = job.id)
      < now() - make_interval(hours => %(hours)s)
"""


def jobs_prune(
    *, keep_succeeded_days: int | None = None, keep_failed_days: int | None = None
) -> int:
    """Delete finished jobs older than their retention; returns how many.

    The stalled-job sweep alone adds ~720 finished jobs a day, and a nightly backup one
    per village: without pruning the job table (and every dequeue's index) only grows.
    Failed, cancelled and aborted jobs are kept longer — someone may still need to read
    why. The newest job of each periodic task is kept: procrastinate's deduplication
    row references it (no cascade).
    """
    succeeded = (
        settings.JOBS_KEEP_SUCCEEDED_DAYS if keep_succeeded_days is None else keep_succeeded_days
    )
    failed = settings.JOBS_KEEP_FAILED_DAYS if keep_failed_days is None else keep_failed_days
    connection.set_schema_to_public()
    deleted = 0
    with transaction.atomic(), connection.cursor() as cur:
        for statuses, days in (
            (["succeeded"], succeeded),
            (["failed", "cancelled", "aborted"], failed),
        ):
            cur.execute(PRUNE_SQL, {"statuses": statuses, "hours": days * 24})
            deleted += cur.rowcount
    log.info("finished jobs pruned", extra={"count": deleted})
    return deleted


# The task side of recovery. A run whose worker died twice (e.g. out of memory on this
# very file) is not tried a third time: it ends failed with a message for the operator.
# Below JOBS_STALLED_MAX_ATTEMPTS, so the task ends its own row before recovery fails
# the job and nobody would.
RERUN_MAX_ATTEMPTS = 3


@contextmanager
def rerun_lock(name: str) -> Iterator[bool]:
    """Hold a session lock named ``name`` in the current village while a run goes on;
    yields whether it was free.

    A run killed with its worker loses the lock with its connection, so a re-run (the job
    put back in the queue by ``jobs_stalled_recover``) can tell a dead run, whose row it
    takes over, from a live one, which it leaves alone."""
    key = f"{connection.schema_name}:{name}"
    with connection.cursor() as cur:
        cur.execute("SELECT pg_try_advisory_lock(hashtextextended(%s, 0))", [key])
        free = bool(cur.fetchone()[0])
    try:
        yield free
    finally:
        if free:
            with connection.cursor() as cur:
                cur.execute("SELECT pg_advisory_unlock(hashtextextended(%s, 0))", [key])


def rerun_abandoned(attempts: int) -> str | None:
    """The operator's message ending an import whose worker died ``attempts`` times, or
    ``None`` while it may run again."""
    if attempts + 1 < RERUN_MAX_ATTEMPTS:
        return None
    return gettext(
        "Impor terhenti %(n)d kali karena proses latar berhenti di tengah jalan. "
        "Tidak ada data yang disimpan. Periksa berkasnya (mungkin terlalu besar) "
        "lalu unggah ulang."
    ) % {"n": attempts}
