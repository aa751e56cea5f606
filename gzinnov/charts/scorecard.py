"""The scorecard as a bullet chart, and the status heatmap (indicator × city or × year)."""

__all__ = ["plot_scorecard", "plot_status_heatmap", "assess_by_year"]

import numpy as np
import pandas as pd

from ..registry import get_indicator
from ..style import STATUS_COLORS, STATUS_MARKERS, STATUS_ORDER
from .base import new_axes, or_packaged, themed
from .labels import (annotate_chart, city_name, format_value, latest_rows, source_line,
                     status_label, status_symbol, target_sources, target_text, text)
from .plantext import plan_label, plan_text, wrap_lines

_CAP = 200.0  # % of target: anything beyond is drawn at this edge (the row text gives the value)
_DARK = {"achieved", "on_track", "limited_progress", "deterioration"}  # statuses that take white text


def _pct(values, table):
    """Return ``values`` as % of each row's target (target ÷ value for lower-is-better)."""
    lower = table["indicator_id"].map(lambda i: get_indicator(i).direction == "decrease").to_numpy(bool)
    v, t = values.astype(float).to_numpy(), table["target_value"].astype(float).to_numpy()
    with np.errstate(all="ignore"):
        return np.where(lower, t / v, v / t) * 100


def _row_label(row, lang, many_cities, many_years=False):
    short = get_indicator(row.indicator_id).short(lang)
    if many_years:  # the same indicator may have a 2025 and a 2030 target
        short += f" {int(row.target_year)}"
    return f"{city_name(row.city, lang)} · {short}" if many_cities else short


def _row_text(row, lang):
    if pd.isna(row.latest_value):
        return f"{status_symbol(row.status)} {text('no_data', lang)}"
    ind = get_indicator(row.indicator_id)
    target = target_text(row.indicator_id, row.relation, row.target_value, lang)
    return (f"{status_symbol(row.status)} {status_label(row.status, lang)}\n"
            f"{format_value(row.latest_value, ind.decimals)} ({int(row.latest_year)}) / {target} {ind.unit(lang)}")


@themed
def plot_scorecard(data, *, lang="zh", final=None, headline=None, observations=None, ax=None):
    """Plot one bullet row per target: baseline, latest and projected value, as % of target.

    Bars run from zero to the latest value and are coloured by status; each status also
    has its own marker and symbol. Rows without data say "no published figure found".

    In the final mode, for a finished plan, each bar is the target-year value and its
    colour the final verdict (achieved, not achieved, met at the published precision);
    provisional verdicts are hatched, and targets whose target-year value is not yet
    published are drawn pale with their nowcast. The plan headline is the subtitle.

    Parameters
    ----------
    data : DataFrame
        A scorecard, as returned by :func:`gzinnov.scorecard`.
    lang : {"zh", "en"}
        Language of the chart text.
    final : bool, optional
        Draw the final verdicts of a finished plan; None draws them when any row of
        ``data`` has a ``verdict_basis`` of ``final`` or ``provisional``.
    headline : str, optional
        The plan headline of the final mode; :func:`gzinnov.plan_headline` when None.
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
    final = _is_final(table) if final is None else final
    y = np.arange(len(table))[::-1] + 1.0  # row 0 is kept free for the legend
    latest = _pct(table["latest_value"], table)
    ax.barh(y, 100, height=0.7, color="#EEEEEE", zorder=1, gid="target_span")
    handles, labels = [], []
    if final:
        right, projected = np.array([]), False
        handles, labels = _draw_final(ax, table, y, latest, lang)
        title, subtitle, note = _final_titles(table, lang, headline)
    else:
        right, projected = _draw_progress(ax, table, y, latest, lang)
        title, subtitle, note = _plan_title(table, lang), text("scorecard_subtitle", lang), ""
    ax.axvline(100, color="#333333", lw=1, ls="--", zorder=2, gid="target_line")
    many = table["city"].nunique() > 1
    years = table["target_year"].nunique() > 1
    ax.set_yticks(y, labels=[_row_label(r, lang, many, years) for r in table.itertuples()])
    ax.set_xlim(0, min(_CAP, max(120, np.nanmax(np.r_[latest, right, 0]) + 10)))
    ax.set_ylim(-0.8, len(table) + 0.6)
    ax.set_xlabel(text("pct_of_target", lang))
    ax.grid(axis="y", visible=False)
    drawn, names = ax.get_legend_handles_labels()
    ax.legend(drawn + handles, names + labels, loc="lower center", ncol=max(len(names + labels), 1),
              fontsize="x-small", frameon=False, handletextpad=0.3, columnspacing=1.2)
    obs = latest_rows(table, or_packaged(observations))
    annotate_chart(ax, title=title, subtitle=subtitle, note=note,
                   source=source_line(obs, lang, extra_sources=target_sources(table), projection=projected))
    if "\n" in subtitle:  # a headline on two lines: lift the title above it
        ax.set_title(title, loc="left", pad=24 + 12 * subtitle.count("\n"))
    return ax


def _draw_progress(ax, table, y, latest, lang):
    """Draw the bullet rows of a plan under way; return (right edges, projections drawn?)."""
    base = _pct(table["baseline_value"], table)
    proj = {k: _pct(table[f"projected_{k}"], table) for k in ("value", "low", "high")}
    colors = [STATUS_COLORS.get(s, "#BBBBBB") for s in table["status"]]
    ax.barh(y, np.clip(np.nan_to_num(latest), 0, _CAP), height=0.38, color=colors, zorder=2, gid="latest")
    ax.scatter(np.clip(base, 0, _CAP), y, marker="|", s=220, color="black", zorder=3, gid="baseline",
               label=text("baseline", lang))
    ok = ~np.isnan(proj["value"])
    ax.errorbar(np.clip(proj["value"][ok], 0, _CAP), y[ok], xerr=_errors(proj, ok), fmt="D", ms=6, mfc="white",
                mec="#333333", ecolor="#333333", elinewidth=1, capsize=2, zorder=4, gid="projected",
                label=text("projected", lang))
    _draw_statuses(ax, table, y, latest, lang)
    for yi, row in zip(y, table.itertuples()):
        _row_annotation(ax, yi, _row_text(row, lang), row.status)
    return proj["high"], bool(ok.any())


def _draw_statuses(ax, table, y, latest, lang, hollow=None):
    """Mark each row's status at the end of its bar; ``hollow`` rows get white markers."""
    hollow = np.zeros(len(table), bool) if hollow is None else hollow
    for status in STATUS_ORDER:
        mask = (table["status"] == status).to_numpy() & ~np.isnan(latest)
        if mask.any():
            faces = np.where(hollow[mask], "white", STATUS_COLORS[status])
            ax.scatter(np.clip(latest[mask], 0, _CAP), y[mask], marker=STATUS_MARKERS[status], s=70,
                       facecolors=list(faces), edgecolors=[STATUS_COLORS[status] if h else "black" for h in hollow[mask]],
                       linewidths=0.5 + hollow[mask], zorder=5, gid=f"status_{status}",
                       label=status_label(status, lang))


def _row_annotation(ax, yi, content, status, size="x-small"):
    ax.annotate(content, (1, yi), xycoords=("axes fraction", "data"), xytext=(6, 0), textcoords="offset points",
                va="center", fontsize=size, gid="row_text",
                color=STATUS_COLORS.get(status, "#555555") if status != "insufficient_data" else "#555555")


def _is_final(table):
    return "verdict_basis" in table and bool(table["verdict_basis"].isin(["final", "provisional"]).any())


def _basis(table):
    return table["verdict_basis"] if "verdict_basis" in table else pd.Series("nowcast", index=table.index)


def _draw_final(ax, table, y, latest, lang):
    """Draw the final verdicts of a finished plan; return extra legend (handles, labels)."""
    from matplotlib.colors import to_rgba
    from matplotlib.patches import Patch

    basis = _basis(table).to_numpy()
    settled = np.isin(basis, ["final", "provisional"])
    provisional = basis == "provisional"
    colors = [to_rgba(STATUS_COLORS.get(s, "#BBBBBB"), 1.0 if done else 0.35)
              for s, done in zip(table["status"], settled)]
    bars = ax.barh(y, np.clip(np.nan_to_num(latest), 0, _CAP), height=0.5, color=colors, zorder=2, gid="latest")
    for bar, hatched in zip(bars, provisional):
        if hatched:
            bar.set_hatch("////")
            bar.set_edgecolor("white")
    _draw_statuses(ax, table, y, latest, lang, hollow=provisional | ~settled)
    size = "xx-small" if len(table) > 8 else "x-small"  # two lines a row must fit
    for yi, row, b in zip(y, table.itertuples(), basis):
        _row_annotation(ax, yi, _final_row_text(row, b, lang), row.status if b != "nowcast" else "insufficient_data",
                        size)
    if not provisional.any():
        return [], []
    return [Patch(facecolor="#999999", edgecolor="white", hatch="////")], [plan_text("provisional_patch", lang)]


def _final_row_text(row, basis, lang):
    if pd.isna(row.latest_value):
        return f"{status_symbol(row.status)} {plan_text('not_published', lang)}"
    ind = get_indicator(row.indicator_id)
    target = target_text(row.indicator_id, row.relation, row.target_value, lang)
    label = status_label(row.status, lang)
    if basis == "provisional":
        label += f"（{plan_text('provisional', lang)}）" if lang == "zh" else f" ({plan_text('provisional', lang)})"
    elif basis == "nowcast":  # drawn pale: the target-year value is not yet published
        label = plan_text("nowcast_label", lang, status=label)
    return (f"{status_symbol(row.status)} {label}\n"
            f"{format_value(row.latest_value, ind.decimals)} ({int(row.latest_year)}) / {target} {ind.unit(lang)}")


def _plan_name(table, lang):
    """The short label of the one plan in ``table``, or ""."""
    plans = table["plan_id"].dropna().unique() if "plan_id" in table else []
    return plan_label(plans[0], lang) if len(plans) == 1 else ""


def _city(table):
    return table["city"].iloc[0] if len(table) and table["city"].nunique() == 1 else ""


def _plan_title(table, lang):
    plan = _plan_name(table, lang)
    city = city_name(_city(table), lang)
    if plan and not plan.startswith(plan_label("gz_st_14", lang)):
        return plan_text("plan_title", lang, city=city, plan=plan)
    return text("scorecard_title", lang, city=city)


def _final_titles(table, lang, headline):
    """Return the title, subtitle (the plan headline) and note (what settles the open verdicts)."""
    if headline is None:
        from ..analysis.assess import plan_headline

        headline = plan_headline(table, lang=lang)
    city = city_name(_city(table), lang)
    if "plan_id" in table and table["plan_id"].nunique() > 1:  # a finished plan and the next: name neither alone
        title = plan_text("plans_title", lang, city=city)
    else:
        title = plan_text("final_title", lang, city=city, plan=_plan_name(table, lang) or plan_label("gz_st_14", lang))
    return title, wrap_lines([headline], lang, width=(60, 110)), _settled_note(table, lang)


def _settled_note(table, lang):
    """The key to the bars, then one line per publication awaited: what it settles, for which targets."""
    if "settled_by" not in table:
        return plan_text("final_key", lang)
    open_rows = table[_basis(table).isin(["provisional", "nowcast"]).to_numpy() & table["settled_by"].notna().to_numpy()]
    lines = [plan_text("final_key", lang)]
    for when, rows in open_rows.groupby("settled_by", sort=False):
        if isinstance(when, str) and when:
            names = ("、" if lang == "zh" else ", ").join(get_indicator(i).short(lang) for i in rows["indicator_id"])
            lines.append(plan_text("settled_by", lang, when=when.rstrip("。. "), names=names))
    return wrap_lines(lines, lang)
    return title, plan_text("final_subtitle", lang, headline=headline), note


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
