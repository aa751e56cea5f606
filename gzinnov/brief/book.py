"""The chart book of one language: its sections' PDFs, joined in order.

Each section (the overview, or one indicator) is written as one PDF; the book is those
PDFs concatenated. A section copied from the previous pack therefore gives the same book
bytes as one drawn now. The join keeps pages as they are (no re-rendering) and adds one
bookmark per section.
"""

__all__ = ["join_book", "join_books"]

import io

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


def join_books(plans, folder):
    """Write ``briefing-<lang>.pdf`` in ``folder`` for each language of ``plans`` from its sections' PDFs."""
    from .render import section_pdf

    for lang, plan in plans.items():
        titles = {c["section"]: c["section_title"] for c in plan}
        join_book([(title, folder / section_pdf(lang, section)) for section, title in titles.items()],
                  folder / f"briefing-{lang}.pdf")
