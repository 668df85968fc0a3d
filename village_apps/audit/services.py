"""Writing audit rows. Call inside the same transaction as the change being audited."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from balai_kernel.abuse import ACCOUNT, Lockout
from village_apps.akun.signals import village_login_locked_out, village_user_password_set
from village_apps.audit.choices import AuditAction
from village_apps.audit.models import AccessAudit


def _client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def audit_record(
    *,
    action: str,
    object_type: str,
    object_id: Any = "",
    summary: str = "",
    request: HttpRequest | None = None,
    user: Any = None,
) -> AccessAudit:
    """Record one access. ``summary`` must not contain names or NIK/KK numbers."""
    user = user if user is not None else getattr(request, "user", None)
    authenticated = bool(getattr(user, "is_authenticated", False))
    role = ""
    if authenticated:
        from village_apps.akun.permissions import village_role

        role = village_role(user) or ""
    return AccessAudit.objects.create(
        user_id=user.pk if authenticated else None,
        username=user.get_username() if authenticated else "",
        role=role,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        summary=summary[:255],
        ip=_client_ip(request) if request is not None else None,
        user_agent=(request.META.get("HTTP_USER_AGENT", "")[:200] if request is not None else ""),
        request_id=getattr(request, "request_id", "") if request is not None else "",
    )


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
            request=request,
            user=user,
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
            request=request,
        )


def audit_lockout(
    *, lockout: Lockout, object_type: str, object_id: Any = "", request: HttpRequest
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
        request=request,
    )


@receiver(village_user_password_set)
def audit_password_set(
    sender: Any, user: Any = None, request: HttpRequest | None = None, **kwargs: Any
) -> None:
    audit_record(
        action=AuditAction.UPDATE,
        object_type="akun",
        object_id=user.pk,
        summary="kata sandi diatur melalui tautan",
        request=request,
        user=user,
    )


@receiver(village_login_locked_out)
def audit_login_locked_out(
    sender: Any,
    lockout: Lockout,
    account_id: Any = "",
    request: HttpRequest | None = None,
    **kwargs: Any,
) -> None:
    audit_lockout(lockout=lockout, object_type="akun", object_id=account_id, request=request)
