"""The hostile-input corpus: every file in tests/data/bad/ either loads with the right
numbers or is refused with one clear message per problem, in English and Chinese.

The files are written by tests/data/make_corpus.py; the big ones are made here, in a
temporary folder. Expected values are worked out by hand from each file's text.
"""

import hashlib
import re
import warnings
from pathlib import Path

import pytest

import gzinnov as gz
from gzinnov.cli import main
from gzinnov.errors import DataWarning

BAD = Path(__file__).parent / "data" / "bad"
HEADER = "indicator_id,city,year,value,source_id\n"
GZ = "Guangzhou"

# file -> rows expected after loading: (indicator_id, city, year, value, lower_bound)
LOADS = {
    "enc_utf8_bom.csv": [("rd_intensity", GZ, 2021, 3.12, False), ("tech_contract_turnover", GZ, 2022, 2645.5, False)],
    "enc_gbk.csv": [("rd_intensity", GZ, 2021, 3.12, False), ("tech_contract_turnover", GZ, 2022, 2645.5, False)],
    "enc_gb18030.csv": [("rd_intensity", GZ, 2022, 3.43, False)],
    "enc_utf16le_tab.txt": [("rd_intensity", GZ, 2021, 3.12, False),
                            ("tech_contract_turnover", GZ, 2022, 2645.5, False)],
    "enc_utf16be.csv": [("rd_intensity", GZ, 2021, 3.12, False), ("tech_contract_turnover", GZ, 2022, 2645.5, False)],
    "delim_tab.tsv": [("rd_intensity", GZ, 2022, 3.43, False), ("tech_contract_turnover", GZ, 2022, 2645.5, False)],
    # semicolons with decimal points; "2,645.5" has both marks, so it is unambiguous
    "delim_semicolon.csv": [("rd_intensity", GZ, 2022, 3.43, False),
                            ("tech_contract_turnover", GZ, 2022, 2645.5, False)],
    "layout_title_and_merged_header.csv": [("rd_intensity", GZ, 2022, 3.43, False)],
    # a quoted title above the header, and a quoted number below it
    "layout_quoted_title.csv": [("rd_intensity", GZ, 2021, 3.12, False),
                                ("tech_contract_turnover", GZ, 2022, 2645.5, False)],
    # lines end in a bare carriage return
    "layout_old_mac_line_endings.csv": [("rd_intensity", GZ, 2021, 3.12, False), ("rd_intensity", GZ, 2022, 3.43, False)],
    # "单位:万元" above the header: 9,800,000 万元 = 9.8e6 × 1e4 / 1e8 亿元 = 980 亿元;
    # 1,352,000 万元 = 135.2 亿元
    "layout_unit_line_above.csv": [("rd_expenditure", GZ, 2022, 980.0, False),
                                   ("basic_research_expenditure", GZ, 2022, 135.2, False)],
    "layout_trailing_notes.csv": [("rd_intensity", GZ, 2022, 3.43, False)],
    "layout_column_order.csv": [("rd_intensity", GZ, 2022, 3.43, False)],
    "layout_extra_columns.csv": [("rd_intensity", GZ, 2022, 3.43, False)],
    # 数值(万元): 9,800,000 万元 = 980 亿元
    "layout_unit_in_header.csv": [("rd_expenditure", GZ, 2022, 980.0, False)],
    # 9,800,000 万元 = 980 亿元; 13.52 十亿元 = 13.52 × 1e9 / 1e8 = 135.2 亿元;
    # 3,500 人 = 3500 / 1e4 = 0.35 万人; a blank unit is the registry's (%)
    "layout_unit_column.csv": [("rd_expenditure", GZ, 2022, 980.0, False),
                               ("basic_research_expenditure", GZ, 2023, 135.2, False),
                               ("resident_population", GZ, 2022, 0.35, False), ("rd_intensity", GZ, 2022, 3.43, False)],
    "layout_blank_rows_and_spaces.csv": [("rd_intensity", GZ, 2022, 3.43, False),
                                         ("tech_contract_turnover", GZ, 2022, 2645.5, False)],
    "num_fullwidth.csv": [("rd_intensity", GZ, 2022, 3.43, False), ("tech_contract_turnover", GZ, 2022, 2645.5, False)],
    # "1,234,567" = 1234567 人; "27 604" (spaces between groups of three) = 27604 件
    "num_thousands.csv": [("tech_contract_turnover", GZ, 2022, 2645.5, False),
                          ("rd_personnel_headcount", GZ, 2022, 1234567.0, False),
                          ("invention_patents_granted", GZ, 2022, 27604.0, False)],
    # 1.2万 in 人 = 12,000; 2.88万亿元 = 2.88e12 / 1e8 = 28,800 亿元; 3500人 = 0.35 万人;
    # 0.35万人 = 0.35 万人; 20余家 = at least 20
    "num_wan_yi.csv": [("rd_personnel_headcount", GZ, 2022, 12000.0, False),
                       ("tech_contract_turnover", GZ, 2022, 2413.1, False), ("gdp", GZ, 2022, 28800.0, False),
                       ("resident_population", GZ, 2021, 0.35, False), ("resident_population", GZ, 2022, 0.35, False),
                       ("national_incubators", GZ, 2022, 20.0, True)],
    "num_percent.csv": [("rd_intensity", GZ, 2022, 3.43, False), ("hitech_output_share", GZ, 2022, 46.9, False)],
    # five marks of a missing figure (—, …, --, blank, 暂无) and one number
    "num_missing_marks.csv": [("rd_intensity", GZ, 2022, 3.43, False)],
    # footnote marks are dropped, not read as digits: 3.43① is 3.43, not 3.431
    "num_footnotes.csv": [("rd_intensity", GZ, 2021, 3.12, False), ("rd_intensity", GZ, 2022, 3.43, False),
                          ("tech_contract_turnover", GZ, 2022, 2645.5, False),
                          ("hitech_output_share", GZ, 2022, 46.9, False)],
    # 1.2E+04 = 12,000; 2.6455e3 = 2,645.5; 343e-2 = 3.43
    "num_scientific.csv": [("rd_personnel_headcount", GZ, 2022, 12000.0, False),
                           ("tech_contract_turnover", GZ, 2022, 2645.5, False),
                           ("rd_intensity", GZ, 2022, 3.43, False)],
    # 超过 / 突破 / 以上 mark a threshold
    "num_lower_bound.csv": [("high_tech_enterprises", GZ, 2022, 12000.0, True),
                            ("tech_contract_turnover", GZ, 2022, 2000.0, True),
                            ("national_incubators", GZ, 2022, 40.0, True)],
    "dup_identical_rows.csv": [("rd_intensity", GZ, 2022, 3.43, False), ("rd_intensity", GZ, 2021, 3.12, False)],
    "xlsx_several_sheets.xlsx": [("rd_intensity", GZ, 2021, 3.12, False), ("rd_intensity", GZ, 2022, 3.43, False),
                                 ("tech_contract_turnover", GZ, 2022, 2645.5, False)],
    # the saved results of =D2+232.4 (2413.1 + 232.4 = 2645.5), =2020+2 and =ROUND(3.425,2)
    "xlsx_formulas.xlsx": [("tech_contract_turnover", GZ, 2021, 2413.1, False),
                           ("tech_contract_turnover", GZ, 2022, 2645.5, False),
                           ("rd_intensity", GZ, 2022, 3.43, False)],
    "xlsx_dates_as_years.xlsx": [("rd_intensity", GZ, 2021, 3.12, False), ("rd_intensity", GZ, 2022, 3.43, False)],
    # the city cell is merged over two rows; the title and the note are merged across
    "xlsx_merged_cells.xlsx": [("rd_intensity", GZ, 2021, 3.12, False), ("rd_intensity", GZ, 2022, 3.43, False)],
    # shown as 3.43% and 46.90%, stored as 0.0343 and 0.469
    "xlsx_percent_format.xlsx": [("rd_intensity", GZ, 2022, 3.43, False),
                                 ("hitech_output_share", GZ, 2022, 46.9, False)],
}

# file -> every problem expected, in order: (row, column, a word of the English message)
REFUSED = {
    "empty.csv": [(None, None, "empty file")],
    "header_only.csv": [(1, None, "no data rows")],
    "binary_garbage.bin": [(None, None, "binary")],
    "legacy_xls.xls": [(None, None, "97-2003")],
    "html_saved_as.xls": [(None, None, "HTML")],
    "xlsx_truncated.xlsx": [(None, None, "cannot be opened")],
    "yaml_payload.yaml": [(1, None, "header row")],
    # the GBK line is line 3; the UTF-8 file is cut one byte into 局
    "enc_mixed.csv": [(3, None, "another encoding")],
    "truncated_mid_character.csv": [(3, None, "middle of a character")],
    "truncated_mid_row.csv": [(3, "year", "found 20;"), (3, "source_id", "nothing")],
    "delim_semicolon_decimal_comma.csv": [(2, "value", "decimal comma"), (3, "value", "decimal comma")],
    "layout_wide_years.csv": [(1, None, "years as columns")],
    "layout_unquoted_comma.csv": [(3, None, "6 cells where the header has 5")],
    "layout_two_value_columns.csv": [(1, "value", "two columns")],
    "layout_unclosed_quote.csv": [(3, None, "quotation mark"), (3, "value", "2,645.5"), (3, "source_id", "nothing")],
    "layout_unit_clash.csv": [(2, "unit", "the unit in the header")],
    "num_bad_forms.csv": [(2, "value", "约3.4"), (3, "value", "3.4.5"), (4, "value", "groups of three"),
                          (5, "value", "'3 4'"), (6, "value", "formula"), (7, "value", "Excel error"),
                          (8, "value", "unit written out"), (9, "value", "found the unit %"), (10, "value", "'3-4'")],
    "formula_injection.csv": [(2, "value", "formula"), (3, "value", "formula")],
    "impossible_rank_zero.csv": [(2, "value", "rank of 1 or more")],
    "impossible_unit_scale.csv": [(2, "value", "万元 or 元"), (3, "value", "probably in 人")],
    "impossible_share_percent.csv": [(2, "value", "at most 100")],
    "share_above_bound.csv": [(2, "value", "at most 100")],
    "negative_count.csv": [(2, "value", "at least 0")],
    "impossible_year.csv": [(2, "year", "20222")],
    "impossible_years.csv": [(2, "year", "four-digit"), (3, "year", "four-digit"), (4, "year", "1949 and 2100"),
                             (5, "year", "four-digit")],
    "impossible_all_at_once.csv": [(2, "indicator_id", "patent_magic"), (3, "city", "city name"),
                                   (4, "year", "20222"), (5, "value", "-4"), (6, "value", "high"),
                                   (6, "source_id", "source")],
    "status_and_flags.csv": [(2, "status", "估计"), (3, "lower_bound", "maybe")],
    "unit_unknown.csv": [(2, "unit", "亿美元")],
    "unknown_indicator.csv": [(2, "indicator_id", "patent_magic")],
    "not_a_number.csv": [(2, "value", "high")],
    "missing_source.csv": [(2, "source_id", "source")],
    "missing_columns.csv": [(1, "year", "no such column"), (1, "source_id", "no such column")],
    "duplicate_key.csv": [(3, "value", "second value")],
    "dup_same_value_other_source.csv": [(3, "value", "second value")],
    "xlsx_formulas_uncached.xlsx": [(3, "value", "formula"), (4, "year", "=2020+2"), (4, "value", "formula")],
    "xlsx_year_typed_into_date_cell.xlsx": [(2, "year", "number 2022 formatted as a date")],
}
CJK = re.compile(r"[\u4e00-\u9fff]")


def _quiet(func, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataWarning)
        return func(*args, **kwargs)


def test_every_corpus_file_is_in_the_manifest_and_there_are_forty():
    on_disk = {p.name for p in BAD.iterdir()}
    assert on_disk == set(LOADS) | set(REFUSED)
    assert not set(LOADS) & set(REFUSED)
    assert len(on_disk) >= 40


@pytest.mark.parametrize("name", sorted(LOADS))
def test_messy_but_unambiguous_file_loads_with_the_right_numbers(name):
    data = _quiet(gz.load_observations, BAD / name)
    rows = [(r.indicator_id, r.city, int(r.year), pytest.approx(r.value, rel=1e-12), bool(r.lower_bound))
            for r in data.itertuples()]
    assert rows == LOADS[name]
    assert _quiet(gz.validate, BAD / name).empty


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_bad_file_gets_one_message_per_problem(name):
    with pytest.raises(gz.DataError) as info:
        _quiet(gz.load_observations, BAD / name)
    problems = info.value.problems
    assert [(p.row, p.column) for p in problems] == [(row, col) for row, col, _ in REFUSED[name]]
    for problem, (_, _, word) in zip(problems, REFUSED[name]):
        assert problem.file == name
        assert word in problem.message("en")


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_every_message_has_its_chinese(name):
    table = _quiet(gz.validate, BAD / name, lang="zh")
    assert len(table) == len(REFUSED[name])
    with pytest.raises(gz.DataError) as info:
        _quiet(gz.load_observations, BAD / name, lang="zh")
    for problem, message in zip(info.value.problems, table["message"]):
        assert CJK.search(problem.expected_zh) and problem.expected_zh != problem.expected
        quoted = problem.found.startswith(("'", '"')) or re.fullmatch(r"-?[\d.]+", problem.found)
        assert quoted or CJK.search(problem.found_zh), problem.found
        assert message == problem.message("zh") and message.startswith(name)
        assert (f"第{problem.row}行" in message) == (problem.row is not None)
        assert not re.search(r"\b(found|expected|row|column)\b", message)


def test_chinese_message_in_full():
    # row 2 of impossible_rank_zero.csv: nature_index_rank,Guangzhou,2023,0,x
    table = gz.validate(BAD / "impossible_rank_zero.csv", lang="zh")
    assert table["message"].tolist() == [
        "impossible_rank_zero.csv，第2行，“数值”列（value）：发现0，应为1或以上的名次(1为第一名)"]


def test_sheet_is_named_in_workbook_messages():
    table = gz.validate(BAD / "xlsx_year_typed_into_date_cell.xlsx")
    assert "sheet 'data', row 2" in table["message"].iloc[0]
    assert "工作表“data”" in gz.validate(BAD / "xlsx_year_typed_into_date_cell.xlsx", lang="zh")["message"].iloc[0]


def test_all_problems_are_reported_at_once():
    with pytest.raises(gz.DataError) as info:
        gz.load_observations(BAD / "impossible_all_at_once.csv")
    assert len(info.value.problems) == 6
    assert len(str(info.value).splitlines()) == 6


def test_identical_rows_are_read_once_with_a_warning():
    with pytest.warns(DataWarning, match=r"row\(s\) 4 repeat"):
        data = gz.load_observations(BAD / "dup_identical_rows.csv")
    assert len(data) == 2


def test_gb18030_character_outside_gbk_survives():
    data = gz.load_observations(BAD / "enc_gb18030.csv")
    assert data["note"].tolist() == ["\U00020000字测试"]


def test_fifty_megabyte_file_loads_every_row(tmp_path):
    note = "备注" * 240  # 480 characters, about 1,440 bytes in UTF-8
    rows = [f"rd_intensity,City{i:05d},2022,{i % 97}.{i % 10},x,{note}\n" for i in range(36_000)]
    path = tmp_path / "big.csv"
    path.write_text("indicator_id,city,year,value,source_id,note\n" + "".join(rows), encoding="utf-8")
    assert path.stat().st_size > 50 * 2**20
    data = gz.load_observations(path)
    assert len(data) == 36_000
    # row i holds i % 97 before the point and i % 10 after: 35999 % 97 = 12, 35999 % 10 = 9
    assert data["value"].iloc[-1] == pytest.approx(12.9)
    assert data["city"].iloc[-1] == "City35999" and data["note"].iloc[0] == note


def test_fifty_megabytes_on_one_line_is_refused(tmp_path):
    path = tmp_path / "one_line.csv"
    path.write_bytes(b"7" * (50 * 2**20))
    problems = gz.validate(path)
    assert problems["message"].str.contains("header row").tolist() == [True]


def test_file_over_the_size_limit_is_refused_unread(tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as fh:
        fh.truncate(201 * 2**20)  # sparse: nothing is written
    assert "a file under 200 MB" in gz.validate(path)["message"].iloc[0]


def test_a_cell_of_200000_characters_is_kept_whole(tmp_path):
    path = tmp_path / "long_cell.csv"
    row = "rd_intensity,Guangzhou,2022,3.43,x," + "长" * 200_000
    path.write_text(f"indicator_id,city,year,value,source_id,note\n{row}\n", encoding="utf-8")
    data = gz.load_observations(path)
    assert data["value"].tolist() == [3.43] and len(data["note"].iloc[0]) == 200_000


@pytest.mark.parametrize("make, found", [(lambda p: p, "found a folder"), (lambda p: p / "missing.csv", "no such file")],
                         ids=["a folder", "a missing file"])
def test_paths_that_are_not_files(tmp_path, make, found):
    table = gz.validate(make(tmp_path), lang="en")
    assert len(table) == 1 and found in table["message"].iloc[0]


def test_cli_reports_every_refused_file_in_chinese_without_traceback(capsys):
    assert main(["validate", "--lang", "zh", str(BAD)]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    for name in REFUSED:
        assert name in captured.err
    for name in LOADS:
        assert f"{name}：通过" in captured.out


def test_input_files_are_never_written(tmp_path):
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in BAD.iterdir()}
    stamps = {p.name: p.stat().st_mtime_ns for p in BAD.iterdir()}
    for path in BAD.iterdir():
        _quiet(gz.validate, path, lang="zh")
        try:
            _quiet(gz.load_observations, path)
        except gz.DataError:
            pass
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in BAD.iterdir()} == before
    assert {p.name: p.stat().st_mtime_ns for p in BAD.iterdir()} == stamps


def test_yaml_and_formulas_are_never_executed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    gz.validate(BAD / "yaml_payload.yaml")
    assert not (tmp_path / "gzinnov_was_executed").exists()
    # the registry loader meets the same payload
    from gzinnov.registry import load_registry

    (tmp_path / "indicators.yaml").write_text((BAD / "yaml_payload.yaml").read_text("utf-8"), encoding="utf-8")
    with pytest.raises(gz.RegistryError):
        load_registry(str(tmp_path))
    assert not (tmp_path / "gzinnov_was_executed").exists()


def test_package_code_has_no_eval_exec_pickle_or_unsafe_yaml():
    for module in sorted(Path(gz.__file__).parent.rglob("*.py")):
        source = module.read_text("utf-8")
        assert not re.search(r"\b(eval|exec)\(|pickle|yaml\.load\(|yaml\.unsafe|shell=True", source), module.name
