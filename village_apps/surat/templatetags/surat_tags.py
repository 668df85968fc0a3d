from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def get_item(mapping, key):  # noqa: ANN001, ANN201 - template filter
    """``{{ values|get_item:"form_keperluan" }}`` for the extra fields."""
    return mapping.get(key, "") if hasattr(mapping, "get") else ""


@register.filter
def lembar(surat_html: Any) -> SafeString:
    """``{{ lembar|lembar }}``: the HTML preview of a letter (``services.SuratHtml``).
    Safe as built: the letterhead's text is escaped by ``pdf.kop_html`` (its one image
    a ``data:`` URL checked to be an image), the body is the template cleaned to the
    letter allowlist with every value escaped by ``merge.render``."""
    return mark_safe(surat_html.kop + surat_html.isi)  # noqa: S308 - see above
