"""Golden files: an output compared with the copy committed beside the test
(``golden/<name>`` next to the test module). ``BALAI_GOLDEN_WRITE=1`` rewrites the copy
instead, for an intended change (review the diff)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def golden_check(test_file: str, name: str, actual: Any) -> None:
    path = Path(test_file).parent / "golden" / name
    text = actual if isinstance(actual, str) else json.dumps(actual, ensure_ascii=False, indent=1)
    if os.environ.get("BALAI_GOLDEN_WRITE"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
        return
    assert path.read_text(encoding="utf-8").rstrip("\n") == text, f"golden file {path} differs"


def pdf_header(client: Any, base: str) -> str:
    """The column header of a book's PDF as ``pdftotext`` reads it: the text from
    "NOMOR URUT" to the signature block of an empty year (no rows, no date of today)."""
    from tests.village_apps.surat.helpers import pdf_text

    text = pdf_text(client.get(f"{base}.pdf?tahun=2000").content)
    return text[text.index("NOMOR URUT") : text.index("MENGETAHUI")].strip()
