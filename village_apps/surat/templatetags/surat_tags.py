from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):  # noqa: ANN001, ANN201 - template filter
    """``{{ values|get_item:"form_keperluan" }}`` for the extra fields."""
    return mapping.get(key, "") if hasattr(mapping, "get") else ""
