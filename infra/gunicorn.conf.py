"""gunicorn settings for Balai: every value can be overridden by environment variables."""

import multiprocessing
import os

workers = int(os.environ.get("WEB_CONCURRENCY", max(2, min(multiprocessing.cpu_count() * 2, 8))))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "500"))
# gunicorn's heartbeat files: /dev/shm is writable even with a read-only root filesystem.
SHM = "/dev/shm"  # noqa: S108 - gunicorn heartbeat files, not data
worker_tmp_dir = os.environ.get("GUNICORN_WORKER_TMP_DIR", SHM if os.path.isdir(SHM) else None)
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000").split(",")
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
# JSON access log without personal data: no query string (it may carry a NIK), no cookies.
access_log_format = (
    '{"time":"%(t)s","method":"%(m)s","path":"%(U)s","status":%(s)s,"bytes":"%(B)s",'
    '"duration_ms":%(M)s,"host":"%({host}i)s","request_id":"%({x-request-id}o)s"}'
)
