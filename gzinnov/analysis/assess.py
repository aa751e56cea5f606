"""Judge progress toward each target: the scorecard.

When the target year has a value the verdict is final (or provisional, while that value
is preliminary): ``achieved``, ``not_achieved`` or ``met_at_precision``. Before then it is
a nowcast: the growth-rate ratio of Eurostat, Statistics Canada and Open SDG by default,
the UNSD projected-value score as the alternative. Everything is computed for all targets
at once, with merges and array arithmetic, never a loop over rows.
"""

__all__ = ["scorecard", "assess_progress", "resolve_baselines", "plan_headline", "STATUSES",
           "FINAL_STATUSES", "TREND_STATUSES", "SCORECARD_COLUMNS", "THRESHOLDS"]

from datetime import date

import numpy as np
import pandas as pd

from .growth import SIGN, annual_growth, band_edge, meets_target, probability_past
from .panel import join_rows, pick_rows, take_rows, tidy
from .reasons import headline_text, settled_by, status_reasons
from ..registry import get_indicator

FINAL_STATUSES = ["achieved", "met_at_precision", "not_achieved"]
TREND_STATUSES = ["on_track", "needs_acceleration", "limited_progress", "deterioration", "insufficient_data"]
STATUSES = FINAL_STATUSES + TREND_STATUSES
THRESHOLDS = {"growth_ratio": (0.95, 0.60, 0.0), "unsd": (0.95, 0.10, 0.0)}
EPS = 1e-9  # absorbs rounding when a score sits exactly on a threshold
FLAT = 1e-6  # below this required growth, the growth ratio is undefined (target = baseline)
SCORECARD_COLUMNS = [
    "indicator_id", "city", "baseline_year", "baseline_value", "latest_year", "latest_value",
    "latest_status", "target_year", "target_value", "relation", "required_growth", "actual_growth",
    "growth_ratio", "distance_covered", "status", "status_reason", "projected_value", "projected_low",
    "projected_high", "p_meet", "verdict_basis", "settled_by", "plan_id", "binding",
    # extras: how the verdict was reached
    "method", "score", "measure", "direction", "baseline_basis", "latest_lower_bound", "n_points", "weak",
    "achieved_from", "one_year",
    # what p_meet rests on, or why it is withheld
    "p_meet_basis", "p_meet_note",
]
_KEY = ["indicator_id", "city"]
_FINAL_DATA = {"final", "derived"}  # observation statuses that settle a verdict


def scorecard(data=None, city="Guangzhou", *, plan=None, target_year=None, as_of=None, lang="zh",
              method="growth_ratio", thresholds=None, tolerance=0.025, level=0.8):
    """Return one verdict per published target: where each indicator stands.

    Parameters
    ----------
    data : DataFrame, optional
        Tidy observations; the packaged data when None.
    city : str or list of str, optional
        City names in any spelling ("Guangzhou", "广州", "广州市"); None means every city with a
        target. Ignored when ``plan`` is given: a plan belongs to one city.
    plan : str or list of str, optional
        Keep only the targets of these plans (``gz.plans()``), e.g. ``"gz_st_14"``.
    target_year : int or list of int, optional
        Keep only targets for these years, e.g. 2030.
    as_of : str, optional
        ISO date: judge with what was published by then (observations with a later
        ``published`` date, and plans issued later, are left out).
    lang : {"zh", "en"}
        Language of ``status_reason`` and ``settled_by``.
    method, thresholds, tolerance, level
        See :func:`assess_progress`.

    Returns
    -------
    DataFrame
        See :func:`assess_progress`.
    """
    from ..names import check_arguments
    from ..registry import load_plans, targets

    city, plan, target_year = check_arguments(data, city=city, plan=plan, target_year=target_year, lang=lang)
    if data is None:
        from ..ingest.load import observations

        data = observations(as_of=as_of)  # superseded vintages included where they were current
    elif as_of is not None:
        data = _published_by(data, as_of)
    goals = targets(None if plan is not None else city, plan=plan, year=target_year)
    if as_of is not None:
        known = {p.plan_id for p in load_plans().values() if (p.published or p.issued or "0") <= str(as_of)}
        goals = goals[goals["plan_id"].isin(known)].reset_index(drop=True)
    return assess_progress(data, goals, lang=lang, method=method, thresholds=thresholds,
                           tolerance=tolerance, level=level)


def _published_by(data, as_of):
    """Observations published on or before ``as_of``; the latest vintage of each value."""
    if "published" not in data.columns:
        return data
    published = data["published"].astype(str)
    keep = data[data["published"].isna() | (published <= str(as_of))]
    return keep.sort_values("published", na_position="first").drop_duplicates(
        ["indicator_id", "city", "year"], keep="last").sort_index()


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
        actual growth rate (UNSD Progress Chart 2023). Both measure to the value that
        meets the target (the near edge of an "about" band).
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
        Language of ``status_reason`` and ``settled_by``.

    Returns
    -------
    DataFrame
        One row per target with the columns of ``SCORECARD_COLUMNS``. ``verdict_basis``
        is ``final`` (a final value for the target year: status ``achieved``,
        ``not_achieved`` or ``met_at_precision``), ``provisional`` (the target-year value
        is preliminary or reported: the same statuses, ``settled_by`` names the release
        that settles it) or ``nowcast`` (no target-year value: a trend status, and
        ``settled_by`` names the release due to carry it). ``p_meet`` is given for
        nowcasts only.
    """
    if method not in THRESHOLDS:
        raise ValueError(f"method must be one of {sorted(THRESHOLDS)}, not {method!r}")
    thresholds = thresholds or THRESHOLDS[method]
    card = _prepare(targets)
    obs = join_rows(card, data)
    card = _add_latest(_baselines(card, obs), obs)
    card = _prior_pace(card, obs)
    card = _verdict(card, method, thresholds, tolerance)
    card = _final_verdict(card, tolerance)
    card = _add_projection(card, data, projections, tolerance, level, lang)
    card["status_reason"] = status_reasons(card, thresholds, tolerance, lang)
    card["settled_by"] = settled_by(card, lang)
    card = _show_cumulative_baseline(card)
    return card[SCORECARD_COLUMNS]


def resolve_baselines(targets, data):
    """Return ``targets`` with the baseline each verdict starts from.

    The baseline value is the target's own (registry) baseline when given, else the
    observation in the baseline year, else the earliest observation after it and before
    the latest value (the baseline year moves with it); never the latest or target-year
    value itself. ``baseline_basis`` records which: ``registry``, ``observed``,
    ``substituted``, ``missing``; cumulative targets (``cumulative``) have none, they count
    from the start of their period. A missing baseline year is taken as five years before
    the target year.
    """
    card = _prepare(targets)
    return _baselines(card, join_rows(card, data))


def _prepare(targets):
    """Number the targets and fill in direction, measure, baseline year and period."""
    card = targets.reset_index(drop=True).copy()
    for col in ("plan_id", "binding"):
        card[col] = card[col].astype(object).fillna("") if col in card else ""
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
    # the latest year up to the target year: a substitute baseline must come before it (D4)
    last_year = take_rows(obs, "year", pick_rows(obs, obs["year"] <= target_year, n, latest=True), -1)
    later = pick_rows(obs, (obs["year"] > base) & (obs["year"] < last_year[t]), n)
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
    status = pd.Series(obs["status"], dtype=object)
    provisional = flows & ~(status.isin(_FINAL_DATA) | status.isna()).to_numpy()
    card["_flows_provisional"] = cum & (count(provisional) > 0)
    card["latest_lower_bound"] = np.where(cum, count(flows, obs["lower_bound"].astype(float)) > 0,
                                          take_rows(obs, "lower_bound", last, False)).astype(bool)
    registry_only = card["baseline_basis"].eq("registry").to_numpy() & (at_base == 0)
    card["n_points"] = (since + registry_only + count(flows)).astype(int)
    return card


def _prior_pace(card, obs):
    """Where nothing is published after a registry baseline (a plan just adopted), judge the
    pace of the five years up to the baseline instead: from the earliest value in
    [baseline − 5, baseline − 1] to the baseline value."""
    n, t, year = len(card), obs["t"], obs["year"]
    b = card["baseline_year"].to_numpy(float)
    latest = card["latest_year"].to_numpy(float, na_value=np.nan)
    before = card["baseline_basis"].eq("registry").to_numpy() & ~card["measure"].eq("cumulative").to_numpy() \
        & ~(latest > b)
    first = pick_rows(obs, (year >= b[t] - 5) & (year < b[t]) & before[t], n)
    card["achieved_from"] = pd.array(np.where(first >= 0, take_rows(obs, "year", first, -1), np.nan),
                                     dtype="Int64")
    card["_from_value"] = take_rows(obs, "value", first)
    return card


def _verdict(card, method, thresholds, tolerance):
    """Growth rates, ratios and the trend status, all as array arithmetic."""
    b, yb = card["baseline_year"].to_numpy(float), card["baseline_value"].to_numpy(float)
    t, yt = card["latest_year"].to_numpy(float, na_value=np.nan), card["latest_value"].to_numpy(float)
    T, ys = card["target_year"].to_numpy(float), card["target_value"].to_numpy(float)
    d = card["direction"].map(SIGN).to_numpy(float)
    cum = card["measure"].eq("cumulative").to_numpy()
    # one definition for "about" targets: growth, distance and "met" all go to the band edge (D5)
    edge = band_edge(ys, card["relation"], card["direction"], tolerance)
    a0 = card["achieved_from"].to_numpy(float, na_value=np.nan)
    prior = ~np.isnan(a0)
    g_r = np.where(cum, np.nan, annual_growth(yb, edge, T - b))
    g_a = np.where(cum, np.nan, np.where(prior, annual_growth(card["_from_value"], yb, b - a0),
                                         annual_growth(yb, yt, t - b)))
    flat = np.abs(g_r) < FLAT  # target equals baseline: R is undefined (D10)
    with np.errstate(all="ignore"):
        ratio = np.where(np.isnan(g_a) | np.isnan(g_r) | flat, np.nan, d * g_a / np.abs(g_r)) + 0.0
        covered = (yt - yb) / (edge - yb)
        y_hat = np.where(prior, yb, yt) * (1 + g_a) ** (T - np.where(prior, b, t))
        unsd = np.where(flat, np.nan, d * (y_hat - yb) / np.abs(edge - yb))
        period = (card["period_end"] - card["period_start"] + 1).to_numpy(float, na_value=np.nan)
        prorated = yt / (ys * card["n_points"].to_numpy(float) / period)
    card["required_growth"], card["actual_growth"], card["growth_ratio"] = g_r, g_a, ratio
    card["distance_covered"] = np.where(cum, yt / ys, np.where(flat | prior, np.nan, covered))
    card["score"] = np.where(cum, prorated, ratio if method == "growth_ratio" else unsd)
    card["method"] = np.where(cum, "prorated", method)
    card["_flat"] = flat

    met = _meets(card, yt, tolerance)
    score = card["score"].to_numpy(float)
    hi, mid, lo = (x - EPS for x in thresholds)
    card["status"] = np.select(
        [met, flat & ~np.isnan(yt) & ~prior, np.isnan(score), score >= hi, score >= mid, score >= lo],
        ["achieved", "deterioration", "insufficient_data", "on_track", "needs_acceleration", "limited_progress"],
        "deterioration")
    card["one_year"] = ~cum & ~prior & (card["n_points"].to_numpy() == 2) & (t - b == 1)  # D15
    return card


def _meets(card, value, tolerance):
    """Target met by ``value``; a lower bound ("超过X") that reaches the target meets it (D7)."""
    relation, direction = card["relation"], card["direction"]
    met = meets_target(value, card["target_value"], relation, direction, tolerance)
    edge = band_edge(card["target_value"], relation, direction, tolerance)
    gap = np.where(direction == "decrease", -1.0, 1.0) * (value - edge)
    bound = card["latest_lower_bound"].to_numpy(bool) & (gap >= -EPS * np.maximum(1.0, np.abs(edge)))
    return met | bound


def _final_verdict(card, tolerance):
    """Final and provisional verdicts where the target year has a value (or the period its total)."""
    t = card["latest_year"].to_numpy(float, na_value=np.nan)
    T, yt, ys = card["target_year"].to_numpy(float), card["latest_value"].to_numpy(float), \
        card["target_value"].to_numpy(float)
    cum = card["measure"].eq("cumulative").to_numpy()
    period = (card["period_end"] - card["period_start"] + 1).to_numpy(float, na_value=np.nan)
    complete = cum & (t == card["period_end"].to_numpy(float)) & (card["n_points"].to_numpy() == period)
    met = _meets(card, yt, tolerance)
    # a partial total that already meets the target is final: yearly flows only add (cumulative)
    in_year = np.where(cum, complete | (met & (t >= card["period_start"].to_numpy(float))), t == T)
    lower = card["latest_lower_bound"].to_numpy(bool)
    edge = band_edge(ys, card["relation"], card["direction"], tolerance)
    half = _half_unit(yt)
    strict = card["relation"].eq("gt").to_numpy()
    # "突破3.4%" against a published 3.4: exceeding is neither confirmed nor ruled out
    precision = ~met & ~lower & (np.abs(yt - edge) <= half + EPS * np.maximum(1.0, np.abs(edge))) \
        & (strict | (np.abs(yt - edge) > EPS * np.maximum(1.0, np.abs(edge))))
    final = np.select([met, precision, lower], ["achieved", "met_at_precision", "insufficient_data"],
                      "not_achieved")
    # a value without a status (a user's table without the column) is taken as final
    status_ok = np.where(cum, ~card["_flows_provisional"].to_numpy(bool),
                         card["latest_status"].isin(_FINAL_DATA).to_numpy() | card["latest_status"].isna().to_numpy())
    basis = np.where(~in_year, "nowcast", np.where(status_ok & (final != "insufficient_data"), "final",
                                                   "provisional"))
    card["status"] = np.where(in_year, final, card["status"])
    card["verdict_basis"] = basis
    return card


def _half_unit(values):
    """Half of the last published decimal place of each value (0.05 for 3.4, 0.5 for 60)."""
    values = np.asarray(values, dtype=float)
    decimals = np.full(values.shape, 6)
    for d in range(6, -1, -1):
        exact = np.abs(np.round(values, d) - values) < 1e-9 * np.maximum(1.0, np.abs(values))
        decimals = np.where(exact, d, decimals)
    return 0.5 * 10.0 ** -decimals


STALE_YEARS = 3  # a last value older than this (before the target year or the newest data) is stale
_P_TEXT = {
    "en": {"trend": "calibrated projection of the {a}–{b} trend", "settled": "the {t} value is published: the verdict rests on it",
           "few": "only {n} data points: no probability given",
           "stale": "latest value from {t}, more than 3 years before {ref}: no probability given",
           "none": "no projection to the target year"},
    "zh": {"trend": "依据{a}—{b}年趋势的校准预测", "settled": "{t}年数值已公布，以其判定",
           "few": "仅有{n}个数据点，不给出达标概率",
           "stale": "最新数据为{t}年，早于{ref}年3年以上，不给出达标概率",
           "none": "无目标年预测"},
}


def _add_projection(card, data, projections, tolerance, level, lang="zh"):
    """Projected value at the target year, its interval and the probability of meeting it.

    ``p_meet`` comes from the calibrated combined projection (a damped drift over the last
    three years, with a conformal band; see ``gzinnov.analysis.calibrate``), on the log
    scale for positive series. It is withheld (NaN, with ``p_meet_note``) for weak series
    (fewer than 4 points) and for a last value more than 3 years before the target year,
    or, for a target year still ahead, before the newest year in the data (or last year,
    if the data stop earlier). A target at the
    indicator's bound ("100%") counts the probability mass the band puts beyond the bound
    as met for ≥ and "about", and as impossible for a strict ">".
    """
    text = _P_TEXT[lang]
    for col in ("projected_value", "projected_low", "projected_high", "p_meet"):
        card[col] = np.nan
    card["p_meet_basis"], card["p_meet_note"] = "", ""
    card["weak"] = card["n_points"] < 4
    if projections is False:
        return _withhold_settled(card, text)
    obs = tidy(data)
    if projections is True:
        from .trajectory import project

        series = card[_KEY].drop_duplicates()
        keep = obs.merge(series, on=_KEY)
        projections = project(keep, until=int(card["target_year"].max()), level=level)
    comb = projections[projections["method"] == "combined"]
    for col, src in (("value_raw", "value"), ("lower_raw", "lower"), ("upper_raw", "upper")):
        if col not in comb:  # a projection table from elsewhere: take it as it is
            comb = comb.assign(**{col: comb[src]})
    cols = ["value_raw", "lower_raw", "upper_raw"]
    rows = card[["_t", *_KEY, "latest_year", "target_year", "period_end"]].merge(comb, on=_KEY)
    cum = rows["period_end"].notna()
    pick = np.where(cum, (rows["year"] > rows["latest_year"]) & (rows["year"] <= rows["period_end"]),
                    rows["year"] == rows["target_year"])
    sums = rows[pick].groupby("_t")[cols].sum(min_count=1)
    info = rows.groupby("_t").agg(weak=("weak", "any"), n=("n_points", "max"), last=("last_year", "max"),
                                  start=("trend_from", "min") if "trend_from" in rows else ("last_year", "min"))
    cumulative = card["measure"].eq("cumulative").to_numpy()
    start = np.where(cumulative, card["latest_value"], 0.0)
    raw = {}
    for col, src in zip(("projected_value", "projected_low", "projected_high"), cols):
        raw[col] = start + card["_t"].map(sums[src]).to_numpy(float)
    bounds = card["indicator_id"].map(lambda i: get_indicator(i).bounds)
    lo = bounds.map(lambda b: np.nan if b[0] is None else float(b[0])).to_numpy(float)
    hi = bounds.map(lambda b: np.nan if b[1] is None else float(b[1])).to_numpy(float)
    clip_lo, clip_hi = np.where(cumulative, np.nan, lo), np.where(cumulative, np.nan, hi)
    for col in raw:
        card[col] = np.clip(raw[col], np.nan_to_num(clip_lo, nan=-np.inf), np.nan_to_num(clip_hi, nan=np.inf))
    card["weak"] = card["_t"].map(info["weak"]).astype("boolean").fillna(True).astype(bool) | card["weak"]
    edge = band_edge(card["target_value"], card["relation"], card["direction"], tolerance)
    p = probability_past(raw["projected_value"], raw["projected_low"], raw["projected_high"], edge,
                         card["direction"], level, log=True)
    card["p_meet"] = _at_bound(p, edge, card["relation"].to_numpy(), card["direction"].to_numpy(), lo, hi,
                               cumulative)
    _withhold(card, obs, info, text)
    return _withhold_settled(card, text)


def _at_bound(p, edge, relation, direction, lo, hi, cumulative):
    """Probability mass at a bound: a target on the bound is met by the mass beyond it, unless strict."""
    bound = np.where(direction == "decrease", lo, hi)
    on_bound = ~cumulative & ~np.isnan(bound) & np.isclose(edge, bound)
    past = ~cumulative & ~np.isnan(bound) & ~on_bound & (np.where(direction == "decrease", -1, 1) * (edge - bound) > 0)
    impossible = past | (on_bound & (relation == "gt"))
    return np.where(impossible & ~np.isnan(p), 0.0, p)


def _withhold(card, obs, info, text):
    """Withhold p_meet for weak or stale series and say why; state the basis of the others."""
    n = card["_t"].map(info["n"]).to_numpy(float)
    last = card["_t"].map(info["last"]).to_numpy(float)
    start = card["_t"].map(info["start"]).to_numpy(float)
    # judged now: the newest year in the data, or last year if the data stop earlier
    newest = max(float(obs["year"].max()) if len(obs) else -np.inf, date.today().year - 1)
    ref = np.fmin(card["target_year"].to_numpy(float), newest)
    few = n < 4
    stale = ~few & (last < ref - STALE_YEARS)
    missing = np.isnan(card["p_meet"].to_numpy(float)) & ~few & ~stale
    note = np.select([few, stale, missing],
                     [[text["few"].format(n=int(v)) if v == v else "" for v in n],
                      [text["stale"].format(t=int(t) if t == t else "", ref=int(r)) if r == r and t == t else ""
                       for t, r in zip(last, ref)],
                      text["none"]], "")
    card["p_meet_note"] = np.where(np.isnan(n), text["none"], note)
    card.loc[few | stale | np.isnan(n), "p_meet"] = np.nan
    ok = ~(few | stale | np.isnan(n)) & ~np.isnan(card["p_meet"].to_numpy(float))
    card["p_meet_basis"] = [text["trend"].format(a=int(a), b=int(b)) if k else ""
                            for a, b, k in zip(np.nan_to_num(start), np.nan_to_num(last), ok)]


def _withhold_settled(card, text):
    """Final and provisional rows show their value; a probability is for nowcasts only."""
    card["weak"] = card["weak"] | card["one_year"]
    done = card["verdict_basis"].ne("nowcast").to_numpy()
    latest = card["latest_value"].to_numpy(float)
    for col in ("projected_value", "projected_low", "projected_high"):
        card[col] = np.where(done, latest, card[col].to_numpy(float))
    card["p_meet"] = np.where(done, np.nan, card["p_meet"].to_numpy(float))
    card["p_meet_basis"] = np.where(done, "", card["p_meet_basis"].to_numpy(object))
    notes, years = card["p_meet_note"].to_numpy(object).copy(), card["latest_year"].to_numpy(object)
    said = {}  # one note per distinct year
    for i in np.flatnonzero(done):
        notes[i] = said.get(years[i]) or said.setdefault(years[i], text["settled"].format(t=years[i]))
    card["p_meet_note"] = notes
    return card


def _show_cumulative_baseline(card):
    """A cumulative target has no baseline value: it counts from the start of its period (D9)."""
    cum = card["measure"].eq("cumulative")
    card["baseline_value"] = card["baseline_value"].where(~cum)
    card["baseline_year"] = card["baseline_year"].astype("Int64").where(~cum, pd.NA)
    return card


def plan_headline(card, lang="zh", plan=None):
    """Return the plan's headline: how many targets are achieved, missed, not yet published.

    Parameters
    ----------
    card : DataFrame
        A scorecard (``gz.scorecard``).
    lang : {"zh", "en"}
    plan : str, optional
        Count only this plan's rows. When None and the card holds several plans, one
        sentence per plan, each opening with the plan's title.

    Returns
    -------
    str
        e.g. "12项目标中：已实现5项，未实现1项，尚未公布5项。" or "Of 12 targets: 5 achieved,
        1 not achieved, 5 not yet published."
    """
    if plan is not None:
        card = card[card["plan_id"] == plan]
    plans = list(dict.fromkeys(card["plan_id"])) if "plan_id" in card else [""]
    parts = []
    for pid in plans:
        rows = card[card["plan_id"] == pid] if "plan_id" in card else card
        settled = rows["verdict_basis"].ne("nowcast")
        counts = {s: int((settled & rows["status"].eq(s)).sum()) for s in ("achieved", "not_achieved",
                                                                          "met_at_precision")}
        counts.update(total=len(rows), pending=int((~settled | rows["status"].eq("insufficient_data")).sum()),
                      provisional=int((rows["verdict_basis"] == "provisional").sum()))
        parts.append(headline_text(counts, pid if len(plans) > 1 else "", lang))
    return ("" if lang == "zh" else " ").join(parts)
