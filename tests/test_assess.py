"""Progress verdicts: every expected value is worked out by hand in the test."""

import io
import json
import math
from contextlib import redirect_stdout

import numpy as np
import pandas as pd
import pytest
from conftest import table

import gzinnov as gz
from gzinnov.analysis.assess import STATUSES, assess_progress
from gzinnov.registry import TARGET_COLUMNS


def targets(*rows):
    """Build a targets table: (indicator_id, city, target_value, relation[, extra fields])."""
    records = []
    for row in rows:
        iid, city, value, relation, *extra = row
        rec = {"indicator_id": iid, "city": city, "baseline_year": 2020, "baseline_value": None,
               "target_year": 2025, "target_value": value, "relation": relation, "source_id": "test",
               "period_start": None, "period_end": None, "quote": "", "baseline_note": ""}
        rec.update(extra[0] if extra else {})
        records.append(rec)
    frame = pd.DataFrame(records, columns=TARGET_COLUMNS)
    for col in ("baseline_year", "target_year", "period_start", "period_end"):
        frame[col] = frame[col].astype("Int64")
    return frame.astype({"baseline_value": float, "target_value": float})


def one(data, target, **kwargs):
    """Assess a single target without projections and return its row."""
    kwargs.setdefault("projections", False)
    return assess_progress(data, target, lang="en", **kwargs).iloc[0]


def series(indicator, points, city="Guangzhou"):
    lines = "\n".join(f"{indicator},{city},{y},{v}" for y, v in points)
    return table("indicator_id,city,year,value\n" + lines)


# Baseline 100 in 2020 and target 161.051 = 100 × 1.1**5 in 2025, so the required growth is
# exactly 10% a year. A 2022 value of 100 × (1 + g)**2 gives actual growth g, so R = g / 0.10.
REQ = targets(("rd_expenditure", "Guangzhou", 161.051, "ge"))


@pytest.mark.parametrize("latest, expected_r, status", [
    (100 * 1.095 ** 2, 0.95, "on_track"),            # 119.9025: exactly at the 0.95 threshold
    (100 * 1.094 ** 2, 0.94, "needs_acceleration"),  # just below it
    (100 * 1.06 ** 2, 0.60, "needs_acceleration"),   # 112.36: exactly at the 0.60 threshold
    (100 * 1.059 ** 2, 0.59, "limited_progress"),    # just below it
    (100.0, 0.0, "limited_progress"),                # no change: R = 0 is still "limited"
    (99.0, (0.99 ** 0.5 - 1) / 0.10, "deterioration"),
])
def test_growth_ratio_thresholds(latest, expected_r, status):
    row = one(series("rd_expenditure", [(2020, 100.0), (2022, latest)]), REQ)
    assert row["required_growth"] == pytest.approx(0.10)
    assert row["growth_ratio"] == pytest.approx(expected_r)
    assert row["status"] == status


def test_thresholds_are_parameters():
    # R = 0.94 is "needs acceleration" by default but "on track" with a 0.9 threshold.
    data = series("rd_expenditure", [(2020, 100.0), (2022, 100 * 1.094 ** 2)])
    assert one(data, REQ, thresholds=(0.9, 0.6, 0.0))["status"] == "on_track"


def test_unsd_projected_value_score():
    # Latest 105 in 2022: g = 1.05**0.5 - 1; extrapolated to 2025: 100 × 1.05**2.5 = 112.972;
    # S = (112.972 - 100) / (161.051 - 100) = 0.2125 -> at least 0.10: needs acceleration.
    # The growth ratio says R = 0.2470 < 0.60: limited progress.
    data = series("rd_expenditure", [(2020, 100.0), (2022, 105.0)])
    unsd = one(data, REQ, method="unsd")
    assert unsd["score"] == pytest.approx((100 * 1.05 ** 2.5 - 100) / 61.051)
    assert unsd["score"] == pytest.approx(0.2125, abs=1e-4)
    assert unsd["status"] == "needs_acceleration"
    assert one(data, REQ)["status"] == "limited_progress"


@pytest.mark.parametrize("relation, latest, tolerance, achieved", [
    ("ge", 4.0, 0.025, True),       # equal meets "reach"
    ("gt", 4.0, 0.025, False),      # equal does not meet "exceed"
    ("gt", 4.01, 0.025, True),
    ("approx", 3.91, 0.025, True),  # band edge 4.0 × 0.975 = 3.9
    ("approx", 3.85, 0.025, False),
    ("approx", 3.85, 0.05, True),   # band edge 4.0 × 0.95 = 3.8
    ("approx", 4.60, 0.025, True),  # beyond the band in the good direction still meets it
])
def test_relations(relation, latest, tolerance, achieved):
    data = series("rd_intensity", [(2020, 3.0), (2023, latest)])
    row = one(data, targets(("rd_intensity", "Guangzhou", 4.0, relation)), tolerance=tolerance)
    assert (row["status"] == "achieved") is achieved


# Rank (lower is better): baseline 32 in 2020, target rank 1 in 2025:
# required growth = (1/32)**(1/5) - 1 = 0.5 - 1 = -0.5.
@pytest.mark.parametrize("year, rank, expected_r, status", [
    (2022, 8, 1.0, "on_track"),            # (8/32)**(1/2) - 1 = -0.5; R = -(-0.5)/0.5 = 1
    (2022, 18, 0.5, "limited_progress"),   # (18/32)**(1/2) = 0.75 -> g = -0.25; R = 0.5
    (2021, 64, -2.0, "deterioration"),     # 64/32 - 1 = 1.0; R = -1.0/0.5 = -2
    (2023, 1, None, "achieved"),           # rank 1 ≤ 1
])
def test_rank_indicator_flips_the_sign(year, rank, expected_r, status):
    data = series("nature_index_rank", [(2020, 32), (year, rank)])
    row = one(data, targets(("nature_index_rank", "Guangzhou", 1, "ge")))
    assert row["required_growth"] == pytest.approx(-0.5)
    if expected_r is not None:
        assert row["growth_ratio"] == pytest.approx(expected_r)
    assert row["status"] == status


CUM = targets(("overseas_talent", "Guangzhou", 1.8, "ge", {"period_start": 2021, "period_end": 2025}))


@pytest.mark.parametrize("flows, score, status, basis", [
    # 0.3 + 0.4 = 0.7 against 1.8 × 2/5 = 0.72 due: 0.7 / 0.72 = 0.9722
    ([0.3, 0.4], 0.7 / 0.72, "on_track", "nowcast"),
    # 0.2 + 0.2 = 0.4 against 0.72: 0.5556
    ([0.2, 0.2], 0.4 / 0.72, "limited_progress", "nowcast"),
    # five years of 0.4 = 2.0 ≥ 1.8: the 2021-2025 total meets the target, final
    ([0.4] * 5, 2.0 / 1.8, "achieved", "final"),
    # five years of 0.3 = 1.5 < 1.8; 1.5 / 1.8 = 0.8333; the period is over: missed
    ([0.3] * 5, 1.5 / 1.8, "not_achieved", "final"),
])
def test_cumulative_target_is_prorated(flows, score, status, basis):
    data = series("overseas_talent", [(2021 + i, v) for i, v in enumerate(flows)])
    row = one(data, CUM)
    assert row["latest_value"] == pytest.approx(sum(flows))
    assert row["score"] == pytest.approx(score)
    assert row["status"] == status
    assert row["verdict_basis"] == basis
    assert math.isnan(row["required_growth"]) and math.isnan(row["actual_growth"])
    # no baseline value: a cumulative target counts from the start of its period (D9)
    assert math.isnan(row["baseline_value"]) and pd.isna(row["baseline_year"])


def test_cumulative_projection_adds_the_remaining_years():
    # 0.5 a year in 2021-2023 (sum 1.5); the combined projection keeps 0.5 for 2024 and 2025
    # (no drift), so the projected total is 1.5 + 0.5 + 0.5 = 2.5. Three points are too few
    # for a probability: p_meet is withheld, and the note says why.
    data = series("overseas_talent", [(2021, 0.5), (2022, 0.5), (2023, 0.5)])
    row = one(data, CUM, projections=True)
    assert row["projected_value"] == pytest.approx(2.5)
    assert math.isnan(row["p_meet"]) and "only 3 data points" in row["p_meet_note"]


def test_missing_baseline_uses_the_earliest_later_year_and_says_so():
    # No 2020 value: baseline is 2021 (100). Required: (146.41/100)**(1/4) - 1 = 0.1.
    # Actual: (121/100)**(1/2) - 1 = 0.1. R = 1.
    data = series("rd_expenditure", [(2021, 100.0), (2023, 121.0)])
    row = one(data, targets(("rd_expenditure", "Guangzhou", 146.41, "ge")))
    assert (row["baseline_year"], row["baseline_value"], row["baseline_basis"]) == (2021, 100.0, "substituted")
    assert row["required_growth"] == pytest.approx(0.1)
    assert row["actual_growth"] == pytest.approx(0.1)
    assert row["status"] == "on_track"
    assert "2020" in row["status_reason"] and "2021" in row["status_reason"]


def test_registry_baseline_wins_over_the_observation():
    # Stated baseline 100 (2020) though the data say 90: 2022 value 112.36 gives R = 0.60.
    data = series("rd_expenditure", [(2020, 90.0), (2022, 112.36)])
    row = one(data, targets(("rd_expenditure", "Guangzhou", 161.051, "ge", {"baseline_value": 100.0})))
    assert row["baseline_basis"] == "registry"
    assert row["growth_ratio"] == pytest.approx(0.60)


@pytest.mark.parametrize("target, status", [(150.0, "insufficient_data"), (90.0, "achieved")])
def test_single_data_point(target, status):
    row = one(series("rd_expenditure", [(2020, 100.0)]), targets(("rd_expenditure", "Guangzhou", target, "ge")))
    assert row["status"] == status
    if status == "insufficient_data":
        assert "one value" in row["status_reason"]


def test_target_met_at_baseline_then_lost_is_deterioration():
    # Baseline 100 already meets 90; 81 in 2022 does not. Required growth (0.9**0.2 - 1) < 0,
    # actual 0.81**0.5 - 1 = -0.1, so R = -0.1 / |0.9**0.2 - 1| = -4.796.
    row = one(series("rd_expenditure", [(2020, 100.0), (2022, 81.0)]),
              targets(("rd_expenditure", "Guangzhou", 90.0, "ge")))
    assert row["growth_ratio"] == pytest.approx(-0.1 / abs(0.9 ** 0.2 - 1))
    assert row["status"] == "deterioration"


@pytest.mark.parametrize("points, target, status", [
    ([(2020, 0.0), (2022, 5.0)], 10.0, "insufficient_data"),   # zero baseline
    ([(2020, 10.0), (2022, -2.0)], 20.0, "insufficient_data"),  # negative latest
    ([(2020, 0.0), (2022, 12.0)], 10.0, "achieved"),            # met whatever the growth
])
def test_zero_or_negative_values(points, target, status):
    row = one(series("rd_expenditure", points), targets(("rd_expenditure", "Guangzhou", target, "ge")))
    assert row["status"] == status
    if status == "insufficient_data":
        assert "zero or negative" in row["status_reason"]


def test_share_projection_stays_below_100():
    data = series("basic_research_share", [(2019, 90.0), (2020, 94.0), (2021, 96.0), (2022, 97.5),
                                           (2023, 98.5)])
    row = one(data, targets(("basic_research_share", "Guangzhou", 99.5, "ge")), projections=True)
    assert row["projected_high"] <= 100
    assert 0 <= row["p_meet"] <= 1
    assert "percentage points" in row["status_reason"]


def test_lower_bound_is_used_and_said():
    data = series("rd_expenditure", [(2020, 100.0), (2022, 119.9025)]).assign(lower_bound=[False, True])
    row = one(data, REQ)
    assert row["latest_lower_bound"] and row["status"] == "on_track"
    assert "at least" in row["status_reason"]


def test_observed_target_year_value_gives_a_final_verdict():
    # 160 in 2025 misses 161.051 although R = (1.6**0.2 - 1)/0.1 = 0.9856 ≥ 0.95: the plan is
    # over, so the verdict is "not achieved", never a growth-ratio status (D11).
    data = series("rd_expenditure", [(2020, 100.0), (2023, 140.0), (2025, 160.0)])
    row = one(data, REQ, projections=True)
    assert row["growth_ratio"] == pytest.approx((1.6 ** 0.2 - 1) / 0.1)
    assert (row["status"], row["verdict_basis"]) == ("not_achieved", "final")
    assert row["projected_value"] == 160.0 and math.isnan(row["p_meet"])
    assert "misses" in row["status_reason"] and "0.95" not in row["status_reason"]


MANY = table("""
indicator_id,city,year,value
rd_expenditure,Guangzhou,2020,100
rd_expenditure,Guangzhou,2021,108
rd_expenditure,Guangzhou,2023,131
rd_expenditure,Shenzhen,2020,150
rd_expenditure,Shenzhen,2024,160
rd_intensity,Guangzhou,2020,3.1
rd_intensity,Guangzhou,2022,3.43
rd_intensity,Shenzhen,2020,5.46
rd_intensity,Shenzhen,2023,5.81
nature_index_rank,Guangzhou,2020,15
nature_index_rank,Guangzhou,2024,8
""")
MANY_TARGETS = targets(("rd_expenditure", "Guangzhou", 200.0, "ge"), ("rd_expenditure", "Shenzhen", 220.0, "gt"),
                       ("rd_intensity", "Guangzhou", 3.4, "gt"), ("rd_intensity", "Shenzhen", 6.5, "approx"),
                       ("nature_index_rank", "Guangzhou", 5, "ge"))


def test_numbers_recompute_from_the_table_itself():
    card = assess_progress(MANY, MANY_TARGETS, projections=False)
    assert len(card) == 5 and set(card["city"]) == {"Guangzhou", "Shenzhen"}
    b, yb = card["baseline_year"], card["baseline_value"]
    t, yt = card["latest_year"].astype(float), card["latest_value"]
    T, ys = card["target_year"], card["target_value"]
    sign = np.where(card["direction"] == "decrease", -1, 1)
    # an "about" target is measured to its band edge: Shenzhen 6.5 × (1 - 0.025) = 6.3375
    edge = np.where(card["relation"] == "approx", ys * 0.975, ys)
    np.testing.assert_allclose(card["required_growth"], (edge / yb) ** (1 / (T - b)) - 1)
    np.testing.assert_allclose(card["actual_growth"], (yt / yb) ** (1 / (t - b)) - 1)
    np.testing.assert_allclose(card["growth_ratio"], sign * card["actual_growth"] / card["required_growth"].abs())
    np.testing.assert_allclose(card["distance_covered"], (yt - yb) / (edge - yb))
    assert set(card["status"]) <= set(STATUSES)


def test_projection_columns_and_probability():
    card = assess_progress(MANY, MANY_TARGETS, lang="en")
    ok = card["projected_low"].notna()
    assert ok.any()
    assert (card.loc[ok, "projected_low"] <= card.loc[ok, "projected_value"]).all()
    assert (card.loc[ok, "projected_value"] <= card.loc[ok, "projected_high"]).all()
    assert card["p_meet"].dropna().between(0, 1).all()
    assert card["weak"].all()  # every series here has fewer than 4 points


@pytest.mark.parametrize("lang, word", [("en", "Since 2020"), ("zh", "2020年以来")])
def test_reason_language(lang, word):
    data = series("rd_expenditure", [(2020, 100.0), (2022, 112.36)])
    assert word in assess_progress(data, REQ, projections=False, lang=lang)["status_reason"].iloc[0]


def test_unknown_method_is_refused():
    with pytest.raises(ValueError, match="method"):
        assess_progress(MANY, MANY_TARGETS, method="destatis")


def test_scorecard_on_packaged_data_has_the_promised_columns():
    card = gz.scorecard(lang="en")
    promised = ["indicator_id", "city", "baseline_year", "baseline_value", "latest_year", "latest_value",
                "latest_status", "target_year", "target_value", "relation", "required_growth",
                "actual_growth", "growth_ratio", "distance_covered", "status", "status_reason",
                "projected_value", "projected_low", "projected_high", "p_meet", "verdict_basis"]
    assert list(card.columns[:len(promised)]) == promised
    assert len(card) == len(gz.targets("Guangzhou"))
    assert set(card["status"]) <= set(STATUSES)
    assert set(card["verdict_basis"]) <= {"final", "provisional", "nowcast"}
    assert set(card.loc[card["verdict_basis"] == "nowcast", "settled_by"].str.len()) != {0}
    assert card["status_reason"].str.len().gt(0).all()


@pytest.mark.parametrize("fmt", ["csv", "json", "markdown", "table"])
def test_cli_scorecard(fmt):
    from gzinnov.cli import main

    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["scorecard", "--format", fmt, "--lang", "en"]) == 0
    text = out.getvalue()
    if fmt == "csv":
        assert text.splitlines()[0].startswith("indicator_id,city,baseline_year")
    elif fmt == "json":
        assert {r["city"] for r in json.loads(text)} == {"Guangzhou"}
    elif fmt == "markdown":
        assert text.splitlines()[1].startswith("|---")
    else:
        assert "R&D intensity" in text


def test_scorecard_for_every_city_with_a_target():
    card = gz.scorecard(city=None, lang="zh")
    expected = gz.targets()
    assert len(card) == len(expected)
    assert set(zip(card["indicator_id"], card["city"])) == set(zip(expected["indicator_id"], expected["city"]))


# ---- Final verdicts on a finished plan (issue 10) and the review's edge cases (issue 11) ----

def card(points, target, relation="ge", indicator="rd_expenditure", status="final", lower=(), **extra):
    """One target for 2025 (baseline year 2020) against a series {year: value} of one status."""
    data = series(indicator, sorted(points.items())).assign(
        status=status, lower_bound=[y in lower for y in sorted(points)])
    return one(data, targets((indicator, "Guangzhou", target, relation, extra)))


def test_single_target_year_value_that_misses_is_not_achieved():
    # D3: one value, 160 in 2025, against ≥ 170: missed, whatever the growth ratio cannot say.
    row = card({2025: 160.0}, 170.0)
    assert (row["status"], row["verdict_basis"]) == ("not_achieved", "final")
    row = one(series("rd_expenditure", [(2025, 160.0)]), targets(("rd_expenditure", "Guangzhou", 170.0, "ge")),
              method="unsd")
    assert row["status"] == "not_achieved"


def test_baseline_is_never_the_target_year_value():
    # D4: no 2020 value and only 180 in 2025: the baseline stays missing, the verdict comes
    # from the 2025 value alone (180 ≥ 170: achieved) and the reason does not call 2025 a baseline.
    row = card({2025: 180.0}, 170.0)
    assert row["baseline_basis"] == "missing" and math.isnan(row["baseline_value"])
    assert (row["status"], row["verdict_basis"]) == ("achieved", "final")
    assert "baseline is the 2025" not in row["status_reason"]


def test_substitute_baseline_comes_before_the_latest_value():
    # No 2020 value; 2022 = 100 and 2024 = 110: the baseline is 2022, the latest 2024.
    row = card({2022: 100.0, 2024: 110.0}, 150.0)
    assert (row["baseline_year"], row["latest_year"]) == (2022, 2024)


def test_about_target_is_judged_to_its_band_edge():
    # D5: "≈ 4.5" with a 2.5% band counts from 4.5 × 0.975 = 4.3875. From 4.17 (2020) to 4.34 (2023):
    # actual (4.34/4.17)**(1/3) - 1 = 0.013411; required (4.3875/4.17)**(1/5) - 1 = 0.010222;
    # R = 1.312 → on track (it was 0.87 when measured to 4.5).
    row = card({2020: 4.17, 2023: 4.34}, 4.5, "approx", "rd_intensity")
    assert row["required_growth"] == pytest.approx((4.3875 / 4.17) ** 0.2 - 1)
    assert row["growth_ratio"] == pytest.approx(((4.34 / 4.17) ** (1 / 3) - 1) / ((4.3875 / 4.17) ** 0.2 - 1))
    assert row["growth_ratio"] == pytest.approx(1.312, abs=1e-3)
    assert row["status"] == "on_track"
    assert "4.39" in row["status_reason"]  # the edge is said


@pytest.mark.parametrize("value, target", [(3.51, 3.6), (3.9, 4.0), (117.0, 120.0)])
def test_value_exactly_on_the_band_edge_meets_it(value, target):
    # D6: 3.6 × 0.975 = 3.51, 4.0 × 0.975 = 3.9, 120 × 0.975 = 117, which floating point misses by 1 ulp.
    assert bool(gz.analysis.growth.meets_target([value], [target], ["approx"], ["increase"])[0])


def test_lower_bound_equal_to_an_exceed_target_meets_it():
    # D7: "超过170" (a lower bound) against "> 170": a true value above 170 meets it.
    row = card({2020: 100.0, 2023: 170.0}, 170.0, "gt", lower=(2023,))
    assert row["status"] == "achieved"


@pytest.mark.parametrize("value, relation, status", [
    (3.4, "gt", "met_at_precision"),    # "突破3.4%" and a published 3.4: cannot tell
    (3.5, "gt", "achieved"),            # 3.5 to one decimal is at least 3.45 > 3.4
    (3.3, "gt", "not_achieved"),        # at most 3.35 < 3.4
    (3.4, "ge", "achieved"),            # "达3.4%": the published figure reaches it
    (3.44, "gt", "achieved"),           # two decimals: at least 3.435 > 3.4
    (3.4, "approx", "achieved"),
])
def test_exact_threshold_and_published_precision(value, relation, status):
    row = card({2020: 3.1, 2025: value}, 3.4, relation, "rd_intensity")
    assert (row["status"], row["verdict_basis"]) == (status, "final")
    if status == "met_at_precision":
        assert "neither confirmed nor ruled out" in row["status_reason"]


def test_target_with_more_decimals_than_the_published_value():
    # "≥ 3.42" against a published 3.4 (somewhere in [3.35, 3.45)): cannot tell either.
    assert card({2020: 3.1, 2025: 3.4}, 3.42, "ge", "rd_intensity")["status"] == "met_at_precision"


@pytest.mark.parametrize("status", ["preliminary", "reported"])
def test_preliminary_target_year_value_is_provisional(status):
    # D8: 41.4 (reported, end-June 2025) against ≥ 30: achieved, but provisional until a final figure.
    row = card({2025: 41.4}, 30.0, indicator="high_value_patents_per_10k", status=status)
    assert (row["status"], row["verdict_basis"]) == ("achieved", "provisional")
    assert math.isnan(row["p_meet"])
    assert "Provisional" in row["status_reason"]
    assert "statistical bulletin" in row["settled_by"] and "2026" in row["settled_by"]


def test_nowcast_names_the_release_due_to_carry_the_value():
    row = card({2020: 3.1, 2023: 3.44}, 3.4, "gt", "rd_intensity")
    assert row["verdict_basis"] == "nowcast"
    assert "S&T funding statistical bulletin" in row["settled_by"] and "September 2026" in row["settled_by"]
    assert card({2020: 3.1, 2025: 3.5}, 3.4, "gt", "rd_intensity")["settled_by"] == ""


def test_cumulative_baseline_and_gaps_are_said():
    # D9: 0.34 (2021) + 0.38 (2023) = 0.72 over 2021-2023, two of the three years reported;
    # due for those two years: 1.8 × 2/5 = 0.72.
    data = series("overseas_talent", [(2021, 0.34), (2023, 0.38)])
    row = one(data, CUM)
    assert math.isnan(row["baseline_value"]) and pd.isna(row["baseline_year"])
    assert row["latest_value"] == pytest.approx(0.72)
    assert "2 of 3 years reported" in row["status_reason"]


def test_cumulative_total_at_the_end_of_the_period():
    # 0.4 a year for 2021-2025 = 2.0 ≥ 1.8: "the 2021–2025 total".
    row = one(series("overseas_talent", [(2021 + i, 0.4) for i in range(5)]), CUM)
    assert "The 2021–2025 total, 2.0" in row["status_reason"]


def test_cumulative_partial_total_that_already_meets_is_final():
    # 1.0 + 0.9 = 1.9 by 2022 already passes 1.8: later flows only add to it.
    row = one(series("overseas_talent", [(2021, 1.0), (2022, 0.9)]), CUM)
    assert (row["status"], row["verdict_basis"]) == ("achieved", "final")


def test_growth_ratio_undefined_when_target_equals_baseline():
    # D10: baseline 100 (2020) equals the target 100; 97 in 2023: R is undefined, not -inf.
    row = card({2020: 100.0, 2023: 97.0}, 100.0)
    assert math.isnan(row["growth_ratio"])
    assert row["status"] == "deterioration"
    assert "inf" not in row["status_reason"] and "undefined" in row["status_reason"]


def test_no_minus_zero_in_reasons():
    row = card({2020: 100.0, 2023: 100.0}, 161.051)
    assert "R = 0.00" in row["status_reason"] and "-0.00" not in row["status_reason"]


def test_one_year_of_change_is_flagged():
    # D15: 2020 → 2021 only.
    row = card({2020: 140.0, 2021: 132.0}, 150.0)
    assert row["one_year"] and row["weak"]
    assert "one year of change" in row["status_reason"]


def test_trend_statuses_only_for_nowcasts():
    rows = [card({2020: 100.0, 2025: v}, 170.0) for v in (100.0, 168.0, 175.0)]
    assert [r["status"] for r in rows] == ["not_achieved", "not_achieved", "achieved"]


def test_new_plan_is_judged_on_the_pace_before_its_base_year():
    # A 2030 target ≥ 121 from a stated 2025 base of 110, with 100 observed in 2020:
    # required (121/110)**(1/5) - 1 = 0.019245; achieved (110/100)**(1/5) - 1 = 0.019245; R = 1.
    data = series("rd_expenditure", [(2020, 100.0), (2022, 105.0)])
    goal = targets(("rd_expenditure", "Guangzhou", 121.0, "ge",
                    {"baseline_year": 2025, "baseline_value": 110.0, "target_year": 2030}))
    row = one(data, goal)
    assert row["achieved_from"] == 2020
    assert row["required_growth"] == pytest.approx(1.1 ** 0.2 - 1)
    assert row["actual_growth"] == pytest.approx(1.1 ** 0.2 - 1)
    assert row["growth_ratio"] == pytest.approx(1.0)
    assert (row["status"], row["verdict_basis"]) == ("on_track", "nowcast")
    assert "2020–2025 pace" in row["status_reason"]


def test_plan_headline_counts_by_hand():
    # Three targets of one plan: 175 ≥ 170 achieved (final), 3.4 against "> 3.4" met at the
    # published precision (final), and one without a 2025 value (not yet published).
    data = pd.concat([series("rd_expenditure", [(2020, 100.0), (2025, 175.0)]),
                      series("rd_intensity", [(2020, 3.1), (2025, 3.4)]),
                      series("tech_contract_turnover", [(2020, 2000.0), (2023, 2200.0)])], ignore_index=True)
    goals = targets(("rd_expenditure", "Guangzhou", 170.0, "ge", {"plan_id": "gz_st_14"}),
                    ("rd_intensity", "Guangzhou", 3.4, "gt", {"plan_id": "gz_st_14"}),
                    ("tech_contract_turnover", "Guangzhou", 3000.0, "gt", {"plan_id": "gz_st_14"}))
    for lang, expected in (
            ("en", "Of 3 targets: 1 achieved, 0 not achieved, 1 met at the published precision, 1 not yet published."),
            ("zh", "3项目标中：已实现1项，未实现0项，按公布精度持平1项，尚未公布1项。")):
        sc = assess_progress(data, goals, projections=False, lang=lang)
        assert gz.plan_headline(sc, lang=lang) == expected
