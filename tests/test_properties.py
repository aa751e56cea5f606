"""Properties of reading user files, checked on many generated files.

1. Any file either loads or raises DataError: never another exception.
2. A valid table written in any of the accepted layouts loads back with exactly the
   numbers that were written: none lost, none changed.
"""

import math
import tempfile
import unicodedata
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import gzinnov as gz
from gzinnov.errors import DataWarning
from gzinnov.ingest.read import COLUMN_ALIASES
from gzinnov.registry import load_registry

FOLDER = Path(tempfile.mkdtemp(prefix="gzinnov-properties-"))
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BY_ID, _ = load_registry()

# cells people type, good and bad
TOKENS = ["3.4", "3,4", "1,234.5", "2,645", "３．４３", "3.43①", "3.12*", "1.2万", "2413.1亿元", "3500人", "46.9%",
          "340%", "—", "…", "", " ", "-4", "0", "1e400", "inf", "nan", "=1+2", "#DIV/0!", "超过3500家", "20余家",
          "2022", "２０２２", "2022年", "20222", "2022.5", "1905-07-14", "Guangzhou", "广州", "rd_intensity",
          "R&D投入强度", "nature_index_rank", "final", "初步核算", "true", "maybe", "注:说明", "资料来源:统计局",
          '"', '""', "a\nb", "\r", "\t", ";", ",", "\x00", "\ufeff", "\u2028", "𠀀", "单位:万元", "数值(万元)"]
EXTRA_HEADERS = ["unit", "status", "ref", "note", "lower_bound", "序号", "", "2021"]
CELL = st.one_of(st.sampled_from(TOKENS), st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12))


def _write(name, data):
    path = FOLDER / name
    path.write_bytes(data)
    return path


def _loads_or_data_error(path):
    """Assert the one allowed outcome of reading ``path``; return the table or None."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no stray warning from pandas or numpy either
        warnings.simplefilter("ignore", DataWarning)
        problems = gz.validate(path, lang="zh")
        assert problems["message"].map(len).gt(0).all()
        try:
            table = gz.load_observations(path)
        except gz.DataError as exc:
            assert exc.problems and len(exc.problems) == len(problems)
            assert all(p.file == path.name or p.file == str(path) for p in exc.problems)
            event(f"refused: {exc.problems[0].expected[:30]}")
            return None
    event("loaded")
    assert problems.empty
    assert table["value"].map(math.isfinite).all()
    return table


@SETTINGS
@given(st.text(max_size=400), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]))
def test_any_text_loads_or_gives_data_error(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    _loads_or_data_error(_write("any.csv", data))


@SETTINGS
@given(st.binary(max_size=400), st.sampled_from(["bytes.csv", "bytes.xlsx", "bytes.xls"]))
def test_any_bytes_load_or_give_data_error(data, name):
    _loads_or_data_error(_write(name, data))


@st.composite
def tables(draw):
    """Text shaped like a spreadsheet export: header, rows, notes; some cells broken."""
    delimiter = draw(st.sampled_from([",", "\t", ";"]))
    required = draw(st.permutations(["indicator_id", "city", "year", "value", "source_id"]))
    columns = required[:draw(st.sampled_from([3, 4, 5, 5, 5, 5]))]
    columns += draw(st.lists(st.sampled_from(EXTRA_HEADERS), max_size=3, unique=True))
    header = [draw(st.sampled_from(COLUMN_ALIASES.get(c, [c]))) for c in columns]
    width = len(header)
    rows = draw(st.lists(st.lists(CELL, min_size=0, max_size=width + 2), max_size=6))
    above = draw(st.lists(st.lists(CELL, max_size=3), max_size=2))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))

    def line(cells):
        quote = draw(st.booleans())
        return delimiter.join(f'"{c}"' if quote and '"' not in c else c for c in cells)

    return newline.join(line(r) for r in above + [header] + rows)


@SETTINGS
@given(tables(), st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_spreadsheet_shaped_text_loads_or_gives_data_error(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8", "surrogatepass")
    _loads_or_data_error(_write("shaped.csv", data))


CITIES = ["Guangzhou", "Beijing", "Shanghai", "Shenzhen", "Xi'an", "City042"]


@st.composite
def valid_rows(draw):
    """Distinct observations inside each indicator's bounds and sanity ceiling, of years that are over.

    Indicators whose target is a total need a 口径 (当年新增/累计) column: the corpus tests them.
    """
    import datetime as dt

    levels = sorted(i for i, ind in BY_ID.items() if ind.measure != "cumulative")
    keys = draw(st.lists(st.tuples(st.sampled_from(levels), st.sampled_from(CITIES),
                                   st.integers(1949, dt.date.today().year)), min_size=1, max_size=12, unique=True))
    rows = []
    for iid, city, year in keys:
        lo, hi = BY_ID[iid].bounds
        hi = min(hi if hi is not None else 1e4, 1e4)  # 1e4: below every unit's sanity ceiling
        value = draw(st.floats(lo, hi, allow_nan=False, allow_infinity=False))
        rows.append((iid, city, year, value))
    return rows


def _typed(value, style):
    """Write ``value`` the way a spreadsheet user might; float(result read back) == value."""
    text = repr(value)
    if style == "grouped" and "e" not in text and abs(value) >= 1000:
        whole, _, fraction = text.partition(".")
        text = f"{int(whole):,}" + (f".{fraction}" if fraction else "")
    if style == "fullwidth":
        text = "".join(chr(ord(c) + 0xFEE0) if c in "0123456789." else c for c in text)
        assert float(unicodedata.normalize("NFKC", text)) == value
    return text


@SETTINGS
@given(valid_rows(), st.sampled_from([",", "\t", ";"]), st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]),
       st.permutations(["indicator_id", "city", "year", "value", "source_id", "备注"]),
       st.sampled_from(["plain", "grouped", "fullwidth"]), st.booleans(), st.sampled_from(["\n", "\r\n", "\r"]))
def test_valid_table_loads_back_with_the_same_numbers(rows, delimiter, encoding, columns, style, chinese, newline):
    if delimiter == ";" and style == "grouped":
        style = "plain"  # a comma in a semicolon file is refused as ambiguous (tested in the corpus)
    names = {"indicator_id": "指标", "city": "城市", "year": "年份", "value": "数值", "source_id": "来源"}
    header = [names.get(c, c) if chinese else c for c in columns]
    lines = [delimiter.join(header)]
    for iid, city, year, value in rows:
        cells = {"indicator_id": iid, "city": city, "year": str(year), "value": _typed(value, style),
                 "source_id": "src", "备注": "note"}
        lines.append(delimiter.join(f'"{cells[c]}"' if delimiter in cells[c] else cells[c] for c in columns))
    path = _write("valid.csv", (newline.join(lines) + newline).encode(encoding))
    table = _loads_or_data_error(path)
    assert table is not None, gz.validate(path)["message"].tolist()
    got = {(r.indicator_id, r.city, int(r.year)): r.value for r in table.itertuples()}
    assert got == {(iid, city, year): value for iid, city, year, value in rows}


@pytest.fixture(scope="module", autouse=True)
def _clean_folder():
    yield
    for path in FOLDER.iterdir():
        path.unlink()
    FOLDER.rmdir()
