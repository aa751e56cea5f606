"""Plans as data: the plan registry, the 2030 targets and their ambition, worked out by hand."""

import io
import math
from contextlib import redirect_stdout

import jsonschema
import pandas as pd
import pytest
import yaml

import gzinnov as gz
from gzinnov.registry import DATA_DIR, PLAN_COLUMNS, registry_schema
from test_assess import series

GZ_OUTLINE_URL = "https://www.gz.gov.cn/zwgk/fggw/szfwj/content/post_10833640.html"


def test_plans_file_follows_the_schema():
    schema = registry_schema()
    doc = yaml.safe_load((DATA_DIR / "plans.yaml").read_text("utf-8"))
    jsonschema.validate(doc, dict(schema["$defs"]["plans"], **{"$defs": schema["$defs"]}))
    peer = yaml.safe_load((DATA_DIR / "peer_targets.yaml").read_text("utf-8"))
    jsonschema.validate(peer, dict(schema["$defs"]["peer_targets"], **{"$defs": schema["$defs"]}))


def test_plans_table_lists_guangzhous_plans():
    plans = gz.plans().set_index("plan_id")
    assert list(gz.plans().columns) == PLAN_COLUMNS
    st, fyp = plans.loc["gz_st_14"], plans.loc["gz_fyp_15"]
    assert (st["doc_number"], st["period_start"], st["period_end"]) == ("穗府办〔2022〕1号", 2021, 2025)
    assert (fyp["doc_number"], fyp["published"], fyp["period_end"]) == ("穗府〔2026〕4号", "2026-05-29", 2030)
    assert set(plans["city"]) >= {"Guangzhou", "Beijing", "Shanghai", "Shenzhen", "Hangzhou", "Nanjing", "Suzhou"}


def test_every_target_belongs_to_a_plan_of_its_city_with_a_known_source():
    goals, plans = gz.targets(), gz.plans().set_index("plan_id")
    assert goals["plan_id"].isin(plans.index).all()
    assert (plans.loc[goals["plan_id"], "city"].to_numpy() == goals["city"].to_numpy()).all()
    assert set(plans["source_id"]) <= set(gz.sources()["source_id"])
    assert set(goals["binding"]) <= {"", "binding", "expected"}


@pytest.mark.parametrize("indicator_id, value, relation, wording", [
    ("rd_intensity", 4.0, "approx", "4.0左右"),
    ("high_value_patents_per_10k", 60, "ge", "43.9 60"),
    ("enterprise_rd_share", 70, "ge", "66 70"),
    ("digital_core_share", 18.0, "ge", "15.0 18.0"),
])
def test_guangzhou_2030_targets_as_the_outline_states_them(indicator_id, value, relation, wording):
    goals = gz.targets(city="Guangzhou", year=2030).set_index("indicator_id")
    row = goals.loc[indicator_id]
    assert (row["target_value"], row["relation"], row["plan_id"]) == (value, relation, "gz_fyp_15")
    assert wording in row["quote"] and "预期性" in row["quote"] and row["binding"] == "expected"
    assert row["baseline_year"] == 2025
    source = gz.sources().set_index("source_id").loc[row["source_id"]]
    assert source["url"] == GZ_OUTLINE_URL


def test_existing_calls_keep_working():
    assert len(gz.targets("Guangzhou", plan="gz_st_14")) == 12
    assert len(gz.targets("Guangzhou")) == 16
    assert set(gz.targets(plan="beijing_fyp_15")["city"]) == {"Beijing"}


def test_unknown_plan_is_refused_by_name():
    with pytest.raises(gz.RegistryError, match="gz_fyp_15"):
        gz.targets(plan="gz_fyp15")


def test_a_target_naming_an_undeclared_plan_is_refused(tmp_path):
    for name in ("indicators.yaml", "plans.yaml"):
        (tmp_path / name).write_text((DATA_DIR / name).read_text("utf-8"), "utf-8")
    text = (DATA_DIR / "peer_targets.yaml").read_text("utf-8").replace("plan_id: suzhou_fyp_15", "plan_id: suzhou_fyp_51")
    (tmp_path / "peer_targets.yaml").write_text(text, "utf-8")
    from gzinnov.registry import load_registry

    with pytest.raises(gz.RegistryError, match="suzhou_fyp_51.*did you mean 'suzhou_fyp_15'"):
        load_registry(str(tmp_path))


def test_2030_scorecard_rows_for_guangzhou_and_five_peers():
    card = gz.scorecard(target_year=2030, city=None, lang="en")
    assert {"Guangzhou", "Beijing", "Shanghai", "Shenzhen", "Hangzhou", "Nanjing", "Suzhou"} <= set(card["city"])
    assert (card["target_year"] == 2030).all() and card["plan_id"].str.endswith("_fyp_15").all()
    assert set(gz.scorecard(plan="beijing_fyp_15")["city"]) == {"Beijing"}


def test_as_of_leaves_out_plans_published_later():
    assert "gz_fyp_15" not in set(gz.scorecard(as_of="2026-01-01")["plan_id"])
    assert "gz_fyp_15" in set(gz.scorecard(as_of="2026-06-01")["plan_id"])


def test_as_of_keeps_the_values_published_by_then():
    data = series("rd_intensity", [(2020, 3.1), (2025, 3.4), (2025, 3.45)]).assign(
        published=["2021-09-01", "2026-05-29", "2026-09-30"], status="final")
    early = gz.scorecard(data, plan="gz_st_14", as_of="2026-06-30").set_index("indicator_id")
    late = gz.scorecard(data, plan="gz_st_14", as_of="2026-12-01").set_index("indicator_id")
    # "突破3.4%": 3.4 cannot be told apart from the threshold, 3.45 exceeds it
    assert early.loc["rd_intensity", "status"] == "met_at_precision"
    assert late.loc["rd_intensity", "status"] == "achieved"


# ---- Ambition: required pace from 2025 against achieved pace 2020-2025 ----

# Guangzhou R&D intensity: 3.10 in 2020 (inline fixture), 3.4 in 2025 (the outline), ≈ 4.0 by 2030.
RD = series("rd_intensity", [(2020, 3.1), (2021, 3.12), (2022, 3.43), (2023, 3.44)])


def test_required_and_achieved_pace_by_hand():
    row = gz.ambition(RD, city="Guangzhou", indicator="rd_intensity", projections=False).iloc[0]
    assert (row["base_year"], row["base_value"], row["target_value"]) == (2025, 3.4, 4.0)
    # a share: points a year. Required (4.0 - 3.4) / 5 = 0.12; achieved (3.4 - 3.1) / 5 = 0.06
    assert row["pace_unit"] == "points"
    assert row["required_pace"] == pytest.approx(0.12)
    assert row["achieved_pace"] == pytest.approx(0.06)
    assert (row["achieved_from"], row["achieved_to"]) == (2020, 2025)
    assert row["ambition_ratio"] == pytest.approx(2.0)
    # as growth: (4.0 / 3.4) ** (1/5) - 1 = 0.03305; (3.4 / 3.1) ** (1/5) - 1 = 0.01864
    assert row["required_growth"] == pytest.approx(0.033038, abs=1e-6)
    assert row["achieved_growth"] == pytest.approx((3.4 / 3.1) ** 0.2 - 1)
    assert row["increase"] == pytest.approx(0.6)


def test_counts_use_growth_rates():
    # High-value patents per 10k: 43.9 → 60 in five years: (60 / 43.9) ** 0.2 - 1 = 0.06448.
    row = gz.ambition(series("high_value_patents_per_10k", [(2021, 20.0)]), city="Guangzhou",
                      indicator="high_value_patents_per_10k", projections=False).iloc[0]
    assert row["pace_unit"] == "growth"
    assert row["required_pace"] == pytest.approx((60 / 43.9) ** 0.2 - 1)
    # achieved from the earliest value in 2020-2024: 20 (2021) → 43.9 (2025), four years
    assert row["achieved_pace"] == pytest.approx((43.9 / 20) ** 0.25 - 1)
    assert row["achieved_from"] == 2021


def test_ranks_among_the_cities_with_a_2030_rd_intensity_target():
    # Targets: Shenzhen 7, Beijing > 6, Shanghai > 5, Suzhou ≈ 4.8, Hangzhou 4.5, Guangzhou ≈ 4.0.
    table = gz.ambition(RD, indicator="rd_intensity", projections=False).set_index("city")
    assert table["rank_target"].to_dict() == {"Shenzhen": 1, "Beijing": 2, "Shanghai": 3, "Suzhou": 4,
                                               "Hangzhou": 5, "Guangzhou": 6}
    assert (table["n_cities"] == 6).all()
    # Increases committed: Suzhou 4.2 → 4.8 and Guangzhou 3.4 → 4.0 are the largest (0.6 point)
    assert table.loc["Suzhou", "increase"] == pytest.approx(0.6)
    assert table.loc["Shenzhen", "increase"] == pytest.approx(7 - 6.67)


def test_ambition_has_feasibility_columns_from_the_scorecard():
    table = gz.ambition(RD, city="Guangzhou", indicator="rd_intensity")
    assert 0 <= table["p_meet"].iloc[0] <= 1 and table["projected_value"].iloc[0] > 0
    assert table["status"].iloc[0] in gz.analysis.assess.TREND_STATUSES


def test_plan_headline_on_the_packaged_14th_plan():
    card = gz.scorecard(plan="gz_st_14", lang="en")
    headline = gz.plan_headline(card, lang="en")
    assert headline.startswith("Of 12 targets: ")
    zh = gz.plan_headline(gz.scorecard(plan="gz_st_14"), lang="zh")
    assert zh.startswith("12项目标中：已实现") and zh.endswith("。")
    # every target with a 2025 value gets a final or provisional verdict, never a nowcast
    has_2025 = card["latest_year"] == 2025
    assert (card.loc[has_2025, "verdict_basis"] != "nowcast").all()


def test_cli_plans_lists_the_plans():
    from gzinnov.cli import main

    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["plans", "--city", "Guangzhou"]) == 0
    assert "gz_fyp_15" in out.getvalue() and "穗府〔2026〕4号" in out.getvalue()


def test_guangzhou_2025_values_from_the_outline_give_provisional_verdicts():
    # The outline (专栏1) states 2025 values 3.4 (R&D intensity) and 43.9 (high-value patents),
    # entered as preliminary until the statistical releases confirm them.
    data = pd.concat([series("rd_intensity", [(2020, 3.1), (2025, 3.4)]),
                      series("high_value_patents_per_10k", [(2025, 43.9)])], ignore_index=True)
    data["status"] = ["final", "preliminary", "preliminary"]
    card = gz.scorecard(data, plan="gz_st_14", lang="en").set_index("indicator_id")
    rd, hvp = card.loc["rd_intensity"], card.loc["high_value_patents_per_10k"]
    # "突破3.4%" (> 3.4) against a published 3.4: met at the published precision
    assert (rd["status"], rd["verdict_basis"]) == ("met_at_precision", "provisional")
    assert "S&T funding statistical bulletin" in rd["settled_by"]
    # "达30件以上" (≥ 30) against 43.9: achieved
    assert (hvp["status"], hvp["verdict_basis"]) == ("achieved", "provisional")
    headline = gz.plan_headline(card.reset_index(), lang="en")
    assert headline == ("Of 12 targets: 1 achieved, 0 not achieved, 1 met at the published precision, "
                        "10 not yet published (2 of the verdicts provisional).")
