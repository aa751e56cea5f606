"""Check raw observation rows against the registry and turn them into the tidy shape.

Every cell is checked, and every problem is reported at once, each with its row and
column, in English and Chinese. The common case is vectorised: numbers that pandas reads
are taken as they are, and only the other cells go through :func:`~gzinnov.parse.parse_number`.

Repeated rows: rows that are identical once read (same key, value and provenance) are
kept once, with a :class:`~gzinnov.errors.DataWarning` naming them, because no number
depends on the choice. Two different rows for the same indicator, city and year are a
problem: gzinnov never picks one.
"""

__all__ = ["OBSERVATION_COLUMNS", "VINTAGE_COLUMNS", "STATUSES", "CEILINGS", "check_rows"]

import datetime as dt
import re
import warnings

import numpy as np
import pandas as pd

from .cells import CodedColumn, ProblemReport
from ..errors import DataWarning, Text
from .parse import parse_number, parse_year, scale, unit_factor
from ..errors import ArgumentError
from ..names import CITIES, resolve_city, resolve_indicator
from ..registry import load_registry

OBSERVATION_COLUMNS = ["indicator_id", "city", "year", "value", "status", "source_id", "ref",
                       "note", "lower_bound", "series_break"]
# Added to every tidy table: the registry unit the value is in, and the date it was published
# (ISO ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; blank = the source's date, or unknown).
VINTAGE_COLUMNS = ["unit", "published"]
STATUSES = {"final", "preliminary", "reported", "derived"}
_STATUS_ALIASES = {"最终": "final", "正式": "final", "初步": "preliminary", "快报": "preliminary",
                   "预计": "preliminary", "初步核算": "preliminary", "报道": "reported"}
_TRUE = {"true", "1", "yes", "是", "y"}
_FALSE = {"false", "0", "no", "否", "n", ""}
_KEY = ["indicator_id", "city", "year"]
# a running total (累计) or the year's own figure (当年新增), for indicators whose target is a total
_BASIS = {"当年新增": "annual", "当年": "annual", "新增": "annual", "annual": "annual", "year": "annual",
          "累计": "cumulative", "累计数": "cumulative", "cumulative": "cumulative", "running total": "cumulative"}
_DATE = re.compile(r"^$|^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")

# Sanity ceilings for one city's figure, in the registry unit. A larger value is almost
# surely typed in a smaller unit (元 or 万元 for 亿元, 人 for 万人); the message says so.
CEILINGS = {
    # China's GDP in 2023 was about 126万亿元 = 1.26e6 亿元; no city figure can exceed it.
    "亿元": (2e6, "万元 or 元", "万元或元"),
    # 1亿人: more people than live in any Chinese city (the largest, Chongqing, ~3,200万).
    "万人": (1e4, "人", "人"),
    # 1亿家: more than all the enterprises registered in China.
    "万家": (1e4, "家", "家"),
    # one per person; Beijing, the highest, has a few hundred per 10,000 people.
    "件/万人": (1e4, "件 (a count, not per 10,000 people)", "件(总数,而非每万人)"),
}


def _city(text):
    """A known city by any spelling; a new city as written, unless it looks like a misspelt known one."""
    if text == "":
        return None, None
    try:
        return resolve_city(text), None
    except ArgumentError as exc:
        if not exc.suggestions:
            return text, None
        return None, Text(f"a city name; did you mean {' or '.join(f'{c} ({CITIES[c][0]})' for c in exc.suggestions)}?",
                          f"城市名称；是否指{'或'.join(f'{CITIES[c][0]}（{c}）' for c in exc.suggestions)}？")


def _indicator(text):
    """Return (registry id, None), or (None, what was expected, with the closest indicators)."""
    try:
        return resolve_indicator(text), None
    except ArgumentError as exc:
        shown = [(i, load_registry()[0][i].name_zh) for i in exc.suggestions]
        en = f"; did you mean {' or '.join(f'{i} ({zh})' for i, zh in shown)}?" if shown else ""
        zh = f"；是否指{'或'.join(f'{i}（{n}）' for i, n in shown)}？" if shown else ""
        return None, Text(f"an indicator id or name of the registry (see `gzinnov indicators`){en}",
                          f"指标库中的指标id或名称（见`gzinnov indicators`）{zh}")


def _check_units(frame, report, ids, registry_unit):
    """Return (the unit each row is written in, the factor to the registry unit).

    ``registry_unit`` holds the unit of each distinct indicator cell (see :class:`~gzinnov.cells.CodedColumn`).
    """
    if "unit" not in frame:
        return registry_unit[ids.codes], np.ones(len(frame))
    given = CodedColumn(frame, "unit")
    width = len(ids.text) + 1
    codes, pairs = pd.factorize((given.codes + 1) * width + ids.codes + 1)
    written, factors = [], []
    for pair in pairs:  # each distinct (unit cell, indicator cell)
        unit, ind = given.text[pair // width - 1], registry_unit[pair % width - 1]
        written.append(unit or ind)
        factors.append(unit_factor(unit or ind, ind) if ind else 1.0)
    factor = np.array([np.nan if f is None else f for f in factors], dtype=float)[codes]
    written = np.array(written, dtype=object)[codes]
    bad = np.isnan(factor)
    report.add(bad, "unit", lambda i: Text(f"the unit {registry_unit[ids.codes[i]]} or one convertible to it",
                                           "单位{0}或可换算为{0}的单位".format(registry_unit[ids.codes[i]])))
    return np.where(bad, "", written), np.where(bad, 1.0, factor)


def _numbers(raw):
    """Return the cells pandas reads as numbers, as floats (NaN elsewhere); the fast path."""
    numbers = raw if pd.api.types.is_numeric_dtype(raw) else pd.to_numeric(raw, errors="coerce")
    return numbers.to_numpy(dtype=float, na_value=np.nan, copy=True)


def _check_values(frame, report, unit, comma_ambiguous):
    """Read the value column in each row's unit; return (values, lower_bound, parsed)."""
    raw = frame["value"]
    if raw.dtype == object:  # a workbook's cells, where True would read as 1
        raw = raw.map(lambda v: str(v) if isinstance(v, bool) else v)
    values = _numbers(raw)
    raw = raw.to_numpy()
    lower = np.zeros(len(values), dtype=bool)
    errors = {}
    for i in np.flatnonzero(~np.isfinite(values) & (unit != "")):
        values[i], lower[i], error = parse_number(raw[i], unit[i], comma_ambiguous=comma_ambiguous)
        if error:
            errors[i], values[i] = error, np.nan
    parsed = np.ones(len(values), dtype=bool)
    parsed[list(errors)] = False
    report.add(~parsed, "value", errors.get, found=raw)
    return values, lower, parsed


def _check_bounds(report, values, ids, id_of, by_id, raw):
    """Report values outside the registry bounds or above the unit's sanity ceiling.

    ``id_of`` holds the registry id of each distinct indicator cell, or None.
    """
    for k, iid in enumerate(id_of[:-1]):
        if iid is None:
            continue
        ind, rows = by_id[iid], (ids.codes == k) & ~np.isnan(values)
        lo, hi = ind.bounds
        ceiling, en, zh = CEILINGS.get(ind.unit_zh, (None, "", ""))
        if lo is not None:
            expected = Text(f"a rank of {lo:g} or more (1 = first place)", f"{lo:g}或以上的名次(1为第一名)") \
                if ind.unit_zh == "位" else Text(f"at least {lo:g} {ind.unit_en} for {iid}",
                                                 f"不小于{lo:g}{ind.unit_zh}的数值({iid})")
            report.add(rows & (values < lo), "value", expected, found=raw)
        if hi is not None:
            report.add(rows & (values > hi), "value", Text(f"at most {hi:g} {ind.unit_en} for {iid}",
                                                           f"不大于{hi:g}{ind.unit_zh}的数值({iid})"), found=raw)
        if ceiling is not None:
            report.add(rows & (values > ceiling), "value", Text(
                f"at most {ceiling:,.0f} {ind.unit_zh} for {iid}: a larger figure is probably in {en}; "
                "say so in a unit column", f"不大于{ceiling:,.0f}{ind.unit_zh}的数值({iid}):更大的数字可能以{zh}为单位,"
                "请在“单位”列注明"), found=raw)


def _check_years(frame, report):
    raw = frame["year"]
    years = _numbers(raw)
    with np.errstate(invalid="ignore"):
        good = (years >= 1949) & (years <= 2100) & (years % 1 == 0)
    raw, errors = raw.to_numpy(), {}
    for i in np.flatnonzero(~good):
        years[i], error = parse_year(raw[i])
        if error:
            errors[i], years[i] = error, np.nan
    bad = np.zeros(len(years), dtype=bool)
    bad[list(errors)] = True
    report.add(bad, "year", errors.get, found=raw)
    this_year = dt.date.today().year
    with np.errstate(invalid="ignore"):
        future = years > this_year
    report.add(future, "year", Text(f"a year up to {this_year}: an observation cannot be of a year still to come "
                                    "(targets live in the registry)",
                                    f"不晚于{this_year}年的年份：观测值不能属于尚未到来的年份（目标值在指标库中）"), found=raw)
    years[future] = np.nan
    return years


def _period_start(ind):
    """First year of the period a cumulative target counts (2021 for the 14th plan)."""
    starts = [t.period[0] for t in ind.targets if t.period]
    return min(starts) if starts else 2021


def _check_basis(frame, report, indicators, place, years, values):
    """For an indicator whose target is a total, read 当年新增 as is and turn 累计 into yearly figures.

    The analysis sums yearly figures over the plan period. A row that does not say which it
    is is refused: read the wrong way, a verdict flips.
    """
    ids, id_of, by_id = indicators
    cumulative = np.array([i is not None and by_id[i].measure == "cumulative" for i in id_of] + [False])[ids.codes]
    cumulative &= ~np.isnan(values)  # a value that did not parse is reported already
    if not cumulative.any():
        return values
    given = CodedColumn(frame, "basis") if "basis" in frame else CodedColumn(frame, "note")
    basis = given.map(lambda t: _BASIS.get(t.lower(), ""))
    missing = cumulative & (basis == "")
    report.add(missing, "basis", lambda i: Text(
        f"a basis for {id_of[ids.codes[i]]}, whose target is a total over the plan period: write 当年新增 (the year's "
        f"own figure) or 累计 (the running total since {_period_start(by_id[id_of[ids.codes[i]]])}) in a 口径 "
        "(basis) column; gzinnov does not guess, since the wrong reading changes the verdict",
        f"{id_of[ids.codes[i]]}的口径：该指标的目标是规划期内的累计数，请在“口径”列写明“当年新增”（当年数）或“累计”"
        f"（{_period_start(by_id[id_of[ids.codes[i]]])}年以来的累计数）；gzinnov不作猜测，因为读错会改变结论"),
        found=given.map(lambda t: Text("no basis", "没有口径") if not t else repr(t)))
    values = values.copy()
    totals = np.flatnonzero(cumulative & (basis == "cumulative"))
    known = {(id_of[ids.codes[i]], place[i], years[i]): values[i] for i in totals}
    for i in totals:
        iid, year = id_of[ids.codes[i]], years[i]
        start = _period_start(by_id[iid])
        if year == start:
            continue  # the first year's total is the year's own figure
        before = known.get((iid, place[i], year - 1))
        if before is None or np.isnan(year) or year < start:
            report.add(np.arange(len(values)) == i, "basis", Text(
                f"the running total (累计) for {int(year) if year == year else '?'} with that of the year before, "
                f"from {start} on, so that each year's own figure can be worked out; or give 当年新增 figures",
                f"与上一年的累计数一起给出（自{start}年起），以便算出每年的当年数；或给出当年新增数"),
                found=[Text("a running total without the year before", "缺少上一年的累计数")] * len(values))
            continue
        values[i] = values[i] - before
    return values


def _flag(frame, report, column, expected):
    """Read the true/false ``column`` (all false when absent); a cell that is neither is a problem."""
    if column not in frame:
        return np.zeros(len(frame), dtype=bool)
    flag = CodedColumn(frame, column)
    report.add(flag.map(lambda t: t.lower() not in _TRUE | _FALSE, bool), column, expected)
    return flag.map(lambda t: t.lower() in _TRUE, bool)


def _check_flags(frame, report, lower):
    """``lower_bound`` (or a value printed with 超过/以上), and ``series_break``: the first year
    of a new definition or basis."""
    lower = lower | _flag(frame, report, "lower_bound", Text("true or false", "true或false(是或否)"))
    return lower, _flag(frame, report, "series_break", Text("true or false (or blank)", "true或false(或空白)"))


def _repeated_keys(ids, id_of, city, years):
    """Return a mask of the rows whose indicator, city and year occur more than once."""
    number = {iid: n for n, iid in enumerate(dict.fromkeys(i for i in id_of if i is not None))}
    id_code = np.array([number.get(i, -1) for i in id_of])[ids.codes]
    city_code = np.array(pd.factorize(pd.Series(city.canonical))[0])[city.codes]
    usable = (id_code >= 0) & np.array([t != "" for t in city.text])[city.codes] & ~np.isnan(years)
    key = (id_code * (len(city.text) + 1) + city_code) * 256 + np.nan_to_num(years - 1949).astype(np.int64)
    repeated = np.zeros(len(key), dtype=bool)
    repeated[usable] = pd.Series(key[usable]).duplicated(keep=False).to_numpy()
    return repeated


def _check_duplicates(tidy, repeated, report, name, lang):
    """Keep identical rows once (with a warning); report different values for one key."""
    if not repeated.any():
        return tidy
    repeated = tidy[repeated]
    same = repeated.duplicated(subset=OBSERVATION_COLUMNS, keep="first")
    if same.any():
        rows = ", ".join(str(r) for r in repeated.loc[same, "_row"])
        warnings.warn(DataWarning(f"{name}:第{rows}行与前面的某行完全相同,只读取一次" if lang == "zh" else
                                  f"{name}: row(s) {rows} repeat an earlier row exactly and were read once"),
                      stacklevel=5)
        tidy = tidy.drop(index=repeated.index[same])
        repeated = repeated[~same]
    clash, found = np.zeros(len(report.rows), dtype=bool), {}
    for _, group in repeated.groupby(_KEY, sort=False):
        first = group.iloc[0]
        key = f"{first['indicator_id']}, {first['city']}, {int(first['year'])}"
        seen = ", ".join(f"{v:g}" for v in group["value"])
        for i in group.index[1:]:
            clash[i] = True
            found[i] = Text(f"a second value for {key} ({seen})", f"{key}的第二个数值({seen})")
    report.add(clash, "value", Text("one value per indicator, city and year", "每个指标、城市、年份只有一个数值"),
               found=found)
    return tidy


def check_rows(frame, name, *, sources=None, lang="en"):
    """Validate raw rows and return ``(tidy, problems)``.

    Parameters
    ----------
    frame : DataFrame
        Raw cells with canonical column names and a ``_row`` column (and ``_sheet`` for
        workbooks), as :func:`gzinnov.readfile.read_raw` returns them. ``frame.attrs`` may
        hold the file's ``delimiter`` and ``problems`` already found in its rows.
    name : str
        The file name used in messages.
    sources : set of str, optional
        Known source ids; when given, ``source_id`` must be one of them.
    lang : {"zh", "en"}
        Language of the warning about repeated rows; each problem carries both.
    """
    by_id, _ = load_registry()
    report = ProblemReport(frame, name)
    ids = CodedColumn(frame, "indicator_id")
    named = [_indicator(t) for t in ids.text]
    id_of = [i for i, _ in named]
    report.add(np.array([i is None for i in id_of])[ids.codes], "indicator_id", lambda i: named[ids.codes[i]][1])
    registry_unit = np.array([by_id[i].unit_zh if i else "" for i in id_of], dtype=object)

    city = CodedColumn(frame, "city")
    cities = [_city(t) for t in city.text]
    city.canonical = [c or t for (c, _), t in zip(cities, city.text)]
    report.add(city.map(lambda t: t == "", bool), "city", Text("a city name", "城市名称"))
    report.add(np.array([c is None and why is not None for c, why in cities])[city.codes], "city",
               lambda i: cities[city.codes[i]][1])
    years = _check_years(frame, report)

    written, factor = _check_units(frame, report, ids, registry_unit)
    values, lower, parsed = _check_values(frame, report, written, frame.attrs.get("delimiter") == ";")
    values = scale(values, factor)
    place = np.array(city.canonical, dtype=object)[city.codes]
    values = _check_basis(frame, report, (ids, id_of, by_id), place, years, np.where(parsed, values, np.nan))
    _check_bounds(report, np.where(parsed, values, np.nan), ids, id_of, by_id, frame["value"].to_numpy())
    lower, series_break = _check_flags(frame, report, lower)

    status = CodedColumn(frame, "status")
    status.text = [_STATUS_ALIASES.get(t, t.lower()) or "reported" for t in status.text]
    report.add(status.map(lambda t: t not in STATUSES - {"derived"}, bool), "status",
               Text("final, preliminary or reported", "final(最终)、preliminary(初步)或reported(报道)"))
    source = CodedColumn(frame, "source_id")
    # a row left blank (no value, no other problem) needs no source: it is named in a warning
    flagged = np.isin(report.rows, [p.row for p in report.problems])
    blank = parsed & np.isnan(values) & ~flagged
    report.add(source.map(lambda t: t == "", bool) & ~blank, "source_id", Text("a source (id or URL)", "来源(id或网址)"))
    if sources is not None:
        report.add(source.map(lambda t: t != "" and t not in sources, bool), "source_id",
                   Text("a source_id listed in sources", "sources中列出的source_id"))

    published = CodedColumn(frame, "published")
    report.add(published.map(lambda t: not _DATE.match(t), bool), "published",
               Text("a date YYYY, YYYY-MM or YYYY-MM-DD (or blank)", "日期YYYY、YYYY-MM或YYYY-MM-DD(或空白)"))
    tidy = pd.DataFrame({
        "indicator_id": np.array(id_of, dtype=object)[ids.codes],
        "city": np.array(city.canonical, dtype=object)[city.codes], "year": pd.array(years, dtype="Int64"),
        "value": values, "status": status.map(str), "source_id": source.map(str),
        "ref": CodedColumn(frame, "ref").map(str), "note": CodedColumn(frame, "note").map(str), "lower_bound": lower,
        "series_break": series_break,
        "unit": registry_unit[ids.codes], "published": published.map(str), "_row": report.rows})
    tidy = _check_duplicates(tidy, _repeated_keys(ids, id_of, city, years), report, name, lang)
    flagged = {p.row for p in report.problems}
    no_value = [r for r in tidy.loc[tidy["value"].isna(), "_row"] if r not in flagged]
    columns = OBSERVATION_COLUMNS + VINTAGE_COLUMNS
    tidy = tidy[columns].astype({c: "str" for c in OBSERVATION_COLUMNS[:2] + OBSERVATION_COLUMNS[4:8] + VINTAGE_COLUMNS})
    tidy = tidy.reset_index(drop=True)
    tidy.attrs["no_value_rows"] = no_value  # rows with a blank, "—" or "NaN": not read, and said so
    return tidy, report.sorted()
