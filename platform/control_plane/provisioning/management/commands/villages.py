"""``manage.py villages …``: village lifecycle for operations and automation.

Every sub-command prints one JSON object with ``--json`` and exits non-zero on
failure. Business rules live in the services; this only parses and prints.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from balai_kernel.actor import Actor
from tenants import services
from tenants.choices import DomainStatus, SuspensionReason, VillageStatus
from tenants.models import Domain, Village

ACTOR = Actor.cli("villages")  # who acts in every audit row this command writes


def _domain_json(d: Domain) -> dict[str, Any]:
    """A domain with what its owner must publish while it is not verified."""
    return {
        "domain": d.domain,
        "verification": d.status,
        "check_result": d.check_result,
        "challenge": {"type": "TXT", "name": d.challenge_name, "value": d.token},
    }


def _village_json(v: Village) -> dict[str, Any]:
    return {"slug": v.slug, "code": v.code_dotted, "name": v.name, "status": v.status, "url": v.url}


class Command(BaseCommand):
    help = "Kelola siklus hidup desa (provision, list, suspend, resume, archive, export, restore, delete, domain)."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        slug_help = "subdomain desa, mis. hajimena"

        def add(name: str, help: str) -> Any:  # noqa: A002 - argparse's own name
            p = sub.add_parser(name, help=help, description=help)
            p.add_argument("--json", action="store_true", help="cetak satu objek JSON")
            return p

        p = add("provision", "daftarkan dan siapkan desa baru (skema, admin, subdomain)")
        p.add_argument(
            "--code", required=True, help="kode Kemendagri desa, mis. 18.01.04.2001 atau 1801042001"
        )
        p.add_argument("--slug", default="", help="subdomain (bawaan: dari nama desa)")
        p.add_argument(
            "--admin-email",
            default="",
            help="alamat e-mail admin desa; menerima tautan atur kata sandi",
        )
        p.add_argument(
            "--async",
            dest="run_async",
            action="store_true",
            help="antrekan penyiapan ke worker dan langsung kembali",
        )
        p = add("list", "daftar desa")
        p.add_argument("--status", default="", help="hanya desa berstatus ini, mis. active")
        for name, text in (
            ("suspend", "tangguhkan desa (hanya-baca) dengan satu alasan"),
            ("resume", "cabut satu alasan penangguhan desa"),
        ):
            p = add(name, text)
            p.add_argument("slug", help=slug_help)
            p.add_argument(
                "--reason", required=True, choices=SuspensionReason.values, help="alasan"
            )
            p.add_argument("--note", default="", help="catatan untuk riwayat desa")
        p = add("archive", "arsipkan desa (tidak dilayani lagi; data tetap ada)")
        p.add_argument("slug", help=slug_help)
        p = add("export", "ekspor data dan berkas desa ke satu arsip .tar.gz")
        p.add_argument("slug", help=slug_help)
        p.add_argument("--out", required=True, type=Path, help="berkas arsip yang ditulis")
        p = add("restore", "pulihkan desa dari arsip ekspor")
        p.add_argument("file", type=Path, help="arsip hasil 'villages export'")
        p.add_argument("--slug", default="", help="subdomain baru (bawaan: subdomain di arsip)")
        p = add("delete", "hapus desa untuk selamanya (butuh ekspor lebih dahulu)")
        p.add_argument("slug", help=slug_help)
        p.add_argument("--confirm", action="store_true", help="konfirmasi penghapusan")
        for name, text in (
            ("add-domain", "tambahkan domain khusus (menunggu bukti TXT)"),
            ("check-domain", "periksa bukti kepemilikan domain khusus sekarang"),
        ):
            p = add(name, text)
            p.add_argument("slug", help=slug_help)
            p.add_argument("domain", help="nama domain, mis. sukamaju.desa.id")
        p = add("pool-fill", "isi kolam skema siaga untuk penyiapan cepat")
        p.add_argument("--size", type=int, required=True, help="jumlah skema siaga")
        p = add("domains", "daftar domain khusus semua desa")
        p.add_argument("--helm-values", action="store_true", help="blok values YAML untuk Helm")

    def handle(self, *args: Any, **opts: Any) -> None:
        action = opts["action"].replace("-", "_")
        started = time.perf_counter()
        try:
            result = getattr(self, f"do_{action}")(opts)
        except (services.LifecycleError, ValidationError, Village.DoesNotExist, ValueError) as exc:
            message = (
                " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            ) or "desa tidak ditemukan"
            if isinstance(exc, Village.DoesNotExist):
                message = "Desa tidak ditemukan."
            if opts.get("json"):
                self.stdout.write(json.dumps({"ok": False, "error": message}))
                sys.exit(1)
            raise CommandError(message) from exc
        if result is None:
            return
        result = {"ok": True, **result, "seconds": round(time.perf_counter() - started, 3)}
        if opts.get("json"):
            self.stdout.write(json.dumps(result, default=str))
        else:
            self.stdout.write(self.human(result))

    def human(self, result: dict[str, Any]) -> str:
        """What a person reads without ``--json``: one line per village or domain."""
        if "villages" in result:
            return (
                "\n".join(
                    f"{v['code']}  {v['slug']:<24} {v['status']:<12} {v['name']}"
                    for v in result["villages"]
                )
                or "Belum ada desa."
            )
        if "domains" in result:
            return "\n".join(
                f"{d['domain']}  →  {d['slug']}  [{d['verification']}]" for d in result["domains"]
            ) or ("Belum ada domain khusus.")
        if "deleted" in result:
            return f"Desa {result['deleted']} dihapus."
        if "made" in result:
            return f"{result['made']} skema siaga dibuat (kolam: {result['size']})."
        lines = []
        village = result.get("village")
        if village:
            status = VillageStatus(village["status"]).label
            lines.append(
                f"{village['name']} ({village['code']}, {village['slug']}): {status} — {village['url']}"
            )
        if "file" in result:
            lines.append(f"Arsip: {result['file']} ({result['bytes']} bita)")
        if "domain" in result:
            challenge = result["challenge"]
            lines.append(f"Domain {result['domain']}: {DomainStatus(result['verification']).label}")
            if result["verification"] != DomainStatus.VERIFIED:
                lines.append(
                    f"Terbitkan catatan DNS {challenge['type']} {challenge['name']} "
                    f"berisi {challenge['value']}"
                )
        return "\n".join(lines)

    def _get(self, slug: str) -> Village:
        return Village.objects.get(slug=slug)

    def do_provision(self, o: dict[str, Any]) -> dict[str, Any]:
        from control_plane.provisioning.services import village_provision, village_register
        from control_plane.provisioning.tasks import village_provision_task

        village = village_register(
            code=o["code"], slug=o["slug"], actor=ACTOR, admin_email=o["admin_email"]
        )
        if o["run_async"]:
            village_provision_task.defer(village_id=village.pk, actor=str(ACTOR))
        else:
            village_provision(village=village, actor=ACTOR, admin_email=o["admin_email"])
        village.refresh_from_db()
        return {"village": _village_json(village)}

    def do_list(self, o: dict[str, Any]) -> dict[str, Any]:
        from tenants.selectors import village_list

        return {"villages": [_village_json(v) for v in village_list(status=o["status"] or None)]}

    def do_suspend(self, o: dict[str, Any]) -> dict[str, Any]:
        v = self._get(o["slug"])
        services.village_suspend(village=v, reason=o["reason"], actor=ACTOR, note=o["note"])
        v.refresh_from_db()
        return {"village": _village_json(v)}

    def do_resume(self, o: dict[str, Any]) -> dict[str, Any]:
        v = self._get(o["slug"])
        services.village_resume(village=v, reason=o["reason"], actor=ACTOR)
        v.refresh_from_db()
        return {"village": _village_json(v)}

    def do_archive(self, o: dict[str, Any]) -> dict[str, Any]:
        v = services.village_archive(village=self._get(o["slug"]), actor=ACTOR)
        return {"village": _village_json(v)}

    def do_export(self, o: dict[str, Any]) -> dict[str, Any]:
        v = self._get(o["slug"])
        path = services.village_export(village=v, out=o["out"], actor=ACTOR)
        return {"village": _village_json(v), "file": str(path), "bytes": path.stat().st_size}

    def do_restore(self, o: dict[str, Any]) -> dict[str, Any]:
        v = services.village_restore(source=o["file"], actor=ACTOR, slug=o["slug"])
        # An export made on an older release is brought to the code's migration state.
        from control_plane.fleet.services import village_upgrade

        village_upgrade(village=v, actor=ACTOR)
        v.refresh_from_db()
        return {"village": _village_json(v)}

    def do_delete(self, o: dict[str, Any]) -> dict[str, Any]:
        v = self._get(o["slug"])
        services.village_delete(village=v, actor=ACTOR, confirm=o["confirm"])
        return {"deleted": v.slug}

    def do_add_domain(self, o: dict[str, Any]) -> dict[str, Any]:
        v = self._get(o["slug"])
        d = services.village_domain_add(village=v, domain=o["domain"], actor=ACTOR)
        return {"village": _village_json(v), **_domain_json(d)}

    def do_check_domain(self, o: dict[str, Any]) -> dict[str, Any]:
        v = self._get(o["slug"])
        name = o["domain"].strip().lower().rstrip(".")
        d = Domain.objects.filter(tenant=v, domain=name).first()
        if d is None:
            raise services.LifecycleError("Domain tidak ditemukan.")
        d = services.village_domain_check(domain=d, actor=ACTOR)
        return {"village": _village_json(v), **_domain_json(d)}

    def do_pool_fill(self, o: dict[str, Any]) -> dict[str, Any]:
        from control_plane.provisioning.services import schema_pool_fill

        return {"made": schema_pool_fill(size=o["size"]), "size": o["size"]}

    def do_domains(self, o: dict[str, Any]) -> dict[str, Any] | None:
        rows = [
            {
                "domain": d.domain,
                "slug": d.tenant.slug,
                "status": d.tenant.status,
                "verification": d.status,
            }
            for d in Domain.objects.select_related("tenant").order_by("domain", "tenant__slug")
        ]
        if o["helm_values"]:
            # Extra ingress hosts for the Helm chart (helm -f): one host per custom domain
            # whose ownership is proven (no certificate is requested for a mere claim).
            hosts = [r["domain"] for r in rows if r["verification"] == DomainStatus.VERIFIED]
            lines = ["ingress:", "  extraHosts:" + ("" if hosts else " []")]
            lines += [f"    - {json.dumps(host)}" for host in hosts]
            self.stdout.write("\n".join(lines))
            return None
        return {"domains": rows}
