"""The chart theme: fonts (Chinese included), colours by city and by status, sizes.

(The module is not called ``theme`` so that importing it can never hide ``gz.theme``, the
function, behind a module of the same name.)

Use it as a ``with`` block, like a seaborn style; chart functions apply it themselves, so
global ``rcParams`` are never changed::

    with gz.theme():
        fig, ax = plt.subplots()
"""

__all__ = ["theme", "theme_rc", "font_path", "CITY_COLORS", "STATUS_COLORS", "STATUS_MARKERS",
           "STATUS_ORDER", "city_color", "MUTED", "FONT_FAMILY", "pin_fonts", "SIZES", "font_subset"]

import contextlib
import functools
from pathlib import Path

# One colour per city, the same in every chart. Guangzhou takes Okabe-Ito vermillion; the
# peers take Paul Tol's colour-blind-safe "muted" scheme, plus Okabe-Ito blue.
CITY_COLORS = {
    "Guangzhou": "#D55E00",
    "Beijing": "#332288", "Shanghai": "#88CCEE", "Shenzhen": "#117733", "Hangzhou": "#44AA99",
    "Wuhan": "#999933", "Chengdu": "#DDCC77", "Nanjing": "#CC6677", "Suzhou": "#AA4499",
    "Xi'an": "#882255", "Chongqing": "#0072B2",
}
MUTED = "#9A9A9A"

# Status colours from Paul Tol's "vibrant" scheme (colour-blind safe); every status also
# has its own marker, so colour is never the only cue.
STATUS_ORDER = ["achieved", "met_at_precision", "not_achieved", "on_track", "needs_acceleration",
                "limited_progress", "deterioration", "insufficient_data"]
STATUS_COLORS = {
    "achieved": "#0077BB", "on_track": "#009988", "needs_acceleration": "#EE7733",
    "limited_progress": "#CC3311", "deterioration": "#882255", "insufficient_data": "#BBBBBB",
    "met_at_precision": "#33BBEE", "not_achieved": "#EE3377",
}
STATUS_MARKERS = {
    "achieved": "*", "on_track": "^", "needs_acceleration": ">", "limited_progress": "v",
    "deterioration": "X", "insufficient_data": "o", "met_at_precision": "d", "not_achieved": "s",
}

# Page sizes in inches: a 16:9 slide, A4 landscape, a square.
SIZES = {"slide": (10, 5.625), "a4": (11.69, 8.27), "square": (6.5, 6.5)}

# A list of concrete families, so matplotlib falls back glyph by glyph to the CJK font.
FONT_FAMILY = ["DejaVu Sans", "Noto Sans CJK SC"]


def city_color(city):
    """Return the colour of ``city`` (grey for a city outside the panel)."""
    return CITY_COLORS.get(city, MUTED)


def font_path():
    """Return the path of Noto Sans CJK SC, as shipped by the mplfonts wheel."""
    import mplfonts

    return Path(mplfonts.__file__).resolve().parent / "fonts" / "NotoSansCJKsc-Regular.otf"


def font_subset(text):
    """Return Noto Sans CJK SC cut down to the characters of ``text``, as OpenType bytes.

    A web page can then carry its own font (a few hundred kilobytes at most), so that its
    Chinese renders on machines without a CJK font.
    """
    import io

    from fontTools import subset

    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # keep the names, licence included
    font = subset.load_font(str(font_path()), options)
    cutter = subset.Subsetter(options)
    cutter.populate(text="".join(sorted(set(text))))
    cutter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


@functools.cache
def _register_font():
    from matplotlib import font_manager

    path = font_path()
    if not path.exists():
        raise FileNotFoundError(f"the Chinese font is missing: {path.name} (reinstall mplfonts)")
    font_manager.fontManager.addfont(str(path))
    return str(path)


@functools.cache
def _rc(context, font_scale):
    import seaborn as sns

    rc = {**sns.axes_style("whitegrid"), **sns.plotting_context(context, font_scale=font_scale)}
    rc.update({
        "axes.spines.right": False, "axes.spines.top": False, "axes.titlesize": 13,
        # The CJK font has one weight only, so no text is bold (a bold title would mix weights).
        "axes.titleweight": "normal", "axes.titlecolor": "#111111", "axes.titlelocation": "left",
        "axes.titley": 1.0,  # a fixed title position: matplotlib then skips a costly search
        "figure.dpi": 100,
        "savefig.dpi": 200, "figure.constrained_layout.use": True,
        # Fonts go last: seaborn's styles reset them.
        "font.family": FONT_FAMILY, "axes.unicode_minus": False,
        "pdf.fonttype": 42, "ps.fonttype": 42, "svg.fonttype": "path", "svg.hashsalt": "gzinnov",
    })
    return rc


def theme_rc(context="notebook", font_scale=0.9):
    """Return the theme's rcParams as a dict (the CJK font is registered on first use).

    Parameters
    ----------
    context : {"paper", "notebook", "talk", "poster"}
        The seaborn plotting context that sets the sizes.
    font_scale : float
        Scale of all text sizes.
    """
    _register_font()
    return dict(_rc(context, font_scale))


@contextlib.contextmanager
def theme(context="notebook", font_scale=0.9):
    """Apply gzinnov's chart theme inside a ``with`` block; restore rcParams on exit.

    Chinese and English use the same font list, so text that mixes them renders.

    Parameters
    ----------
    context, font_scale
        As in :func:`theme_rc`.
    """
    import matplotlib as mpl

    with mpl.rc_context(theme_rc(context, font_scale)):
        try:
            yield
        finally:
            interactive = mpl.is_interactive()
    # Jupyter's inline backend turns interactive mode on while the first chart is drawn;
    # restoring it with the other rcParams would hide every later chart.
    mpl.interactive(interactive)


def pin_fonts(ax):
    """Give every text of ``ax`` the theme's fonts, creating its tick labels now.

    matplotlib fixes a text's font when the text is made: titles and labels of axes made
    outside the theme, and tick labels made later (lazily), would otherwise lack the
    Chinese font.
    """
    from matplotlib.text import Text

    for axis in (ax.xaxis, ax.yaxis):
        axis.get_major_ticks()
        axis.get_minor_ticks()
    for item in ax.findobj(Text):
        item.set_fontfamily(FONT_FAMILY)
