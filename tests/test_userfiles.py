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
