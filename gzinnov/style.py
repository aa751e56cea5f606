"""The chart theme: fonts (Chinese included), colours by city and by status, sizes.

(The module is not called ``theme`` so that importing it can never hide ``gz.theme``, the
function, behind a module of the same name.)

Use it as a ``with`` block, like a seaborn style; chart functions apply it themselves, so
global ``rcParams`` are never changed::

    with gz.theme():
        fig, ax = plt.subplots()
"""

__all__ = ["theme", "theme_rc", "font_path", "CITY_COLORS", "STATUS_COLORS", "STATUS_MARKERS",
           "STATUS_ORDER", "city_color", "MUTED", "FONT_FAMILY", "pin_fonts", "SIZES", "font_subset",
           "chart_font_path", "latin_font_path", "chart_characters"]

import contextlib
import functools
import os
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
    Chinese renders on machines without a CJK font. The cut is made from the charts' copy
    of the font (a tenth of the time) when that holds every character, else from the full font.
    """
    import io

    from fontTools import subset

    wanted = set(text)
    shown = {ord(c) for c in wanted if ord(c) >= 0x20}  # line breaks and tabs need no glyph
    source = chart_font_path() if shown <= chart_characters() else font_path()
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # keep the names, licence included
    font = subset.load_font(str(source), options)
    cutter = subset.Subsetter(options)
    cutter.populate(text="".join(sorted(wanted)))
    cutter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    font.close()
    return buffer.getvalue()


_FONT_VERSION = 3  # bump when the characters or the conversion change


@functools.cache
def chart_characters():
    """Return the characters the chart font carries: Latin, punctuation, symbols, GB 2312,
    and every Chinese character of the packaged data's text files.

    GB 2312 holds the 6,763 characters of everyday Simplified Chinese; the data files add
    the few others that names of sources and plans use (Traditional forms among them).
    """
    import re

    from .registry import DATA_DIR

    chars = set(range(0x20, 0x7F)) | set(range(0xA0, 0x250))
    for start, stop in ((0x2000, 0x2070), (0x2100, 0x2800), (0x3000, 0x3040), (0xFF00, 0xFFF0)):
        chars |= set(range(start, stop))
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes([high, low]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    for path in sorted([*DATA_DIR.glob("*.csv"), *DATA_DIR.glob("*.yaml")]):
        chars |= {ord(c) for c in re.findall("[\u3400-\u9fff]", path.read_text("utf-8"))}
    return frozenset(chars)


def _cache_dir():
    import matplotlib as mpl

    return Path(mpl.get_cachedir()) / "gzinnov"


def chart_font_path():
    """Return Noto Sans CJK SC with TrueType outlines, made once and kept in matplotlib's cache.

    The Noto file is OpenType with CFF outlines. matplotlib's PDF backend puts any font
    it embeds as text (``pdf.fonttype`` 42) in a TrueType slot, so a CFF font there gives
    "Mismatch between font type and embedded font file" in poppler, and Acrobat or WPS
    may refuse it. The charts therefore use this copy: the same glyphs, cut down to
    :func:`chart_characters` and with their curves turned into TrueType's quadratic ones
    (fontTools' cu2qu, at most 1 unit of 1,000 away). Its vertical metrics and layout
    tables, which horizontal chart text does not use, are left out: every PDF embeds a cut
    of this font, and each table costs time there. Making it takes about 15 seconds; a
    new copy is made when the characters change.
    """
    characters = chart_characters()
    return _cached_font(f"NotoSansCJKsc-Regular-tt-{_stamp(characters)}.ttf",
                        lambda: _truetype_font(font_path(), characters))


# The Latin font's characters: Latin, Greek, punctuation and symbols (arrows, maths, shapes, dingbats).
_LATIN = ((0x20, 0x250), (0x370, 0x400), (0x2000, 0x2800))


def latin_font_path():
    """Return DejaVu Sans cut down to the characters charts set in it, kept in matplotlib's cache.

    The full font (6,000 glyphs with large layout tables) costs every PDF a tenth of a second
    to cut its glyphs from; this copy costs a fiftieth. Kerning stays, as the font's
    ``kern`` table; a character it lacks falls back to the CJK font, as before.
    """
    import matplotlib as mpl

    source = str(Path(mpl.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")  # shipped with matplotlib
    return _cached_font(f"DejaVuSans-chart-{_stamp(_LATIN)}.ttf", lambda: _latin_font(source))


def _stamp(characters):
    import hashlib

    return hashlib.sha256(f"{_FONT_VERSION}:{sorted(characters)}".encode()).hexdigest()[:10]


def _cached_font(name, make):
    path = _cache_dir() / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        font = make()
        font.save(str(tmp))
        font.close()
        os.replace(tmp, path)  # several processes may make it at once: the last rename wins
    return path


def _latin_font(source):
    """Return the font at ``source`` cut down to ``_LATIN``, kerning kept as a ``kern`` table."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    with TTFont(source) as full:
        cmap = full.getBestCmap()
    options = subset.Options()
    options.name_IDs = ["*"]  # keep the names, licence included
    options.notdef_outline = True
    options.legacy_kern = True
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "MATH", "FFTM"]
    font = subset.load_font(source, options)
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=[c for c in cmap if any(a <= c < b for a, b in _LATIN)])
    cutter.subset(font)
    return font


def _truetype_font(source, characters):
    """Return the font at ``source`` cut down to ``characters``, with TrueType outlines."""
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    options = subset.Options()
    options.name_IDs = ["*"]  # keep the names, licence included
    options.layout_features = []
    options.notdef_outline = True
    font = subset.load_font(str(source), options)
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=characters)
    cutter.subset(font)
    glyphs, order = font.getGlyphSet(), font.getGlyphOrder()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    for name in order:
        glyf[name].recalcBounds(glyf)
    for tag in ("CFF ", "VORG", "vhea", "vmtx", "BASE", "GSUB", "GPOS"):
        if tag in font:
            del font[tag]
    font["glyf"], font["loca"] = glyf, newTable("loca")
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in ("maxZones",):
        setattr(maxp, field, 1)
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs", "maxStackElements",
                  "maxSizeOfInstructions", "maxComponentElements", "maxPoints", "maxContours",
                  "maxCompositePoints", "maxCompositeContours", "maxComponentDepth"):
        setattr(maxp, field, 0)
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType, post.extraNames, post.mapping = 2.0, [], {}
    font.sfntVersion = "\x00\x01\x00\x00"
    return font


@functools.cache
def _register_font():
    from matplotlib import font_manager

    if not font_path().exists():
        raise FileNotFoundError(f"the Chinese font is missing: {font_path().name} (reinstall mplfonts)")
    manager = font_manager.fontManager
    paths = [str(chart_font_path()), str(latin_font_path())]
    for path in paths:
        manager.addfont(path)
        # First in the list, so that it wins over the full copy of the font of the same name.
        manager.ttflist.insert(0, manager.ttflist.pop())
    manager._findfont_cached.cache_clear()
    return paths[0]


# seaborn's "whitegrid" style and its plotting contexts (seaborn 0.13), written out: importing
# seaborn for them would cost every drawing process about three seconds (it loads scipy.stats).
# The style's colormap is left out: only seaborn registers it, and no chart uses one. A test
# checks both against seaborn's own.
WHITEGRID = {
    "figure.facecolor": "white", "axes.labelcolor": ".15", "xtick.direction": "out", "ytick.direction": "out",
    "xtick.color": ".15", "ytick.color": ".15", "axes.axisbelow": True, "grid.linestyle": "-", "text.color": ".15",
    "font.family": ["sans-serif"], "font.sans-serif": ["Arial", "DejaVu Sans", "Liberation Sans",
                                                       "Bitstream Vera Sans", "sans-serif"],
    "lines.solid_capstyle": "round", "patch.edgecolor": "w", "patch.force_edgecolor": True,
    "xtick.top": False, "ytick.right": False, "axes.grid": True, "axes.facecolor": "white", "axes.edgecolor": ".8",
    "grid.color": ".8", "axes.spines.left": True, "axes.spines.bottom": True, "axes.spines.right": True,
    "axes.spines.top": True, "xtick.bottom": False, "ytick.left": False,
}
_CONTEXT_LINES = {
    "axes.linewidth": 1.25, "grid.linewidth": 1, "lines.linewidth": 1.5, "lines.markersize": 6, "patch.linewidth": 1,
    "xtick.major.width": 1.25, "ytick.major.width": 1.25, "xtick.minor.width": 1, "ytick.minor.width": 1,
    "xtick.major.size": 6, "ytick.major.size": 6, "xtick.minor.size": 4, "ytick.minor.size": 4,
}
_CONTEXT_TEXT = {"font.size": 12, "axes.labelsize": 12, "axes.titlesize": 12, "xtick.labelsize": 11,
                 "ytick.labelsize": 11, "legend.fontsize": 11, "legend.title_fontsize": 12}
CONTEXT_SCALE = {"paper": 0.8, "notebook": 1.0, "talk": 1.5, "poster": 2.0}


def plotting_context(context="notebook", font_scale=1.0):
    """Return the sizes of seaborn's plotting ``context``, its text scaled by ``font_scale``."""
    scale = CONTEXT_SCALE[context]
    return {**{k: v * scale for k, v in _CONTEXT_LINES.items()},
            **{k: v * scale * font_scale for k, v in _CONTEXT_TEXT.items()}}


@functools.cache
def _rc(context, font_scale):
    rc = {**WHITEGRID, **plotting_context(context, font_scale)}
    rc.update({
        "axes.spines.right": False, "axes.spines.top": False, "axes.titlesize": 13,
        # The CJK font has one weight only, so no text is bold (a bold title would mix weights).
        "axes.titleweight": "normal", "axes.titlecolor": "#111111", "axes.titlelocation": "left",
        "axes.titley": 1.0,  # a fixed title position: matplotlib then skips a costly search
        "figure.dpi": 100,
        "savefig.dpi": 200, "figure.constrained_layout.use": True,
        # Fonts go last: the whitegrid style resets them.
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
