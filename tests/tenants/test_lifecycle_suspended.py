"""A suspended village: every URL pattern of the tenant URLconf (found by walking the
resolver, so apps added later are covered) renders on GET with the notice — or
redirects/404s for logins and missing objects, never 403 or 500 — and every unsafe
method is answered 403 but on the views declared ``read_only_allowed``."""

import uuid

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RoutePattern

from tenants import routing, services
from tenants.choices import SuspensionReason
from tenants.context import village_context
from tenants.read_only import is_read_only_allowed

# Pages that answer 500 for a missing object today, whatever the village's state; each
# entry names its owner's bug. The test fails once one is fixed, so the entry goes too.
KNOWN_500: dict[str, str] = {}

SAMPLES = {
    "int": "1",
    "slug": "contoh",
    "str": "contoh",
    "uuid": str(uuid.UUID(int=1)),
    "path": "a/b",
}


def _fill(route: str, converters: dict) -> str | None:
    import re

    def sample(match: re.Match) -> str:
        conv = match.group(1) or "str"
        obj = converters.get(match.group(2))
        name = type(obj).__name__.lower().removesuffix("converter") if obj else conv
        return SAMPLES.get(conv, SAMPLES.get(name, "1"))

    return re.sub(r"<(?:(\w+):)?(\w+)>", sample, route)


def tenant_urls() -> list[str]:
    urls: list[str] = []

    def walk(patterns, prefix: str) -> None:
        for p in patterns:
            pattern = p.pattern
            if isinstance(pattern, RoutePattern):
                part = _fill(str(pattern), pattern.converters)
            else:  # regex: use Django's own reverse machinery on a plain sample
                part = str(pattern).lstrip("^").rstrip("$").replace("\\", "")
                if "(" in part:
                    continue
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + part)
            elif isinstance(p, URLPattern):
                urls.append("/" + prefix + part)

    walk(get_resolver("balai_site.urls_tenant").url_patterns, "")
    return sorted(set(urls))


@pytest.fixture
def suspended_client(village):
    services.village_suspend(village=village, reason=SuspensionReason.OTHER, actor="ops")
    routing.cache.clear()
    client = Client(HTTP_HOST=village.host, raise_request_exception=False)
    with village_context(village):
        client.force_login(get_user_model().objects.get(username="admin"))
    return client


@pytest.mark.django_db
def test_every_tenant_url_is_read_only_when_suspended(suspended_client):
    urls = tenant_urls()
    assert len(urls) >= 5 and "/akun/masuk/" in urls
    problems = []
    rendered = 0
    for url in urls:
        r = suspended_client.get(url)
        if url in KNOWN_500:
            if r.status_code != 500:
                problems.append(f"GET {url} is fixed ({r.status_code}): remove it from KNOWN_500")
        elif r.status_code not in (200, 301, 302, 404, 405, 410):
            problems.append(f"GET {url} → {r.status_code}")
        elif r.status_code == 200 and "<html" in r.content.decode(errors="replace").lower():
            # A full page (not a fragment or a plain-text probe) must carry the notice.
            rendered += 1
            if "sedang ditangguhkan" not in r.content.decode():
                problems.append(f"GET {url} without the suspension notice")
        if is_read_only_allowed(resolve(url, "balai_site.urls_tenant").func):
            continue  # signing in and out, the language switch: tests/tenants/test_read_only_flows.py
        for method in ("post", "put", "patch", "delete"):
            r = getattr(suspended_client, method)(url)
            if r.status_code != 403:
                problems.append(f"{method.upper()} {url} → {r.status_code}")
    assert rendered >= 1
    assert not problems, "\n".join(problems)
