"""Read a CSV or Excel file, whatever its encoding or layout, into a raw table of cells.

Only the layout is read here: which row is the header, which column is which, where the
notes start. The cells stay as typed; :mod:`gzinnov.checks` reads their meaning.
"""

__all__ = ["read_raw", "COLUMN_ALIASES", "REQUIRED_COLUMNS"]

import re
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import Problem, Text
from .parse import UNITS, normalise_text
from .text import choose_delimiter, decode, read_body
from .xlsx import read_workbook

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
    "series_break": ["series_break", "口径变化", "口径调整"],
    "basis": ["basis", "口径", "统计口径", "累计/当年", "当年/累计"],
}
_ALIAS_TO_COLUMN = {alias: col for col, names in COLUMN_ALIASES.items() for alias in names}
_MAX_BYTES = 200 * 1024 * 1024
_HEADER_SEARCH_ROWS = 30
_IN_BRACKETS = re.compile(r"^(.*?)\s*\(([^()]*)\)$")  # "数值(亿元)", "value (100 million yuan)"
_TABLE_UNIT = re.compile(r"^(单位|unit)\s*[::]\s*(.+)$", re.I)  # a line "单位:亿元" above the table
_NOTE = re.compile(r"^\s*(注|资料来源|数据来源|来源|说明|备注|notes?|sources?)\s*\d*\s*[:：.．、]", re.I)
_WORKBOOK, _OLD_WORKBOOK = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"
_EXPECTED_HEADER = Text(
    "a header row with indicator_id, city, year, value, source_id (or 指标, 城市, 年份, 数值, 来源)",
    "含有 指标、城市、年份、数值、来源(或 indicator_id, city, year, value, source_id)的表头行")


def _split_header(cell):
    """Return (canonical column or None, unit in brackets or None) for a header cell."""
    if cell is None:
        return None, None
    text = normalise_text(cell)
    m = _IN_BRACKETS.match(text)
    name, unit = (m.group(1), m.group(2).strip()) if m else (text, None)
    return _ALIAS_TO_COLUMN.get(name.lower()), unit


def _find_header(rows):
    """Return the index of the header row: the first with three required columns."""
    for i, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        names = {_split_header(c)[0] for c in row}
        if len(names & set(REQUIRED_COLUMNS)) >= 3 or {"indicator_id", "value"} <= names:
            return i
    return None


def _no_header(name, rows, sheet=None):
    for i, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        years = [str(c) for c in row if re.fullmatch(r"(19|20)\d\d(年)?", normalise_text(c or ""))]
        if len(years) >= 2 and any(_split_header(c)[0] == "indicator_id" for c in row):
            return Problem(name, i + 1, None, Text(f"years as columns ({', '.join(years[:4])} …)",
                                                   f"年份作为列({'、'.join(years[:4])}…)"),
                           Text("one row per indicator, city and year, with the number in a value column",
                                "每个指标、城市、年份占一行,数字放在“数值”列"), sheet=sheet)
    wide = _wide_table(name, rows, sheet)
    if wide:
        return wide
    first = next((r for r in rows if any(c not in (None, "") for c in r)), None)
    cells = list(dict.fromkeys(str(c) for c in first if c not in (None, "")))[:6] if first else []  # a merged title once
    found = Text("a first row of " + ", ".join(cells), "首行为 " + "、".join(cells)) if first else Text("no data", "没有数据")
    return Problem(name, 1 if rows else None, None, found, _EXPECTED_HEADER, sheet=sheet)


def _is_year(cell):
    return re.fullmatch(r"(19|20)\d\d(年)?", normalise_text(cell if cell is not None else "")) is not None


def _wide_table(name, rows, sheet):
    """A yearbook table pasted as it is (years down, measures across): one message showing the long shape."""
    for i, row in enumerate(rows[:_HEADER_SEARCH_ROWS - 1]):
        at = next((j for j, c in enumerate(row) if _split_header(c)[0] == "year"), None)
        measures = [(j, normalise_text(c)) for j, c in enumerate(row) if j != at and c not in (None, "")]
        below = rows[i + 1] if i + 1 < len(rows) else []
        if at is None or len(measures) < 2 or not (at < len(below) and _is_year(below[at])):
            continue
        j, measure = measures[0]
        label, unit = _split_header_unit(measure)
        value = below[j] if j < len(below) else ""
        shown = ", ".join(m for _, m in measures[:4]) + (" …" if len(measures) > 4 else "")
        example = f"{label}, 广州, {normalise_text(below[at]).removesuffix('年')}, {value}, {unit or ''}, <source>"
        return Problem(name, i + 1, None, Text(
            f"a wide table: years down the '{normalise_text(row[at])}' column and measures across ({shown})",
            f"宽表：年份在“{normalise_text(row[at])}”列向下排列，各项指标横向排列（{shown.replace(', ', '、')}）"),
            Text("one figure per row, in the long shape: 指标, 城市, 年份, 数值, 单位, 来源 — for the first cell: "
                 f"{example} (`gzinnov template` writes a ready-to-fill workbook)",
                 "每行一个数字的长表：指标、城市、年份、数值、单位、来源——第一个数字即："
                 f"{example}（`gzinnov template`可生成待填写的工作簿）"), sheet=sheet)
    return None


def _split_header_unit(text):
    m = _IN_BRACKETS.match(text)
    return (m.group(1), m.group(2).strip()) if m else (text, None)


def _table_unit(rows, header_at, name, sheet):
    """Return (unit, problems) from a "单位:亿元" line above the header."""
    for i, row in enumerate(rows[:header_at]):
        for cell in row:
            m = _TABLE_UNIT.match(normalise_text(cell)) if isinstance(cell, str) else None
            if m:
                unit = m.group(2).strip()
                if unit in UNITS:
                    return unit, []
                return None, [Problem(name, i + 1, None, repr(normalise_text(cell)),
                                      Text("a unit gzinnov knows, such as 万元, 亿元, 人, 万人, 家 or %",
                                           "gzinnov认识的单位,如万元、亿元、人、万人、家或%"), sheet=sheet)]
    return None, []


def _header(row, header_at, name, sheet):
    """Name the columns of the header row; return (names, unit of the value column, problems)."""
    names, unit, problems, seen = [], None, [], {}
    for j, cell in enumerate(row):
        col, bracket = _split_header(cell)
        if col is None:
            names.append(f"_col{j}")
            continue
        if col in seen:
            problems.append(Problem(name, header_at + 1, col, Text(
                f"two columns for {col}: {row[seen[col]]!r} and {cell!r}",
                f"两列都是{col}:{row[seen[col]]!r}和{cell!r}"),
                Text(f"one column for {col}", f"只有一列{col}"), sheet=sheet))
        seen[col] = j
        names.append(col)
        if col == "value" and bracket:
            if bracket not in UNITS:
                problems.append(Problem(name, header_at + 1, col, repr(normalise_text(cell)), Text(
                    "a unit gzinnov knows in the brackets, such as 数值(万元)", "括号内为gzinnov认识的单位,如数值(万元)"),
                    sheet=sheet))
            unit = bracket
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    problems += [Problem(name, header_at + 1, c, Text("no such column", "没有这一列"),
                         Text(f"a column named {c}", f"名为{c}的列"), sheet=sheet) for c in missing]
    return names, unit, problems


def _blank_or_note(cells):
    """Mark blank rows and note rows ("注:…", "资料来源:…", merged or not).

    Either kind has a blank value cell, or one equal to its first cell (a merged note),
    so only those rows are looked at closely.
    """
    value, first = cells["value"], cells.iloc[:, 0]
    maybe = value.isna()
    if not pd.api.types.is_numeric_dtype(value):
        maybe |= value.astype("string").str.strip().eq("").fillna(False).astype(bool) | value.eq(first)
    if not maybe.any():
        return maybe
    text = cells[maybe].astype("string").fillna("")
    filled = pd.DataFrame({c: text[c].str.strip().ne("") for c in text}, index=text.index).any(axis=1)
    notes = text.iloc[:, 0].str.match(_NOTE).fillna(False).astype(bool)
    return (~filled | notes).reindex(cells.index, fill_value=False)


def _frame(head, body, names, header_at, sheet):
    """Name the cells below the header, number their rows, drop blank and note rows."""
    if not isinstance(body, pd.DataFrame):
        body = pd.DataFrame([list(r) + [None] * (len(names) - len(r)) for r in head[header_at + 1:]],
                            columns=range(len(names)), dtype=object)
    keep = [j for j, n in enumerate(names) if not n.startswith("_col") and n not in names[:j]]
    frame = body.iloc[:, keep].set_axis([names[j] for j in keep], axis=1)
    frame.insert(len(keep), "_row", np.arange(header_at + 2, header_at + 2 + len(frame)))
    if sheet is not None:
        frame["_sheet"] = sheet
    return frame[~_blank_or_note(frame.drop(columns=["_row", "_sheet"], errors="ignore"))]


def _table(head, body, name, sheet=None):
    """Read one grid of cells (a CSV file or a sheet); return (frame, problems).

    ``head`` holds the first rows (for a sheet: all of them); ``body`` the rows below
    the header as a DataFrame, or None to take them from ``head``. ``frame`` is None
    when the grid has no header row or a broken one.
    """
    header_at = _find_header(head)
    if header_at is None:
        return None, [_no_header(name, head, sheet)]
    names, unit, problems = _header(head[header_at], header_at, name, sheet)
    table_unit, more = _table_unit(head, header_at, name, sheet)
    if problems or more:
        return None, problems + more
    if callable(body):
        body, problems = body(header_at, names)
        if body is None:
            return None, problems
    frame = _frame(head, body, names, header_at, sheet)
    frame.attrs["header_zh"] = any(re.search("[\u4e00-\u9fff]", str(c or "")) for c in head[header_at])
    if frame.empty:
        return frame, problems + [Problem(name, header_at + 1, None, Text("a header with no data rows",
                                                                          "只有表头、没有数据行"),
                                          Text("at least one data row", "至少一行数据"), sheet=sheet)]
    unit = unit or table_unit
    if unit:
        _table_unit_clash(frame, unit, name, sheet, problems)
        frame["unit"] = unit
    return frame, problems


def _table_unit_clash(frame, unit, name, sheet, problems):
    """Report unit cells that differ from the unit stated for the whole table."""
    if "unit" not in frame:
        return
    given = frame["unit"].astype("string").fillna("").map(normalise_text)
    clash = given.ne("") & given.ne(unit)
    problems += [Problem(name, int(r), "unit", repr(u), Text(f"{unit}, the unit in the header",
                                                             f"表头中的单位{unit}"), sheet=sheet)
                 for r, u in zip(frame.loc[clash, "_row"], given[clash])]


def read_raw(path):
    """Read ``path`` into a DataFrame of raw cells with canonical column names.

    Returns ``(frame, problems)``; ``frame`` is None when the file cannot be read as a
    table. ``frame`` has a ``_row`` column with the row number as a spreadsheet shows it
    (1 = first line), and for workbooks a ``_sheet`` column. ``frame.attrs`` holds the
    ``delimiter`` of a text file, ``header_zh`` (the header is in Chinese) and the
    ``problems`` that concern single rows, such as a row with more cells than the header;
    the checks report them with the rest.
    """
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size if path.is_file() else None
        if path.is_dir():
            return None, [Problem(str(path), None, None, Text("a folder", "文件夹"), Text(
                "a CSV or XLSX file (to check every file in a folder: gzinnov validate FOLDER)",
                "CSV或XLSX文件（检查文件夹中的每个文件：gzinnov validate 文件夹）"))]
        if size is None:
            return None, [Problem(str(path), None, None, Text("no such file", "文件不存在"),
                                  Text("a CSV or XLSX file", "CSV或XLSX文件"))]
        if size > _MAX_BYTES:
            mb, limit = f"{size / 2**20:.0f} MB", f"{_MAX_BYTES // 2**20} MB"
            return None, [Problem(name, None, None, Text(f"a file of {mb}", f"{mb}的文件"),
                                  Text(f"a file under {limit}", f"小于{limit}的文件"))]
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(name, None, None, Text(f"a file that cannot be read ({type(exc).__name__})",
                                                     f"无法读取的文件({type(exc).__name__})"),
                              Text("a readable CSV or XLSX file", "可读取的CSV或XLSX文件"))]
    if data.startswith(_OLD_WORKBOOK):
        return None, [Problem(name, None, None, Text("an Excel 97-2003 workbook (.xls)", "Excel 97-2003工作簿(.xls)"),
                              Text("an .xlsx workbook or a CSV file: save it again as .xlsx",
                                   ".xlsx工作簿或CSV文件:请另存为.xlsx"))]
    if data.startswith(_WORKBOOK) or path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_sheets(data, name)
    return _read_text(data, name)


def _read_sheets(data, name):
    """Read every sheet that has a header row; sheets of notes, charts or headers alone are passed over."""
    sheets, problems = read_workbook(data, name)
    frames, passed_over = [], []
    for title, rows in sheets:
        frame, found = _table(rows, None, name, title)
        if frame is not None and not frame.empty:
            frames.append(frame)
            problems += found
        elif frame is None and found[0].expected != _EXPECTED_HEADER:  # a broken header
            problems += found
        else:
            passed_over += found
    if not frames:
        return None, problems or passed_over[:1]
    zh = any(f.attrs.get("header_zh") for f in frames)
    return _finish(pd.concat(frames, ignore_index=True), None, problems, zh)


def _read_text(data, name):
    if not data or data.isspace():  # (data.strip() would copy a 50 MB file)
        return None, [Problem(name, None, None, Text("an empty file", "空文件"),
                              Text("a header row and at least one data row", "一行表头和至少一行数据"))]
    text, source, problem = decode(data, name)
    if problem:
        return None, [problem]
    delimiter, head = choose_delimiter(text, _find_header)
    frame, problems = _table(head, partial(read_body, source, text, name, delimiter), name)
    if frame is None or frame.empty:
        return None, problems
    return _finish(frame, delimiter, problems, frame.attrs.get("header_zh", False))


def _finish(frame, delimiter, problems, header_zh=False):
    frame = frame.reset_index(drop=True)
    frame.attrs = {"delimiter": delimiter, "problems": problems, "header_zh": header_zh}
    return frame, []
