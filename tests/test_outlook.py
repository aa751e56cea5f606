"""The 2030 outlook: trend, stretch and floor candidates with the growth they imply."""

import math

import pandas as pd
import pytest
from test_assess import series

import gzinnov as gz


def pick(out, indicator, candidate):
    return out[(out["indicator_id"] == indicator) & (out["candidate"] == candidate)].iloc[0]


# R&D intensity flat at 3.0 in 2018-2023: every method projects 3.0; the combined band keeps
# the smallest spread of yearly log changes, 0.5%.
FLAT = series("rd_intensity", [(y, 3.0) for y in range(2018, 2024)])
# Shenzhen grows 10% a year since 2020: 4.0 -> 4.0 × 1.1**3 = 5.324 in 2023.
PEER = series("rd_intensity", [(2020, 4.0), (2023, 5.324)], city="Shenzhen")


def test_flat_series_keeps_its_level_with_a_narrow_band():
    # No drift: the trend stays 3.0. The band: h = 7 years from 2023, drift window 3 years,
    # spread 0.005 × sqrt(7 × (1 + 7/3)); floor = 3 × exp(q_low × spread), stretch likewise.
    from gzinnov.analysis.calibrate import calibration

    q = calibration()["quantiles"].loc[5]
    spread = 0.005 * math.sqrt(7 * (1 + 7 / 3))
    out = gz.outlook(FLAT, lang="en")
    assert pick(out, "rd_intensity", "trend")["value"] == pytest.approx(3.0)
    assert pick(out, "rd_intensity", "trend")["implied_growth"] == pytest.approx(0.0, abs=1e-12)
    assert pick(out, "rd_intensity", "floor")["value"] == pytest.approx(3.0 * math.exp(q["q_low"] * spread))
    assert pick(out, "rd_intensity", "stretch")["value"] == pytest.approx(3.0 * math.exp(q["q_high"] * spread))
    for name in ("trend", "stretch", "floor"):
        row = pick(out, "rd_intensity", name)
        assert (row["from_year"], row["from_value"], row["year"]) == (2023, 3.0, 2030)


def test_candidates_come_from_the_combined_projection():
    data = series("rd_intensity", [(2015, 2.1), (2016, 2.34), (2017, 2.48), (2018, 2.63), (2019, 2.87),
                                   (2020, 3.1), (2021, 3.12), (2022, 3.43)])
    out = gz.outlook(data)
    proj = gz.project(data, until=2030)
    comb = proj[(proj["method"] == "combined") & (proj["year"] == 2030)].iloc[0]
    assert pick(out, "rd_intensity", "trend")["value"] == pytest.approx(comb["value"])
    assert pick(out, "rd_intensity", "stretch")["value"] == pytest.approx(comb["upper"])
    # the floor is the band's lower end, even below the latest value (review D16)
    assert pick(out, "rd_intensity", "floor")["value"] == pytest.approx(comb["lower"])
    for name in ("trend", "stretch", "floor"):
        row = pick(out, "rd_intensity", name)
        assert row["implied_growth"] == pytest.approx((row["value"] / 3.43) ** (1 / (2030 - 2022)) - 1)


def test_peer_stretch_uses_the_best_peer_growth():
    out = gz.outlook(pd.concat([FLAT, PEER], ignore_index=True), stretch="peer", lang="en")
    row = pick(out, "rd_intensity", "stretch")
    # 3.0 grown at Shenzhen's 10% a year for 2023 -> 2030: 3.0 × 1.1**7 = 5.846
    assert row["value"] == pytest.approx(3.0 * 1.1 ** 7)
    assert row["implied_growth"] == pytest.approx(0.1)
    assert "Shenzhen" in row["basis"]


def test_peer_stretch_falls_back_to_the_interval_without_peers():
    row = pick(gz.outlook(FLAT, stretch="peer", lang="en"), "rd_intensity", "stretch")
    assert "interval" in row["basis"]


def test_cumulative_candidates_are_five_year_sums():
    # 0.3 a year in 2021-2023, no drift -> 2026-2030: trend 5 × 0.3 = 1.5, the band around it.
    data = series("overseas_talent", [(2021, 0.3), (2022, 0.3), (2023, 0.3)])
    out = gz.outlook(data, lang="en")
    proj = gz.project(data, until=2030)
    comb = proj[(proj["method"] == "combined") & proj["year"].between(2026, 2030)]
    assert pick(out, "overseas_talent", "trend")["value"] == pytest.approx(1.5)
    assert pick(out, "overseas_talent", "floor")["value"] == pytest.approx(comb["lower"].sum())
    assert pick(out, "overseas_talent", "stretch")["value"] == pytest.approx(comb["upper"].sum())
    for name in ("trend", "stretch", "floor"):
        row = pick(out, "overseas_talent", name)
        assert math.isnan(row["implied_growth"])
        assert "2026–2030" in row["basis"]


def test_every_target_indicator_is_listed_even_without_data():
    out = gz.outlook(FLAT)
    assert set(out["indicator_id"]) == set(gz.targets("Guangzhou")["indicator_id"])
    candidates = out[out["kind"] == "candidate"]
    assert list(candidates.groupby("indicator_id").size().unique()) == [3]
    assert math.isnan(pick(out, "sti_platforms", "trend")["value"])


def test_unknown_stretch_is_refused():
    with pytest.raises(ValueError, match="stretch"):
        gz.outlook(FLAT, stretch="moonshot")


def test_adopted_2030_target_stands_beside_the_trend():
    # Guangzhou's outline adopts R&D intensity ≈ 4.0 for 2030 from 3.4 in 2025:
    # it asks (4.0 / 3.4) ** (1/5) - 1 = 3.30% a year; the trend row is the flat 3.0 of FLAT.
    out = gz.outlook(FLAT, lang="en")
    row = pick(out, "rd_intensity", "adopted")
    assert (row["kind"], row["plan_id"], row["value"]) == ("adopted", "gz_fyp_15", 4.0)
    assert (row["from_year"], row["from_value"]) == (2025, 3.4)
    assert row["implied_growth"] == pytest.approx((4.0 / 3.4) ** 0.2 - 1)
    assert "+3.3% a year" in row["basis"] and "the trend gives 3.00" in row["basis"]
    assert pick(out, "rd_intensity", "trend")["kind"] == "candidate"


def test_indicators_without_an_adopted_target_keep_only_candidates():
    out = gz.outlook(FLAT, lang="zh")
    assert set(out.loc[out["kind"] == "adopted", "indicator_id"]) == set(
        gz.targets("Guangzhou", year=2030)["indicator_id"])
    assert "adopted" not in set(out.loc[out["indicator_id"] == "tech_contract_turnover", "candidate"])
    assert "《广州市国民经济和社会发展第十五个五年规划纲要》" in pick(out, "rd_intensity", "adopted")["basis"]
