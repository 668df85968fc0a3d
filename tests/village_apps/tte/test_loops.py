"""Signing and checking work where an event loop runs in the thread (an async view, a
test process driving Playwright's sync API): pyHanko's ``asyncio.run`` is moved off it."""

from __future__ import annotations

import asyncio

from village_apps.surat import pdf
from village_apps.tte import ca, verification
from village_apps.tte.providers import PenyediaLokal


def test_sign_and_verify_inside_a_running_event_loop():
    p12 = ca.local_p12_issue(nama="Suryadi Wijaya", organisasi="Desa Uji", passphrase="p")
    letter = pdf.render_pdf("<p>Surat</p>", halaman=pdf.Halaman())

    async def inside() -> tuple[str, str]:
        signed = PenyediaLokal(p12=p12, passphrase="p").sign(letter, alasan="a", lokasi="b")
        checked = verification.sertifikat_check(berkas=p12, passphrase="p")
        return verification.pdf_verify(signed).hasil, checked.nama

    assert asyncio.run(inside()) == ("valid", "Suryadi Wijaya")
