"""The 2030 outlook: trend, stretch and floor for each indicator, as the growth each implies."""

__all__ = ["plot_outlook"]

import numpy as np

from ..registry import get_indicator
from ..style import city_color
from .base import empty_note, new_axes, or_packaged, themed
from .labels import annotate_chart, city_name, format_value, source_line, status_label, text

CANDIDATES = ("floor", "trend", "stretch")
_STYLE = {"floor": ("v", True), "trend": ("o", False), "stretch": ("^", True)}  # marker, hollow


@themed
def plot_outlook(data, *, city="Guangzhou", lang="zh", observations=None, ax=None):
    """Plot, for each indicator, the annual growth implied by its 2030 floor, trend and stretch.

    The label beside each row gives the three 2030 values in the indicator's unit.

    Parameters
    ----------
    data : DataFrame
        The outlook, as returned by :func:`gzinnov.outlook`.
    city : str
        The city, by its English name.
    lang : {"zh", "en"}
        Language of the chart text.
    observations : DataFrame, optional
        The observations the outlook starts from, for the source line; the packaged ones
        when None.
    ax : matplotlib Axes, optional
        The axes to draw on; a new figure when None.

    Returns
    -------
    matplotlib Axes
    """
    ax = new_axes(ax)
    table = data[data["city"] == city]
    wide = table.pivot_table(index="indicator_id", columns="candidate", values=["value", "implied_growth"],
                             sort=False, dropna=False)
    order = list(dict.fromkeys(table["indicator_id"]))
    wide = wide.reindex(order)
    y = np.arange(len(order))[::-1]
    color = city_color(city)
    growth = {s: wide["implied_growth"].get(s, np.nan) * 100 for s in CANDIDATES} if len(wide) else {}
    if len(wide):
        ax.hlines(y, growth["floor"], growth["stretch"], color=color, alpha=0.4, lw=3, gid="range")
        for s in CANDIDATES:
            marker, hollow = _STYLE[s]
            ax.scatter(growth[s], y, marker=marker, s=70, facecolors="white" if hollow else color,
                       edgecolors=color, linewidths=1.4, zorder=3, gid=s, label=text(s, lang))
        weak = table.groupby("indicator_id")["weak"].any() if "weak" in table else {}
        year = int(table["year"].iloc[0])
        for yi, (iid, row) in zip(y, wide["value"].iterrows()):
            ax.annotate(_label(iid, row, year, bool(weak.get(iid, False)), lang), (1, yi),
                        xycoords=("axes fraction", "data"), xytext=(6, 0), textcoords="offset points",
                        va="center", fontsize="small", gid="value_label")
        ax.legend(loc="lower right", fontsize="x-small")
    else:
        empty_note(ax, text("no_data", lang))
    ax.axvline(0, color="#555555", lw=0.8)
    ax.set_yticks(y, labels=[get_indicator(i).short(lang) for i in order])
    ax.set_xlabel(text("growth_axis", lang))
    ax.grid(axis="y", visible=False)
    rows = _drawn(observations, order, city)
    return annotate_chart(ax, title=text("outlook_title", lang),
                          subtitle=f"{city_name(city, lang)}; " + text("outlook_subtitle", lang),
                          source=source_line(rows, lang, projection=True))


def _label(indicator, values, year, weak, lang):
    """Return e.g. "2030: 5.01 (4.74–5.56) % of GDP", or say the outlook cannot be drawn."""
    ind = get_indicator(indicator)
    trend, low, high = (values.get(s, np.nan) for s in ("trend", "floor", "stretch"))
    if np.isnan(trend):
        return f"{year}: {status_label('insufficient_data', lang)}"
    spread = "" if np.isnan(low) or np.isnan(high) else \
        f" ({format_value(low, ind.decimals)}–{format_value(high, ind.decimals)})"
    tag = f" [{text('weak_tag', lang)}]" if weak else ""
    return f"{year}: {format_value(trend, ind.decimals)}{spread} {ind.unit(lang)}{tag}"


def _drawn(observations, indicators, city):
    observations = or_packaged(observations)
    return observations[observations["indicator_id"].isin(indicators) & (observations["city"] == city)]
