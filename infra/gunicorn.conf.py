"""gunicorn settings for Balai; every value can be overridden by an environment variable.

Workers follow the CPUs the container may actually use (the cgroup quota, not the
node's core count), timeouts are bounded, shutdown is graceful (Kubernetes sends
SIGTERM, then waits ``terminationGracePeriodSeconds``), and the access log is one
JSON object per request without personal data.
"""

from __future__ import annotations

import math
import os
from pathlib import Path


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def available_cpus() -> int:
    """CPUs granted by the cgroup (v2 ``cpu.max``, v1 quota/period), else the host count."""
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
        if quota != "max":
            return max(1, math.ceil(int(quota) / int(period)))
    except (OSError, ValueError):
        pass
    try:
        quota_v1 = int(Path("/sys/fs/cgroup/cpu/cpu.cfs_quota_us").read_text())
        period_v1 = int(Path("/sys/fs/cgroup/cpu/cpu.cfs_period_us").read_text())
        if quota_v1 > 0:
            return max(1, math.ceil(quota_v1 / period_v1))
    except (OSError, ValueError):
        pass
    return os.cpu_count() or 1


# 2 × CPUs + 1 is gunicorn's rule of thumb for sync workers; capped, because every
# worker keeps its own database connection and routing cache.
workers = _env_int("WEB_CONCURRENCY", min(2 * available_cpus() + 1, 9))
# Always gthread, never sync: a sync worker blocks reading a connection a browser opened
# and left idle (a speculative preconnect, a kept-alive tab) until the arbiter kills it
# for "WORKER TIMEOUT" (SIGKILL, and with it any request it was serving). A gthread
# worker parks idle connections in its poller and closes them after ``keepalive`` while
# its main loop keeps the heartbeat (tests/infra/test_gunicorn_idle.py). Each thread
# holds its own database connection: connections ≈ workers × threads.
threads = _env_int("GUNICORN_THREADS", 2)
worker_class = "gthread"
timeout = _env_int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _env_int("GUNICORN_GRACEFUL_TIMEOUT", 25)
keepalive = _env_int("GUNICORN_KEEPALIVE", 5)
# Recycle workers now and then: bounds slow leaks and the per-schema catalog cache.
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 5000)
max_requests_jitter = _env_int("GUNICORN_MAX_REQUESTS_JITTER", 500)
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000").split(",")
# The ingress controller is the only peer allowed by the NetworkPolicy; trust its
# X-Forwarded-* headers. Narrow this outside Kubernetes.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*")
# Heartbeat files on tmpfs: works with a read-only root filesystem.
SHM = "/dev/shm"  # noqa: S108 - gunicorn heartbeat files, not data
worker_tmp_dir = os.environ.get("GUNICORN_WORKER_TMP_DIR", SHM if os.path.isdir(SHM) else None)
# The application is imported and warmed (URLconfs, views, both languages' catalogs,
# templates: ``balai_site.warmup``) once in the master; every worker — also those that
# replace recycled ones — forks warm instead of paying seconds on its first request.
# Nothing may open a database connection at import time (it would be shared by every
# worker): the warm-up closes any it opened. ``GUNICORN_PRELOAD=false`` imports per worker.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() in {"1", "true", "yes"}

accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
# Redacts the secrets URLs carry (reset, invitation and e-mail-change tokens, tracking
# codes) from every atom of the access log, whatever the format below shows.
logger_class = "balai_kernel.access_log.AccessLogger"
errorlog = "-"
# No query string (it may carry a NIK), no cookies, no user agent, no client address
# (personal data under UU PDP); the request id ties a line to the application logs.
access_log_format = (
    '{"time":"%(t)s","method":"%(m)s","path":"%(U)s","status":%(s)s,"bytes":"%(B)s",'
    '"duration_ms":%(M)s,"host":"%({host}i)s","request_id":"%({x-request-id}o)s"}'
)


def child_exit(server, worker) -> None:
    """Drop a dead worker's live gauges from the shared metrics folder."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)


def post_worker_init(worker) -> None:
    """Before the worker accepts a connection: its own database connection and the PDF
    renderer's fonts (state that must not cross the fork)."""
    from balai_site.warmup import worker_warm

    timings = worker_warm()
    worker.log.info("worker %s warm: %s", worker.pid, timings)
