"""Decode a text file and split it into cells: encodings, delimiters, ragged rows.

The common case (one encoding, one delimiter, rows as wide as the header) goes through
pandas' C parser; anything irregular is read again with the ``csv`` module, so that each
irregular row can be named.
"""

__all__ = ["choose_delimiter", "decode", "read_body"]

import csv
import io
import unicodedata
import warnings

import pandas as pd

from ..errors import Problem, Text

_DELIMITERS = (",", "\t", ";")
_HEAD = 30  # records searched for the header row
_HEAD_CHARS = 200_000
_BINARY = Text("binary content", "二进制内容")
_TEXT_OR_BOOK = Text("a CSV text file (UTF-8, GBK or UTF-16) or an .xlsx workbook",
                     "CSV文本文件(UTF-8、GBK或UTF-16编码)或.xlsx工作簿")


def _looks_binary(text):
    sample = text[:4096]
    control = sum(unicodedata.category(ch) == "Cc" and ch not in "\t\r\n" for ch in sample)
    return control > len(sample) / 100


def _truncated(name, data):
    line = data.count(b"\n") + 1
    return Problem(name, line, None, Text("a file that ends in the middle of a character",
                                          "文件在一个字符的中间结束"),
                   Text("a complete file (was it cut short while copying?)", "完整的文件(是否复制时被截断?)"))


def _mixed_line(data):
    """Return the first non-UTF-8 line of a file that also has real UTF-8 Chinese lines."""
    utf8_cjk, first_bad = False, None
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            first_bad = first_bad or number
            continue
        utf8_cjk = utf8_cjk or any("\u4e00" <= ch <= "\u9fff" for ch in text)
    return first_bad if utf8_cjk else None


def _utf8_or_gbk(data, name):
    """Decode bytes without a byte-order mark; return (text, source, problem)."""
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8"), data, None
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(data):
            return None, None, _truncated(name, data)
    bad_line = _mixed_line(data)
    if bad_line:
        return None, None, Problem(name, bad_line, None,
                                   Text("a line in another encoding than the lines above it", "一行的编码与前面各行不同"),
                                   Text("one encoding for the whole file (UTF-8 or GBK)", "整个文件使用同一种编码(UTF-8或GBK)"))
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None, None, Problem(name, None, None, Text("bytes that are neither UTF-8 nor GBK/GB18030",
                                                          "既不是UTF-8也不是GBK/GB18030的字节"), _TEXT_OR_BOOK)
    return text, text, None


def decode(data, name):
    """Decode the bytes of a text file; return ``(text, source, problem)``.

    ``source`` is what :func:`read_body` reads: the bytes, without a byte-order mark,
    when they are UTF-8, else the text.

    UTF-16 needs its byte-order mark. Without one, the file must be UTF-8 as a whole or
    GB18030 (a superset of GBK) as a whole: a file mixing the two is refused, with the
    first line in the other encoding.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = source = data.decode("utf-16")
        except UnicodeDecodeError:
            return None, None, _truncated(name, data)
        problem = None
    elif b"\x00" in data:  # no text but UTF-16 has NUL bytes
        return None, None, Problem(name, None, None, _BINARY, _TEXT_OR_BOOK)
    else:
        text, source, problem = _utf8_or_gbk(data, name)
    if problem:
        return None, None, problem
    if (source is text and "\x00" in text) or _looks_binary(text):
        return None, None, Problem(name, None, None, _BINARY, _TEXT_OR_BOOK)
    if text[:100].lstrip()[:1] == "<" and any(t in text[:2000].lower() for t in ("<html", "<table", "<?xml")):
        return None, None, Problem(name, None, None, Text("a web page (HTML) or XML", "网页(HTML)或XML"),
                                   Text("a CSV file or an .xlsx workbook (in Excel or WPS: save as .xlsx)",
                                        "CSV文件或.xlsx工作簿(在Excel或WPS中另存为.xlsx)"))
    return text, source, None


def _head(text, delimiter):
    """Return the first rows, as far as the csv module can split them."""
    rows = []  # the header is near the top: no need to copy a 50 MB text into a StringIO
    try:
        for row in csv.reader(io.StringIO(text[:_HEAD_CHARS], newline=""), delimiter=delimiter):
            rows.append(row)
            if len(rows) == _HEAD:
                break
    except csv.Error:  # e.g. a cell longer than the csv module's limit: pandas reads it later
        pass
    return rows


def _unclosed_quote(rows, name):
    """Name the row where a quotation mark opens and never closes: it swallows the rest of the file."""
    if not rows or not any("\n" in cell or "\r" in cell for cell in rows[-1]):
        return []
    return [Problem(name, len(rows), None, Text("a quotation mark (\") that is never closed", "一个没有配对的引号(\")"),
                    Text("a closing quotation mark: the rest of the file was read as one cell",
                         "配对的引号:文件其余部分被读成了一个单元格"))]


def _read_slowly(text, name, delimiter, header_at, width):
    """Read with the csv module; name rows with more cells than the header."""
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        return None, [Problem(name, None, None, Text(f"text that cannot be split into cells ({exc})",
                                                     f"无法拆分为单元格的文本({exc})"), _TEXT_OR_BOOK)]
    problems = _unclosed_quote(rows, name) if text.count('"') % 2 else []
    for number, row in enumerate(rows, start=1):
        extra = [c for c in row[width:] if c.strip()]
        if extra and number > header_at + 1:
            problems.append(Problem(name, number, None, Text(
                f"{len(row)} cells where the header has {width} (extra: {', '.join(extra[:3])})",
                f"{len(row)}个单元格,而表头只有{width}个(多出:{'、'.join(extra[:3])})"),
                Text("as many cells as the header: is there an unquoted comma in a number, such as 1,234.5?",
                     "与表头相同的单元格数:数字中是否有未加引号的逗号,如1,234.5?")))
    body = [row[:width] + [""] * (width - len(row)) for row in rows[header_at + 1:]]
    return pd.DataFrame(body, columns=range(width), dtype=object).replace("", None), problems


def choose_delimiter(text, find_header):
    """Return ``(delimiter, head)``: the delimiter that reveals a header row, and the first rows."""
    sample = "\n".join(text[:20000].splitlines()[:20])
    ranked = sorted(_DELIMITERS, key=sample.count, reverse=True)
    for delimiter in ranked:
        head = _head(text, delimiter)
        if find_header(head) is not None:
            return delimiter, head
    return ranked[0], _head(text, ranked[0])


def _body_offset(source, header_at):
    """Return where the line below the header starts; -1 unless every line above is one record."""
    newline = b"\n" if isinstance(source, bytes) else "\n"
    offset = 0
    for _ in range(header_at + 1):
        offset = source.find(newline, offset) + 1
        if offset == 0:
            return -1
    prefix = source[:offset].decode("utf-8") if isinstance(source, bytes) else source[:offset]
    return -1 if '"' in prefix or "\r" in prefix.replace("\r\n", "") else offset


def read_body(source, text, name, delimiter, header_at, names):
    """Read the rows below the header; return ``(body, problems)``.

    ``source`` is the file's bytes when it is UTF-8 (pandas reads those fastest), else
    its text. ``body`` has one column per header cell, numbered from 0; the ``value``
    and ``year`` columns are left for pandas to read as numbers where they are, every
    other cell stays text (as a categorical column). Irregular files are read again
    with the csv module.
    """
    offset = _body_offset(source, header_at)
    if offset > 0:
        # text as categories: the checks then work once per distinct cell, not once per row
        text_columns = {j: "category" for j, n in enumerate(names) if n not in ("value", "year")}
        stream = io.BytesIO(source[offset:]) if isinstance(source, bytes) else io.StringIO(source[offset:])
        try:
            with warnings.catch_warnings():  # a row wider than the header: read it slowly, and say so
                warnings.simplefilter("error", pd.errors.ParserWarning)
                body = pd.read_csv(stream, sep=delimiter, header=None, names=range(len(names)), index_col=False,
                                   dtype=text_columns, keep_default_na=False, na_values=[""],
                                   skip_blank_lines=False, engine="c", encoding="utf-8")
        except pd.errors.EmptyDataError:
            return pd.DataFrame(columns=range(len(names)), dtype=object), []
        except (pd.errors.ParserError, pd.errors.ParserWarning, ValueError):
            pass
        else:
            for j in body.columns[body.dtypes == bool]:  # "TRUE" is not a number or a year
                body[j] = body[j].astype(str).astype(object)
            return body, []
    return _read_slowly(text, name, delimiter, header_at, len(names))
