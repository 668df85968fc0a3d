from django import template

from control_plane.billing.selectors import rupiah as _rupiah

register = template.Library()


@register.filter
def rupiah(value: int | None) -> str:
    """``{{ invoice.total|rupiah }}`` → ``Rp 1.500.000``."""
    return _rupiah(int(value or 0))
