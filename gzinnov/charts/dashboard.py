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
    for ax in axes.flat[len(indicators):]:
        ax.set_visible(False)
    fig.suptitle(text("dashboard_title", lang, city=city_name(city, lang)), x=0.01, ha="left", fontsize="x-large")
    rows = pd.concat(drawn, ignore_index=True) if drawn else data.iloc[0:0]
    footer = source_line(rows, lang, extra_sources=extra, projection=projected, max_items=10)
    if projected and _any_weak(projections, city, indicators):
        footer += "\n" + text("weak_dotted", lang)
    fig.supxlabel(footer, x=0.01, ha="left", fontsize="x-small", color="#555555")
    return fig


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
