"""Django's own texts read as Balai's Indonesian (issue 18, finding 14).

Forms, validators and the login show texts from Django's catalogs. Its Indonesian
catalog lacks some (Django 6.1's empty choice "- Select an option -"), says "sandi"
where Balai says "kata sandi", and one message doubled a word ("Masukkan nama
pengguna nama pengguna…"). ``balai_kernel/locale/id`` corrects those; these tests
sweep every text of Django's core and auth catalogs, so a Django upgrade that brings a
new untranslated text fails here instead of on a user's screen.
"""

from __future__ import annotations

import re
from pathlib import Path

import django
import pytest
from django.utils import translation

from tests.i18n.test_catalogs import _catalogs, _po_entries

DJANGO = Path(django.__file__).parent
DJANGO_CATALOGS = (
    DJANGO / "conf/locale/en/LC_MESSAGES/django.po",
    DJANGO / "contrib/auth/locale/en/LC_MESSAGES/django.po",
)
# The same word in Indonesian, or never shown to a Balai user; each with its reason.
SAME_IN_INDONESIAN = {
    # Language names Balai never lists (LANGUAGES is id and en).
    "Afrikaans", "Azerbaijani", "Bengali", "Breton", "Catalan", "Esperanto", "Basque",
    "Hindi", "Interlingua", "Igbo", "Ido", "Kabyle", "Khmer", "Kannada", "Malayalam",
    "Marathi", "Ossetic", "Punjabi", "Swahili", "Tamil", "Telugu", "Tajik", "Tatar",
    "Udmurt", "Uyghur", "Urdu", "Uzbek",
    # Symbols, units, abbreviations and month names written alike in Indonesian.
    "…", "IPv4", "IPv6", "URL", ":?.!", ":", "%s KB", "%s MB", "%s GB", "%s TB", "%s PB",
    "PM", "AM", "April", "September", "November", "jan", "feb", "mar", "apr", "jun",
    "jul", "sep", "nov", "Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
    "%(truncated_text)s…", ", ", "Email",
    # Django's task framework statuses (Balai's jobs run on procrastinate).
    "Ready", "Running", "Failed", "Successful",
    # Password hasher internals, shown only in Django's admin (not installed).
    "salt", "hash",
}  # fmt: skip
BARE_SANDI = re.compile(r"(?<!kata )\bsandi\b", re.IGNORECASE)


def _django_msgids() -> list[str]:
    return [e["msgid"] for po in DJANGO_CATALOGS for e in _po_entries(po)]


def test_every_django_form_and_auth_text_has_indonesian():
    with translation.override("id"):
        missing = [
            m
            for m in _django_msgids()
            if m not in SAME_IN_INDONESIAN and translation.gettext(m) == m
        ]
    assert not missing, f"Django texts without Indonesian: {missing}"


def test_the_empty_choice_of_every_select_is_indonesian():
    """Django's blank choice of a model field with choices, as every model form shows it
    (the crawl in tests/balai_site/test_crawl.py looks for the English one on every
    page)."""
    from django.db import models

    field = models.CharField(max_length=1, choices=[("a", "A")], blank=True).formfield()
    with translation.override("id"):
        html = field.widget.render("x", "")
    assert '<option value="" selected>- Pilih salah satu -</option>' in html, html


def test_django_texts_say_kata_sandi():
    with translation.override("id"):
        bare = [
            translation.gettext(m)
            for m in _django_msgids()
            if BARE_SANDI.search(translation.gettext(m))
        ]
    assert not bare, bare


def test_balai_texts_say_kata_sandi():
    """Balai's own texts (every msgid of its catalogs is the Indonesian text)."""
    bare = [
        f"{po.parent.parent.parent.parent.name}: {e['msgid']}"
        for po in _catalogs()
        for e in _po_entries(po)
        if BARE_SANDI.search(e["msgid"])
    ]
    assert not bare, bare


def test_the_check_sees_a_bare_sandi():
    """Positive control of the pattern."""
    assert BARE_SANDI.search("Sandi lama")
    assert BARE_SANDI.search("berdasarkan-sandi")
    assert not BARE_SANDI.search("Kata sandi lama") and not BARE_SANDI.search("namasandi")


@pytest.mark.django_db
def test_a_wrong_password_is_named_once(village, village_client, public_client):
    """The doubled "Masukkan nama pengguna nama pengguna dan sandi yang benar." is gone from
    both sign-in pages."""
    for client in (village_client, public_client):
        body = client.post(
            "/akun/masuk/", {"username": "tidak-ada", "password": "salah-sekali-123"}
        ).content.decode()
        assert "Masukkan nama pengguna dan kata sandi yang benar." in body, body
        assert "nama pengguna nama pengguna" not in body
