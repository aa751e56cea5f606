"""How ambitious is each 2030 target? Required pace against achieved pace, across cities.

For every 2030 target (Guangzhou's and each peer's) the pace it asks for from the 2025
value is set against the pace achieved over the five years before, and the target and
its starting point are ranked among the cities with a target for the same indicator.
"""

__all__ = ["ambition", "required_pace", "AMBITION_COLUMNS"]

import numpy as np
import pandas as pd

from .growth import SIGN, annual_growth
from .panel import join_rows, pick_rows, select, take_rows
from ..registry import get_indicator

AMBITION_COLUMNS = [
    "indicator_id", "city", "plan_id", "base_year", "base_value", "target_year", "target_value", "relation",
    "pace_unit", "required_pace", "achieved_pace", "achieved_from", "achieved_to", "ambition_ratio",
    "increase", "projected_value", "p_meet", "status", "rank_base", "rank_target", "n_cities",
    "required_growth", "achieved_growth", "required_points", "achieved_points", "name", "base_note",
]


def required_pace(base, target, years, unit="growth"):
    """Return the pace from ``base`` to ``target`` in ``years`` years.

    ``unit="growth"``: compound annual growth, ``(target / base) ** (1 / years) - 1``;
    ``unit="points"``: ``(target - base) / years`` (percentage points a year for a share).
    """
    base, target, years = (np.asarray(a, dtype=float) for a in (base, target, years))
    if unit == "points":
        with np.errstate(all="ignore"):
            return np.where(years > 0, (target - base) / years, np.nan)
    return annual_growth(base, target, years)


def ambition(data=None, *, city=None, indicator=None, plan=None, year=2030, window=5, lang="zh",
             projections=True, tolerance=0.025, level=0.8):
    """Return one row per 2030 target (city × indicator): what it asks and what was achieved.

    Parameters
    ----------
    data : DataFrame, optional
        Tidy observations; the packaged data when None.
    city, indicator : str or list of str, optional
        Keep only these cities or indicators (ranks are still taken among all cities).
    plan : str or list of str, optional
        Keep only these plans' targets (``gz.plans()``), whatever their year.
    year : int
        Target year of the targets kept when ``plan`` is None.
    window : int
        Length in years of the window for the achieved pace, ending at the base year.
    lang : {"zh", "en"}
        Language of ``name``.
    projections : bool or DataFrame
        Passed to :func:`gzinnov.analysis.assess.assess_progress` for ``projected_value``
        and ``p_meet``; False leaves them empty.
    tolerance, level
        See :func:`gzinnov.analysis.assess.assess_progress`.

    Returns
    -------
    DataFrame
        Columns ``AMBITION_COLUMNS``. ``base_value`` is the value the plan starts from
        (the plan's own statement of its base year, else the observation); ``pace_unit`` is
        ``points`` for shares (% units) and ``growth`` otherwise; ``required_pace`` takes the
        base to the nominal target in the target year (what the plan commits to);
        ``achieved_pace`` is the same measure over the ``window`` years to the base year, or
        the longest part of it the data cover (``achieved_from``–``achieved_to``);
        ``ambition_ratio`` = required / achieved (NaN where the achieved pace is not
        positive); ``increase`` = target − base. ``rank_base`` and ``rank_target`` rank the
        cities with a target for the indicator (1 = best); ``status`` and ``p_meet`` come
        from the scorecard.
    """
    from ..registry import targets
    from .assess import assess_progress

    data = select(data)
    goals = targets(plan=plan) if plan is not None else targets(year=year)
    card = assess_progress(data, goals, projections=projections, tolerance=tolerance, level=level, lang=lang)
    table = _paces(goals.reset_index(drop=True), data, window)
    for col in ("projected_value", "p_meet", "status"):
        table[col] = card[col].to_numpy()
    table = _ranks(table)
    keep = pd.Series(True, index=table.index)
    for column, wanted in (("city", city), ("indicator_id", indicator)):
        if wanted is not None:
            keep &= table[column].isin([wanted] if isinstance(wanted, str) else list(wanted))
    table["name"] = table["indicator_id"].map(lambda i: get_indicator(i).short(lang))
    out = table[keep].sort_values(["indicator_id", "rank_target", "city"]).reset_index(drop=True)
    return out[AMBITION_COLUMNS]


def _paces(goals, data, window):
    """Base value, required and achieved pace for each target, as arrays."""
    n = len(goals)
    obs = join_rows(goals, data)
    t, year = obs["t"], obs["year"]
    base_year = goals["baseline_year"].astype("Float64").fillna(goals["target_year"] - 5).to_numpy(float)
    at_base = take_rows(obs, "value", pick_rows(obs, year == base_year[t], n))
    given = goals["baseline_value"].to_numpy(float)
    base = np.where(np.isnan(given), at_base, given)
    first = pick_rows(obs, (year >= base_year[t] - window) & (year < base_year[t]), n)
    start_year = take_rows(obs, "year", first).astype(float)
    start = take_rows(obs, "value", first)
    ind = {i: get_indicator(i) for i in goals["indicator_id"].unique()}
    points = goals["indicator_id"].map(lambda i: ind[i].unit_zh == "%").to_numpy(bool)
    T, target = goals["target_year"].to_numpy(float), goals["target_value"].to_numpy(float)
    span = base_year - start_year
    req_g, ach_g = required_pace(base, target, T - base_year), required_pace(start, base, span)
    req_p, ach_p = required_pace(base, target, T - base_year, "points"), required_pace(start, base, span, "points")
    required, achieved = np.where(points, req_p, req_g), np.where(points, ach_p, ach_g)
    with np.errstate(all="ignore"):
        ratio = np.where(achieved > 0, required / achieved, np.nan)
    return pd.DataFrame({
        "indicator_id": goals["indicator_id"], "city": goals["city"], "plan_id": goals["plan_id"],
        "base_year": pd.array(np.where(np.isnan(base), np.nan, base_year), dtype="Int64"), "base_value": base,
        "target_year": goals["target_year"].astype("Int64"), "target_value": target,
        "relation": goals["relation"], "pace_unit": np.where(points, "points", "growth"),
        "required_pace": required, "achieved_pace": achieved,
        "achieved_from": pd.array(np.where(np.isnan(achieved), np.nan, start_year), dtype="Int64"),
        "achieved_to": pd.array(np.where(np.isnan(achieved), np.nan, base_year), dtype="Int64"),
        "ambition_ratio": ratio, "increase": target - base,
        "required_growth": req_g, "achieved_growth": ach_g, "required_points": req_p, "achieved_points": ach_p,
        "base_note": goals["baseline_note"].fillna(""),
        "_sign": goals["indicator_id"].map(lambda i: SIGN[ind[i].direction]).to_numpy(float),
    })


def _ranks(table):
    """Rank base and target among the cities with a target for the same indicator (1 = best)."""
    best_first = lambda col: (table[col] * table["_sign"]).groupby(table["indicator_id"]).rank(
        ascending=False, method="min")
    table["rank_base"] = best_first("base_value").astype("Int64")
    table["rank_target"] = best_first("target_value").astype("Int64")
    table["n_cities"] = table.groupby("indicator_id")["city"].transform("nunique").astype(int)
    return table.drop(columns="_sign")
