#!/bin/sh
# Balai container entrypoint: one image, one role per process.
#   web      gunicorn serving HTTP on $GUNICORN_BIND (default 0.0.0.0:8000)
#   worker   procrastinate worker: background tasks and the periodic jobs
#            (backups, reconciliation, …); several replicas are safe
#   migrate  public schema, template schema, then the expand migrations of every
#            village (the Helm pre-install/pre-upgrade hook runs this)
#   fleet    manage.py fleet …, e.g. `fleet upgrade --kind contract`
#   manage   any manage.py command, e.g. `manage villages list`
set -eu
cd "${BALAI_HOME:-/app}"

role="${1:-web}"
[ "$#" -gt 0 ] && shift

case "$role" in
  web)
    # Per-pod metrics of all gunicorn workers are merged from this folder at scrape.
    export PROMETHEUS_MULTIPROC_DIR="${PROMETHEUS_MULTIPROC_DIR:-/tmp/prometheus}"
    rm -rf "$PROMETHEUS_MULTIPROC_DIR"
    mkdir -p "$PROMETHEUS_MULTIPROC_DIR"
    exec gunicorn --config infra/gunicorn.conf.py balai_site.wsgi:application "$@"
    ;;
  worker)
    # Metrics of the worker are read from the database by the web pods.
    unset PROMETHEUS_MULTIPROC_DIR
    exec python manage.py procrastinate worker "$@"
    ;;
  migrate)
    unset PROMETHEUS_MULTIPROC_DIR
    exec python infra/migrate.py "$@"
    ;;
  fleet)
    unset PROMETHEUS_MULTIPROC_DIR
    exec python manage.py fleet "$@"
    ;;
  manage)
    unset PROMETHEUS_MULTIPROC_DIR
    exec python manage.py "$@"
    ;;
  *)
    echo "entrypoint: unknown role '$role' (web, worker, migrate, fleet, manage)" >&2
    exit 64
    ;;
esac
