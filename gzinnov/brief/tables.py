"""The briefing pack's tables: the scorecard (CSV, XLSX, Markdown), the data used, the sources.

Text cells that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or
a carriage return, and not a number) are neutralised with a leading single quote, since
titles and notes may come from users' files.
"""

__all__ = ["neutralise", "scorecard_table", "data_table", "write_csv", "write_xlsx", "scorecard_markdown",
           "sources_markdown", "graded", "grade_counts", "grade_summary", "GRADE_NAMES"]

import io
import math

import numpy as np
import pandas as pd

from ..charts.labels import city_name, source_grade, status_label
from ..files import stable_zip, write_bytes_atomic
from ..registry import get_indicator
from ..style import STATUS_COLORS
from ..tables import to_markdown
from ..charts.typeset import typeset_zh

_RISKY = ("=", "+", "-", "@", "\t", "\r")
_PERCENT = ("required_growth", "actual_growth", "p_meet")
_NUMBERS = ("baseline_value", "latest_value", "target_value", "projected_value", "projected_low", "projected_high")
SCORECARD_KEEP = ["city", "baseline_year", "baseline_value", "latest_year", "latest_value", "latest_status",
                  "relation", "target_value", "target_year", "required_growth", "actual_growth", "growth_ratio",
                  "distance_covered", "status", "projected_value", "projected_low", "projected_high", "p_meet",
                  "verdict_basis"]


def neutralise(value):
    """Return ``value`` with a leading quote if it is text a spreadsheet would run as a formula."""
    if not isinstance(value, str) or not value.startswith(_RISKY):
        return value
    try:
        if math.isfinite(float(value)):  # a plain number is data, not a formula
            return value
    except ValueError:
        pass
    return "'" + value


def _neutralise_frame(frame):
    text = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
    return frame.assign(**{c: frame[c].map(neutralise) for c in text})


def scorecard_table(cards):
    """Return one table from the scorecards by language: names, units and reasons side by side.

    Parameters
    ----------
    cards : dict
        ``{lang: scorecard}``, the same scorecard with ``status_reason`` in each language.
    """
    langs = list(cards)
    first = cards[langs[0]].reset_index(drop=True)
    out = pd.DataFrame({"indicator_id": first["indicator_id"]})
    for lang in langs:
        out[f"indicator_{lang}"] = first["indicator_id"].map(lambda i, lang=lang: get_indicator(i).name(lang))
        out[f"unit_{lang}"] = first["indicator_id"].map(lambda i, lang=lang: get_indicator(i).unit(lang))
    out = pd.concat([out, first[SCORECARD_KEEP]], axis=1)
    for lang in langs:
        out[f"status_{lang}"] = first["status"].map(lambda s, lang=lang: status_label(s, lang))
        out[f"status_reason_{lang}"] = cards[lang]["status_reason"].to_numpy()
    return out


GRADE_NAMES = {"official_statistics": ("官方统计", "Official statistics"),
               "government_document": ("政府文件", "Government documents"),
               "mainstream_media": ("主流媒体", "Mainstream media"),
               "reprint": ("转载", "Reprints (copies on other sites)"),
               "user": ("用户数据文件", "The user's own data files")}


def graded(sources):
    """Return ``sources`` (one row per source) with its ``grade`` filled in for every row."""
    table = sources.drop_duplicates("source_id").copy()
    table["grade"] = [source_grade(r) for r in table.to_dict("records")]
    return table


def data_table(data, sources, indicators):
    """Return the observations of ``indicators`` with the citation and grade of each row's source."""
    rows = data[data["indicator_id"].isin(indicators)].reset_index(drop=True)
    wanted = ["source_id", "grade", "publisher", "publisher_en", "title", "url", "published", "accessed"]
    table = graded(sources)
    cite = table[[c for c in wanted if c in table]]
    cite = cite.rename(columns={c: f"source_{c}" for c in cite.columns if c != "source_id"})
    out = rows.merge(cite, on="source_id", how="left").sort_values(["indicator_id", "city", "year"])
    out["source_grade"] = out["source_grade"].fillna("user")
    return out


def grade_counts(used):
    """Return how many rows of ``used`` (a :func:`data_table`) rest on each grade of source."""
    counts = used["source_grade"].value_counts()
    return {g: int(counts.get(g, 0)) for g in GRADE_NAMES if counts.get(g, 0)}


def grade_summary(used, lang="en"):
    """Return one sentence: how many rows rest on each grade of source."""
    parts = [f"{GRADE_NAMES[g][0 if lang == 'zh' else 1]} {n}" for g, n in grade_counts(used).items()]
    if lang == "zh":
        return f"所用{len(used)}个数值的来源等级：" + "，".join(parts) + "。"
    return f"The {len(used)} figures used rest on: " + "; ".join(parts) + "."


def write_csv(frame, path):
    """Write ``frame`` as UTF-8 CSV (with a BOM, so Excel reads the Chinese), neutralised."""
    buffer = io.StringIO()
    _neutralise_frame(frame).to_csv(buffer, index=False, lineterminator="\n")
    write_bytes_atomic(path, buffer.getvalue().encode("utf-8-sig"))


def write_xlsx(frame, path, *, sheet="scorecard"):
    """Write ``frame`` as a formatted workbook: bold frozen header, number formats, status colours."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    frame = _neutralise_frame(frame)
    book = Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        ws.append([None if _missing(v) else v.item() if isinstance(v, np.generic) else v for v in row])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "B2"
    columns = {name: i + 1 for i, name in enumerate(frame.columns)}
    for r in range(2, ws.max_row + 1):
        iid = ws.cell(r, columns["indicator_id"]).value if "indicator_id" in columns else None
        digits = get_indicator(iid).decimals if iid in _known_ids() else 2
        for name in _NUMBERS:
            if name in columns:
                ws.cell(r, columns[name]).number_format = "#,##0" + ("." + "0" * digits if digits else "")
        for name in _PERCENT:
            if name in columns:
                ws.cell(r, columns[name]).number_format = "0.0%"
        if "status" in columns:
            cell = ws.cell(r, columns["status"])
            if cell.value in STATUS_COLORS:
                cell.fill = PatternFill(fill_type="solid", fgColor=STATUS_COLORS[cell.value].lstrip("#"))
                cell.font = Font(color="000000" if cell.value in ("insufficient_data", "needs_acceleration") else "FFFFFF")
    for name, i in columns.items():
        width = max([len(str(name))] + [len(str(v)) for v in frame[name].head(200)])
        ws.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 60)
    buffer = io.BytesIO()
    book.save(buffer)
    write_bytes_atomic(path, stable_zip(buffer.getvalue()))  # no dates: the same table, the same bytes


def _known_ids():
    from ..registry import load_registry

    return load_registry()[0]


def _missing(value):
    return value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value))


def scorecard_markdown(cards):
    """Return the scorecard as Markdown: a summary table and the reasons, per language."""
    from ..analysis.reasons import summarise_scorecard

    parts = []
    for lang, card in cards.items():
        title, why = ("## 目标进展", "### 说明") if lang == "zh" else ("## Progress toward the targets", "### Why")
        if lang == "zh":
            reasons = [f"- {get_indicator(i).short(lang)}（{city_name(c, lang)}）：{_md(typeset_zh(r))}"
                       for i, c, r in zip(card["indicator_id"], card["city"], card["status_reason"])]
        else:
            reasons = [f"- {get_indicator(i).short(lang)} ({city_name(c, lang)}): {_md(r)}"
                       for i, c, r in zip(card["indicator_id"], card["city"], card["status_reason"])]
        summary = summarise_scorecard(card, lang)
        column = "城市" if lang == "zh" else "City"
        if column in summary:
            summary[column] = summary[column].map(lambda c: city_name(c, lang))
        if lang == "zh":
            summary = summary.map(typeset_zh)
        parts.append(f"{title}\n\n{to_markdown(summary)}\n\n{why}\n\n" + "\n".join(reasons))
    return "\n\n".join(parts) + "\n"


def sources_markdown(sources, source_ids, lang="en", *, used=None):
    """Return full citations, as Markdown, for every source in ``source_ids``, grouped by grade.

    ``used`` (a :func:`data_table`) adds how many rows rest on each grade.
    """
    table = graded(sources).set_index("source_id")
    lines = ["# 资料来源 / Sources", ""]
    if used is not None:
        lines += [grade_summary(used, "zh"), "", grade_summary(used, "en"), ""]
    cited = sorted(set(s for s in source_ids if isinstance(s, str) and s))
    for grade, (zh, en) in GRADE_NAMES.items():
        ids = [s for s in cited if (table.at[s, "grade"] if s in table.index else "user") == grade]
        if not ids:
            continue
        lines += [f"## {zh} / {en}", ""]
        for sid in ids:
            lines.append(f"- {_code(sid)}: " + (_citation(table.loc[sid]) if sid in table.index
                                                 else "a source given in the user's own data file."))
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _citation(s):
    name = _md(s["publisher"]) + (f" ({_md(s['publisher_en'])})" if _text(s.get("publisher_en")) else "")
    parts = [f"**{name}**", f"({_md(s['published']) or 'n.d.'}).", f"*{_md(s['title'])}*."]
    if _text(s.get("host")):
        parts.append(f"Copy on {_md(s['host'])}:")
    if s["url"]:
        parts.append(_link(s["url"]))
    if s["accessed"]:
        parts.append(f"Accessed {_md(s['accessed'])}.")
    if s["licence"]:
        parts.append(f"Licence: {_md(s['licence'])}.")
    if s["mirror_of"]:
        parts.append(f"Mirror of: {_md(s['mirror_of'])}.")
    return " ".join(parts)


def _text(value):
    return isinstance(value, str) and bool(value.strip())


def _link(url):
    """Return ``url`` as a Markdown autolink when it is a plain web address, else as escaped text."""
    plain = url.startswith(("https://", "http://")) and not any(c in url for c in "<> \"'`")
    return f"<{url}>" if plain else _md(url)


def _code(value):
    """Return ``value`` as a Markdown code span (which shows its text as is)."""
    return "`" + str(value).replace("`", "'").replace("\n", " ") + "`"


def _md(value):
    """Escape text for Markdown: no raw HTML, no emphasis or link syntax from the data."""
    text = "" if _missing(value) else str(value)
    for ch in "\\`*_[]<>|":
        text = text.replace(ch, "\\" + ch)
    return text.replace("\n", " ")
