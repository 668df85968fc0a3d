"""Who acts: one value passed to every service that writes, whoever calls it.

Services used to receive a ``request``, a ``user`` or an ``actor: str`` in turn, so
audit rows said different things for the same act depending on the caller (a view,
the CLI, a task). An :class:`Actor` is built once at the edge — from the request
(:func:`actor_from_request`), for a command (:meth:`Actor.cli`) or a background job
(:meth:`Actor.system`, or :meth:`Actor.named` for the fixed names audit rows already
show) — and carried through; ``str(actor)`` is what audit rows show.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class ActorKind(StrEnum):
    """Where an act comes from: a signed-in person, an operator's command, or the
    platform itself (a scheduled job, a migration)."""

    USER = "user"
    CLI = "cli"
    SYSTEM = "system"


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts, as the audit trail records it.

    ``label`` is the stable text of audit rows (a user name, ``cli:<os user>``,
    ``system:<job>``); ``user`` the account when there is one (control-plane or village
    user, in the schema the request runs in); ``role`` the role that allowed the act at
    the time (roles change later, the audit must not); ``address`` and ``request_id``
    tie the act to the access log without storing anything personal.
    """

    label: str
    kind: ActorKind = ActorKind.USER
    user: Any = field(default=None, compare=False, repr=False)
    role: str = ""
    address: str = ""
    request_id: str = ""
    peer_address: str = ""
    user_agent: str = ""

    def __str__(self) -> str:
        return self.label

    @property
    def user_id(self) -> int | None:
        return getattr(self.user, "pk", None)

    @classmethod
    def cli(cls, command: str = "") -> Actor:
        """An operations engineer at the command line (the OS user, never a password)."""
        try:
            who = getpass.getuser()
        except (KeyError, OSError):  # no passwd entry in a container
            who = "unknown"
        label = f"cli:{who}" + (f" ({command})" if command else "")
        return cls(label=label, kind=ActorKind.CLI)

    @classmethod
    def for_user(cls, user: Any, *, role: str = "") -> Actor:
        """A signed-in account acting outside a request (tests, scripts)."""
        return cls(label=user.get_username(), kind=ActorKind.USER, user=user, role=role)

    @classmethod
    def system(cls, job: str) -> Actor:
        """The platform itself: a scheduled job, a data migration, the demo loader."""
        return cls(label=f"system:{job}", kind=ActorKind.SYSTEM)

    @classmethod
    def named(cls, label: str, kind: ActorKind = ActorKind.SYSTEM) -> Actor:
        """An act under a fixed name that audit rows have always shown as is
        (``dunning``, ``stripe-webhook``, ``demo``, a command's ``--actor``)."""
        return cls(label=label or "unknown", kind=kind)

    @classmethod
    def coerce(cls, value: Actor | str) -> Actor:
        """An Actor from what older callers pass (a plain label), during the move to
        Actor everywhere; new code passes an Actor."""
        if isinstance(value, Actor):
            return value
        return cls(label=str(value) or "unknown", kind=ActorKind.SYSTEM)


def actor_from_request(request: Any, *, role: str = "", user: Any = None) -> Actor:
    """The signed-in person of ``request`` (anonymous visitors get ``anonim``), with the
    client address the abuse limits use and the request id of the log lines. ``user``
    names the account when it is not (yet) ``request.user`` — a password set through a
    link, a login being recorded."""
    from balai_kernel.net import client_address

    if user is None:
        user = getattr(request, "user", None)
    signed_in = bool(user is not None and getattr(user, "is_authenticated", False))
    meta = getattr(request, "META", {})
    return Actor(
        label=user.get_username() if signed_in else "anonim",
        kind=ActorKind.USER,
        user=user if signed_in else None,
        role=role,
        address=client_address(request),
        request_id=getattr(request, "request_id", ""),
        peer_address=meta.get("REMOTE_ADDR") or "",
        user_agent=meta.get("HTTP_USER_AGENT", "")[:200],
    )
