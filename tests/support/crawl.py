"""A crawler for sweep tests: every page a role can reach by following links.

``crawl`` starts from a role's landing pages and follows every same-site link (GET
only) with Django's test client, discovering pages by their links, so a page added
later is covered by itself. ``page_problems`` is the check each HTML page goes through:

- **foreign links**: an absolute link (``href``, ``src``, a GET form's ``action``) must
  point at the configured public address — ``BALAI_SCHEME://<host>:BALAI_PORT`` where
  the host is the platform domain or one of its village subdomains (what
  ``balai_kernel.links`` builds). Another scheme, host or port is a problem, unless
  the target is listed in ``EXTERNAL_ALLOWED`` with its reason.
- **English in Indonesian pages**: the visible text (and the attributes people read:
  ``placeholder``, ``title``, ``alt``, ``aria-label``, button values) must not hold a
  known English UI text (``ENGLISH_UI``: Django's forms, auth and admin words).
- **broken links**: ``crawl`` also fetches every same-site link (the others with an
  anonymous client of their host) and reports any that answers 4xx or 5xx, or that
  sends a signed-in role to a sign-in page.

- **repeated queries (N+1)**: every answer the crawl fetches (pages and downloads) runs
  under a query capture; a statement that repeats more than ``REPEAT_LIMIT`` times in
  one request with only its literals changed (``WHERE id = 7``, ``= 8``, …) is a
  per-row query, reported with its count. The crawled villages hold the demo's data, so
  any list, book or export that loads something per row shows up here.

Downloads (any answer that is not HTML) and sign-out links are fetched for their
status only, never parsed (sign-out is never fetched). Routes that repeat with
different ids or filters are sampled (``per_route`` URLs each), which keeps the crawl
fast and still reaches every kind of page.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve

# Known English UI texts (Django forms, auth, admin and generic web words). Matched as
# whole words, case-sensitively, against the visible text of Indonesian pages. Words an
# Indonesian page legitimately uses ("Status", "Total", "Email", "No." for nomor, "Data")
# are deliberately absent.
ENGLISH_UI = (
    "Select an option", "Select a valid choice", "This field is required", "Enter a valid",
    "Ensure this value", "Enter a number", "Enter a whole number", "Forbidden",
    "Page not found", "Not Found", "Server Error", "Bad Request", "Permission denied",
    "Password", "Username", "Log in", "Log out", "Login", "Logout", "Sign in", "Sign out",
    "Next", "Previous", "Submit", "Save", "Delete", "Cancel", "Search", "Filter", "Add",
    "Edit", "Remove", "Upload", "Download", "Back", "Yes", "Currently", "Change:",
    "Clear", "Choose", "Required", "Optional", "Loading", "Close", "Show", "Hide",
    "Actions", "Details", "Unknown", "None", "True", "False", "Nothing", "Welcome",
    "Home", "Settings", "Profile", "Name", "Address", "Date", "Phone",
)  # fmt: skip
_ENGLISH = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ENGLISH_UI)) + r")(?![\w-])")

# Absolute links that may leave the configured address, with the reason.
EXTERNAL_ALLOWED: dict[str, str] = {
    # Stripe's hosted invoice page and its PDF: where a kabupaten pays an invoice.
    "https://invoice.stripe.com/": "Stripe hosted invoice",
    "https://pay.stripe.com/": "Stripe hosted invoice PDF",
}


def external_allowed(link: str) -> bool:
    """A link to another host that is there on purpose (``EXTERNAL_ALLOWED``, or the
    hosted invoice pages of the Stripe-compatible server the settings point at)."""
    stripe_base = (settings.STRIPE_API_BASE or "").rstrip("/")
    if stripe_base and link.startswith(stripe_base + "/"):
        return True
    return any(link.startswith(p) for p in EXTERNAL_ALLOWED)


# Attributes holding a link, per tag; a GET form's action is handled apart.
_LINK_ATTRS = {
    "a": "href",
    "area": "href",
    "link": "href",
    "img": "src",
    "script": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
}
_READ_ATTRS = ("placeholder", "title", "alt", "aria-label")
_HIDDEN_CONTENT = {"script", "style", "template", "noscript"}
SIGN_OUT = re.compile(r"/(keluar|logout)/")
SIGN_IN = re.compile(r"/(masuk|login)/")


# A statement may repeat this often in one request (a page of rows must not cost a query
# per row; a handful of repeats — one per section of a page — are not per-row).
REPEAT_LIMIT = 5
_SQL_LITERAL = re.compile(r"'(?:[^']|'')*'|(?<![\w\"])-?\d+(?:\.\d+)?(?![\w\"])")
_SQL_IN_LIST = re.compile(r"\bIN \((?:\?|%s)(?:, ?(?:\?|%s))*\)")
# Statements of the connection, not of a view: the tenant router's search_path and
# transaction bookkeeping.
_SQL_PLUMBING = ("SET ", "SAVEPOINT ", "RELEASE SAVEPOINT ", "ROLLBACK TO SAVEPOINT ")


def sql_shape(sql: str) -> str:
    """A statement with its literal values replaced, so two queries that differ only in
    the row they ask for have the same shape."""
    return _SQL_IN_LIST.sub("IN (…)", _SQL_LITERAL.sub("?", sql))


def repeated_queries(sqls: Iterable[str], limit: int = REPEAT_LIMIT) -> list[tuple[int, str]]:
    """Shapes run more than ``limit`` times, with their counts (most first)."""
    counts = Counter(sql_shape(s) for s in sqls if not s.startswith(_SQL_PLUMBING))
    return sorted(((n, shape) for shape, n in counts.items() if n > limit), reverse=True)


@dataclass(frozen=True)
class Problem:
    page: str  # the page showing it, or the link that failed
    kind: str  # "foreign-link" | "english" | "status" | "sign-in" | "n+1"
    detail: str
    via: str = ""  # the page that linked to ``page``

    def __str__(self) -> str:
        via = f" (linked from {self.via})" if self.via else ""
        return f"{self.kind} {self.detail}: {self.page}{via}"


class _Page(HTMLParser):
    """Links and human-readable text of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.text: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in _HIDDEN_CONTENT:
            self._hidden += 1
        if tag in _LINK_ATTRS and a.get(_LINK_ATTRS[tag]):
            self.links.append(a[_LINK_ATTRS[tag]])
        if tag == "form" and a.get("method", "get").lower() == "get":
            self.links.append(a.get("action", ""))
        self.text += [a[k] for k in _READ_ATTRS if a.get(k)]
        if tag in ("input", "button") and a.get("type") in ("submit", "button", "reset"):
            self.text.append(a.get("value", ""))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _HIDDEN_CONTENT:
            self._hidden -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_CONTENT and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.text.append(data)


def page_parse(html: str) -> tuple[list[str], str]:
    """The page's links (as written) and its human-readable text."""
    parser = _Page()
    parser.feed(html)
    parser.close()
    return parser.links, " ".join(" ".join(parser.text).split())


def english_found(text: str) -> list[str]:
    return sorted(set(_ENGLISH.findall(text)))


def public_origin_ok(url: str) -> bool:
    """Whether an absolute URL is on the configured public address (platform domain or
    a village subdomain, ``BALAI_SCHEME`` and ``BALAI_PORT``)."""
    parts = urlsplit(url)
    domain = settings.BALAI_DOMAIN
    host = (parts.hostname or "").lower()
    port = str(parts.port) if parts.port else ""
    return (
        parts.scheme == settings.BALAI_SCHEME
        and (host == domain or host.endswith(f".{domain}"))
        and port == (settings.BALAI_PORT or "")
    )


def _absolute(link: str) -> bool:
    return bool(urlsplit(link).scheme) or link.startswith("//")


def page_problems(page: str, html: str) -> tuple[list[str], list[Problem]]:
    """The check of one HTML page: its links (absolute, resolved against ``page``) and
    the problems it shows by itself (foreign links, English texts)."""
    links, text = page_parse(html)
    problems = [Problem(page, "english", w) for w in english_found(text)]
    resolved = []
    for link in links:
        link = link.strip()
        if link.startswith(("mailto:", "tel:", "data:", "javascript:", "#")):
            if link.startswith("javascript:"):
                problems.append(Problem(page, "foreign-link", link))
            continue
        if _absolute(link) and not public_origin_ok(urljoin(page, link)):
            if not external_allowed(link):
                problems.append(Problem(page, "foreign-link", link))
            continue
        resolved.append(urldefrag(urljoin(page, link)).url)
    return resolved, problems


@dataclass
class Crawl:
    """What one crawl saw: pages parsed, URLs fetched for their status, problems."""

    pages: list[str] = field(default_factory=list)
    fetched: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _route_key(url: str, urlconf: str | None) -> tuple:
    parts = urlsplit(url)
    try:
        match = resolve(parts.path, urlconf=urlconf)
        name = match.view_name
    except Resolver404:
        name = parts.path
    return (parts.netloc, name, frozenset(k for k, _ in parse_qsl(parts.query)))


def crawl(
    client: Client,
    starts: Iterable[str],
    *,
    origin: str,
    urlconf: str | None,
    signed_in: bool,
    others_sign_in: tuple[str, ...] = (),
    other_host: Callable[[str], Client] | None = None,
    per_route: int = 2,
    limit: int = 1500,
) -> Crawl:
    """Follow links from ``starts`` (paths on ``origin``, e.g. ``http://x.localhost:8123``)
    with ``client``, checking every page. Links to another allowed host are fetched once
    with ``other_host(netloc)``'s client (status only). ``others_sign_in``: sign-in
    pages of another audience (path prefixes) that a link may rightly lead this role to,
    e.g. village staff on the public site's link to residents' self-service."""
    result = Crawl()
    queue = deque(urljoin(origin, s) for s in starts)
    seen: set[str] = set(queue)
    linked_from: dict[str, str] = {}  # a URL → the first page that linked to it

    def problem(url: str, kind: str, detail: str) -> None:
        result.problems.append(Problem(url, kind, detail, linked_from.get(url, "")))

    per_key: dict[tuple, int] = {}
    netloc = urlsplit(origin).netloc

    while queue and len(result.fetched) < limit:
        url = queue.popleft()
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if SIGN_OUT.search(parts.path):
            continue
        if parts.path.startswith(settings.STATIC_URL):
            # The test client serves no static files: ask the finders, as runserver does.
            result.fetched.append(url)
            if not finders.find(parts.path.removeprefix(settings.STATIC_URL)):
                problem(url, "status", "404 (no such static file)")
            continue
        if parts.netloc != netloc:
            if other_host is not None:
                response = other_host(parts.netloc).get(path, follow=False)
                result.fetched.append(url)
                if response.status_code >= 400:
                    problem(url, "status", str(response.status_code))
            continue
        key = _route_key(url, urlconf)
        per_key[key] = per_key.get(key, 0) + 1
        if per_key[key] > per_route:
            continue
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, follow=False, HTTP_ACCEPT_LANGUAGE="id")
            if getattr(response, "streaming", False):
                # Drained, not read: the test client closes a streamed answer (and fires
                # request_finished without closing the test's connection) once consumed.
                for _chunk in response.streaming_content:
                    pass
        for n, shape in repeated_queries(q["sql"] for q in queries.captured_queries):
            problem(url, "n+1", f"{n}× {shape[:300]}")
        result.fetched.append(url)
        status = response.status_code
        if status >= 400:
            problem(url, "status", str(status))
        if status in (301, 302, 303, 307, 308):
            target = urljoin(url, response["Location"])
            target_path = urlsplit(target).path
            if (
                signed_in
                and SIGN_IN.search(target_path)
                and not target_path.startswith(others_sign_in)
            ):
                problem(url, "sign-in", target)
            elif not public_origin_ok(target):
                problem(url, "foreign-link", f"redirect to {target}")
            elif target not in seen:
                seen.add(target)
                linked_from[target] = url
                queue.append(target)
            continue
        if getattr(response, "streaming", False):
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        result.pages.append(url)
        links, problems = page_problems(url, response.content.decode())
        result.problems += problems
        for link in links:
            if link not in seen:
                seen.add(link)
                linked_from[link] = url
                queue.append(link)
    return result
