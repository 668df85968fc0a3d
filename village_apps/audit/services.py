"""Writing audit rows. Call inside the same transaction as the change being audited."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from balai_kernel.abuse import ACCOUNT, Lockout
from balai_kernel.actor import Actor, actor_from_request
from village_apps.akun.signals import (
    village_login_locked_out,
    village_staff_changed,
    village_user_password_set,
)
from village_apps.audit.choices import AuditAction
from village_apps.audit.models import AccessAudit


def audit_record(
    *,
    action: str,
    object_type: str,
    object_id: Any = "",
    summary: str = "",
    actor: Actor | None = None,
) -> AccessAudit:
    """Record one access. ``summary`` must not contain names or NIK/KK numbers. The row
    names ``actor``'s account (none for an anonymous visitor or a job; the label of a
    control-plane account given with a role but no user), the role it acts in, the
    socket peer, user agent and request id."""
    user = actor.user if actor is not None else None
    authenticated = bool(getattr(user, "is_authenticated", False))
    role, username = "", ""
    if authenticated:
        from village_apps.akun.permissions import village_role

        role = actor.role or village_role(user) or ""
        username = user.get_username()
    elif actor is not None and actor.role:
        # An account from outside the village (a camat reading its closed books): no
        # user in this schema, so its control-plane name and the role it read in.
        role, username = actor.role, actor.label
    return AccessAudit.objects.create(
        user_id=user.pk if authenticated else None,
        username=username,
        role=role,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        summary=summary[:255],
        ip=(actor.peer_address or None) if actor is not None else None,
        user_agent=actor.user_agent if actor is not None else "",
        request_id=actor.request_id if actor is not None else "",
    )


def register_row_save(
    *, row: Any, fields: dict[str, Any], object_type: str, actor: Actor | None
) -> Any:
    """Assign ``fields`` to ``row`` (text trimmed), validate it with its model, save it
    and audit the create or update. The registers that an entry screen keeps (books,
    the letter registers, land) all store a row this way, so none of them saves text
    with stray spaces, skips the model's validation or forgets its audit row. Call it
    inside the transaction of the change."""
    baru = row.pk is None
    for name, value in fields.items():
        setattr(row, name, value.strip() if isinstance(value, str) else value)
    row.full_clean()
    row.save()
    audit_record(
        action=AuditAction.CREATE if baru else AuditAction.UPDATE,
        object_type=object_type,
        object_id=row.pk,
        actor=actor,
    )
    return row


def register_row_delete(*, row: Any, object_type: str, actor: Actor | None) -> None:
    """Delete one row of such a register, with its audit row (same transaction)."""
    audit_record(action=AuditAction.DELETE, object_type=object_type, object_id=row.pk, actor=actor)
    row.delete()


def _signal_actor(request: HttpRequest | None, user: Any = None) -> Actor | None:
    """The actor of an account signal: the request's, naming ``user`` when given."""
    if request is not None:
        return actor_from_request(request, user=user)
    return Actor.for_user(user) if user is not None else None


def _in_village(request: HttpRequest | None) -> bool:
    return request is not None and getattr(request, "tenant", None) is not None


@receiver(user_logged_in)
def audit_login_succeeded(
    sender: Any, request: HttpRequest | None = None, user: Any = None, **kwargs: Any
) -> None:
    if _in_village(request):
        audit_record(
            action=AuditAction.LOGIN,
            object_type="akun",
            object_id=user.pk,
            actor=_signal_actor(request, user),
        )


@receiver(user_login_failed)
def audit_login_failed(
    sender: Any, credentials: dict | None = None, request: HttpRequest | None = None, **kwargs: Any
) -> None:
    if _in_village(request):
        audit_record(
            action=AuditAction.LOGIN_FAILED,
            object_type="akun",
            summary="percobaan masuk gagal",
            actor=_signal_actor(request),
        )


def audit_lockout(
    *, lockout: Lockout, object_type: str, object_id: Any = "", actor: Actor | None
) -> AccessAudit:
    """Record that an abuse limit (``balai_kernel.abuse``) has just locked an account or a
    network address of this village. The row names the account by id only (empty when
    the name tried is not an account here) and never holds the name or NIK tried."""
    what = " dan ".join("akun" if kind == ACCOUNT else "alamat jaringan" for kind in lockout.kinds)
    return audit_record(
        action=AuditAction.LOCKOUT,
        object_type=object_type,
        object_id=object_id,
        summary=f"{what} dikunci sementara ({lockout.refusal.minutes_left} menit)",
        actor=actor,
    )


@receiver(village_user_password_set)
def audit_password_set(
    sender: Any,
    user: Any = None,
    actor: Actor | None = None,
    summary: str = "kata sandi diatur melalui tautan",
    **kwargs: Any,
) -> None:
    audit_record(
        action=AuditAction.UPDATE,
        object_type="akun",
        object_id=user.pk,
        summary=summary,
        actor=actor if actor is not None else _signal_actor(None, user),
    )


@receiver(village_staff_changed)
def audit_staff_changed(
    sender: Any,
    object_type: str = "akun",
    object_id: Any = "",
    action: str = AuditAction.UPDATE,
    summary: str = "",
    actor: Actor | None = None,
    **kwargs: Any,
) -> None:
    audit_record(
        action=action, object_type=object_type, object_id=object_id, summary=summary, actor=actor
    )


@receiver(village_login_locked_out)
def audit_login_locked_out(
    sender: Any,
    lockout: Lockout,
    account_id: Any = "",
    actor: Actor | None = None,
    **kwargs: Any,
) -> None:
    audit_lockout(lockout=lockout, object_type="akun", object_id=account_id, actor=actor)
