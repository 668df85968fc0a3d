"""The URLs of both URLconfs, for the sweeps that must cover every page or file view."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver

TENANT_URLCONF = "balai_site.urls_tenant"
PUBLIC_URLCONF = "balai_site.urls_public"


def url_patterns(
    urlconfs: tuple[str, ...] = (TENANT_URLCONF, PUBLIC_URLCONF),
) -> Iterator[tuple[str, str, str, URLPattern]]:
    """(urlconf, route, namespaced name, pattern) of every URL, includes followed."""

    def walk(resolver: URLResolver, route: str, namespace: str):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                ns = ":".join(filter(None, (namespace, p.namespace)))
                yield from walk(p, route + str(p.pattern), ns)
            else:
                name = ":".join(filter(None, (namespace, p.name))) if p.name else ""
                yield route + str(p.pattern), name, p

    for urlconf in urlconfs:
        for route, name, pattern in walk(get_resolver(urlconf), "", ""):
            yield urlconf, route, name, pattern
