"""Form helpers shared by the control plane and the village apps."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from balai_kernel.html import HTML_PROFILES, html_editor_schema


def form_errors_add(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ``ValidationError`` on the form that fed it: messages keyed by a
    field of the form go under that field, everything else above the form. Services
    raise in the model's terms, and a form may not carry every field they name."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class RichTextarea(forms.Textarea):
    """A textarea for stored HTML that the browser turns into a WYSIWYG editor.

    ``balai/editor.js`` starts the self-hosted editor (HugeRTE, ``static/vendor/hugerte``)
    on every ``textarea[data-editor]``, with the tools of ``profile`` (``web`` or
    ``surat``, the allowlists of ``balai_kernel.html``). Without JavaScript it stays a
    plain textarea. The editor is convenience, never the safety: what it sends is
    cleaned by the column's ``HtmlField`` profile before it is stored."""

    class Media:
        js = ("vendor/hugerte/hugerte.min.js", "balai/editor.js")

    def __init__(self, *, profile: str, attrs: dict[str, Any] | None = None) -> None:
        if profile not in HTML_PROFILES:
            raise ValueError(f"unknown HTML profile {profile!r}")
        self.profile = profile
        super().__init__(
            {
                "rows": 14,
                **(attrs or {}),
                "data-editor": profile,
                "data-editor-elements": html_editor_schema(profile),
            }
        )
