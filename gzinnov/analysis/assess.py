"""Judge progress toward each target: the scorecard.

The default verdict is the growth-rate ratio of Eurostat, Statistics Canada and Open SDG;
the UNSD projected-value score is the alternative. Everything is computed for all
targets at once, with merges and array arithmetic, never a loop over rows.
"""

__all__ = ["scorecard", "assess_progress", "resolve_baselines", "STATUSES", "SCORECARD_COLUMNS",
           "THRESHOLDS"]

import numpy as np
import pandas as pd

from .growth import SIGN, annual_growth, band_edge, meets_target, probability_past
from .panel import join_rows, pick_rows, take_rows, tidy
from .reasons import status_reasons
from ..registry import get_indicator

STATUSES = ["achieved", "on_track", "needs_acceleration", "limited_progress", "deterioration",
            "insufficient_data"]
THRESHOLDS = {"growth_ratio": (0.95, 0.60, 0.0), "unsd": (0.95, 0.10, 0.0)}
EPS = 1e-9  # absorbs rounding when a score sits exactly on a threshold
SCORECARD_COLUMNS = [
    "indicator_id", "city", "baseline_year", "baseline_value", "latest_year", "latest_value",
    "latest_status", "target_year", "target_value", "relation", "required_growth", "actual_growth",
    "growth_ratio", "distance_covered", "status", "status_reason", "projected_value", "projected_low",
    "projected_high", "p_meet", "verdict_basis",
    # extras: how the verdict was reached
    "method", "score", "measure", "direction", "baseline_basis", "latest_lower_bound", "n_points", "weak",
]
_KEY = ["indicator_id", "city"]


def scorecard(data=None, city="Guangzhou", *, lang="zh", method="growth_ratio", thresholds=None,
              tolerance=0.025, level=0.8):
    """Return one verdict per published target: where each indicator stands.

    Parameters
    ----------
    data : DataFrame, optional
        Tidy observations; the packaged data when None.
    city : str or list of str, optional
        City names in any spelling ("Guangzhou", "广州", "广州市"); None means every city with a target.
    lang : {"zh", "en"}
        Language of ``status_reason``.
    method, thresholds, tolerance, level
        See :func:`assess_progress`.

    Returns
    -------
    DataFrame
        See :func:`assess_progress`.
    """
    from ..names import check_data, check_lang, known_cities, resolve_cities
    from ..registry import targets

    check_data(data), check_lang(lang)
    city = resolve_cities(city, known=known_cities(data))
    if data is None:
        from ..ingest.load import observations

        data = observations()
    return assess_progress(data, targets(city), lang=lang, method=method, thresholds=thresholds,
                           tolerance=tolerance, level=level)


def assess_progress(data, targets, *, method="growth_ratio", thresholds=None, tolerance=0.025,
                    projections=True, level=0.8, lang="zh"):
    """Assess each target in ``targets`` against the observations in ``data``.

    Parameters
    ----------
    data : DataFrame
        Tidy observations (``indicator_id, city, year, value``; ``status`` and
        ``lower_bound`` when present).
    targets : DataFrame
        Targets in the shape of ``gz.targets()``.
    method : {"growth_ratio", "unsd"}
        ``growth_ratio``: R = d·g_actual / |g_required| (Eurostat, Statistics Canada,
        Open SDG). ``unsd``: S = d·(ŷ_T − y_b) / |y* − y_b| with ŷ_T extrapolated at the
        actual growth rate (UNSD Progress Chart 2023).
    thresholds : tuple of 3 floats, optional
        Lower edges of on_track, needs_acceleration and limited_progress; below the last
        is deterioration. Default (0.95, 0.60, 0) for growth_ratio, (0.95, 0.10, 0) for unsd.
    tolerance : float
        Half-width of the band of an "about" (approx) target, as a share of the target.
    projections : bool or DataFrame
        True projects the series with ``gz.project``; a DataFrame is used as the
        projection; False leaves the projected columns and ``p_meet`` empty.
    level : float
        Coverage of the projection interval.
    lang : {"zh", "en"}
        Language of ``status_reason``.

    Returns
    -------
    DataFrame
        One row per target with the columns of ``SCORECARD_COLUMNS``: baseline, latest
        value, required and actual annual growth (fractions), growth ratio, distance
        covered, status (one of ``STATUSES``), status reason, the projected value at the
        target year with its interval, ``p_meet`` and ``verdict_basis``
        ("observed" or "nowcast").
    """
    if method not in THRESHOLDS:
        raise ValueError(f"method must be one of {sorted(THRESHOLDS)}, not {method!r}")
    card = _prepare(targets)
    obs = join_rows(card, data)
    card = _add_latest(_baselines(card, obs), obs)
    card = _verdict(card, method, thresholds or THRESHOLDS[method], tolerance)
    card = _add_projection(card, data, projections, tolerance, level)
    card["status_reason"] = status_reasons(card, thresholds or THRESHOLDS[method], tolerance, lang)
    return card[SCORECARD_COLUMNS]


def resolve_baselines(targets, data):
    """Return ``targets`` with the baseline each verdict starts from.

    The baseline value is the target's own (registry) baseline when given, else the
    observation in the baseline year, else the earliest observation after it up to the
    target year (the baseline year moves with it). ``baseline_basis`` records which:
    ``registry``, ``observed``, ``substituted``, ``missing``; cumulative targets count
    from zero before their period (``cumulative``). A missing baseline year is taken as
    five years before the target year.
    """
    card = _prepare(targets)
    return _baselines(card, join_rows(card, data))


def _prepare(targets):
    """Number the targets and fill in direction, measure, baseline year and period."""
    card = targets.reset_index(drop=True).copy()
    card["_t"] = np.arange(len(card))
    ind = {i: get_indicator(i) for i in card["indicator_id"].unique()}
    card["direction"] = card["indicator_id"].map({i: v.direction for i, v in ind.items()}).astype(object)
    card["measure"] = card["indicator_id"].map({i: v.measure for i, v in ind.items()}).astype(object)
    card["target_year"] = card["target_year"].astype("int64")
    card["_base0"] = card["baseline_year"].astype("Float64").fillna(card["target_year"] - 5).astype("int64")
    cumulative = card["measure"].eq("cumulative")
    start = card["period_start"].astype("Float64").fillna(card["_base0"] + 1)
    card["period_start"] = start.astype(float).where(cumulative)
    card["period_end"] = card["period_end"].astype("Float64").fillna(card["target_year"]).astype(float) \
        .where(cumulative)
    return card


def _baselines(card, obs):
    n, t = len(card), obs["t"]
    base, target_year = card["_base0"].to_numpy()[t], card["target_year"].to_numpy()[t]
    cumulative = card["measure"].eq("cumulative").to_numpy()
    seen = take_rows(obs, "value", pick_rows(obs, obs["year"] == base, n))
    later = pick_rows(obs, (obs["year"] > base) & (obs["year"] <= target_year), n)
    sub_value, sub_year = take_rows(obs, "value", later), take_rows(obs, "year", later)
    given = card["baseline_value"].to_numpy(float)
    known = [cumulative, ~np.isnan(given), ~np.isnan(seen)]
    basis = np.select(known + [~np.isnan(sub_value)], ["cumulative", "registry", "observed", "substituted"],
                      "missing")
    card["baseline_basis"] = basis
    card["baseline_value"] = np.select(known, [0.0, given, seen], sub_value)
    card["baseline_year"] = np.select([cumulative, basis == "substituted"],
                                      [card["period_start"] - 1, sub_year], card["_base0"]).astype("int64")
    return card


def _add_latest(card, obs):
    """Latest value up to the target year; for cumulative targets, the running sum."""
    n, t, year = len(card), obs["t"], obs["year"]
    col = {c: card[c].to_numpy(float)[t] for c in ("baseline_year", "target_year", "period_start", "period_end")}
    cum = card["measure"].eq("cumulative").to_numpy()
    in_time = year <= col["target_year"]
    level = ~cum[t] & in_time
    flows = cum[t] & in_time & (year >= col["period_start"]) & (year <= col["period_end"])
    last = pick_rows(obs, level | flows, n, latest=True)
    count = lambda mask, w=None: np.bincount(t[mask], weights=None if w is None else w[mask], minlength=n)
    since = count(level & (year >= col["baseline_year"]))
    at_base = count(level & (year == col["baseline_year"]))
    card["latest_year"] = pd.array(np.where(last >= 0, take_rows(obs, "year", last, -1), np.nan), dtype="Int64")
    card["latest_value"] = np.where(cum, np.where(last >= 0, count(flows, obs["value"]), np.nan),
                                    take_rows(obs, "value", last))
    card["latest_status"] = take_rows(obs, "status", last, None)
    card["latest_lower_bound"] = np.where(cum, count(flows, obs["lower_bound"].astype(float)) > 0,
                                          take_rows(obs, "lower_bound", last, False)).astype(bool)
    registry_only = card["baseline_basis"].eq("registry").to_numpy() & (at_base == 0)
    card["n_points"] = (since + registry_only + count(flows)).astype(int)
    return card


def _verdict(card, method, thresholds, tolerance):
    """Growth rates, ratios and the status, all as array arithmetic."""
    b, yb = card["baseline_year"].to_numpy(float), card["baseline_value"].to_numpy(float)
    t, yt = card["latest_year"].to_numpy(float, na_value=np.nan), card["latest_value"].to_numpy(float)
    T, ys = card["target_year"].to_numpy(float), card["target_value"].to_numpy(float)
    d = card["direction"].map(SIGN).to_numpy(float)
    cum = card["measure"].eq("cumulative").to_numpy()
    g_r = np.where(cum, np.nan, annual_growth(yb, ys, T - b))
    g_a = np.where(cum, np.nan, annual_growth(yb, yt, t - b))
    with np.errstate(all="ignore"):
        ratio = d * g_a / np.abs(g_r)
        ratio = np.where(np.isnan(g_a) | np.isnan(g_r), np.nan, ratio)
        covered = (yt - yb) / (ys - yb)
        y_hat = yt * (1 + g_a) ** (T - t)
        unsd = d * (y_hat - yb) / np.abs(ys - yb)
        period = (card["period_end"] - card["period_start"] + 1).to_numpy(float, na_value=np.nan)
        prorated = yt / (ys * card["n_points"].to_numpy(float) / period)
    card["required_growth"], card["actual_growth"], card["growth_ratio"] = g_r, g_a, ratio
    card["distance_covered"] = np.where(cum, yt / ys, covered)
    card["score"] = np.where(cum, prorated, ratio if method == "growth_ratio" else unsd)
    card["method"] = np.where(cum, "prorated", method)

    met = meets_target(yt, ys, card["relation"], card["direction"], tolerance)
    observed = np.where(cum, (t == card["period_end"]) & (card["n_points"] == period), t == T)
    score = card["score"].to_numpy(float)
    hi, mid, lo = (x - EPS for x in thresholds)
    status = np.select([met, np.isnan(score), score >= hi, score >= mid, score >= lo],
                       ["achieved", "insufficient_data", "on_track", "needs_acceleration", "limited_progress"],
                       "deterioration")
    status = np.where(observed & (status == "on_track"), "needs_acceleration", status)
    card["status"] = status
    card["verdict_basis"] = np.where(observed, "observed", "nowcast")
    return card


def _add_projection(card, data, projections, tolerance, level):
    """Projected value at the target year, its interval and the probability of meeting it."""
    for col in ("projected_value", "projected_low", "projected_high", "p_meet"):
        card[col] = np.nan
    card["weak"] = card["n_points"] < 4
    if projections is False:
        return card
    if projections is True:
        from .trajectory import project

        series = card[_KEY].drop_duplicates()
        keep = tidy(data).merge(series, on=_KEY)
        projections = project(keep, until=int(card["target_year"].max()), level=level)
    comb = projections[projections["method"] == "combined"]
    cols = ["value", "lower", "upper"]
    rows = card[["_t", *_KEY, "latest_year", "target_year", "period_end"]].merge(comb, on=_KEY)
    cum = rows["period_end"].notna()
    pick = np.where(cum, (rows["year"] > rows["latest_year"]) & (rows["year"] <= rows["period_end"]),
                    rows["year"] == rows["target_year"])
    sums = rows[pick].groupby("_t")[cols].sum(min_count=1)
    weak = rows.groupby("_t")["weak"].any()
    start = np.where(card["measure"].eq("cumulative"), card["latest_value"], 0.0)
    for col, src in zip(("projected_value", "projected_low", "projected_high"), cols):
        card[col] = start + card["_t"].map(sums[src]).to_numpy(float)
    card["weak"] = card["_t"].map(weak).astype("boolean").fillna(True).astype(bool) | card["weak"]
    edge = band_edge(card["target_value"], card["relation"], card["direction"], tolerance)
    card["p_meet"] = probability_past(card["projected_value"], card["projected_low"],
                                      card["projected_high"], edge, card["direction"], level)
    done = card["verdict_basis"].eq("observed")
    for col in ("projected_value", "projected_low", "projected_high"):
        card.loc[done, col] = card.loc[done, "latest_value"]
    card.loc[done, "p_meet"] = card.loc[done, "status"].eq("achieved").astype(float)
    return card
