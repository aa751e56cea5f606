"""What every chart shares: the theme wrapper, new axes, and drawing one observed series."""

__all__ = ["themed", "new_axes", "select", "plot_series", "series_breaks", "plot_points", "empty_note", "year_axis",
           "or_packaged", "spread_labels"]

import functools

import numpy as np

from ..style import SIZES, pin_fonts, theme


def _packaged_data(name, kwargs):
    """Return the data a chart draws when it is given none: the packaged data, analysed as it needs."""
    from ..analysis.assess import scorecard
    from ..analysis.outlook import outlook
    from ..analysis.peers import compare_targets
    from ..ingest.load import observations

    lang = kwargs.get("lang", "zh")
    if name in ("plot_scorecard", "plot_status_heatmap"):
        return scorecard(city="Guangzhou" if name == "plot_scorecard" else None, lang=lang)
    if name == "plot_outlook":
        return outlook(city=kwargs.get("city", "Guangzhou"), lang=lang)
    if name == "plot_ambition":
        return compare_targets(indicator=kwargs.get("indicator"))
    return observations()


def _check_arguments(data, kwargs):
    """Resolve the names a chart is given as typed (广州, R&D经费投入强度) and check the years."""
    from ..names import check_data, check_lang, check_year, known_cities, resolve_cities, resolve_indicators

    check_data(data), check_lang(kwargs["lang"])
    known = known_cities(data)
    for key, resolve in (("indicator", resolve_indicators), ("indicators", resolve_indicators),
                         ("city", lambda c: resolve_cities(c, known=known)),
                         ("cities", lambda c: resolve_cities(c, known=known))):
        if kwargs.get(key) is not None:
            kwargs[key] = resolve(kwargs[key])
    for key in ("year", "base_year", "start"):
        if kwargs.get(key) is not None:
            kwargs[key] = check_year(kwargs[key], what=key, first=1949)


def themed(func):
    """Run a chart function inside the theme of its ``lang`` and pin the fonts of what it drew.

    The names it is given are resolved first (city "广州", indicator "R&D经费投入强度"), and
    ``data`` may be left out: the chart then draws the packaged data.
    """
    import inspect

    @functools.wraps(func)
    def wrapper(data=None, *args, lang="zh", **kwargs):
        kwargs["lang"] = lang
        _check_arguments(data, kwargs)
        if data is None:
            data = _packaged_data(func.__name__, kwargs)
        with theme():
            out = func(data, *args, **kwargs)
            for ax in out.get_axes() if hasattr(out, "get_axes") else [out]:
                pin_fonts(ax)
        return out

    signature = inspect.signature(func)
    params = list(signature.parameters.values())
    wrapper.__signature__ = signature.replace(parameters=[params[0].replace(default=None), *params[1:]])
    return wrapper


def new_axes(ax=None, size="slide"):
    """Return ``ax``, or the axes of a new figure of the named ``size``."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.figure(figsize=SIZES[size]).add_subplot()


def or_packaged(observations):
    """Return ``observations``, or the packaged observations when it is None."""
    if observations is None:
        from ..ingest.load import observations as packaged

        return packaged()
    return observations


def select(data, indicator, cities=None):
    """Return the rows of ``indicator`` (for ``cities`` when given), sorted by city and year."""
    rows = data[data["indicator_id"] == indicator]
    if cities is not None:
        rows = rows[rows["city"].isin([cities] if isinstance(cities, str) else list(cities))]
    return rows.sort_values(["city", "year"]).reset_index(drop=True)


def series_breaks(rows):
    """Return the positions in ``rows`` where a new definition starts (``series_break`` true).

    ``series_break`` marks the first year of a new definition, such as Wuhan's R&D from
    2016; the line is not joined across it. Data without the column has no breaks.
    """
    from ..analysis.panel import break_flags

    if "series_break" not in rows or not len(rows):
        return np.array([], dtype=int)
    return np.flatnonzero(break_flags(rows["series_break"])[1:]) + 1  # a break on the first row splits nothing


def plot_series(ax, rows, *, color, y="value", lw=2.0, alpha=1.0, ms=6, zorder=3):
    """Draw one city's observed series: lines only between consecutive years (gaps stay gaps)
    and within one definition (a short vertical bar marks a break), filled markers for final
    values, hollow for the rest, triangles for lower bounds."""
    years = rows["year"].astype(int).to_numpy()
    values = rows[y].astype(float).to_numpy()
    definition = series_breaks(rows)
    breaks = np.union1d(np.flatnonzero(np.diff(years) != 1) + 1, definition).astype(int)
    for run_years, run_values in zip(np.split(years, breaks), np.split(values, breaks)):
        if len(run_years) > 1:
            ax.plot(run_years, run_values, color=color, lw=lw, alpha=alpha, zorder=zorder, gid="history")
    if len(definition):
        at = years[definition] - 0.5
        mid = (values[definition] + values[definition - 1]) / 2
        ax.scatter(at, mid, marker="|", s=(ms * 2.2) ** 2, color=color, linewidths=1.6, alpha=alpha,
                   zorder=zorder + 1, gid="series_break")
    return plot_points(ax, years, values, rows, color=color, alpha=alpha, ms=ms, zorder=zorder + 1)


def plot_points(ax, x, y, rows, *, color, alpha=1.0, ms=6, zorder=4):
    """Draw markers at ``x, y``: filled for final ``rows``, hollow for the rest, triangles
    for lower bounds. ``color`` is one colour or one per row."""
    x, y = np.asarray(x), np.asarray(y)
    colors = np.broadcast_to(np.asarray(color, dtype=object), len(rows))
    final = (rows["status"] == "final").to_numpy()
    lower = rows["lower_bound"].fillna(False).astype(bool).to_numpy()
    for mask, marker, hollow in ((final & ~lower, "o", False), (~final & ~lower, "o", True),
                                 (final & lower, "^", False), (~final & lower, "^", True)):
        if mask.any():
            edge = list(colors[mask])
            ax.scatter(x[mask], y[mask], marker=marker, s=ms ** 2, facecolors=["white"] * mask.sum() if hollow else edge,
                       edgecolors=edge, linewidths=1.3, alpha=alpha, zorder=zorder, gid="observed")
    return ax


def spread_labels(ax, gid):
    """Move apart the labels (annotations named ``gid``) that end lines at the same year, so
    that none sits on the next: each is pushed up just enough, in the axes' final scale."""
    labels = [t for t in ax.texts if t.get_gid() == gid and hasattr(t, "xyann")]
    to_px, points = ax.transData.transform, 72 / ax.figure.dpi
    for x in {t.xy[0] for t in labels}:
        column = sorted(((to_px(t.xy)[1], t) for t in labels if t.xy[0] == x), key=lambda pair: pair[0])
        top = -np.inf
        for anchor, label in column:
            gap = label.get_fontsize() * 1.15 / points  # one line of the label's text, in pixels
            at = max(anchor, top + gap)
            label.xyann = (label.xyann[0], (at - anchor) * points)
            top = at


def empty_note(ax, message, compact=False):
    """Write ``message`` in an empty plotting area (near the top when ``compact``)."""
    ax.text(0.5, 0.8 if compact else 0.5, message, transform=ax.transAxes, ha="center", va="center",
            color="#777777", fontsize="small" if compact else "large", gid="empty")


def year_axis(ax, first, last, nbins="auto"):
    """Show whole years from ``first`` to ``last`` on the x axis."""
    from matplotlib.ticker import MaxNLocator

    ax.set_xlim(first - 0.6, last + 0.6)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=nbins, integer=True, steps=[1, 2, 5, 10]))
    ax.ticklabel_format(axis="x", style="plain", useOffset=False)  # 2024, never "+2.02e3"
