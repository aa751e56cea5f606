"""Read a CSV or Excel file, whatever its encoding or layout, into a raw table of cells."""

__all__ = ["read_raw", "COLUMN_ALIASES", "REQUIRED_COLUMNS"]

import csv
import io
from pathlib import Path

import pandas as pd

from .errors import Problem
from .parse import normalise_text

REQUIRED_COLUMNS = ["indicator_id", "city", "year", "value", "source_id"]
COLUMN_ALIASES = {
    "indicator_id": ["indicator_id", "indicator", "指标", "指标代码", "指标id", "指标名称"],
    "city": ["city", "城市", "地区"],
    "year": ["year", "年份", "年度", "年"],
    "value": ["value", "数值", "值", "数据"],
    "unit": ["unit", "单位"],
    "status": ["status", "状态"],
    "source_id": ["source_id", "source", "来源", "资料来源", "数据来源"],
    "ref": ["ref", "reference", "出处", "表号"],
    "note": ["note", "notes", "备注", "说明"],
    "lower_bound": ["lower_bound", "下限"],
}
_ALIAS_TO_COLUMN = {alias: col for col, names in COLUMN_ALIASES.items() for alias in names}
_MAX_BYTES = 200 * 1024 * 1024
_HEADER_SEARCH_ROWS = 10


def _decode(data, name):
    """Decode bytes; return (text, problem)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:4096]:
        return None, Problem(name, None, None, "binary content", "a text CSV file or an .xlsx workbook")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None, Problem(name, None, None, "bytes that are neither UTF-8 nor GBK/GB18030",
                             "a file saved as UTF-8 or GBK")
    bad_line = _first_line_in_other_encoding(data)
    if bad_line:
        return None, Problem(name, bad_line, None, "a line in another encoding than other lines",
                             "one encoding for the whole file (UTF-8 or GBK)")
    return text, None


def _first_line_in_other_encoding(data):
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


def _sniff_delimiter(text):
    sample = "\n".join(text.splitlines()[:20])
    counts = {d: sample.count(d) for d in (",", "\t", ";")}
    return max(counts, key=counts.get) if any(counts.values()) else ","


def _read_text(path, name):
    data = Path(path).read_bytes()
    if not data.strip():
        return [], Problem(name, None, None, "an empty file", "a header row and at least one data row")
    text, problem = _decode(data, name)
    if problem:
        return [], problem
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text)))
    return rows, None


def _read_excel(path, name):
    try:
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken workbook
        return [], Problem(name, None, None, f"a workbook that cannot be opened ({type(exc).__name__})",
                           "a valid .xlsx file")
    sheets = []
    for sheet in book.worksheets:
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        sheets.append((sheet.title, rows))
    book.close()
    for _, rows in sheets:
        if _find_header(rows) is not None:
            return rows, None
    return (sheets[0][1] if sheets else []), None


def _canonical(cell):
    return _ALIAS_TO_COLUMN.get(normalise_text(cell).lower()) if cell is not None else None


def _find_header(rows):
    for i, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        names = {_canonical(c) for c in row}
        if {"indicator_id", "value"} <= names:
            return i
    return None


def read_raw(path):
    """Read ``path`` into a DataFrame of raw cells with canonical column names.

    Returns ``(frame, problems)``. ``frame`` has a ``_row`` column with the row number
    as a spreadsheet shows it (1 = first line).
    """
    path = Path(path)
    name = path.name
    if not path.is_file():
        return None, [Problem(str(path), None, None, "no such file", "a CSV or XLSX file")]
    if path.stat().st_size > _MAX_BYTES:
        return None, [Problem(name, None, None, f"a file of {path.stat().st_size} bytes",
                              f"a file under {_MAX_BYTES // 2**20} MB")]
    reader = _read_excel if path.suffix.lower() in (".xlsx", ".xlsm") else _read_text
    rows, problem = reader(path, name)
    if problem:
        return None, [problem]
    header_at = _find_header(rows)
    if header_at is None:
        expected = "a header row with " + ", ".join(REQUIRED_COLUMNS) + " (or 指标, 城市, 年份, 数值, 来源)"
        found = "no data" if not rows else "a first row of " + ", ".join(str(c) for c in rows[0][:6])
        return None, [Problem(name, 1 if rows else None, None, found, expected)]
    header = [_canonical(c) or (normalise_text(c) if c is not None else f"_col{j}")
              for j, c in enumerate(rows[header_at])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        return None, [Problem(name, header_at + 1, col, "no such column", f"a column named {col}")
                      for col in missing]
    body = [list(r)[: len(header)] + [None] * (len(header) - len(r)) for r in rows[header_at + 1:]]
    frame = pd.DataFrame(body, columns=range(len(header)))
    frame.columns = header
    frame = frame.loc[:, ~frame.columns.duplicated()]
    frame["_row"] = range(header_at + 2, header_at + 2 + len(frame))
    frame = frame[~_blank_or_note(frame.drop(columns="_row"))]
    if frame.empty:
        return None, [Problem(name, header_at + 1, None, "a header with no data rows",
                              "at least one data row")]
    return frame.reset_index(drop=True), []


def _blank_or_note(cells):
    """Mark blank rows and trailing note rows ("注:…", "资料来源:…")."""
    text = cells.astype("string").fillna("").apply(lambda col: col.str.strip())
    count = text.ne("").sum(axis=1)
    first = text.iloc[:, 0].map(normalise_text)
    notes = first.str.startswith(("注", "资料来源", "数据来源", "说明", "Note", "Source")) & count.eq(1)
    return count.eq(0) | notes
