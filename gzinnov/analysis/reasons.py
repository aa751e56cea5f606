"""Say in one sentence, in Chinese or English, why each scorecard row got its status."""

__all__ = ["status_reasons", "relation_text", "summarise_scorecard", "STATUS_LABELS"]

import functools
import re

import numpy as np
import pandas as pd

from ..registry import get_indicator

_TEXT = {
    "en": {
        "substituted": "No {b0} value, so the baseline is the {b} value. ",
        "lower_bound": "The latest value is a lower bound (at least {v:,.{d}f}). ",
        "no_latest": "No published value up to {T}.",
        "no_baseline": "No value for {b0} or later to serve as the baseline.",
        "single": "Only one value since the baseline ({b}); judging progress needs two.",
        "nonpositive": "Growth rates are undefined for a zero or negative value.",
        "achieved": "The {t} value, {v:,.{d}f}, meets the target ({rel} by {T}).",
        "prorated": "{v:,.{d}f} over {p0}–{t}, against {due:,.{d}f} due by then on a prorated basis: "
                    "{score:.0%} of the prorated target, {range}.",
        "growth_ratio": "Since {b}: {ga:+.1%} a year, against {gr:+.1%} a year needed to reach {rel} "
                        "by {T}; growth ratio R = {score:.2f}, {range}.",
        "unsd": "At its {b}–{t} growth rate ({ga:+.1%} a year) it would cover {score:.0%} of the distance "
                "to {rel} by {T}; score S = {score:.2f}, {range}.",
        "missed": " The {T} value misses the target.",
        "nowcast": " Nowcast: the {T} value is not yet published.",
        "points": " In percentage points, {dc:.0%} of the distance is covered.",
        "ranges": ("at or above {hi}", "between {mid} and {hi}", "between {lo} and {mid}", "below {lo}"),
        "band": " (±{tol})",
    },
    "zh": {
        "substituted": "{b0}年无数值,以{b}年数值为基期。",
        "lower_bound": "最新数值为下限(至少{v:,.{d}f})。",
        "no_latest": "截至{T}年没有公开数值。",
        "no_baseline": "{b0}年及以后没有可作基期的数值。",
        "single": "基期({b}年)以来只有一个数值,至少需要两个才能判断进展。",
        "nonpositive": "数值为零或负数,无法计算增长率。",
        "achieved": "{t}年数值为{v:,.{d}f},已达到目标({T}年{rel})。",
        "prorated": "{p0}—{t}年累计{v:,.{d}f},按进度应完成{due:,.{d}f};"
                    "完成进度目标的{score:.0%},{range}。",
        "growth_ratio": "{b}年以来年均增长{ga:+.1%},达到{T}年{rel}需年均{gr:+.1%};增速比R={score:.2f},{range}。",
        "unsd": "按{b}—{t}年的年均增速({ga:+.1%})外推,到{T}年可完成目标距离({rel})的{score:.0%};"
                "得分S={score:.2f},{range}。",
        "missed": "{T}年数值未达到目标。",
        "nowcast": "{T}年数值尚未公布,此为预判。",
        "points": "按百分点计,已完成目标距离的{dc:.0%}。",
        "ranges": ("不低于{hi}", "介于{mid}与{hi}之间", "介于{lo}与{mid}之间", "低于{lo}"),
        "band": "(±{tol})",
    },
}
STATUS_LABELS = {
    "en": {"achieved": "achieved", "on_track": "on track", "needs_acceleration": "needs acceleration",
           "limited_progress": "limited progress", "deterioration": "deterioration",
           "insufficient_data": "insufficient data"},
    "zh": {"achieved": "已达成", "on_track": "进度正常", "needs_acceleration": "需加快",
           "limited_progress": "进展有限", "deterioration": "倒退", "insufficient_data": "数据不足"},
}
_HEADERS = {
    "en": ["indicator", "city", "latest", "target", "needed/yr", "actual/yr", "status", "P(meet)", "basis"],
    "zh": ["指标", "城市", "最新值", "目标", "所需年均增速", "实际年均增速", "状态", "达标概率", "判断依据"],
}
_BASIS_LABELS = {"en": {"observed": "observed", "nowcast": "nowcast"},
                 "zh": {"observed": "实际", "nowcast": "预判"}}
_NUMBERS = ["_base0", "baseline_year", "baseline_value", "latest_year", "latest_value", "target_year",
            "target_value", "period_start", "period_end", "n_points", "actual_growth", "required_growth",
            "score", "distance_covered"]
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
    band = _TEXT[lang]["band"].format(tol=f"{tolerance:.1%}") if relation == "approx" else ""
    return f"{_symbols([relation], [direction])[0]} {target}{band}"


def _fmt(values, decimals):
    return [f"{v:,.{int(d)}f}" if pd.notna(v) else "" for v, d in zip(values, decimals)]


def _years(values):
    """Years as text ("" where missing), converted in one numpy pass."""
    values = np.asarray(values, dtype=float)
    missing = np.isnan(values)
    return np.where(missing, "", np.where(missing, 0, values).astype(np.int64).astype(str))


def _pct(values, signed=True):
    spec = "+.1%" if signed else ".0%"
    return [format(v, spec) if pd.notna(v) else "" for v in values]


def status_reasons(card, thresholds, tolerance, lang="zh"):
    """Return the ``status_reason`` column for a scorecard table."""
    text = _TEXT[lang]
    c = {k: card[k].to_numpy(float, na_value=np.nan) for k in _NUMBERS}
    c.update({k: card[k].to_numpy(object) for k in _LABELS})
    ind = {i: get_indicator(i) for i in set(c["indicator_id"])}
    dec = np.array([ind[i].decimals for i in c["indicator_id"]])
    share = np.array([ind[i].unit_zh == "%" for i in c["indicator_id"]])
    band = np.select([c["score"] >= x - 1e-9 for x in thresholds], [0, 1, 2], 3)
    ranges = np.array([r.format(hi=f"{thresholds[0]:g}", mid=f"{thresholds[1]:g}", lo=f"{thresholds[2]:g}")
                       for r in text["ranges"]], dtype=object)
    with np.errstate(all="ignore"):
        due = c["target_value"] * c["n_points"] / (c["period_end"] - c["period_start"] + 1)
    fields = {
        "b0": _years(c["_base0"]), "b": _years(c["baseline_year"]), "t": _years(c["latest_year"]),
        "T": _years(c["target_year"]), "p0": _years(c["period_start"]), "v": c["latest_value"], "d": dec,
        "ga": c["actual_growth"], "gr": c["required_growth"], "score": c["score"],
        "dc": c["distance_covered"], "due": due, "range": ranges[band], "tv": c["target_value"],
        "sym": _symbols(c["relation"], c["direction"]),
        "band": np.where(c["relation"] == "approx", text["band"].format(tol=f"{tolerance:.1%}"), ""),
    }
    fields = {k: np.asarray(v, dtype=object) for k, v in fields.items()}
    keys = _main_key(c)
    out = np.full(len(card), "", dtype=object)
    for key in np.unique(keys):
        out = _render(out, text[key], fields, keys == key)
    prefix = np.full(len(card), "", dtype=object)
    prefix = _render(prefix, text["substituted"], fields, c["baseline_basis"] == "substituted")
    prefix = _render(prefix, text["lower_bound"], fields, card["latest_lower_bound"].to_numpy(bool))
    active, achieved = c["status"] != "insufficient_data", c["status"] == "achieved"
    for key, mask in (("missed", active & (c["verdict_basis"] == "observed") & ~achieved),
                      ("nowcast", active & (c["verdict_basis"] == "nowcast")),
                      ("points", active & share & (c["measure"] == "level") & ~achieved
                       & ~np.isnan(c["distance_covered"]))):
        out = _render(out, text[key], fields, mask)
    return list(prefix + out)


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
    return np.select(
        [c["status"] == "achieved", np.isnan(c["latest_value"]), c["baseline_basis"] == "missing",
         c["measure"] == "cumulative", single, nonpositive & np.isnan(c["score"]), c["method"] == "unsd"],
        ["achieved", "no_latest", "no_baseline", "prorated", "single", "nonpositive", "unsd"], "growth_ratio")



def summarise_scorecard(card, lang="zh", tolerance=0.025):
    """Return a compact, formatted view of a scorecard for printing (one row per target)."""
    ind = {i: get_indicator(i) for i in card["indicator_id"].unique()}
    dec = card["indicator_id"].map({i: v.decimals for i, v in ind.items()})
    latest = [f"{v} ({y})" if v else "" for v, y in zip(_fmt(card["latest_value"], dec), card["latest_year"])]
    target = [relation_text(r, d, v, tolerance, lang) + f" ({y})" for r, d, v, y in
              zip(card["relation"], card["direction"], _fmt(card["target_value"], dec), card["target_year"])]
    p = [f"{v:.0%}" if pd.notna(v) else "" for v in card["p_meet"]]
    columns = [card["indicator_id"].map(lambda i: ind[i].short(lang)), card["city"], latest, target,
               _pct(card["required_growth"]), _pct(card["actual_growth"]),
               card["status"].map(STATUS_LABELS[lang]), p, card["verdict_basis"].map(_BASIS_LABELS[lang])]
    return pd.DataFrame({h: list(c) for h, c in zip(_HEADERS[lang], columns)})
