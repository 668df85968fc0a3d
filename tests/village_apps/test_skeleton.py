"""Every village app has the same skeleton, and its views leave posted data to forms."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
SKELETON = (
    "models.py",
    "choices.py",
    "services.py",
    "selectors.py",
    "forms.py",
    "views.py",
    "urls.py",
    "facade.py",
)
VILLAGE_APPS = [
    a.removeprefix("village_apps.") for a in settings.TENANT_APPS if a.startswith("village_apps.")
]
# Posted values are read by a form (its ``cleaned_data``), never picked from the request.
RAW_POST = re.compile(r"request\.POST(\[|\.get\(|\.getlist\(|\.dict\(|\.items\()")


def missing(app_dir: Path, tests_dir: Path) -> list[str]:
    found = [f for f in SKELETON if not (app_dir / f).is_file()]
    if not (app_dir / "templates" / app_dir.name).is_dir():
        found.append(f"templates/{app_dir.name}/")
    if not tests_dir.is_dir():
        found.append(str(tests_dir.relative_to(ROOT)))
    return found


def test_every_village_app_is_in_the_tenant_apps():
    on_disk = {p.parent.name for p in (ROOT / "village_apps").glob("*/apps.py")}
    assert on_disk == set(VILLAGE_APPS)


@pytest.mark.parametrize("app", VILLAGE_APPS)
def test_app_has_the_skeleton(app):
    assert missing(ROOT / "village_apps" / app, ROOT / "tests" / "village_apps" / app) == []


def test_a_missing_file_is_found(tmp_path):
    """Positive control."""
    (tmp_path / "app" / "templates" / "app").mkdir(parents=True)
    for f in SKELETON[1:]:
        (tmp_path / "app" / f).write_text("")
    assert missing(tmp_path / "app", tmp_path) == ["models.py"]


def _views(app: str) -> list[Path]:
    return sorted((ROOT / "village_apps" / app).glob("views*.py"))


@pytest.mark.parametrize("app", VILLAGE_APPS)
def test_views_define_no_forms_and_read_no_raw_post(app):
    for path in _views(app):
        source = path.read_text()
        assert not RAW_POST.search(source), f"{path.name} reads request.POST directly"
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ClassDef):
                bases = {ast.unparse(b) for b in node.bases}
                assert not any("Form" in b for b in bases), f"{path.name}: {node.name}"


@pytest.mark.parametrize("app", VILLAGE_APPS)
def test_app_urls_are_mounted_the_one_way(app):
    """``urlpatterns`` (operator pages) and ``public_urlpatterns``, mounted by the
    table in ``balai_site.urls_tenant`` (no app includes itself elsewhere)."""
    from importlib import import_module

    from balai_site.urls_tenant import VILLAGE_APP_PREFIXES

    urls = import_module(f"village_apps.{app}.urls")
    assert urls.app_name == app
    assert isinstance(urls.urlpatterns, list) and isinstance(urls.public_urlpatterns, list)
    operator, public = VILLAGE_APP_PREFIXES[app]
    assert (operator is not None) == bool(urls.urlpatterns), app
    assert (public is not None) == bool(urls.public_urlpatterns), app
    assert sorted((ROOT / "village_apps" / app).glob("urls*.py")) == [
        ROOT / "village_apps" / app / "urls.py"
    ]
