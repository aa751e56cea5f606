"""Reading one cell: numbers, units, years; and the bilingual problem messages."""

import datetime as dt
import math

import numpy as np
import pytest

from gzinnov.errors import DataError, Problem, Text
from gzinnov.ingest.parse import convert, parse_number, parse_year, scale, unit_factor
from gzinnov.ingest.read import _split_header


# (cell, registry unit, value, lower bound); each value worked out by hand
NUMBERS = [
    ("3.43", "%", 3.43, False),
    ("  3.43 ", "%", 3.43, False),
    ("３．４３", "%", 3.43, False),  # full-width digits and point
    ("3.43%", "%", 3.43, False),
    ("3.43 ％", "%", 3.43, False),
    ("3.12*", "%", 3.12, False),  # footnote marks, not digits
    ("3.12①", "%", 3.12, False),
    ("3.12²", "%", 3.12, False),
    ("−3.4", "%", -3.4, False),  # U+2212 minus sign
    ("2,645.5", "亿元", 2645.5, False),
    ("1,234,567", "人", 1234567.0, False),
    ("12 345", "人", 12345.0, False),
    ("1.2E+04", "人", 12000.0, False),
    ("343e-2", "%", 3.43, False),
    ("1.2万", "人", 12000.0, False),  # 1.2 × 10^4 persons
    ("1.2万人", "万人", 1.2, False),
    ("3500人", "万人", 0.35, False),  # 3500 / 10^4, one rounding: exactly the float 0.35
    ("2413.1亿元", "亿元", 2413.1, False),
    ("2.88万亿元", "亿元", 28800.0, False),  # 2.88 × 10^12 / 10^8
    ("9800000万元", "亿元", 980.0, False),  # 9.8 × 10^6 × 10^4 / 10^8
    ("13.52十亿元", "亿元", 135.2, False),  # 13.52 × 10^9 / 10^8
    ("20余家", "家", 20.0, True),
    ("1.2万多人", "人", 12000.0, True),
    ("超过3500家", "家", 3500.0, True),
    ("突破2000亿元", "亿元", 2000.0, True),
    ("40家以上", "家", 40.0, True),
    ("第3位", "位", 3.0, False),
    ("3名", "位", 3.0, False),
    (12.5, "%", 12.5, False),
    (7, "家", 7.0, False),
]


@pytest.mark.parametrize("cell, unit, value, lower", NUMBERS)
def test_numbers_as_people_type_them(cell, unit, value, lower):
    got, is_lower, error = parse_number(cell, unit)
    assert error is None
    assert got == value  # exact: no rounding noise allowed
    assert is_lower is lower


@pytest.mark.parametrize("cell", ["", "—", "——", "…", "--", "暂无", "n/a", None, float("nan")])
def test_missing_marks_read_as_missing(cell):
    value, lower, error = parse_number(cell, "%")
    assert math.isnan(value) and error is None and lower is False


# (cell, registry unit, a word of the English message, a word of the Chinese one)
REFUSED = [
    ("high", "%", "a number in %", "数字"),
    ("约3.4", "%", "a number in %", "数字"),
    ("3.4.5", "%", "a number", "数字"),
    ("3 4", "人", "a number", "数字"),  # a space not between groups of three
    ("12,34", "亿元", "groups of three", "千位"),
    ("3-4", "%", "a number", "数字"),
    ("1.2万", "万人", "unit written out", "写明单位"),  # 1.2万 or 1.2万 × 万人?
    ("1.2万", "%", "without 万 or 亿", "不带万或亿"),
    ("3.4%", "亿元", "found the unit %", "发现单位%"),
    ("5家", "人", "found the unit 家", "发现单位家"),
    ("=B2*2", "亿元", "not a formula", "而非公式"),
    ("#DIV/0!", "%", "Excel error", "Excel错误值"),
    ("inf", "%", "a number", "数字"),
    ("1e400", "%", "a number", "数字"),
    (float("inf"), "%", "a number", "数字"),
    (True, "%", "a number", "数字"),
    (dt.datetime(2022, 1, 1), "%", "a number", "数字"),
]


@pytest.mark.parametrize("cell, unit, en, zh", REFUSED)
def test_ambiguous_or_broken_numbers_are_refused_in_both_languages(cell, unit, en, zh):
    value, _, error = parse_number(cell, unit)
    assert value is None
    assert en in error and zh in error.zh


@pytest.mark.parametrize("cell, ok", [("3,4", False), ("1,234", False), ("2,645.5", True), ("3.4", True)])
def test_semicolon_files_refuse_a_comma_that_may_be_decimal(cell, ok):
    value, _, error = parse_number(cell, "亿元", comma_ambiguous=True)
    assert (error is None) is ok
    if not ok:
        assert "decimal comma" in error and "小数逗号" in error.zh


@pytest.mark.parametrize("cell, year", [(2022, 2022), ("2022", 2022), ("2022年", 2022), ("２０２２", 2022),
                                        (2022.0, 2022), ("2022.0", 2022), (dt.datetime(2022, 1, 1), 2022),
                                        (1949, 1949), (2100, 2100)])
def test_years(cell, year):
    assert parse_year(cell) == (year, None)


@pytest.mark.parametrize("cell, word", [("20222", "four-digit"), ("22", "four-digit"), ("2022.5", "four-digit"),
                                        (1948, "between 1949 and 2100"), (2101, "between 1949 and 2100"),
                                        (None, "four-digit"), (True, "four-digit"),
                                        (dt.datetime(2022, 6, 30), "1 January"),
                                        # Excel's serial 2022 is 1905-07-14: 2022 days after 1899-12-30
                                        (dt.datetime(1905, 7, 14), "number 2022 formatted as a date")])
def test_impossible_years(cell, word):
    year, error = parse_year(cell)
    assert year is None and word in error and error.zh


@pytest.mark.parametrize("value, factor, expected", [(3500, 1e-4, 0.35), (2.88, 1e4, 28800.0), (3.0, 1.0, 3.0),
                                                     (13.52, 10.0, 135.2)])
def test_scale_rounds_once(value, factor, expected):
    # 3500 × 1e-4 in floating point is 0.35000000000000003; 3500 / 1e4 is 0.35
    assert scale(value, factor) == expected
    assert scale(np.array([value, value]), np.array([factor, 1.0])).tolist() == [expected, value]


def test_units_convert_within_a_dimension_only():
    assert unit_factor("万元", "亿元") == pytest.approx(1e-4)
    assert unit_factor("人", "万人") == pytest.approx(1e-4)
    assert unit_factor("人", "亿元") is None
    assert convert(9800000, "万元", "亿元") == 980.0
    assert convert(3.4, "", "%") == 3.4
    with pytest.raises(ValueError):
        convert(1, "家", "%")


@pytest.mark.parametrize("cell, column, unit", [("数值(万元)", "value", "万元"), ("数值（亿元）", "value", "亿元"),
                                                ("value (100 million yuan)", "value", "100 million yuan"),
                                                ("年份(年)", "year", "年"), (" 指标 ", "indicator_id", None),
                                                ("Source", "source_id", None), ("序号", None, None), (None, None, None)])
def test_header_cells_with_units_in_brackets(cell, column, unit):
    assert _split_header(cell) == (column, unit)


def test_problem_message_in_both_languages():
    problem = Problem("f.csv", 3, "value", "'3,4'", Text("a number in %", "以%为单位的数字"))
    assert problem.message("en") == "f.csv, row 3, column 'value': found '3,4'; expected a number in %"
    assert problem.message("zh") == "f.csv，第3行，“数值”列（value）：发现'3,4'，应为以%为单位的数字"
    assert problem.expected_zh == "以%为单位的数字" and problem.found_zh == "'3,4'"


def test_problem_names_the_sheet_and_describes_what_was_found():
    problem = Problem("b.xlsx", None, None, Text("binary content", "二进制内容"), Text("a CSV file", "CSV文件"),
                      sheet="数据")
    assert problem.message("en") == "b.xlsx, sheet '数据': found binary content; expected a CSV file"
    assert problem.message("zh") == "b.xlsx，工作表“数据”：发现二进制内容，应为CSV文件"


def test_data_error_lists_every_problem_in_its_language():
    problems = [Problem("f.csv", 2, "year", "'22'", Text("a four-digit year", "四位数的年份")),
                Problem("f.csv", 3, "city", Text("nothing", "空白"), Text("a city name", "城市名称"))]
    error = DataError(problems, lang="zh")
    assert str(error).splitlines() == ["f.csv，第2行，“年份”列（year）：发现'22'，应为四位数的年份",
                                       "f.csv，第3行，“城市”列（city）：发现空白，应为城市名称"]
    assert (error.file, error.row, error.column) == ("f.csv", 2, "year")


def test_text_is_a_plain_string_with_its_chinese():
    text = Text("a number", "数字")
    assert text == "a number" and isinstance(text, str) and text.zh == "数字"
    import pickle

    assert pickle.loads(pickle.dumps(text)).zh == "数字"
