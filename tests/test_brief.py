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
SMALL = {"only": ["rd_intensity"], "lang": "en", "progress": False}  # a new pack of one indicator
AGAIN = {k: v for k, v in SMALL.items() if k != "only"}  # a rebuild keeps the pack's indicators
PLANS = ["plan-gz_st_14", "plan-gz_fyp_15"]  # the 14th plan's final verdict first, then the 15th plan's targets
# The 2030 targets that Guangzhou and at least one peer both set: one ambition chart each.
AMBITION_2030 = [f"ambition-2030-{i}" for i in ("rd_intensity", "high_value_patents_per_10k", "digital_core_share")]
# The S&T plan's twelve, the 15th FYP's enterprise R&D share and core digital economy share, and any later one.
N_INDICATORS = gz.targets("Guangzhou")["indicator_id"].nunique()
N_CHARTS = len(PLANS) + len(AMBITION_2030) + len(OVERVIEW) + len(PER_INDICATOR) * N_INDICATORS


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


def manifest(pack):
    import json

    return json.loads((pack / "pack.json").read_text("utf-8"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_chart_is_drawn_or_listed_as_left_out_with_its_reason(pack, lang):
    ids = list(gz.targets("Guangzhou")["indicator_id"].drop_duplicates())
    assert len(ids) >= 12  # the 14th plan's twelve, and any indicator new in a later plan
    assert len(gz.targets("Guangzhou", plan="gz_st_14")) == 12
    expected = PLANS + AMBITION_2030 + OVERVIEW + [f"{kind}-{i}" for i in ids for kind in PER_INDICATOR]
    skipped = {c["id"]: c["reason"] for c in manifest(pack)["skipped"][lang]}
    for name in expected:
        drawn = [(pack / "charts" / lang / (name + suffix)) for suffix in (".png", ".svg")]
        if name in skipped:
            assert not any(p.exists() for p in drawn) and skipped[name], name
        else:
            assert all(p.stat().st_size > 0 for p in drawn), name
    # Every overview chart is drawn; so is R&D intensity's peer comparison (ten peers publish it).
    assert not set(OVERVIEW) & set(skipped) and "peers-ranked-rd_intensity" not in skipped
    # Basic research share: Guangzhou publishes it, no peer in the data does.
    no_peers = "本指标未找到同类城市的公开数据" if lang == "zh" else "no peer data published for this indicator"
    assert skipped["peer-lines-basic_research_share"] == no_peers
    assert "trajectory-basic_research_share" not in skipped
    assert manifest(pack)["charts"][lang] == len(expected) - len(skipped)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_chart_file_is_an_empty_frame(pack, lang):
    # An empty frame carries the "no published figure found" message (gid "empty") and no observed
    # value (gid "observed"). The dashboard may say it of one panel, beside panels that have values.
    svgs = list((pack / "charts" / lang).glob("*.svg"))
    assert len(svgs) == manifest(pack)["charts"][lang]
    for svg in svgs:
        text = svg.read_text("utf-8")
        assert 'id="observed' in text or 'id="empty' not in text, svg.name
        if svg.name.startswith(("trajectory-", "peers-ranked-", "peer-lines-", "indexed-")):
            assert 'id="empty' not in text, svg.name


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_chart_book_has_a_cover_contents_and_a_page_per_chart(pack, lang):
    from pypdf import PdfReader
    from test_export import font_problems

    path = pack / f"briefing-{lang}.pdf"
    book = PdfReader(path)
    m = manifest(pack)
    charts, skipped = m["charts"][lang], len(m["skipped"][lang])
    # The contents list the plan charts, 5 overview charts and 5 per indicator (drawn or not), under
    # 2 + n section heads (plans, overview, one per indicator), 30 lines a page; the cover comes first.
    # With 14 indicators: 5 + 5 + 70 = 80 charts, 16 heads, 96 lines -> 4 pages, 5 with the cover.
    n = N_INDICATORS
    plan_charts = len(PLANS) + len(AMBITION_2030)
    assert charts + skipped == plan_charts + 5 + 5 * n
    front = 1 + -(-(plan_charts + 5 + 5 * n + 2 + n) // 30)
    assert len(book.pages) == front + charts
    cover = book.pages[0].extract_text()
    assert m["built"] in cover and m["data_as_of"] in cover and gz.__version__ in cover
    assert ("数据截至" if lang == "zh" else "Data as of") in cover
    assert book.metadata.title and "gzinnov" in book.metadata.author
    outline = book.outline
    assert len(outline) > 12  # the contents, then a bookmark per section (its charts below it)
    first_chart = book.pages[front].extract_text()
    number = "第{n}页" if lang == "zh" else "page {n}"
    assert number.format(n=front + 1) in first_chart
    assert number.format(n=front + 2) not in first_chart  # a page carries its own number only
    assert number.format(n=len(book.pages)) in book.pages[-1].extract_text()
    assert font_problems(path) == []


def test_the_scorecard_comes_first_in_the_chart_book():
    data = pd.DataFrame(columns=["indicator_id", "city", "year", "value", "status", "source_id", "lower_bound"])
    plan = brief.chart_plan({"data": data, "city": "Guangzhou", "projections": None, "indicators": ["rd_intensity"]},
                            "en")
    assert plan[0]["id"] == "scorecard"


@pytest.mark.parametrize("lang, page, other", [("zh", "index.html", "index-en.html"),
                                               ("en", "index-en.html", "index.html")])
def test_each_language_has_its_page_with_every_chart_and_nothing_from_outside(pack, lang, page, other):
    page = (pack / page).read_text("utf-8")
    links = Links()
    links.feed(page)
    images = [v for tag, name, v in links.refs if tag == "img"]
    assert len(images) == manifest(pack)["charts"][lang]
    assert all(v.startswith(f"charts/{lang}/") for v in images)
    for tag, name, value in links.refs:
        assert not value.startswith(("http:", "https:", "//", "/")), value
        assert (pack / value.split("#")[0]).exists() or value.startswith("#"), value
    assert ("a", "href", other) in links.refs  # the switch to the other language
    assert "script" not in links.tags and "link" not in links.tags
    assert "@import" not in page
    assert page.count("url(") == page.count("url(data:font/otf;base64,") == 1  # the font travels inside
    assert page.count('<table class="scorecard">') == 1
    # Navigation: a link to each indicator's heading; each chart left out is one line.
    for iid in gz.targets("Guangzhou")["indicator_id"]:
        assert f'href="#ind-{iid}"' in page and f'id="ind-{iid}"' in page
    assert page.count('class="skipped"') == len(manifest(pack)["skipped"][lang])
    m = manifest(pack)
    assert m["built"] in page and m["data_as_of"] in page and m["version"] in page


def test_the_workbook_is_a_bilingual_briefing_table(pack):
    from openpyxl import load_workbook

    from gzinnov.brief.workbook import HEADER_ROW, HEADERS

    book = load_workbook(pack / "scorecard.xlsx")
    assert book.sheetnames == ["目标进展", "Scorecard", "数据 Data", "来源 Sources"]
    for name, i in (("目标进展", 0), ("Scorecard", 1)):
        ws = book[name]
        assert ws.cell(1, 1).value.startswith("广州" if i == 0 else "Guangzhou") and ws.cell(1, 1).font.bold
        assert manifest(pack)["data_as_of"] in ws.cell(2, 1).value
        assert ws.cell(3, 1).value.startswith("资料来源" if i == 0 else "Sources")
        heads = [c.value for c in ws[HEADER_ROW]]
        assert heads == [h[i] for h in HEADERS.values()]
        assert ws.max_row == HEADER_ROW + len(gz.targets("Guangzhou"))  # a row per target
        column = {key: n for n, key in enumerate(HEADERS, 1)}
        for r in range(HEADER_ROW + 1, ws.max_row + 1):
            for key in ("required_growth", "actual_growth", "distance_covered", "p_meet"):
                assert ws.cell(r, column[key]).number_format == "0.0%"
            assert ws.cell(r, column["growth_ratio"]).number_format == "0.00"
            ratio = ws.cell(r, column["growth_ratio"]).value
            assert ratio is None or round(ratio, 2) == ratio
            status = ws.cell(r, column["status"])
            assert status.fill.fgColor.rgb[-6:] in {c.lstrip("#") for c in STATUS_COLORS.values()}
            assert status.value and status.value[0] in "★≈✗▲▶▼✖○"  # labelled, not a code
            assert ws.cell(r, column["status_reason"]).alignment.wrap_text
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    sources = book["来源 Sources"]
    assert [c.value for c in sources[1]][:2] == ["来源编号 / Source id", "来源等级 / Grade"]
    grades = {sources.cell(r, 2).value for r in range(2, sources.max_row + 1)}
    assert grades <= {"official_statistics", "government_document", "mainstream_media", "reprint"}
    assert sources.max_row > 10


def test_the_csv_keeps_the_codes_for_programs(pack):
    csv = pd.read_csv(pack / "scorecard.csv", encoding="utf-8-sig")
    assert len(csv) == len(gz.targets("Guangzhou")) and {"status_reason_zh", "status_reason_en", "status"} <= set(csv.columns)


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
    assert set(used["source_grade"]) <= {"official_statistics", "government_document", "mainstream_media", "reprint",
                                         "user"}


def test_sources_are_grouped_by_grade_and_counted(pack):
    used = pd.read_csv(pack / "data.csv", encoding="utf-8-sig", keep_default_na=False)
    text = (pack / "sources.md").read_text("utf-8")
    heads = [line for line in text.splitlines() if line.startswith("## ")]
    order = ["## 官方统计", "## 政府文件", "## 主流媒体", "## 转载"]
    assert [h.split(" /")[0] for h in heads] == [o for o in order if any(h.startswith(o) for h in heads)]
    counts = used["source_grade"].value_counts()
    assert f"官方统计 {counts['official_statistics']}" in text and f"The {len(used)} figures used rest on" in text


def test_chinese_tables_have_no_ascii_punctuation_between_chinese_characters(pack):
    import re

    from openpyxl import load_workbook

    from gzinnov.charts.typeset import ascii_punctuation

    texts = [(pack / "scorecard.md").read_text("utf-8").split("## Progress toward the targets")[0]]
    sheet = load_workbook(pack / "scorecard.xlsx")["目标进展"]
    texts += [str(c.value) for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    page = (pack / "index.html").read_text("utf-8")
    page = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    texts += re.sub(r"<[^>]+>", "\n", page).splitlines()
    found = [(t, ascii_punctuation(t)) for t in texts]
    assert [f for f in found if f[1]] == []


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
    # The pack says what was folded in: new if the package has no 2024 value, else a replacement.
    key = ["rd_intensity", "Guangzhou", "2024"]
    packaged = gz.observations().query("indicator_id == 'rd_intensity' and city == 'Guangzhou' and year == 2024")
    assert manifest(out)["user_files"] == ["mine.csv"]
    assert manifest(out)["replaced" if len(packaged) else "added"] == [key]


def test_the_command_ends_with_a_summary_of_what_it_wrote(tmp_path, capsys):
    packaged = gz.observations().query("indicator_id == 'rd_intensity' and city == 'Guangzhou'")
    last = int(packaged["year"].max())
    mine = tmp_path / "mine.csv"
    mine.write_text("indicator_id,city,year,value,status,source_id\n"
                    f"rd_intensity,Guangzhou,{last},3.5,reported,my_survey\n"
                    f"rd_intensity,Guangzhou,{last + 1},3.6,reported,my_survey\n", "utf-8")
    assert main(["brief", "--out", str(tmp_path / "out"), "--lang", "en", "--only", "rd_intensity",
                 "--data", str(mine)]) == 0
    out = capsys.readouterr().out
    m = manifest(tmp_path / "out")
    assert f"{m['charts']['en']} charts" in out and "briefing-en.pdf" in out and "scorecard.xlsx" in out
    # One figure for a year the package has (it replaces the packaged value), one for a year it lacks.
    assert "1 figures added, 1 replaced packaged values" in out
    assert f"replaced: rd_intensity, Guangzhou, {last}" in out and f"added: rd_intensity, Guangzhou, {last + 1}" in out


@pytest.mark.parametrize("jobs, lang", [(1, "en"), (2, "both")])
def test_a_failure_halfway_leaves_the_previous_pack_as_it_was(small_pack, tmp_path, monkeypatch, jobs, lang):
    import shutil

    out = Path(shutil.copytree(small_pack, tmp_path / "pack"))
    before = tree(out)

    def broken(*args, **kwargs):
        raise RuntimeError("injected failure")

    monkeypatch.setattr(gz.charts, "plot_status_heatmap", broken)
    with pytest.raises(GzinnovError, match="injected failure"):  # --only: redraw that chart, not copy it
        gz.build_brief(out, **{**AGAIN, "lang": lang}, jobs=jobs, only=["status-by-city"])
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


# Plans: the pack opens with the finished plan's final verdict, then the next plan's targets.

def _plans_fixture():
    from conftest import table

    final = table("""
    indicator_id, city, plan_id, baseline_year, baseline_value, latest_year, latest_value, latest_status, target_year, target_value, relation, status, status_reason, verdict_basis, settled_by
    rd_intensity, Guangzhou, gz_st_14, 2020, 3.1, 2025, 3.4, preliminary, 2025, 3.4, gt, met_at_precision, why, provisional, the bulletin
    tech_contract_turnover, Guangzhou, gz_st_14, 2020, 2256.53, 2025, 3500, final, 2025, 3000, gt, achieved, why, final,
    """)
    nxt = table("""
    indicator_id, city, plan_id, baseline_year, baseline_value, latest_year, latest_value, latest_status, target_year, target_value, relation, status, status_reason, verdict_basis, settled_by
    rd_intensity, Guangzhou, gz_fyp_15, 2025, 3.4, 2025, 3.4, preliminary, 2030, 4.0, approx, on_track, why, nowcast, later
    """)
    amb = table("""
    indicator_id, city, plan_id, base_year, base_value, target_year, target_value, relation, pace_unit, required_pace, achieved_pace, achieved_from, achieved_to, ambition_ratio, projected_value, p_meet, rank_base, rank_target
    rd_intensity, Guangzhou, gz_fyp_15, 2025, 3.4, 2030, 4.0, approx, points, 0.12, 0.06, 2020, 2025, 2.0, , , 2, 2
    rd_intensity, Shanghai, shanghai_fyp_15, 2025, 4.5, 2030, 5.0, gt, points, 0.1, , , , , , , 1, 1
    """)
    titles = {"gz_st_14": ("广州市科技创新“十四五”规划", "Guangzhou 14th Five-Year S&T Innovation Plan"),
              "gz_fyp_15": ("广州市“十五五”规划纲要", "Guangzhou 15th Five-Year Plan outline")}

    def plan(pid, card, finished):
        card = card.assign(direction="increase", required_growth=float("nan"), actual_growth=float("nan"),
                           p_meet=float("nan"))
        return {"plan_id": pid, "title": dict(zip(("zh", "en"), titles[pid])), "finished": finished,
                "cards": {"zh": card, "en": card}, "headline": {"zh": "2项目标中：已实现1项。", "en": "Of 2 targets: 1 achieved."}}

    data = pd.DataFrame(columns=["indicator_id", "city", "year", "value", "status", "source_id", "lower_bound"])
    return {"data": data, "city": "Guangzhou", "projections": None, "indicators": ["rd_intensity"],
            "plans": {"plans": [plan("gz_st_14", final, True), plan("gz_fyp_15", nxt, False)], "ambition_2030": amb}}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_chart_book_opens_with_the_final_verdict_then_the_next_plan_and_its_ambition(lang):
    a = _plans_fixture()
    plan = brief.chart_plan(a, lang)
    assert [c["id"] for c in plan[:4]] == ["plan-gz_st_14", "plan-gz_fyp_15", "ambition-2030-rd_intensity",
                                           "scorecard"]
    first = plan[0]["draw"]()
    subtitle = [t.get_text() for t in first.texts if t.get_gid() == "subtitle"][0]
    assert subtitle == a["plans"]["plans"][0]["headline"][lang]  # the plan headline, on page one
    assert first.get_title("left").endswith("最终评估" if lang == "zh" else "the final verdict")
    ambition = plan[2]["draw"]()
    assert [t.get_text() for t in ambition.get_yticklabels()] == (["上海", "广州"] if lang == "zh" else
                                                                  ["Shanghai", "Guangzhou"])


def test_an_ambition_chart_needs_two_cities_and_an_indicator_of_the_pack():
    a = _plans_fixture()
    a["plans"]["ambition_2030"] = a["plans"]["ambition_2030"].iloc[:1]  # Guangzhou alone
    assert not [c for c in brief.chart_plan(a, "en") if c["id"].startswith("ambition-2030")]
    a = _plans_fixture()
    a["indicators"] = ["tech_contract_turnover"]
    assert not [c for c in brief.chart_plan(a, "en") if c["id"].startswith("ambition-2030")]


def test_the_index_page_opens_with_the_plan_headline_and_its_verdicts():
    a = _plans_fixture()
    card = a["plans"]["plans"][0]["cards"]["en"]
    page = render_index({"en": card}, {"en": []}, [], embed_font=False, plans=a["plans"])
    headline = page.index('<p class="headline">Of 2 targets: 1 achieved.</p>')
    assert headline < page.index('<table class="plan">') < page.index("15th Five-Year Plan outline: targets")
    assert page.index("15th Five-Year Plan outline: targets") < page.index('<table class="scorecard">')
    assert page.count('<table class="plan">') == 2 and page.count('class="headline"') == 1  # no headline yet for 2030
    assert f'style="background:{STATUS_COLORS["met_at_precision"]}">≈ ' in page


def test_a_plan_markdown_opens_with_its_title_and_headline():
    from gzinnov.brief.plans import plan_markdown

    p = _plans_fixture()["plans"]["plans"][0]
    md = plan_markdown(p)
    assert md.startswith("# 广州市科技创新“十四五”规划\n\n2项目标中：已实现1项。\n\n# Guangzhou 14th")
    assert "## Progress toward the targets" in md


def _text_pages(pdf):
    from pypdf import PdfReader

    return ["".join(page.extract_text().split()) for page in PdfReader(pdf).pages]  # no spaces nor line breaks


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_chart_book_opens_with_the_final_verdict_of_the_14th_plan(pack, lang):
    pages = _text_pages(pack / f"briefing-{lang}.pdf")
    source = "资料来源" if lang == "zh" else "Source"
    first_chart = next(i for i, page in enumerate(pages) if source in page)  # a cover may come before
    headline = gz.plan_headline(gz.scorecard(plan="gz_st_14", lang=lang), lang=lang)
    assert "".join(headline.split()) in pages[first_chart]  # the headline may wrap on the chart
    assert ("最终评估" if lang == "zh" else "thefinalverdict") in pages[first_chart]
    title = "“十五五”规划纲要目标进展" if lang == "zh" else "15thFYPtargets:progress"
    assert title in pages[first_chart + 1]  # then the 15th plan's targets


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_pack_holds_the_2030_ambition_chart_in_each_language(pack, lang):
    for suffix in (".png", ".svg"):
        assert (pack / "charts" / lang / f"ambition-2030-rd_intensity{suffix}").stat().st_size > 0
    svg = (pack / "charts" / lang / "ambition-2030-rd_intensity.svg").read_text("utf-8")
    assert svg.count("<svg") == 1


def test_the_index_page_opens_with_the_plan_headline(pack):
    from html import escape

    for lang, name in (("zh", "index.html"), ("en", "index-en.html")):
        page = (pack / name).read_text("utf-8")
        headline = gz.plan_headline(gz.scorecard(plan="gz_st_14", lang=lang), lang=lang)
        section = page[page.index(f'<main id="{lang}"'):]
        at = section.index(f'<p class="headline">{escape(headline)}</p>')
        assert at < section.index("<table") and at < section.index("<img")


def test_a_table_per_plan_in_csv_xlsx_and_markdown(pack):
    for plan in ("gz_st_14", "gz_fyp_15"):
        csv = pd.read_csv(pack / f"plan_{plan}.csv", encoding="utf-8-sig")
        xlsx = pd.read_excel(pack / f"plan_{plan}.xlsx", engine="openpyxl")
        pd.testing.assert_frame_equal(csv, xlsx, check_dtype=False)
        expected = gz.targets("Guangzhou", plan=plan)
        assert len(csv) == len(expected) and set(csv["plan_id"]) == {plan}
        assert sorted(csv["indicator_id"]) == sorted(expected["indicator_id"])
        md = (pack / f"plan_{plan}.md").read_text("utf-8")
        title = gz.plans().set_index("plan_id").at[plan, "title_zh"]
        assert md.startswith(f"# {title}\n\n")
    nxt = pd.read_csv(pack / "plan_gz_fyp_15.csv", encoding="utf-8-sig").set_index("indicator_id")
    # R&D intensity, 3.4 in 2025 to about 4.0 in 2030: (4.0 - 3.4) / 5 = 0.12 points a year.
    assert nxt.at["rd_intensity", "required_pace"] == pytest.approx(0.12)
    assert nxt.at["rd_intensity", "binding"] == "expected"
    assert "plan_gz_st_14.xlsx" in (pack / "index.html").read_text("utf-8")


def test_a_chart_png_is_its_book_page_without_the_page_number(pack):
    """The PNG is rasterised from the chart's page (200 dpi, the page's size); the page
    number is stamped on the book only, so the PNG's corner is blank where the book's is not."""
    import numpy as np
    import pypdfium2
    from PIL import Image

    m = manifest(pack)
    front = len(pypdfium2.PdfDocument(pack / "briefing-en.pdf")) - m["charts"]["en"]
    png = Image.open(sorted((pack / "charts" / "en").glob("*.png"))[0])
    assert png.info.get("dpi", (0, 0))[0] == pytest.approx(200, abs=1)
    book = pypdfium2.PdfDocument(pack / "briefing-en.pdf")
    pages = [book[i] for i in range(front, len(book))]
    same_size = [p for p in pages if tuple(round(x * 200 / 72) for x in p.get_size()) == png.size]
    assert same_size, "no book page has the PNG's size"
    corner = (slice(-20, None), slice(-150, None))  # the foot of the right edge, where the number is
    assert np.asarray(png.convert("L"))[corner].min() > 250
    assert min(np.asarray(p.render(scale=200 / 72).to_pil().convert("L"))[corner].min() for p in same_size) < 200


def test_the_scorecard_of_both_plans_is_set_on_an_a4_page():
    a = brief.analyse(gz.observations(), langs=("en",))
    sizes = {c["id"]: c["size"] for c in brief.chart_plan(a, "en")}
    # The S&T plan's 12 targets and the 15th FYP outline's 4: 16 rows, more than a slide holds.
    assert len(a["cards"]["en"]) == 12 + 4
    assert sizes["scorecard"] == "a4" and sizes["plan-gz_st_14"] == "slide"


@pytest.mark.parametrize("lang, both, one", [
    ("en", "Guangzhou's plan targets: final verdicts and progress", "Guangzhou's 14th FYP S&T plan: the final verdict"),
    ("zh", "广州各规划目标：最终评估与进展", "广州科技创新“十四五”规划：最终评估"),
])
def test_the_scorecard_of_both_plans_names_neither_plan_alone(lang, both, one):
    from gzinnov.analysis.assess import scorecard

    card = scorecard(gz.observations(), lang=lang)  # every Guangzhou target: the S&T plan and the 15th FYP outline
    assert set(card["plan_id"]) == {"gz_st_14", "gz_fyp_15"}
    assert gz.plot_scorecard(card, lang=lang).get_title("left") == both
    st_14 = scorecard(gz.observations(), plan="gz_st_14", lang=lang)
    assert gz.plot_scorecard(st_14, lang=lang).get_title("left") == one
