"""The chart book: a front section (cover and contents), then its charts' PDF pages, joined.

Each chart is written as a one-page PDF; the front section
(cover with build and data dates and the version, the contents with the charts left out,
and a page-number stamp for each chart page) is drawn at join time. The join keeps pages as
they are (no re-rendering), stamps each chart page with its number, adds bookmarks
(contents, each section, each chart) and title metadata. A book whose parts are unchanged
is copied from the previous pack.
"""

__all__ = ["front_pages", "draw_cover", "draw_contents", "join_book", "join_books", "draw_fronts", "book_keys",
           "number_pages", "BOOK_TEXT"]

import io
import json
import math
import shutil
from pathlib import Path

BOOK_TEXT = {
    "zh": {"title": "{city}科技创新规划目标简报", "subtitle": "图册", "built": "编制日期：{date}",
           "as_of": "数据截至：{date}", "version": "gzinnov {version}", "contents": "目录",
           "user_files": "已并入用户数据文件：{files}", "skipped": "未绘制：{reason}", "page": "第{n}页",
           "lang_name": "中文"},
    "en": {"title": "{city}: S&T plan targets briefing", "subtitle": "Chart book", "built": "Built: {date}",
           "as_of": "Data as of: {date}", "version": "gzinnov {version}", "contents": "Contents",
           "user_files": "User data files folded in: {files}", "skipped": "not drawn: {reason}", "page": "page {n}",
           "lang_name": "English"},
}
ROWS_PER_PAGE = 30


def _entries(charts, skipped):
    """Return the lines of the contents in order: ``(level, text, chart or None)``."""
    lines, section = [], None
    for chart in _in_order(charts, skipped):
        if chart["section"] != section:
            section = chart["section"]
            lines.append((0, chart["section_title"], None))
        lines.append((1, chart["title"], chart))
    return lines


def _in_order(charts, skipped):
    """Charts and skipped charts, in the plan's order of sections (skipped ones last in theirs)."""
    order = list(dict.fromkeys([c["section"] for c in charts] + [c["section"] for c in skipped]))
    return [c for s in order for c in [*(c for c in charts if c["section"] == s),
                                        *(c for c in skipped if c["section"] == s)]]


def front_pages(charts, skipped):
    """Return how many pages the cover and contents take."""
    return 1 + max(1, math.ceil(len(_entries(charts, skipped)) / ROWS_PER_PAGE))


def draw_cover(info, lang, size):
    """Return the cover: title, city, build date, data-as-of date, version, user files."""
    import matplotlib.pyplot as plt

    from ..charts.labels import city_name

    t = BOOK_TEXT[lang]
    fig = plt.figure(figsize=size, layout="none")
    fig.text(0.08, 0.72, t["title"].format(city=city_name(info["city"], lang)), fontsize=26, color="#111111")
    fig.text(0.08, 0.64, t["subtitle"], fontsize=16, color="#D55E00")
    lines = [t["built"].format(date=info["built"]), t["as_of"].format(date=info["data_as_of"]),
             t["version"].format(version=info["version"])]
    if info.get("user_files"):
        lines.append(t["user_files"].format(files=("、" if lang == "zh" else ", ").join(info["user_files"])))
    for i, line in enumerate(lines):
        fig.text(0.08, 0.48 - 0.06 * i, line, fontsize=13, color="#333333", gid="cover_line")
    return fig


def draw_contents(charts, skipped, lang, size, first_page):
    """Return the contents pages: every chart with its page number, and each chart left out
    with the reason (one line each)."""
    import matplotlib.pyplot as plt

    t = BOOK_TEXT[lang]
    pages, numbers = [], {c["id"]: first_page + i for i, c in enumerate(charts)}
    entries = _entries(charts, skipped)
    for start in range(0, max(len(entries), 1), ROWS_PER_PAGE):
        fig = plt.figure(figsize=size, layout="none")
        fig.text(0.06, 0.93, t["contents"], fontsize=18, color="#111111")
        for i, (level, label, chart) in enumerate(entries[start:start + ROWS_PER_PAGE]):
            y = 0.87 - i * 0.8 / ROWS_PER_PAGE
            if level == 0:
                fig.text(0.06, y, label, fontsize=10, color="#111111")
                continue
            if "skipped" in chart:
                label = f"{label}（{t['skipped'].format(reason=chart['skipped'])}）" if lang == "zh" \
                    else f"{label} ({t['skipped'].format(reason=chart['skipped'])})"
            fig.text(0.09, y, label, fontsize=9, color="#888888" if "skipped" in chart else "#333333")
            if "skipped" not in chart:
                fig.text(0.94, y, str(numbers[chart["id"]]), fontsize=9, ha="right", color="#333333")
        pages.append(fig)
    return pages


def number_pages(plans, skipped):
    """Give every chart of ``plans`` (``{lang: plan}``) its ``page`` in the chart book, in place."""
    for lang, plan in plans.items():
        first = front_pages(plan, skipped[lang]) + 1
        for i, chart in enumerate(plan):
            chart["page"] = first + i


NUMBER_PITCH = 14.0  # points between the page numbers on the sheet of numbers
NUMBER_WIDTH = 1.5  # inches: the width of that sheet


def draw_front(folder, charts, skipped, info, lang, previous=None):
    """Write the front section of a book into ``folder``: the cover, and the contents followed
    by one sheet holding every chart's page number, a line each (see :func:`join_book`).

    The contents do not change with the cover's dates and user files; they are kept in the
    pack under their key and copied from the ``previous`` pack when that key is unchanged.
    """
    from .cache import intact

    _draw_pages(_cover_path(folder, lang), lambda size: [draw_cover(info, lang, size)])
    contents = _contents_path(folder, charts, skipped, lang)
    rel = contents.relative_to(Path(folder))
    if previous is not None and intact(previous, rel):
        shutil.copyfile(Path(previous) / rel, contents)
        return
    first = front_pages(charts, skipped) + 1
    _draw_pages(contents, lambda size: [*draw_contents(charts, skipped, lang, size, first),
                                        _number_sheet(len(charts), first, lang)])


def _draw_pages(path, pages):
    """Write the figures ``pages(size)`` returns, one a page, to the PDF ``path``."""
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    from .export import METADATA
    from ..style import SIZES, theme

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with theme(), PdfPages(path, metadata=METADATA["pdf"]) as book:
        for fig in pages(SIZES["slide"]):
            book.savefig(fig, facecolor=fig.get_facecolor())
            plt.close(fig)


def _number_sheet(count, first, lang):
    """Return the transparent sheet of page numbers ``first`` .. ``first + count - 1``."""
    import matplotlib.pyplot as plt

    height = max(count, 1) * NUMBER_PITCH / 72
    sheet = plt.figure(figsize=(NUMBER_WIDTH, height), layout="none", facecolor="none")
    for i in range(count):
        sheet.text(1.0, _number_y(i) / 72 / height, BOOK_TEXT[lang]["page"].format(n=first + i), ha="right",
                   va="bottom", fontsize="x-small", color="#777777", gid="page_number")
    return sheet


def _number_y(i):
    """The baseline height (points, from the sheet's foot) of the ``i``-th page number."""
    return i * NUMBER_PITCH + 2.0


def _stamp(writer, page, number, i):
    """Draw the form ``number`` (line ``i`` of the sheet of numbers) at the foot of ``page``,
    right-aligned as the charts' own text was: no content stream is parsed."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    resources = DictionaryObject(page["/Resources"].get_object())
    forms = DictionaryObject(resources.get("/XObject", DictionaryObject()).get_object())
    forms[NameObject("/GzPageNumber")] = number
    resources[NameObject("/XObject")] = forms
    page[NameObject("/Resources")] = resources
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    x, y = 0.99 * width - NUMBER_WIDTH * 72, 0.005 * height - _number_y(i)
    before, after = DecodedStreamObject(), DecodedStreamObject()
    before.set_data(b"q\n")
    after.set_data(f"\nQ q 1 0 0 1 {x:.2f} {y:.2f} cm /GzPageNumber Do Q\n".encode())
    contents = page.raw_get("/Contents")  # the reference: a stream in an array must be indirect
    inner = list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) else [contents]
    page[NameObject("/Contents")] = ArrayObject([writer._add_object(before), *inner, writer._add_object(after)])


def _number_forms(writer, sheet, count):
    """Cut the page ``sheet`` into one form XObject per page number (so a page's text holds
    its own number only); add them to ``writer`` and return their references, in order."""
    import re

    from pypdf.generic import DecodedStreamObject, NameObject

    data = sheet["/Contents"].get_object().get_data()
    lines = list(re.finditer(rb"q\n[^\n]* cm\nBT\n.*?\nET\nQ\n", data, re.S))  # one text each, in order
    if len(lines) != count:
        raise ValueError(f"the sheet of page numbers has {len(lines)} lines for {count} pages")
    head = data[:lines[0].start()] if lines else b""  # the colours, set once before the first line
    resources = writer._add_object(sheet["/Resources"].clone(writer))
    refs = []
    for line in lines:
        form = DecodedStreamObject()
        form.set_data(head + line.group())
        form.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                     NameObject("/BBox"): sheet.mediabox, NameObject("/Resources"): resources})
        refs.append(writer._add_object(form))
    return refs


def join_book(path, fronts, parts, charts, info, lang):
    """Write the book ``path``: the ``fronts`` PDFs (cover, then contents ending with the sheet
    of page numbers), then the charts' PDFs ``parts`` in page order; bookmarks for the
    contents, each section and each chart; title metadata."""
    from pypdf import PdfReader, PdfWriter

    from ..charts.labels import city_name
    from ..files import write_bytes_atomic

    writer = PdfWriter()
    *front_pages_, numbers = [p for f in fronts for p in PdfReader(f).pages]  # the last: the sheet of numbers
    for page in front_pages_:
        writer.add_page(page)
    offset, forms = len(front_pages_), _number_forms(writer, numbers, len(charts))
    pages = (page for source in parts for page in PdfReader(source).pages)
    for i, (page, form) in enumerate(zip(pages, forms, strict=True)):
        _stamp(writer, writer.add_page(page), form, i)
    t = BOOK_TEXT[lang]
    writer.add_outline_item(title=t["contents"], page_number=1)
    parents = {}
    for i, chart in enumerate(charts):
        if chart["section"] not in parents:
            parents[chart["section"]] = writer.add_outline_item(title=chart["section_title"], page_number=offset + i)
        writer.add_outline_item(title=chart["title"], page_number=offset + i, parent=parents[chart["section"]])
    title = t["title"].format(city=city_name(info["city"], lang))
    writer.add_metadata({"/Title": f"{title}: {t['subtitle']}" if lang == "en" else f"{title}：{t['subtitle']}",
                         "/Author": "gzinnov", "/Creator": "gzinnov", "/Producer": "gzinnov",
                         "/Subject": t["as_of"].format(date=info["data_as_of"]),
                         "/Keywords": f"gzinnov {info['version']}"})
    writer.page_mode = "/UseOutlines"
    buffer = io.BytesIO()
    writer.write(buffer)
    write_bytes_atomic(path, buffer.getvalue())


def _contents_key(charts, skipped, lang):
    import hashlib

    from .cache import common_key

    lines = [(c["section"], c["section_title"], c["title"], c.get("skipped")) for c in _in_order(charts, skipped)]
    return hashlib.sha256(json.dumps([common_key(), lang, lines], ensure_ascii=False, default=str).encode()).hexdigest()


def _front_key(charts, skipped, info, lang):
    from .cache import common_key

    cover = {k: info.get(k) for k in ("built", "data_as_of", "version", "city", "user_files")}
    return json.dumps([common_key(), lang, cover, _contents_key(charts, skipped, lang)], sort_keys=True,
                      ensure_ascii=False, default=str)


def book_keys(plans, keys, books):
    """Return ``{lang: key}`` of the books made of the charts with these ``keys`` (``{lang: {chart
    id: key}}``) and the fronts that ``books`` (``{lang: {"info", "skipped"}}``) describe."""
    from .cache import book_key

    return {lang: book_key([_front_key(plan, books[lang]["skipped"], books[lang]["info"], lang)]
                           + [keys[lang][c["id"]] for c in plan]) for lang, plan in plans.items()}


def _cover_path(folder, lang):
    from .cache import CACHE_DIR

    return Path(folder) / CACHE_DIR / lang / ".cover.pdf"  # drawn for this build's join only


def _contents_path(folder, charts, skipped, lang):
    from .cache import CACHE_DIR

    return Path(folder) / CACHE_DIR / lang / f"contents-{_contents_key(charts, skipped, lang)[:24]}.pdf"


def _copyable(previous, lang, key):
    from .cache import intact, read_manifest

    old = read_manifest(previous).get("books", {}) if previous is not None else {}
    return old.get(lang) == key and intact(previous, f"briefing-{lang}.pdf")


def draw_fronts(plans, keys, folder, previous=None, books=None):
    """Draw the front section of each book that cannot be copied from ``previous``: it needs
    no chart, so it can be drawn while the charts are (see :func:`join_books`)."""
    for lang, key in book_keys(plans, keys, books).items():
        if not _copyable(previous, lang, key):
            draw_front(folder, plans[lang], books[lang]["skipped"], books[lang]["info"], lang, previous)


def join_books(plans, files, folder, previous=None, books=None):
    """Write ``briefing-<lang>.pdf`` in ``folder`` for each language: front section, then a page per chart.

    ``files`` is ``{lang: {chart id: {"key", "files"}}}`` and ``books`` is ``{lang: {"info":
    provenance, "skipped": [chart, ...]}}``. A book whose front and pages (keys and order)
    are those of the previous pack's book is copied; a front already drawn by
    :func:`draw_fronts` is used (its cover then removed; its contents stay, for the next
    build). Returns ``{lang: key}`` for the manifest.
    """
    from .cache import chart_pdf, intact

    keys = book_keys(plans, {lang: {i: f["key"] for i, f in charts.items()} for lang, charts in files.items()}, books)
    for lang, plan in plans.items():
        name = f"briefing-{lang}.pdf"
        skipped, info = books[lang]["skipped"], books[lang]["info"]
        cover, contents = _cover_path(folder, lang), _contents_path(folder, plan, skipped, lang)
        if _copyable(previous, lang, keys[lang]):
            for rel in (Path(name), contents.relative_to(Path(folder))):  # the contents too, for the next build
                if intact(previous, rel):
                    (Path(folder) / rel).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(Path(previous) / rel, Path(folder) / rel)
            continue
        try:
            if not (cover.is_file() and contents.is_file()):
                draw_front(folder, plan, skipped, info, lang, previous)
            join_book(folder / name, [cover, contents], [folder / chart_pdf(lang, c["id"]) for c in plan], plan,
                      info, lang)
        finally:
            cover.unlink(missing_ok=True)
    return keys
