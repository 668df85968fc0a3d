"""A local stand-in for BSrE's esign-client service (API v1), with the request and
response shape its technical guide and public clients document (see
``village_apps.tte.providers``): ``POST /api/sign/pdf``, HTTP Basic auth, multipart
``file``/``nik``/``passphrase``/``tampilan``; 200 with the signed PDF and an
``id_dokumen`` header, or a JSON ``{"error", "status_code"}`` refusal (2011 unknown
user, 2031 wrong passphrase). It signs with pyHanko and a certificate from the local
CA in the user's name, so the result verifies like BSrE's would under its root."""

from __future__ import annotations

import base64
import json
import threading
from email.parser import BytesParser
from email.policy import default
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from village_apps.tte.providers import PenyediaLokal

from .helpers import p12_make

CLIENT = ("esign", "klien-rahasia")


class FakeBsre:
    def __init__(self) -> None:
        self.users: dict[str, tuple[str, PenyediaLokal]] = {}
        self.requests: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # noqa: ANN002
                pass

            def _json(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                expected = "Basic " + base64.b64encode(":".join(CLIENT).encode()).decode()
                if self.headers.get("Authorization") != expected:
                    self._json(401, {"error": "Unauthorized"})
                    return
                if self.path != "/api/sign/pdf":
                    self._json(404, {"error": "Not found"})
                    return
                body = self.rfile.read(int(self.headers["Content-Length"]))
                message = BytesParser(policy=default).parsebytes(
                    f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode() + body
                )
                fields = {
                    part.get_param("name", header="content-disposition"): part.get_payload(
                        decode=True
                    )
                    for part in message.iter_parts()
                }
                form = {k: v for k, v in fields.items() if k != "file"}
                fake.requests.append({k: v.decode() for k, v in form.items()})
                nik = fields.get("nik", b"").decode()
                if fields.get("tampilan") != b"invisible":
                    self._json(400, {"error": "Parameter tampilan salah", "status_code": 2000})
                    return
                if nik not in fake.users:
                    self._json(400, {"error": "User tidak terdaftar", "status_code": 2011})
                    return
                passphrase, signer = fake.users[nik]
                if fields.get("passphrase", b"").decode() != passphrase:
                    self._json(400, {"error": "Passphrase anda salah", "status_code": 2031})
                    return
                signed = signer.sign(
                    fields["file"],
                    alasan=fields.get("reason", b"").decode(),
                    lokasi=fields.get("location", b"").decode(),
                )
                self.send_response(200)
                self.send_header("Content-Type", "application/pdf")
                self.send_header("id_dokumen", "a1b2c3")
                self.send_header("Content-Length", str(len(signed)))
                self.end_headers()
                self.wfile.write(signed)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def user_add(self, *, nik: str, nama: str, passphrase: str) -> None:
        self.users[nik] = (
            passphrase,
            PenyediaLokal(p12=p12_make(nama=nama, passphrase="p"), passphrase="p"),
        )

    def __enter__(self) -> FakeBsre:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:  # noqa: ANN002
        self.server.shutdown()
        self.server.server_close()
