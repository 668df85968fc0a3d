"""What the two staff lists share (the control plane's ``/akun/staf/`` and a village's
``/kelola/akun/``): whether each account has a second factor, and the search by name,
user name and e-mail. Each side's users live in its own schema; these only shape the
query the caller gives them."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice


def users_second_factor_annotate(users: QuerySet) -> QuerySet:
    """``users`` with ``second_factor``: whether each has a confirmed authenticator (a
    subquery of the same query, not one query per row)."""
    device = TOTPDevice.objects.filter(user_id=OuterRef("pk"), confirmed=True)
    return users.annotate(second_factor=Exists(device))


def users_search_filter(users: QuerySet, q: str, *also: str) -> QuerySet:
    """``users`` whose user name, name or e-mail (or one of the ``also`` lookups)
    contains ``q``; all of them for a blank ``q``."""
    q = (q or "").strip()
    if not q:
        return users
    found = Q()
    for field in ("username", "first_name", "last_name", "email", *also):
        found |= Q(**{f"{field}__icontains": q})
    return users.filter(found)
