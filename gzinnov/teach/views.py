"""Views of the package's tables for notebooks: localised, rounded, deterministic.

``show`` returns a :class:`View`, a DataFrame of the displayed text: Jupyter shows it as an
HTML table (Chinese columns align; it can be sorted, filtered and pasted into Excel),
and it prints as aligned plain text.
"""

__all__ = ["show", "tally", "describe_group", "View", "HEADERS", "SCORECARD_VIEW", "SOURCE_VIEW"]

import numpy as np
import pandas as pd

from ..charts.labels import city_name, format_value, status_label, target_text
from ..charts.labels import text as phrase
from ..analysis.assess import STATUSES
from ..registry import get_indicator, load_registry
from .feedback import Message

HEADERS = {
    "indicator_id": ("指标", "Indicator"), "city": ("城市", "City"), "group": ("组别", "Group"),
    "unit": ("单位", "Unit"), "year": ("年份", "Year"), "value": ("数值", "Value"), "status": ("状态", "Status"),
    "baseline_year": ("基期", "Base year"), "baseline_value": ("基期值", "Baseline"),
    "latest_year": ("最新年份", "Latest year"), "latest_value": ("最新值", "Latest"),
    "target_year": ("目标年", "Target year"), "target_value": ("目标", "Target"),
    "required_growth": ("所需年增长", "Needed a year"), "actual_growth": ("实际年增长", "Actual a year"),
    "growth_ratio": ("增速比R", "Ratio R"), "projected_value": ("目标年预测", "Projected"),
    "p_meet": ("达标概率", "P(meet)"), "verdict_basis": ("依据", "Basis"), "quote": ("规划原文", "Plan wording"),
    "method": ("方法", "Method"), "weight": ("权重", "Weight"), "mape": ("回测误差MAPE(%)", "Backtest MAPE (%)"),
    "rank": ("排名", "Rank"), "per_capita": ("每万人", "Per 10k people"), "index": ("指数", "Index"),
    "implied_growth": ("目标隐含年增长", "Implied a year"), "past_growth": ("此前年增长", "Past a year"),
    "ambition_ratio": ("进取度", "Ambition"), "growth_since_base": ("基期以来年增长", "Growth a year since base"),
    "candidate": ("情景", "Scenario"), "from_year": ("起点年", "From"), "from_value": ("起点值", "From value"),
    "lower": ("80%下限", "80% low"), "upper": ("80%上限", "80% high"), "source_publisher": ("发布者", "Publisher"),
    "source_title": ("标题", "Title"), "ref": ("出处", "Where"), "lower_bound": ("下限", "At least"),
    "gap_to_leader": ("与第一名差距", "Gap to leader"), "weak": ("依据薄弱", "Weak basis"),
    "trend": ("趋势值", "Trend"), "stretch": ("进取值", "Stretch"), "floor": ("底线值", "Floor"),
    "trend_growth": ("趋势年增长", "Trend a year"), "stretch_growth": ("进取年增长", "Stretch a year"),
    "floor_growth": ("底线年增长", "Floor a year"),
    "n_years": ("有数据的年数", "Years with data"), "years": ("年份", "Years"), "source_id": ("来源", "Source"),
    "plan_id": ("规划", "Plan"), "doc_number": ("文号", "Doc. no."), "issued": ("印发日期", "Issued"),
    "period_start": ("起始年", "From"), "period_end": ("结束年", "To"), "binding": ("属性", "Binding"), "relation": ("关系", "Relation"),
    "base_year": ("起点年", "Base year"), "base_value": ("起点值", "Base"), "settled_by": ("待何发布确认", "Settled by"),
    "required_points": ("所需年增百分点", "Needed pts a year"), "achieved_points": ("此前年增百分点", "Achieved pts a year"),
    "achieved_growth": ("此前年增长", "Achieved a year"), "achieved_from": ("此前起点年", "Achieved from"),
    "rank_base": ("起点排名", "Rank now"), "rank_target": ("目标排名", "Rank of target"), "kind": ("类别", "Kind"),
    "increase": ("承诺增量", "Increase"), "basis": ("依据", "Basis"),
}
SCORECARD_VIEW = ["indicator_id", "latest_year", "latest_value", "target_value", "required_growth", "actual_growth",
                  "growth_ratio", "status", "verdict_basis"]
SOURCE_VIEW = ["year", "value", "status", "lower_bound", "source_publisher", "ref"]
_UNIT_VALUES = {"value", "baseline_value", "latest_value", "target_value", "projected_value", "projected_low",
                "projected_high", "from_value", "base_value", "increase", "required_points", "achieved_points", "lower", "upper", "change_since_base", "trend", "stretch", "floor"}
_FRACTIONS = {"required_growth", "actual_growth", "implied_growth", "past_growth", "growth_since_base", "p_meet",
              "distance_covered", "weight", "trend_growth", "stretch_growth", "floor_growth", "achieved_growth"}
_WORDS = {"no published figure found": ("未找到公开数据", "no published figure found"),
          "observed": ("实际", "observed"), "nowcast": ("预判", "nowcast"), "trend": ("趋势", "trend"),
          "stretch": ("进取", "stretch"), "floor": ("底线", "floor"), "final": ("正式", "final"),
          "preliminary": ("初步", "preliminary"), "reported": ("报道", "reported"), "derived": ("推算", "derived"),
          "combined": ("综合", "combined"), "linear": ("线性", "linear"), "loglinear": ("对数线性", "log-linear"),
          "endpoint": ("两端增长率", "endpoint growth"), "logit": ("logit线性", "logit-linear"),
          "ets": ("阻尼趋势ETS", "damped-trend ETS"), "provisional": ("初步", "provisional"),
          "expected": ("预期性", "expected"), "binding": ("约束性", "binding"),
          "adopted": ("已定目标", "adopted"), "candidate": ("候选值", "candidate")}


def _cell(column, value, iid, lang):
    """Return one cell as text: names and labels localised, numbers rounded."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return "—"
    if isinstance(value, (bool, np.bool_)):
        return ("是" if lang == "zh" else "yes") if value else ""
    if column == "indicator_id":
        return get_indicator(value).short(lang)
    if column == "city":
        return city_name(value, lang)
    if column == "status":  # an observation's status, or a scorecard's
        return _WORDS[value][lang != "zh"] if value in _WORDS else status_label(value, lang)
    if column in _FRACTIONS:
        return f"{value:+.1%}" if "growth" in column else f"{value:.0%}"
    if column.split("_")[0] in _UNIT_VALUES or column in _UNIT_VALUES:
        return format_value(value, get_indicator(iid).decimals) if iid else f"{value:,.2f}"
    if isinstance(value, str):
        return _WORDS.get(value, (value, value))[lang != "zh"]
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


class View(pd.DataFrame):
    """A table as shown in a notebook: a DataFrame of localised text that prints as aligned text.

    ``.text(lang)`` gives the plain-text table in either language; operations on a view
    (sorting, filtering) give ordinary DataFrames.
    """

    _metadata = ["_texts", "_lang"]

    @property
    def _constructor(self):
        return pd.DataFrame

    def text(self, lang=None):
        """Return the table as aligned plain text in ``lang`` (the view's own language when None)."""
        return self._texts["zh" if (lang or self._lang) == "zh" else "en"]

    def __repr__(self):
        return self.text()

    __str__ = __repr__

    def _repr_html_(self):
        if self.empty:
            from html import escape

            return f"<p>{escape(self.text())}</p>"
        return super()._repr_html_()


def _table(frame, columns, lang):
    """Return the displayed table in ``lang`` as a DataFrame of text (empty when nothing to show)."""
    if frame.empty:
        return pd.DataFrame()
    by_id, groups = load_registry()
    rows = frame.reset_index(drop=True)
    out = {}
    for col in columns:
        if col == "target_value" and "relation" in rows:  # "> 3.40", "≈ 4.50 (±2.5%)"
            values = [target_text(i, r, v, lang) for i, r, v in
                      zip(rows["indicator_id"], rows["relation"], rows["target_value"])]
        elif col == "group":
            values = rows["indicator_id"].map(lambda i: groups[by_id[i].group][f"name_{lang}"])
        elif col == "unit":
            values = rows["indicator_id"].map(lambda i: by_id[i].unit(lang))
        else:
            ids = rows["indicator_id"] if "indicator_id" in rows else [None] * len(rows)
            values = [_cell(col, v, i, lang) for v, i in zip(rows[col], ids)]
        head = col.removeprefix("value_") if col.startswith("value_") else HEADERS.get(col, (col, col))[lang != "zh"]
        out[head] = list(values)
    return pd.DataFrame(out)


def _render(table, lang):
    if table.empty:
        return phrase("no_data", lang)
    with pd.option_context("display.unicode.east_asian_width", True, "display.width", 250,
                           "display.max_colwidth", 60):
        return table.to_string(index=False)


def show(frame, columns=None, *, indicator=None, lang="zh"):
    """Return a table as plain text: names, statuses and units localised, numbers rounded.

    Indicator ids become short names, cities and statuses their labels in ``lang``,
    values the indicator's decimals, growth rates signed percentages, and a target
    its relation ("> 3.40"). ``group`` and ``unit`` may be asked for as columns: they
    come from the registry.

    Parameters
    ----------
    frame : DataFrame
        Any of the package's tables (scorecard, targets, projections, comparisons…).
    columns : list of str, optional
        The columns to show, in order. When None: a scorecard's main columns
        (``SCORECARD_VIEW``), or all the columns of any other table.
    indicator : str or list of str, optional
        Keep only the rows of these indicators.
    lang : {"zh", "en"}
        Language of the headers and labels.

    Returns
    -------
    View
        A DataFrame of the table in ``lang`` (shown as HTML in Jupyter, as aligned text
        when printed); ``.text("en")`` gives the plain text in the other language.
    """
    if columns is None:
        columns = SCORECARD_VIEW if set(SCORECARD_VIEW) <= set(frame.columns) else frame.columns
    columns = list(columns)
    if indicator is not None:
        frame = frame[frame["indicator_id"].isin([indicator] if isinstance(indicator, str) else indicator)]
    tables = {code: _table(frame, columns, code) for code in ("zh", "en")}
    view = View(tables[lang])
    view._texts = {code: _render(t, code) for code, t in tables.items()}
    view._lang = lang
    return view


def tally(card, *, lang="zh"):
    """Return how many targets of a scorecard have each status, in one line.

    Parameters
    ----------
    card : DataFrame
        The output of :func:`gzinnov.scorecard`, or some of its rows.
    lang : {"zh", "en"}
        Language of the labels.
    """
    counts = card["status"].value_counts()
    order = [s for s in STATUSES if s in counts]
    if lang == "zh":
        text = f"{len(card)}项目标:" + "、".join(f"{counts[s]}项{status_label(s, 'zh')}" for s in order) + "。"
    else:
        parts = ", ".join(f"{counts[s]} {status_label(s, 'en').lower()}" for s in order)
        text = f"{len(card)} target{'s' * (len(card) != 1)}: {parts}."
    return Message(text, text, lang)


def describe_group(card, group, *, lang="zh"):
    """Return a paragraph on one of the plan's goal groups, from a scorecard.

    Parameters
    ----------
    card : DataFrame
        The output of :func:`gzinnov.scorecard`; its ``status_reason`` language is used.
    group : str
        A group id from :func:`gzinnov.groups`, e.g. ``"ecosystem"``.
    lang : {"zh", "en"}
        Language of the names and labels (use the scorecard's own).
    """
    by_id, groups = load_registry()
    rows = card[card["indicator_id"].map(lambda i: by_id[i].group) == group]
    lines = [f"{groups[group][f'name_{lang}']} · {tally(rows, lang=lang)}"]
    for row in rows.itertuples():
        name, label = get_indicator(row.indicator_id).short(lang), status_label(row.status, lang)
        lines.append(f"- {name}({label}):{row.status_reason}" if lang == "zh"
                     else f"- {name} ({label.lower()}): {row.status_reason}")
    text = "\n".join(lines)
    return Message(text, text, lang)
