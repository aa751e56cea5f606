"""Rolling-origin backtests: each method's historical error on the real series.

For every observed year k of a series, each method is fitted on the values up to k and
forecasts the observed years k+1 … k+horizon; the errors are pooled per series and
method. The same errors give the weights with which ``gz.project`` combines the methods.
"""

__all__ = ["backtest", "method_errors", "method_weights", "MIN_POINTS", "MIN_TRAIN", "ERROR_FLOOR"]

import numpy as np
import pandas as pd

from .forecast import CLOSED_FORM, forecast
from .panel import select, to_panel

MIN_POINTS = 6   # a series needs this many points before its backtest drives the weights
MIN_TRAIN = 4    # points in the training window at each origin
ERROR_FLOOR = 0.5  # percent; keeps one lucky method from taking all the weight
ERROR_COLUMNS = ["indicator_id", "city", "method", "n_points", "n_forecasts", "mape", "rmspe", "bias",
                 "coverage"]


def method_errors(panel, methods, *, horizon=5, level=0.8, min_train=MIN_TRAIN):
    """Return the pooled backtest errors of every series of ``panel`` and every method.

    One row per series and method: ``n_forecasts``; ``mape``, the mean absolute
    percentage error (in %); ``rmspe``, the root mean squared percentage error (in %);
    ``bias``, the mean signed percentage error (in %, positive when forecasts run high);
    ``coverage``, the share of outcomes inside the interval.
    """
    n_series = len(panel.keys)
    acc = {m: np.zeros((5, n_series)) for m in methods}  # count, |pe|, pe², pe, inside
    seen = ~np.isnan(panel.values)
    for col, origin in enumerate(panel.years[:-1]):
        train = panel.upto(origin)
        ahead = seen & (panel.years > origin) & (panel.years <= origin + horizon)
        # origins are each series' own observed years, so the result never depends on other series
        use = seen[:, col] & (train.n_points >= min_train) & ahead.any(axis=1)
        if not use.any():
            continue
        ahead &= use[:, None]
        actual = panel.values
        for method, (point, lower, upper) in forecast(train, panel.years, methods, level).items():
            ok = ahead & ~np.isnan(point) & (actual != 0)
            with np.errstate(all="ignore"):
                pe = np.where(ok, (point - actual) / np.abs(actual) * 100, 0.0)
            inside = ok & (actual >= lower) & (actual <= upper)
            acc[method] += [ok.sum(axis=1), np.abs(pe).sum(axis=1), (pe ** 2).sum(axis=1), pe.sum(axis=1),
                            inside.sum(axis=1)]
    frames = []
    for method, (count, ape, spe, pe, inside) in acc.items():
        with np.errstate(all="ignore"):
            frames.append(panel.keys.assign(method=method, n_points=panel.n_points, n_forecasts=count.astype(int),
                                            mape=ape / count, rmspe=np.sqrt(spe / count), bias=pe / count,
                                            coverage=inside / count))
    return pd.concat(frames, ignore_index=True)[ERROR_COLUMNS]


def method_weights(errors, min_points=MIN_POINTS, min_forecasts=3):
    """Return each series' combination weight per method (rows sum to 1 where defined).

    A series with at least ``min_points`` points, where some method has at least
    ``min_forecasts`` backtest forecasts, weights each method by the inverse of its mean
    squared percentage error, ``1 / max(RMSPE, 0.5%)²`` (inverse-MSE weights); a method
    without such a backtest gets the median RMSPE of the others. Every other series
    weights its methods equally.
    """
    err = errors.copy()
    valid = err["n_forecasts"] >= min_forecasts
    err["used"] = err["rmspe"].where(valid).clip(lower=ERROR_FLOOR)
    median = err.groupby(["indicator_id", "city"])["used"].transform("median")
    scored = median.notna() & (err["n_points"] >= min_points)
    err["raw"] = np.where(scored, 1.0 / err["used"].fillna(median) ** 2, 1.0)
    return err[["indicator_id", "city", "method", "raw"]].rename(columns={"raw": "weight"})


def backtest(data=None, *, indicator=None, city="Guangzhou", methods=None, min_points=MIN_POINTS,
             horizon=5, level=0.8):
    """Return each method's rolling-origin forecast error on every long-enough series.

    Parameters
    ----------
    data : DataFrame, optional
        Tidy observations; the packaged data when None.
    indicator : str or list of str, optional
        Indicator ids; all when None.
    city : str or list of str, optional
        City names (English, as in the data); all cities when None.
    methods : list of str, optional
        From ``linear, loglinear, endpoint, logit, ets``; the closed-form four when None.
    min_points : int
        Only series with at least this many points are backtested.
    horizon : int
        Forecast this many years ahead of each origin.
    level : float
        Coverage of the prediction intervals whose hit rate is reported.

    Returns
    -------
    DataFrame
        One row per series and method: ``indicator_id, city, method, n_points,
        n_forecasts, mape, rmspe, bias, coverage, weight``. Errors are in percent;
        ``weight`` is the method's inverse-MSE backtest weight. ``method == "combined"``
        is the calibrated combined projection (its band calibrated on the packaged data,
        so in sample there; ``weight`` empty).
    """
    from ..names import check_data, known_cities, resolve_cities, resolve_indicators

    check_data(data)
    indicator, city = resolve_indicators(indicator), resolve_cities(city, known=known_cities(data))
    panel = to_panel(select(data, indicator, city))
    keep = panel.n_points >= min_points
    if not keep.any():
        return pd.DataFrame(columns=ERROR_COLUMNS + ["weight"])
    panel = panel.take(keep)
    errors = method_errors(panel, list(methods or CLOSED_FORM), horizon=horizon, level=level)
    errors = errors[errors["n_forecasts"] > 0]
    weights = method_weights(errors, min_points=min_points)
    out = errors.merge(weights, on=["indicator_id", "city", "method"], how="left")
    out["weight"] = out["weight"] / out.groupby(["indicator_id", "city"])["weight"].transform("sum")
    out = pd.concat([out, combined_errors(panel, horizon=horizon)], ignore_index=True)
    return out.sort_values(["indicator_id", "city", "mape"]).reset_index(drop=True)


def combined_errors(panel, *, horizon=5):
    """Backtest errors of the calibrated combined projection, one row per series (``method="combined"``).

    The band uses the calibration from the packaged data (``gzinnov.analysis.calibrate``),
    so on the packaged series it is in sample; ``calibrate.coverage_table`` gives the
    out-of-sample figures. ``weight`` is empty.
    """
    from .calibrate import calibration, rolling_scores
    from .forecast import from_scale

    scores = rolling_scores(panel, horizon=horizon)
    if scores.empty:
        return pd.DataFrame(columns=ERROR_COLUMNS + ["weight"])
    q = calibration()["quantiles"]
    k = np.minimum(scores["h"].to_numpy(), len(q))
    logged = scores["logged"].to_numpy(bool)
    point = from_scale(scores[["path"]].to_numpy(float), logged)[:, 0]
    actual = from_scale(scores[["z"]].to_numpy(float), logged)[:, 0]
    pe = (point - actual) / np.abs(actual) * 100
    inside = (scores["u"] >= q["q_low"].to_numpy()[k - 1]) & (scores["u"] <= q["q_high"].to_numpy()[k - 1])
    frame = scores.assign(pe=pe, ape=np.abs(pe), spe=pe ** 2, inside=inside)
    out = frame.groupby(["row", "indicator_id", "city"], sort=False).agg(
        n_forecasts=("pe", "size"), mape=("ape", "mean"), rmspe=("spe", "mean"), bias=("pe", "mean"),
        coverage=("inside", "mean")).reset_index()
    out["rmspe"] = np.sqrt(out["rmspe"])
    out["n_points"] = panel.n_points[out["row"]]
    return out.assign(method="combined", weight=np.nan)[ERROR_COLUMNS + ["weight"]]
