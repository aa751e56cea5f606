"""All the targets on one page: small multiples of the trajectory chart."""

__all__ = ["plot_dashboard"]

import math

import pandas as pd

from ..registry import targets as registry_targets
from ..style import SIZES
from .base import themed
from .labels import city_name, source_line, text
from .trajectory import draw_trajectory


@themed
def plot_dashboard(data, *, city="Guangzhou", lang="zh", projections=None, targets=None, indicators=None,
                   ncols=4, size="a4"):
    """Plot a small trajectory for each of a city's targets on one page.

    Parameters
    ----------
    data : DataFrame
        Observations in the tidy shape of :func:`gzinnov.observations`.
    city : str
        The city, by its English name.
    lang : {"zh", "en"}
        Language of the chart text.
    projections : DataFrame or False, optional
        The output of :func:`gzinnov.project`; computed once for all panels when None;
        not drawn when False.
    targets : DataFrame, optional
        Targets in the shape of :func:`gzinnov.targets`; the registry's when None.
    indicators : sequence of str, optional
        The indicators to show; every indicator with a target for ``city`` when None.
    ncols : int
        Panels per row.
    size : {"slide", "a4", "square"}
        The page size.

    Returns
    -------
    matplotlib Figure
    """
    import matplotlib.pyplot as plt

    targets = registry_targets() if targets is None else targets
    if indicators is None:
        indicators = list(targets.loc[targets["city"] == city, "indicator_id"].drop_duplicates())
    if projections is None:
        from ..analysis.trajectory import project

        projections = project(data, city=city)
    nrows = max(1, math.ceil(len(indicators) / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=SIZES[size], squeeze=False)
    drawn, extra, projected = [], [], False
    for ax, indicator in zip(axes.flat, indicators):
        rows, more, proj, note = draw_trajectory(ax, data, indicator=indicator, city=city, lang=lang,
                                                 projections=projections, targets=targets, compact=True)
        _panel_titles(ax, indicator, lang)
        drawn.append(rows)
        extra += more
        projected |= proj
    used = list(axes.flat[:len(indicators)])
    _share_years(used)
    for ax in used:
        _unclip(ax)
    for ax in axes.flat[len(indicators):]:
        ax.set_visible(False)
    _marker_legend(fig, used, pd.concat(drawn, ignore_index=True) if drawn else data.iloc[0:0], lang)
    fig.suptitle(text("dashboard_title", lang, city=city_name(city, lang)), x=0.01, ha="left", fontsize="x-large")
    rows = pd.concat(drawn, ignore_index=True) if drawn else data.iloc[0:0]
    footer = source_line(rows, lang, extra_sources=extra, projection=projected, max_items=10)
    if projected and _any_weak(projections, city, indicators):
        footer += "\n" + text("weak_dotted", lang)
    fig.supxlabel(footer, x=0.01, ha="left", fontsize="x-small", color="#555555")
    return fig


def _share_years(axes):
    """Give every panel the same years: from the earliest to the latest any panel shows."""
    if not axes:
        return
    lows, highs = zip(*(ax.get_xlim() for ax in axes))
    for ax in axes:
        ax.set_xlim(min(lows), max(highs))


def _unclip(ax):
    """Make room for the markers at the panel's edges, so that no point or star is cut."""
    import numpy as np

    points = [c.get_offsets() for c in ax.collections if c.get_gid() in _MARKS and len(c.get_offsets())]
    if not points:
        return
    ys = np.concatenate([np.ma.filled(np.asarray(p, dtype=float)[:, 1], np.nan) for p in points])
    bottom, top = sorted(ax.get_ylim())
    span = (top - bottom) or 1.0
    lo, hi = min(bottom, np.nanmin(ys) - 0.08 * span), max(top, np.nanmax(ys) + 0.1 * span)
    if ax.yaxis_inverted():
        ax.set_ylim(hi, lo)
    else:
        ax.set_ylim(lo, hi)
    for c in ax.collections:
        if c.get_gid() in _MARKS:
            c.set_clip_on(False)


_MARKS = ("observed", "target", "baseline", "peer_target", "series_break")


def _marker_legend(fig, axes, rows, lang):
    """Explain the marks drawn in any panel (only those), in one legend for the page."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    gids = {a.get_gid() for ax in axes for a in [*ax.collections, *ax.lines]}
    styles = {ln.get_linestyle() for ax in axes for ln in ax.lines if ln.get_gid() == "projection"}
    grey = "#444444"
    status = rows["status"] if len(rows) else []
    lower = rows["lower_bound"].fillna(False).astype(bool) if len(rows) else []
    entries = [
        (len(rows) and (status == "final").any(), Line2D([], [], ls="", marker="o", color=grey), "final"),
        (len(rows) and (status != "final").any(),
         Line2D([], [], ls="", marker="o", markerfacecolor="white", markeredgecolor=grey), "provisional"),
        (len(rows) and lower.any(),
         Line2D([], [], ls="", marker="^", markerfacecolor="white", markeredgecolor=grey), "lower_bound"),
        ("baseline" in gids, Line2D([], [], ls="", marker="s", markerfacecolor="none", markeredgecolor="black",
                                    markersize=9), "baseline_mark"),
        ("target" in gids, Line2D([], [], ls="", marker="*", color=grey, markeredgecolor="black", markersize=12),
         "target_mark"),
        ("--" in styles, Line2D([], [], ls="--", color=grey), "projection_label"),
        (":" in styles, Line2D([], [], ls=":", color=grey), "weak_line"),
        ("band" in gids, Patch(color=grey, alpha=0.2, lw=0), "band"),
        ("series_break" in gids, Line2D([], [], ls="", marker="|", color=grey, markersize=10), "break_mark"),
    ]
    shown = [(handle, text(key, lang)) for ok, handle, key in entries if ok]
    if shown:
        handles, labels = zip(*shown)
        fig.legend(handles, labels, loc="outside upper right", ncols=min(len(shown), 5), fontsize="x-small",
                   frameon=False)


def _any_weak(projections, city, indicators):
    if projections is False or "weak" not in projections:
        return False
    shown = (projections["city"] == city) & projections["indicator_id"].isin(indicators)
    return bool(projections.loc[shown, "weak"].any())


def _panel_titles(ax, indicator, lang):
    from ..registry import get_indicator

    ind = get_indicator(indicator)
    ax.set_title(ind.short(lang), loc="left", fontsize="medium", pad=4)
    ax.set_ylabel(ind.unit(lang), fontsize="x-small")
    ax.tick_params(labelsize="x-small")
