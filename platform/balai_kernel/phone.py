"""Indonesian telephone numbers: one rule for every form that asks for one.

People write the same number as ``0812-3456-7890``, ``+62 812 3456 7890``,
``62812…`` or ``(0721) 123456``; all are accepted and stored in one form, the national
one with its leading ``0`` and digits only (``081234567890``), so that two spellings
of one number compare equal and a WhatsApp or ``tel:`` link can be built from it.

What counts as a number (Permenkominfo numbering plan, as far as a form can tell):

- a mobile number: ``08`` and 8 to 11 more digits (10–13 in all);
- a fixed line: ``0``, an area code starting with 2–7 or 9, and the subscriber number
  (9–12 digits in all, e.g. ``(021) 1234567``, ``(0751) 12345``).

Anything else (letters, ``+1…``, too short or too long) is refused with one Indonesian
message that shows how to write it.
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

# Separators people type between digit groups; nothing else but digits and a leading +.
_SEPARATORS = re.compile(r"[\s\-.()/]")
MOBILE_LENGTHS = range(10, 14)
FIXED_LENGTHS = range(9, 13)

PHONE_MESSAGE = _(
    "Nomor telepon tidak valid. Tulis nomor Indonesia, mis. 0812-3456-7890 atau "
    "+62 812 3456 7890 (telepon kantor: (0721) 123456)."
)


def phone_normalize(value: str) -> str:
    """``+62 812-3456-7890`` → ``081234567890``; raises ``ValidationError`` (code
    ``phone``) for anything that is not an Indonesian number. ``""`` stays ``""``."""
    text = _SEPARATORS.sub("", (value or "").strip())
    if not text:
        return ""
    if text.startswith("+"):
        if not text.startswith("+62"):
            raise ValidationError(PHONE_MESSAGE, code="phone")
        text = "0" + text[3:]
    elif text.startswith("62"):
        text = "0" + text[2:]
    if not text.isascii() or not text.isdigit() or not text.startswith("0") or text[1:2] == "0":
        raise ValidationError(PHONE_MESSAGE, code="phone")
    lengths = MOBILE_LENGTHS if text.startswith("08") else FIXED_LENGTHS
    if len(text) not in lengths or text[1] in "01":
        raise ValidationError(PHONE_MESSAGE, code="phone")
    return text


def validate_phone(value: str) -> None:
    """Django validator form of :func:`phone_normalize` (for model fields)."""
    phone_normalize(value)


class PhoneField(forms.CharField):
    """A telephone field: accepts the usual spellings, cleans to the national form.
    Shown with ``type="tel"`` so phones open the number pad."""

    widget = forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"})

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("max_length", 30)
        if not kwargs.get("help_text"):  # a model field passes its own, often empty
            kwargs["help_text"] = _("Mis. 0812-3456-7890 atau +62 812 3456 7890.")
        super().__init__(**kwargs)  # type: ignore[arg-type]

    def to_python(self, value: object) -> str:
        return phone_normalize(super().to_python(value))


CONTACT_MESSAGE = _(
    "Tulis nomor telepon Indonesia (mis. 0812-3456-7890) atau alamat e-mail yang benar."
)


class PhoneOrEmailField(forms.CharField):
    """A contact that may be a telephone number or an e-mail address (public forms that
    ask for either): an address is checked as an address, anything else as a number."""

    def to_python(self, value: object) -> str:
        text = super().to_python(value).strip()
        if not text:
            return ""
        if "@" in text:
            try:
                validate_email(text)
            except ValidationError as exc:
                raise ValidationError(CONTACT_MESSAGE, code="contact") from exc
            return text
        try:
            return phone_normalize(text)
        except ValidationError as exc:
            raise ValidationError(CONTACT_MESSAGE, code="contact") from exc
