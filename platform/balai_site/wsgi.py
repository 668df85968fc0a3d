"""The WSGI application, warmed before it serves (``balai_site.warmup``): under gunicorn's
``preload_app`` this runs once in the master, and every worker forks warm."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balai_site.settings")
application = get_wsgi_application()

from balai_site.warmup import process_warm  # noqa: E402 - needs the configured app

process_warm()
