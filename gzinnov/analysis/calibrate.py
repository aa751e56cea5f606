"""Calibrate the combined projection band on the package's own rolling-origin errors.

The combined projection (``method == "combined"`` in ``gz.project``) is a damped drift
from the last observation (:func:`gzinnov.analysis.forecast.damped_drift`). Its band is
*split-conformal*: every rolling-origin forecast of the packaged series gives a
standardised error ``u = (z_actual − path) / (sigma · scale)`` on the model scale (logs
for positive series), and the 10%, 50% and 90% quantiles of ``u`` (one year ahead, and
pooled over two to five years ahead) set the
band around the damped path, which is the median (the damping is chosen so that about
half of the outcomes lie above it). The quantiles are computed once per process from the packaged
data. Coverage is measured leaving each series out of its own calibration, so the figures
are out of sample.
"""

__all__ = ["calibration", "combined_band", "rolling_scores", "coverage_table", "reliability",
           "simulate", "render_coverage", "WINDOW", "DAMPING", "HORIZON", "MIN_TRAIN", "WEAK_BELOW"]

from functools import lru_cache

import numpy as np
import pandas as pd

from .forecast import damped_drift, from_scale, model_scale

WINDOW = 3          # years of recent change behind the drift
DAMPING = 0.85      # phi of the damped drift
WEAK_DAMPING = 0.7  # a weak series keeps less of its drift (conservative: it runs low)
WEAK_BELOW = 4      # fewer points than this: a weak, conservative projection
WEAK_WIDEN = 1.1    # a weak series' band is this much wider than a calibrated one
HORIZON = 5         # calibrate horizons 1…5; further horizons use the quantiles of 5
MIN_TRAIN = 4       # points up to the origin for a forecast to enter the calibration
SIGMA_FLOOR = 0.005  # smallest spread of yearly log changes (0.5%)
PROBS = (0.1, 0.5, 0.9)
LEVEL = 0.8


def rolling_scores(panel, *, horizon=HORIZON, min_train=MIN_TRAIN, window=WINDOW, damping=DAMPING,
                   prior=None):
    """Return every rolling-origin forecast of ``panel`` with its standardised error.

    For each series and each of its observed years ``k`` with at least ``min_train``
    points up to ``k``, the damped drift fitted on those points forecasts the observed
    years ``k+1 … k+horizon``. One row per forecast: ``row`` (the series), keys,
    ``origin``, ``year``, ``h``, ``n_train``, ``logged`` (logs or levels), ``z`` (the
    outcome on the model scale), ``z_last``, ``path``, ``spread`` (``sigma · scale``),
    ``u = (z − path) / spread``, and the textbook random walk with drift on the whole
    training window (``rw_mean``, ``rw_sd``). With ``prior`` given, weak origins get the
    weak rules (damping, prior spread) of :func:`combined_band`.
    """
    z_all, logged = model_scale(panel.values)
    seen = ~np.isnan(panel.values)
    frames = []
    for col, origin in enumerate(panel.years[:-1]):
        train = panel.upto(origin)
        n_train = train.n_points
        ahead = seen & (panel.years > origin) & (panel.years <= origin + horizon)
        use = seen[:, col] & (n_train >= min_train) & ahead.any(axis=1)
        if not use.any():
            continue
        x_years = (panel.years - 2020).astype(float)
        phi = damping if prior is None else np.where(n_train < WEAK_BELOW, WEAK_DAMPING, damping)
        fit = damped_drift(train, x_years, window=window, damping=phi)
        sigma = _sigma(fit["sigma"], n_train, prior)
        walk = damped_drift(train, x_years, window=np.inf, damping=1.0)  # textbook random walk with drift
        rows, cols = np.nonzero(ahead & use[:, None])
        h = fit["h"][rows, cols]
        frames.append(pd.DataFrame({
            "row": rows, "origin": origin, "year": panel.years[cols], "h": h.astype(int),
            "n_train": n_train[rows], "logged": logged[rows], "z": z_all[rows, cols], "z_last": z_all[rows, col],
            "path": fit["path"][rows, cols], "spread": sigma[rows] * fit["scale"][rows, cols],
            "rw_mean": walk["path"][rows, cols],
            "rw_sd": np.fmax(np.nan_to_num(walk["sigma"][rows], nan=np.inf), SIGMA_FLOOR)
            * np.sqrt(h * (1 + h / np.maximum(n_train[rows] - 1, 1)))}))
    if not frames:
        return pd.DataFrame(columns=["row", "indicator_id", "city", "origin", "year", "h", "n_train", "z",
                                     "z_last", "path", "spread", "u", "rw_mean", "rw_sd"])
    out = pd.concat(frames, ignore_index=True)
    out = out[np.isfinite(out["path"]) & np.isfinite(out["spread"]) & (out["spread"] > 0)]
    out["u"] = (out["z"] - out["path"]) / out["spread"]
    keys = panel.keys.iloc[out["row"]].reset_index(drop=True)
    return pd.concat([keys, out.reset_index(drop=True)], axis=1)


def _sigma(sigma, n_points, prior):
    """The spread used: at least the floor; for weak series at least the prior."""
    sigma = np.fmax(np.asarray(sigma, dtype=float), SIGMA_FLOOR)
    if prior is None:
        return sigma
    weak = (np.asarray(n_points) < WEAK_BELOW) | np.isnan(sigma)
    return np.where(weak, np.fmax(np.nan_to_num(sigma, nan=prior), prior), sigma)


HORIZON_GROUPS = ((1,), (2, 3, 4, 5))  # one year ahead, and further


def score_quantiles(scores):
    """Return the 10%, 50% and 90% quantiles of ``u`` one year ahead and pooled beyond.

    The standardisation by ``sigma · sqrt(h · (1 + h / span))`` already grows the band
    with the horizon; pooling horizons 2 to 5 keeps the few long-horizon forecasts from
    setting their own quantiles. One row per horizon 1…HORIZON.
    """
    h = np.minimum(scores["h"].to_numpy(), HORIZON)
    u = scores["u"].to_numpy(float)
    table = np.full((HORIZON, 3), np.nan)
    for group in HORIZON_GROUPS:
        pick = u[np.isin(h, group)]
        if len(pick):
            table[np.array(group) - 1] = np.quantile(pick, PROBS)
    table = pd.DataFrame(table, columns=["q_low", "q_mid", "q_high"], index=pd.RangeIndex(1, HORIZON + 1, name="h"))
    return table.ffill().bfill()


@lru_cache(maxsize=1)
def calibration():
    """Return the calibration from the packaged data: quantiles by horizon and the prior spread.

    ``quantiles`` is a DataFrame (index ``h``, columns ``q_low, q_mid, q_high``); ``prior``
    is the 75th percentile of the spread of yearly log changes over the packaged series
    with at least 4 points, used for weak series; ``n_forecasts`` and ``n_series`` count
    what the quantiles rest on.
    """
    from .panel import select, to_panel

    panel = to_panel(select())
    sigma = damped_drift(panel, np.array([0.0]), window=WINDOW, damping=DAMPING)["sigma"]
    prior = float(np.nanquantile(np.fmax(sigma[panel.n_points >= WEAK_BELOW], SIGMA_FLOOR), 0.75))
    scores = rolling_scores(panel)
    return {"quantiles": score_quantiles(scores), "prior": prior, "n_forecasts": len(scores),
            "n_series": scores["row"].nunique(), "scores": scores, "panel": panel}


def combined_band(panel, years_out, level=LEVEL, table=None):
    """Return the combined projection of every series of ``panel`` at ``years_out``.

    Returns ``(median, lower, upper)`` in the series' units, unclipped, each of shape
    (series, len(years_out)), and the fit of :func:`damped_drift` (with ``weak``).
    Weak series (fewer than 4 points) keep less of their drift (damping 0.7), use at
    least the prior spread and get a band 1.1 times wider.
    """
    cal = calibration()
    table = cal["quantiles"] if table is None else table
    n = panel.n_points
    weak = n < WEAK_BELOW
    x_out = (np.asarray(years_out) - 2020).astype(float)
    fit = damped_drift(panel, x_out, window=WINDOW, damping=np.where(weak, WEAK_DAMPING, DAMPING))
    sigma = _sigma(fit["sigma"], n, cal["prior"])
    q = _quantiles_at(table, fit["h"], level)
    widen = np.where(weak, WEAK_WIDEN, 1.0)[:, None]
    spread = sigma[:, None] * fit["scale"] * widen
    mid = fit["path"]
    low, high = mid + q[0] * spread, mid + q[2] * spread
    fit["weak"] = weak
    return tuple(from_scale(a, fit["logged"]) for a in (mid, low, high)) + (fit,)


def _quantiles_at(table, h, level):
    """Quantiles of ``u`` at each horizon, moved to ``level`` as by a two-piece normal about 0."""
    from scipy.special import ndtri

    k = np.clip(np.nan_to_num(h, nan=1), 1, HORIZON).astype(int) - 1
    q = table[["q_low", "q_mid", "q_high"]].to_numpy(float)[k]  # (..., 3)
    stretch = ndtri((1 + level) / 2) / ndtri((1 + LEVEL) / 2)
    return q[..., 0] * stretch, q[..., 1], q[..., 2] * stretch


def leave_one_out(scores):
    """Return ``scores`` with the quantiles each forecast gets when its own series is left out."""
    out = []
    for row, part in scores.groupby("row"):
        q = score_quantiles(scores[scores["row"] != row])
        k = np.minimum(part["h"].to_numpy(), HORIZON)
        out.append(part.assign(**{c: q[c].reindex(k).to_numpy() for c in q.columns}))
    return pd.concat(out).sort_index() if out else scores.assign(q_low=[], q_mid=[], q_high=[])


def coverage_table(scores=None):
    """Return the out-of-sample coverage of the combined 80% band on the packaged data.

    Rows: all forecasts from origins with at least 4 points, Guangzhou, the peers, each
    horizon, the weak origins (2–3 points, with the weak rules), and all origins with at
    least 3 points (the set of the 2026 methods review). Columns: ``forecasts``,
    ``series``, ``covered``, ``below``, ``above`` (shares of outcomes inside, below and
    above the band) and ``above_median``. Each forecast's band is calibrated on the other
    series only (leave one series out).
    """
    scores = leave_one_out(calibration()["scores"] if scores is None else scores)
    scores = scores.assign(inside=(scores["u"] >= scores["q_low"]) & (scores["u"] <= scores["q_high"]),
                           low=scores["u"] < scores["q_low"], high=scores["u"] > scores["q_high"],
                           up=scores["u"] > 0)
    groups = [("all cities", scores), ("Guangzhou", scores[scores["city"] == "Guangzhou"]),
              ("peer cities", scores[scores["city"] != "Guangzhou"])]
    groups += [(f"horizon {h}" + ("+" if h == HORIZON else ""), scores[np.minimum(scores["h"], HORIZON) == h])
               for h in range(1, HORIZON + 1)]
    weak = _weak_scores()
    groups.append(("weak (2–3 points)", weak))
    cols = ["row", "inside", "low", "high", "up"]
    groups.append(("3 or more points", pd.concat([scores[cols], weak.loc[weak["n_train"] >= 3, cols]])))
    rows = [{"set": name, "forecasts": len(g), "series": g["row"].nunique(), "covered": g["inside"].mean(),
             "below": g["low"].mean(), "above": g["high"].mean(), "above_median": g["up"].mean()}
            for name, g in groups if len(g)]
    return pd.DataFrame(rows)


def _weak_scores():
    """Forecasts from origins with 2 or 3 points, with the weak rules (not used to calibrate)."""
    cal = calibration()
    scores = rolling_scores(cal["panel"], min_train=2, prior=cal["prior"])
    scores = scores[scores["n_train"] < WEAK_BELOW]
    q = cal["quantiles"].reindex(np.minimum(scores["h"], HORIZON).to_numpy())
    low, high = q["q_low"].to_numpy() * WEAK_WIDEN, q["q_high"].to_numpy() * WEAK_WIDEN
    u = scores["u"].to_numpy()
    return scores.assign(inside=(u >= low) & (u <= high), low=u < low, high=u > high, up=u > 0)


def _two_piece(mid, low, high, threshold, level=LEVEL):
    """P(outcome > threshold) under the two-piece normal through (low, mid, high)."""
    from scipy.special import ndtr, ndtri

    z = ndtri((1 + level) / 2)
    spread = np.where(threshold >= mid, high - mid, mid - low) / z
    with np.errstate(all="ignore"):
        return 1 - ndtr(np.where(spread > 0, (threshold - mid) / spread, np.sign(threshold - mid) * np.inf))


GROWTH_GRID = (-0.02, 0.0, 0.02, 0.05, 0.10)  # backtest targets: growth a year from the origin


def reliability(scores=None, bins=(0, 0.05, 0.2, 0.4, 0.6, 0.8, 0.95, 1.0)):
    """Return the Brier scores and a reliability table of the target probabilities.

    Every backtest forecast is asked whether the outcome exceeds the origin value grown
    at -2%, 0, 2%, 5% and 10% a year. The calibrated combined band (leave one series out)
    and the textbook random walk with drift on logs (normal interval
    ``sigma · sqrt(h · (1 + h / (n − 1)))``) each give a probability.

    Returns
    -------
    (DataFrame, DataFrame)
        Brier scores per model (with the base rate), and the reliability table of the
        combined band: per probability bin, the share of questions, mean probability and
        observed frequency.
    """
    scores = leave_one_out(calibration()["scores"] if scores is None else scores)
    frames = []
    for g in GROWTH_GRID:
        thr = scores["z_last"] + scores["h"] * np.log1p(g)
        s = scores["spread"]
        p = _two_piece(scores["path"], scores["path"] + scores["q_low"] * s,
                       scores["path"] + scores["q_high"] * s, thr)
        from scipy.special import ndtr

        p_rw = 1 - ndtr((thr - scores["rw_mean"]) / scores["rw_sd"])
        frames.append(pd.DataFrame({"p": p, "p_rw": p_rw, "event": (scores["z"] > thr).astype(float)}))
    q = pd.concat(frames, ignore_index=True)
    base = q["event"].mean()
    brier = pd.DataFrame([
        {"model": "calibrated combined band", "brier": ((q["p"] - q["event"]) ** 2).mean()},
        {"model": "random walk with drift (textbook)", "brier": ((q["p_rw"] - q["event"]) ** 2).mean()},
        {"model": "base rate", "brier": ((base - q["event"]) ** 2).mean()},
    ]).assign(questions=len(q))
    cut = pd.cut(q["p"], list(bins), include_lowest=True)
    table = q.groupby(cut, observed=True).agg(share=("p", "size"), mean_p=("p", "mean"),
                                              observed=("event", "mean"))
    table["share"] = table["share"] / len(q)
    return brier, table.reset_index().rename(columns={"p": "bin"})


DGPS = ("trend", "rwdrift", "ar1", "slowdown")


def simulate(dgp, n_series=2000, *, seed=0, fit=(5, 10), ahead=5):
    """Return short simulated series like the packaged ones, as (panel, n_fit).

    ``ln y`` follows one of four processes with trend growth ``g ~ U(2%, 15%)`` and noise
    ``sd`` log-uniform on 1.5%–12%: ``trend`` (a line plus independent noise),
    ``rwdrift`` (a random walk with drift), ``ar1`` (a line plus AR(1) noise, rho 0.7)
    and ``slowdown`` (growth ``g0 · phi^t``, ``g0 ~ U(8%, 35%)``, ``phi ~ U(0.6, 0.85)``,
    plus random-walk noise). Each series has ``n_fit`` points (uniform on ``fit``) to fit
    on, then ``ahead`` years to forecast, on the years from 2010. The indicator id is
    ``gdp`` (positive, unbounded); cities are ``sim0``, ``sim1``, …
    """
    from .panel import Panel

    if dgp not in DGPS:
        raise ValueError(f"dgp must be one of {DGPS}, not {dgp!r}")
    rng = np.random.default_rng(seed)
    n_fit = rng.integers(fit[0], fit[1] + 1, n_series)
    width = fit[1] + ahead
    t = np.arange(width)[None, :]
    g = rng.uniform(0.02, 0.15, (n_series, 1))
    sd = np.exp(rng.uniform(np.log(0.015), np.log(0.12), (n_series, 1)))
    e = rng.normal(size=(n_series, width)) * sd
    if dgp == "trend":
        z = g * t + e
    elif dgp == "rwdrift":
        z = np.cumsum(g + e, axis=1)
    elif dgp == "ar1":
        u = np.zeros_like(e)
        u[:, 0] = e[:, 0] / np.sqrt(1 - 0.49)
        for j in range(1, width):
            u[:, j] = 0.7 * u[:, j - 1] + e[:, j]
        z = g * t + u
    else:
        g0 = rng.uniform(0.08, 0.35, (n_series, 1))
        phi = rng.uniform(0.6, 0.85, (n_series, 1))
        z = np.cumsum(g0 * phi ** t + e, axis=1)
    values = np.where(t < (n_fit + ahead)[:, None], 100 * np.exp(z), np.nan)
    keys = pd.DataFrame({"indicator_id": "gdp", "city": [f"sim{i}" for i in range(n_series)]})
    nan = np.full(n_series, np.nan)
    return Panel(keys, 2010 + np.arange(width), values, np.zeros(n_series), nan), n_fit


def simulated_coverage(dgps=DGPS, n_series=2000, *, seed=0, horizons=(1, 2, 3, 4, 5)):
    """Return the coverage of the combined 80% band on simulated series, per process.

    The band uses the calibration from the packaged data unchanged (the simulated series
    play no part in it). Columns: ``dgp``, ``forecasts``, ``covered``, ``below``,
    ``above``, ``above_median``.
    """
    rows = []
    for k, dgp in enumerate(dgps):
        panel, n_fit = simulate(dgp, n_series, seed=seed + k)
        years = panel.years
        fit_end = years[0] + n_fit - 1
        train = np.where(years[None, :] <= fit_end[:, None], panel.values, np.nan)
        from .panel import Panel

        tp = Panel(panel.keys, years, train, panel.lo, panel.hi)
        mid, low, high, _ = combined_band(tp, years)
        h = years[None, :] - fit_end[:, None]
        pick = np.isin(h, horizons) & ~np.isnan(panel.values)
        y = panel.values[pick]
        rows.append({"dgp": dgp, "forecasts": int(pick.sum()), "covered": np.mean((y >= low[pick]) & (y <= high[pick])),
                     "below": np.mean(y < low[pick]), "above": np.mean(y > high[pick]),
                     "above_median": np.mean(y > mid[pick])})
    out = pd.DataFrame(rows)
    total = out["forecasts"].sum()
    pooled = {c: (out[c] * out["forecasts"]).sum() / total for c in ("covered", "below", "above", "above_median")}
    return pd.concat([out, pd.DataFrame([{"dgp": "pooled", "forecasts": total, **pooled}])], ignore_index=True)


def _pct(x):
    return "—" if x != x else f"{x:.0%}"


def render_coverage():
    """Return the Markdown tables of the calibration, as ``docs/methods.md`` shows them."""
    cal = calibration()
    cov = coverage_table()
    brier, rel = reliability()
    sim = simulated_coverage(n_series=500, seed=0)
    q = cal["quantiles"]
    lines = [f"Rolling-origin forecasts of the packaged data: {cal['n_forecasts']} forecasts from "
             f"{cal['n_series']} series (origins with at least {MIN_TRAIN} points, horizons 1–{HORIZON}). "
             f"Quantiles of u: one year ahead {q.loc[1, 'q_low']:.2f} / {q.loc[1, 'q_high']:.2f}, two to five "
             f"years ahead {q.loc[2, 'q_low']:.2f} / {q.loc[2, 'q_high']:.2f}; prior spread for weak "
             f"series {cal['prior']:.3f}.", "",
             "| set | forecasts | series | covered | below band | above band | above median |",
             "|---|---|---|---|---|---|---|"]
    lines += [f"| {r.set} | {r.forecasts} | {r.series} | {_pct(r.covered)} | {_pct(r.below)} | {_pct(r.above)} | "
              f"{_pct(r.above_median)} |" for r in cov.itertuples()]
    lines += ["", "| model | Brier score |", "|---|---|"]
    lines += [f"| {r.model} | {r.brier:.3f} |" for r in brier.itertuples()]
    lines += ["", f"Reliability of the combined band's probabilities ({int(brier['questions'].iloc[0])} questions):",
              "", "| probability | share | mean probability | observed |", "|---|---|---|---|"]
    lines += [f"| {max(r.bin.left, 0):.0%}–{r.bin.right:.0%} | {_pct(r.share)} | {r.mean_p:.2f} | {r.observed:.2f} |"
              for r in rel.itertuples()]
    lines += ["", "Simulated series (500 per process, 5–10 points, horizons 1–5; packaged calibration unchanged):",
              "", "| process | forecasts | covered | below band | above band | above median |", "|---|---|---|---|---|---|"]
    lines += [f"| {r.dgp} | {r.forecasts} | {_pct(r.covered)} | {_pct(r.below)} | {_pct(r.above)} | "
              f"{_pct(r.above_median)} |" for r in sim.itertuples()]
    return "\n".join(lines) + "\n"


def update_document(path):
    """Rewrite the block between ``<!-- coverage:start -->`` and ``<!-- coverage:end -->`` in ``path``."""
    import re
    from pathlib import Path

    path = Path(path)
    text = path.read_text(encoding="utf-8")
    block = "<!-- coverage:start -->\n" + render_coverage() + "<!-- coverage:end -->"
    new, n = re.subn(r"<!-- coverage:start -->\n.*?<!-- coverage:end -->", lambda _: block, text, flags=re.S)
    if not n:
        raise SystemExit(f"{path}: no <!-- coverage:start --> … <!-- coverage:end --> block")
    path.write_text(new, encoding="utf-8")


if __name__ == "__main__":  # python -m gzinnov.analysis.calibrate [--update docs/methods.md]
    import sys

    if len(sys.argv) == 3 and sys.argv[1] == "--update":
        update_document(sys.argv[2])
    else:
        print(render_coverage(), end="")
