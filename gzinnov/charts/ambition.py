"""The 2030 ambition across cities: each city's arrow from its base value to its 2030 target."""

__all__ = ["plot_ambition_2030"]

import numpy as np
import pandas as pd

from ..registry import get_indicator
from ..style import city_color
from .base import empty_note, new_axes, or_packaged, plot_points, themed
from .labels import annotate_chart, city_name, format_value, source_line, target_sources, target_text, text
from .plantext import pace_text, plan_text


def _rows(data, indicator, lang):
    if data is None:
        from ..analysis.ambition import ambition

        data = ambition(indicator=indicator, lang=lang)
    rows = data[data["indicator_id"] == indicator]
    best_first = get_indicator(indicator).direction != "decrease"
    return rows.sort_values(["target_value", "city"], ascending=[not best_first, True]).reset_index(drop=True)


def _base_observations(rows, observations):
    """Return, for each row, the observation of its base value (status ``unknown`` where none is found)."""
    keys = rows[["indicator_id", "city", "base_year"]].rename(columns={"base_year": "year"})
    keys = keys.astype({"year": "Int64"})
    obs = observations.astype({"year": "Int64"}).drop_duplicates(["indicator_id", "city", "year"], keep="last")
    found = keys.merge(obs, on=["indicator_id", "city", "year"], how="left")
    # A base value the outline states without a statistical release is not final: drawn hollow.
    return found.assign(status=found["status"].fillna("unknown"), lower_bound=found["lower_bound"].fillna(False))


def _row_text(row, lang):
    """The pace the target asks, the pace achieved, their ratio, the ranks and the chance of meeting it."""
    sep = "，" if lang == "zh" else "; "
    needs = plan_text("needs_growth" if row.pace_unit == "growth" else "needs_points", lang,
                      req=pace_text(row.indicator_id, row.required_pace, row.pace_unit, lang))
    first = [needs] if pd.notna(row.required_pace) else []
    if pd.notna(row.achieved_pace):
        got = pace_text(row.indicator_id, row.achieved_pace, row.pace_unit, lang, signed=True)
        first.append(plan_text("achieved_pace", lang, got=got, first=int(row.achieved_from), last=int(row.achieved_to)))
    line = sep.join(first)
    if pd.notna(row.ambition_ratio) and line:
        line += plan_text("ratio", lang, ratio=f"{row.ambition_ratio:.1f}")
    second = []
    if pd.notna(row.rank_base) and pd.notna(row.rank_target):
        second.append(plan_text("rank", lang, base=int(row.rank_base), target=int(row.rank_target)))
    if pd.notna(row.p_meet):
        second.append(plan_text("p_meet", lang, p=f"{row.p_meet:.0%}"))
    return "\n".join(part for part in (line, sep.join(second)) if part)


@themed
def plot_ambition_2030(data=None, *, indicator="rd_intensity", city="Guangzhou", lang="zh", observations=None,
                       ax=None):
    """Plot each city's commitment for 2030: an arrow from its base value to its 2030 target.

    Cities are ranked by their target, best first; ``city`` is drawn bold and the peers
    lighter, each in its own colour. A hollow diamond marks the 2030 value the trend gives.
    Beside each arrow: the yearly pace the target requires, the pace achieved over the base
    period and their ratio (the ambition), the rank before and after, and the chance of
    meeting the target where it is known. Hollow base markers are values not (yet)
    confirmed by a statistical release.

    Parameters
    ----------
    data : DataFrame, optional
        The 2030 targets, as returned by :func:`gzinnov.ambition`; computed when None.
    indicator : str
        The registry id of the indicator.
    city : str
        The city to highlight, by its English name.
    lang : {"zh", "en"}
        Language of the chart text.
    observations : DataFrame, optional
        The observations behind ``data``, for the markers and the source line; the packaged
        ones when None.
    ax : matplotlib Axes, optional
        The axes to draw on; a new figure when None.

    Returns
    -------
    matplotlib Axes
    """
    ind = get_indicator(indicator)
    ax = new_axes(ax)
    rows = _rows(data, indicator, lang)
    base = _base_observations(rows, or_packaged(observations))
    y = np.arange(len(rows))[::-1].astype(float)
    has_base = rows["base_value"].notna().to_numpy()
    for yi, row, start in zip(y, rows.itertuples(), has_base):
        main = row.city == city
        color = city_color(row.city)
        if start:
            ax.annotate("", xy=(row.target_value, yi), xytext=(row.base_value, yi), gid="arrow",
                        arrowprops=dict(arrowstyle="-|>", color=color, lw=3.2 if main else 1.6,
                                        alpha=1.0 if main else 0.7, shrinkA=0, shrinkB=7, mutation_scale=14))
            year = "" if pd.isna(row.base_year) or int(row.base_year) == 2025 else int(row.base_year)
            value = format_value(row.base_value, ind.decimals)
            ax.annotate(plan_text("base_year", lang, value=value, year=year) if year else value,
                        (row.base_value, yi), xytext=(0, -10), textcoords="offset points", ha="center",
                        va="top", fontsize="x-small", color="#333333", gid="base_label")
        ax.annotate(target_text(indicator, row.relation, row.target_value, lang), (row.target_value, yi),
                    xytext=(0, 10), textcoords="offset points", ha="center", va="bottom", fontsize="x-small",
                    color=color, gid="target_label")
        ax.annotate(_row_text(row, lang), (1, yi), xycoords=("axes fraction", "data"), xytext=(8, 0),
                    textcoords="offset points", va="center", fontsize="x-small", color="#333333" if not main else color,
                    gid="row_text")
    colors = [city_color(c) for c in rows["city"]]
    if has_base.any():
        plot_points(ax, rows["base_value"][has_base], y[has_base], base[has_base].reset_index(drop=True),
                    color=np.asarray(colors, dtype=object)[has_base], ms=8, zorder=5)
    ax.scatter(rows["target_value"], y, marker="*", s=[300 if c == city else 170 for c in rows["city"]],
               color=colors, edgecolors="black", linewidths=0.7, zorder=6, gid="target")
    projected = rows["projected_value"].notna().to_numpy()
    if projected.any():
        ax.scatter(rows["projected_value"][projected], y[projected], marker="D", s=45, facecolors="white",
                   edgecolors=np.asarray(colors, dtype=object)[projected], linewidths=1.4, zorder=4,
                   gid="projected")
    _finish(ax, rows, y, city, lang)
    missing = [city_name(c, lang) for c in rows.loc[~has_base, "city"]]
    note = plan_text("no_base", lang, cities=("、" if lang == "zh" else ", ").join(missing)) if missing else ""
    drawn = base[has_base & base["source_id"].notna().to_numpy()]
    return annotate_chart(ax, title=plan_text("ambition_title", lang, name=ind.name(lang)),
                          subtitle=plan_text("ambition_subtitle", lang, unit=ind.unit(lang)), note=note,
                          source=source_line(drawn, lang, extra_sources=target_sources(rows),
                                             projection=bool(projected.any())))


def _finish(ax, rows, y, city, lang):
    ax.set_yticks(y, labels=[city_name(c, lang) for c in rows["city"]])
    for label, name in zip(ax.get_yticklabels(), rows["city"]):
        if name == city:
            label.set_color(city_color(city))
            label.set_fontsize("large")
    ax.set_ylim(-0.7, max(len(rows), 1) - 0.1)
    values = pd.concat([rows["base_value"], rows["target_value"], rows["projected_value"]]).astype(float).dropna()
    if len(values):
        low, high = values.min(), values.max()
        pad = max((high - low) * 0.08, abs(high) * 0.02, 1e-9)
        ax.set_xlim(low - pad, high + pad)
    ax.set_xlabel(get_indicator(rows["indicator_id"].iloc[0]).unit(lang) if len(rows) else "")
    ax.grid(axis="y", visible=False)
    if rows.empty:
        empty_note(ax, text("no_data", lang))
    else:
        _legend(ax, lang)


def _legend(ax, lang):
    """A legend in neutral grey: the markers mean the same for every city."""
    from matplotlib.lines import Line2D

    grey = "#555555"
    kinds = [("base_value", "o", grey, None), ("target_2030", "*", grey, "target"),
             ("trend_2030", "D", "white", "projected")]
    drawn = {a.get_gid() for a in ax.collections}
    handles = [Line2D([], [], ls="", marker=m, markersize=9 if m == "*" else 6, markerfacecolor=face,
                      markeredgecolor=grey, label=plan_text(key, lang))
               for key, m, face, gid in kinds if gid is None or gid in drawn]
    ax.legend(handles=handles, loc="lower right", fontsize="x-small", frameon=False)
