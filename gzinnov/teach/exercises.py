"""The exercises: each asks a question on the data and checks the answer."""

__all__ = ["EXERCISES", "DEFAULT_INDICATOR", "ask", "check_intensity", "check_cagr", "check_required_growth",
           "check_verdict"]

from ..charts.labels import status_label
from .feedback import INTENSITY_TOL, Feedback, Message, check_growth, judge
from .inputs import assessed, cagr_inputs, fmt, from_latest, intensity_inputs, load, names, series

_YES = {"true", "yes", "y", "是", "会", "能", "对"}
_NO = {"false", "no", "n", "否", "不会", "不能", "不"}
_QUESTIONS = {
    "intensity": (
        "{year}年,{city_zh}全社会R&D经费为 {rd} 亿元,地区生产总值(GDP)为 {gdp} 亿元。"
        "R&D 投入强度是多少?用百分数表示,保留两位小数(如 3.43)。",
        "In {year}, {city_en} spent {rd} (100 million yuan) on R&D; its GDP was {gdp} (100 million yuan). "
        "What was its R&D intensity? Give a percentage with two decimals (e.g. 3.43)."),
    "cagr": (
        "{city_zh}全社会R&D经费:{y0}年 {start} 亿元,{y1}年 {end} 亿元。"
        "这段时间的年均增长率(CAGR)是多少?用小数表示,保留三位(如 0.123)。",
        "{city_en}'s R&D spending was {start} (100 million yuan) in {y0} and {end} in {y1}. "
        "What was its compound annual growth rate (CAGR)? Give a fraction with three decimals (e.g. 0.123)."),
    "required_growth": (
        "{city_zh}{name_zh}{t}年为 {yt}{unit_zh},规划目标是{T}年 {target_zh}{unit_zh}。"
        "从{t}年起,每年至少要增长多少才能达到目标?用小数表示,保留三位。",
        "{city_en}'s {name_en} was {yt} ({unit_en}) in {t}; the plan's target is {target_en} by {T}. "
        "From {t} on, how fast must it grow each year to reach the target? Give a fraction with three decimals."),
    "verdict": (
        "看{city_zh}{name_zh}的轨迹图:按目前的速度,能在{T}年实现目标({target_zh}{unit_zh})吗?"
        "回答 True(能)或 False(不能)。",
        "Look at the trajectory of {city_en}'s {name_en}: at its present pace, will it meet the target "
        "({target_en}, {unit_en}) by {T}? Answer True (yes) or False (no)."),
}
EXERCISES = tuple(_QUESTIONS)
DEFAULT_INDICATOR = {"required_growth": "tech_contract_turnover", "verdict": "basic_research_share"}


def ask(exercise, *, indicator=None, city="Guangzhou", lang="zh", data=None):
    """Return the question of an exercise, with its numbers drawn from the data.

    Parameters
    ----------
    exercise : {"intensity", "cagr", "required_growth", "verdict"}
        The exercise; each has a check function ``check_<exercise>``.
    indicator : str, optional
        The indicator of the ``required_growth`` and ``verdict`` exercises; by default
        that of their check function.
    city, lang, data
        As in :func:`check_intensity`.

    Returns
    -------
    Message
    """
    if exercise not in _QUESTIONS:
        raise ValueError(f"exercise must be one of {list(EXERCISES)}, not {exercise!r}")
    data = load(data)
    if exercise == "intensity":
        year, rd, gdp = intensity_inputs(data, city)
        fields = names("rd_expenditure", city) | {"year": year, "rd": fmt(rd, "rd_expenditure"), "gdp": fmt(gdp, "gdp")}
    elif exercise == "cagr":
        y0, y1, start, end = cagr_inputs(data, city)
        fields = names("rd_expenditure", city) | {"y0": y0, "y1": y1, "start": fmt(start, "rd_expenditure"),
                                                   "end": fmt(end, "rd_expenditure")}
    else:
        indicator = indicator or DEFAULT_INDICATOR[exercise]
        fields = names(indicator, city, from_latest(data, indicator, city))
    zh, en = _QUESTIONS[exercise]
    return Message(zh.format(**fields), en.format(**fields), lang)


def check_intensity(answer, *, city="Guangzhou", lang="zh", data=None):
    """Check a student's R&D intensity (R&D spending ÷ GDP × 100) for the latest year with both.

    Parameters
    ----------
    answer : float, str or None
        The student's answer in percent (3.43); "3.43%" is read the same.
    city : str
        The city, by its English name.
    lang : {"zh", "en"}
        Language of the feedback.
    data : DataFrame, optional
        Observations in the tidy shape; the packaged data when None.

    Returns
    -------
    Feedback
        Right (truthy) or not, and why.
    """
    data = load(data)
    year, rd, gdp = intensity_inputs(data, city)
    truth = rd / gdp * 100
    upside_down = ("除反了:应是 R&D 经费 ÷ GDP。", "Upside down: divide R&D spending by GDP.")
    mistakes = [(rd / gdp, INTENSITY_TOL / 100, "这是比值(小数);强度用百分数表示,还要乘以 100。",
                 "That is the ratio as a fraction; intensity is a percentage, so multiply by 100."),
                (gdp / rd, 0.1, *upside_down), (gdp / rd * 100, 10, *upside_down)]
    step = f"{fmt(rd, 'rd_expenditure')} ÷ {fmt(gdp, 'gdp')} × 100 = {truth:.2f}"
    right = [f"{step}(%)。", f"{step} (%)."]
    published = series(data, "rd_intensity", city).get(year)
    if published is not None:
        right[0] += f"公布的{year}年R&D投入强度为 {published:.2f}%(GDP 修订会带来小差异)。"
        right[1] += f" The published {year} R&D intensity is {published:.2f}% (GDP revisions cause small gaps)."
    hint = ("R&D 投入强度 = R&D 经费 ÷ GDP × 100,用百分数表示(如 3.43)。",
            "R&D intensity = R&D spending ÷ GDP × 100, in percent (e.g. 3.43).")
    return judge(answer, truth, INTENSITY_TOL, mistakes, right, hint, lang, percent_divisor=1)


def check_cagr(answer, *, city="Guangzhou", lang="zh", data=None):
    """Check a student's compound annual growth rate (CAGR) of R&D spending, first to latest year.

    Parameters
    ----------
    answer : float, str or None
        The student's answer as a fraction (0.146); "14.6%" is read as 0.146.
    city, lang, data
        As in :func:`check_intensity`.

    Returns
    -------
    Feedback
        Right (truthy) or not, and why: a percentage for a fraction, the wrong number of
        years, a simple average, the total growth, or a growth factor without the 1 taken off.
    """
    y0, y1, start, end = cagr_inputs(load(data), city)
    return check_growth(answer, start, end, y0, y1, lambda v: fmt(v, "rd_expenditure"), lang)


def check_required_growth(answer, *, indicator="tech_contract_turnover", city="Guangzhou", lang="zh",
                          data=None):
    """Check the annual growth a student says is needed from the latest value to reach the target.

    Parameters
    ----------
    answer : float, str or None
        The student's answer as a fraction; "8.4%" is read as 0.084.
    indicator : str
        The registry id of a level indicator with a target for ``city``.
    city, lang, data
        As in :func:`check_intensity`.

    Returns
    -------
    Feedback
        As in :func:`check_cagr`; counting the years from the baseline, and giving the
        rate the plan required from the baseline, are recognised as well.
    """
    row = from_latest(load(data), indicator, city)
    t, T = int(row["latest_year"]), int(row["target_year"])
    if t >= T:
        raise ValueError(f"the {T} value of {indicator} is published: no growth is still needed")
    b = int(row["baseline_year"])
    plan = (row["required_growth"], f"这是从{b}年基期算起的规划所需增速;题目问的是从{t}年的最新值算起。",
            f"That is the rate the plan required from the {b} baseline; the question asks from the {t} value.")
    return check_growth(answer, row["latest_value"], row["target_value"], t, T, lambda v: fmt(v, indicator),
                        lang, other_years=(T - b,), extra=[plan])


def check_verdict(answer, *, indicator="basic_research_share", city="Guangzhou", lang="zh", data=None):
    """Check a student's judgement of whether a target will be met (True/False, 是/否).

    The package's verdict is the scorecard's: the target counts as met when its status is
    ``achieved`` or ``on_track``.

    Parameters
    ----------
    answer : bool, str or None
        True (是, yes) if the student thinks the target will be met, False (否, no) if not.
    indicator : str
        The registry id of an indicator with a target for ``city``.
    city, lang, data
        As in :func:`check_intensity`.
    """
    row = assessed(load(data), indicator, city)
    status = row["status"]
    why = (f"记分卡:{status_label(status, 'zh')}。{row['reason_zh']}",
           f"Scorecard: {status_label(status, 'en')}. {row['reason_en']}")
    if status == "insufficient_data":
        return Feedback("数据不足,无法判断。" + why[0], "Not enough data to judge. " + why[1], lang, None)
    if answer is None:
        return Feedback("还没有答案:把 None 换成 True(能)或 False(不能)。",
                        "No answer yet: replace None with True (will be met) or False (will not).", lang, None)
    said = answer if isinstance(answer, bool) else {**{k: True for k in _YES}, **{k: False for k in _NO}}.get(
        str(answer).strip().lower())
    if said is None:
        return Feedback(f"请回答 True 或 False(是或否),而不是“{answer}”。",
                        f"Answer True or False, not {answer!r}.", lang, False)
    truth = status in ("achieved", "on_track")
    if said == truth:
        return Feedback("✓ 正确。" + why[0], "✓ Right. " + why[1], lang, True)
    # a hint a student can act on, not the analyst's sentence of growth ratios
    return Feedback(f"✗ 不对。提示：看图中最近的几个点，它们在朝目标（星号）移动吗？按这样的速度，到{int(row['target_year'])}年"
                    "能到达星号吗？",
                    f"✗ Not right. Hint: look at the latest points on the chart. Are they moving towards the target "
                    f"(the star)? At that pace, will they reach it by {int(row['target_year'])}?", lang, False)
