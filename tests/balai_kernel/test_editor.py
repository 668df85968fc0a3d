"""Stored HTML is edited with the WYSIWYG editor, whose schema is the allowlist.

Every ``HtmlField`` gives its form field a ``RichTextarea`` of its profile, and every
form of a village app with a field named like one of its app's ``HtmlField`` columns
uses it (the sweep finds a plain textarea added later). The editor's
``valid_elements`` is generated from the profile's allowlist, and the vendored files
the widget loads are in the static files (no CDN).
"""

from __future__ import annotations

import inspect
from importlib import import_module

import pytest
from django import forms
from django.apps import apps
from django.contrib.staticfiles import finders

from balai_kernel.forms import RichTextarea
from balai_kernel.html import SURAT_TAGS, WEB_TAGS, HtmlField, html_editor_schema


def _html_fields() -> list[tuple[str, HtmlField]]:
    return [
        (model._meta.app_config.name, f)
        for model in apps.get_models()
        for f in model._meta.concrete_fields
        if isinstance(f, HtmlField)
    ]


def test_there_are_html_fields():
    assert len(_html_fields()) >= 4


@pytest.mark.parametrize("field", [f for _, f in _html_fields()], ids=str)
def test_every_html_field_edits_with_the_editor_of_its_profile(field):
    widget = field.formfield().widget
    assert isinstance(widget, RichTextarea) and widget.profile == field.profile
    html = widget.render("isi", "<p>x</p>")
    assert f'data-editor="{field.profile}"' in html and "data-editor-elements=" in html


def test_every_village_form_field_for_stored_html_uses_the_editor():
    by_app: dict[str, set[str]] = {}
    for app, field in _html_fields():
        by_app.setdefault(app, set()).add(field.name)
    checked, plain = [], []
    for app, names in by_app.items():
        module = import_module(f"{app}.forms")
        for name, form in inspect.getmembers(module, inspect.isclass):
            if not issubclass(form, forms.BaseForm) or form.__module__ != module.__name__:
                continue
            for field_name in names & set(getattr(form, "base_fields", {})):
                widget = form.base_fields[field_name].widget
                checked.append(f"{name}.{field_name}")
                if not isinstance(widget, RichTextarea):
                    plain.append(f"{module.__name__}.{name}.{field_name}")
    assert len(checked) >= 4, checked
    assert not plain, f"stored HTML edited in a plain textarea: {plain}"


@pytest.mark.parametrize(("profile", "tags"), [("web", WEB_TAGS), ("surat", SURAT_TAGS)])
def test_the_editor_schema_is_the_allowlist(profile, tags):
    schema = html_editor_schema(profile)
    named = {part.split("[")[0] for part in schema.split(",") if not part.startswith("@")}
    assert named == tags
    if profile == "web":
        assert "style" not in schema and "a[href|title]" in schema.split(",")
    else:
        assert schema.startswith("@[align|class|style]") and "a[" not in schema


def test_the_widget_loads_only_vendored_files():
    for path in RichTextarea.Media.js:
        assert finders.find(path), path
    rendered = str(RichTextarea(profile="web").media)
    assert "/static/vendor/hugerte/hugerte.min.js" in rendered and "//" not in rendered
    for part in ("themes/silver/theme.min.js", "langs/id.js", "license.txt", "README.md"):
        assert finders.find(f"vendor/hugerte/{part}"), part
    with pytest.raises(ValueError, match="unknown HTML profile"):
        RichTextarea(profile="bebas")
