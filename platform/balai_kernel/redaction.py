"""Secrets carried in URLs never reach a log line.

Password-reset, invitation and e-mail-change links, sign-up status pages, letter
verification and complaint tracking carry their secret in the path
(``/akun/sandi/atur/<uidb64>/<token>/``) or the query string (``?undangan=…``).
Whoever reads the access log or the application log could use them. Every text that
goes to a log (the gunicorn access log through ``AccessLogger``, Django's request
logging and every other record through ``observability.scrub_text``, Sentry events
too) passes ``redact_text``.

Which segments are secret is the table ``SECRET_PATHS`` (plain data: redaction runs
inside every log call, in processes that never load a URLconf, so it cannot import
the URLconfs and their views). ``tests/security/test_log_redaction.py`` walks both
URLconfs and fails on any route whose parameter is named in ``SECRET_URL_PARAMETERS``
and is not redacted here, and on any secret-sounding parameter not classified as
secret or public (``PUBLIC_URL_PARAMETERS``), so a new token route cannot be missed.
"""

from __future__ import annotations

import re

REDACTED = "[disaring]"
SECRET_URL_PARAMETERS = frozenset({"token", "email_token", "uidb64", "kode"})
# Secret-sounding parameters that are public identifiers (route name → parameters).
PUBLIC_URL_PARAMETERS: dict[str, frozenset[str]] = {
    "web:statistik_detail": frozenset({"kode"}),  # a statistics category
    **{
        name: frozenset({"code"})  # Kemendagri region codes, public by law
        for name in (
            "dashboards:region",
            "dashboards:opendk",
            "dashboards:download",
            "dashboards:village_books",
            "dashboards:village_book",
            "opendata:region",
            "opendata:region-csv",
            "opendata:children",
            "opendata:children-csv",
        )
    },
}
# Paths whose {parameters} are secrets, matched as prefixes (``/daftar/status/{token}/``
# covers ``…/langkah/`` too).
SECRET_PATHS = (
    "/akun/email/konfirmasi/{token}/",  # control plane: e-mail change
    "/akun/sandi/atur/{uidb64}/{token}/",  # control plane: password reset, invitation
    "/daftar/verifikasi/{email_token}/",  # sign-up e-mail verification
    "/daftar/status/{token}/",  # sign-up status page
    "/akun/atur-sandi/{uidb64}/{token}/",  # village: first password, reset
    "/surat/verifikasi/{token}/",  # letter verification (QR code)
    "/pengaduan/lacak/{kode}/",  # complaint tracking code
)
# Query parameters that carry a secret (invitation token, complaint tracking code).
SECRET_QUERY_PARAMETERS = frozenset({"undangan", "kode", "token"})

_QUERY_SECRET = re.compile(
    rf"(?P<key>(?:^|[?&;])(?:{'|'.join(sorted(SECRET_QUERY_PARAMETERS))})=)[^&;#\s\"']*"
)
# A path (with an optional scheme and host before it, and a query string after it) in
# free text: a log message, a request line, a Referer.
_URLISH = re.compile(
    r"(?P<base>https?://[^/\s\"'<>]+)?(?P<path>/[^\s\"'<>?#]*)(?P<query>\?[^\s\"'<>#]*)?"
)


def _template_regex(template: str) -> re.Pattern[str]:
    """``/x/{token}/`` → ``^/x/(?P<token>[^/]+)/`` (a prefix match)."""
    parts = re.split(r"\{(\w+)\}", template)  # literal, name, literal, name, …
    return re.compile(
        "^"
        + "".join(
            re.escape(part) if i % 2 == 0 else f"(?P<{part}>[^/]+)" for i, part in enumerate(parts)
        )
    )


_SECRET_PATH_RES = tuple(_template_regex(template) for template in SECRET_PATHS)


def redact_path(path: str) -> str:
    """``path`` with the secret segments of the route it matches replaced."""
    for regex in _SECRET_PATH_RES:
        match = regex.match(path)
        if match is None:
            continue
        for start, end in sorted((match.span(g) for g in regex.groupindex), reverse=True):
            path = path[:start] + REDACTED + path[end:]
        return path
    return path


def redact_query(query: str) -> str:
    """A query string (with or without its ``?``) with secret values replaced."""
    return _QUERY_SECRET.sub(lambda m: m.group("key") + REDACTED, query) if query else query


def redact_text(text: str) -> str:
    """Every URL-like part of ``text`` redacted (paths and query strings)."""
    if "/" not in text and "=" not in text:
        return text
    return _URLISH.sub(
        lambda m: (
            (m.group("base") or "")
            + redact_path(m.group("path"))
            + redact_query(m.group("query") or "")
        ),
        text,
    )
