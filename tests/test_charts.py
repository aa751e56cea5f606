"""Charts, checked by what they draw: titles, labels, lines, markers, target stars, notes, sources."""

import io
import re
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from conftest import table
from matplotlib.colors import to_hex

import gzinnov as gz
from gzinnov.style import CITY_COLORS, STATUS_COLORS

OBS = table("""
indicator_id, city, year, value, status, source_id, lower_bound
rd_intensity, Guangzhou, 2016, 2.50, final, gz_nj2023_t17_05, False
rd_intensity, Guangzhou, 2017, 2.60, final, gz_nj2023_t17_05, False
rd_intensity, Guangzhou, 2019, 2.90, preliminary, gz_nj2023_t17_05, False
rd_intensity, Guangzhou, 2020, 3.10, final, gz_nj2023_t17_05, False
rd_intensity, Guangzhou, 2023, 3.44, reported, gz_innov_index_2024_en, True
rd_intensity, Shenzhen, 2020, 5.00, final, peer_sz_eyeshenzhen_2022, False
rd_intensity, Shenzhen, 2021, 5.50, final, peer_sz_eyeshenzhen_2022, False
rd_intensity, Beijing, 2020, 6.40, final, peer_bj_invest, False
rd_intensity, Beijing, 2022, 6.80, final, peer_bj_invest, False
tech_contract_turnover, Guangzhou, 2021, 2413.0, reported, gz_innov_index_2024_en, False
""")
PROJ = table("""
indicator_id, city, year, method, value, lower, upper, weak, note
rd_intensity, Guangzhou, 2024, combined, 3.55, 3.45, 3.65, False,
rd_intensity, Guangzhou, 2025, combined, 3.65, 3.45, 3.85, False,
rd_intensity, Guangzhou, 2030, combined, 4.10, 3.50, 4.70, False,
rd_intensity, Guangzhou, 2030, linear, 9.99, 9.00, 11.0, False,
""")
CARD = table("""
indicator_id, city, baseline_year, baseline_value, latest_year, latest_value, latest_status, target_year, target_value, relation, required_growth, actual_growth, growth_ratio, distance_covered, status, status_reason, projected_value, projected_low, projected_high, p_meet, verdict_basis
rd_intensity, Guangzhou, 2020, 3.1, 2023, 3.3, reported, 2025, 3.4, gt, 0.018, 0.021, 1.1, 0.67, on_track, why, 3.5, 3.3, 3.7, 0.7, nowcast
tech_contract_turnover, Guangzhou, 2020, 2256.53, 2021, 2413.0, reported, 2025, 3000, gt, 0.059, 0.069, 1.2, 0.21, needs_acceleration, why, 2900, 2500, 3300, 0.4, nowcast
sti_platforms, Guangzhou, 2020, , , , , 2025, 320, ge, , , , , insufficient_data, why, , , , , nowcast
""")
CARD_CITIES = pd.concat([CARD, CARD.iloc[[0]].assign(city="Shanghai", status="achieved")], ignore_index=True)
CARD_YEARS = pd.concat([CARD.assign(year=2022), CARD.assign(year=2023, status="achieved")], ignore_index=True)
AMBITION = table("""
indicator_id, city, baseline_year, baseline_value, target_year, target_value, relation, implied_growth, past_growth, latest_year, latest_value
rd_intensity, Guangzhou, 2020, 3.10, 2025, 3.4, gt, 0.0186, 0.08, 2023, 3.44
rd_intensity, Shenzhen, 2020, 5.00, 2025, 5.5, ge, 0.0193, , 2021, 5.50
rd_intensity, Wuhan, 2022, , 2027, 4.2, ge, , , 2018, 2.42
""")
OUTLOOK = table("""
indicator_id, city, candidate, year, value, from_year, from_value, implied_growth
rd_intensity, Guangzhou, trend, 2030, 4.10, 2023, 3.44, 0.0254
rd_intensity, Guangzhou, stretch, 2030, 4.70, 2023, 3.44, 0.0456
rd_intensity, Guangzhou, floor, 2030, 3.50, 2023, 3.44, 0.0025
""")


def gid_texts(ax, gid):
    return [t.get_text() for t in ax.texts if t.get_gid() == gid]


def gid_artists(ax, gid):
    return [a for a in ax.get_children() if a.get_gid() == gid]


def source_of(source_id, lang="en"):
    """How a chart cites a packaged source: its original publisher (据…报道 for a reprint), and year."""
    from gzinnov.charts.labels import citation

    row = gz.sources().drop_duplicates("source_id").set_index("source_id").loc[source_id]
    year = row["published"][:4]
    return f"{citation(row.to_dict(), lang)}（{year}）" if lang == "zh" else f"{citation(row.to_dict(), lang)} ({year})"


CHARTS = {
    "trajectory": lambda lang: gz.plot_trajectory(OBS, indicator="rd_intensity", lang=lang, projections=PROJ,
                                                  peers=["Shenzhen"]),
    "scorecard": lambda lang: gz.plot_scorecard(CARD, lang=lang, observations=OBS),
    "peers_ranked": lambda lang: gz.plot_peers_ranked(OBS, indicator="rd_intensity", lang=lang),
    "peer_lines": lambda lang: gz.plot_peer_lines(OBS, indicator="rd_intensity", lang=lang),
    "indexed": lambda lang: gz.plot_indexed_growth(OBS, indicator="rd_intensity", lang=lang),
    "ambition": lambda lang: gz.plot_ambition(AMBITION, indicator="rd_intensity", lang=lang, observations=OBS),
    "status_by_city": lambda lang: gz.plot_status_heatmap(CARD_CITIES, lang=lang, observations=OBS),
    "status_by_year": lambda lang: gz.plot_status_heatmap(CARD_YEARS, columns="year", lang=lang, observations=OBS),
    "outlook": lambda lang: gz.plot_outlook(OUTLOOK, lang=lang, observations=OBS),
    "dashboard": lambda lang: gz.plot_dashboard(OBS, lang=lang, projections=PROJ,
                                                indicators=["rd_intensity", "sti_platforms"]),
}


def render_checked(draw, lang):
    """Draw and render a chart; fail on any glyph missing from the fonts."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = draw(lang)
        (out if isinstance(out, plt.Figure) else out.figure).savefig(io.BytesIO(), format="png")
    assert not [w for w in caught if "missing from font" in str(w.message)]
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", list(CHARTS))
def test_every_chart_renders_without_a_missing_glyph_and_has_title_and_source(kind, lang):
    out = render_checked(CHARTS[kind], lang)
    fig = out if isinstance(out, plt.Figure) else out.figure
    prefix = "资料来源" if lang == "zh" else "Source"
    if kind == "dashboard":
        assert fig._suptitle.get_text() and fig._supxlabel.get_text().startswith(prefix)
    else:
        assert out.get_title("left")
        assert gid_texts(out, "source")[0].startswith(prefix)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_trajectory_titles_and_units_come_from_the_registry(lang):
    ind = gz.get_indicator("rd_intensity")
    ax = CHARTS["trajectory"](lang)
    assert ax.get_title("left") == ind.name(lang)
    assert ax.get_ylabel() == ind.unit(lang)
    assert gid_texts(ax, "subtitle") == [("广州，" if lang == "zh" else "Guangzhou, ") + ind.unit(lang)]


def test_trajectory_draws_the_target_as_a_star_at_the_target_year():
    ax = CHARTS["trajectory"]("en")
    stars = [p.get_offsets().tolist() for p in gid_artists(ax, "target")]
    # The S&T plan: R&D intensity > 3.4% in 2025; the 15th FYP outline: about 4.0% in 2030.
    assert stars == [[[2025, 3.4]], [[2030, 4.0]]]
    assert gid_texts(ax, "target_label") == ["> 3.40\n14th FYP S&T plan 2025", "≈ 4.00 (±2.5%)\n15th FYP 2030"]
    # Shenzhen's own published targets, as the registry holds them, earliest first.
    own = gz.targets("Shenzhen").query("indicator_id == 'rd_intensity'").sort_values("target_year")
    expected = [[[int(y), v]] for y, v in zip(own["target_year"], own["target_value"])]
    assert [p.get_offsets().tolist() for p in gid_artists(ax, "peer_target")] == expected


def test_trajectory_history_breaks_at_gaps_and_marks_provisional_values_hollow():
    ax = gz.plot_trajectory(OBS, indicator="rd_intensity", projections=False, lang="en")
    segments = [line.get_xdata().tolist() for line in gid_artists(ax, "history")]
    # 2016-2017 and 2019-2020 are consecutive; 2018 and 2021-2022 are missing; 2023 stands alone.
    assert segments == [[2016, 2017], [2019, 2020]]
    hollow, filled = [], []
    for points in gid_artists(ax, "observed"):
        white = np.allclose(points.get_facecolors()[0], [1, 1, 1, 1])
        (hollow if white else filled).extend(points.get_offsets()[:, 0].tolist())
    assert sorted(hollow) == [2019, 2023] and sorted(filled) == [2016, 2017, 2020]
    assert gid_texts(ax, "note") == ["No published figure found for 2018, 2021, 2022"]


def test_trajectory_projection_is_dashed_from_the_last_value_with_its_band():
    ax = CHARTS["trajectory"]("en")
    (line,) = gid_artists(ax, "projection")
    assert line.get_linestyle() == "--"
    # It starts at the last observed value (2023: 3.44) and uses only the combined method.
    assert line.get_xdata().tolist() == [2023, 2024, 2025, 2030]
    assert line.get_ydata().tolist() == [3.44, 3.55, 3.65, 4.10]
    (band,) = gid_artists(ax, "band")
    ys = band.get_paths()[0].vertices[:, 1]
    assert ys.min() == pytest.approx(3.44) and ys.max() == pytest.approx(4.70)


def test_a_very_wide_band_is_cut_at_the_edge_and_the_note_says_so():
    wide = PROJ.assign(upper=PROJ["upper"] * 20)  # 2030: up to 94
    ax = gz.plot_trajectory(OBS, indicator="rd_intensity", lang="en", projections=wide, peers=["Beijing"])
    bottom, top = ax.get_ylim()
    # Everything else stays in view: from Guangzhou's 2.50 (2016) to Beijing's 6.80 (2022).
    assert bottom <= 2.5 and 6.8 <= top < 94
    assert gid_texts(ax, "note")[0].startswith("The 80% interval is cut at the edge of the chart")


@pytest.mark.parametrize("lang, words", [("en", ["preliminary", "Projection"]), ("zh", ["初步", "预测"])])
def test_trajectory_source_line_names_what_is_drawn(lang, words):
    line = gid_texts(CHARTS["trajectory"](lang), "source")[0].replace("\n", "")
    for sid in ("gz_nj2023_t17_05", "gz_innov_index_2024_en", "gz_plan_press_2022", "peer_sz_eyeshenzhen_2022"):
        assert source_of(sid, lang) in line
    assert "Invest Beijing" not in line  # Beijing is not drawn
    assert all(word in line for word in words)


def test_trajectory_without_data_says_so_and_still_shows_the_target():
    ax = gz.plot_trajectory(OBS, indicator="sti_platforms", lang="zh", projections=False)
    assert gid_texts(ax, "empty") == ["未找到公开数据"]
    assert gid_artists(ax, "target")[0].get_offsets().tolist() == [[2025, 320]]


@pytest.mark.parametrize("csv, proj, running, projected", [
    # 2021 + 2022 are consecutive: 0.30, then 0.30 + 0.40 = 0.70; projections add on: 0.70 + 0.40 = 1.10,
    # then 1.10 + 0.45 = 1.55; the band's low end 0.70 + 0.30 = 1.00, then 1.00 + 0.35 = 1.35.
    ("2021,0.30\n2022,0.40", "2023,0.40,0.30,0.50\n2024,0.45,0.35,0.55", [0.30, 0.70], [0.70, 1.10, 1.55]),
    # A gap in 2022 stops the running total at 2021, and no honest projection follows.
    ("2021,0.30\n2023,0.40", "2024,0.45,0.35,0.55", [0.30], None),
])
def test_a_cumulative_target_is_drawn_as_a_running_total(csv, proj, running, projected):
    data = table("year,value\n" + csv).assign(indicator_id="overseas_talent", city="Guangzhou")
    projections = table("year,value,lower,upper\n" + proj).assign(
        indicator_id="overseas_talent", city="Guangzhou", method="combined", weak=False)
    ax = gz.plot_trajectory(data, indicator="overseas_talent", lang="en", projections=projections)
    totals = np.concatenate([p.get_offsets()[:, 1] for p in gid_artists(ax, "observed")])
    assert sorted(totals) == pytest.approx(running)
    assert sorted(r.get_height() for r in ax.patches if r.get_gid() == "annual") == pytest.approx(
        sorted(data["value"]))  # each year's own figure, as bars
    lines = gid_artists(ax, "projection")
    if projected is None:
        assert lines == []
    else:
        assert lines[0].get_ydata() == pytest.approx(projected)
        low = gid_artists(ax, "band")[0].get_paths()[0].vertices[:, 1].min()
        assert low == pytest.approx(0.70)
    assert gid_artists(ax, "target")[0].get_offsets().tolist() == [[2025, 1.8]]
    assert gid_texts(ax, "subtitle") == ["Guangzhou, 10,000 people, Cumulative since 2021"]


def ranked_labels(ax):
    ys = [t.get_position()[1] for t in ax.get_yticklabels()]
    return [label for _, label in sorted(zip(ys, [t.get_text() for t in ax.get_yticklabels()]), reverse=True)]


def test_peers_ranked_compares_one_year_and_lists_the_cities_without_it():
    ax = CHARTS["peers_ranked"]("en")
    # Years with values: 2020 has Guangzhou, Shenzhen and Beijing (3 of the 3 cities, more than half);
    # 2021, 2022 and 2023 have one city each. So 2020: Beijing 6.40 > Shenzhen 5.00 > Guangzhou 3.10.
    assert ranked_labels(ax) == ["Beijing", "Shenzhen", "Guangzhou"]
    colour = {t.get_text(): to_hex(t.get_color()) for t in ax.get_yticklabels()}
    assert colour["Guangzhou"] == CITY_COLORS["Guangzhou"].lower()
    assert sorted(gid_texts(ax, "value_label")) == ["3.10", "5.00", "6.40"]  # one year: no year on each bar
    assert "2020" in gid_texts(ax, "subtitle")[0]
    note = gid_texts(ax, "note")[0]
    assert "No published figure found:" in note and "Shanghai" in note and "Beijing" not in note


def test_a_city_without_the_common_year_is_listed_not_ranked():
    data = pd.concat([OBS, table("""
    indicator_id, city, year, value
    rd_intensity, Shanghai, 2023, 4.3
    rd_intensity, Wuhan, 2018, 2.42
    """)], ignore_index=True)
    ax = gz.plot_peers_ranked(data, indicator="rd_intensity", lang="en")
    # Cities per year: 2020 three (Guangzhou, Shenzhen, Beijing) of five, more than half; 2023 two
    # (Guangzhou, Shanghai), not more than half. So 2020 is compared; Shanghai and Wuhan have no 2020 value.
    assert ranked_labels(ax) == ["Beijing", "Shenzhen", "Guangzhou"]
    assert "Not ranked (no 2020 value): Shanghai, Wuhan" in gid_texts(ax, "note")[0]


def test_mixing_years_is_an_option_labelled_on_each_bar():
    ax = gz.plot_peers_ranked(OBS, indicator="rd_intensity", year=2021, mix_years=True, lang="en")
    # Each city's latest up to 2021: Beijing 6.40 (2020), Shenzhen 5.50 (2021), Guangzhou 3.10 (2020).
    assert sorted(gid_texts(ax, "value_label")) == ["3.10 (2020)", "5.50 (2021)", "6.40 (2020)"]
    assert "years differ" in gid_texts(ax, "subtitle")[0]


def test_peer_lines_emphasise_guangzhou_and_keep_each_city_colour():
    ax = CHARTS["peer_lines"]("en")
    widths = {}
    for line in gid_artists(ax, "history"):
        widths.setdefault(to_hex(line.get_color()), set()).add(line.get_linewidth())
    assert min(widths[CITY_COLORS["Guangzhou"].lower()]) > max(widths[CITY_COLORS["Shenzhen"].lower()])
    labels = {t.get_text(): to_hex(t.get_color()) for t in ax.texts if t.get_gid() == "city_label"}
    assert labels == {c: CITY_COLORS[c].lower() for c in ("Guangzhou", "Shenzhen", "Beijing")}


def test_indexed_growth_sets_2020_to_100():
    ax = CHARTS["indexed"]("en")
    points = {to_hex(p.get_edgecolors()[0]): p.get_offsets().tolist() for p in gid_artists(ax, "observed")
              if len(p.get_offsets())}
    # Shenzhen: 5.00 -> 100, 5.50 / 5.00 x 100 = 110. Beijing 2022: 6.80 / 6.40 x 100 = 106.25.
    assert np.allclose(points[CITY_COLORS["Shenzhen"].lower()], [[2020, 100], [2021, 110]])
    assert np.allclose(points[CITY_COLORS["Beijing"].lower()], [[2020, 100], [2022, 106.25]])
    assert "Shanghai" in gid_texts(ax, "note")[0]  # no 2020 value
    assert ax.get_ylabel() == "2020 = 100"


def test_ambition_sets_required_growth_beside_achieved_growth():
    ax = CHARTS["ambition"]("en")
    required = gid_artists(ax, "required")[0].get_offsets()
    achieved = gid_artists(ax, "achieved")[0].get_offsets()
    # Guangzhou: required 1.86%/yr; achieved (3.44 / 3.10) ** (1 / (2023 - 2020)) - 1 = 3.53%/yr.
    assert required[0].tolist() == pytest.approx([1.86, 2])
    assert achieved[0, 0] == pytest.approx(((3.44 / 3.10) ** (1 / 3) - 1) * 100)
    # Shenzhen: (5.50 / 5.00) ** (1 / 1) - 1 = 10%/yr. Wuhan has no baseline value: no growth, and a note.
    assert achieved[1, 0] == pytest.approx(10.0)
    assert np.ma.is_masked(achieved[2, 0]) or np.isnan(achieved[2, 0])
    assert "Wuhan" in gid_texts(ax, "note")[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Guangzhou (2025)", "Shenzhen (2025)", "Wuhan (2027)"]


def test_scorecard_bars_show_the_latest_value_as_a_share_of_the_target():
    ax = CHARTS["scorecard"]("en")
    bars = [p for p in ax.patches if p.get_gid() == "latest"]
    # 3.3 / 3.4 x 100 = 97.06; 2413 / 3000 x 100 = 80.43; no value: a zero-length bar.
    assert [b.get_width() for b in bars] == pytest.approx([97.0588, 80.4333, 0.0], abs=1e-3)
    assert [to_hex(b.get_facecolor()) for b in bars] == [STATUS_COLORS[s].lower() for s in CARD["status"]]
    rows = gid_texts(ax, "row_text")
    assert rows[0] == "▲ On track\n3.30 (2023) / > 3.40 % of GDP"
    assert rows[2] == "○ no published figure found"
    baseline = gid_artists(ax, "baseline")[0].get_offsets()[0]
    assert baseline[0] == pytest.approx(3.1 / 3.4 * 100)  # 91.18
    assert [t.get_text() for t in ax.get_yticklabels()][0] == gz.get_indicator("rd_intensity").short("en")
    assert source_of("gz_innov_index_2024_en") in gid_texts(ax, "source")[0].replace("\n", "")  # the 2023 value's


@pytest.mark.parametrize("kind, columns", [("status_by_city", ["广州", "上海"]), ("status_by_year", ["2022", "2023"])])
def test_status_heatmap_colours_each_cell_and_marks_it_with_a_symbol(kind, columns):
    ax = CHARTS[kind]("zh")
    cells = [p for p in ax.patches if p.get_gid() and p.get_gid().startswith("cell_")]
    data = CARD_CITIES if kind == "status_by_city" else CARD_YEARS
    assert len(cells) == len(data)
    for cell in cells:
        assert to_hex(cell.get_facecolor()) == STATUS_COLORS[cell.get_gid()[5:]].lower()
    assert sorted(gid_texts(ax, "cell_symbol")) == sorted({"on_track": "▲", "needs_acceleration": "▶",
                                                          "insufficient_data": "○", "achieved": "★"}[s]
                                                         for s in data["status"])
    assert [t.get_text() for t in ax.get_xticklabels()] == columns


def test_outlook_places_each_candidate_at_its_implied_growth():
    ax = CHARTS["outlook"]("en")
    for name, growth in (("trend", 2.54), ("stretch", 4.56), ("floor", 0.25)):
        assert gid_artists(ax, name)[0].get_offsets()[0, 0] == pytest.approx(growth)
    assert gid_texts(ax, "value_label") == ["2030: 4.10 (3.50–4.70) % of GDP"]


@pytest.mark.parametrize("change, label", [
    ({}, "2030: 4.10 (3.50–4.70) % of GDP"),
    ({"weak": True}, "2030: 4.10 (3.50–4.70) % of GDP [weak]"),
    ({"value": [4.10, np.nan, np.nan]}, "2030: 4.10 % of GDP"),  # no interval: no range shown
    ({"value": np.nan}, "2030: Insufficient data"),
])
def test_outlook_labels_say_what_is_known(change, label):
    ax = gz.plot_outlook(OUTLOOK.assign(**change), lang="en", observations=OBS)
    assert gid_texts(ax, "value_label") == [label]


def test_dashboard_has_one_panel_per_target():
    fig = CHARTS["dashboard"]("en")
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title("left") for ax in panels] == ["R&D intensity", "Provincial+ S&T platforms"]
    assert fig._suptitle.get_text() == "Guangzhou's 14th Five-Year S&T targets at a glance"


def test_an_axes_level_function_draws_on_the_axes_it_is_given():
    fig, (left, right) = plt.subplots(1, 2)
    assert gz.plot_peer_lines(OBS, indicator="rd_intensity", ax=right, lang="en") is right
    assert not left.lines


@pytest.mark.parametrize("lang, statuses, expected", [
    ("en", ["final"] * 5, "Source: s1; s2; s3; and 2 more."),
    ("en", ["final", "preliminary", "final", "final", "final"], "Source: s1; s2; s3; and 2 more. Includes preliminary figures."),
    ("zh", ["final", "preliminary", "final", "final", "final"], "资料来源：s1；s2；s3；等2个来源。含初步数据。"),
])
def test_the_source_line_names_each_source_once_and_counts_the_rest(lang, statuses, expected):
    from gzinnov.charts.labels import source_line

    # Five distinct sources (s1 twice): the first three by name, then "2 more".
    rows = pd.DataFrame({"source_id": ["s1", "s2", "s3", "s4", "s5", "s1"], "status": statuses + ["final"]})
    assert source_line(rows, lang, max_items=3) == expected


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="lang"):
        gz.plot_scorecard(CARD, lang="fr", observations=OBS)


def test_a_weak_projection_is_dotted_and_noted():
    weak = PROJ.assign(weak=True)
    ax = gz.plot_trajectory(OBS, indicator="rd_intensity", lang="en", projections=weak)
    (line,) = gid_artists(ax, "projection")
    assert line.get_linestyle() == ":"
    texts = " ".join(t.get_text() for t in ax.figure.texts + ax.texts)
    assert "fewer than 4 data points" in texts


def test_dashboard_footer_explains_dotted_weak_projections():
    fig = gz.plot_dashboard(OBS, lang="en", projections=PROJ.assign(weak=True), indicators=["rd_intensity"])
    assert "Dotted: weak projection" in fig.get_supxlabel()
    fig = gz.plot_dashboard(OBS, lang="en", projections=PROJ.assign(weak=False), indicators=["rd_intensity"])
    assert "Dotted" not in fig.get_supxlabel()


# Plans: every target of a city on its trajectory, the final scorecard, the 2030 ambition chart.

PLAN_TARGETS = table("""
indicator_id, city, plan_id, baseline_year, baseline_value, target_year, target_value, relation, source_id, period_start, period_end
rd_intensity, Guangzhou, gz_fyp_15, 2025, 3.4, 2030, 4.0, approx, gz_plan_press_2022, ,
rd_intensity, Guangzhou, gz_st_14, 2020, 3.1, 2025, 3.4, gt, gz_plan_press_2022, ,
""")
FINAL = table("""
indicator_id, city, plan_id, baseline_year, baseline_value, latest_year, latest_value, latest_status, target_year, target_value, relation, status, status_reason, projected_value, projected_low, projected_high, p_meet, verdict_basis, settled_by
rd_intensity, Guangzhou, gz_st_14, 2020, 3.1, 2025, 3.4, preliminary, 2025, 3.4, gt, met_at_precision, why, , , , , provisional, the 2025 R&D funding bulletin (about September 2026)
tech_contract_turnover, Guangzhou, gz_st_14, 2020, 2256.53, 2025, 3500, final, 2025, 3000, gt, achieved, why, , , , , final,
high_tech_enterprises, Guangzhou, gz_st_14, 2020, 12000, 2025, 11000, final, 2025, 15000, ge, not_achieved, why, , , , , final,
sti_platforms, Guangzhou, gz_st_14, 2020, , , , , 2025, 320, ge, insufficient_data, why, , , , , nowcast, the 2025 yearbook (end of 2026)
""")
# Ambition rows worked by hand. R&D intensity in points a year: Guangzhou (4.0 - 3.4) / (2030 - 2025) = 0.12,
# achieved (3.4 - 3.1) / (2025 - 2020) = 0.06, ratio 0.12 / 0.06 = 2.0; Shenzhen (7.0 - 6.67) / (2030 - 2024)
# = 0.055, achieved (6.67 - 5.5) / (2024 - 2021) = 0.39, ratio 0.055 / 0.39 = 0.14.
AMB = table("""
indicator_id, city, plan_id, base_year, base_value, target_year, target_value, relation, pace_unit, required_pace, achieved_pace, achieved_from, achieved_to, ambition_ratio, projected_value, p_meet, rank_base, rank_target
rd_intensity, Guangzhou, gz_fyp_15, 2025, 3.4, 2030, 4.0, approx, points, 0.12, 0.06, 2020, 2025, 2.0, 3.8, 0.3, 3, 3
rd_intensity, Shenzhen, shenzhen_fyp_15, 2024, 6.67, 2030, 7.0, ge, points, 0.055, 0.39, 2021, 2024, 0.141, 7.5, 0.8, 1, 1
rd_intensity, Shanghai, shanghai_fyp_15, 2025, 4.5, 2030, 5.0, gt, points, 0.1, , , , , , , 2, 2
rd_intensity, Hangzhou, hangzhou_fyp_15, , , 2030, 4.5, approx, points, , , , , , , , , 3
""")
OBS_2025 = table("""
indicator_id, city, year, value, status, source_id, lower_bound
rd_intensity, Guangzhou, 2025, 3.4, preliminary, gz_nj2023_t17_05, False
rd_intensity, Shanghai, 2025, 4.5, final, peer_bj_invest, False
""")
PLAN_CHARTS = {
    "trajectory": lambda lang: gz.plot_trajectory(OBS, indicator="rd_intensity", lang=lang, projections=PROJ,
                                                  targets=PLAN_TARGETS),
    "final": lambda lang: gz.plot_scorecard(FINAL, lang=lang, headline="H.", observations=OBS),
    "ambition_2030": lambda lang: gz.plot_ambition_2030(AMB, lang=lang, observations=OBS_2025),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", list(PLAN_CHARTS))
def test_plan_charts_render_without_a_missing_glyph_with_chinese_punctuation(kind, lang):
    ax = render_checked(PLAN_CHARTS[kind], lang)
    assert ax.get_title("left") and gid_texts(ax, "source")
    if lang == "zh":  # no ASCII punctuation between Chinese characters in what this work added
        mine = sum((gid_texts(ax, g) for g in ("target_label", "note", "row_text", "base_label")), [])
        mine += [] if kind == "trajectory" else [ax.get_title("left")] + gid_texts(ax, "subtitle")
        cjk = "[\u4e00-\u9fff“”]"
        assert not [t for t in mine if re.search(f"{cjk}[,:;()]|[,:;()]{cjk}", t)]


def test_trajectory_draws_the_2025_and_the_2030_target_each_labelled_with_its_plan():
    ax = PLAN_CHARTS["trajectory"]("en")
    stars = [p.get_offsets().tolist() for p in gid_artists(ax, "target")]
    assert stars == [[[2025, 3.4]], [[2030, 4.0]]]  # earliest first, whatever the order of the table
    assert gid_texts(ax, "target_label") == ["> 3.40\n14th FYP S&T plan 2025", "≈ 4.00 (±2.5%)\n15th FYP 2030"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "14th FYP S&T plan 2025" in legend and "15th FYP 2030" in legend
    # Each target's own baseline: 3.1 in 2020 (the S&T plan) and 3.4 in 2025 (the 15th FYP).
    assert [p.get_offsets().tolist() for p in gid_artists(ax, "baseline")] == [[[2020, 3.1]], [[2025, 3.4]]]
    assert ax.get_xlim()[1] >= 2030
    assert {to_hex(p.get_facecolor()[0]) for p in gid_artists(ax, "target")} == {CITY_COLORS["Guangzhou"].lower()}
    zh = PLAN_CHARTS["trajectory"]("zh")
    assert gid_texts(zh, "target_label")[0] == "> 3.40\n科技创新“十四五”规划 2025"


def test_a_cumulative_trajectory_keeps_only_the_targets_of_its_running_total():
    targets = table("""
    indicator_id, city, plan_id, baseline_year, baseline_value, target_year, target_value, relation, source_id, period_start, period_end
    overseas_talent, Guangzhou, gz_st_14, 2020, , 2025, 1.8, ge, gz_plan_press_2022, 2021, 2025
    overseas_talent, Guangzhou, gz_fyp_15, 2025, , 2030, 2.0, ge, gz_plan_press_2022, 2026, 2030
    """)
    data = table("year,value\n2021,0.3\n2022,0.4").assign(indicator_id="overseas_talent", city="Guangzhou")
    ax = gz.plot_trajectory(data, indicator="overseas_talent", lang="en", projections=False, targets=targets)
    # A total since 2021 cannot be set against a target counted from 2026.
    assert [p.get_offsets().tolist() for p in gid_artists(ax, "target")] == [[[2025, 1.8]]]


def test_the_final_scorecard_draws_each_verdict_with_its_colour_and_hatches_the_provisional():
    ax = PLAN_CHARTS["final"]("en")
    bars = [p for p in ax.patches if p.get_gid() == "latest"]
    # 3.4 / 3.4 = 100%; 3500 / 3000 = 116.67%; 11000 / 15000 = 73.33%; no 2025 value: zero length.
    assert [b.get_width() for b in bars] == pytest.approx([100.0, 116.6667, 73.3333, 0.0], abs=1e-3)
    assert [to_hex(b.get_facecolor()) for b in bars[:3]] == [
        STATUS_COLORS[s].lower() for s in ("met_at_precision", "achieved", "not_achieved")]
    assert [b.get_facecolor()[3] for b in bars] == pytest.approx([1, 1, 1, 0.35])  # not yet published: pale
    assert [b.get_hatch() for b in bars] == ["////", None, None, None]
    rows = gid_texts(ax, "row_text")
    assert rows[0] == "≈ Met at the published precision (provisional)\n3.40 (2025) / > 3.40 % of GDP"
    assert rows[1].startswith("★ Achieved\n3,500.0 (2025) / > 3,000.0")
    assert rows[2].startswith("✗ Not achieved\n")
    assert rows[3] == "○ not yet published"
    assert gid_artists(ax, "projected") == []  # a finished plan has no projections
    assert ax.get_title("left") == "Guangzhou's 14th FYP S&T plan: the final verdict"
    assert gid_texts(ax, "subtitle") == ["H."]  # the plan headline
    note = gid_texts(ax, "note")[0]
    # One line per publication awaited, naming the targets it settles.
    assert note.split("\n")[1:] == ["the 2025 R&D funding bulletin (about September 2026): R&D intensity",
                                "the 2025 yearbook (end of 2026): Provincial+ S&T platforms"]
    assert "Provisional (hatched)" in [t.get_text() for t in ax.get_legend().get_texts()]
    provisional = gid_artists(ax, "status_met_at_precision")[0]
    assert to_hex(provisional.get_facecolor()[0]) == "#ffffff"  # hollow marker: provisional


@pytest.mark.parametrize("basis, final", [("final", True), ("provisional", True), ("nowcast", False)])
def test_the_scorecard_chooses_the_final_mode_when_a_verdict_is_final_or_provisional(basis, final):
    card = CARD.assign(verdict_basis=basis, plan_id="gz_st_14")
    ax = gz.plot_scorecard(card, lang="en", headline="H.", observations=OBS)
    assert ax.get_title("left").endswith("the final verdict") is final
    drawn = sum(len(line.get_xdata()) for line in gid_artists(ax, "projected") if hasattr(line, "get_xdata"))
    assert (drawn > 0) is not final  # projections only while the plan is under way


def test_a_scorecard_of_the_15th_plan_is_titled_by_its_plan():
    card = CARD.assign(plan_id="gz_fyp_15", target_year=2030)
    assert gz.plot_scorecard(card, lang="zh", observations=OBS).get_title("left") == "广州“十五五”规划纲要目标进展"


def test_ambition_2030_draws_an_arrow_from_each_base_value_to_the_target():
    ax = PLAN_CHARTS["ambition_2030"]("en")
    # Best target first: Shenzhen 7.0, Shanghai 5.0, Hangzhou 4.5, Guangzhou 4.0.
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Shenzhen", "Shanghai", "Hangzhou", "Guangzhou"]
    arrows = [a for a in ax.texts if a.get_gid() == "arrow"]
    assert [(a.xyann[0], a.xy[0]) for a in arrows] == [(6.67, 7.0), (4.5, 5.0), (3.4, 4.0)]  # Hangzhou: no base
    widths = [a.arrow_patch.get_linewidth() for a in arrows]
    assert widths[2] > widths[0] == widths[1]  # Guangzhou stands out
    assert to_hex(arrows[2].arrow_patch.get_edgecolor()) == CITY_COLORS["Guangzhou"].lower()
    assert to_hex(arrows[0].arrow_patch.get_edgecolor()) == CITY_COLORS["Shenzhen"].lower()
    guangzhou = ax.get_yticklabels()[3]
    assert to_hex(guangzhou.get_color()) == CITY_COLORS["Guangzhou"].lower()
    rows = gid_texts(ax, "row_text")
    assert rows[3] == "needs +0.12 pts/yr; +0.06 pts/yr in 2020–2025 (×2.0)\nrank 3 → 3; P(meet) 30%"
    assert rows[0].startswith("needs +0.06 pts/yr; +0.39 pts/yr in 2021–2024 (×0.1)")  # 0.055 shown to 2 decimals
    assert gid_texts(ax, "base_label")[0] == "6.67 (2024)"  # a base year other than 2025 is named
    assert gid_texts(ax, "note") == ["No base value: Hangzhou"]
    diamonds = gid_artists(ax, "projected")[0].get_offsets().tolist()
    assert diamonds == [[7.5, 3.0], [3.8, 0.0]]


def test_ambition_2030_marks_unconfirmed_base_values_hollow_and_cites_the_rows_drawn():
    ax = gz.plot_ambition_2030(AMB, lang="zh", observations=OBS_2025)
    observed = gid_artists(ax, "observed")
    filled = [p.get_offsets().tolist() for p in observed if to_hex(p.get_facecolor()[0]) != "#ffffff"]
    assert filled == [[[4.5, 2.0]]]  # Shanghai's final 2025 value; Guangzhou's is preliminary, Shenzhen's unmatched
    line = gid_texts(ax, "source")[0].replace("\n", "")
    assert source_of("gz_nj2023_t17_05", "zh") in line and source_of("peer_bj_invest", "zh") in line
    assert "含初步数据" in line
    assert gid_texts(ax, "row_text")[3] == "需年均提高0.12个百分点，2020—2025年实际+0.06个百分点（2.0倍）\n排名：第3→第3，达标概率30%"


def test_ambition_2030_states_a_growth_pace_as_a_rate():
    # High-value patents 43.9 -> 60 in five years: (60 / 43.9) ** (1 / 5) - 1 = 0.0645, shown as 6.4%... or 6.5%.
    required = (60 / 43.9) ** (1 / 5) - 1
    assert round(required * 100, 1) == 6.4
    rows = AMB.iloc[[0]].assign(indicator_id="high_value_patents_per_10k", base_value=43.9, target_value=60,
                                 relation="ge", pace_unit="growth", required_pace=required, achieved_pace=0.10,
                                 ambition_ratio=required / 0.10, projected_value=np.nan, p_meet=np.nan)
    ax = gz.plot_ambition_2030(rows, indicator="high_value_patents_per_10k", lang="en", observations=OBS_2025)
    assert gid_texts(ax, "row_text")[0] == "needs 6.4%/yr; +10.0%/yr in 2020–2025 (×0.6)\nrank 3 → 3"


# ---- issue 12: source lines, empty frames, breaks, like-with-like, Chinese typesetting --------------

SOURCES = table("""
source_id, publisher, publisher_en, title, url, published, accessed, kind, grade, host, licence, mirror_of
stats, 广州市统计局, Guangzhou Statistics Bureau, 年鉴, https://tjj.gz.gov.cn/x, 2023, 2026-11-27, official_statistics, official_statistics, , ,
copy, 中新社, China News Service, 报道, https://golangjump.com/x, 2022-03-01, 2026-11-27, news, reprint, golangjump.com, ,
paper, 南方都市报, Southern Metropolis Daily, 报道, https://m.mp.oeeee.com/x, 2024-01-02, 2026-11-27, news, mainstream_media, , ,
""").astype(object).fillna("")


@pytest.fixture
def graded_sources(monkeypatch):
    import gzinnov.ingest.load as load

    monkeypatch.setattr(load, "sources", lambda data_dir=None: SOURCES)


@pytest.mark.parametrize("lang, expected", [
    ("zh", "资料来源：南方都市报（2024）；广州市统计局（2023）；据中新社报道（2022）。"),
    ("en", "Source: Guangzhou Statistics Bureau (2023); Southern Metropolis Daily (2024); "
           "as reported by China News Service (2022)."),
])
def test_a_source_line_names_the_publisher_and_never_the_host_of_a_reprint(graded_sources, lang, expected):
    from gzinnov.charts.labels import source_line

    rows = pd.DataFrame({"source_id": ["stats", "copy", "paper", "copy"], "status": ["final"] * 4})
    line = source_line(rows, lang).replace("\n", "")
    # Sorted by the text of each citation; the reprint on golangjump.com is cited as its original publisher.
    assert line == expected
    assert "golangjump" not in line


def test_an_old_source_record_without_grade_loses_its_host_and_english_gloss():
    from gzinnov.charts.labels import citation

    record = {"publisher": "golangjump.com (reprint of 中新社)", "kind": "news"}
    assert citation(record, "zh") == "据中新社报道"
    assert citation({"publisher": "vmaya.com (aggregator)", "kind": "news"}, "zh") == "网络转载，原发布者不详"
    assert citation({"publisher": "cnshuangli.cn (English news page)", "kind": "news"}, "zh") == "网络转载，原发布者不详"


def test_a_single_point_series_has_year_ticks():
    data = table("""
    indicator_id, city, year, value
    hitech_output_share, Guangzhou, 2019, 49.0
    hitech_output_share, Shenzhen, 2019, 66.0
    """)
    ax = gz.plot_peer_lines(data, indicator="hitech_output_share", lang="en")
    ax.figure.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    # The axis runs from 2018.4 to 2020.6: whole years only, written out, with no offset ("+2.02e3").
    assert ticks and all(t.isdigit() and 2018 <= int(t) <= 2021 for t in ticks)
    assert ax.xaxis.get_offset_text().get_text() == ""


BREAK = table("""
indicator_id, city, year, value, series_break
rd_intensity, Wuhan, 2014, 2.96, False
rd_intensity, Wuhan, 2015, 3.02, False
rd_intensity, Wuhan, 2016, 1.91, True
rd_intensity, Wuhan, 2017, 2.35, False
rd_intensity, Guangzhou, 2016, 2.50, False
rd_intensity, Guangzhou, 2017, 2.60, False
""")


@pytest.mark.parametrize("lang, words", [("en", "Wuhan from 2016"), ("zh", "武汉2016年起")])
def test_a_definition_break_splits_the_line_and_is_marked(lang, words):
    ax = gz.plot_peer_lines(BREAK, indicator="rd_intensity", start=2014, lang=lang)
    wuhan = [line.get_xdata().tolist() for line in gid_artists(ax, "history")
             if to_hex(line.get_color()) == CITY_COLORS["Wuhan"].lower()]
    # Two runs: 2014-2015 (old definition) and 2016-2017 (new); nothing joins 2015 to 2016.
    assert sorted(wuhan) == [[2014, 2015], [2016, 2017]]
    (mark,) = gid_artists(ax, "series_break")
    # Between 2015 and 2016, half-way between 3.02 and 1.91: (3.02 + 1.91) / 2 = 2.465.
    assert mark.get_offsets().tolist() == [[2015.5, pytest.approx(2.465)]]
    assert words in gid_texts(ax, "note")[0]


def dashboard_gids(fig):
    return {a.get_gid() for ax in fig.axes for a in [*ax.collections, *ax.lines]}


def test_dashboard_panels_share_their_years_and_keep_every_marker_whole():
    fig = CHARTS["dashboard"]("en")
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert len({ax.get_xlim() for ax in panels}) == 1
    for ax in panels:
        for c in ax.collections:
            if c.get_gid() in ("target", "observed", "baseline"):
                assert not c.get_clip_on()
                bottom, top = sorted(ax.get_ylim())
                assert all(bottom < y < top for y in c.get_offsets()[:, 1])


def test_dashboard_legend_explains_only_the_marks_drawn():
    with_projection = CHARTS["dashboard"]("en")
    labels = [t.get_text() for t in with_projection.legends[0].get_texts()]
    # OBS has final, preliminary and reported (hollow) values, and a lower bound; the registry gives a
    # baseline for R&D intensity; PROJ a projection with a band.
    assert labels == ["Final", "Preliminary or reported (hollow)", "Lower bound (\"more than\")", "Baseline value",
                      "Target", "Projection", "80% interval"]
    without = gz.plot_dashboard(OBS.query("status == 'final'"), lang="en", projections=False,
                                indicators=["rd_intensity"])
    assert [t.get_text() for t in without.legends[0].get_texts()] == ["Final", "Baseline value", "Target"]


def chart_texts(out):
    """Every text a chart shows: titles, labels, ticks, legends, notes, source lines."""
    from matplotlib.text import Text

    fig = out if isinstance(out, plt.Figure) else out.figure
    fig.canvas.draw()
    return [t.get_text() for t in fig.findobj(Text) if t.get_text() and t.get_visible()]


@pytest.mark.parametrize("kind", list(CHARTS))
def test_chinese_chart_text_has_no_ascii_punctuation_between_chinese_characters(kind):
    from gzinnov.charts.typeset import ascii_punctuation

    found = [(text, ascii_punctuation(text)) for text in chart_texts(CHARTS[kind]("zh"))]
    assert [f for f in found if f[1]] == []


@pytest.mark.parametrize("text, expected", [
    ("2020年无数值,以2021年数值为基期。", "2020年无数值，以2021年数值为基期。"),
    ("广州,亿元", "广州，亿元"),
    ("资料来源:广州市统计局 (2023); 南方都市报", "资料来源：广州市统计局（2023）；南方都市报"),
    ("2,550.8亿元; 3.4%", "2,550.8亿元；3.4%"),  # digits keep their comma
    ("Source: a (2023); b", "Source: a (2023); b"),  # no Chinese: left alone
])
def test_typeset_zh(text, expected):
    from gzinnov.charts.typeset import ascii_punctuation, typeset_zh

    assert typeset_zh(text) == expected
    assert ascii_punctuation(expected) == []


def test_a_reprint_whose_original_publisher_is_unknown_never_names_its_host():
    from gzinnov.charts.labels import citation

    record = {"publisher": "theworldseeds.cn（原始发布者未注明）", "publisher_en": "theworldseeds.cn (not named)",
              "grade": "reprint", "host": "", "kind": "news"}
    assert citation(record, "zh") == "网络转载，原发布者不详"
    assert citation(record, "en") == "unattributed web copy"
    known = {**record, "publisher": "重庆日报", "publisher_en": "Chongqing Daily", "host": "liaoningxiaochi.com"}
    assert (citation(known, "zh"), citation(known, "en")) == ("据重庆日报报道", "as reported by Chongqing Daily")


def test_end_labels_at_the_same_value_are_moved_apart():
    # Nanjing and Hangzhou both end at 4.0 in 2025: their labels would print on top of each other.
    import matplotlib.pyplot as plt

    from gzinnov.charts.base import spread_labels

    fig, ax = plt.subplots(figsize=(6, 4), dpi=100)
    ax.set_ylim(0, 10)
    first, second = (ax.annotate(name, (2025, 4.0), xytext=(4, 0), textcoords="offset points", fontsize=10,
                                 gid="end") for name in ("南京", "杭州"))
    far = ax.annotate("北京", (2025, 9.0), xytext=(4, 0), textcoords="offset points", fontsize=10, gid="end")
    spread_labels(ax, "end")
    # one line of 10-point text is 11.5 points: the second label is lifted by that, the far one not at all
    assert first.xyann == (4, 0) and second.xyann == pytest.approx((4, 11.5)) and far.xyann == (4, 0)
    plt.close(fig)


def test_a_peer_with_two_targets_is_listed_once_in_the_legend():
    ax = gz.plot_trajectory(indicator="rd_intensity", lang="en", peers=["Beijing", "Beijing", "Shanghai"])
    labels = ax.get_legend_handles_labels()[1]
    assert labels.count("Beijing target") == 1 and len(labels) == len(set(labels))
