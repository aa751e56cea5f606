"""Worked answers and "what if" growth: how fast an indicator must grow to meet its target."""

__all__ = ["explain_required_growth", "what_if", "what_if_slider"]

import pandas as pd

from ..charts.labels import status_label
from ..analysis.growth import annual_growth, band_edge, meets_target
from .feedback import Message, growth_steps
from .inputs import fmt, from_latest, load, names


def explain_required_growth(indicator="rd_intensity", *, city="Guangzhou", lang="zh", data=None):
    """Work out, step by step, the annual growth a target requires and the growth achieved.

    The numbers are the scorecard's: the required growth from the baseline to the target,
    the actual growth from the baseline to the latest value, and their ratio.

    Parameters
    ----------
    indicator : str
        The registry id of a level indicator with a target for ``city``.
    city, lang, data
        As in :func:`gzinnov.teach.check_intensity`.

    Returns
    -------
    Message
    """
    row = from_latest(load(data), indicator, city)
    n = names(indicator, city, row)
    b, yb = int(row["baseline_year"]), fmt(row["baseline_value"], indicator)
    if pd.isna(row["required_growth"]) or pd.isna(row["actual_growth"]):
        return Message(f"{n['city_zh']}{n['name_zh']}:{row['reason_zh']}",
                       f"{n['city_en']}, {n['name_en']}: {row['reason_en']}", lang)
    req = growth_steps(yb, n["ys"], int(row["target_year"]) - b, row["required_growth"])
    act = growth_steps(yb, n["yt"], n["t"] - b, row["actual_growth"])
    label = status_label(row["status"], "zh"), status_label(row["status"], "en")
    ratio = row["growth_ratio"]
    zh = (f"{n['city_zh']}{n['name_zh']}({n['unit_zh']})\n"
          f"1. 基期:{b}年 {yb};目标:{n['T']}年 {n['target_zh']}\n"
          f"2. 所需年均增长 = {req[0]}\n"
          f"3. 最新:{n['t']}年 {n['yt']};实际年均增长 = {act[0]}\n"
          f"4. 增速比 R = 实际 ÷ 所需 = {ratio:.2f};记分卡状态:{label[0]}")
    en = (f"{n['city_en']}, {n['name_en']} ({n['unit_en']})\n"
          f"1. Baseline: {b}, {yb}; target: {n['T']}, {n['target_en']}\n"
          f"2. Required annual growth = {req[1]}\n"
          f"3. Latest: {n['t']}, {n['yt']}; actual annual growth = {act[1]}\n"
          f"4. Growth ratio R = actual ÷ required = {ratio:.2f}; scorecard status: {label[1]}")
    return Message(zh, en, lang)


def what_if(growth, *, indicator="tech_contract_turnover", city="Guangzhou", lang="zh", data=None,
            tolerance=0.025):
    """Say where an indicator ends up in the target year if it grows by ``growth`` a year from now.

    Parameters
    ----------
    growth : float
        Annual growth from the latest value, as a fraction (0.05 is 5% a year).
    indicator : str
        The registry id of a level indicator with a target for ``city``.
    city, lang, data
        As in :func:`gzinnov.teach.check_intensity`.
    tolerance : float
        Half-width of the band of an "about" target, as a share of the target.

    Returns
    -------
    Message
        The value reached, whether it meets the target, and the growth needed.
    """
    row = from_latest(load(data), indicator, city)
    n = names(indicator, city, row)
    years = n["T"] - n["t"]
    if years <= 0:
        return Message(f"{n['T']}年的数值已公布:{n['yt']}{n['unit_zh']}。",
                       f"The {n['T']} value is published: {n['yt']} {n['unit_en']}.", lang)
    reached = row["latest_value"] * (1 + growth) ** years
    met = bool(meets_target(reached, row["target_value"], row["relation"], row["direction"], tolerance))
    edge = band_edge(row["target_value"], row["relation"], row["direction"], tolerance)
    needed = float(annual_growth(row["latest_value"], edge, years))
    v = fmt(reached, indicator)
    zh = (f"若{n['city_zh']}{n['name_zh']}从{n['t']}年的 {n['yt']}{n['unit_zh']} 起每年增长 {growth:.1%},"
          f"{n['T']}年将为 {v}{n['unit_zh']}:{'达到' if met else '达不到'}目标({n['target_zh']})。"
          f"每年至少需要增长 {needed:.1%}。")
    en = (f"If {n['city_en']}'s {n['name_en']} grows by {growth:.1%} a year from {n['yt']} ({n['unit_en']}) "
          f"in {n['t']}, it reaches {v} in {n['T']}: {'meeting' if met else 'missing'} the target "
          f"({n['target_en']}). It needs at least {needed:.1%} a year.")
    return Message(zh, en, lang)


def what_if_slider(*, indicator="tech_contract_turnover", city="Guangzhou", lang="zh", data=None):
    """Return a slider of annual growth with, below it, what :func:`what_if` says for the growth chosen.

    The slider starts at the growth achieved since the baseline, and the answer below it
    is rewritten each time the slider moves. Where widgets cannot be shown (a script, a
    headless run), call :func:`what_if` directly.

    Parameters
    ----------
    indicator, city, lang, data
        As in :func:`what_if`.

    Returns
    -------
    ipywidgets.VBox
        ``children`` are the slider and the ``Output`` that holds the answer.
    """
    import ipywidgets as widgets

    data = load(data)
    row = from_latest(data, indicator, city)
    start = row["actual_growth"] if pd.notna(row["actual_growth"]) else 0.05
    slider = widgets.FloatSlider(value=round(float(start) * 200) / 200, min=-0.10, max=0.30, step=0.005,
                                 readout_format=".1%", description="年均增长" if lang == "zh" else "Growth",
                                 continuous_update=False, style={"description_width": "initial"})
    answer = widgets.Output()

    def show_answer(change=None):
        text = what_if(slider.value, indicator=indicator, city=city, lang=lang, data=data).text()
        answer.outputs = ({"output_type": "display_data", "data": {"text/plain": text}, "metadata": {}},)

    slider.observe(show_answer, names="value")
    show_answer()
    return widgets.VBox([slider, answer])
