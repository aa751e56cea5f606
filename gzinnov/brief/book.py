"""The chart book of one language: its sections' PDFs, joined in order.

Each section (the overview, or one indicator) is written as one PDF; the book is those
PDFs concatenated. A section copied from the previous pack therefore gives the same book
bytes as one drawn now. The join keeps pages as they are (no re-rendering) and adds one
bookmark per section.
"""

__all__ = ["join_book", "join_books"]

import io
import shutil
from pathlib import Path

from ..files import write_bytes_atomic
from .export import METADATA


def join_book(parts, path):
    """Write the book ``path`` from ``parts``, a list of ``(section title, PDF path)`` in page order."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for title, part in parts:
        reader = PdfReader(part)
        first = len(writer.pages)
        for page in reader.pages:
            writer.add_page(page)
        if len(writer.pages) > first:
            writer.add_outline_item(title=title, page_number=first)
    info = {f"/{k}": v for k, v in METADATA["pdf"].items() if v is not None}
    writer.add_metadata(info)
    buffer = io.BytesIO()
    writer.write(buffer)
    write_bytes_atomic(path, buffer.getvalue())


def join_books(plans, sections, folder, previous=None):
    """Write ``briefing-<lang>.pdf`` in ``folder`` for each language from its sections' PDFs.

    A book whose sections (keys and order) are those of the previous pack's book is copied.
    Returns ``{lang: key}`` for the manifest.
    """
    from .cache import book_key, read_manifest
    from .render import section_pdf

    old = read_manifest(previous).get("books", {}) if previous is not None else {}
    keys = {}
    for lang, plan in plans.items():
        titles = {c["section"]: c["section_title"] for c in plan}
        keys[lang] = book_key([sections[lang][s]["key"] for s in titles])
        name = f"briefing-{lang}.pdf"
        if old.get(lang) == keys[lang] and (Path(previous) / name).is_file():
            shutil.copyfile(Path(previous) / name, folder / name)
            continue
        join_book([(title, folder / section_pdf(lang, section)) for section, title in titles.items()], folder / name)
    return keys
