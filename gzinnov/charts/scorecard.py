"""The scorecard as a bullet chart, and the status heatmap (indicator × city or × year)."""

__all__ = ["plot_scorecard", "plot_status_heatmap", "assess_by_year"]

import numpy as np
import pandas as pd

from ..registry import get_indicator
from ..style import STATUS_COLORS, STATUS_MARKERS, STATUS_ORDER
from .base import new_axes, or_packaged, themed
from .labels import (annotate_chart, city_name, format_value, latest_rows, source_line,
                     status_label, status_symbol, target_sources, target_text, text)

_CAP = 200.0  # % of target: anything beyond is drawn at this edge (the row text gives the value)
_DARK = {"achieved", "on_track", "limited_progress", "deterioration"}  # statuses that take white text


def _pct(values, table):
    """Return ``values`` as % of each row's target (target ÷ value for lower-is-better)."""
    lower = table["indicator_id"].map(lambda i: get_indicator(i).direction == "decrease").to_numpy(bool)
    v, t = values.astype(float).to_numpy(), table["target_value"].astype(float).to_numpy()
    with np.errstate(all="ignore"):
        return np.where(lower, t / v, v / t) * 100


def _row_label(row, lang, many_cities):
    short = get_indicator(row.indicator_id).short(lang)
    return f"{city_name(row.city, lang)} · {short}" if many_cities else short


def _row_text(row, lang):
    if pd.isna(row.latest_value):
        return f"{status_symbol(row.status)} {text('no_data', lang)}"
    ind = get_indicator(row.indicator_id)
    target = target_text(row.indicator_id, row.relation, row.target_value, lang)
    return (f"{status_symbol(row.status)} {status_label(row.status, lang)}\n"
            f"{format_value(row.latest_value, ind.decimals)} ({int(row.latest_year)}) / {target} {ind.unit(lang)}")


@themed
def plot_scorecard(data, *, lang="zh", observations=None, ax=None):
    """Plot one bullet row per target: baseline, latest and projected value, as % of target.

    Bars run from zero to the latest value and are coloured by status; each status also
    has its own marker and symbol. Rows without data say "no published figure found".

    Parameters
    ----------
    data : DataFrame
        A scorecard, as returned by :func:`gzinnov.scorecard`.
    lang : {"zh", "en"}
        Language of the chart text.
    observations : DataFrame, optional
        The observations the scorecard was computed from, for the source line; the
        packaged ones when None.
    ax : matplotlib Axes, optional
        The axes to draw on; a new figure when None.

    Returns
    -------
    matplotlib Axes
    """
    table = data.reset_index(drop=True)
    ax = new_axes(ax)
    y = np.arange(len(table))[::-1] + 1.0  # row 0 is kept free for the legend
    latest, base = _pct(table["latest_value"], table), _pct(table["baseline_value"], table)
    proj = {k: _pct(table[f"projected_{k}"], table) for k in ("value", "low", "high")}
    colors = [STATUS_COLORS.get(s, "#BBBBBB") for s in table["status"]]
    ax.barh(y, 100, height=0.7, color="#EEEEEE", zorder=1, gid="target_span")
    ax.barh(y, np.clip(np.nan_to_num(latest), 0, _CAP), height=0.38, color=colors, zorder=2, gid="latest")
    ax.scatter(np.clip(base, 0, _CAP), y, marker="|", s=220, color="black", zorder=3, gid="baseline",
               label=text("baseline", lang))
    ok = ~np.isnan(proj["value"])
    ax.errorbar(np.clip(proj["value"][ok], 0, _CAP), y[ok], xerr=_errors(proj, ok), fmt="D", ms=6, mfc="white",
                mec="#333333", ecolor="#333333", elinewidth=1, capsize=2, zorder=4, gid="projected",
                label=text("projected", lang))
    for status in STATUS_ORDER:
        mask = (table["status"] == status).to_numpy() & ~np.isnan(latest)
        if mask.any():
            ax.scatter(np.clip(latest[mask], 0, _CAP), y[mask], marker=STATUS_MARKERS[status], s=70,
                       color=STATUS_COLORS[status], edgecolors="black", linewidths=0.5, zorder=5,
                       gid=f"status_{status}", label=status_label(status, lang))
    for yi, row in zip(y, table.itertuples()):
        ax.annotate(_row_text(row, lang), (1, yi), xycoords=("axes fraction", "data"), xytext=(6, 0),
                    textcoords="offset points", va="center", fontsize="x-small", gid="row_text",
                    color=STATUS_COLORS.get(row.status, "#555555") if row.status != "insufficient_data" else "#555555")
    ax.axvline(100, color="#333333", lw=1, ls="--", zorder=2, gid="target_line")
    many = table["city"].nunique() > 1
    ax.set_yticks(y, labels=[_row_label(r, lang, many) for r in table.itertuples()])
    ax.set_xlim(0, min(_CAP, max(120, np.nanmax(np.r_[latest, proj["high"], 0]) + 10)))
    ax.set_ylim(-0.8, len(table) + 0.6)
    ax.set_xlabel(text("pct_of_target", lang))
    ax.grid(axis="y", visible=False)
    n_items = len(ax.get_legend_handles_labels()[1])
    ax.legend(loc="lower center", ncol=max(n_items, 1), fontsize="x-small", frameon=False, handletextpad=0.3,
              columnspacing=1.2)
    city = table["city"].iloc[0] if len(table) and not many else ""
    obs = latest_rows(table, or_packaged(observations))
    return annotate_chart(ax, title=text("scorecard_title", lang, city=city_name(city, lang)),
                          subtitle=text("scorecard_subtitle", lang),
                          source=source_line(obs, lang, extra_sources=target_sources(table), projection=ok.any()))


def _errors(proj, ok):
    value = np.clip(proj["value"][ok], 0, _CAP)
    low = np.clip(np.nan_to_num(proj["low"][ok], nan=value), 0, _CAP)
    high = np.clip(np.nan_to_num(proj["high"][ok], nan=value), 0, _CAP)
    return np.vstack([value - np.minimum(low, high), np.maximum(low, high) - value])


@themed
def plot_status_heatmap(data, *, columns="city", lang="zh", observations=None, ax=None):
    """Plot the status of each indicator (rows) by city or by year (columns).

    Each cell has its status colour and symbol; an empty cell means no target (by city)
    or no assessment (by year).

    Parameters
    ----------
    data : DataFrame
        Scorecard rows with a ``status`` column: :func:`gzinnov.scorecard` for all cities
        (``columns="city"``), or :func:`assess_by_year` (``columns="year"``).
    columns : {"city", "year"}
        What the columns are.
    lang : {"zh", "en"}
        Language of the chart text.
    observations : DataFrame, optional
        The observations behind ``data``, for the source line; the packaged ones when None.
    ax : matplotlib Axes, optional
        The axes to draw on; a new figure when None.

    Returns
    -------
    matplotlib Axes
    """
    from matplotlib.patches import Patch, Rectangle

    ax = new_axes(ax)
    order = {iid: i for i, iid in enumerate(dict.fromkeys(data["indicator_id"]))}
    cols = _column_order(data[columns], columns)
    for row in data.itertuples():
        x, yy = cols.index(getattr(row, columns)), len(order) - 1 - order[row.indicator_id]
        ax.add_patch(Rectangle((x, yy), 1, 1, facecolor=STATUS_COLORS.get(row.status, "white"), edgecolor="white",
                               lw=2, gid=f"cell_{row.status}"))
        ax.text(x + 0.5, yy + 0.5, status_symbol(row.status), ha="center", va="center", fontsize="large",
                color="white" if row.status in _DARK else "black", gid="cell_symbol")
    ax.set_xlim(0, len(cols))
    ax.set_ylim(0, len(order))
    ax.set_xticks(np.arange(len(cols)) + 0.5, labels=[_column_label(c, columns, lang) for c in cols])
    ax.set_yticks(np.arange(len(order))[::-1] + 0.5, labels=[get_indicator(i).short(lang) for i in order])
    ax.tick_params(length=0)
    ax.grid(False)
    ax.set_frame_on(False)
    present = [s for s in STATUS_ORDER if s in set(data["status"])]
    handles = [Patch(color=STATUS_COLORS[s], label=f"{status_symbol(s)} {status_label(s, lang)}") for s in present]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="x-small", frameon=False)
    if columns == "city":
        subtitle = text("heatmap_by_city", lang)
    else:
        subtitle = text("heatmap_by_year", lang, city=city_name(data["city"].iloc[0], lang) if len(data) else "")
    obs = latest_rows(data, or_packaged(observations))
    return annotate_chart(ax, title=text("heatmap_title", lang), subtitle=subtitle, note=_empty_note(data, columns, lang),
                          source=source_line(obs, lang, extra_sources=target_sources(data)))


def _column_order(values, columns):
    from ..style import CITY_COLORS

    seen = list(dict.fromkeys(values))
    if columns == "year":
        return sorted(seen)
    return [c for c in CITY_COLORS if c in seen] + sorted(c for c in seen if c not in CITY_COLORS)


def _column_label(value, columns, lang):
    return str(int(value)) if columns == "year" else city_name(value, lang)


def _empty_note(data, columns, lang):
    if not len(data):
        return text("no_data", lang)
    return text("no_target", lang) if columns == "city" else ""


def assess_by_year(data=None, *, city="Guangzhou", years=None, lang="zh"):
    """Assess the targets as they stood at the end of each year, using only data up to it.

    Parameters
    ----------
    data : DataFrame, optional
        Observations; the packaged ones when None.
    city : str
        The city, by its English name.
    years : sequence of int, optional
        The years to assess as of; 2021 to the latest year with data when None.
    lang : {"zh", "en"}
        Language of the ``status_reason`` column.

    Returns
    -------
    DataFrame
        The scorecard columns (without projections, which the status does not use), plus
        ``year``: the last year of data allowed.
    """
    from ..analysis.assess import assess_progress
    from ..names import check_data, check_lang, known_cities, resolve_cities
    from ..registry import targets

    check_data(data), check_lang(lang)
    city = resolve_cities(city, known=known_cities(data))
    data = or_packaged(data)
    if years is None:
        years = range(2021, int(data["year"].max()) + 1) if len(data) else []
    goals = targets(city)
    frames = [assess_progress(data[data["year"] <= y], goals, projections=False, lang=lang).assign(year=y)
              for y in years]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["indicator_id", "year", "status"])
