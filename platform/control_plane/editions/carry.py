"""Carrying Balai from one edition of the Kemendagri list to the next.

Balai keys villages, sign-ups, invitations, contracts, contract managers' scopes,
dashboard settings and published statistics by Kemendagri codes (``CARRIED`` lists
every such field; a test fails when a model gains one that is not listed). When
Kemendagri moves a code — Merauke was 91.01 and is 93.01 — all of them must follow,
together, without touching what the codes identify: a village keeps its schema, slug,
domains, data and contract seat; a contract for a kabupaten that moved stays one
contract.

``edition_diff`` reports every change between two loaded editions with the Balai
records each touches. ``edition_apply`` plans the move of every record along the
diff's unambiguous successors (``diff.Diff.moves``: unchanged, renamed, code moved),
plus the mappings operations give by hand (``--map OLD=NEW``). A record whose code has
no unambiguous successor is never guessed: it is listed (with the candidates the diff
saw) and the apply is refused until operations map it. Carried out, it is one
transaction: the records, their audit (``EditionApplication`` with one item per
record, a ``LifecycleEvent`` per village, a ``BillingEvent`` per contract, an audit row
in each village's schema), the rebuilt rollups and the switch of the active edition.
A re-run finds everything keyed by the new edition already and changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import schema_exists

from balai_kernel.actor import Actor
from control_plane.reference import selectors
from control_plane.reference.diff import Change, dotted, editions_compare, name_key
from control_plane.reference.models import Edition, EditionApplication, EditionApplicationItem
from control_plane.reference.services import EditionError, edition_activate, edition_load

# Every field of a public-schema model that holds a Kemendagri code, and how it follows
# a new edition (``tests/control_plane/reference/test_carry.py`` sweeps the models).
CARRIED: dict[str, tuple[str, ...]] = {
    "tenants.Village": ("code", "kecamatan_code", "kabupaten_code", "provinsi_code"),
    "onboarding.Signup": ("code", "kabupaten_code"),
    "onboarding.Invitation": ("code", "kabupaten_code"),
    "contracts.Contract": ("kabupaten_code",),
    "accounts.StaffProfile": ("kabupaten_code", "region_code"),
    "dashboards.KabupatenDashboardSetting": ("kabupaten_code",),
    "dashboards.VillageSnapshot": (
        "village_code",
        "kecamatan_code",
        "kabupaten_code",
        "provinsi_code",
    ),
    "dashboards.SnapshotValue": (
        "village_code",
        "kecamatan_code",
        "kabupaten_code",
        "provinsi_code",
    ),
    # Rebuilt from the carried values of every province the move touched.
    "dashboards.RegionStat": ("region_code", "parent_code"),
    # In each village's schema, through ``profil.facade.profil_wilayah_set``.
    "profil.ProfilDesa": ("kode_desa", "kode_kecamatan", "kode_kabupaten", "kode_provinsi"),
}
# Code fields that deliberately keep the code they were written with.
NOT_CARRIED: dict[str, str] = {
    "tenants.LifecycleEvent.village_code": "audit: records the code at the time",
    "dashboards.VillageBookRead.village_code": "audit: records the code at the time",
    "reference.Provinsi.code": "the active edition itself",
    "reference.Kabupaten.code": "the active edition itself",
    "reference.Kecamatan.code": "the active edition itself",
    "reference.Desa.code": "the active edition itself",
    "reference.EditionEntry.code": "each edition as published",
    "opensid_import.ImporOpenSID.kode_desa": "the code the imported OpenSID dump named",
    "taxes.TaxAssessment.trx_code": "a Coretax transaction code, not a region",
}

LIVE_STATUSES = ("pending", "provisioning", "active", "suspended", "archived")
SCHEMA_STATUSES = ("provisioning", "active", "suspended", "archived")
BLOCKING_CONTRACT_STATUSES = ("draft", "active")


@dataclass
class Item:
    """One record the apply changes: before and after, as written to the audit."""

    entity: str
    object_id: str
    label: str
    before: dict[str, Any]
    after: dict[str, Any]


@dataclass
class Problem:
    """A record the apply cannot carry by itself: ``code`` has no unambiguous successor
    (``candidates`` are what the diff saw), or its successor is already taken."""

    entity: str
    object_id: str
    label: str
    code: str
    reason: str
    candidates: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "id": self.object_id,
            "label": self.label,
            "code": dotted(self.code),
            "reason": self.reason,
            "candidates": [dotted(c) for c in self.candidates],
        }


@dataclass
class Plan:
    old: str
    new: str
    items: list[Item] = field(default_factory=list)
    unmatched: list[Problem] = field(default_factory=list)  # refused until mapped
    warnings: list[Problem] = field(default_factory=list)  # listed, not blocking
    provinces: set[str] = field(default_factory=set)  # rollups to rebuild
    applied: bool = False

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for item in self.items:
            counts[item.entity] += 1
        return dict(sorted(counts.items()))

    def as_json(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "applied": self.applied,
            "counts": self.counts(),
            "changes": [
                {
                    "entity": i.entity,
                    "id": i.object_id,
                    "label": i.label,
                    "before": i.before,
                    "after": i.after,
                }
                for i in self.items
            ],
            "unmatched": [p.as_json() for p in self.unmatched],
            "warnings": [p.as_json() for p in self.warnings],
        }


# --- Balai's records keyed by codes --------------------------------------------------------


def _records() -> dict[str, list[Any]]:
    """Every record the edition change may touch, read once."""
    from control_plane.accounts.models import StaffProfile
    from control_plane.contracts.models import Contract, ContractSeat
    from control_plane.dashboards.models import KabupatenDashboardSetting, VillageSnapshot
    from control_plane.onboarding.models import Invitation, Signup
    from tenants.models import Village

    return {
        "village": list(Village.objects.filter(status__in=LIVE_STATUSES).order_by("code", "pk")),
        "contract": list(Contract.objects.order_by("kabupaten_code", "pk")),
        "seat": list(ContractSeat.objects.select_related("contract", "village").order_by("pk")),
        "manager_scope": list(
            StaffProfile.objects.exclude(kabupaten_code="").select_related("user").order_by("pk")
        ),
        # A camat's kecamatan, a province official's provinsi.
        "region_scope": list(
            StaffProfile.objects.exclude(region_code="").select_related("user").order_by("pk")
        ),
        "dashboard_setting": list(KabupatenDashboardSetting.objects.order_by("kabupaten_code")),
        "snapshot": list(VillageSnapshot.objects.order_by("village_code")),
        "invitation": list(Invitation.objects.filter(used_at__isnull=True).order_by("pk")),
        "signup": list(Signup.objects.order_by("pk")),
    }


def _affects_json(records: dict[str, list[Any]], villages: set[int], kabupaten: set[str]) -> dict:
    return {
        "villages": [
            {"slug": v.slug, "code": v.code_dotted, "name": v.name, "status": v.status}
            for v in records["village"]
            if v.pk in villages
        ],
        "contracts": [
            {"number": c.number, "kabupaten_code": dotted(c.kabupaten_code), "status": c.status}
            for c in records["contract"]
            if c.kabupaten_code in kabupaten
        ],
        "seats": [
            {"contract": s.contract.number, "village": s.village.slug}
            for s in records["seat"]
            if s.village_id in villages
        ],
        "manager_scopes": [
            {"user": p.user.get_username(), "kabupaten_code": dotted(p.kabupaten_code)}
            for p in records["manager_scope"]
            if p.kabupaten_code in kabupaten
        ],
        "snapshots": [
            {"village": s.village_code and dotted(s.village_code), "version": s.version}
            for s in records["snapshot"]
            if s.village_id in villages
        ],
        "dashboard_settings": [
            {"kabupaten_code": dotted(s.kabupaten_code), "public": s.public}
            for s in records["dashboard_setting"]
            if s.kabupaten_code in kabupaten
        ],
        "invitations": [
            {"code": i.code_dotted, "email": i.email}
            for i in records["invitation"]
            if i.code[:4] in kabupaten
            or i.code in {v.code for v in records["village"] if v.pk in villages}
        ],
    }


def _touched(
    change: Change, moves: dict[str, str], records: dict[str, list[Any]]
) -> tuple[set[int], set[str]]:
    """Villages (ids) and kabupaten codes a change touches: those inside its old region
    and — for a split or merge of a region — only those whose successor lies inside
    its new one."""
    if change.old is None:
        return set(), set()
    old = change.old[0]
    narrow = change.kind in ("split", "merged") and len(old) < 10 and change.new is not None
    new = change.new[0] if change.new else ""

    def inside(code: str) -> bool:
        if not code.startswith(old):
            return False
        return not narrow or moves.get(code, "").startswith(new)

    villages = {v.pk for v in records["village"] if inside(v.code)}
    kabupaten: set[str] = set()
    if len(old) <= 4:
        keyed = {c.kabupaten_code for c in records["contract"]}
        keyed |= {p.kabupaten_code for p in records["manager_scope"]}
        keyed |= {s.kabupaten_code for s in records["dashboard_setting"]}
        kabupaten = {k for k in keyed if inside(k)}
    return villages, kabupaten


def edition_diff(*, old: str, new: str) -> dict[str, Any]:
    """``wilayah diff OLD NEW --json``: every change, with what it touches on Balai."""
    editions = {e.name: e for e in Edition.objects.filter(name__in=[old, new])}
    for name in (old, new):
        if name not in editions:
            raise EditionError(
                f"Edisi {name} belum dimuat: manage.py wilayah load --edition {name}"
            )
    diff = editions_compare(
        selectors.edition_codes(editions[old]), selectors.edition_codes(editions[new])
    )
    records = _records()
    changes = []
    for change in diff.changes:
        villages, kabupaten = _touched(change, diff.moves, records)
        changes.append({**change.as_json(), "affects": _affects_json(records, villages, kabupaten)})
    return {"old": old, "new": new, "changes": changes}


# --- The plan --------------------------------------------------------------------------------


class _Successors:
    """Old code → new code, along the diff plus the mappings given by hand."""

    def __init__(self, old: dict[str, str], new: dict[str, str], mappings: dict[str, str]):
        self.old, self.new = old, new
        diff = editions_compare(old, new)
        self.moves = dict(diff.moves)
        self.candidates: dict[str, list[str]] = defaultdict(list)
        for change in diff.changes:
            if change.old and change.new and change.new[0] != change.old[0]:
                self.candidates[change.old[0]].append(change.new[0])
        for before, after in mappings.items():
            before, after = before.replace(".", ""), after.replace(".", "")
            if after not in new or len(before) != len(after):
                raise EditionError(
                    f"--map {dotted(before)}={dotted(after)}: {dotted(after)} tidak ada"
                )
            self.moves[before] = after

    def __call__(self, code: str) -> str | None:
        return self.moves.get(code)

    def renamed(self, before: str, after: str) -> bool:
        return name_key(self.old.get(before, "")) != name_key(self.new[after])

    def display(self, code: str) -> str:
        return selectors.display_name(code, self.new[code])

    def old_display(self, code: str) -> str:
        return selectors.display_name(code, self.old.get(code, code))


def _region_names(succ: _Successors, code: str, *, old: bool) -> dict[str, str]:
    show = succ.old_display if old else succ.display
    return {
        "kecamatan": show(code[:6]),
        "kabupaten": show(code[:4]),
        "provinsi": show(code[:2]),
    }


def _village_state(code: str, name: str, kind: str, names: dict[str, str]) -> dict[str, str]:
    """A village's Kemendagri identity as the audit records it, before or after."""
    return {
        "code": code,
        "name": name,
        "kind": kind,
        "kecamatan_code": code[:6],
        "kabupaten_code": code[:4],
        "provinsi_code": code[:2],
        **names,
    }


def _village_problem(village: Any, reason: str, candidates: list[str] | None = None) -> Problem:
    label = f"{village.slug} ({village.name})"
    return Problem("village", str(village.pk), label, village.code, reason, candidates or [])


def _plan_villages(plan: Plan, succ: _Successors, villages: list[Any]) -> dict[int, dict]:
    from tenants.regions import village_kind_for

    after_by_id: dict[int, dict] = {}
    for v in villages:
        target = succ(v.code)
        if target is None:
            reason = f"desa {v.code_dotted} tidak ada di {plan.new}"
            plan.unmatched.append(_village_problem(v, reason, succ.candidates.get(v.code)))
            continue
        before = _village_state(v.code, v.name, v.kind, _region_names(succ, v.code, old=True))
        name = succ.new[target] if succ.renamed(v.code, target) else v.name
        after = _village_state(
            target, name, village_kind_for(target), _region_names(succ, target, old=False)
        )
        after_by_id[v.pk] = after
        if after != before:
            plan.items.append(Item("village", str(v.pk), v.slug, before, after))
    taken: dict[str, list[Any]] = defaultdict(list)
    for v in villages:
        taken[after_by_id.get(v.pk, {}).get("code", v.code)].append(v)
    for code, holders in taken.items():
        if len(holders) > 1:
            reason = f"kode {dotted(code)} akan dipakai {len(holders)} desa"
            plan.unmatched += [_village_problem(v, reason) for v in holders]
    return after_by_id


LEVEL_NAMES = {2: "provinsi", 4: "kabupaten/kota", 6: "kecamatan", 10: "desa/kelurahan"}


def _region_item(
    plan: Plan,
    succ: _Successors,
    entity: str,
    obj: Any,
    label: str,
    *,
    blocking: bool,
    field: str = "kabupaten_code",
) -> str | None:
    """The item moving ``obj``'s region code (``field``) to its successor, or the problem
    when it has none (blocking the apply or only warned)."""
    code = getattr(obj, field)
    target = succ(code)
    if target is None:
        problem = Problem(
            entity,
            str(obj.pk),
            label,
            code,
            f"{LEVEL_NAMES.get(len(code), 'wilayah')} {dotted(code)} tidak ada di {plan.new}",
            succ.candidates.get(code, []),
        )
        (plan.unmatched if blocking else plan.warnings).append(problem)
        return None
    if target != code:
        plan.items.append(Item(entity, str(obj.pk), label, {field: code}, {field: target}))
    return target


def plan_build(*, old: Edition | None, new: Edition, mappings: dict[str, str]) -> Plan:
    """What ``edition_apply`` would change, and what it cannot carry by itself."""
    plan = Plan(old=old.name if old else "", new=new.name)
    if old is None:
        return plan
    succ = _Successors(selectors.edition_codes(old), selectors.edition_codes(new), mappings)
    records = _records()
    after = _plan_villages(plan, succ, records["village"])
    for contract in records["contract"]:
        label = f"{contract.number} ({contract.kabupaten_name})"
        blocking = contract.status in BLOCKING_CONTRACT_STATUSES
        target = succ(contract.kabupaten_code)
        if target is None:
            _region_item(plan, succ, "contract", contract, label, blocking=blocking)
            continue
        before = {
            "kabupaten_code": contract.kabupaten_code,
            "kabupaten_name": contract.kabupaten_name,
        }
        name = succ.display(target) if succ.renamed(contract.kabupaten_code, target) else None
        changed = {"kabupaten_code": target, "kabupaten_name": name or contract.kabupaten_name}
        if changed != before:
            plan.items.append(Item("contract", str(contract.pk), label, before, changed))
    for profile in records["manager_scope"]:
        label = profile.user.get_username()
        _region_item(plan, succ, "manager_scope", profile, label, blocking=True)
    for profile in records["region_scope"]:
        label = profile.user.get_username()
        _region_item(plan, succ, "region_scope", profile, label, blocking=True, field="region_code")
    targets: dict[str, int] = {}
    for setting in records["dashboard_setting"]:
        target = _region_item(
            plan, succ, "dashboard_setting", setting, setting.kabupaten_code, blocking=False
        )
        if target is not None and targets.setdefault(target, setting.pk) != setting.pk:
            plan.items = [
                i
                for i in plan.items
                if not (i.entity == "dashboard_setting" and i.object_id == str(setting.pk))
            ]
            plan.warnings.append(
                Problem(
                    "dashboard_setting",
                    str(setting.pk),
                    setting.kabupaten_code,
                    setting.kabupaten_code,
                    f"{dotted(target)} sudah punya pengaturan",
                )
            )
    by_village = {v.pk: v for v in records["village"]}
    for kind in ("invitation", "signup"):
        for obj in records[kind]:
            linked = after.get(getattr(obj, "village_id", None) or 0)
            target = linked["code"] if linked else succ(obj.code)
            if target is None:
                if not (kind == "signup" and obj.village_id in by_village):
                    plan.warnings.append(
                        Problem(
                            kind,
                            str(obj.pk),
                            obj.email,
                            obj.code,
                            f"desa {dotted(obj.code)} tidak ada di {plan.new}",
                            succ.candidates.get(obj.code, []),
                        )
                    )
                continue
            if target != obj.code or target[:4] != obj.kabupaten_code:
                plan.items.append(
                    Item(
                        kind,
                        str(obj.pk),
                        obj.email,
                        {"code": obj.code, "kabupaten_code": obj.kabupaten_code},
                        {"code": target, "kabupaten_code": target[:4]},
                    )
                )
    for snapshot in records["snapshot"]:
        moved = after.get(snapshot.village_id)
        if (
            moved is None
            or moved["code"] == snapshot.village_code
            and moved["kecamatan_code"] == snapshot.kecamatan_code
        ):
            continue
        fields = ("village_code", "kecamatan_code", "kabupaten_code", "provinsi_code")
        before = {f: getattr(snapshot, f) for f in fields}
        changed = dict(
            zip(
                fields,
                (
                    moved["code"],
                    moved["kecamatan_code"],
                    moved["kabupaten_code"],
                    moved["provinsi_code"],
                ),
                strict=True,
            )
        )
        plan.items.append(
            Item("snapshot", str(snapshot.pk), snapshot.village_code, before, changed)
        )
        plan.provinces |= {before["provinsi_code"], changed["provinsi_code"]}
    contract_targets = {c.pk: succ(c.kabupaten_code) for c in records["contract"]}
    for seat in records["seat"]:
        moved = after.get(seat.village_id)
        target = contract_targets.get(seat.contract_id)
        if (
            moved
            and target
            and seat.village.kabupaten_code == seat.contract.kabupaten_code
            and moved["kabupaten_code"] != target
        ):
            plan.warnings.append(
                Problem(
                    "seat",
                    str(seat.pk),
                    f"{seat.contract.number} / {seat.village.slug}",
                    seat.village.code,
                    f"desa pindah ke kabupaten/kota {dotted(moved['kabupaten_code'])}, kontrak tetap di {dotted(target)}",
                )
            )
    return plan


# --- Carrying it out -------------------------------------------------------------------------

_MODELS = {
    "contract": "contracts.Contract",
    "manager_scope": "accounts.StaffProfile",
    "region_scope": "accounts.StaffProfile",
    "dashboard_setting": "dashboards.KabupatenDashboardSetting",
    "invitation": "onboarding.Invitation",
    "signup": "onboarding.Signup",
}
VILLAGE_FIELDS = ("code", "name", "kind", "kecamatan_code", "kabupaten_code", "provinsi_code")


def edition_apply(
    *, name: str, actor: Actor, apply: bool = False, mappings: dict[str, str] | None = None
) -> Plan:
    """Carry every record keyed by the active edition to edition ``name`` and make it
    active (``apply=True``), or only say what that would do (the default). Loads the
    edition first if it is shipped but not loaded. Raises ``EditionError`` (changing
    nothing) while any record cannot be carried: the plan is on ``exc.plan``."""
    with transaction.atomic():
        connection.set_schema_to_public()
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(hashtext('balai-wilayah-apply'))")
        new = Edition.objects.filter(name=name).first()
        if new is None:
            edition_load(name=name, activate=False)
            new = Edition.objects.get(name=name)
        old = selectors.edition_active()
        plan = plan_build(old=old, new=new, mappings=mappings or {})
        if not apply:
            transaction.set_rollback(True)  # an edition loaded for the plan is not kept
            return plan
        if old is not None and old.pk == new.pk and not plan.items and not plan.unmatched:
            plan.applied = True  # already carried: nothing to change, nothing to audit
            return plan
        if plan.unmatched:
            error = EditionError(
                f"{len(plan.unmatched)} data tidak dapat dipindahkan ke {name} tanpa keputusan "
                "operasional (--map KODE_LAMA=KODE_BARU)"
            )
            error.plan = plan  # type: ignore[attr-defined]
            raise error
        _carry(plan, actor=actor)
        edition_activate(edition=new)
        plan.applied = True
    return plan


def _carry(plan: Plan, *, actor: Actor) -> None:
    from django.apps import apps

    from control_plane.billing.models import BillingEvent
    from tenants import routing
    from tenants.models import Village
    from tenants.services import lifecycle_event_record

    application = EditionApplication.objects.create(
        old=plan.old, new=plan.new, actor=str(actor), summary=plan.counts()
    )
    EditionApplicationItem.objects.bulk_create(
        EditionApplicationItem(
            application=application,
            entity=item.entity,
            object_id=item.object_id,
            before=item.before,
            after=item.after,
        )
        for item in plan.items
    )
    by_entity: dict[str, list[Item]] = defaultdict(list)
    for item in plan.items:
        by_entity[item.entity].append(item)
    reason = f"{plan.old} → {plan.new}"
    villages = by_entity["village"]
    # Two steps, so that codes passing between villages never collide on the way.
    now = timezone.now()
    for item in villages:
        Village.objects.filter(pk=item.object_id).update(code=f"x{int(item.object_id):09d}")
    for item in villages:
        fields = {f: item.after[f] for f in VILLAGE_FIELDS}
        Village.objects.filter(pk=item.object_id).update(**fields, updated_at=now)
        village = Village.objects.get(pk=item.object_id)
        lifecycle_event_record(
            village=village,
            action="wilayah_moved",
            actor=actor,
            reason=reason,
            before=item.before,
            after=item.after,
        )
        if village.status in SCHEMA_STATUSES and schema_exists(village.schema_name):
            _profil_carry(village, item, edition=plan.new)
    for entity, label in _MODELS.items():
        model = apps.get_model(label)
        for item in by_entity[entity]:
            model.objects.filter(pk=item.object_id).update(**item.after)
            if entity == "contract":
                BillingEvent.objects.create(
                    contract_id=item.object_id,
                    action="contract_region_moved",
                    actor=str(actor),
                    details={"reason": reason, "before": item.before, "after": item.after},
                )
    _snapshots_carry(plan, by_entity["snapshot"])
    if villages:
        routing.invalidate()


def _profil_carry(village: Any, item: Item, *, edition: str) -> None:
    from tenants.context import village_context
    from village_apps.contracts import VillageProfile, facade_get

    with village_context(village):
        facade_get("profil", VillageProfile).profil_wilayah_set(
            kode_desa=item.after["code"],
            jenis=item.after["kind"],
            nama_desa=item.after["name"],
            nama_desa_lama=item.before["name"],
            nama_kecamatan=item.after["kecamatan"],
            nama_kabupaten=item.after["kabupaten"],
            nama_provinsi=item.after["provinsi"],
            edisi=edition,
        )
    connection.set_schema_to_public()


def _snapshots_carry(plan: Plan, items: Iterable[Item]) -> None:
    """Re-key moved snapshots; their values stay hidden until the suppression pass of
    their (new) province has run, like a fresh publish; rollups of every province the
    move touched are rebuilt."""
    from control_plane.dashboards.models import HIDE_ALL, SnapshotValue, VillageSnapshot
    from control_plane.dashboards.services import rollup_rebuild, suppression_request

    for item in items:
        VillageSnapshot.objects.filter(pk=item.object_id).update(**item.after)
        SnapshotValue.objects.filter(snapshot_id=item.object_id).update(
            **item.after, hidden=HIDE_ALL
        )
    VillageSnapshot.objects.exclude(reference_edition=plan.new).update(reference_edition=plan.new)
    for provinsi in sorted(plan.provinces):
        rollup_rebuild(provinsi_code=provinsi)
        suppression_request(provinsi_code=provinsi)
