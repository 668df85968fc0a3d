"""One rule for Indonesian telephone numbers (issue 18, finding 12: "abc" was accepted
as a sign-up's phone), used by every form that asks for one."""

import importlib
import pkgutil
import re

import pytest
from django import forms
from django.core.exceptions import ValidationError

from balai_kernel.phone import PhoneField, PhoneOrEmailField, phone_normalize


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("081234567890", "081234567890"),
        ("0812-3456-7890", "081234567890"),
        ("+62 812 3456 7890", "081234567890"),
        ("+62-812-3456-789", "08123456789"),
        ("6281234567890", "081234567890"),
        ("0812 345 678", "0812345678"),  # 10 digits: the shortest mobile number
        ("(0721) 123456", "0721123456"),  # a kantor desa's fixed line
        ("021-1234567", "0211234567"),
        ("(0751) 12345", "075112345"),
        ("", ""),
    ],
)
def test_usual_spellings_are_accepted_and_stored_alike(typed, stored):
    assert phone_normalize(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "abc",
        "0812abc",
        "0812",  # too short
        "08123456789012",  # 14 digits: too long
        "12345678",  # no 0 or +62
        "+1 202 555 0100",  # not Indonesian
        "0012345678",
        "0112345678",
        "+62 0812 3456 7890 1",
        "０８１２３４５６７８９０",  # full-width digits
    ],
)
def test_anything_else_is_refused_with_one_indonesian_message(typed):
    with pytest.raises(ValidationError) as exc:
        phone_normalize(typed)
    assert "Nomor telepon tidak valid" in exc.value.messages[0]
    assert "0812-3456-7890" in exc.value.messages[0]


def test_a_contact_field_takes_a_number_or_an_address():
    field = PhoneOrEmailField(required=False)
    assert field.clean("0812 3456 7890") == "081234567890"
    assert field.clean("warga@contoh.id") == "warga@contoh.id"
    assert field.clean("") == ""
    for bad in ("abc", "warga@", "0812"):
        with pytest.raises(ValidationError):
            field.clean(bad)


PHONE_NAME = re.compile(r"(^|_)(phone|telepon|telp|hp|whatsapp|wa|kontak)($|_)")


def _form_classes():
    import control_plane
    import village_apps

    for package in (village_apps, control_plane):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if not info.name.rsplit(".", 1)[-1].startswith("forms"):
                continue
            module = importlib.import_module(info.name)
            for value in vars(module).values():
                if (
                    isinstance(value, type)
                    and issubclass(value, forms.BaseForm)
                    and value.__module__ == module.__name__
                ):
                    yield value


@pytest.mark.django_db
def test_every_form_field_for_a_phone_uses_the_one_rule():
    """A sweep of every form of the village apps and the control plane: a field named
    for a telephone (or a contact that may be one) is a ``PhoneField`` or a
    ``PhoneOrEmailField``, so a form added later cannot take "abc" again."""
    seen, wrong = [], []
    for form_class in _form_classes():
        for name, field in form_class.base_fields.items():
            if PHONE_NAME.search(name):
                seen.append(f"{form_class.__name__}.{name}")
                if not isinstance(field, PhoneField | PhoneOrEmailField):
                    wrong.append(f"{form_class.__module__}.{form_class.__name__}.{name}")
    assert wrong == []
    # The sweep really sees the forms it is about.
    assert {"SignupForm.phone", "PendudukForm.telepon", "ProfilForm.telepon"} <= set(seen)
    assert "PengaduanForm.kontak" in seen
