"""Every URL pattern of both URLconfs, as concrete paths, for sweep tests.

A sweep walks the URLconfs instead of a list, so a route added later is covered by
itself. ``every_route`` yields each pattern with its parameter names; ``concrete``
turns one into a path, filling each parameter with a value that matches its
converter or regular expression (or a given one).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

URLCONFS = ("balai_site.urls_public", "balai_site.urls_tenant")
# Candidates for the groups of regex routes (dashboards, open data): the first one the
# group's expression matches is used.
# The last: a village export archive name (``<slug>-<UTC timestamp>.tar.gz``).
REGEX_CANDIDATES = (
    "18", "1801042001", "csv", "1", "x", "contoh-20260101T000000Z.tar.gz", "2026-01"
)  # fmt: skip
CONVERTER_SAMPLES = {"int": "1", "path": "a/b"}


@dataclass(frozen=True)
class Route:
    urlconf: str
    name: str
    route: str  # as written, prefixes joined (``surat/verifikasi/<str:token>/``)
    pattern: URLPattern

    @property
    def params(self) -> list[tuple[str, str]]:
        """(converter or "regex", name) of each parameter, in order."""
        found = re.findall(r"\(\?P<(\w+)>|(?<!\?P)<(?:(\w+):)?(\w+)>", self.route)
        return [("regex", rx) if rx else (conv or "str", name) for rx, conv, name in found]

    def concrete(self, values: dict[str, str] | None = None) -> str:
        values = values or {}

        def converter(m: re.Match) -> str:
            conv, name = m.group(1) or "str", m.group(2)
            return values.get(name, CONVERTER_SAMPLES.get(conv, f"x{name}"))

        def group(m: re.Match) -> str:
            if m.group(1) in values:
                return values[m.group(1)]
            return next(c for c in REGEX_CANDIDATES if re.fullmatch(m.group(2), c))

        path = re.sub(r"\(\?P<(\w+)>([^)]*)\)", group, self.route)
        path = re.sub(r"<(?:(\w+):)?(\w+)>", converter, path)
        path = path.replace("^", "").replace("$", "").replace("\\.", ".")
        return "/" + path


def every_route(urlconf: str) -> Iterator[Route]:
    def walk(patterns, prefix: str, ns: tuple[str, ...]) -> Iterator[Route]:
        for p in patterns:
            if isinstance(p, URLResolver):
                sub = ns + ((p.namespace,) if p.namespace else ())
                yield from walk(p.url_patterns, prefix + str(p.pattern), sub)
            else:
                name = ":".join((*ns, p.name or p.lookup_str))
                yield Route(urlconf, name, prefix + str(p.pattern), p)

    yield from walk(get_resolver(urlconf).url_patterns, "", ())


def undeclared(
    routes: list[Route], declaration: Callable[[Callable], object], exempt: Mapping[str, str]
) -> list[str]:
    """``/route (name)`` of every route whose view has no ``declaration`` (``None``),
    but those ``exempt`` names (each with why it declares nothing)."""
    return [
        f"/{r.route} ({r.name})"
        for r in routes
        if declaration(r.pattern.callback) is None and r.name not in exempt
    ]


def stripped(route: Route) -> Route:
    """The same route with a view that declares nothing (a sweep's positive control)."""

    def bare(request):  # noqa: ANN001, ANN202 - never called
        raise AssertionError

    pattern = type(route.pattern)(route.pattern.pattern, bare, name=route.pattern.name)
    return Route(route.urlconf, route.name, route.route, pattern)
