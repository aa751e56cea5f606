"""Write files atomically: a temporary file in the same folder, then a rename."""

__all__ = ["atomic_path", "write_bytes_atomic", "write_text_atomic", "stable_zip"]

import contextlib
import os
import tempfile
from pathlib import Path


@contextlib.contextmanager
def atomic_path(path):
    """Yield a temporary path beside ``path``; rename it onto ``path`` if the block succeeds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_bytes_atomic(path, data):
    """Write ``data`` to ``path`` so that readers never see a half-written file."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def write_text_atomic(path, text):
    """Write UTF-8 ``text`` to ``path`` atomically."""
    write_bytes_atomic(path, text.encode("utf-8"))


def stable_zip(data, stamp="2000-01-01T00:00:00Z"):
    """Return the zip archive ``data`` (e.g. an XLSX workbook) with its dates fixed.

    Office files carry the time they were written (in each zip entry, and in
    ``docProps/core.xml``); fixed, the same content gives the same bytes.
    """
    import io
    import re
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            body = old.read(info)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), body)
            new.writestr(zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0)), body,
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
