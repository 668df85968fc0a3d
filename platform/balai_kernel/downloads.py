"""Downloads of files made for one request (village export archives), that leave
nothing behind on the web pod.

The console wrote each export into ``tempfile.mkdtemp()`` and streamed it: the folder
(a whole village: register, photos, scans) stayed in ``/tmp`` after the download, one
more copy per click. ``temporary_file_response`` writes the file into a fresh
temporary folder, opens it and removes the folder at once: the open handle keeps the
data readable (POSIX) until the response is closed after streaming, when the kernel
frees it. A failure while writing removes the folder too.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.http import FileResponse


def temporary_file_response(
    *, filename: str, write: Callable[[Path], object], prefix: str = "balai-"
) -> FileResponse:
    """Call ``write(path)`` to make ``filename`` in a private temporary folder and
    return it as an attachment; no path of it exists any more once this returns."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        path = folder / filename
        write(path)
        handle = path.open("rb")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return FileResponse(handle, as_attachment=True, filename=filename)
