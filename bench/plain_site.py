"""The routing benchmark's baseline: the same trivial page on plain, non-tenant Django.

Same middleware stack as Balai minus tenant routing; the page renders a fixed
village name, as Balai's ``/ping/`` renders it from the routed tenant.
"""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path


def ping(request):
    name = "Hajimena"
    return HttpResponse(f"<!doctype html><title>{name}</title><p>{name}</p>")


if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY=os.environ.get("SECRET_KEY", "bench-" * 10),
        ALLOWED_HOSTS=["*"],
        ROOT_URLCONF=__name__,
        INSTALLED_APPS=[
            "django.contrib.contenttypes",
            "django.contrib.auth",
            "django.contrib.sessions",
            "django.contrib.messages",
            "django.contrib.staticfiles",
        ],
        # Balai's middleware stack without the two tenancy middlewares.
        MIDDLEWARE=[
            "balai_site.observability.RequestContextMiddleware",
            "django.middleware.security.SecurityMiddleware",
            "whitenoise.middleware.WhiteNoiseMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.locale.LocaleMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.contrib.messages.middleware.MessageMiddleware",
            "django.middleware.clickjacking.XFrameOptionsMiddleware",
            "django.middleware.csp.ContentSecurityPolicyMiddleware",
        ],
        STATIC_URL="/static/",
        SECURE_CSP={"default-src": ["'self'"]},
        DATABASES={},
        USE_I18N=True,
        LANGUAGE_CODE="id",
    )

urlpatterns = [path("ping/", ping)]
application = get_wsgi_application()
