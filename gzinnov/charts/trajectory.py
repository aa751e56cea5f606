"""One indicator over time: history, baseline, target, and projections with their band."""

__all__ = ["plot_trajectory", "draw_trajectory"]

import numpy as np
import pandas as pd

from ..registry import get_indicator
from ..style import city_color
from .base import empty_note, new_axes, plot_series, select, spread_labels, themed, year_axis
from .labels import (annotate_chart, break_note, city_name, indicator_titles, missing_years_note,
                     source_line, target_text, text)
from .plantext import plan_label


def _targets(targets, indicator, city):
    """Return every target of ``city`` for ``indicator`` (2025 and 2030 alike), earliest first."""
    if targets is None:
        from ..registry import targets as registry_targets

        targets = registry_targets(city)
    rows = targets[(targets["indicator_id"] == indicator) & (targets["city"] == city)]
    return rows.sort_values("target_year", kind="stable").reset_index(drop=True)


def _cumulative_period(ind, goals):
    """Return the first year of the running total for a cumulative indicator, or None."""
    if ind.measure != "cumulative" or not len(goals) or "period_start" not in goals:
        return None
    starts = goals["period_start"].dropna()
    return int(starts.iloc[0]) if len(starts) else None


def _projection(projections, data, indicator, city, last_year):
    if projections is False:
        return None
    if projections is None:
        from ..analysis.trajectory import project

        projections = project(data, indicator=indicator, city=city)
    rows = projections[(projections["indicator_id"] == indicator) & (projections["city"] == city)
                       & (projections["method"] == "combined") & (projections["year"] > last_year)]
    return rows.sort_values("year") if len(rows) else None


def _running_total(rows, proj, start):
    """Turn yearly additions into the running total since ``start`` (stopping at the first gap)."""
    rows = rows[rows["year"] >= start]
    unbroken = rows["year"].astype(int).to_numpy() == np.arange(start, start + len(rows))
    rows = rows[np.cumprod(unbroken).astype(bool)]
    total = rows.assign(value=rows["value"].cumsum())
    if proj is not None:
        reached = rows["year"].max() if len(rows) else start - 1
        if proj["year"].min() != reached + 1:
            proj = None  # a gap before the projection: no honest running total
        else:
            base = total["value"].iloc[-1] if len(total) else 0.0
            proj = proj.assign(**{c: base + proj[c].cumsum() for c in ("value", "lower", "upper")})
    return total, proj


def draw_trajectory(ax, data, *, indicator, city, lang, projections, targets, peers=(), compact=False):
    """Draw the trajectory on ``ax``; return ``(rows drawn, extra source ids, projected?, note)``."""
    ind = get_indicator(indicator)
    color = city_color(city)
    rows = select(data, indicator, city)
    goals = _targets(targets, indicator, city)
    last_year = int(rows["year"].max()) if len(rows) else 0
    proj = _projection(projections, data, indicator, city, last_year) if len(rows) else None
    shown = rows
    start = _cumulative_period(ind, goals)
    if start is not None:
        # A running total has one starting year: targets counted from another year are left out.
        goals = goals[goals["period_start"] == start].reset_index(drop=True)
        if len(rows):
            ax.bar(rows["year"], rows["value"], color=color, alpha=0.2, width=0.6, gid="annual",
                   label=None if compact else text("annual", lang))
        shown, proj = _running_total(rows, proj, start)
    if len(shown):
        plot_series(ax, shown, color=color, ms=5 if compact else 6)
    extra = list(goals["source_id"])
    for _, target in goals.drop_duplicates("baseline_year").iterrows():
        _draw_baseline(ax, target, shown, lang)
    last_target = int(goals["target_year"].max()) if len(goals) else None
    for target in goals.itertuples():  # the last target's label goes to its left, clear of the legend
        _draw_target(ax, target, color, lang, compact, left=int(target.target_year) == last_target)
    if proj is not None and len(shown):
        last = shown.iloc[-1]
        xs = np.r_[last["year"], proj["year"].astype(int)]
        weak = "weak" in proj and bool(proj["weak"].any())  # fewer than 4 points: drawn fainter
        ax.plot(xs, np.r_[last["value"], proj["value"]], ls=":" if weak else "--", color=color,
                lw=1.4 if weak else 1.8, zorder=4, gid="projection", label=text("projection_label", lang))
        lower, upper = np.r_[last["value"], proj["lower"]], np.r_[last["value"], proj["upper"]]
        if np.nanmax(np.abs(upper - lower)) > 0:  # a band of no width is not drawn, nor listed
            ax.fill_between(xs, lower, upper, color=color, alpha=0.07 if weak else 0.15, lw=0, zorder=1,
                            gid="band", label=None if weak else text("band", lang))
    for peer in dict.fromkeys(peers):
        extra += _draw_peer(ax, data, targets, indicator, peer, lang, compact)
    note = _finish_axes(ax, ind, rows, goals, proj, lang, compact)
    spread_labels(ax, "peer_label")
    return rows, extra, proj is not None, note


def _draw_target(ax, target, color, lang, compact, left=False):
    """Draw one target as a star at its year, labelled with its value and its plan (to its
    left when ``left``)."""
    year, value = int(target.target_year), target.target_value
    plan = plan_label(getattr(target, "plan_id", None), lang, year)
    ax.scatter([year], [value], marker="*", s=260 if not compact else 140, color=color, edgecolors="black",
               linewidths=0.8, zorder=6, gid="target", label=plan or text("target", lang, year=year))
    label = target_text(target.indicator_id, target.relation, value, lang)
    if plan and not compact:
        label += "\n" + plan
    ax.annotate(label, (year, value), xytext=(-12 if left else 8, 0), textcoords="offset points", va="center",
                ha="right" if left else "left", fontsize="x-small" if compact else "small", gid="target_label")


def _draw_baseline(ax, target, rows, lang):
    year, value = target["baseline_year"], target["baseline_value"]
    if pd.isna(year):
        return
    if pd.isna(value):
        at = rows.loc[rows["year"] == year, "value"]
        if at.empty:
            return
        value = at.iloc[0]
    ax.scatter([year], [value], marker="s", s=110, facecolors="none", edgecolors="black", linewidths=1.2,
               zorder=5, gid="baseline", label=f"{text('baseline', lang)} {int(year)}")


def _draw_peer(ax, data, targets, indicator, peer, lang, compact):
    rows = select(data, indicator, peer)
    color = city_color(peer)
    if len(rows):
        plot_series(ax, rows, color=color, lw=1.0, alpha=0.6, ms=4, zorder=2)
        ax.annotate(city_name(peer, lang), (rows["year"].iloc[-1], rows["value"].iloc[-1]), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize="x-small", color=color, gid="peer_label")
    goals = _targets(targets, indicator, peer)
    for i, target in enumerate(goals.itertuples()):
        ax.scatter([target.target_year], [target.target_value], marker="*", s=90, color=color,
                   edgecolors="black", linewidths=0.5, zorder=5, gid="peer_target",
                   label=None if compact or i else text("peer_target", lang, city=city_name(peer, lang)))
    return list(rows["source_id"]) + list(goals["source_id"])


def _clip_band(ax, floor):
    """Keep a very wide projection band from flattening the rest; return True if it was cut."""
    if not any(c.get_gid() == "band" for c in ax.collections):
        return False
    # Everything drawn but the band: lines, markers (peers' too), stars, bars.
    core = [line.get_ydata() for line in ax.lines]
    core += [np.ma.filled(c.get_offsets()[:, 1].astype(float), np.nan) for c in ax.collections if c.get_gid() != "band"]
    core += [[p.get_height()] for p in ax.patches]
    core = np.concatenate([np.asarray(v, dtype=float).ravel() for v in core])
    lo, hi = np.nanmin(core), np.nanmax(core)
    margin = 0.3 * max(hi - lo, abs(hi) * 0.1)
    bottom, top = ax.get_ylim()
    new = (max(bottom, lo - margin, -np.inf if floor is None else floor), min(top, hi + margin))
    if new == (bottom, top):
        return False
    ax.set_ylim(*new)
    return True


def _finish_axes(ax, ind, rows, goals, proj, lang, compact):
    ends = [2020]
    ends += list(rows["year"].astype(int)) if len(rows) else []
    ends += list(goals["target_year"].astype(int))
    ends += list(proj["year"].astype(int)) if proj is not None else []
    year_axis(ax, min(min(ends), 2015), max(ends), nbins=4 if compact else "auto")
    ax.set_ylabel(ind.unit(lang))
    if len(rows) < 2 and ind.bounds[0] == 0:
        ax.set_ylim(bottom=0)  # with one point or none, zero gives the target its scale
    clipped = _clip_band(ax, ind.bounds[0])
    if ind.direction == "decrease":
        ax.invert_yaxis()
    notes = [text("band_clipped", lang)] if clipped else []
    if rows.empty:
        empty_note(ax, text("no_data", lang), compact)
    else:
        notes.append(missing_years_note(rows["year"], rows["year"].min(), rows["year"].max(), lang))
        notes.append(break_note(rows, lang))
    if proj is not None and "weak" in proj and proj["weak"].any():
        notes.append(text("weak", lang))
    if not compact and ax.get_legend_handles_labels()[0]:
        _legend(ax, rows, lang)
    return ("。" if lang == "zh" else ". ").join(n for n in notes if n)


def _legend(ax, rows, lang):
    from matplotlib.lines import Line2D

    handles, labels = ax.get_legend_handles_labels()
    color = "#444444"
    kinds = [("final", rows["status"] == "final", "o", color), ("provisional", rows["status"] != "final", "o", "white"),
             ("lower_bound", rows["lower_bound"].astype(bool), "^", "white")]
    for key, mask, marker, face in kinds:
        if mask.any():
            handles.append(Line2D([], [], ls="", marker=marker, markerfacecolor=face, markeredgecolor=color))
            labels.append(text(key, lang))
    if any(c.get_gid() == "series_break" for c in ax.collections):  # a peer's break, or the city's
        handles.append(Line2D([], [], ls="", marker="|", markersize=10, markeredgewidth=1.6, color=color))
        labels.append(text("break_mark", lang))
    ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="x-small", frameon=False)


@themed
def plot_trajectory(data, *, indicator, city="Guangzhou", lang="zh", projections=None, targets=None,
                    peers=(), ax=None):
    """Plot one indicator for one city: history, baseline, target and projections.

    Final values are filled markers; preliminary, reported and derived values are hollow;
    lower bounds ("more than") are triangles. Lines join consecutive years only, so a gap
    in the data stays a gap. The target is a star at the target year. Projections are
    dashed, with their 80% band. Cumulative targets are drawn as running totals.

    Parameters
    ----------
    data : DataFrame
        Observations in the tidy shape of :func:`gzinnov.observations`.
    indicator : str
        The registry id of the indicator.
    city : str
        The city, by its English name.
    lang : {"zh", "en"}
        Language of the chart text.
    projections : DataFrame or False, optional
        The output of :func:`gzinnov.project` (its ``combined`` method is drawn). Computed
        from ``data`` when None; not drawn when False.
    targets : DataFrame, optional
        Targets in the shape of :func:`gzinnov.targets`; the registry's when None.
    peers : sequence of str
        Other cities to draw, muted, with their own targets where they have one.
    ax : matplotlib Axes, optional
        The axes to draw on; a new figure when None.

    Returns
    -------
    matplotlib Axes
    """
    ax = new_axes(ax)
    rows, extra, projected, note = draw_trajectory(ax, data, indicator=indicator, city=city, lang=lang,
                                                   projections=projections, targets=targets, peers=peers)
    title, subtitle = indicator_titles(indicator, lang, city=city)
    ind = get_indicator(indicator)
    start = _cumulative_period(ind, _targets(targets, indicator, city))
    if ind.direction == "decrease":
        subtitle += f" ({text('lower_is_better', lang)})"
    if start is not None:
        subtitle += ("," if lang == "zh" else ", ") + text("cumulative", lang, start=start)
    return annotate_chart(ax, title=title, subtitle=subtitle, note=note,
                          source=source_line(rows, lang, extra_sources=extra, projection=projected))
