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


# The pitch of one boxed character cell of the attachment forms (``lampiran.css``: the
# cells are a background grid under monospaced text, not a box per character).
SEL_PT = 10.2


@register.filter
def kotak(cells: Any) -> SafeString:
    """``{{ cells|kotak }}``: character cells (``lampiran.sel``) as one run of boxed
    characters: monospaced text over a grid of ``len(cells)`` boxes. One box per field
    instead of one per character keeps a form page a few layout boxes, not hundreds.
    The text is escaped."""
    from django.utils.html import escape

    cells = list(cells)
    text = "".join(c or " " for c in cells).rstrip()
    width = len(cells) * SEL_PT
    return mark_safe(  # noqa: S308 - the text is escaped here, the width is a number
        f'<span class="kk" style="width:{width:.1f}pt">{escape(text)}</span>'
    )
