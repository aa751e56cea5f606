"""Names as people type them: cities, indicators and the other arguments, in Python and the CLI.

The expected names are the registry's (data/indicators.yaml) and the official wordings the
review found refused (R&D经费投入强度, 国家级科技企业孵化器, 公民具备科学素质的比例,
新增上市科技型企业). An unknown name must raise, never give an empty table.
"""

import pandas as pd
import pytest

import gzinnov as gz
from gzinnov.cli import main
from gzinnov.names import (check_lang, check_plan, check_year, indicator_key, resolve_city, resolve_indicator)
from gzinnov.registry import load_registry


# ---- cities ------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, city", [
    ("Guangzhou", "Guangzhou"), ("广州", "Guangzhou"), ("广州市", "Guangzhou"), ("guangzhou", "Guangzhou"),
    ("GUANGZHOU", "Guangzhou"), (" 广州 ", "Guangzhou"), ("Canton", "Guangzhou"),
    ("Xi'an", "Xi'an"), ("Xian", "Xi'an"), ("xi’an", "Xi'an"), ("西安", "Xi'an"), ("西安市", "Xi'an"),
    ("Peking", "Beijing"), ("深圳市", "Shenzhen"), ("Chongqing City", "Chongqing"),
])
def test_every_spelling_of_a_city_resolves(typed, city):
    assert resolve_city(typed) == city


@pytest.mark.parametrize("typed, message", [
    ("广洲", "unknown city '广洲'; did you mean 广州 (Guangzhou)?"),   # 洲 for 州, the classic slip
    ("Shenzen", "did you mean Shenzhen (深圳)?"),
])
def test_a_misspelt_city_gets_a_suggestion(typed, message):
    with pytest.raises(ValueError) as err:
        resolve_city(typed)
    assert message in str(err.value)


def test_an_unknown_city_lists_the_known_ones_in_both_languages():
    with pytest.raises(gz.errors.ArgumentError) as err:
        resolve_city("Paris")
    assert "Guangzhou" in str(err.value) and "Xi'an" in str(err.value)
    assert "广州" in err.value.message("zh") and "；" in err.value.message("zh")


def test_a_city_of_the_data_is_accepted_when_given_as_known():
    assert resolve_city("foshan", known=["Foshan"]) == "Foshan"


# ---- indicators ---------------------------------------------------------------------------

@pytest.mark.parametrize("typed, iid", [
    ("rd_intensity", "rd_intensity"), ("R&D投入强度", "rd_intensity"), ("R&D经费投入强度", "rd_intensity"),
    ("研究与试验发展经费投入强度", "rd_intensity"), ("ｒ＆ｄ投入强度", "rd_intensity"), ("R&D intensity", "rd_intensity"),
    ("国家级科技企业孵化器", "national_incubators"), ("公民具备科学素质的比例", "science_literacy"),
    ("新增上市科技型企业", "new_listed_tech_firms"), ("Tech contract turnover", "tech_contract_turnover"),
])
def test_ids_names_and_official_wordings_resolve(typed, iid):
    assert resolve_indicator(typed) == iid
    assert gz.get_indicator(typed).id == iid


def test_official_wordings_are_registry_aliases():
    by_id, _ = load_registry()
    assert {"R&D经费投入强度", "研究与试验发展经费投入强度"} <= set(by_id["rd_intensity"].aliases)
    assert "国家级科技企业孵化器" in by_id["national_incubators"].aliases


def test_no_name_or_alias_belongs_to_two_indicators():
    by_id, _ = load_registry()
    owner = {}
    for ind in by_id.values():
        for name in (ind.id, ind.name_zh, ind.name_en, ind.short_zh, ind.short_en, *ind.aliases):
            key = indicator_key(name)
            assert owner.setdefault(key, ind.id) == ind.id, (name, owner[key], ind.id)


def test_a_misspelt_indicator_suggests_the_closest_and_is_both_error_kinds():
    with pytest.raises(ValueError, match=r"unknown indicator 'rd_intesity'; did you mean rd_intensity"):
        resolve_indicator("rd_intesity")
    with pytest.raises(gz.RegistryError):  # the error get_indicator always raised
        gz.get_indicator("rd_intesity")


def test_indicators_table_is_keyed_by_indicator_id_with_aliases():
    table = gz.indicators()
    assert table.columns[0] == "indicator_id" and "id" not in table
    assert "R&D经费投入强度" in table.set_index("indicator_id").at["rd_intensity", "aliases"]


# ---- other arguments ------------------------------------------------------------------------

def test_lang_names_the_accepted_languages():
    assert check_lang("zh") == "zh"
    with pytest.raises(ValueError, match=r"unknown lang 'fr'; accepted: zh \(中文\), en \(English\)"):
        check_lang("fr")


@pytest.mark.parametrize("year", ["2030", 2030.0, 2030])
def test_a_year_is_a_whole_number_in_range(year):
    assert check_year(year) == 2030


@pytest.mark.parametrize("year", [20300, 2030.5, "next year", True])
def test_a_year_out_of_range_or_not_a_year_is_refused(year):
    with pytest.raises(ValueError, match="year between 2000 and 2100"):
        check_year(year)


def test_plan_is_checked_against_the_known_ids():
    assert check_plan(None) is None and check_plan("gz_st_14", known=["gz_st_14", "gz_fyp_15"]) == "gz_st_14"
    with pytest.raises(ValueError, match="did you mean gz_st_14"):
        check_plan("gz_st14", known=["gz_st_14", "gz_fyp_15"])


# ---- the API's edge: an unknown name raises, a known one in any spelling answers the same ----

def test_scorecard_answers_the_same_for_chinese_and_english_names():
    pd.testing.assert_frame_equal(gz.scorecard(city="广州", lang="en"), gz.scorecard(city="Guangzhou", lang="en"))


def test_coverage_and_targets_answer_the_same_for_chinese_names():
    pd.testing.assert_frame_equal(gz.coverage(city="广州市"), gz.coverage(city="Guangzhou"))
    pd.testing.assert_frame_equal(gz.targets("广州"), gz.targets("Guangzhou"))
    assert len(gz.targets("广州", plan="gz_st_14")) == 12  # the S&T plan's twelve 2025 targets


@pytest.mark.parametrize("call, words", [
    (lambda: gz.project(indicator="rd_intesity"), "rd_intensity"),
    (lambda: gz.project(city="广洲"), "广州"),
    (lambda: gz.scorecard(lang="fr"), "zh (中文), en (English)"),
    (lambda: gz.outlook(lang="fr"), "zh (中文), en (English)"),
    (lambda: gz.outlook(city="Guangzho"), "Guangzhou"),
    (lambda: gz.compare(indicator="rd_intensity", cities=["Guangzhou", "Shenzen"]), "Shenzhen"),
    (lambda: gz.compare(indicator="rd_intensity", measure="per_capta"), "per_capita"),
    (lambda: gz.backtest(indicator="R&D投入强"), "rd_intensity"),
    (lambda: gz.coverage(city="Guangzho"), "Guangzhou"),
    (lambda: gz.scorecard("Guangzhou"), "city='Guangzhou'"),
    (lambda: gz.validate(pd.DataFrame()), "not a DataFrame"),
    (lambda: gz.validate("x.csv", lang="fr"), "zh (中文)"),
    (lambda: gz.plot_peer_lines(indicator="rd_intesity"), "rd_intensity"),
    (lambda: gz.plot_trajectory(indicator="rd_intensity", lang="fr"), "zh (中文)"),
])
def test_unknown_arguments_raise_a_value_error_with_a_hint(call, words):
    with pytest.raises(ValueError) as err:
        call()
    assert words in str(err.value)


def test_project_reads_an_official_wording_and_a_chinese_city():
    by_name = gz.project(indicator="R&D经费投入强度", city="广州", methods=["linear"])
    assert len(by_name) and set(by_name["indicator_id"]) == {"rd_intensity"}
    pd.testing.assert_frame_equal(by_name, gz.project(indicator="rd_intensity", city="Guangzhou", methods=["linear"]))


def test_observations_carry_the_registry_unit():
    obs = gz.observations()
    assert set(obs.loc[obs["indicator_id"] == "tech_contract_turnover", "unit"]) == {"亿元"}


# ---- the command line -------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["scorecard"], ["coverage"], ["targets"]])
def test_cli_chinese_city_gives_the_same_answer(command, capsys):
    assert main([*command, "--city", "Guangzhou"]) == 0
    english = capsys.readouterr().out
    assert main([*command, "--city", "广州市" if command == ["coverage"] else "广州"]) == 0
    assert capsys.readouterr().out == english and english.strip()


def test_cli_unknown_city_exits_2_with_one_line_and_no_traceback(capsys):
    assert main(["scorecard", "--city", "广洲", "--lang", "zh"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "gzinnov scorecard: 未知城市“广洲”；是否指广州（Guangzhou）？"


def test_cli_version_and_indicators(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0 and capsys.readouterr().out.strip() == f"gzinnov {gz.__version__}"
    assert main(["indicators", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "rd_intensity" in out and "R&D经费投入强度" in out


def test_cli_targets_print_the_plans_words(capsys):
    assert main(["targets", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    # registry: rd_intensity gt 3.4 "R&D投入强度突破3.4%"; tech_contract_turnover gt 3000 亿元 "…超过3000亿元"
    assert "突破 3.4%" in out and "超过 3,000亿元" in out and " gt " not in out
    assert main(["targets", "--lang", "en"]) == 0
    # 3000 亿元 = 3000 × 10^8 yuan = 300 × 10^9 yuan
    assert "more than 300 billion yuan" in capsys.readouterr().out


def test_cli_help_lists_accepted_values_and_an_example(capsys):
    with pytest.raises(SystemExit):
        main(["scorecard", "--help"])
    out = capsys.readouterr().out
    assert "Guangzhou" in out and "广州" in out and "example:" in out and "zh (中文)" in out
