import hashlib
from pathlib import Path

import pytest

import gzinnov as gz
from gzinnov.cli import main

HERE = Path(__file__).parent / "data"

# file, column the problem is in, a word the message must contain
BAD = [
    ("unknown_indicator.csv", "indicator_id", "patent_magic"),
    ("not_a_number.csv", "value", "high"),
    ("duplicate_key.csv", "value", "second value"),
    ("impossible_year.csv", "year", "20222"),
    ("negative_count.csv", "value", "-4"),
    ("share_above_bound.csv", "value", "340"),
    ("missing_source.csv", "source_id", "source"),
    ("missing_columns.csv", "year", "no such column"),
    ("empty.csv", None, "empty"),
]


@pytest.mark.parametrize("name, column, word", BAD)
def test_bad_file_gives_a_problem_naming_file_row_and_column(name, column, word):
    problems = gz.validate(HERE / "bad" / name)
    assert len(problems) >= 1
    first = problems.iloc[0]
    assert first["file"] == name
    assert (first["column"] == column) if column else first["column"] is None
    assert word in first["message"]


@pytest.mark.parametrize("name, column, word", BAD)
def test_load_raises_data_error_with_the_same_problems(name, column, word):
    with pytest.raises(gz.DataError) as info:
        gz.load_observations(HERE / "bad" / name)
    assert info.value.file == name
    assert word in str(info.value)


def test_gbk_file_with_chinese_headers_and_names():
    data = gz.load_observations(HERE / "good" / "gbk_chinese_headers.csv").set_index("indicator_id")
    assert data.loc["rd_intensity", "value"] == pytest.approx(3.12)
    assert data.loc["rd_intensity", "city"] == "Guangzhou"
    assert data.loc["tech_contract_turnover", "value"] == pytest.approx(2413.1)


def test_utf8_bom():
    data = gz.load_observations(HERE / "good" / "utf8_bom.csv")
    assert data["value"].tolist() == [pytest.approx(3.43)]
    assert data["year"].tolist() == [2022]


def test_fullwidth_digits_separators_percent_and_unit_suffixes():
    data = gz.load_observations(HERE / "good" / "fullwidth_and_separators.csv").set_index("indicator_id")
    assert data.loc["tech_contract_turnover", "year"] == 2022
    assert data.loc["tech_contract_turnover", "value"] == pytest.approx(2645.5)
    assert data.loc["rd_intensity", "value"] == pytest.approx(3.4)
    # 3500人 in the registry unit 万人: 3500 / 10000
    assert data.loc["overseas_talent", "value"] == pytest.approx(0.35)
    # 9,800,000万元 in 亿元: 9.8e6 * 1e4 / 1e8
    assert data.loc["rd_expenditure", "value"] == pytest.approx(980.0)


def test_messages_in_chinese():
    problems = gz.validate(HERE / "bad" / "impossible_year.csv", lang="zh")
    assert "第2行" in problems.iloc[0]["message"]


def test_cli_validate_exit_codes(capsys):
    assert main(["validate", str(HERE / "good" / "utf8_bom.csv")]) == 0
    assert main(["validate", str(HERE / "bad")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for name, _, _ in BAD:
        assert name in err
    with pytest.raises(SystemExit) as usage:
        main(["validate"])
    assert usage.value.code == 2


@pytest.mark.filterwarnings("ignore::gzinnov.errors.DataWarning")
def test_input_files_are_never_modified():
    files = sorted((HERE / "bad").iterdir()) + sorted((HERE / "good").iterdir())
    before = {f: hashlib.sha256(f.read_bytes()).hexdigest() for f in files}
    for f in files:
        gz.validate(f)
    assert before == {f: hashlib.sha256(f.read_bytes()).hexdigest() for f in files}


def test_problem_columns_in_chinese_when_asked():
    problems = gz.validate(HERE / "bad" / "impossible_year.csv", lang="zh")
    expected = problems.iloc[0]["expected"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in expected), expected


# ---- names, notes and cumulative targets (the numbers below are fixtures, not published figures) ----

def _csv(tmp_path, text, name="mine.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_official_wordings_and_fullwidth_note_rows_validate_cleanly():
    path = HERE / "good" / "official_wordings_fullwidth_notes.csv"
    assert gz.validate(path).empty
    data = gz.load_observations(path).set_index(["indicator_id", "year"])
    assert data.loc[("rd_intensity", 2023), "value"] == pytest.approx(3.44)
    assert data.loc[("rd_intensity", 2022), "value"] == pytest.approx(3.43)   # 研究与试验发展经费投入强度
    assert data.loc[("national_incubators", 2022), "value"] == 45
    assert data.loc[("science_literacy", 2022), "value"] == pytest.approx(20.1)
    assert data.loc[("new_listed_tech_firms", 2023), "value"] == 15
    assert set(data["city"]) == {"Guangzhou"}


def test_the_same_notes_in_a_workbook_are_read_as_notes(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [["指标", "城市", "年份", "数值", "来源"], ["R&D经费投入强度", "广州", 2023, 3.44, "x"],
                ["注：2024年数据为初步数。"], ["资料来源：广州统计年鉴2024。"]]:
        sheet.append(row)
    book.save(tmp_path / "notes.xlsx")
    assert gz.validate(tmp_path / "notes.xlsx").empty


def test_a_misspelt_city_in_a_file_gets_a_suggestion_and_a_new_city_is_read(tmp_path):
    path = _csv(tmp_path, "指标,城市,年份,数值,来源\nR&D投入强度,广洲,2023,3.4,x\nR&D投入强度,佛山,2023,2.9,x\n")
    problems = gz.validate(path, lang="zh")
    assert problems["row"].tolist() == [2] and "是否指广州（Guangzhou）" in problems["message"].iloc[0]


def test_an_annual_count_for_a_cumulative_target_without_a_basis_is_refused(tmp_path):
    # the review's row: 新增上市科技型企业数, 广州, 2023, 15, with no 当年新增/累计
    path = _csv(tmp_path, "指标,城市,年份,数值,来源\n新增上市科技型企业数,广州,2023,15,x\n")
    problems = gz.validate(path, lang="en")
    assert problems["column"].tolist() == ["basis"]
    message = problems["message"].iloc[0]
    assert "当年新增" in message and "累计" in message and "does not guess" in message
    assert "口径" in gz.validate(path, lang="zh")["message"].iloc[0]


def test_running_totals_are_turned_into_each_years_own_figure(tmp_path):
    # 累计 since 2021: 10 (2021), 25 (2022), 40 (2023) -> the years' own figures 10, 25 - 10 = 15, 40 - 25 = 15
    path = _csv(tmp_path, "指标,城市,年份,数值,来源,口径\n" + "".join(
        f"new_listed_tech_firms,广州,{y},{v},x,累计\n" for y, v in [(2021, 10), (2022, 25), (2023, 40)]))
    data = gz.load_observations(path)
    assert data["value"].tolist() == [10, 15, 15]
    # and the scorecard sums them back: 10 + 15 + 15 = 40 over 2021-2023, the running total given
    card = gz.scorecard(gz.combine(gz.observations(), data), lang="en").set_index("indicator_id")
    assert card.at["new_listed_tech_firms", "latest_value"] == 40


def test_a_running_total_without_the_year_before_is_refused(tmp_path):
    path = _csv(tmp_path, "indicator_id,city,year,value,source_id,basis\nnew_listed_tech_firms,Guangzhou,2023,40,x,累计\n")
    problems = gz.validate(path)
    assert problems["column"].tolist() == ["basis"] and "year before" in problems["message"].iloc[0]


def test_a_future_year_is_refused(tmp_path):
    import datetime as dt

    next_year = dt.date.today().year + 1
    path = _csv(tmp_path, f"indicator_id,city,year,value,source_id\nrd_intensity,Guangzhou,{next_year},3.5,x\n")
    problems = gz.validate(path)
    assert problems["column"].tolist() == ["year"] and "year still to come" in problems["message"].iloc[0]


def test_rows_without_a_value_are_named(tmp_path):
    path = _csv(tmp_path, "indicator_id,city,year,value,source_id\nrd_intensity,Guangzhou,2021,NaN,x\n"
                          "rd_intensity,Guangzhou,2022,3.43,x\nrd_intensity,Guangzhou,2023,,x\n")
    with pytest.warns(gz.DataWarning, match=r"row\(s\) 2, 4 have no value"):
        data = gz.load_observations(path)
    assert data["year"].tolist() == [2022]


def test_messages_default_to_chinese_for_chinese_headers(tmp_path):
    path = _csv(tmp_path, "指标,城市,年份,数值,来源\nR&D投入强度,广州,20222,3.4,x\n")
    table = gz.validate(path)
    assert table.attrs["lang"] == "zh" and "第2行" in table["message"].iloc[0]
    assert gz.validate(HERE / "bad" / "impossible_year.csv").attrs["lang"] == "en"


def test_control_characters_never_reach_the_terminal(tmp_path, capsys):
    # a right-to-left override (U+202E) would make the terminal print the rest of the line backwards
    path = _csv(tmp_path, "indicator_id,city,year,value,source_id\nrd\u202eytisnetni,Guangzhou,2022,3.4,x\n",
                name="mine\u202e.csv")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "\u202e" not in err and "\\u202e" in err


def test_a_folder_or_a_missing_file_gets_one_message_and_a_nonzero_exit(tmp_path, capsys):
    assert main(["brief", "--out", str(tmp_path / "out"), "--data", str(tmp_path)]) == 1
    assert main(["validate", str(tmp_path / "missing.csv")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "a folder" in err and "no such file" in err


def test_a_pasted_yearbook_table_gets_one_message_showing_the_long_shape(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    title = "17-5 主要年份研究与试验发展(R&D)活动情况"
    sheet.append([title] * 5)  # a merged title, as Excel stores it
    sheet.append(["年份", "R&D人员全时当量(人年)", "R&D经费支出(万元)", "基础研究(万元)", "R&D经费投入强度(%)"])
    sheet.append([2015, 100, 2000, 300, 2.1])
    book.save(tmp_path / "wide.xlsx")
    problems = gz.validate(tmp_path / "wide.xlsx", lang="en")
    assert len(problems) == 1
    message = problems["message"].iloc[0]
    assert "wide table" in message and "R&D人员全时当量, 广州, 2015, 100, 人年" in message
    assert message.count(title) == 0


def test_a_merged_title_is_quoted_once(tmp_path):
    path = _csv(tmp_path, "广州市科技指标,广州市科技指标,广州市科技指标\n1,2,3\n")
    assert gz.validate(path, lang="en")["message"].iloc[0].count("广州市科技指标") == 1


def test_the_template_lists_the_missing_target_years_and_validates(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    assert main(["template", "--out", str(tmp_path / "t.xlsx"), "--city", "广州"]) == 0
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert list(rows[0]) == ["指标", "城市", "年份", "数值", "单位", "状态", "来源", "出处", "备注", "口径"]
    obs = gz.observations().query("city == 'Guangzhou'")
    have = set(zip(obs["indicator_id"], obs["year"]))
    years = {r[2] for r in rows[1:] if r[0] == "R&D投入强度"}
    assert years == {y for y in range(2021, 2026) if ("rd_intensity", y) not in have} and years
    assert book.worksheets[0]["A2"].fill.fgColor.rgb.endswith("FFF2CC")
    listing = [r[0] for r in book.worksheets[1].iter_rows(values_only=True)]
    assert "rd_intensity" in listing and "new_listed_tech_firms" in listing
    # left blank, it validates (blank rows are named in a warning); filled in, it loads
    with pytest.warns(gz.DataWarning):
        assert gz.validate(tmp_path / "t.xlsx").empty
    sheet = book.worksheets[0]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "R&D投入强度")
    row[3].value, row[6].value = 3.6, "https://example.org/bulletin"
    book.save(tmp_path / "t.xlsx")
    with pytest.warns(gz.DataWarning):
        data = gz.load_observations(tmp_path / "t.xlsx")
    assert data[["indicator_id", "city", "value"]].values.tolist() == [["rd_intensity", "Guangzhou", 3.6]]


def test_a_series_break_flag_is_read_and_a_bad_one_is_named(tmp_path):
    good = _csv(tmp_path, "indicator_id,city,year,value,source_id,series_break\n"
                          "rd_intensity,Wuhan,2015,3.02,x,\nrd_intensity,Wuhan,2016,1.91,x,是\n")
    assert gz.load_observations(good)["series_break"].tolist() == [False, True]
    bad = _csv(tmp_path, "indicator_id,city,year,value,source_id,series_break\nrd_intensity,Wuhan,2016,1.91,x,maybe\n",
               name="bad.csv")
    problems = gz.validate(bad)
    assert problems[["row", "column"]].values.tolist() == [[2, "series_break"]]
    assert "maybe" in problems["message"].iloc[0]
