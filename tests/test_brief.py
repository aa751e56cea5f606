"""The briefing pack: every file and chart, tables that agree, safe text, and an all-or-nothing build."""

import hashlib
import warnings
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

import gzinnov as gz
from gzinnov.brief import build as brief
from gzinnov.brief.html import render_index
from gzinnov.brief.tables import neutralise
from gzinnov.cli import main
from gzinnov.errors import DataError, GzinnovError
from gzinnov.style import STATUS_COLORS

OVERVIEW = ["scorecard", "dashboard", "status-by-city", "status-by-year", "outlook-2030"]
PER_INDICATOR = ["trajectory", "peers-ranked", "peer-lines", "indexed", "ambition"]
SMALL = {"indicators": ["rd_intensity"], "lang": "en", "progress": False}


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    """The whole pack, both languages, from the packaged data: what `gzinnov brief` makes."""
    return gz.build_brief(tmp_path_factory.mktemp("full") / "briefing", progress=False)


@pytest.fixture(scope="module")
def small_pack(tmp_path_factory):
    """A pack of one indicator in English: something for a new build to replace."""
    return gz.build_brief(tmp_path_factory.mktemp("small") / "pack", **SMALL)


def tree(folder):
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(Path(folder).rglob("*")) if p.is_file()}


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.refs += [(tag, name, value) for name, value in attrs if name in ("src", "href")]


def test_the_pack_has_every_file(pack):
    names = {p.name for p in pack.iterdir()}
    assert {"index.html", "briefing-zh.pdf", "briefing-en.pdf", "scorecard.csv", "scorecard.xlsx", "scorecard.md",
            "data.csv", "sources.md", "charts"} <= names


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_chart_type_and_a_trajectory_for_each_of_the_twelve_targets(pack, lang):
    ids = list(gz.targets("Guangzhou")["indicator_id"])
    assert len(ids) == 12
    expected = OVERVIEW + [f"{kind}-{i}" for i in ids for kind in PER_INDICATOR]
    for name in expected:
        for suffix in (".png", ".svg"):
            assert (pack / "charts" / lang / (name + suffix)).stat().st_size > 0, name + suffix


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_chart_book_has_a_page_per_chart(pack, lang):
    pdf = (pack / f"briefing-{lang}.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") == 5 + 5 * 12


def test_the_scorecard_comes_first_in_the_chart_book():
    data = pd.DataFrame(columns=["indicator_id", "city", "year", "value", "status", "source_id", "lower_bound"])
    plan = brief.chart_plan({"data": data, "city": "Guangzhou", "projections": None, "indicators": ["rd_intensity"]},
                            "en")
    assert plan[0]["id"] == "scorecard"


def test_index_html_shows_every_chart_and_loads_nothing_from_outside(pack):
    page = (pack / "index.html").read_text("utf-8")
    links = Links()
    links.feed(page)
    images = [v for tag, name, v in links.refs if tag == "img"]
    assert len(images) == 2 * (5 + 5 * 12)
    for tag, name, value in links.refs:
        assert not value.startswith(("http:", "https:", "//", "/")), value
        assert (pack / value.split("#")[0]).exists() or value.startswith("#"), value
    assert "script" not in links.tags and "link" not in links.tags
    assert "@import" not in page
    assert page.count("url(") == page.count("url(data:font/otf;base64,") == 1  # the font travels inside
    assert page.count('<table class="scorecard">') == 2


def test_the_workbook_matches_the_csv_and_is_formatted(pack):
    from openpyxl import load_workbook

    csv = pd.read_csv(pack / "scorecard.csv", encoding="utf-8-sig")
    xlsx = pd.read_excel(pack / "scorecard.xlsx", engine="openpyxl")
    pd.testing.assert_frame_equal(csv, xlsx, check_dtype=False)
    assert len(csv) == 12 and {"status_reason_zh", "status_reason_en"} <= set(csv.columns)
    sheet = load_workbook(pack / "scorecard.xlsx").active
    assert sheet.freeze_panes == "B2" and all(cell.font.bold for cell in sheet[1])
    column = [c.value for c in sheet[1]].index("status") + 1
    for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
        assert cell.fill.fgColor.rgb[-6:] == STATUS_COLORS[cell.value].lstrip("#")
    growth = [c.value for c in sheet[1]].index("required_growth") + 1
    assert sheet.cell(2, growth).number_format == "0.0%"


def test_data_csv_holds_the_observations_used_with_their_sources(pack):
    used = pd.read_csv(pack / "data.csv", encoding="utf-8-sig", keep_default_na=False)
    ids = set(gz.targets("Guangzhou")["indicator_id"])
    packaged = gz.observations()
    assert len(used) == packaged["indicator_id"].isin(ids).sum()
    assert used["source_id"].ne("").all()
    known = set(gz.sources()["source_id"])
    assert used.loc[used["source_id"].isin(known), "source_publisher"].ne("").all()
    sources = (pack / "sources.md").read_text("utf-8")
    assert all(f"`{sid}`" in sources for sid in set(used["source_id"]))


def test_a_chinese_pack_draws_no_missing_glyph(tmp_path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gz.build_brief(tmp_path / "zh", **{**SMALL, "lang": "zh"}, jobs=1)
    assert not [w for w in caught if "missing from font" in str(w.message)]
    assert (tmp_path / "zh" / "charts" / "zh" / "trajectory-rd_intensity.png").exists()


BAD = """indicator_id,city,year,value,status,source_id
rd_intensity,Guangzhou,20222,3.5,final,mine
no_such_indicator,Guangzhou,2024,3.5,final,mine
"""


def test_user_data_with_problems_writes_nothing_and_lists_every_problem(tmp_path):
    bad = tmp_path / "mine.csv"
    bad.write_text(BAD, "utf-8")
    with pytest.raises(DataError) as caught:
        gz.build_brief(tmp_path / "out", files=[bad], **SMALL)
    assert {p.column for p in caught.value.problems} >= {"year", "indicator_id"}
    assert not (tmp_path / "out").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.csv"]


def test_the_command_reports_bad_data_without_a_traceback(tmp_path, capsys):
    bad = tmp_path / "mine.csv"
    bad.write_text(BAD, "utf-8")
    assert main(["brief", "--out", str(tmp_path / "out"), "--lang", "en", "--data", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "row 2" in err and "row 3" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_user_data_is_added_and_formula_like_text_is_neutralised(tmp_path, capsys):
    mine = tmp_path / "mine.csv"
    mine.write_text("indicator_id,city,year,value,status,source_id,note\n"
                    "rd_intensity,Guangzhou,2024,3.6,reported,my_survey,\"=HYPERLINK(\"\"http://x\"\")\"\n", "utf-8")
    out = gz.build_brief(tmp_path / "out", files=[mine], **{**SMALL, "progress": True})
    assert "gzinnov brief" in capsys.readouterr().err  # the progress bar, on stderr
    used = pd.read_csv(out / "data.csv", encoding="utf-8-sig", keep_default_na=False)
    row = used[(used["year"] == 2024) & (used["city"] == "Guangzhou")].iloc[0]
    assert row["value"] == 3.6 and row["source_id"] == "my_survey"
    assert row["note"] == "'=HYPERLINK(\"http://x\")"
    assert "`my_survey`" in (out / "sources.md").read_text("utf-8")


@pytest.mark.parametrize("jobs, lang", [(1, "en"), (2, "both")])
def test_a_failure_halfway_leaves_the_previous_pack_as_it_was(small_pack, tmp_path, monkeypatch, jobs, lang):
    import shutil

    out = Path(shutil.copytree(small_pack, tmp_path / "pack"))
    before = tree(out)

    def broken(*args, **kwargs):
        raise RuntimeError("injected failure")

    monkeypatch.setattr(gz.charts, "plot_status_heatmap", broken)
    with pytest.raises(GzinnovError, match="injected failure"):  # --only: redraw the overview, not copy it
        gz.build_brief(out, **{**SMALL, "lang": lang}, jobs=jobs, only=["scorecard"])
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack"]  # no half-built folder left behind


def test_a_folder_that_is_not_a_pack_is_never_replaced(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "mine.txt").write_text("keep me", "utf-8")
    with pytest.raises(GzinnovError, match="not a gzinnov briefing pack"):
        gz.build_brief(folder, **SMALL)
    assert (folder / "mine.txt").read_text("utf-8") == "keep me"


@pytest.mark.parametrize("cell, expected", [
    ("=1+2", "'=1+2"), ("+86 20 1234", "'+86 20 1234"), ("-cmd", "'-cmd"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("-inf", "'-inf"), ("-3.5", "-3.5"), ("+2", "+2"), ("1e5", "1e5"), ("广州", "广州"), ("", ""), (3.5, 3.5),
])
def test_neutralise(cell, expected):
    assert neutralise(cell) == expected


def test_the_index_page_escapes_text_from_data():
    card = pd.DataFrame([{"indicator_id": "rd_intensity", "city": "<b>Guangzhou</b>", "baseline_value": 3.1,
                          "baseline_year": 2020, "latest_value": 3.4, "latest_year": 2023, "relation": "gt",
                          "target_value": 3.4, "target_year": 2025, "status": "achieved",
                          "status_reason": "<script>alert(1)</script>"}])
    chart = {"id": "x\"><script>", "section": "overview", "section_title": "", "title": "<img src=x onerror=1>",
             "png": "charts/en/x.png", "svg": "charts/en/x.svg", "width": 10, "height": 5}
    page = render_index({"en": card}, {"en": [chart]}, [("<i>data</i>", "data.csv")], embed_font=False)
    assert "<script>" not in page and "<img src=x" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;img src=x onerror=1&gt;" in page


def test_the_command_turns_an_unexpected_failure_into_one_clear_line(tmp_path, monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise KeyError("latest_year")

    monkeypatch.setattr(brief, "analyse", broken)
    assert main(["brief", "--out", str(tmp_path / "out"), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("gzinnov brief: failed (KeyError: 'latest_year')") and "Traceback" not in err
    assert not (tmp_path / "out").exists()
