from django import template

register = template.Library()


@register.filter
def samarkan(nomor: str, boleh_lihat: bool = False) -> str:
    """A NIK/KK number, masked (``1801********0001``) unless the user may see it."""
    if boleh_lihat or not nomor:
        return nomor
    return f"{nomor[:4]}{'*' * max(0, len(nomor) - 8)}{nomor[-4:]}"
