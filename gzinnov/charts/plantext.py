"""Bilingual text about plans: short plan labels, final verdicts, and the 2030 ambition chart."""

__all__ = ["PLAN_TEXT", "plan_text", "plan_label", "pace_text", "wrap_lines"]

import re
import textwrap

import pandas as pd

from ..registry import get_indicator

# Short chart labels of the kinds of plan, keyed by the end of the plan id (gz_st_14, beijing_fyp_15).
_KINDS = {
    "st_14": ("科技创新“十四五”规划", "14th FYP S&T plan"),
    "fyp_14": ("“十四五”规划纲要", "14th FYP"),
    "fyp_15": ("“十五五”规划纲要", "15th FYP"),
}

PLAN_TEXT = {
    "final_title": ("{city}{plan}：最终评估", "{city}'s {plan}: the final verdict"),
    "plans_title": ("{city}各规划目标：最终评估与进展", "{city}'s plan targets: final verdicts and progress"),
    "final_key": ("条形为目标年数值占目标值的百分比；斜线为初步判断；浅色为目标年数值尚未公布，标注预判。",
                  "Bars: the target-year value as % of the target; hatched: provisional; pale: the target-year "
                  "value is not yet published, with its nowcast."),
    "plan_title": ("{city}{plan}目标进展", "{city}'s {plan} targets: progress"),
    "provisional": ("初步", "provisional"),
    "provisional_patch": ("初步判断（斜线）", "Provisional (hatched)"),
    "not_published": ("尚未公布", "not yet published"),
    "settled_by": ("{when}：{names}", "{when}: {names}"),
    "nowcast_label": ("预判：{status}", "Nowcast: {status}"),
    "ambition_title": ("2030年目标有多进取：{name}", "How ambitious are the 2030 targets? {name}"),
    "ambition_subtitle": ("单位：{unit}；箭头：基期值→2030年目标（★）；◇：按趋势预测的2030年值",
                          "Unit: {unit}; arrow: base value → 2030 target (★); ◇: the 2030 value the trend gives"),
    "trend_2030": ("趋势预测（2030年）", "Trend projection, 2030"),
    "base_value": ("基期值", "Base value"),
    "target_2030": ("2030年目标", "2030 target"),
    "needs_growth": ("需年均增长{req}", "needs {req}/yr"),
    "needs_points": ("需年均提高{req}", "needs +{req}/yr"),
    "achieved_pace": ("{first}—{last}年实际{got}", "{got}/yr in {first}–{last}"),
    "ratio": ("（{ratio}倍）", " (×{ratio})"),
    "rank": ("排名：第{base}→第{target}", "rank {base} → {target}"),
    "p_meet": ("达标概率{p}", "P(meet) {p}"),
    "no_base": ("无基期值：{cities}", "No base value: {cities}"),
    "base_year": ("{value}（{year}年）", "{value} ({year})"),
}


def plan_text(key, lang="zh", **values):
    """Return the plan phrase ``key`` in ``lang``, with ``values`` filled in."""
    zh, en = PLAN_TEXT[key]
    return (zh if lang == "zh" else en).format(**values)


def plan_label(plan_id, lang="zh", year=None):
    """Return the short label of a plan, such as "科技创新“十四五”规划 2025" or "15th FYP 2030".

    Parameters
    ----------
    plan_id : str
        The plan's id (``gz_st_14``, ``beijing_fyp_15``); another kind of plan is shown
        by its registry title (its id if unknown), and a missing id gives "".
    lang : {"zh", "en"}
        Language of the label.
    year : int, optional
        The target year, added after the label.
    """
    if not isinstance(plan_id, str) or not plan_id:
        return ""
    kind = re.search(r"(st|fyp)_\d+$", plan_id)
    names = _KINDS.get(kind.group(0) if kind else "")
    label = (names[0] if lang == "zh" else names[1]) if names else _registry_title(plan_id, lang)
    return f"{label} {int(year)}" if year is not None and pd.notna(year) else label


def _registry_title(plan_id, lang):
    """The plan's full title from the plan registry, or its id when the registry lacks it."""
    from ..registry import plans

    table = plans().set_index("plan_id")
    return str(table.at[plan_id, f"title_{lang}"]) if plan_id in table.index else plan_id


def pace_text(indicator, pace, pace_unit, lang="zh", signed=False):
    """Return a yearly pace as text: a growth rate ("3.3%") or points a year ("0.12个百分点")."""
    if pd.isna(pace):
        return ""
    if pace_unit == "growth":
        return f"{pace:+.1%}" if signed else f"{pace:.1%}"
    ind = get_indicator(indicator)
    unit = ind.unit(lang)
    if unit.startswith("%"):
        unit = "个百分点" if lang == "zh" else "pts"
    value = f"{pace:+.{ind.decimals}f}" if signed else f"{pace:.{ind.decimals}f}"
    return f"{value}{unit}" if lang == "zh" else f"{value} {unit}"


def wrap_lines(lines, lang="zh", width=(78, 150)):
    """Join ``lines`` one per row, breaking any longer than ``width`` characters (zh, en)."""
    width = width[0] if lang == "zh" else width[1]
    return "\n".join(part for line in lines for part in textwrap.wrap(line, width) or [""])
