"""Form helpers shared by the control plane and the village apps."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def form_errors_add(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ``ValidationError`` on the form that fed it: messages keyed by a
    field of the form go under that field, everything else above the form. Services
    raise in the model's terms, and a form may not carry every field they name."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
