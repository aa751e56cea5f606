import json
import math
import re
from pathlib import Path

import pandas as pd
import pytest

import gzinnov as gz
from gzinnov.ingest.load import coverage_report
from gzinnov.derive import DERIVATIONS
from gzinnov.registry import DATA_DIR

# Guangzhou Statistical Yearbook 2023, table 17-5 (主要年份研究与试验发展(R&D)投入情况):
# year, R&D expenditure (亿元), R&D personnel (万人), FTE (万人年), intensity (%)
TABLE_17_5 = [
    (2015, 380.13, 16.57, 10.96, 2.10),
    (2016, 457.46, 16.27, 11.02, 2.34),
    (2017, 532.41, 19.57, 11.80, 2.48),
    (2018, 600.17, 20.36, 13.42, 2.63),
    (2019, 677.74, 22.90, 15.06, 2.87),
    (2020, 774.84, 23.93, 16.04, 3.10),
    (2021, 881.72, 23.57, 15.24, 3.12),
    (2022, 988.36, 27.87, 18.32, 3.43),
]
# Guangzhou Statistical Yearbook 2022, table 3-3: employed persons (人), revised to the 7th census.
TABLE_3_3 = {2015: 9279100, 2016: 9800400, 2017: 10371700, 2018: 11023600, 2019: 11258900,
             2020: 11580100, 2021: 11634400}


@pytest.fixture(scope="module")
def obs():
    return gz.observations()


def value(obs, indicator, year, city="Guangzhou"):
    rows = obs[(obs.indicator_id == indicator) & (obs.city == city) & (obs.year == year)]
    assert len(rows) == 1, f"{indicator} {city} {year}: {len(rows)} rows"
    return rows["value"].iloc[0]


@pytest.mark.parametrize("year, rd, people, fte, intensity", TABLE_17_5)
def test_yearbook_table_17_5_exactly(obs, year, rd, people, fte, intensity):
    assert value(obs, "rd_expenditure", year) == pytest.approx(rd)
    assert value(obs, "rd_intensity", year) == pytest.approx(intensity)
    # registry units: persons and person-years, the table prints 万人 and 万人年
    assert value(obs, "rd_personnel_headcount", year) == pytest.approx(people * 10_000)
    assert value(obs, "rd_personnel_fte", year) == pytest.approx(fte * 10_000)


@pytest.mark.parametrize("year, persons", sorted(TABLE_3_3.items()))
def test_yearbook_table_3_3_employed_persons(obs, year, persons):
    assert value(obs, "employed_persons", year) == pytest.approx(persons / 10_000)  # registry unit 万人


def test_rd_staff_per_10k_matches_the_published_check_values(obs):
    # 2015: 10.96万人年 / 927.91万人 = 109600 / 927.91 = 118.11; 2020: 160400 / 1158.01 = 138.51
    assert value(obs, "rd_staff_per_10k_employed", 2015) == pytest.approx(118.11, abs=0.01)
    assert value(obs, "rd_staff_per_10k_employed", 2020) == pytest.approx(138.51, abs=0.01)


def test_every_derived_value_recomputes_from_its_inputs(obs):
    derived = obs[obs.status == "derived"]
    assert len(derived) > 0
    indexed = obs.set_index(["indicator_id", "city", "year"])["value"]
    for row in derived.itertuples():
        num_id, den_id, factor = DERIVATIONS[row.indicator_id]
        expected = indexed[(num_id, row.city, row.year)] / indexed[(den_id, row.city, row.year)] * factor
        assert row.value == pytest.approx(expected)
        assert num_id in row.note and den_id in row.note


def test_published_ratio_wins_over_derived(obs):
    # industrial_rd_to_revenue 2023 is published (1.83%), so no derived row may replace it
    rows = obs[(obs.indicator_id == "industrial_rd_to_revenue") & (obs.year == 2023)]
    if len(rows):
        assert (rows["status"] != "derived").all()


def test_no_key_twice(obs):
    assert not obs.duplicated(["indicator_id", "city", "year"]).any()


def test_every_row_traces_to_a_source_with_a_url(obs):
    src = gz.sources().set_index("source_id")
    assert not src.index.duplicated().any()
    assert set(obs["source_id"]) <= set(src.index)
    urls = src.loc[sorted(set(obs["source_id"])), "url"]
    assert urls.str.match(r"^https?://\S+$").all(), urls[~urls.str.match(r"^https?://")]


def test_every_target_source_and_kind_is_known():
    src = gz.sources()
    assert set(src["kind"]) <= {"official_statistics", "government_document", "news", "third_party_report"}
    assert set(gz.targets()["source_id"]) <= set(src["source_id"])


def test_alternatives_have_a_reason():
    alt = gz.alternatives()
    if len(alt):
        assert alt["reason"].str.strip().ne("").all()


def test_statuses_are_known(obs):
    assert set(obs["status"]) <= {"final", "preliminary", "reported", "derived"}


def test_year_on_year_jumps_are_plausible(obs):
    """A factor of ten between adjacent years is a unit slip (元 vs 万元), not growth."""
    levels = obs[~obs.indicator_id.isin(["nature_index_rank", "gii_cluster_rank"])].sort_values("year")
    for (iid, city), series in levels.groupby(["indicator_id", "city"]):
        years, values = series["year"].to_numpy(), series["value"].to_numpy()
        for (y0, v0), (y1, v1) in zip(zip(years, values), zip(years[1:], values[1:])):
            if y1 - y0 == 1 and v0 > 0:
                assert 0.25 < v1 / v0 < 4, f"{iid} {city}: {v0} ({y0}) -> {v1} ({y1})"


def test_at_least_eight_targets_have_a_baseline_or_recent_value(obs):
    gzt = gz.targets("Guangzhou")
    covered = 0
    for row in gzt.itertuples():
        years = obs.loc[(obs.indicator_id == row.indicator_id) & (obs.city == "Guangzhou"), "year"]
        if not math.isnan(row.baseline_value) or (years >= 2020).any():
            covered += 1
    assert covered >= 8


def test_readme_coverage_table_matches_the_data():
    text = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- coverage:start -->\n(.*)<!-- coverage:end -->", text, re.S).group(1)
    assert block == coverage_report(), "run: gzinnov coverage --update data/README.md"


def test_datapackage_describes_every_csv_and_validates():
    frictionless = pytest.importorskip("frictionless")
    descriptor = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    described = {r["path"] for r in descriptor["resources"]}
    on_disk = {p.name for p in DATA_DIR.glob("*.csv")}
    assert described == on_disk
    report = frictionless.Package(str(DATA_DIR / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
