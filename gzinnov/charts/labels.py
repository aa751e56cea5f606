"""Bilingual chart text: titles, units, city and status names, source lines and notes."""

__all__ = ["TEXT", "text", "city_name", "status_label", "status_symbol", "target_text", "format_value",
           "source_line", "missing_years_note", "annotate_chart", "indicator_titles", "latest_rows",
           "target_sources", "break_note", "GRADES", "source_grade", "publisher_name", "citation"]

import re

import pandas as pd

from ..ingest.parse import CITY_NAMES
from ..registry import get_indicator
from .typeset import typeset_zh


def _has_cjk(text):
    return bool(re.search("[\u4e00-\u9fff]", str(text)))

TEXT = {
    "source": ("资料来源：", "Source: "),
    "preliminary": ("含初步数据", "includes preliminary figures"),
    "derived": ("部分数值由gzinnov根据公开数据推算", "some values derived by gzinnov from published inputs"),
    "projection": ("预测：gzinnov组合方法，80%区间", "Projection: gzinnov combined method, 80% interval"),
    "more_sources": ("等{n}个来源", "and {n} more"),
    "no_data": ("未找到公开数据", "no published figure found"),
    "no_data_years": ("{years}年未找到公开数据", "No published figure found for {years}"),
    "no_data_cities": ("未找到公开数据：{cities}", "No published figure found: {cities}"),
    "final": ("正式数据", "Final"),
    "provisional": ("初步或报道数据（空心）", "Preliminary or reported (hollow)"),
    "lower_bound": ("下限（“超过”）", "Lower bound (\"more than\")"),
    "baseline": ("基期", "Baseline"),
    "target": ("{year}年目标", "{year} target"),
    "peer_target": ("{city}目标", "{city} target"),
    "projection_label": ("预测", "Projection"),
    "band": ("80%预测区间", "80% interval"),
    "latest": ("最新", "Latest"),
    "cumulative": ("{start}年起累计", "Cumulative since {start}"),
    "annual": ("当年新增", "Added in the year"),
    "weak": ("预测所依据的数据点少于4个，仅供参考", "Weak projection: fewer than 4 data points"),
    "weak_tag": ("依据薄弱", "weak"),
    "weak_dotted": ("点线：依据薄弱的预测（数据点少于4个）", "Dotted: weak projection (fewer than 4 data points)"),
    "lower_is_better": ("数值越小越好", "lower is better"),
    "band_clipped": ("80%预测区间超出图幅的部分未画出", "The 80% interval is cut at the edge of the chart"),
    "scorecard_title": ("{city}科技创新“十四五”规划目标进展", "{city}'s 14th Five-Year S&T plan targets: progress"),
    "scorecard_subtitle": ("最新值占目标值的百分比；竖线为基期，菱形为目标年预测值（80%区间）",
                           "Latest value as % of the target; tick: baseline; diamond: projected value "
                           "in the target year (80% interval)"),
    "pct_of_target": ("占目标值的百分比（%）", "% of target"),
    "projected": ("目标年预测值", "Projected, target year"),
    "heatmap_title": ("目标进展状态", "Target status"),
    "heatmap_by_city": ("各城市自身目标，按最新数据评估", "Each city against its own targets, on the latest data"),
    "heatmap_by_year": ("{city}：按各年可得数据评估", "{city}: as assessed with the data available each year"),
    "no_target": ("空白格：无目标", "Blank cell: no target"),
    "peers_latest": ("{year}年或最近可得年份", "{year} or the latest year available"),
    "peers_lines": ("{city}与同类城市", "{city} and peer cities"),
    "indexed": ("{base}年=100", "{base} = 100"),
    "no_base": ("无{base}年数据：{cities}", "No {base} value: {cities}"),
    "ambition_title": ("目标有多进取：所需与已实现的年均增长", "How ambitious are the targets? Required vs achieved annual growth"),
    "required": ("实现目标所需年均增长", "Annual growth the target requires"),
    "achieved": ("基期以来已实现年均增长", "Annual growth achieved since the baseline"),
    "past": ("基期前五年年均增长", "Annual growth in the five years before the baseline"),
    "no_growth": ("增长无法计算（缺基期或最新值）：{cities}", "Growth not computable (no baseline or later value): {cities}"),
    "growth_axis": ("年均增长（%）", "Annual growth (%)"),
    "outlook_title": ("2030年展望：趋势、进取与底线", "The 2030 outlook: trend, stretch and floor"),
    "outlook_subtitle": ("各情景隐含的年均增长；标注为2030年数值", "Annual growth each scenario implies; labels give the 2030 value"),
    "trend": ("趋势", "Trend"), "stretch": ("进取", "Stretch"), "floor": ("底线", "Floor"),
    "series_break": ("竖线：统计口径变化处，前后不相连（{where}）", "Bar: the definition changes ({where}); the line is not joined across it"),
    "break_at": ("{city}{year}年起", "{city} from {year}"),
    "common_year": ("{year}年（多数城市有数值的最近年份）", "{year}, the latest year most cities share"),
    "mixed_years": ("各城市最新可得年份（年份不一，见各条标注）", "Each city's latest year (years differ: see each bar)"),
    "not_ranked": ("未列入排名（无{year}年数值）：{cities}", "Not ranked (no {year} value): {cities}"),
    "baseline_mark": ("基期值", "Baseline value"),
    "target_mark": ("目标", "Target"),
    "weak_line": ("依据薄弱的预测", "Weak projection"),
    "break_mark": ("统计口径变化", "Change of definition"),
    "dashboard_title": ("{city}“十四五”科技创新目标一览", "{city}'s 14th Five-Year S&T targets at a glance"),
}

STATUS_SYMBOLS = {"achieved": "★", "met_at_precision": "≈", "not_achieved": "✗", "on_track": "▲", "needs_acceleration": "▶", "limited_progress": "▼",
                  "deterioration": "✖", "insufficient_data": "○"}
_CITY_ZH = {en: zh for zh, en in CITY_NAMES.items() if not zh.endswith("市")}


def text(key, lang="zh", **values):
    """Return the chart phrase ``key`` in ``lang``, with ``values`` filled in."""
    zh, en = TEXT[key]
    return (zh if lang == "zh" else en).format(**values)


def city_name(city, lang="zh"):
    """Return the name of ``city`` in ``lang`` (the English name when no Chinese is known)."""
    return _CITY_ZH.get(city, city) if lang == "zh" else city


def status_label(status, lang="zh"):
    """Return the display name of a scorecard ``status`` in ``lang``."""
    from ..analysis.reasons import STATUS_LABELS

    label = STATUS_LABELS[lang].get(status, status)
    return label[:1].upper() + label[1:]


def status_symbol(status):
    """Return the symbol that marks a status besides its colour (★ ≈ ✗ ▲ ▶ ▼ ✖ ○)."""
    return STATUS_SYMBOLS.get(status, "")


def target_text(indicator, relation, value, lang="zh"):
    """Return a target as text, such as "> 3.40" or "≈ 4.50 (±2.5%)"."""
    from ..analysis.reasons import relation_text

    ind = get_indicator(indicator)
    return relation_text(relation, ind.direction, format_value(value, ind.decimals), 0.025, lang)  # assess's default band


def format_value(value, decimals):
    """Return ``value`` with the indicator's number of decimals and thousands separators."""
    return "" if pd.isna(value) else f"{value:,.{int(decimals)}f}"


def indicator_titles(indicator, lang="zh", *, city=None):
    """Return ``(title, subtitle)`` for one indicator: its name, and the city and unit."""
    ind = get_indicator(indicator)
    where = f"{city_name(city, lang)}" if city else ""
    unit = ind.unit(lang)
    sep = "，" if lang == "zh" else ", "
    return ind.name(lang), sep.join(p for p in (where, unit) if p)


def latest_rows(table, observations):
    """Return the observations behind a scorecard's latest values (its drawn rows)."""
    keys = table[["indicator_id", "city", "latest_year"]].dropna().rename(columns={"latest_year": "year"})
    keys = keys.astype({"year": "Int64"})
    return observations.astype({"year": "Int64"}).merge(keys, on=["indicator_id", "city", "year"])


def target_sources(table):
    """Return the source ids of the targets in ``table`` (matched on indicator, city, year)."""
    from ..registry import targets

    keys = table[["indicator_id", "city", "target_year"]].drop_duplicates().astype({"target_year": "Int64"})
    return list(targets().merge(keys, on=["indicator_id", "city", "target_year"])["source_id"])


GRADES = ("official_statistics", "government_document", "mainstream_media", "reprint")
_REPORTED = ("据{publisher}报道", "as reported by {publisher}")
# Until every source carries ``grade``: how its ``kind`` grades it.
_GRADE_OF_KIND = {"official_statistics": "official_statistics", "government_document": "government_document",
                  "news": "mainstream_media", "third_party_report": "reprint"}
_HOST = re.compile(r"\b(?:[a-z0-9-]+\.)+[a-z]{2,6}\b\S*")
_GLOSS = re.compile(r"\s*[(（][^()（）]*[A-Za-z][^()（）]*[)）]|,?\s*(?:page on|reprinted on|repost(?:ed)? on|via)\b.*$",
                    re.I)


_COPY_OF = re.compile(r"(?:reprint|repost|summary|copy) (?:of|by) (?:an? )?([^);]+)", re.I)
_UNKNOWN = ("网络转载，原发布者不详", "unattributed web copy")


def source_grade(source):
    """Return the grade of a source record: its ``grade``, else one inferred from its ``kind``."""
    grade = source.get("grade")
    if isinstance(grade, str) and grade in GRADES:
        return grade
    if not _has(source, "publisher_en") and re.search(r"reprint|repost|aggregator|summary of|page on|forum",
                                                      str(source.get("publisher") or ""), re.I):
        return "reprint"
    return _GRADE_OF_KIND.get(source.get("kind"), "reprint")


def _has(record, key):
    value = record.get(key)
    return isinstance(value, str) and bool(value.strip())


def publisher_name(source, lang="zh"):
    """Return the original publisher of a source's figure in ``lang``, never the host of a copy.

    ``publisher_en`` gives the English name; without it the Chinese name is used. Host
    names and English glosses ("reprint", "page on x.com") are removed from names that
    still carry them.
    """
    name = str(source.get("publisher_en") if lang == "en" and _has(source, "publisher_en")
               else source.get("publisher") or "")
    if _has(source, "grade"):  # a graded record names the original publisher, as it is...
        copy = source["grade"] == "reprint" and (_HOST.search(name) or _has(source, "host") and source["host"] in name)
        # ...unless that is unknown and the name is the copy's host, which a chart never names.
        return _UNKNOWN[0 if lang == "zh" else 1] if copy or not name.strip() else name.strip()
    if _has(source, "host"):
        name = name.replace(source["host"], "")
    if not _has(source, "publisher_en"):  # an older record: the publisher may still be a host's name
        copied = _COPY_OF.search(name)
        if copied:
            chinese = re.search("[\u4e00-\u9fff]+", copied.group(1))
            name = chinese.group(0) if chinese else copied.group(1)
    clean = _HOST.sub("", _GLOSS.sub("", name)).strip(" ,;，；/")
    return clean or _UNKNOWN[0 if lang == "zh" else 1]


def citation(source, lang="zh"):
    """Return how a chart cites one source: "广州市统计局", or "据中新社报道" for a reprint."""
    name = publisher_name(source, lang)
    if source_grade(source) == "reprint" and name not in _UNKNOWN:
        name = _REPORTED[0 if lang == "zh" else 1].format(publisher=name)
    return typeset_zh(name) if lang == "zh" else name


def _publisher_years(source_ids, lang="zh"):
    """Return "publisher (years)" for each publisher cited, sorted; one entry per publisher."""
    from ..ingest.load import sources

    table = sources().drop_duplicates("source_id").set_index("source_id")
    years = {}
    for sid in dict.fromkeys(s for s in source_ids if isinstance(s, str) and s):
        if sid in table.index:
            record = table.loc[sid].to_dict()
            cited, year = citation(record, lang), str(record.get("published") or "")[:4]
        else:  # a user's own source: an id or a URL
            cited, year = sid, ""
        years.setdefault(cited, set()).update([year] if year.isdigit() else [])
    parts = []
    for cited, when in years.items():
        when = ("、" if lang == "zh" else ", ").join(sorted(when))
        parts.append((f"{cited}（{when}）" if lang == "zh" else f"{cited} ({when})") if when else cited)
    return sorted(parts)


def source_line(rows, lang="zh", *, extra_sources=(), projection=False, max_items=6):
    """Return the source line for the rows actually drawn.

    Parameters
    ----------
    rows : DataFrame
        The observations drawn, with ``source_id`` and ``status``.
    lang : {"zh", "en"}
        Language of the chart text.
    extra_sources : sequence of str
        Further source ids drawn, such as a target's.
    projection : bool
        Whether projections are drawn; they are labelled as gzinnov's.
    max_items : int
        How many publishers to name before "and N more".
    """
    ids = list(rows["source_id"]) if len(rows) else []
    parts = _publisher_years(ids + list(extra_sources), lang)
    if len(parts) > max_items:
        parts = parts[:max_items] + [text("more_sources", lang, n=len(parts) - max_items)]
    sep, end = ("；", "。") if lang == "zh" else ("; ", ".")
    line = text("source", lang) + (sep.join(parts) if parts else text("no_data", lang)) + end
    statuses = set(rows["status"]) if len(rows) else set()
    notes = [text(k, lang) for k in ("preliminary", "derived") if k in statuses]
    if projection:
        notes.append(text("projection", lang))
    if notes:
        line += sep.join(notes) + end if lang == "zh" else " " + sep.join(n[0].upper() + n[1:] for n in notes) + end
    return _wrap(line, 150 if lang == "en" else 80)


def _wrap(line, width):
    """Break ``line`` after semicolons so that lines stay near ``width`` characters."""
    out, current = [], ""
    for piece in re.findall(r"[^;；]*[;；]?\s*", line):
        if current and len(current) + len(piece) > width:
            out.append(current.rstrip())
            piece = piece.lstrip()
            current = ""
        current += piece
    return "\n".join(out + [current.rstrip()])


def break_note(rows, lang="zh"):
    """Return a note naming where the series drawn change definition, or ''."""
    from .base import series_breaks

    places = []
    for city, part in rows.groupby("city", sort=False):
        part = part.sort_values("year").reset_index(drop=True)
        for i in series_breaks(part):
            places.append(text("break_at", lang, city=city_name(city, lang), year=int(part["year"].iloc[i])))
    return text("series_break", lang, where=("、" if lang == "zh" else "; ").join(places)) if places else ""


def missing_years_note(years, first, last, lang="zh"):
    """Return a note naming the years from ``first`` to ``last`` with no value, or ''."""
    gaps = [y for y in range(int(first), int(last) + 1) if y not in set(int(v) for v in years)]
    if not gaps:
        return ""
    sep = "、" if lang == "zh" else ", "
    return text("no_data_years", lang, years=sep.join(str(y) for y in gaps))


def annotate_chart(ax, *, title, subtitle="", source="", note=""):
    """Put the title, subtitle, source line and note on ``ax``; return ``ax``.

    The title is the left axes title; the subtitle, note and source are texts with the gids
    ``"subtitle"``, ``"note"`` and ``"source"``, placed above and below the plotting area.
    """
    if any(_has_cjk(t) for t in (title, subtitle, note)):
        title, subtitle, source, note = (typeset_zh(t) for t in (title, subtitle, source, note))
    ax.set_title(title, loc="left", pad=24 if subtitle else 8)
    if subtitle:
        ax.annotate(subtitle, (0, 1), xycoords="axes fraction", xytext=(0, 6), textcoords="offset points",
                    va="bottom", ha="left", fontsize="small", color="#444444", gid="subtitle")
    # Below the x label, which matplotlib keeps below the tick labels (even when it is empty).
    anchor = ("axes fraction", ax.xaxis.label)
    for gid, content in (("note", note), ("source", source)):
        if content:
            anchor = ax.annotate(content, (0, 0), xycoords=anchor, xytext=(0, -4), textcoords="offset points",
                                 va="top", ha="left", fontsize="x-small", color="#555555", gid=gid,
                                 annotation_clip=False)
    return ax
