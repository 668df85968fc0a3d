"""Each request trusts only its own origin (issue 16, finding 14): with
``https://*.BALAI_DOMAIN`` in ``CSRF_TRUSTED_ORIGINS`` a page of village B (or script
on it) could post to village A or the control plane with a forged ``Origin``."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.security]


def _post_with_origin(host: str, origin: str) -> int:
    client = Client(enforce_csrf_checks=True, HTTP_HOST=host)
    client.get("/")  # sets the CSRF cookie (language switcher form on every page)
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/i18n/setlang/",
        {"language": "en", "next": "/", "csrfmiddlewaretoken": token},
        HTTP_ORIGIN=origin,
    )
    return response.status_code


def test_a_cross_village_post_with_a_forged_origin_is_refused(settings, village, village_b):
    host = f"{village.host}:{settings.BALAI_PORT}"
    assert _post_with_origin(host, f"http://{host}") == 302  # its own origin
    other = f"http://{village_b.host}:{settings.BALAI_PORT}"
    assert _post_with_origin(host, other) == 403
    platform = f"http://{settings.BALAI_DOMAIN}:{settings.BALAI_PORT}"
    assert _post_with_origin(host, platform) == 403
    # and the other way round: a village's origin does not reach the control plane
    assert _post_with_origin(f"{settings.BALAI_DOMAIN}:{settings.BALAI_PORT}", other) == 403
