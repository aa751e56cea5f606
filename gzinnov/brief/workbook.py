"""``scorecard.xlsx``: the scorecard as a briefing table, one sheet per language, with the
data used and the sources on sheets of their own.

Each scorecard sheet has a title, the data-as-of date and a source note above a header
row in plain words; percentages are formatted as percentages and ratios rounded; the
status cell is coloured and labelled; reasons wrap; it prints landscape, one page wide,
with the header row repeated on every page.
"""

__all__ = ["write_scorecard_xlsx", "HEADERS", "SHEETS"]

import io

import numpy as np
import pandas as pd

from ..charts.labels import city_name, format_value, source_grade, status_label, status_symbol, target_text
from ..files import stable_zip, write_bytes_atomic
from ..registry import get_indicator
from ..style import STATUS_COLORS
from ..charts.typeset import typeset_zh
from .tables import neutralise

SHEETS = {"zh": "目标进展", "en": "Scorecard", "data": "数据 Data", "sources": "来源 Sources"}
# column key: (zh header, en header, kind); kind sets the number format and width.
HEADERS = {
    "indicator": ("指标", "Indicator", "name"),
    "city": ("城市", "City", "short"),
    "unit": ("单位", "Unit", "short"),
    "baseline_year": ("基期年份", "Baseline year", "year"),
    "baseline_value": ("基期值", "Baseline", "value"),
    "latest_year": ("最新年份", "Latest year", "year"),
    "latest_value": ("最新值", "Latest", "value"),
    "latest_status": ("最新值性质", "Latest value is", "short"),
    "target": ("目标", "Target", "short"),
    "target_year": ("目标年份", "Target year", "year"),
    "required_growth": ("所需年均增长", "Annual growth required", "percent"),
    "actual_growth": ("实际年均增长", "Annual growth achieved", "percent"),
    "growth_ratio": ("增速比", "Growth ratio", "ratio"),
    "distance_covered": ("已完成目标距离", "Distance to target covered", "percent"),
    "status": ("状态", "Status", "status"),
    "projected_value": ("目标年预测值", "Projected, target year", "value"),
    "projected_low": ("预测下限（80%）", "Projection, low (80%)", "value"),
    "projected_high": ("预测上限（80%）", "Projection, high (80%)", "value"),
    "p_meet": ("达标概率", "Chance of meeting the target", "percent"),
    "verdict_basis": ("判断依据", "Verdict rests on", "short"),
    "status_reason": ("说明", "Why", "reason"),
}
_VALUE_STATUS = {"final": ("正式数据", "final"), "preliminary": ("初步数据", "preliminary"),
                 "reported": ("报道数据", "reported"), "derived": ("推算值", "derived")}
_BASIS = {"final": ("正式数据", "final figures"), "provisional": ("初步数据", "provisional figures"),
          "nowcast": ("趋势判断", "trend (nowcast)")}
_FRAME = {
    "zh": {"title": "{city}科技创新规划目标进展", "as_of": "数据截至：{as_of}；编制日期：{built}；gzinnov {version}",
           "note": "资料来源：各项数值的出处见“数据 Data”工作表，完整引文见“来源 Sources”工作表；"
                   "增速与概率为gzinnov据公开数据计算。"},
    "en": {"title": "{city}: progress toward the S&T plan targets",
           "as_of": "Data as of {as_of}; built {built}; gzinnov {version}",
           "note": "Sources: each figure's source is on the \"数据 Data\" sheet, full citations on "
                   "\"来源 Sources\"; growth rates and chances computed by gzinnov from published figures."},
}
_WIDTH = {"name": 26, "short": 12, "year": 9, "value": 12, "percent": 11, "ratio": 9, "status": 16, "reason": 60}
_FORMAT = {"percent": "0.0%", "ratio": "0.00", "year": "0"}
_LIGHT = {"insufficient_data", "needs_acceleration"}
HEADER_ROW = 5
_SOURCE_COLUMNS = {"source_id": ("来源编号", "Source id"), "grade": ("来源等级", "Grade"),
                   "publisher": ("发布者", "Publisher"), "publisher_en": ("发布者（英文）", "Publisher (English)"),
                   "title": ("标题", "Title"), "url": ("网址", "URL"), "published": ("发布日期", "Published"),
                   "accessed": ("访问日期", "Accessed"), "mirror_of": ("原始出处", "Original publication")}


def _cell(value):
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    return neutralise(value.item() if isinstance(value, np.generic) else value)


def _rows(card, lang):
    """Yield one dict per scorecard row, keyed like ``HEADERS``, in ``lang``."""
    i = 0 if lang == "zh" else 1
    for r in card.to_dict("records"):
        ind = get_indicator(r["indicator_id"])
        reason = r.get("status_reason")
        yield {
            "indicator": ind.name(lang), "city": city_name(r["city"], lang), "unit": ind.unit(lang),
            "baseline_year": r.get("baseline_year"), "baseline_value": r.get("baseline_value"),
            "latest_year": r.get("latest_year"), "latest_value": r.get("latest_value"),
            "latest_status": _VALUE_STATUS.get(r.get("latest_status"), ("", ""))[i] or None,
            "target": target_text(r["indicator_id"], r["relation"], r["target_value"], lang),
            "target_year": r.get("target_year"),
            **{k: r.get(k) for k in ("required_growth", "actual_growth", "distance_covered", "projected_value",
                                     "projected_low", "projected_high", "p_meet")},
            "growth_ratio": None if _cell(r.get("growth_ratio")) is None else round(float(r["growth_ratio"]), 2),
            "status": f"{status_symbol(r['status'])} {status_label(r['status'], lang)}".strip(),
            "_status": r["status"], "_decimals": ind.decimals,
            "verdict_basis": _BASIS.get(r.get("verdict_basis"), ("", ""))[i] or None,
            "status_reason": typeset_zh(reason) if lang == "zh" else reason,
        }


def _scorecard_sheet(book, card, lang, info):
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = book.create_sheet(SHEETS[lang])
    frame, keys = _FRAME[lang], list(HEADERS)
    i = 0 if lang == "zh" else 1
    ws.cell(1, 1, frame["title"].format(city=city_name(info["city"], lang))).font = Font(size=14, bold=True)
    ws.cell(2, 1, frame["as_of"].format(**info)).font = Font(color="555555")
    ws.cell(3, 1, frame["note"]).font = Font(size=9, color="555555")
    for c, key in enumerate(keys, 1):
        cell = ws.cell(HEADER_ROW, c, HEADERS[key][i])
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(c)].width = _WIDTH[HEADERS[key][2]]
    for r, row in enumerate(_rows(card, lang), HEADER_ROW + 1):
        for c, key in enumerate(keys, 1):
            cell = ws.cell(r, c, _cell(row[key]))
            kind = HEADERS[key][2]
            cell.alignment = Alignment(wrap_text=kind in ("reason", "name"), vertical="top")
            if kind == "value":
                digits = int(row["_decimals"])
                cell.number_format = "#,##0" + ("." + "0" * digits if digits else "")
            elif kind in _FORMAT:
                cell.number_format = _FORMAT[kind]
            elif kind == "status" and row["_status"] in STATUS_COLORS:
                cell.fill = PatternFill(fill_type="solid", fgColor=STATUS_COLORS[row["_status"]].lstrip("#"))
                cell.font = Font(color="000000" if row["_status"] in _LIGHT else "FFFFFF", bold=True)
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 2)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(keys))}{max(ws.max_row, HEADER_ROW)}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = "&P / &N"
    return ws


def _table_sheet(book, name, frame, headers=None):
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws = book.create_sheet(name)
    columns = list(frame.columns)
    ws.append([" / ".join(headers[c]) if headers and c in headers else c for c in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in frame.itertuples(index=False):
        ws.append([_cell(v) for v in row])
    for c, column in enumerate(columns, 1):
        longest = max([len(str(ws.cell(1, c).value))] + [len(str(v)) for v in frame[column].head(200)])
        ws.column_dimensions[get_column_letter(c)].width = min(max(longest + 2, 8), 50)
    ws.freeze_panes = "A2"
    ws.page_setup.orientation = "landscape"
    ws.print_title_rows = "1:1"
    return ws


def write_scorecard_xlsx(cards, path, *, data_used, sources, info):
    """Write ``scorecard.xlsx``: a scorecard sheet per language, then the data used and the sources.

    Parameters
    ----------
    cards : dict
        ``{lang: scorecard}``.
    path : str or Path
        The file to write (atomically).
    data_used : DataFrame
        The observations behind the pack, as made by :func:`gzinnov.brief.tables.data_table`.
    sources : DataFrame
        The sources cited (rows of :func:`gzinnov.sources`), with their grade.
    info : dict
        The pack's provenance: ``city, built, data_as_of, version``.
    """
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    meta = {**info, "as_of": info.get("data_as_of", "")}
    for lang, card in cards.items():
        _scorecard_sheet(book, card.reset_index(drop=True), lang, meta)
    _table_sheet(book, SHEETS["data"], data_used)
    table = sources.drop_duplicates("source_id").copy()
    table["grade"] = [source_grade(r) for r in table.to_dict("records")]
    keep = [c for c in _SOURCE_COLUMNS if c in table]
    _table_sheet(book, SHEETS["sources"], table[keep], _SOURCE_COLUMNS)
    book.properties.title = _FRAME["en"]["title"].format(city=info.get("city", "Guangzhou"))
    book.properties.creator = "gzinnov"
    buffer = io.BytesIO()
    book.save(buffer)
    write_bytes_atomic(path, stable_zip(buffer.getvalue()))  # no dates: the same table, the same bytes
