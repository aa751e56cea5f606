"""The calibrated combined projection, p_meet and their backtests.

Expected values are worked out by hand in each test. Where a test uses the calibration's
quantiles (``q_low``, ``q_high``), it takes them as an input, as a parameter of the band,
and checks the formula around them.
"""

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.special import ndtr, ndtri
from test_assess import series, targets

import gzinnov as gz
from gzinnov.analysis import calibrate
from gzinnov.analysis.assess import assess_progress
from gzinnov.analysis.forecast import damped_drift
from gzinnov.analysis.panel import Panel, to_panel

Q = calibrate.calibration()["quantiles"]
PRIOR = calibrate.calibration()["prior"]
Z80 = float(ndtri(0.9))


def combined(proj, year):
    rows = proj[(proj["method"] == "combined") & (proj["year"] == year)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_combined_is_a_damped_drift_from_the_last_value():
    # logs 0, 0.1, 0.2, 0.35, 0.5 in 2019-2023. Drift window: the last 3 years, 2020-2023:
    # mu = (0.5 - 0.1) / 3 = 0.13333. Damping 0.85: 2024 = 0.5 + 0.85 mu = 0.61333;
    # 2025 = 0.5 + (0.85 + 0.7225) mu = 0.70967.
    # Spread: changes 0.1, 0.1, 0.15, 0.15 around their mean 0.125: sigma² = 4 × 0.025² / 3.
    # In 2025 (h = 2): scale sqrt(2 × (1 + 2/3)); lower = path + q_low × sigma × scale.
    logs = [0, 0.1, 0.2, 0.35, 0.5]
    proj = gz.project(series("gdp", [(2019 + i, math.exp(v)) for i, v in enumerate(logs)]))
    mu = 0.4 / 3
    assert combined(proj, 2024)["value"] == pytest.approx(math.exp(0.5 + 0.85 * mu))
    path = 0.5 + (0.85 + 0.85 ** 2) * mu
    row = combined(proj, 2025)
    assert row["value"] == pytest.approx(math.exp(path))
    spread = math.sqrt(4 * 0.025 ** 2 / 3) * math.sqrt(2 * (1 + 2 / 3))
    assert row["lower"] == pytest.approx(math.exp(path + Q.loc[2, "q_low"] * spread))
    assert row["upper"] == pytest.approx(math.exp(path + Q.loc[2, "q_high"] * spread))
    assert row["trend_from"] == 2020


def test_no_jump_away_from_the_last_value():
    # R&D intensity 3.10 (2020) -> 3.44 (2023): the 2024 median is 3.44 × (3.44/3.10)**(0.85/3),
    # 3.543, not the 3.73 of a line through 2015-2023.
    data = series("rd_intensity", [(2015, 2.10), (2016, 2.34), (2017, 2.48), (2018, 2.63), (2019, 2.87),
                                   (2020, 3.10), (2021, 3.12), (2022, 3.43), (2023, 3.44)])
    row = combined(gz.project(data), 2024)
    assert row["value"] == pytest.approx(3.44 * (3.44 / 3.10) ** (0.85 / 3))


def test_random_walk_with_drift_on_three_points_by_hand():
    # logs 0, 0.1, 0.3 in 2020-2022. Random walk with drift (whole window, no damping):
    # mu = 0.3 / 2 = 0.15; 2025 (h = 3): 0.3 + 3 × 0.15 = 0.75. Changes 0.1 and 0.2 around
    # 0.15: sigma² = (0.05² + 0.05²) / (2 - 1) = 0.005; scale sqrt(3 × (1 + 3/2)).
    panel = to_panel(series("gdp", [(2020, 1.0), (2021, math.exp(0.1)), (2022, math.exp(0.3))]))
    fit = damped_drift(panel, np.array([5.0]), window=np.inf, damping=1.0)
    assert fit["path"][0, 0] == pytest.approx(0.75)
    assert fit["sigma"][0] == pytest.approx(math.sqrt(0.005))
    assert fit["scale"][0, 0] == pytest.approx(math.sqrt(3 * 2.5))


def test_rolling_scores_by_hand():
    # logs 0, 0.1, 0.3, 0.4 in 2020-2023; origin 2022 (3 points, min_train 3), outcome 2023.
    # Damped drift: window 2019-2022 holds 2020-2022, mu = 0.15, path 0.3 + 0.85 × 0.15 = 0.4275;
    # sigma² = 0.005, scale sqrt(1 × (1 + 1/2)): u = (0.4 - 0.4275) / sqrt(0.0075).
    # Textbook random walk with drift: mean 0.45, sd sqrt(0.005) × sqrt(1 × (1 + 1/(3 - 1))).
    logs = [0, 0.1, 0.3, 0.4]
    panel = to_panel(series("gdp", [(2020 + i, math.exp(v)) for i, v in enumerate(logs)]))
    row = calibrate.rolling_scores(panel, min_train=3).set_index("origin").loc[2022]
    assert row["path"] == pytest.approx(0.4275)
    assert row["u"] == pytest.approx((0.4 - 0.4275) / math.sqrt(0.0075))
    assert row["rw_mean"] == pytest.approx(0.45)
    assert row["rw_sd"] == pytest.approx(math.sqrt(0.005 * 1.5))


def test_leave_one_series_out_quantiles():
    # Three series with u = {0, 1}, {2, 3}, {4, 5} at h = 1. Leaving out the first, the
    # others are 2, 3, 4, 5: linear-interpolation quantiles at 10/50/90% are 2.3, 3.5, 4.7.
    scores = pd.DataFrame({"row": [0, 0, 1, 1, 2, 2], "h": 1, "u": [0.0, 1, 2, 3, 4, 5]})
    out = calibrate.leave_one_out(scores)
    first = out[out["row"] == 0].iloc[0]
    assert (first["q_low"], first["q_mid"], first["q_high"]) == pytest.approx((2.3, 3.5, 4.7))


def test_two_points_are_projected_conservatively():
    # National incubators: 18 (2016), 41 (2020). mu = ln(41/18)/4 = 0.2058; weak damping 0.7
    # keeps 0.7 + 0.49 + … + 0.7**10 = 0.7 × (1 - 0.7**10) / 0.3 = 2.2998 years of it by 2030,
    # so 41 × exp(0.2058 × 2.2998) = 65.9, not 247. The spread is the prior, 1.1 times wider.
    data = series("national_incubators", [(2016, 18), (2020, 41)])
    row = combined(gz.project(data, until=2030), 2030)
    mu = math.log(41 / 18) / 4
    median = 41 * math.exp(mu * 0.7 * (1 - 0.7 ** 10) / 0.3)
    assert row["value"] == pytest.approx(median)
    spread = PRIOR * math.sqrt(10 * (1 + 10 / 4)) * 1.1
    assert row["lower"] == pytest.approx(median * math.exp(Q.loc[5, "q_low"] * spread))
    assert row["weak"]


def card(points, target, relation="ge", indicator="gdp", year=2025, lang="en"):
    data = series(indicator, points)
    tg = targets((indicator, "Guangzhou", target, relation))
    tg["target_year"] = pd.array([year], dtype="Int64")
    return assess_progress(data, tg, lang=lang).iloc[0]


def test_p_meet_is_withheld_for_few_points_and_says_why():
    row = card([(2020, 100), (2022, 120)], 150)
    assert math.isnan(row["p_meet"])
    assert row["p_meet_note"] == "only 2 data points: no probability given"
    assert "仅有2个数据点" in card([(2020, 100), (2022, 120)], 150, lang="zh")["p_meet_note"]


def test_p_meet_is_withheld_for_a_stale_last_value():
    # The last value is from 2020, more than 3 years before the 2025 target.
    row = card([(2017, 90), (2018, 95), (2019, 100), (2020, 104)], 150)
    assert math.isnan(row["p_meet"])
    assert "2020" in row["p_meet_note"] and "2025" in row["p_meet_note"]


def test_p_meet_states_its_basis_and_matches_the_band():
    # 100, 104, 108.16, 112.4864 in 2020-2023 (4% a year): drift window 2020-2023.
    # p_meet is the two-piece normal on logs through the band: target 120 above the median.
    points = [(2020, 100), (2021, 104), (2022, 108.16), (2023, 112.4864)]
    row = card(points, 120)
    assert row["p_meet_basis"] == "calibrated projection of the 2020–2023 trend"
    m, hi = math.log(row["projected_value"]), math.log(row["projected_high"])
    assert row["p_meet"] == pytest.approx(1 - ndtr((math.log(120) - m) / ((hi - m) / Z80)))


def test_probability_mass_at_the_bound():
    # Cloud adoption 90, 93, 95, 97% in 2020-2023, target 100% (the bound). The band passes
    # 100, so "≥ 100" gets the mass beyond the bound (unclipped band on logs), far from the
    # 0.10 a clipped band would give; "> 100" is impossible (review D17).
    points = [(2020, 90), (2021, 93), (2022, 95), (2023, 97)]
    row = card(points, 100, indicator="industrial_cloud_rate")
    mu = math.log(97 / 90) / 3
    path = math.log(97) + (0.85 + 0.85 ** 2) * mu  # 2025, h = 2
    assert math.exp(path) > 100  # 100.88: the median itself passes the bound
    assert row["projected_value"] == row["projected_high"] == 100  # what is shown is clipped
    steps = np.diff(np.log([90, 93, 95, 97]))
    sigma = math.sqrt(((steps - steps.mean()) ** 2).sum() / 2)
    # 100 lies below the median, so the spread is the lower side's: (path - low) / z.
    low = path + Q.loc[2, "q_low"] * sigma * math.sqrt(2 * (1 + 2 / 3))
    expected = 1 - ndtr((math.log(100) - path) / ((path - low) / Z80))
    assert row["p_meet"] == pytest.approx(expected)
    assert expected > 0.5
    assert card(points, 100, "gt", indicator="industrial_cloud_rate")["p_meet"] == 0


def test_tech_contract_turnover_no_longer_contradicts_its_verdict():
    row = gz.scorecard(lang="en").set_index("indicator_id").loc["tech_contract_turnover"]
    if row["status"] == "needs_acceleration":
        assert not row["p_meet"] > 0.5


# --- calibration on the packaged data (computed once per session) --------------------------

@pytest.fixture(scope="module")
def coverage():
    return calibrate.coverage_table().set_index("set")


def test_packaged_coverage_within_75_to_85_percent(coverage):
    assert 0.75 <= coverage.loc["all cities", "covered"] <= 0.85
    assert 0.40 <= coverage.loc["all cities", "above_median"] <= 0.60


def test_calibrated_band_beats_the_random_walk_brier():
    brier = calibrate.reliability()[0].set_index("model")["brier"]
    assert brier["calibrated combined band"] < brier["random walk with drift (textbook)"]
    assert brier["calibrated combined band"] < brier["base rate"]


def test_methods_doc_shows_the_coverage_the_code_computes():
    doc = (Path(__file__).parents[1] / "docs" / "methods.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- coverage:start -->\n(.*?)<!-- coverage:end -->", doc, re.S)
    assert block, "docs/methods.md lacks the coverage block"
    assert block.group(1) == calibrate.render_coverage(), \
        "docs/methods.md is stale: run python -m benchmarks coverage --update docs/methods.md"


# --- calibration on simulated series (fixed seeds) -------------------------------------------

@pytest.mark.parametrize("dgp", calibrate.DGPS)
def test_conformal_band_calibrated_on_one_sample_covers_80_percent_of_another(dgp):
    # Calibrate the quantiles on 300 simulated series (seed 11), measure the band on 300 others
    # (seed 12), horizons 1-5: a split, never the same errors twice.
    table = calibrate.score_quantiles(calibrate.rolling_scores(calibrate.simulate(dgp, 300, seed=11)[0]))
    panel, n_fit = calibrate.simulate(dgp, 300, seed=12)
    end = panel.years[0] + n_fit - 1
    train = Panel(panel.keys, panel.years, np.where(panel.years <= end[:, None], panel.values, np.nan),
                  panel.lo, panel.hi)
    _, low, high, _ = calibrate.combined_band(train, panel.years, table=table)
    h = panel.years - end[:, None]
    pick = (h >= 1) & (h <= 5) & ~np.isnan(panel.values)
    y = panel.values[pick]
    assert 0.74 <= np.mean((y >= low[pick]) & (y <= high[pick])) <= 0.86


def test_simulated_slowdown_is_covered_by_the_packaged_calibration():
    # Series like the packaged ones: short, noisy, with slowing growth. The packaged calibration,
    # unchanged, covers 75-92% of their outcomes one to five years ahead.
    table = calibrate.simulated_coverage(["slowdown"], 500, seed=3).set_index("dgp")
    assert 0.75 <= table.loc["slowdown", "covered"] <= 0.92


def test_series_projected_together_as_alone():
    # A weak series (damping 0.7) beside a long one (0.85): each keeps its own damping.
    weak = series("national_incubators", [(2016, 18), (2020, 41)])
    long = series("gdp", [(2019 + i, math.exp(v)) for i, v in enumerate([0, 0.1, 0.2, 0.35, 0.5])], city="Wuhan")
    both = gz.project(pd.concat([weak, long], ignore_index=True), until=2030)
    for alone in (gz.project(weak, until=2030), gz.project(long, until=2030)):
        city = alone["city"].iloc[0]
        got = both[(both["city"] == city) & (both["method"] == "combined")]["value"].to_numpy()
        assert got == pytest.approx(alone[alone["method"] == "combined"]["value"].to_numpy())
