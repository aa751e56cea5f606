"""Classroom checks: right answers pass; the usual wrong answers are explained in zh and en.

Every expected number is worked out by hand below, from tiny inline tables and the
plan's published targets (tech contract turnover > 3000 in 2025, basic research share
≥ 15%, R&D intensity > 3.4%, all from a 2020 baseline).
"""

import pandas as pd
import pytest

import gzinnov as gz
from conftest import table

T = gz.teach

# R&D spending 100 (2019) -> 133.1 (2022): 133.1 / 100 = 1.331 = 1.1 ** 3, so CAGR = 0.1 over 3 years.
# R&D spending 50 and GDP 2000 in 2023: intensity = 50 / 2000 * 100 = 2.5 (%). Published value 2.6.
SPENDING = table("""
indicator_id,city,year,value
rd_expenditure,Guangzhou,2019,100
rd_expenditure,Guangzhou,2022,133.1
rd_expenditure,Guangzhou,2023,50
gdp,Guangzhou,2023,2000
rd_intensity,Guangzhou,2023,2.6
""")
# keep 2019 -> 2022 for the CAGR exercise (its first and last years)
CAGR_DATA = SPENDING[(SPENDING["indicator_id"] != "rd_expenditure") | (SPENDING["year"] != 2023)]

# Turnover 2000 (2020) -> 3000 / 1.21 (2023). From 2023 the target 3000 needs
# (3000 / (3000 / 1.21)) ** (1 / 2) - 1 = 1.21 ** 0.5 - 1 = 0.1 a year over 2025 - 2023 = 2 years.
LATEST = 3000 / 1.21
TURNOVER = table(f"""
indicator_id,city,year,value
tech_contract_turnover,Guangzhou,2020,2000
tech_contract_turnover,Guangzhou,2023,{LATEST!r}
""")


def feedback_says(feedback, zh, en):
    return zh in feedback.text("zh") and en in feedback.text("en")


# ---- check_cagr ----------------------------------------------------------------------

@pytest.mark.parametrize("answer", [0.1, 0.1009, 0.0991, "10%", "10.0%", " 0.1 "])
def test_cagr_right_answers_pass(answer):
    result = T.check_cagr(answer, data=CAGR_DATA)
    assert result.correct is True and bool(result)
    assert feedback_says(result, "✓", "✓ Right")
    assert "(133.10 ÷ 100.00)^(1/3) − 1 = 0.1000" in result.text("en")


@pytest.mark.parametrize("answer, zh, en", [
    (10, "百分数", "percentage"),                                        # 0.1 typed as 10
    (1.331 ** (1 / 4) - 1, "年数不对", "Wrong number of years"),         # 4 years: 2019..2022 counted
    (1.331 ** (1 / 2) - 1, "年数不对", "Wrong number of years"),         # 2 years
    (100 * (1.331 ** (1 / 4) - 1), "年数不对", "percentage"),            # both mistakes at once
    (0.331 / 3, "简单平均", "simple average"),                           # (1.331 - 1) / 3 = 0.1103
    (0.331, "总增长", "whole period"),                                   # 1.331 - 1
    (1.1, "减去 1", "subtract 1"),                                       # 1.331 ** (1/3)
    (0.2, "终值 ÷ 初值", "end ÷ start"),                                 # nothing recognisable: the formula
    (0.1011, "终值 ÷ 初值", "end ÷ start"),                              # just outside the 0.001 tolerance
])
def test_cagr_common_mistakes_are_explained(answer, zh, en):
    result = T.check_cagr(answer, data=CAGR_DATA)
    assert result.correct is False and not result
    assert feedback_says(result, zh, en)
    assert feedback_says(result, "✗", "✗ Not right")


def test_cagr_wrong_years_message_gives_the_right_count():
    result = T.check_cagr(1.331 ** (1 / 4) - 1, data=CAGR_DATA)
    assert "2022 − 2019 = 3" in result.text("zh") and "2022 − 2019 = 3" in result.text("en")
    assert "uses 4" in result.text("en")


@pytest.mark.parametrize("answer, correct, en", [
    (None, None, "No answer yet"), ("abc", False, "not a number"), (True, False, "not a number"),
    (float("nan"), False, "not a number"),
])
def test_no_answer_or_not_a_number(answer, correct, en):
    result = T.check_cagr(answer, data=CAGR_DATA)
    assert result.correct is correct and en in result.text("en")


def test_feedback_shows_itself_in_its_language():
    result = T.check_cagr(0.1, data=CAGR_DATA, lang="en")
    assert repr(result) == str(result) == result.text("en") and " at 0x" not in repr(result)
    assert T.check_cagr(0.1, data=CAGR_DATA).text().startswith("✓ 正确")


def test_cagr_needs_two_years():
    with pytest.raises(ValueError, match="fewer than two years"):
        T.check_cagr(0.1, data=SPENDING[SPENDING["year"] == 2023])


# ---- check_intensity -------------------------------------------------------------------

@pytest.mark.parametrize("answer", [2.5, 2.509, "2.5%", 2.491])
def test_intensity_right_answers_pass_and_cite_the_published_value(answer):
    result = T.check_intensity(answer, data=SPENDING)
    assert result.correct is True
    assert "50.00 ÷ 2,000.00 × 100 = 2.50" in result.text("en")
    assert "published 2023 R&D intensity is 2.60%" in result.text("en")


@pytest.mark.parametrize("answer, zh, en", [
    (0.025, "乘以 100", "multiply by 100"),      # 50 / 2000 = 0.025, a fraction
    (40, "除反了", "Upside down"),                # 2000 / 50
    (4000, "除反了", "Upside down"),              # 2000 / 50 * 100
    (2.6, "R&D 经费 ÷ GDP × 100", "R&D spending ÷ GDP × 100"),  # 0.1 off: the formula is repeated
])
def test_intensity_mistakes_are_explained(answer, zh, en):
    result = T.check_intensity(answer, data=SPENDING)
    assert result.correct is False and feedback_says(result, zh, en)


# ---- check_required_growth ---------------------------------------------------------------

@pytest.mark.parametrize("answer", [0.1, "10%", 0.1005])
def test_required_growth_from_the_latest_value(answer):
    assert T.check_required_growth(answer, data=TURNOVER).correct is True


@pytest.mark.parametrize("answer, zh, en", [
    (1.21 - 1, "年数不对", "Wrong number of years"),                 # 1 year
    (1.21 ** (1 / 5) - 1, "年数不对", "uses 5"),                     # counted from the 2020 baseline: 0.0389
    (1.5 ** (1 / 5) - 1, "规划所需增速", "the plan required"),       # (3000 / 2000) ** (1/5) - 1 = 0.0845
    (10, "百分数", "percentage"),
])
def test_required_growth_mistakes_are_explained(answer, zh, en):
    result = T.check_required_growth(answer, data=TURNOVER)
    assert result.correct is False and feedback_says(result, zh, en)


def test_required_growth_refuses_a_cumulative_target():
    data = table("indicator_id,city,year,value\noverseas_talent,Guangzhou,2021,0.3")
    with pytest.raises(ValueError, match="counted over the plan period"):
        T.check_required_growth(0.1, indicator="overseas_talent", data=data)


def test_a_city_without_a_target_is_refused():
    with pytest.raises(ValueError, match="no published target"):
        T.check_required_growth(0.1, city="Atlantis", data=TURNOVER)


# ---- check_verdict -------------------------------------------------------------------------

# Basic research share 10 (2020) -> 13.31 (2023): actual growth 1.331 ** (1/3) - 1 = 0.1 a year;
# required (15 / 10) ** (1/5) - 1 = 0.0845; R = 0.1 / 0.0845 = 1.18 >= 0.95: on track.
# 10 -> 10.3: actual 1.03 ** (1/3) - 1 = 0.0099; R = 0.117 < 0.60: limited progress.
@pytest.mark.parametrize("latest, answer, correct", [
    (13.31, True, True), (13.31, "是", True), (13.31, "no", False),
    (10.3, False, True), (10.3, "否", True), (10.3, "yes", False),
])
def test_verdict(latest, answer, correct):
    data = table(f"indicator_id,city,year,value\nbasic_research_share,Guangzhou,2020,10\n"
                 f"basic_research_share,Guangzhou,2023,{latest}")
    result = T.check_verdict(answer, data=data)
    assert result.correct is correct
    if correct:  # a right answer is told the scorecard's verdict
        assert ("进度正常" if latest == 13.31 else "进展有限") in result.text("zh")
        assert ("On track" if latest == 13.31 else "Limited progress") in result.text("en")
    else:  # a wrong one gets a hint a student can act on, not the analyst's growth ratios
        assert feedback_says(result, "星号", "the star") and "R" not in result.text("en").replace("Right", "")
        assert "增速比" not in result.text("zh")


@pytest.mark.parametrize("answer, correct, en", [(None, None, "No answer yet"), ("maybe", False, "True or False")])
def test_verdict_needs_a_yes_or_no(answer, correct, en):
    data = table("indicator_id,city,year,value\nbasic_research_share,Guangzhou,2020,10\n"
                 "basic_research_share,Guangzhou,2023,13.31")
    assert T.check_verdict(answer, data=data).correct is correct
    assert en in T.check_verdict(answer, data=data).text("en")


def test_verdict_with_one_point_cannot_be_judged():
    data = table("indicator_id,city,year,value\nbasic_research_share,Guangzhou,2020,10")
    result = T.check_verdict(True, data=data)
    assert result.correct is None and feedback_says(result, "数据不足", "Not enough data")


# ---- worked answer, what if, questions ------------------------------------------------------

def test_explain_required_growth_steps():
    # R&D intensity 2.5 (2020) -> 3.0 (2023), target > 3.4 in 2025:
    # required (3.4 / 2.5) ** (1/5) - 1 = 1.36 ** 0.2 - 1 = 0.0634; actual 1.2 ** (1/3) - 1 = 0.0627;
    # R = 0.0627 / 0.0634 = 0.99: on track.
    data = table("indicator_id,city,year,value\nrd_intensity,Guangzhou,2020,2.5\nrd_intensity,Guangzhou,2023,3.0")
    text = T.explain_required_growth(data=data, lang="en").text()
    assert f"(3.40 ÷ 2.50)^(1/5) − 1 = {1.36 ** 0.2 - 1:.4f}" in text
    assert f"(3.00 ÷ 2.50)^(1/3) − 1 = {1.2 ** (1 / 3) - 1:.4f}" in text
    assert f"R = actual ÷ required = {(1.2 ** (1 / 3) - 1) / (1.36 ** 0.2 - 1):.2f}" in text and "On track" in text


@pytest.mark.parametrize("growth, reached, met_zh, met_en", [
    (0.2, "3,570.25", "达到", "meeting"),     # 2479.34 * 1.2 ** 2 = 2479.34 * 1.44 = 3570.25
    (0.05, "2,733.47", "达不到", "missing"),  # 2479.34 * 1.05 ** 2 = 2479.34 * 1.1025 = 2733.47
])
def test_what_if(growth, reached, met_zh, met_en):
    result = T.what_if(growth, data=TURNOVER)
    assert reached in result.text("zh") and met_zh in result.text("zh")
    assert reached in result.text("en") and met_en in result.text("en")
    assert "10.0%" in result.text("en")  # the growth needed from 2023, worked out above


def test_what_if_slider_starts_at_the_growth_achieved():
    pytest.importorskip("ipywidgets")
    # (LATEST / 2000) ** (1/3) - 1 = 1.2397 ** (1/3) - 1 = 0.0742, to the slider's step of 0.005: 0.075
    widget = T.what_if_slider(data=TURNOVER)
    assert widget.children[0].value == pytest.approx(0.075)


def _shown(output):
    return "".join(o["data"]["text/plain"] for o in output.outputs)


def test_moving_the_slider_writes_its_answer_and_there_is_no_tolerance_slider():
    widgets = pytest.importorskip("ipywidgets")
    widget = T.what_if_slider(data=TURNOVER, lang="en")
    slider, output = widget.children
    assert [type(c) for c in widget.children] == [widgets.FloatSlider, widgets.Output]
    # at the start (7.5% a year): 2,479.34 × 1.075² = 2,479.34 × 1.155625 = 2,865.19 in 2025, below 3,000
    assert "2,865.19" in _shown(output) and "missing" in _shown(output)
    slider.value = 0.05  # 2,479.34 × 1.05² = 2,479.34 × 1.1025 = 2,733.47
    assert "2,733.47" in _shown(output)
    slider.value = 0.15  # 2,479.34 × 1.15² = 2,479.34 × 1.3225 = 3,278.93: more than 3,000
    assert "3,278.93" in _shown(output) and "meeting" in _shown(output)
    assert len(output.outputs) == 1  # the answer is replaced, not piled up


def test_required_growth_says_which_rounding_it_means():
    # (3000 / 2479.34) ** (1/2) - 1 = 1.21 ** 0.5 - 1 = 0.1000 exactly: three decimals 0.100
    assert "0.100" in T.check_required_growth(0.1, data=TURNOVER).text("en")
    # 0.0845 (the review's case) rounds to 0.084 at three decimals, and both 0.084 and 0.085 are within 0.001
    data = table("indicator_id,city,year,value\ntech_contract_turnover,Guangzhou,2020,2000\n"
                 "tech_contract_turnover,Guangzhou,2023,2550.82")
    # (3000 / 2550.82) ** 0.5 - 1 = 1.17610 ** 0.5 - 1 = 1.08448 - 1 = 0.08448
    result = T.check_required_growth(0.084, data=data)
    assert result.correct and "To three decimals: 0.084" in result.text("en") and "保留三位小数为 0.084" in result.text("zh")
    assert T.check_required_growth(0.085, data=data).correct


def test_a_percentage_answer_reads_as_one_sentence():
    # CAGR 0.1 typed as 10 (see CAGR_DATA)
    assert "The number is right, but that is a percentage" in T.check_cagr(10, data=CAGR_DATA).text("en")


def test_too_few_decimals_gets_a_hint():
    # 100 -> 150.5 over 3 years: ln 1.505 = 0.40879, / 3 = 0.13626, e^0.13626 = 1.14598, so CAGR = 0.146;
    # 0.15 is that rounded to two decimals, 0.004 away: outside the 0.001 of a three-decimal answer
    data = table("indicator_id,city,year,value\nrd_expenditure,Guangzhou,2019,100\nrd_expenditure,Guangzhou,2022,150.5")
    result = T.check_cagr(0.15, data=data)
    assert result.correct is False and feedback_says(result, "保留3位", "give 3")
    assert T.check_cagr(0.146, data=data).correct


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="zh"):
        T.check_intensity(2.5, data=SPENDING, lang="fr")


def test_explorer_switches_every_label_with_its_language():
    pytest.importorskip("ipywidgets")
    widget = T.explorer(data=SPENDING)
    dropdowns = {d.description: d for d in widget.children[:3]}
    assert set(dropdowns) == {"指标", "城市", "语言"}
    dropdowns["语言"].value = "en"
    assert [d.description for d in widget.children[:3]] == ["Indicator", "City", "Language"]
    assert ("Xi'an", "Xi'an") in widget.children[1].options and widget.children[0].value == "rd_intensity"


@pytest.mark.parametrize("exercise, data, numbers", [
    ("intensity", SPENDING, ["2023", "50.00", "2,000.00"]),
    ("cagr", CAGR_DATA, ["2019", "100.00", "2022", "133.10"]),
    ("required_growth", TURNOVER, ["2023", "2,479.34", "3,000.0"]),
])
def test_questions_carry_the_numbers(exercise, data, numbers):
    question = T.ask(exercise, data=data)
    for n in numbers:
        assert n in question.text("zh") and n in question.text("en")


def test_unknown_exercise():
    with pytest.raises(ValueError, match="exercise must be one of"):
        T.ask("calculus")


# ---- views ----------------------------------------------------------------------------------

CARD = pd.DataFrame({
    "indicator_id": ["rd_intensity", "tech_contract_turnover", "basic_research_share"],
    "latest_year": pd.array([2023, 2023, pd.NA], dtype="Int64"),
    "latest_value": [3.444, 2550.82, float("nan")], "target_value": [3.4, 3000.0, 15.0],
    "relation": ["gt", "gt", "ge"], "required_growth": [0.01866, 0.0586, float("nan")],
    "actual_growth": [0.0353, 0.0417, float("nan")], "growth_ratio": [1.89, 0.71, float("nan")],
    "status": ["achieved", "needs_acceleration", "insufficient_data"], "verdict_basis": ["nowcast"] * 3,
    "status_reason": ["a", "b", "c"],
})


@pytest.mark.parametrize("lang, words", [
    ("zh", ["R&D投入强度", "3.44", "> 3.40", "+1.9%", "已达成", "预判", "2,550.8", "—"]),
    ("en", ["R&D intensity", "3.44", "> 3.40", "+1.9%", "Achieved", "nowcast", "2,550.8", "—"]),
])
def test_show_localises_and_rounds(lang, words):
    text = T.show(CARD, lang=lang).text()
    for word in words:
        assert word in text
    assert "0.01866" not in text and "rd_intensity" not in text


@pytest.mark.parametrize("lang, expected", [("zh", "未找到公开数据"), ("en", "no published figure found")])
def test_show_says_when_there_is_nothing_to_show(lang, expected):
    assert T.show(CARD, indicator="gdp", lang=lang).text() == expected


def test_show_keeps_the_rows_of_one_indicator():
    lines = T.show(CARD, indicator="tech_contract_turnover", lang="en").text().splitlines()
    assert len(lines) == 2 and "Tech contract turnover" in lines[1]


@pytest.mark.parametrize("lang, expected", [
    ("zh", "3项目标:1项已达成、1项需加快、1项数据不足。"),
    ("en", "3 targets: 1 achieved, 1 needs acceleration, 1 insufficient data."),
])
def test_tally(lang, expected):
    assert T.tally(CARD, lang=lang).text() == expected


def test_describe_group_names_each_target_with_its_reason():
    text = T.describe_group(CARD, "ecosystem", lang="en").text()
    assert text.splitlines() == ["Innovation ecosystem · 1 target: 1 achieved.", "- R&D intensity (achieved): a"]


def test_widen_outlook_puts_the_candidates_side_by_side():
    outlook = pd.DataFrame({
        "indicator_id": ["rd_intensity"] * 3, "candidate": ["trend", "stretch", "floor"],
        "value": [5.0, 5.5, 4.5], "from_year": [2023] * 3, "from_value": [3.44] * 3,
        "implied_growth": [0.055, 0.071, 0.045], "weak": [False] * 3,
    })
    wide = T.widen_outlook(outlook)
    assert wide.loc[0, ["trend", "stretch", "floor"]].tolist() == [5.0, 5.5, 4.5]
    assert wide.loc[0, ["trend_growth", "stretch_growth", "floor_growth"]].tolist() == [0.055, 0.071, 0.045]


def test_point_sources_lists_one_citys_series_by_year():
    data = table("indicator_id,city,year,value\nrd_intensity,Guangzhou,2021,3.1\nrd_intensity,Guangzhou,2020,3.0\n"
                 "rd_intensity,Shanghai,2020,4.2")
    rows = T.point_sources("rd_intensity", data=data)
    assert rows["year"].tolist() == [2020, 2021] and rows["value"].tolist() == [3.0, 3.1]


@pytest.mark.parametrize("name", ["my_figures.csv", "broken_figures.csv"])
def test_example_files_are_found_by_the_package(name):
    assert gz.example_path(name).is_file()


def test_broken_example_has_one_problem_per_row_and_the_fixed_one_none():
    problems = gz.validate(gz.example_path("broken_figures.csv"))
    assert problems["row"].tolist() == [2, 3, 4, 5]
    assert problems["column"].tolist() == ["indicator_id", "year", "value", "source_id"]
    assert gz.validate(gz.example_path("my_figures.csv")).empty


def test_unknown_example_lists_the_examples():
    with pytest.raises(FileNotFoundError, match="my_figures.csv"):
        gz.example_path("nope.csv")


def test_explore_shows_the_scorecard_row_for_its_indicator(capsys):
    # the explorer and the scorecard must agree: explore() displays show(scorecard) for the indicator
    data = table("indicator_id,city,year,value\n" + "\n".join(
        f"rd_intensity,Guangzhou,{year},{value}" for year, value in
        [(2018, 2.6), (2019, 2.8), (2020, 3.0), (2021, 3.1), (2022, 3.3), (2023, 3.5)]))
    T.explore("rd_intensity", "Guangzhou", "en", data=data)
    shown = capsys.readouterr().out
    row = T.show(gz.scorecard(data, "Guangzhou", lang="en"), indicator="rd_intensity", lang="en").text()
    assert row.splitlines()[1].split() == next(line.split() for line in shown.splitlines()
                                               if line.split()[:2] == ["R&D", "intensity"])
    assert "combined" in shown and "Year" in shown


# ---- the student's copy and ./tasks ----------------------------------------------------------

def test_student_notebook_has_the_exercises_but_no_worked_answers(tmp_path):
    import nbformat

    teacher = nbformat.read(T.student.CLASSROOM, as_version=4)
    out = T.student_notebook(tmp_path / "student.ipynb")
    nb = nbformat.read(out, as_version=4)
    text = "\n".join(c.source for c in nb.cells)
    assert "<details>" in "\n".join(c.source for c in teacher.cells)
    assert "<details>" not in text and "参考答案" not in text and "Worked answer" not in text
    # every exercise and check cell is still there, with no stored output
    checks = [c.source for c in teacher.cells if c.cell_type == "code" and "gz.teach.check_" in c.source]
    assert checks and all(s in text for s in checks)
    assert all(not c.outputs for c in nb.cells if c.cell_type == "code")


def test_tasks_with_no_job_lists_the_jobs_and_lab_allows_root():
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([str(root / "tasks")], capture_output=True, text=True, check=True)
    for job in ("brief", "test", "lab", "bench", "validate", "student"):
        assert any(line.strip().startswith(job) for line in done.stdout.splitlines()), job
    assert "--allow-root" in (root / "tasks").read_text("utf-8")


def test_checks_take_a_chinese_city_name():
    # the same answer as with "Guangzhou" (see test_required_growth_mistakes_are_explained)
    assert T.check_required_growth(0.1, city="广州", data=TURNOVER).correct
    with pytest.raises(ValueError, match="did you mean 广州"):
        T.check_required_growth(0.1, city="广洲", data=TURNOVER)
