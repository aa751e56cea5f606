"""The chart book's front matter and finish: a cover, the contents, bookmarks, title metadata.

The charts are drawn into the book first (numbered from the page after the front
matter); :func:`finish_book` then puts the cover and contents in front of them, adds one
bookmark per chart under its section, and sets the document's title.
"""

__all__ = ["front_pages", "draw_cover", "draw_contents", "finish_book", "BOOK_TEXT", "number_page"]

import math

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


def number_page(fig, n, lang):
    """Write the page number ``n`` at the foot of ``fig``; return the text (remove it after saving)."""
    return fig.text(0.99, 0.005, BOOK_TEXT[lang]["page"].format(n=n), ha="right", va="bottom",
                    fontsize="x-small", color="#777777", gid="page_number")


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


def finish_book(path, front, charts, skipped, info, lang):
    """Put the ``front`` PDF (cover and contents) before the chart pages of ``path``; add
    bookmarks and title metadata; write it back in place."""
    from pypdf import PdfReader, PdfWriter

    from ..charts.labels import city_name
    from ..files import write_bytes_atomic

    writer = PdfWriter()
    for source in (front, path):
        for page in PdfReader(source).pages:
            writer.add_page(page)
    t = BOOK_TEXT[lang]
    offset = front_pages(charts, skipped)
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
    import io

    buffer = io.BytesIO()
    writer.write(buffer)
    write_bytes_atomic(path, buffer.getvalue())
