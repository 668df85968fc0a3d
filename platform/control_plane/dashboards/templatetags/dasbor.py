from django import template

from balai_kernel.numbers import number_format

register = template.Library()


@register.filter
def angka(value: object) -> str:
    """Indonesian thousands separator for counts; hidden marks and blanks pass through."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return number_format(value)
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


@register.filter
def persen(part: int, whole: int) -> str:
    if not whole:
        return "–"
    return f"{100 * part / whole:.1f}".replace(".", ",")
