"""Settings for the dashboard benchmark: production settings, with the open-data rate
limit lifted (one client sends every request) and static files served without a
collected manifest (the page links the stylesheet; the benchmark never fetches it)."""

from balai_site.settings import *  # noqa: F403

OPENDATA_RATE_LIMIT = "1000000/m"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
