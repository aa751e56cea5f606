"""Write a ready-to-fill workbook for a user's own figures: ``gzinnov template``.

The first sheet has the columns gzinnov reads, with one highlighted row for each year of
each target that has no published figure yet; the second lists every indicator with its
unit and the wordings a file may use. A filled-in copy validates as it is: rows left blank
are named, not refused.
"""

__all__ = ["write_template", "TEMPLATE_COLUMNS"]

import datetime as dt
import io
from pathlib import Path

TEMPLATE_COLUMNS = {
    "zh": ["指标", "城市", "年份", "数值", "单位", "状态", "来源", "出处", "备注", "口径"],
    "en": ["indicator_id", "city", "year", "value", "unit", "status", "source_id", "ref", "note", "basis"],
}
_INDICATOR_HEADER = {"zh": ["指标id", "名称", "单位", "目标口径", "文件中可用的写法"],
                     "en": ["indicator id", "name", "unit", "target counts", "wordings a file may use"]}
_SHEETS = {"zh": ("数据", "指标列表"), "en": ("data", "indicators")}
_BASIS = {"zh": ("当年新增", "累计（规划期内）", "当年水平"), "en": ("annual", "total over the plan period", "level in the year")}
_MISSING = "FFF2CC"  # a pale yellow: the years still to fill


def _missing_rows(city, lang):
    """Rows for each target year of ``city`` that the packaged data lacks, first to last."""
    from ..names import CITIES, targets
    from ..registry import get_indicator
    from .load import observations

    data = observations()
    have = set(zip(data["indicator_id"], data["city"], data["year"].astype(int)))
    last = dt.date.today().year - 1  # an observation is of a year that is over
    rows = []
    for t in targets(city).itertuples():
        ind = get_indicator(t.indicator_id)
        start = int(t.period_start) if ind.measure == "cumulative" and t.period_start == t.period_start else \
            int(t.baseline_year) + 1 if t.baseline_year == t.baseline_year else 2021
        for year in range(start, min(int(t.target_year), last) + 1):
            if (t.indicator_id, t.city, year) not in have:
                name = ind.name_zh if lang == "zh" else ind.id
                place = CITIES.get(t.city, (t.city,))[0] if lang == "zh" else t.city
                basis = _BASIS[lang][0] if ind.measure == "cumulative" else ""
                rows.append([name, place, year, None, ind.unit_zh, "", "", "", "", basis])
    return rows


def write_template(path="gzinnov-template.xlsx", *, city="Guangzhou", lang="zh"):
    """Write the workbook to ``path`` and return its path.

    Parameters
    ----------
    path : str or Path
        Where to write; an existing file is replaced.
    city : str
        The city whose missing target years are listed (any spelling: "广州", "Guangzhou").
    lang : {"zh", "en"}
        Language of the headers and sheet names.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    from ..files import write_bytes_atomic
    from ..names import check_lang, resolve_city
    from ..registry import load_registry

    check_lang(lang)
    city = resolve_city(city)
    book = Workbook()
    sheet = book.active
    sheet.title = _SHEETS[lang][0]
    sheet.append(TEMPLATE_COLUMNS[lang])
    fill = PatternFill("solid", fgColor=_MISSING)
    for row in _missing_rows(city, lang):
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            cell.fill = fill
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGHIJ", (34, 10, 8, 12, 10, 10, 40, 24, 30, 12)):
        sheet.column_dimensions[column].width = width
    listing = book.create_sheet(_SHEETS[lang][1])
    listing.append(_INDICATOR_HEADER[lang])
    by_id, _ = load_registry()
    for ind in by_id.values():
        counts = _BASIS[lang][1] if ind.measure == "cumulative" else _BASIS[lang][2]
        listing.append([ind.id, ind.name(lang), ind.unit(lang), counts, "；".join((ind.name_zh, *ind.aliases))])
    for cell in listing[1]:
        cell.font = Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    write_bytes_atomic(path, buffer.getvalue())
    return Path(path)
