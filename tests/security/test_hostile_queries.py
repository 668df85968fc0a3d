"""Hostile query strings and form values on every page: a clean answer, never a 500.

People and scripts edit addresses by hand: ``?halaman=abc``, ``?tahun=99999999999``,
``?bulan=13``, ``?mulai=2026-02-30``, a 5,000-character search. Every GET filter of
every page must answer such a value with the page (the filter ignored or explained)
or a 4xx — not a server error.

The sweep walks both URLconfs (``tests.urlsweep``), so a route added later is covered;
the parameter names are read from the code (``request.GET.get("…")`` and its kin) and
from the templates' GET forms, so a filter added later is covered too. Each route gets
every name at once with one hostile value per request, as a signed-in user whose
session reaches the view (village admin; operations on the control plane).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.test import Client

from tests.control_plane.console.test_villages import login
from tests.control_plane.onboarding.helpers import make_staff
from tests.support.builders import village_login
from tests.urlsweep import every_route

pytestmark = [pytest.mark.django_db, pytest.mark.security]

ROOT = Path(__file__).resolve().parents[2]
CODE = (ROOT / "village_apps", ROOT / "platform")
_IN_CODE = re.compile(r"""GET(?:\.get|\.getlist|\.__contains__)?[\[(]\s*["'](\w+)["']""")
_GET_FORM = re.compile(r"<form\b[^>]*method=[\"']get[\"'][^>]*>(.*?)</form>", re.S | re.I)
_FIELD = re.compile(r"<(?:input|select|textarea)\b[^>]*\bname=[\"'](\w+)[\"']", re.I)
# Names a form class binds from request.GET (``FilterForm(request.GET)``): their fields.
_FORM_FIELD = re.compile(r"^\s{4}(\w+)\s*=\s*forms\.\w+Field\(", re.M)

HOSTILE = (
    "abc",
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "2026-02-30",
    "2026-13",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "x" * 5000,
    "１２",  # full-width digits: isdigit() is True, int() accepts them, a DB may not
)


def query_names() -> list[str]:
    """Every GET parameter name the code reads or a GET form sends."""
    names: set[str] = set()
    for root in CODE:
        for path in root.rglob("*.py"):
            text = path.read_text()
            names |= set(_IN_CODE.findall(text))
            if path.name == "forms.py":
                names |= set(_FORM_FIELD.findall(text))
        for path in root.rglob("*.html"):
            for form in _GET_FORM.findall(path.read_text()):
                names |= set(_FIELD.findall(form))
    return sorted(names - {"csrfmiddlewaretoken"})


def _clients(village, settings) -> dict[str, Client]:
    from tenants.context import village_context
    from village_apps.akun.services import village_user_create

    with village_context(village):
        admin = village_user_create(
            username="liar-admin", role="admin", password="sandi-kuat-12345"
        )
    clients = {
        "balai_site.urls_public": login(make_staff("liar-ops", "ops"), settings),
        "balai_site.urls_tenant": village_login(Client(HTTP_HOST=village.host), admin, village),
    }
    for client in clients.values():
        client.raise_request_exception = False
    return clients


def test_the_sweep_reads_the_filters_of_the_pages():
    names = query_names()
    # Filters of several apps, read from code and from templates' GET forms.
    assert {"q", "halaman", "tahun"} <= set(names), names
    assert len(names) > 20, names


def test_every_page_answers_hostile_filters_without_a_server_error(village, settings):
    names = query_names()
    clients = _clients(village, settings)
    failures: list[str] = []
    routes = 0
    for urlconf, client in clients.items():
        for route in every_route(urlconf):
            path = route.concrete()
            routes += 1
            for value in HOSTILE:
                query = urlencode({name: value for name in names})
                response = client.get(f"{path}?{query}", HTTP_ACCEPT_LANGUAGE="id")
                if response.status_code == 500:  # 503: a subsystem deliberately off
                    failures.append(f"{response.status_code} {route.name} {path} ={value[:30]!r}")
                    break
    assert routes > 150  # both URLconfs were walked
    assert not failures, "\n".join(failures)


def test_every_write_path_answers_hostile_form_values_without_a_server_error(village, settings):
    """The same values in every form field a page reads, posted to every route (a
    write that validates answers with its form and the errors, or a 4xx)."""
    names = query_names()
    clients = _clients(village, settings)
    failures: list[str] = []
    for urlconf, client in clients.items():
        for route in every_route(urlconf):
            path = route.concrete()
            for value in HOSTILE:
                response = client.post(path, {name: value for name in names})
                if response.status_code == 500:  # 503: a subsystem deliberately off
                    failures.append(f"{response.status_code} {route.name} {path} ={value[:30]!r}")
                    break
    assert not failures, "\n".join(failures)
