"""Say in one sentence, in Chinese or English, why each scorecard row got its status."""

__all__ = ["status_reasons", "relation_text", "summarise_scorecard", "settled_by", "headline_text",
           "STATUS_LABELS", "RELEASES", "RELEASE_OF"]

import functools
import re

import numpy as np
import pandas as pd

from ..registry import get_indicator

_TEXT = {
    "en": {
        "substituted": "No {b0} value, so the baseline is the {b} value. ",
        "lower_bound": "The latest value is a lower bound (at least {v:,.{d}f}). ",
        "one_year": "Based on one year of change ({b}–{t}), so read it with caution. ",
        "no_latest": "No published value up to {T}.",
        "no_baseline": "No value for {b0} or later, before the latest one, to serve as the baseline.",
        "single": "Only one value since the baseline ({b}); judging progress needs two.",
        "nonpositive": "Growth rates are undefined for a zero or negative value.",
        "achieved": "The {t} value, {v:,.{d}f}, meets the target ({rel} by {T}).",
        "not_achieved": "The {T} value, {v:,.{d}f}, misses the target ({rel} by {T}).",
        "met_at_precision": "The {T} value is published as {v:,.{d}f}: at that precision, exceeding the target "
                            "({rel}) can be neither confirmed nor ruled out.",
        "lower_below": "The {T} value is a lower bound (at least {v:,.{d}f}) short of the target ({rel}); "
                       "the exact figure would settle it.",
        "total_met": "The {p0}–{pe} total, {v:,.{d}f}, meets the target ({rel}).",
        "total_missed": "The {p0}–{pe} total, {v:,.{d}f}, misses the target ({rel}).",
        "partial_met": "{v:,.{d}f} over {p0}–{t} ({k} of {m} years reported) already meets the {p0}–{pe} "
                       "target ({rel}).",
        "prorated": "{v:,.{d}f} over {p0}–{t} ({k} of {m} years reported), against {due:,.{d}f} due for those "
                    "years on a prorated basis: {score:.0%} of the prorated target, {range}.",
        "flat": "Growth ratio undefined: the target equals the {b} baseline ({bv:,.{d}f}); the {t} value, "
                "{v:,.{d}f}, has moved away from it.",
        "prior": "No value since the {b} baseline yet; at its {a0}–{b} pace ({ga:+.1%} a year), against "
                 "{gr:+.1%} a year needed to reach {rel} by {T}: growth ratio R = {score:.2f}, {range}.",
        "growth_ratio": "Since {b}: {ga:+.1%} a year, against {gr:+.1%} a year needed to reach {rel} "
                        "by {T}; growth ratio R = {score:.2f}, {range}.",
        "unsd": "At its {b}–{t} growth rate ({ga:+.1%} a year) it would cover {score:.0%} of the distance "
                "to {rel} by {T}; score S = {score:.2f}, {range}.",
        "provisional": " Provisional: the {T} value is {st}, not yet final.",
        "nowcast": " Nowcast: the {T} value is not yet published.",
        "points": " In percentage points, {dc:.0%} of the distance is covered.",
        "ranges": ("at or above {hi}", "between {mid} and {hi}", "between {lo} and {mid}", "below {lo}"),
        "band": " (±{tol}, at least {edge:,.{d}f})",
        "status": {"preliminary": "preliminary", "reported": "a reported figure"},
    },
    "zh": {
        "substituted": "{b0}年无数值，以{b}年数值为基期。",
        "lower_bound": "最新数值为下限（至少{v:,.{d}f}）。",
        "one_year": "仅依据一年的变化（{b}—{t}年），宜审慎看待。",
        "no_latest": "截至{T}年没有公开数值。",
        "no_baseline": "{b0}年及以后、最新数值之前没有可作基期的数值。",
        "single": "基期（{b}年）以来只有一个数值，至少需要两个才能判断进展。",
        "nonpositive": "数值为零或负数，无法计算增长率。",
        "achieved": "{t}年数值为{v:,.{d}f}，已达到目标（{T}年{rel}）。",
        "not_achieved": "{T}年数值为{v:,.{d}f}，未达到目标（{T}年{rel}）。",
        "met_at_precision": "{T}年公布数值为{v:,.{d}f}：按此精度，既不能确认也不能排除超过目标（{rel}）。",
        "lower_below": "{T}年数值为下限（至少{v:,.{d}f}），低于目标（{rel}）；需确切数值方能判断。",
        "total_met": "{p0}—{pe}年累计{v:,.{d}f}，已达到目标（{rel}）。",
        "total_missed": "{p0}—{pe}年累计{v:,.{d}f}，未达到目标（{rel}）。",
        "partial_met": "{p0}—{t}年累计{v:,.{d}f}（{m}年中已公布{k}年），已达到{p0}—{pe}年目标（{rel}）。",
        "prorated": "{p0}—{t}年累计{v:,.{d}f}（{m}年中已公布{k}年），按进度这些年份应完成{due:,.{d}f}；"
                    "完成进度目标的{score:.0%}，{range}。",
        "flat": "增速比无定义：目标等于{b}年基期值（{bv:,.{d}f}）；{t}年数值{v:,.{d}f}已偏离目标。",
        "prior": "{b}年基期之后尚无数值；按{a0}—{b}年的年均增速（{ga:+.1%}），达到{T}年{rel}需年均{gr:+.1%}；"
                 "增速比R={score:.2f}，{range}。",
        "growth_ratio": "{b}年以来年均增长{ga:+.1%}，达到{T}年{rel}需年均{gr:+.1%}；增速比R={score:.2f}，{range}。",
        "unsd": "按{b}—{t}年的年均增速（{ga:+.1%}）外推，到{T}年可完成目标距离（{rel}）的{score:.0%}；"
                "得分S={score:.2f}，{range}。",
        "provisional": "{T}年数值为{st}，尚非最终数，此为初步判断。",
        "nowcast": "{T}年数值尚未公布，此为预判。",
        "points": "按百分点计，已完成目标距离的{dc:.0%}。",
        "ranges": ("不低于{hi}", "介于{mid}与{hi}之间", "介于{lo}与{mid}之间", "低于{lo}"),
        "band": "（±{tol}，即至少{edge:,.{d}f}）",
        "status": {"preliminary": "初步数", "reported": "报道数"},
    },
}
STATUS_LABELS = {
    "en": {"achieved": "achieved", "met_at_precision": "met at the published precision",
           "not_achieved": "not achieved", "on_track": "on track", "needs_acceleration": "needs acceleration",
           "limited_progress": "limited progress", "deterioration": "deterioration",
           "insufficient_data": "insufficient data"},
    "zh": {"achieved": "已达成", "met_at_precision": "按公布精度持平", "not_achieved": "未达成",
           "on_track": "进度正常", "needs_acceleration": "需加快", "limited_progress": "进展有限",
           "deterioration": "倒退", "insufficient_data": "数据不足"},
}
# Which release usually carries an indicator's yearly value, and when (months after the year)
RELEASES = {
    "funding_bulletin": {"en": "S&T funding statistical bulletin", "zh": "科技经费投入统计公报",
                         "when_en": "around September {y}", "when_zh": "{y}年9月前后"},
    "statistical_bulletin": {"en": "statistical bulletin on economic and social development",
                             "zh": "国民经济和社会发展统计公报",
                             "when_en": "around March–April {y}", "when_zh": "{y}年3—4月前后"},
    "yearbook": {"en": "statistical yearbook", "zh": "统计年鉴", "when_en": "around the end of {y}",
                 "when_zh": "{y}年底前后"},
}
RELEASE_OF = {
    **dict.fromkeys(["rd_intensity", "rd_expenditure", "basic_research_share", "basic_research_expenditure",
                     "enterprise_rd_share"], "funding_bulletin"),
    **dict.fromkeys(["tech_contract_turnover", "high_value_patents_per_10k", "invention_patents_per_10k",
                     "invention_patents_granted", "high_tech_enterprises", "gdp", "resident_population"],
                    "statistical_bulletin"),
}
_SETTLE = {
    "en": {"provisional": "The final {T} value in the {T} {pub} ({when}).",
           "nowcast": "The {T} value, due in the {T} {pub} ({when})."},
    "zh": {"provisional": "{T}年最终数见{T}年{pub}（{when}）。",
           "nowcast": "{T}年数值将见于{T}年{pub}（{when}）。"},
}
_HEADLINE = {
    "en": {"main": "Of {total} targets: {achieved} achieved, {not_achieved} not achieved{precision}, "
                   "{pending} not yet published{note}.",
           "precision": ", {n} met at the published precision",
           "provisional": " ({n} of the verdicts provisional)", "plan": "{title}: "},
    "zh": {"main": "{total}项目标中：已实现{achieved}项，未实现{not_achieved}项{precision}，尚未公布{pending}项"
                   "{note}。",
           "precision": "，按公布精度持平{n}项", "provisional": "（其中{n}项为初步判断）", "plan": "《{title}》："},
}
_HEADERS = {
    "en": ["indicator", "city", "latest", "target", "needed/yr", "actual/yr", "status", "P(meet)", "basis"],
    "zh": ["指标", "城市", "最新值", "目标", "所需年均增速", "实际年均增速", "状态", "达标概率", "判断依据"],
}
_BASIS_LABELS = {"en": {"final": "final", "provisional": "provisional", "nowcast": "nowcast"},
                 "zh": {"final": "最终", "provisional": "初步", "nowcast": "预判"}}
_NUMBERS = ["_base0", "baseline_year", "baseline_value", "latest_year", "latest_value", "target_year",
            "target_value", "period_start", "period_end", "n_points", "actual_growth", "required_growth",
            "score", "distance_covered", "achieved_from"]
_LABELS = ["indicator_id", "relation", "direction", "status", "baseline_basis", "verdict_basis", "measure",
           "method"]
_FIELD = re.compile(r"\{(\w+)")
_REL = "{sym} {tv:,.{d}f}{band}"  # "{rel}" in a template: the target with its relation, e.g. "> 3.40"


def _symbols(relation, direction):
    """≥, >, ≤, < or ≈ for each target, flipped where lower is better."""
    relation, lower = np.asarray(relation), np.asarray(direction) == "decrease"
    return np.select([relation == "approx", relation == "gt"], ["≈", np.where(lower, "<", ">")],
                     np.where(lower, "≤", "≥")).astype(object)


def relation_text(relation, direction, target, tolerance, lang="zh"):
    """Return a target as text, e.g. "> 3.4", "≤ 10" or "≈ 4.5 (±2.5%)"."""
    band = f" (±{tolerance:.1%})" if lang == "en" else f"（±{tolerance:.1%}）"
    band = band if relation == "approx" else ""
    return f"{_symbols([relation], [direction])[0]} {target}{band}"


def _fmt(values, decimals):
    return [f"{v:,.{int(d)}f}" if pd.notna(v) else "" for v, d in zip(values, decimals)]


def _each_once(values, name):
    """``name(v)`` for each of ``values``, called once per distinct value."""
    distinct, inverse = np.unique(np.asarray(values, dtype=str), return_inverse=True)
    return np.array([name(v) for v in distinct.tolist()], dtype=object)[inverse]


def _years(values):
    """Years as text ("" where missing): each distinct year is written once."""
    values = np.asarray(values, dtype=float)
    distinct, inverse = np.unique(np.where(np.isnan(values), -1, values).astype(np.int64), return_inverse=True)
    return np.array(["" if y < 0 else str(y) for y in distinct.tolist()], dtype=object)[inverse]


def _pct(values, signed=True):
    spec = "+.1%" if signed else ".0%"
    return [format(v, spec) if pd.notna(v) else "" for v in values]


def status_reasons(card, thresholds, tolerance, lang="zh"):
    """Return the ``status_reason`` column for a scorecard table."""
    from .growth import band_edge

    text = _TEXT[lang]
    c = {k: card[k].to_numpy(float, na_value=np.nan) for k in _NUMBERS}
    c.update({k: card[k].to_numpy(object) for k in _LABELS})
    ind = {i: get_indicator(i) for i in set(c["indicator_id"])}
    dec = np.array([ind[i].decimals for i in c["indicator_id"]], dtype=int)
    share = np.array([ind[i].unit_zh == "%" for i in c["indicator_id"]], dtype=bool)
    band = np.select([c["score"] >= x - 1e-9 for x in thresholds], [0, 1, 2], 3)
    ranges = np.array([r.format(hi=f"{thresholds[0]:g}", mid=f"{thresholds[1]:g}", lo=f"{thresholds[2]:g}")
                       for r in text["ranges"]], dtype=object)
    with np.errstate(all="ignore"):
        due = c["target_value"] * c["n_points"] / (c["period_end"] - c["period_start"] + 1)
    edge = band_edge(c["target_value"], c["relation"], c["direction"], tolerance)
    approx = c["relation"] == "approx"
    band_text = np.full(len(card), "", dtype=object)
    for i in np.flatnonzero(approx):  # only "about" targets have a band
        band_text[i] = text["band"].format(tol=f"{tolerance:.1%}", edge=edge[i], d=dec[i])
    status = card["latest_status"].to_numpy(object)
    fields = {
        "b0": _years(c["_base0"]), "b": _years(c["baseline_year"]), "t": _years(c["latest_year"]),
        "T": _years(c["target_year"]), "p0": _years(c["period_start"]), "pe": _years(c["period_end"]),
        "a0": _years(c["achieved_from"]), "v": c["latest_value"], "bv": c["baseline_value"], "d": dec,
        "ga": c["actual_growth"], "gr": c["required_growth"], "score": c["score"] + 0.0,
        "dc": c["distance_covered"], "due": due, "range": ranges[band], "tv": c["target_value"],
        "sym": _symbols(c["relation"], c["direction"]), "band": band_text,
        "k": c["n_points"].astype(int), "m": np.nan_to_num(c["latest_year"] - c["period_start"] + 1).astype(int),
        "st": _each_once(status, lambda s: text["status"].get(s, str(s))),
    }
    fields = {k: np.asarray(v, dtype=object) for k, v in fields.items()}
    keys = _main_key(c)
    out = np.full(len(card), "", dtype=object)
    for key in np.unique(keys):
        out = _render(out, text[key], fields, keys == key)
    prefix = np.full(len(card), "", dtype=object)
    nowcast = c["verdict_basis"] == "nowcast"
    prefix = _render(prefix, text["substituted"], fields, c["baseline_basis"] == "substituted")
    prefix = _render(prefix, text["lower_bound"], fields, card["latest_lower_bound"].to_numpy(bool) & nowcast)
    prefix = _render(prefix, text["one_year"], fields, card["one_year"].to_numpy(bool) & nowcast)
    active, achieved = c["status"] != "insufficient_data", c["status"] == "achieved"
    for key, mask in (("provisional", c["verdict_basis"] == "provisional"),
                      ("nowcast", active & nowcast),
                      ("points", active & nowcast & share & (c["measure"] == "level") & ~achieved
                       & ~np.isnan(c["distance_covered"]))):
        out = _render(out, text[key], fields, mask)
    return list(prefix + out)


def settled_by(card, lang="zh"):
    """Which release should carry (or confirm) each target-year value, and roughly when.

    Empty for final verdicts. The release is the statistical bulletin (about March–April of
    the next year), the S&T funding statistical bulletin (about September) or the
    statistical yearbook (about the end of the next year).
    """
    end = card["period_end"].to_numpy(float, na_value=np.nan)
    years = np.where(np.isnan(end), card["target_year"].to_numpy(float, na_value=np.nan), end)
    keys = list(zip(card["indicator_id"].tolist(), card["verdict_basis"].tolist(), years.tolist()))
    done = {}
    for iid, basis, year in set(keys):  # each distinct target once, not each row
        if basis == "final":
            done[iid, basis, year] = ""
            continue
        rel = RELEASES[RELEASE_OF.get(iid, "yearbook")]
        when = rel[f"when_{lang}"].format(y=int(year) + 1)
        done[iid, basis, year] = _SETTLE[lang][basis].format(T=int(year), pub=rel[lang], when=when)
    return [done[k] for k in keys]


def headline_text(counts, plan_id="", lang="zh"):
    """The plan headline from counts (total, achieved, not_achieved, met_at_precision, pending,
    provisional); opens with the plan's title when ``plan_id`` is given."""
    text = _HEADLINE[lang]
    precision = text["precision"].format(n=counts["met_at_precision"]) if counts["met_at_precision"] else ""
    provisional = text["provisional"].format(n=counts["provisional"]) if counts["provisional"] else ""
    sentence = text["main"].format(precision=precision, note=provisional, **counts)
    if plan_id:
        from ..registry import load_plans

        plan = load_plans().get(plan_id)
        sentence = text["plan"].format(title=plan.title(lang) if plan else plan_id) + sentence
    return sentence


@functools.cache
def _positional(template):
    """Turn "{name:spec}" fields into "{0:spec}" ones; return the template and the names in order."""
    names = []

    def number(match):
        if match.group(1) not in names:
            names.append(match.group(1))
        return "{" + str(names.index(match.group(1)))

    return _FIELD.sub(number, template.replace("{rel}", _REL)), names


def _render(out, template, fields, mask):
    """Append ``template`` filled from ``fields`` to ``out`` on the rows where ``mask`` holds."""
    rows = np.flatnonzero(np.asarray(mask, dtype=bool))
    if len(rows):
        positional, names = _positional(template)
        if len(names) > 1:
            filled = [positional.format(*row) for row in zip(*(fields[n][rows] for n in names))]
        else:  # one field or none: format each distinct value once
            values = fields[names[0]][rows] if names else np.zeros(len(rows))
            done = {v: positional.format(v) for v in set(values.tolist())}
            filled = [done[v] for v in values.tolist()]
        out[rows] = out[rows] + np.array(filled, dtype=object)
    return out


def _main_key(c):
    """Pick the main sentence of each row (``c``: the scorecard's columns as arrays)."""
    with np.errstate(invalid="ignore"):
        nonpositive = (c["baseline_value"] <= 0) | (c["latest_value"] <= 0) | (c["target_value"] <= 0)
        single = c["latest_year"] <= c["baseline_year"]
    settled, status, cum = c["verdict_basis"] != "nowcast", c["status"], c["measure"] == "cumulative"
    complete = c["latest_year"] == c["period_end"]
    prior = ~np.isnan(c["achieved_from"])
    flat = np.isnan(c["score"]) & (np.abs(c["required_growth"]) < 1e-6) & ~np.isnan(c["latest_value"])
    return np.select(
        [settled & cum & complete & (status == "achieved"), settled & cum & (status == "achieved"),
         settled & cum & (status == "not_achieved"),
         settled & (status == "not_achieved"), settled & (status == "met_at_precision"),
         settled & (status == "insufficient_data"),
         status == "achieved", np.isnan(c["latest_value"]), prior, c["baseline_basis"] == "missing",
         cum, flat, single, nonpositive & np.isnan(c["score"]), c["method"] == "unsd"],
        ["total_met", "partial_met", "total_missed", "not_achieved", "met_at_precision", "lower_below",
         "achieved", "no_latest", "prior", "no_baseline", "prorated", "flat", "single", "nonpositive", "unsd"],
        "growth_ratio")


def summarise_scorecard(card, lang="zh", tolerance=0.025):
    """Return a compact, formatted view of a scorecard for printing (one row per target)."""
    ind = {i: get_indicator(i) for i in card["indicator_id"].unique()}
    dec = card["indicator_id"].map({i: v.decimals for i, v in ind.items()})
    latest = [f"{v} ({y})" if v else "" for v, y in zip(_fmt(card["latest_value"], dec), card["latest_year"])]
    target = [relation_text(r, d, v, tolerance, lang) + f" ({y})" for r, d, v, y in
              zip(card["relation"], card["direction"], _fmt(card["target_value"], dec), card["target_year"])]
    p = [f"{v:.0%}" if pd.notna(v) else "—" for v in card["p_meet"]]
    columns = [card["indicator_id"].map(lambda i: ind[i].short(lang)), card["city"], latest, target,
               _pct(card["required_growth"]), _pct(card["actual_growth"]),
               card["status"].map(STATUS_LABELS[lang]), p, card["verdict_basis"].map(_BASIS_LABELS[lang])]
    return pd.DataFrame({h: list(c) for h, c in zip(_HEADERS[lang], columns)})
