"""Peer comparison: normalised values, ranks, gaps, growth and the targets' ambition."""

import math

import pandas as pd
import pytest
from conftest import table

import gzinnov as gz
from gzinnov.analysis.peers import peer_growth
from test_assess import targets

PANEL = table("""
indicator_id,city,year,value
rd_expenditure,Guangzhou,2020,800
rd_expenditure,Guangzhou,2022,968
rd_expenditure,Shenzhen,2020,1500
rd_expenditure,Shenzhen,2022,1815
rd_expenditure,Wuhan,2020,600
rd_expenditure,Wuhan,2022,600
gdp,Guangzhou,2022,28800
gdp,Shenzhen,2022,33000
gdp,Wuhan,2022,18900
resident_population,Guangzhou,2022,1880
resident_population,Shenzhen,2022,1760
resident_population,Wuhan,2022,1370
rd_intensity,Guangzhou,2022,3.43
nature_index_rank,Guangzhou,2023,8
nature_index_rank,Beijing,2023,1
nature_index_rank,Shanghai,2023,3
""")


def row(frame, city, year):
    return frame[(frame["city"] == city) & (frame["year"] == year)].iloc[0]


def test_value_ranks_gaps_and_growth():
    out = gz.compare(PANEL, indicator="rd_expenditure")
    gz22 = row(out, "Guangzhou", 2022)
    # 2022 values: Shenzhen 1815 > Guangzhou 968 > Wuhan 600; median 968.
    assert (gz22["rank"], gz22["n_cities"], gz22["leader"]) == (2, 3, "Shenzhen")
    assert gz22["gap_to_leader"] == pytest.approx(968 - 1815)
    assert gz22["gap_to_median"] == pytest.approx(0)
    # 800 -> 968 over two years: (968/800)**(1/2) - 1 = 1.1 - 1; index 968/800 × 100 = 121.
    assert gz22["growth_since_base"] == pytest.approx(0.1)
    assert gz22["index"] == pytest.approx(121)
    assert gz22["change_since_base"] == pytest.approx(168)
    assert row(out, "Wuhan", 2022)["growth_since_base"] == pytest.approx(0)


def test_normalised_forms():
    out = gz.compare(PANEL, indicator="rd_expenditure", measure="per_gdp")
    gz22 = row(out, "Guangzhou", 2022)
    # 亿元 over 亿元 of GDP × 100 = % of GDP: 968 / 28800 × 100 = 3.3611; Shenzhen 1815 / 33000 × 100 = 5.5;
    # Wuhan 600 / 18900 × 100 = 3.1746.
    assert gz22["per_gdp"] == pytest.approx(968 / 28800 * 100)
    assert gz22["per_capita"] == pytest.approx(968 / 1880)
    assert (gz22["rank"], gz22["leader"]) == (2, "Shenzhen")
    assert gz22["gap_to_leader"] == pytest.approx(968 / 288 - 5.5)
    assert math.isnan(row(out, "Guangzhou", 2020)["per_gdp"])  # no 2020 GDP in the fixture


def test_index_measure_ranks_growth():
    out = gz.compare(PANEL, indicator="rd_expenditure", measure="index")
    # index 2022: Guangzhou 121, Shenzhen 121, Wuhan 100: a tie for first.
    assert list(out[out["year"] == 2022].sort_values("city")["rank"]) == [1, 1, 3]


def test_shares_have_no_per_capita_form():
    out = gz.compare(PANEL, indicator="rd_intensity")
    assert out["per_capita"].isna().all() and out["per_gdp"].isna().all()


def test_rank_indicator_lower_is_better():
    out = gz.compare(PANEL, indicator="nature_index_rank")
    gz23 = row(out, "Guangzhou", 2023)
    # ranks 1 (Beijing), 3 (Shanghai), 8 (Guangzhou): Guangzhou third; median 3.
    assert (gz23["rank"], gz23["leader"]) == (3, "Beijing")
    assert (gz23["gap_to_leader"], gz23["gap_to_median"]) == (7, 5)


def test_unknown_measure_is_refused():
    with pytest.raises(ValueError, match="measure"):
        gz.compare(PANEL, indicator="gdp", measure="per_km2")


def test_peer_growth_starts_at_the_first_value_since():
    out = peer_growth(PANEL, "rd_expenditure", since=2020).set_index("city")
    assert out.loc["Shenzhen", "growth"] == pytest.approx(0.1)  # (1815/1500)**(1/2) - 1


TARGET_DATA = table("""
indicator_id,city,year,value
rd_intensity,Guangzhou,2015,2.1
rd_intensity,Guangzhou,2020,3.1
rd_intensity,Guangzhou,2023,3.44
rd_intensity,Shenzhen,2015,4.18
rd_intensity,Shenzhen,2020,5.46
rd_intensity,Shanghai,2016,3.8
rd_intensity,Shanghai,2020,4.17
""")
TARGETS = targets(("rd_intensity", "Guangzhou", 3.4, "gt"),
                  ("rd_intensity", "Shenzhen", 5.5, "ge", {"baseline_value": 5.46}),
                  ("rd_intensity", "Shanghai", 4.5, "approx"))


def test_compare_targets_implied_and_past_growth():
    out = gz.compare_targets(TARGET_DATA, targets=TARGETS).set_index("city")
    implied = {"Guangzhou": (3.4 / 3.1) ** 0.2 - 1,   # 1.86% a year
               "Shenzhen": (5.5 / 5.46) ** 0.2 - 1,   # 0.15% a year
               "Shanghai": (4.5 / 4.17) ** 0.2 - 1}   # 1.53% a year
    for city, g in implied.items():
        assert out.loc[city, "implied_growth"] == pytest.approx(g)
    assert out["ambition_rank"].to_dict() == {"Guangzhou": 1, "Shanghai": 2, "Shenzhen": 3}
    assert out.loc["Guangzhou", "implied_change"] == pytest.approx((3.4 - 3.1) / 5)
    # past growth: 2015-2020 for Guangzhou; Shanghai's window starts at its first value, 2016.
    assert out.loc["Guangzhou", "past_growth"] == pytest.approx((3.1 / 2.1) ** 0.2 - 1)
    assert out.loc["Shanghai", "past_growth"] == pytest.approx((4.17 / 3.8) ** 0.25 - 1)
    assert out.loc["Guangzhou", "ambition_ratio"] == pytest.approx(implied["Guangzhou"] / ((3.1 / 2.1) ** 0.2 - 1))
    assert out.loc["Shenzhen", "baseline_basis"] == "registry"
    assert (out.loc["Guangzhou", "latest_year"], out.loc["Guangzhou", "latest_value"]) == (2023, 3.44)


def test_compare_targets_filters():
    out = gz.compare_targets(TARGET_DATA, targets=TARGETS, cities=["Guangzhou", "Shenzhen"])
    assert set(out["city"]) == {"Guangzhou", "Shenzhen"}
    assert gz.compare_targets(TARGET_DATA, targets=TARGETS, indicator="gdp").empty


def test_compare_targets_on_the_registry():
    out = gz.compare_targets()
    assert len(out) == len(gz.targets())
    assert isinstance(out, pd.DataFrame) and "implied_growth" in out
