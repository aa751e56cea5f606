"""What every chart shares: the theme wrapper, new axes, and drawing one observed series."""

__all__ = ["themed", "new_axes", "select", "plot_series", "series_breaks", "plot_points", "empty_note", "year_axis",
           "or_packaged"]

import functools

import numpy as np

from ..style import SIZES, pin_fonts, theme


def themed(func):
    """Run a chart function inside the theme of its ``lang`` and pin the fonts of what it drew."""

    @functools.wraps(func)
    def wrapper(*args, lang="zh", **kwargs):
        if lang not in ("zh", "en"):
            raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
        with theme():
            out = func(*args, lang=lang, **kwargs)
            for ax in out.get_axes() if hasattr(out, "get_axes") else [out]:
                pin_fonts(ax)
        return out

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
    if "series_break" not in rows or not len(rows):
        return np.array([], dtype=int)
    flag = rows["series_break"].map(lambda v: str(v).strip().lower() in ("true", "1", "yes")).to_numpy()
    return np.flatnonzero(flag[1:]) + 1  # a break on the first row drawn splits nothing


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
