"""Projections, their combination, backtests and the probability of meeting a target."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import t as student_t
from test_assess import series

import gzinnov as gz
from gzinnov.analysis.growth import meets_target, probability_past


def at(proj, method, year=2025):
    rows = proj[(proj["method"] == method) & (proj["year"] == year)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_linear_ols_with_its_prediction_interval():
    # x = year - 2020 = -2, -1, 0, 1; y = 1, 3, 2, 4. x̄ = -0.5, ȳ = 2.5, Sxx = 5, Sxy = 4:
    # slope 0.8, intercept 2.5 + 0.8 × 0.5 = 2.9; at 2025 (x = 5): 2.9 + 4 = 6.9.
    # Residuals -0.3, 0.9, -0.9, 0.3: SSE = 1.8, s² = 1.8 / 2 = 0.9.
    # se = sqrt(0.9 × (1 + 1/4 + (5 + 0.5)² / 5)) = sqrt(0.9 × 7.3) = sqrt(6.57).
    data = series("gdp", [(2018, 1), (2019, 3), (2020, 2), (2021, 4)])
    row = at(gz.project(data, methods=["linear"]), "linear")
    half = student_t.ppf(0.9, 2) * math.sqrt(6.57)
    assert row["value"] == pytest.approx(6.9)
    assert (row["lower"], row["upper"]) == pytest.approx((6.9 - half, 6.9 + half))


def test_growth_methods_reproduce_exact_growth():
    # 100 × 1.1**k for 2020-2023; both growth methods give 100 × 1.1**5 = 161.051 in 2025.
    data = series("gdp", [(2020, 100), (2021, 110), (2022, 121), (2023, 133.1)])
    proj = gz.project(data, methods=["loglinear", "endpoint"])
    for method in ("loglinear", "endpoint"):
        row = at(proj, method)
        assert row["value"] == pytest.approx(161.051)
        assert row["upper"] - row["lower"] == pytest.approx(0, abs=1e-6)


def test_endpoint_interval_is_the_drift_interval_on_logs():
    # logs 0, 0.1, 0.3 in 2020-2022: drift mu = 0.3 / 2 = 0.15; changes 0.1 and 0.2 leave
    # residuals -0.05 and 0.05, so sigma² = 0.005 / (2 - 1) = 0.005. At h = 3 (2025):
    # variance 0.005 × 3 × (1 + 3/2) = 0.0375; log point 0.3 + 3 × 0.15 = 0.75.
    data = series("gdp", [(2020, 1.0), (2021, math.exp(0.1)), (2022, math.exp(0.3))])
    row = at(gz.project(data, methods=["endpoint"]), "endpoint")
    half = student_t.ppf(0.9, 1) * math.sqrt(0.0375)
    assert row["value"] == pytest.approx(math.exp(0.75))
    assert (row["lower"], row["upper"]) == pytest.approx((math.exp(0.75 - half), math.exp(0.75 + half)))


def test_endpoint_handles_a_gap():
    # logs 0 (2020), 0.2 (2022), 0.4 (2023): mu = 0.4 / 3. The two-year change counts with
    # variance 2σ²: residuals (0.2 - 2mu)²/2 and (0.2 - mu)², summed over 2 - 1 degrees of freedom.
    data = series("gdp", [(2020, 1.0), (2022, math.exp(0.2)), (2023, math.exp(0.4))])
    row = at(gz.project(data, methods=["endpoint"]), "endpoint")
    mu = 0.4 / 3
    sigma2 = (0.2 - 2 * mu) ** 2 / 2 + (0.2 - mu) ** 2
    half = student_t.ppf(0.9, 1) * math.sqrt(sigma2 * 2 * (1 + 2 / 3))
    assert row["value"] == pytest.approx(math.exp(0.4 + 2 * mu))
    assert row["upper"] == pytest.approx(math.exp(0.4 + 2 * mu + half))


def test_logit_fits_shares_on_the_logit_scale():
    # logit ln(y / (100 - y)) = 1, 2, 3 in 2020-2022 (73.1, 88.1, 95.3: near the top, so
    # logit is fitted): a straight line reaching 6 in 2025, i.e. y = 100 / (1 + e**-6) = 99.75.
    values = [100 / (1 + math.exp(-k)) for k in (1, 2, 3)]
    data = series("basic_research_share", list(zip([2020, 2021, 2022], values)))
    row = at(gz.project(data, methods=["logit"]), "logit")
    assert row["value"] == pytest.approx(100 / (1 + math.exp(-6)))


def test_logit_is_left_out_far_from_the_upper_bound():
    # 40, 45, 50%: the top of the range is 100, and 50 < 100 - 0.2 × 100 = 80. There the
    # logit is about the log and would count log-growth twice (review D12).
    data = series("basic_research_share", [(2020, 40), (2021, 45), (2022, 50)])
    assert "logit" not in set(gz.project(data)["method"])


def test_logit_is_only_for_bounded_indicators():
    data = series("gdp", [(2020, 1), (2021, 2), (2022, 3)])
    assert "logit" not in set(gz.project(data)["method"])


@pytest.mark.parametrize("indicator, points, low, high", [
    ("nature_index_rank", [(2020, 30), (2021, 20), (2022, 12), (2023, 5)], 1, None),     # ranks ≥ 1
    ("basic_research_share", [(2020, 60), (2021, 75), (2022, 88), (2023, 96)], 0, 100),  # shares ≤ 100
])
def test_projections_respect_the_registry_bounds(indicator, points, low, high):
    proj = gz.project(series(indicator, points))
    assert (proj[["value", "lower"]].min() >= low).all()
    if high is not None:
        assert (proj[["value", "upper"]].max() <= high).all()


def test_spread_is_the_range_of_the_methods():
    # 100, 110, 121 in 2020-2022. Log-linear and endpoint: 121 × 1.1**3 = 161.051 in 2025.
    # Linear: x̄ = 1, ȳ = 331/3, Sxx = 2, Sxy = 21 -> slope 10.5, intercept 331/3 - 10.5;
    # at x = 5: 331/3 + 42 = 152.3333.
    data = series("gdp", [(2020, 100), (2021, 110), (2022, 121)])
    row = at(gz.project(data), "combined")
    linear = 331 / 3 - 10.5 + 10.5 * 5
    assert (row["spread_low"], row["spread_high"]) == pytest.approx((linear, 161.051))


def test_weights_follow_the_backtest():
    # With 6+ points, each method's weight is 1 / RMSPE², normalised: the same numbers backtest() reports.
    data = series("gdp", [(2015, 10), (2016, 13), (2017, 15), (2018, 19), (2019, 20), (2020, 26), (2021, 27)])
    errors = gz.backtest(data, city=None)
    errors = errors[errors["method"] != "combined"]
    raw = 1 / errors.set_index("method")["rmspe"] ** 2
    proj = gz.project(data)
    got = proj[proj["year"] == 2025].set_index("method")["weight"].drop("combined")
    assert got.to_dict() == pytest.approx((raw / raw.sum()).to_dict())


@pytest.mark.parametrize("n, weak", [(2, True), (3, True), (4, False)])
def test_short_series_are_flagged_weak(n, weak):
    data = series("gdp", [(2020 + i, 10 + i) for i in range(n)])
    proj = gz.project(data, lang="en")
    assert proj["weak"].eq(weak).all()
    assert bool(proj["note"].str.contains(f"only {n} data points").all()) is weak


def test_only_years_after_the_last_observation_and_until():
    data = series("gdp", [(2019, 1), (2020, 2), (2023, 3)])
    proj = gz.project(data, until=2027)
    assert sorted(proj["year"].unique()) == [2024, 2025, 2026, 2027]
    assert gz.project(series("gdp", [(2020, 1), (2031, 2)]), until=2030).empty


def test_two_points_give_a_combined_band_but_no_method_interval():
    proj = gz.project(series("gdp", [(2020, 1), (2022, 2)]))
    assert math.isnan(at(proj, "linear")["lower"])
    row = at(proj, "combined")
    assert row["lower"] < row["value"] < row["upper"]


def test_ets_only_when_asked_and_only_on_long_unbroken_series():
    long = series("gdp", [(2013 + i, 100 + 7 * i + (i % 3)) for i in range(9)])
    short = series("gdp", [(2013 + i, 50 + 3 * i) for i in range(7)], city="Shenzhen")
    data = pd.concat([long, short], ignore_index=True)
    assert "ets" not in set(gz.project(data)["method"])
    proj = gz.project(data, methods=["linear", "ets"])
    ets = proj[proj["method"] == "ets"]
    assert set(ets["city"]) == {"Guangzhou"}
    assert (ets["lower"] <= ets["value"]).all() and (ets["value"] <= ets["upper"]).all()


def test_unknown_method_is_refused():
    with pytest.raises(ValueError, match="unknown"):
        gz.project(series("gdp", [(2020, 1), (2021, 2)]), methods=["prophet"])


def test_backtest_errors_by_hand():
    # y = 100 × 2**(year - 2020) for 2015-2020. Origins with ≥ 4 training points: 2018, 2019.
    # Linear from 2015-2018 (3.125, 6.25, 12.5, 25 at x = -5..-2): x̄ = -3.5, ȳ = 11.71875,
    # Sxx = 5, Sxy = 35.9375 -> slope 7.1875, intercept 36.875. 2019: 29.6875 vs 50 (APE 0.40625);
    # 2020: 36.875 vs 100 (APE 0.63125). From 2015-2019: slope 112.5 / 10 = 11.25,
    # intercept 19.375 + 33.75 = 53.125; 2020: 53.125 vs 100 (APE 0.46875).
    data = series("gdp", [(2015 + i, 100 * 2 ** (i - 5)) for i in range(6)])
    errors = gz.backtest(data, city=None).set_index("method")
    mape = (0.40625 + 0.63125 + 0.46875) / 3 * 100
    assert errors.loc["linear", "n_forecasts"] == 3
    assert errors.loc["linear", "mape"] == pytest.approx(mape)
    assert errors.loc["linear", "bias"] == pytest.approx(-mape)  # every forecast ran low
    assert errors.loc["loglinear", "mape"] == pytest.approx(0, abs=1e-9)
    assert errors["weight"].sum() == pytest.approx(1)  # the combined row has no weight


def test_backtest_skips_short_series_and_defaults_to_guangzhou():
    data = pd.concat([series("gdp", [(2015 + i, 10 + i) for i in range(n)], city=city)
                      for city, n in (("Guangzhou", 6), ("Wuhan", 6), ("Xi'an", 5))], ignore_index=True)
    assert set(gz.backtest(data)["city"]) == {"Guangzhou"}
    assert set(gz.backtest(data, city=None)["city"]) == {"Guangzhou", "Wuhan"}


@pytest.mark.parametrize("threshold, expected", [
    (14.0, 0.10),   # the upper end of an 80% interval: 10% lies beyond it
    (8.0, 0.90),    # the lower end: 90% lies above it
    (10.0, 0.50),   # the median
    # above the median the spread is (14 - 10) / z with z = 1.2816: P = 1 - Φ(2 / 3.1212)
    (12.0, 1 - 0.5 * (1 + math.erf(2 / (4 / 1.2815515655446004) / math.sqrt(2)))),
])
def test_probability_past_a_threshold(threshold, expected):
    assert probability_past(10.0, 8.0, 14.0, threshold, "increase") == pytest.approx(expected)
    assert probability_past(10.0, 8.0, 14.0, threshold, "decrease") == pytest.approx(1 - expected)


def test_probability_needs_an_interval():
    assert np.isnan(probability_past(10.0, np.nan, np.nan, 12.0, "increase"))


@pytest.mark.parametrize("value, relation, direction, met", [
    (3.4, "ge", "increase", True), (3.4, "gt", "increase", False), (3.32, "approx", "increase", True),
    (10, "ge", "decrease", True), (10, "gt", "decrease", False), (10.2, "approx", "decrease", True),
    (np.nan, "ge", "increase", False),
])
def test_meets_target(value, relation, direction, met):
    target = 3.4 if direction == "increase" else 10
    assert bool(meets_target(value, target, relation, direction)) is met


def test_a_series_is_analysed_from_its_latest_definition_break_on():
    # Wuhan-like: 3.02 (2015) on the old definition, then 1.91, 2.34, 2.42 (2016-2018) on the new.
    # Across the break the "growth" would be a 37% fall; from 2016 on it is (2.42/1.91)^(1/2)-1 = 12.6% a year.
    import pandas as pd

    from gzinnov.analysis.panel import tidy

    rows = pd.DataFrame({"indicator_id": "rd_intensity", "city": "Wuhan", "year": [2015, 2016, 2017, 2018],
                         "value": [3.02, 1.91, 2.34, 2.42], "status": "final", "lower_bound": False,
                         "series_break": [False, True, False, False]})
    kept = tidy(rows)
    assert kept["year"].tolist() == [2016, 2017, 2018]
    assert tidy(rows.drop(columns="series_break"))["year"].tolist() == [2015, 2016, 2017, 2018]
    growth = (kept["value"].iloc[-1] / kept["value"].iloc[0]) ** 0.5 - 1
    assert growth == pytest.approx(0.1256, abs=1e-4)
