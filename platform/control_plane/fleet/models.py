"""Fleet upgrade state (public schema).

Per village, the current migration state lives on ``tenants.Village``
(``migration_fingerprint``, ``release``, ``upgrade_status``, ``upgrade_error``,
``last_upgrade_at``). A fingerprint is a hash, so ``MigrationState`` remembers which
migrations each fingerprint stands for: that is what lets a plan over thousands of
villages be computed from one ``GROUP BY`` without opening a single schema.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MigrationState(models.Model):
    """The tenant migrations (``app.name``) a fingerprint stands for. Immutable once written."""

    fingerprint = models.CharField(max_length=64, unique=True)
    migrations = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.fingerprint[:12]} ({len(self.migrations)} migrasi)"


class RunStatus(models.TextChoices):
    RUNNING = "running", _("Berjalan")
    COMPLETED = "completed", pgettext_lazy("fleet run", "Selesai")
    FAILED = "failed", _("Selesai dengan kegagalan")
    HALTED = "halted", _("Dihentikan (ambang kegagalan terlampaui)")
    INTERRUPTED = "interrupted", _("Terputus")


class UpgradeRun(models.Model):
    """One ``fleet upgrade``/``fleet retry`` invocation and its live progress.

    Counters are updated after every batch, so the ops console can show progress
    while the run is going. The runner holds an advisory lock on its run while it
    lives; a run whose lock is free (the runner was killed) is marked interrupted by
    the next run or ``fleet status``, and the next run simply continues: the
    per-village state, not the run, is what makes upgrades resumable.
    """

    kind = models.CharField(max_length=10)
    ring = models.CharField(max_length=40)
    parallel = models.PositiveSmallIntegerField(default=1)
    max_failure_rate = models.FloatField(default=0.05)
    window = models.CharField(max_length=20, blank=True, default="")
    actor = models.CharField(max_length=150)
    release = models.CharField(max_length=40, blank=True, default="")
    target_fingerprint = models.CharField(max_length=64, blank=True, default="")
    status = models.CharField(
        max_length=20, choices=RunStatus.choices, default=RunStatus.RUNNING, db_index=True
    )
    current_ring = models.CharField(max_length=40, blank=True, default="")
    total = models.PositiveIntegerField(default=0)
    succeeded = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    deferred = models.PositiveIntegerField(default=0, help_text=_("Di luar jendela pemeliharaan."))
    detail = models.JSONField(default=dict, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind}/{self.ring} ({self.status})"

    @property
    def done(self) -> int:
        return self.succeeded + self.failed + self.skipped

    @property
    def percent(self) -> int:
        return 100 if not self.total else min(100, round(100 * self.done / self.total))


class AttemptStatus(models.TextChoices):
    OK = "ok", _("Berhasil")
    FAILED = "failed", _("Gagal")


class UpgradeAttempt(models.Model):
    """One village's attempt within a run: what it went from/to, and the error if any.

    Written in the same transaction as the village's DDL (success) or right after the
    rollback to its savepoint (failure), so an attempt row never claims work that
    was not committed.
    """

    run = models.ForeignKey(UpgradeRun, on_delete=models.CASCADE, related_name="attempts")
    village = models.ForeignKey(
        "tenants.Village", on_delete=models.CASCADE, related_name="upgrade_attempts"
    )
    status = models.CharField(max_length=10, choices=AttemptStatus.choices)
    from_fingerprint = models.CharField(max_length=64)
    to_fingerprint = models.CharField(max_length=64)
    migrations = models.JSONField(default=list)
    error = models.TextField(blank=True, default="")
    duration_ms = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["village", "-created_at"], name="fleet_attempt_village_idx")
        ]
