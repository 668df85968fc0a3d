"""Every URL of a URLconf with a concrete sample path, for tests that sweep a rule over
all pages. Regex routes are filled too (the sample must satisfy the regex: Django's own
``reverse`` checks it), and every sample is resolved back to its own view, so a route
that can not be sampled fails the sweep instead of being skipped silently."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.converters import IntConverter, PathConverter, SlugConverter, UUIDConverter

PUBLIC = "balai_site.urls_public"
TENANT = "balai_site.urls_tenant"

# Samples for a route's parameters: by converter, then for regex groups in order of trial.
_BY_CONVERTER = {
    IntConverter: "1",
    SlugConverter: "contoh",
    UUIDConverter: "00000000-0000-0000-0000-000000000000",
    PathConverter: "contoh/berkas.jpg",
}
_REGEX_SAMPLES = (
    "1801042001",
    "1801",
    "18",
    "csv",
    "1",
    "contoh",
    "contoh-20260101T000000Z.tar.gz",  # a console export archive's name
)


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    path: str  # a concrete sample path
    callback: Callable


def _walk(patterns, namespace: str = "", params: tuple = ()):
    for p in patterns:
        if isinstance(p, URLResolver):
            inner = ":".join(x for x in (namespace, p.namespace or "") if x)
            yield from _walk(p.url_patterns, inner, (*params, p.pattern))
        elif isinstance(p, URLPattern):
            yield (f"{namespace}:{p.name}" if namespace else p.name), p, (*params, p.pattern)


def _candidates(patterns: tuple) -> dict[str, tuple[str, ...]]:
    found: dict[str, tuple[str, ...]] = {}
    for pattern in patterns:
        for name, converter in getattr(pattern, "converters", {}).items():
            found[name] = (_BY_CONVERTER.get(type(converter), "contoh"),)
        regex = getattr(pattern, "_regex", None)
        if regex is not None and not getattr(pattern, "converters", None):
            for name in pattern.regex.groupindex:
                found[name] = _REGEX_SAMPLES
    return found


def routes(urlconf: str) -> list[Route]:
    """One sample per named URL of ``urlconf``; raises if a route can not be sampled."""
    result = []
    for name, pattern, chain in _walk(get_resolver(urlconf).url_patterns):
        assert name, f"unnamed route {pattern.pattern} in {urlconf}"
        options = _candidates(chain)
        path = None
        for values in itertools.product(*options.values()):
            try:
                candidate = reverse(
                    name, urlconf=urlconf, kwargs=dict(zip(options, values, strict=True))
                )
            except Exception:  # noqa: BLE001, S112 - try the next sample
                continue
            if resolve(candidate, urlconf=urlconf).func is pattern.callback:
                path = candidate
                break
        if path is None and not options:
            continue  # shadowed: an earlier route answers this exact path, this one never does
        assert path is not None, f"no sample path for {name} ({pattern.pattern}) in {urlconf}"
        result.append(Route(name=name, path=path, callback=pattern.callback))
    return result
