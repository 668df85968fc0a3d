"""``manage.py wilayah …``: editions of the Kemendagri list (docs/onboarding.md).

- ``load [--edition NAME]``: load a shipped edition (default: the newest); the first
  one loaded becomes active. Idempotent; re-loading the active edition repairs it.
- ``list``: the loaded editions, which one is active.
- ``diff OLD NEW``: every change between two loaded editions and the Balai records
  each touches (``--json``: the shape in docs/onboarding.md).
- ``apply NEW [--map OLD=NEW …] [--apply]``: carry villages, contracts, managers'
  scopes, settings and statistics to NEW and make it active. **A dry run unless
  ``--apply`` is given**; refused (exit 1, nothing changed) while a record cannot be
  carried without a decision (``--map``).

Every sub-command prints one JSON object with ``--json``.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from balai_kernel.actor import Actor, ActorKind
from control_plane.editions.carry import Plan, edition_apply, edition_diff
from control_plane.reference.editions import DEFAULT_EDITION, EDITIONS
from control_plane.reference.selectors import edition_list
from control_plane.reference.services import EditionError, edition_load


def _mapping(text: str) -> tuple[str, str]:
    old, sep, new = text.partition("=")
    if not sep or not old.strip() or not new.strip():
        raise ValueError(text)
    return old.strip(), new.strip()


class Command(BaseCommand):
    help = "Edisi data wilayah Kemendagri: muat, daftar, bandingkan, terapkan."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)

        def add(name: str, text: str) -> Any:
            p = sub.add_parser(name, help=text, description=text)
            p.add_argument("--json", action="store_true", help="cetak satu objek JSON")
            return p

        add("load", "muat satu edisi yang dikirim bersama Balai").add_argument(
            "--edition",
            default=DEFAULT_EDITION,
            choices=sorted(EDITIONS),
            help="nama edisi (bawaan: yang terbaru)",
        )
        add("list", "edisi yang dimuat dan mana yang aktif")
        p = add("diff", "semua perubahan antara dua edisi dan catatan Balai yang tersentuh")
        p.add_argument("old", help="edisi lama")
        p.add_argument("new", help="edisi baru")
        p = add("apply", "pindahkan catatan ke edisi baru dan aktifkan (uji coba tanpa --apply)")
        p.add_argument("new", choices=sorted(EDITIONS), help="edisi baru")
        p.add_argument("--apply", action="store_true", help="jalankan (tanpa ini: uji coba)")
        p.add_argument(
            "--map",
            action="append",
            default=[],
            type=_mapping,
            metavar="KODE_LAMA=KODE_BARU",
            help="penerus sebuah kode yang tidak dapat ditentukan dari data (boleh berulang)",
        )
        p.add_argument("--actor", default="cli", help="nama pelaku di riwayat")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            getattr(self, f"do_{opts['action']}")(opts)
        except EditionError as exc:
            plan = getattr(exc, "plan", None)
            if plan is not None:
                self._plan_print(plan, opts)
            raise CommandError(str(exc)) from exc

    def _json(self, value: Any) -> None:
        self.stdout.write(json.dumps(value, ensure_ascii=False))

    def do_load(self, opts: dict) -> None:
        result = edition_load(name=opts["edition"])
        if opts["json"]:
            return self._json({"ok": True, **result})
        state = "aktif" if result["active"] else "tidak aktif (wilayah apply untuk beralih)"
        self.stdout.write(
            f"{result['edition']}: {result['provinsi']} provinsi, {result['kabupaten']} "
            f"kabupaten/kota, {result['kecamatan']} kecamatan, {result['desa']} desa/kelurahan "
            f"dalam {result['seconds']} s; {state}."
        )

    def do_list(self, opts: dict) -> None:
        rows = [
            {
                "name": e.name,
                "title": e.title,
                "source": e.source,
                "licence": e.licence,
                "active": e.is_active,
                "loaded_at": e.loaded_at.isoformat(),
                "desa": e.desa,
            }
            for e in edition_list()
        ]
        if opts["json"]:
            return self._json({"editions": rows})
        for row in rows:
            mark = "*" if row["active"] else " "
            self.stdout.write(f"{mark} {row['name']}  {row['desa']} desa  {row['title']}")

    def do_diff(self, opts: dict) -> None:
        result = edition_diff(old=opts["old"], new=opts["new"])
        if opts["json"]:
            return self._json(result)
        counts: dict[tuple[str, str], int] = {}
        for change in result["changes"]:
            key = (change["level"], change["kind"])
            counts[key] = counts.get(key, 0) + 1
        for (level, kind), n in sorted(counts.items()):
            self.stdout.write(f"{level:10} {kind:11} {n}")
        for change in result["changes"]:
            touched = {k: len(v) for k, v in change["affects"].items() if v}
            if touched:
                old, new = change["old"] or {}, change["new"] or {}
                self.stdout.write(
                    f"{change['kind']} {old.get('code', '-')} {old.get('name', '')} → "
                    f"{new.get('code', '-')} {new.get('name', '')}: {touched}"
                )

    def do_apply(self, opts: dict) -> None:
        plan = edition_apply(
            name=opts["new"],
            actor=Actor.named(opts["actor"], ActorKind.CLI),
            apply=opts["apply"],
            mappings=dict(opts["map"]),
        )
        self._plan_print(plan, opts)

    def _plan_print(self, plan: Plan, opts: dict) -> None:
        if opts["json"]:
            return self._json(plan.as_json())
        verb = "Diterapkan" if plan.applied else "Uji coba (tambahkan --apply untuk menjalankan)"
        self.stdout.write(f"{verb}: {plan.old or '-'} → {plan.new}; diubah {plan.counts()}")
        for problem in plan.unmatched:
            self.stdout.write(
                f"BELUM COCOK {problem.entity} {problem.label}: {problem.reason}; "
                f"kandidat {', '.join(problem.as_json()['candidates']) or '-'}"
            )
        for problem in plan.warnings:
            self.stdout.write(f"PERHATIAN {problem.entity} {problem.label}: {problem.reason}")
