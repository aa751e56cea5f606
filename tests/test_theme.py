"""The chart theme: the CJK font, no leaked rcParams, colours that tell cities and statuses apart."""

import warnings

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest

from gzinnov.style import (CITY_COLORS, FONT_FAMILY, STATUS_COLORS, STATUS_MARKERS, STATUS_ORDER, city_color,
                           font_path, theme)

CHINESE = "广州市科技创新“十四五”规划 研发投入强度 未找到公开数据"


def missing_glyphs(draw):
    """Run ``draw`` and return the 'Glyph ... missing from font' warnings it raised."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        draw()
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


def test_the_font_is_noto_sans_cjk_sc_from_mplfonts_and_nothing_else():
    from matplotlib import font_manager

    path = font_path()
    assert path.name == "NotoSansCJKsc-Regular.otf" and path.parent.parent.name == "mplfonts"
    assert path.exists()
    assert font_manager.FontProperties(fname=str(path)).get_name() == "Noto Sans CJK SC"
    assert FONT_FAMILY == ["DejaVu Sans", "Noto Sans CJK SC"]
    assert not any("simhei" in f.lower() for f in FONT_FAMILY)


def test_theme_sets_the_fonts_inside_and_restores_rcparams_after():
    before = dict(mpl.rcParams)
    with theme():
        assert list(mpl.rcParams["font.family"]) == FONT_FAMILY
        assert mpl.rcParams["axes.unicode_minus"] is False
        assert mpl.rcParams["pdf.fonttype"] == 42
        assert mpl.rcParams["svg.hashsalt"] == "gzinnov"
    assert dict(mpl.rcParams) == before


def draw_chinese(fig):
    fig.text(0.1, 0.5, CHINESE)
    fig.savefig(__import__("io").BytesIO(), format="png")


def test_chinese_renders_with_the_theme():
    with theme():
        fig = plt.figure()
        assert missing_glyphs(lambda: draw_chinese(fig)) == []


def test_the_glyph_check_catches_a_latin_only_font():
    # The check above can fail: without the CJK font every Chinese glyph is reported.
    with mpl.rc_context({"font.family": ["DejaVu Sans"]}):
        fig = plt.figure()
        assert missing_glyphs(lambda: draw_chinese(fig))


def test_gz_theme_stays_the_function_after_charts_are_drawn():
    import gzinnov as gz
    from conftest import table

    gz.plot_trajectory(table("indicator_id,city,year,value\nrd_intensity,Guangzhou,2020,3.1"),
                       indicator="rd_intensity", projections=False)
    assert callable(gz.theme) and gz.theme is theme


def test_chart_functions_leave_global_rcparams_alone():
    import gzinnov as gz
    from conftest import table

    data = table("""
    indicator_id, city, year, value
    rd_intensity, Guangzhou, 2020, 3.1
    rd_intensity, Guangzhou, 2021, 3.2
    """)
    before = dict(mpl.rcParams)
    gz.plot_trajectory(data, indicator="rd_intensity", projections=False)
    assert dict(mpl.rcParams) == before


def test_tick_labels_get_the_cjk_font_on_axes_made_outside_the_theme():
    import gzinnov as gz
    from conftest import table

    data = table("""
    indicator_id, city, year, value
    rd_intensity, Guangzhou, 2022, 3.4
    rd_intensity, Shenzhen, 2022, 5.8
    """)
    fig, ax = plt.subplots()
    ax.get_yticklabels()  # the user's axes already has tick labels, made with the default font
    gz.plot_peers_ranked(data, indicator="rd_intensity", lang="zh", ax=ax)
    # The default rcParams have no CJK font: only the labels' own font can draw 广州.
    assert missing_glyphs(lambda: ax.figure.savefig(__import__("io").BytesIO(), format="png")) == []


@pytest.mark.parametrize("mapping", [CITY_COLORS, STATUS_COLORS, STATUS_MARKERS], ids=["city", "status", "marker"])
def test_every_key_has_its_own_colour_or_marker(mapping):
    values = [v.lower() if isinstance(v, str) else v for v in mapping.values()]
    assert len(set(values)) == len(values)


def test_the_panel_has_eleven_cities_and_every_status_a_colour_and_a_marker():
    assert len(CITY_COLORS) == 11 and "Guangzhou" in CITY_COLORS
    assert set(STATUS_COLORS) == set(STATUS_MARKERS) == set(STATUS_ORDER)


@pytest.mark.parametrize("city, expected", [("Guangzhou", "#D55E00"), ("Shenzhen", "#117733"),
                                            ("Dongguan", "#9A9A9A")])
def test_city_color(city, expected):
    assert city_color(city) == expected


def test_theme_keeps_interactive_mode_switched_on_inside_the_block():
    import matplotlib as mpl

    from gzinnov.style import theme

    before = mpl.is_interactive()
    try:
        mpl.interactive(False)
        with theme():
            mpl.interactive(True)  # what the inline backend does on the first chart
        assert mpl.is_interactive()
    finally:
        mpl.interactive(before)


def test_the_theme_is_seaborns_whitegrid_style_and_contexts_written_out():
    import seaborn as sns

    from gzinnov.style import WHITEGRID, plotting_context

    assert WHITEGRID == {k: v for k, v in sns.axes_style("whitegrid").items() if k != "image.cmap"}
    for context in ("paper", "notebook", "talk", "poster"):
        for scale in (0.9, 1.0, 1.3):
            assert plotting_context(context, scale) == pytest.approx(sns.plotting_context(context, font_scale=scale))


def test_drawing_a_chart_does_not_import_seaborn_or_scipy_stats():
    import subprocess
    import sys

    code = ("import sys, matplotlib; matplotlib.use('Agg'); import gzinnov as gz; "
            "gz.plot_trajectory(gz.observations(), indicator='rd_intensity', projections=False); "
            "print(sorted(m for m in ('seaborn', 'scipy.stats') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
