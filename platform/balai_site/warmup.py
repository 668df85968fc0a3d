"""Warming a web process before it takes traffic.

A cold worker's first request pays for everything Django and the apps do lazily:
importing every view through the URLconfs (WeasyPrint alone is 3–4 s of imports),
loading and merging both languages' catalogs of every app, compiling templates,
opening the database connection and, for a letter, WeasyPrint's fonts. On a loaded
2-core machine that was 2–20 s per worker (issue 23), so the first visitors of every
new worker — and of every worker gunicorn recycles after ``max_requests`` — waited.

- ``process_warm()`` does the part that can be shared: pure Python, no database. The
  WSGI module runs it on import, so under gunicorn's ``preload_app``
  (``infra/gunicorn.conf.py``) it runs once in the master and every worker forks with
  it done; without preloading each worker runs it while loading the app, still before
  it accepts a connection.
- ``worker_warm()`` does what must not cross a fork — the database connection and
  WeasyPrint's fontconfig state — in each worker before it accepts a connection
  (gunicorn's ``post_worker_init``).

Both only log what fails: a warm-up must never keep a process from serving.
"""

from __future__ import annotations

import gc
import logging
import time
from pathlib import Path

log = logging.getLogger("balai.warmup")


PROJECT_PACKAGES = ("balai_kernel", "balai_site", "tenants", "control_plane", "village_apps")
SKIPPED = (".migrations", ".management", ".tests", "balai_site.asgi", "balai_site.wsgi")


def _modules() -> None:
    """Import every module of the project, so that imports written inside functions
    (the usual way to keep layers apart) are paid here, not by a request; and the
    migration graph that ``fleet``'s middleware compares every village against."""
    import importlib
    import pkgutil

    for package_name in PROJECT_PACKAGES:
        package = importlib.import_module(package_name)
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{package_name}."):
            if any(part in info.name for part in SKIPPED):
                continue
            try:
                importlib.import_module(info.name)
            except Exception:  # noqa: BLE001 - an optional module must not stop the warm-up
                log.warning("warm-up could not import %s", info.name, exc_info=True)
    from django.apps import apps

    if apps.is_installed("control_plane.fleet"):
        from control_plane.fleet.selectors import code_graph

        code_graph()


def _urlconfs() -> None:
    from django.conf import settings
    from django.urls import get_resolver
    from django.utils import translation

    for urlconf in {settings.ROOT_URLCONF, getattr(settings, "PUBLIC_SCHEMA_URLCONF", None)}:
        if not urlconf:
            continue
        resolver = get_resolver(urlconf)
        resolver.url_patterns  # noqa: B018 - imports every view module
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                resolver.reverse_dict  # noqa: B018 - reverse() tables, per language


def _translations() -> None:
    from django.conf import settings
    from django.utils import translation

    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            translation.gettext("Balai")  # loads and merges every app's catalog


def template_names() -> list[str]:
    """Every template of the project and the installed apps, by loader name."""
    from django.conf import settings
    from django.template.utils import get_app_template_dirs

    dirs = [Path(d) for t in settings.TEMPLATES for d in t.get("DIRS", [])]
    dirs += [Path(d) for d in get_app_template_dirs("templates")]
    names = set()
    for folder in dirs:
        for path in folder.rglob("*"):
            if path.is_file() and path.suffix in {".html", ".txt", ".xml"}:
                names.add(path.relative_to(folder).as_posix())
    return sorted(names)


def _templates() -> int:
    """Compile every template into the cached loader (production: ``DEBUG`` off; in
    development templates are read per request anyway)."""
    from django.conf import settings
    from django.template import TemplateDoesNotExist, TemplateSyntaxError
    from django.template.loader import get_template

    if settings.DEBUG:
        return 0
    compiled = 0
    for name in template_names():
        try:
            get_template(name)
            compiled += 1
        except (TemplateDoesNotExist, TemplateSyntaxError, UnicodeDecodeError):
            continue  # a file that is not a template on its own (an included fragment)
    return compiled


def _static_manifest() -> None:
    from django.contrib.staticfiles.storage import staticfiles_storage

    try:
        staticfiles_storage.url("balai/favicon.svg")  # reads the manifest once
    except ValueError:
        log.warning("static files are not collected (manage.py collectstatic)")


def process_warm() -> dict[str, float]:
    """Import, resolve, translate and compile everything a first request would; returns
    seconds per step. Opens no database connection (and closes any left open), so the
    process may fork afterwards."""
    from django.db import connections

    timings: dict[str, float] = {}
    for name, step in (
        ("modules", _modules),
        ("urlconfs", _urlconfs),
        ("translations", _translations),
        ("templates", _templates),
        ("static_manifest", _static_manifest),
    ):
        started = time.perf_counter()
        try:
            step()
        except Exception:  # noqa: BLE001 - never keep the process from serving
            log.exception("warm-up step %s failed", name)
        timings[name] = round(time.perf_counter() - started, 3)
    connections.close_all()
    # Everything loaded so far lives as long as the process: move it out of the cyclic
    # garbage collector's sight. Otherwise every full collection walks the whole
    # application (hundreds of thousands of objects, tens of milliseconds under load),
    # and after a fork would also touch — and so copy — every shared page.
    gc.collect()
    gc.freeze()
    return timings


def _database() -> None:
    from django.db import connection

    if not connection.settings_dict.get("ENGINE", "").endswith(".dummy"):
        connection.ensure_connection()  # (a process without a database has nothing to open)


def _pdf_fonts() -> None:
    from django.apps import apps

    if apps.is_installed("village_apps.surat"):
        from village_apps.surat import pdf

        pdf.warm()


def worker_warm() -> dict[str, float]:
    """Per worker, after the fork: open the database connection and load the PDF
    renderer's fonts and stylesheets; returns seconds per step."""
    timings: dict[str, float] = {}
    for name, step in (("database", _database), ("pdf_fonts", _pdf_fonts)):
        started = time.perf_counter()
        try:
            step()
        except Exception:  # noqa: BLE001 - a database outage must not stop the worker
            log.warning("worker warm-up step %s failed", name, exc_info=True)
        timings[name] = round(time.perf_counter() - started, 3)
    return timings
