"""``{{ path|absolute_url }}``: a control-plane path as an absolute URL (``balai_kernel.links``).

For e-mails and pages rendered during a request: Django's own helpers take the host
from the request (``{{ protocol }}://{{ domain }}`` in a password-reset e-mail is
whatever Host the requester sent).
"""

from __future__ import annotations

from django import template

from balai_kernel import links

register = template.Library()


@register.filter
def absolute_url(path: str) -> str:
    return links.absolute_url(path)
