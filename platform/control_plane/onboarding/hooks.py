"""What happens after an approval, registered by the app that does it.

Provisioning builds on sign-ups (it reads ``Signup`` and the registration checks);
if sign-up imported provisioning back to queue the job, the two packages would form
a cycle. So approval announces itself here and ``control_plane.provisioning``
registers its handler when the app registry is ready (``ProvisioningConfig.ready``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from balai_kernel.actor import Actor

_approved_handlers: list[Callable[..., None]] = []


def village_approved_handler_add(handler: Callable[..., None]) -> None:
    """Run ``handler(village=…, actor=…)`` inside the approving transaction."""
    if handler not in _approved_handlers:
        _approved_handlers.append(handler)


def village_approved_notify(*, village: Any, actor: Actor) -> None:
    """Tell the registered handlers that ``village`` was approved by ``actor``."""
    if not _approved_handlers:
        raise RuntimeError("no provisioning handler registered (control_plane.provisioning)")
    for handler in _approved_handlers:
        handler(village=village, actor=actor)
