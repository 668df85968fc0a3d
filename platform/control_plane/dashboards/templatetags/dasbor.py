"""Dashboard template filters: the kernel's one formatter each (``{% load angka %}``
offers the same), under the names the dashboard templates use."""

from django import template

from balai_kernel import template_numbers

register = template.Library()
register.filter("angka", template_numbers.angka)
register.filter("persen", template_numbers.persen)
register.filter("persen_dari", template_numbers.persen_dari)
