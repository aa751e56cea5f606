import json
from importlib import resources

import jsonschema
import pytest
import yaml

import gzinnov as gz
from gzinnov.registry import DATA_DIR

# The twelve 2025 targets as worded in the press report of 22 Feb 2022
# (id, value, relation, wording that fixes the relation).
PLAN_TARGETS = [
    ("sti_platforms", 320, "ge", "达320个"),
    ("basic_research_share", 15, "ge", "提升至15%"),
    ("tech_contract_turnover", 3000, "gt", "超过3000亿元"),
    ("high_value_patents_per_10k", 30, "ge", "达30件以上"),
    ("national_incubators", 60, "gt", "超过60家"),
    ("industrial_rd_to_revenue", 1.7, "ge", "达1.7%"),
    ("hitech_output_share", 55, "ge", "达55%"),
    ("overseas_talent", 1.8, "ge", "达1.8万人"),
    ("rd_staff_per_10k_employed", 150, "ge", "达150人/万人"),
    ("rd_intensity", 3.4, "gt", "突破3.4%"),
    ("new_listed_tech_firms", 60, "gt", "超过60家"),
    ("science_literacy", 24.5, "ge", "达24.5%"),
]


def test_registry_files_follow_the_schema():
    schema = json.loads(resources.files("gzinnov").joinpath("schema/registry.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    main = yaml.safe_load((DATA_DIR / "indicators.yaml").read_text("utf-8"))
    jsonschema.validate(main, dict(schema["$defs"]["registry"], **{"$defs": schema["$defs"]}))


def test_schema_rejects_a_target_without_relation():
    schema = json.loads(resources.files("gzinnov").joinpath("schema/registry.schema.json").read_text("utf-8"))
    bad = {"city": "Guangzhou", "year": 2025, "value": 1, "source_id": "x", "quote": "q"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, dict(schema["$defs"]["target"], **{"$defs": schema["$defs"]}))


@pytest.mark.parametrize("indicator_id, value, relation, wording", PLAN_TARGETS)
def test_plan_target_as_the_report_states_it(indicator_id, value, relation, wording):
    row = gz.targets("Guangzhou", plan="gz_st_14").set_index("indicator_id").loc[indicator_id]
    assert row["target_value"] == pytest.approx(value)
    assert row["relation"] == relation
    assert row["target_year"] == 2025
    assert wording in row["quote"]


def test_exactly_twelve_guangzhou_targets_with_their_ids():
    assert sorted(gz.targets("Guangzhou", plan="gz_st_14")["indicator_id"]) == sorted(t[0] for t in PLAN_TARGETS)
    assert sorted(gz.targets("Guangzhou", year=2025)["indicator_id"]) == sorted(t[0] for t in PLAN_TARGETS)


def test_cumulative_targets_count_over_the_plan_period():
    ind = gz.indicators().set_index("indicator_id")
    cumulative = set(ind.index[ind["measure"] == "cumulative"])
    assert cumulative == {"overseas_talent", "new_listed_tech_firms"}
    periods = gz.targets("Guangzhou").set_index("indicator_id").loc[sorted(cumulative), ["period_start", "period_end"]]
    assert (periods["period_start"] == 2021).all() and (periods["period_end"] == 2025).all()


def test_ranks_are_lower_is_better_and_bounded_below_by_one():
    ind = gz.indicators().set_index("indicator_id")
    for rank in ("nature_index_rank", "gii_cluster_rank"):
        assert ind.loc[rank, "direction"] == "decrease"
        assert ind.loc[rank, "bounds"][0] == 1


def test_every_indicator_belongs_to_a_declared_group():
    assert set(gz.indicators()["group"]) <= set(gz.groups()["group"])


def test_every_target_source_is_a_known_source():
    known = set(gz.sources()["source_id"])
    assert set(gz.targets()["source_id"]) <= known


def test_indicators_are_frozen():
    ind = gz.get_indicator("rd_intensity")
    with pytest.raises(AttributeError):
        ind.decimals = 5


def test_unknown_indicator_raises_registry_error():
    with pytest.raises(gz.RegistryError, match="no_such"):
        gz.get_indicator("no_such")


@pytest.mark.parametrize("edit, word", [
    (lambda doc: doc["indicators"][0].update(direction="up"), "direction"),
    (lambda doc: doc["indicators"][0]["targets"][0].update(relation="about"), "relation"),
    (lambda doc: doc["indicators"][0].pop("unit_zh"), "unit_zh"),
])
def test_a_broken_registry_gives_a_registry_error_naming_the_field(tmp_path, edit, word):
    from gzinnov.registry import load_registry

    doc = yaml.safe_load((DATA_DIR / "indicators.yaml").read_text("utf-8"))
    edit(doc)
    (tmp_path / "indicators.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), "utf-8")
    with pytest.raises(gz.RegistryError, match=word):
        load_registry(str(tmp_path))
