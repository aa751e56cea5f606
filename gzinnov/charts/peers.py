"""Guangzhou beside its peers: ranked latest values, time lines, growth indexed to a base year,
and the ambition of each city's own target."""

__all__ = ["plot_peers_ranked", "plot_peer_lines", "plot_indexed_growth", "plot_ambition", "common_year",
           "rank_rows"]

import numpy as np
import pandas as pd

from ..registry import get_indicator
from ..style import CITY_COLORS, city_color
from .base import (empty_note, new_axes, or_packaged, plot_points, plot_series, select, spread_labels, themed,
                   year_axis)
from .labels import (annotate_chart, break_note, city_name, format_value, indicator_titles, latest_rows, source_line,
                     target_sources, text)


def _panel(data, indicator, cities):
    cities = list(CITY_COLORS) if cities is None else list(cities)
    return select(data, indicator, cities), cities


def _missing_note(cities, present, lang, key="no_data_cities", **values):
    missing = [city_name(c, lang) for c in cities if c not in set(present)]
    sep = "、" if lang == "zh" else ", "
    return text(key, lang, cities=sep.join(missing), **values) if missing else ""


def _highlight_ticks(ax, labels, city, lang):
    for label in labels:
        if label.get_text() == city_name(city, lang):
            label.set_color(city_color(city))


def _finish(ax, indicator, city, lang, rows, subtitle, note="", unit=True):
    ind = get_indicator(indicator)
    title, name = indicator_titles(indicator, lang)
    if ind.direction == "decrease":
        subtitle += f"（{text('lower_is_better', lang)}）" if lang == "zh" else f" ({text('lower_is_better', lang)})"
    if rows.empty:
        empty_note(ax, text("no_data", lang))
    if unit and name:
        subtitle = f"{name}；{subtitle}" if lang == "zh" else f"{name}; {subtitle}"
    notes = [n for n in (note, break_note(rows, lang)) if n]
    spread_labels(ax, "city_label")
    return annotate_chart(ax, title=title, subtitle=subtitle, note=("。" if lang == "zh" else ". ").join(notes),
                          source=source_line(rows, lang))


def common_year(rows):
    """Return the year to compare cities in: the most recent one that most of them share.

    That is the latest year in which more than half of the cities in ``rows`` (and at
    least two) have a value; failing that, the latest year with the most cities. None
    when ``rows`` is empty.
    """
    counts = rows.groupby("year")["city"].nunique()
    if counts.empty:
        return None
    shared = counts[(counts > rows["city"].nunique() / 2) & (counts >= 2)]
    if len(shared):
        return int(shared.index.max())
    return int(counts[counts == counts.max()].index.max())


def rank_rows(rows, *, year=None, mix_years=False):
    """Return ``(rows to rank, cities left out, the year compared)`` for a ranked chart.

    By default every city is compared in one year: ``year`` if given, else
    :func:`common_year`. Cities without a value that year are left out (and listed by the
    chart). ``mix_years`` takes each city's latest value up to ``year`` instead.
    """
    if mix_years:
        if year is not None:
            rows = rows[rows["year"] <= year]
        return rows.groupby("city", sort=False).tail(1), [], year
    year = common_year(rows) if year is None else int(year)
    ranked = rows[rows["year"] == year]
    return ranked, [c for c in dict.fromkeys(rows["city"]) if c not in set(ranked["city"])], year


@themed
def plot_peers_ranked(data, *, indicator, year=None, city="Guangzhou", cities=None, mix_years=False, lang="zh",
                      ax=None):
    """Plot each city's value in one year, ranked best first, with ``city`` highlighted.

    Like is compared with like: the year is the most recent one that most cities share
    (or ``year``); cities without a value that year are named below the chart, not
    ranked. ``mix_years=True`` ranks each city's latest value instead, each bar labelled
    with its year.

    Parameters
    ----------
    data : DataFrame
        Observations in the tidy shape of :func:`gzinnov.observations`.
    indicator : str
        The registry id of the indicator.
    year : int, optional
        The year compared; the latest year most cities share when None. With
        ``mix_years``, each city's latest value up to this year.
    city : str
        The city to highlight, by its English name.
    cities : sequence of str, optional
        The cities to compare; Guangzhou and its ten peers when None.
    mix_years : bool
        Rank each city's latest value, whatever its year (labelled on each bar).
    lang : {"zh", "en"}
        Language of the chart text.
    ax : matplotlib Axes, optional
        The axes to draw on; a new figure when None.

    Returns
    -------
    matplotlib Axes
    """
    ind = get_indicator(indicator)
    ax = new_axes(ax)
    rows, cities = _panel(data, indicator, cities)
    rows, unranked, year = rank_rows(rows, year=year, mix_years=mix_years)
    rows = rows.sort_values("value", ascending=ind.direction == "decrease").reset_index(drop=True)
    y = np.arange(len(rows))[::-1]
    colors = [city_color(c) for c in rows["city"]]
    alphas = np.where(rows["city"] == city, 1.0, 0.55)
    ax.hlines(y, 0, rows["value"], colors=colors, lw=np.where(rows["city"] == city, 3, 1.5), alpha=0.6, gid="stem")
    plot_points(ax, rows["value"], y, rows, color=colors, ms=9)
    for yi, row, a in zip(y, rows.itertuples(), alphas):
        label = format_value(row.value, ind.decimals) + (f" ({int(row.year)})" if mix_years else "")
        ax.annotate(label, (row.value, yi), xytext=(8, 0),
                    textcoords="offset points", va="center", fontsize="small", alpha=max(a, 0.8), gid="value_label")
    ax.set_yticks(y, labels=[city_name(c, lang) for c in rows["city"]])
    _highlight_ticks(ax, ax.get_yticklabels(), city, lang)
    ax.set_xlim(0, rows["value"].max() * 1.18 if len(rows) else 1)
    ax.set_xlabel(ind.unit(lang))
    ax.grid(axis="y", visible=False)
    if mix_years:
        when = text("mixed_years", lang)
        note = _missing_note(cities, rows["city"], lang)
    else:
        when = text("common_year", lang, year=year) if year is not None else text("latest", lang)
        note = _missing_note(unranked, [], lang, key="not_ranked", year=year)
        others = _missing_note([c for c in cities if c not in unranked], rows["city"], lang)
        note = ("。" if lang == "zh" else ". ").join(n for n in (note, others) if n)
    return _finish(ax, indicator, city, lang, rows, when, note=note)


@themed
def plot_peer_lines(data, *, indicator, city="Guangzhou", cities=None, start=2015, lang="zh", ax=None):
    """Plot every city's series over time, ``city`` emphasised and the peers muted.

    Parameters
    ----------
    data : DataFrame
        Observations in the tidy shape of :func:`gzinnov.observations`.
    indicator : str
        The registry id of the indicator.
    city : str
        The city to emphasise, by its English name.
    cities : sequence of str, optional
        The cities to draw; Guangzhou and its ten peers when None.
    start : int
        The first year shown.
    lang : {"zh", "en"}
        Language of the chart text.
    ax : matplotlib Axes, optional
        The axes to draw on; a new figure when None.

    Returns
    -------
    matplotlib Axes
    """
    ax = new_axes(ax)
    rows, cities = _panel(data, indicator, cities)
    rows = rows[rows["year"] >= start]
    _draw_lines(ax, rows, city, lang)
    if get_indicator(indicator).direction == "decrease":
        ax.invert_yaxis()
    ax.set_ylabel(get_indicator(indicator).unit(lang))
    subtitle = text("peers_lines", lang, city=city_name(city, lang))
    return _finish(ax, indicator, city, lang, rows, subtitle, note=_missing_note(cities, rows["city"], lang))


def _draw_lines(ax, rows, city, lang, y="value"):
    for name, part in rows.groupby("city", sort=False):
        main = name == city
        plot_series(ax, part, y=y, color=city_color(name), lw=2.6 if main else 1.1, alpha=1.0 if main else 0.5,
                    ms=6 if main else 4, zorder=5 if main else 2)
        ax.annotate(city_name(name, lang), (part["year"].iloc[-1], part[y].iloc[-1]), xytext=(5, 0),
                    textcoords="offset points", va="center", fontsize="small" if main else "x-small",
                    color=city_color(name), gid="city_label")
    if len(rows):
        year_axis(ax, int(rows["year"].min()), int(rows["year"].max()) + 1)


@themed
def plot_indexed_growth(data, *, indicator, base_year=2020, city="Guangzhou", cities=None, lang="zh", ax=None):
    """Plot each city's growth since ``base_year``, indexed to 100 in that year.

    Cities without a value in the base year are left out and named in the note.

    Parameters
    ----------
    data : DataFrame
        Observations in the tidy shape of :func:`gzinnov.observations`.
    indicator : str
        The registry id of the indicator.
    base_year : int
        The year set to 100.
    city : str
        The city to emphasise, by its English name.
    cities : sequence of str, optional
        The cities to draw; Guangzhou and its ten peers when None.
    lang : {"zh", "en"}
        Language of the chart text.
    ax : matplotlib Axes, optional
        The axes to draw on; a new figure when None.

    Returns
    -------
    matplotlib Axes
    """
    from ..analysis.peers import compare

    ax = new_axes(ax)
    rows, cities = _panel(data, indicator, cities)
    panel = compare(data, indicator=indicator, cities=cities, start=base_year, base_year=base_year)
    rows = rows.merge(panel[["city", "year", "index"]].dropna(), on=["city", "year"])
    based = panel.loc[panel["year"] == base_year, "city"]
    ax.axhline(100, color="#555555", lw=0.8, gid="base_line")
    _draw_lines(ax, rows, city, lang, y="index")
    if get_indicator(indicator).direction == "decrease":
        ax.invert_yaxis()
    ax.set_ylabel(text("indexed", lang, base=base_year))
    note = _missing_note(cities, based, lang, key="no_base", base=base_year)
    return _finish(ax, indicator, city, lang, rows, text("indexed", lang, base=base_year), note=note, unit=False)


@themed
def plot_ambition(data, *, indicator, city="Guangzhou", lang="zh", observations=None, ax=None):
    """Plot, for each city with a target, the annual growth its target requires beside the
    growth achieved since its baseline and in the five years before it.

    Parameters
    ----------
    data : DataFrame
        The comparison of targets, as returned by :func:`gzinnov.compare_targets`.
    indicator : str
        The registry id of the indicator.
    city : str
        The city to highlight, by its English name.
    lang : {"zh", "en"}
        Language of the chart text.
    observations : DataFrame, optional
        The observations ``data`` was computed from, for the source line; the packaged
        ones when None.
    ax : matplotlib Axes, optional
        The axes to draw on; a new figure when None.

    Returns
    -------
    matplotlib Axes
    """
    from ..analysis.growth import annual_growth

    ax = new_axes(ax)
    rows = data[data["indicator_id"] == indicator].reset_index(drop=True)
    y = np.arange(len(rows))[::-1]
    colors = [city_color(c) for c in rows["city"]]
    span = rows["latest_year"].astype(float) - rows["baseline_year"].astype(float)
    got = annual_growth(rows["baseline_value"], rows["latest_value"], span) * 100
    req, past = rows["implied_growth"].astype(float) * 100, rows["past_growth"].astype(float) * 100
    ax.hlines(y, got, req, colors=colors, lw=2, alpha=0.5, gid="gap")
    ax.scatter(req, y, marker="D", s=60, color=colors, zorder=4, gid="required", label=text("required", lang))
    ax.scatter(got, y, marker="o", s=60, color=colors, zorder=4, gid="achieved", label=text("achieved", lang))
    ax.scatter(past, y, marker="o", s=45, facecolors="white", edgecolors=colors, linewidths=1.3, zorder=3,
               gid="past", label=text("past", lang))
    ax.axvline(0, color="#555555", lw=0.8)
    ax.set_yticks(y, labels=[f"{city_name(c, lang)}（{int(t)}）" if lang == "zh" else f"{city_name(c, lang)} ({int(t)})"
                             for c, t in zip(rows["city"], rows["target_year"])])
    _highlight_ticks(ax, ax.get_yticklabels(), city, lang)
    ax.set_ylim(-0.7, max(len(rows), 1) - 0.3)
    ax.set_xlabel(text("growth_axis", lang))
    ax.grid(axis="y", visible=False)
    if rows.empty:
        empty_note(ax, text("no_data", lang))
    else:
        ax.legend(loc="best", fontsize="x-small")
    obs = or_packaged(observations)
    years = pd.concat([rows[["indicator_id", "city", "baseline_year"]].rename(columns={"baseline_year": "latest_year"}),
                       rows[["indicator_id", "city", "latest_year"]]])
    drawn = latest_rows(years, obs)
    unknown = rows.loc[np.isnan(got) | req.isna(), "city"]
    title, unit = indicator_titles(indicator, lang)
    return annotate_chart(ax, title=text("ambition_title", lang), subtitle=title,
                          note=_missing_note(list(unknown), [], lang, key="no_growth"),
                          source=source_line(drawn, lang, extra_sources=target_sources(rows)))
