"""Forecast many short annual series at once: the methods behind ``gz.project``.

Series come as a :class:`gzinnov.panel.Panel`. Each closed-form method fits all rows in
one pass of numpy; only the damped-trend ETS model is fitted series by series, with
statsmodels. Years are centred on 2020 before fitting. Every method returns a point and a
prediction interval.
"""

__all__ = ["forecast", "damped_drift", "model_scale", "from_scale", "CLOSED_FORM", "METHODS", "ETS_MIN_POINTS"]

import warnings

import numpy as np
import pandas as pd

CENTRE = 2020
CLOSED_FORM = ("linear", "loglinear", "endpoint", "logit")
METHODS = CLOSED_FORM + ("ets",)
ETS_MIN_POINTS = 8  # consecutive annual points needed before ETS is fitted


def forecast(panel, years_out, methods, level=0.8):
    """Forecast every series of ``panel`` at ``years_out`` with each method.

    Returns ``{method: (point, lower, upper)}``, each an array of shape
    (series, len(years_out)), clipped to the indicator's bounds. A method gives NaN for a
    series it cannot fit (too few points, values out of its domain).
    """
    x = (panel.years - CENTRE).astype(float)
    x_out = (np.asarray(years_out) - CENTRE).astype(float)
    y = panel.values
    out = {}
    for method in methods:
        if method == "linear":
            res = _ols(y, x, x_out, level)
        elif method == "loglinear":
            res = tuple(np.exp(a) for a in _ols(_log(y), x, x_out, level))
        elif method == "endpoint":
            res = tuple(np.exp(a) for a in _drift(_log(y), x, x_out, level))
        elif method == "logit":
            res = _logit_fit(panel, x, x_out, level)
        elif method == "ets":
            res = _ets(panel, np.asarray(years_out), level)
        else:
            raise ValueError(f"unknown method {method!r}; choose from {METHODS}")
        out[method] = tuple(np.clip(a, np.nan_to_num(panel.lo, nan=-np.inf)[:, None],
                                    np.nan_to_num(panel.hi, nan=np.inf)[:, None]) for a in res)
    return out


def _t(level, df):
    from scipy.special import stdtrit  # Student t quantile; scipy.stats would cost 1.5 s more to import

    df = np.asarray(df, dtype=float)
    with np.errstate(all="ignore"):
        return np.where(df > 0, stdtrit(np.maximum(df, 1), (1 + level) / 2), np.nan)


def _log(y):
    """Natural log of every row that is positive throughout; NaN rows otherwise."""
    ok = np.all(np.isnan(y) | (y > 0), axis=1)
    with np.errstate(all="ignore"):
        return np.where(ok[:, None], np.log(y), np.nan)


def _ols(z, x, x_out, level):
    """Straight-line OLS per row with the classical prediction interval (Student t)."""
    seen = ~np.isnan(z)
    n = seen.sum(axis=1).astype(float)
    zf = np.where(seen, z, 0.0)
    with np.errstate(all="ignore"):
        x_bar = (seen * x).sum(axis=1) / n
        z_bar = zf.sum(axis=1) / n
        dx = np.where(seen, x - x_bar[:, None], 0.0)
        sxx = (dx ** 2).sum(axis=1)
        slope = (dx * (zf - z_bar[:, None])).sum(axis=1) / sxx
        icpt = z_bar - slope * x_bar
        resid = np.where(seen, z - icpt[:, None] - slope[:, None] * x, 0.0)
        s2 = (resid ** 2).sum(axis=1) / (n - 2)
        point = icpt[:, None] + slope[:, None] * x_out
        se = np.sqrt(s2[:, None] * (1 + 1 / n[:, None] + (x_out - x_bar[:, None]) ** 2 / sxx[:, None]))
    fit = n >= 2
    half = np.where((n > 2)[:, None], _t(level, n - 2)[:, None] * se, np.nan)
    point = np.where(fit[:, None], point, np.nan)
    return point, point - half, point + half


def _previous(seen):
    """Index of the previous observed column for each cell (-1 when none)."""
    idx = np.where(seen, np.arange(seen.shape[1]), -1)
    upto = np.maximum.accumulate(idx, axis=1)
    return np.concatenate([np.full((seen.shape[0], 1), -1), upto[:, :-1]], axis=1)


def _drift(z, x, x_out, level):
    """Endpoint growth: the drift method on logs, with Hyndman's drift interval.

    Drift ``mu = (z_last - z_first) / (x_last - x_first)``; the spread comes from the
    year-on-year changes (a change over a gap of k years counts with variance k·sigma²);
    at horizon h the variance is ``sigma² · h · (1 + h / (x_last - x_first))``.
    """
    seen = ~np.isnan(z)
    rows = np.arange(z.shape[0])
    cols = np.arange(z.shape[1])
    first = np.where(seen.any(axis=1), seen.argmax(axis=1), 0)
    last = z.shape[1] - 1 - seen[:, ::-1].argmax(axis=1)
    span = x[last] - x[first]
    with np.errstate(all="ignore"):
        mu = (z[rows, last] - z[rows, first]) / span
        prev = _previous(seen)
        has_prev = seen & (prev >= 0)
        pz = z[rows[:, None], np.maximum(prev, 0)]
        gap = x[cols][None, :] - x[np.maximum(prev, 0)]
        r2 = np.where(has_prev, (z - pz - gap * mu[:, None]) ** 2 / gap, 0.0)
        k = has_prev.sum(axis=1)
        sigma2 = r2.sum(axis=1) / (k - 1)
        h = x_out[None, :] - x[last][:, None]
        point = z[rows, last][:, None] + h * mu[:, None]
        se = np.sqrt(sigma2[:, None] * h * (1 + h / span[:, None]))
    fit = (k >= 1) & (span > 0)
    half = np.where((k >= 2)[:, None], _t(level, k - 1)[:, None] * se, np.nan)
    point = np.where(fit[:, None], point, np.nan)
    return point, point - half, point + half


NEAR_BOUND = 0.2  # logit is fitted only where a series comes this close (share of the range) to its top


def _logit_fit(panel, x, x_out, level):
    """Linear OLS on the scaled logit ln((y - a)/(b - y)) for series bounded on both sides.

    Far from the upper bound the logit is the log of ``y - a`` and the fit duplicates the
    log-linear one, so it is fitted only where the series comes within ``NEAR_BOUND`` of
    the range below its upper bound.
    """
    a, b = panel.lo[:, None], panel.hi[:, None]
    y = panel.values
    inside = np.all(np.isnan(y) | ((y > a) & (y < b)), axis=1) & ~np.isnan(panel.lo) & ~np.isnan(panel.hi)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        near = np.nanmax(y, axis=1) >= panel.hi - NEAR_BOUND * (panel.hi - panel.lo)
    inside &= near
    with np.errstate(all="ignore"):
        z = np.where(inside[:, None], np.log((y - a) / (b - y)), np.nan)
        return tuple(a + (b - a) / (1 + np.exp(-v)) for v in _ols(z, x, x_out, level))


def _ets(panel, years_out, level):
    """Damped-trend ETS (statsmodels ETSModel, additive errors) on the last unbroken run."""
    shape = (len(panel.keys), len(years_out))
    point, lower, upper = (np.full(shape, np.nan) for _ in range(3))
    seen = ~np.isnan(panel.values)
    for i in np.flatnonzero(seen.sum(axis=1) >= ETS_MIN_POINTS):
        run = _last_run(panel.years[seen[i]])
        if len(run) < ETS_MIN_POINTS:
            continue
        y = pd.Series(panel.values[i, np.isin(panel.years, run)])
        steps = years_out - run[-1]
        if (steps <= 0).all():
            continue
        frame = _ets_fit(y, int(steps.max()), level)
        if frame is None:
            continue
        ok = steps > 0
        pick = steps[ok] - 1
        point[i, ok] = frame["mean"].to_numpy()[pick]
        lower[i, ok] = frame["pi_lower"].to_numpy()[pick]
        upper[i, ok] = frame["pi_upper"].to_numpy()[pick]
    return point, lower, upper


def _last_run(years):
    breaks = np.flatnonzero(np.diff(years) != 1)
    return years[breaks[-1] + 1:] if len(breaks) else years


def _ets_fit(y, steps, level):
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            fit = ETSModel(y, error="add", trend="add", damped_trend=True).fit(disp=False)
            pred = fit.get_prediction(start=len(y), end=len(y) + steps - 1)
            return pred.summary_frame(alpha=1 - level)
        except (ValueError, np.linalg.LinAlgError):
            return None


def model_scale(values):
    """Return the values on the scale the combined projection works on, and which rows use logs.

    Rows that are positive throughout are taken in natural logs; any other row stays in
    levels.
    """
    logged = np.all(np.isnan(values) | (values > 0), axis=1)
    with np.errstate(all="ignore"):
        return np.where(logged[:, None], np.log(values), values), logged


def from_scale(z, logged):
    """Undo :func:`model_scale` (``logged`` is one flag per row)."""
    with np.errstate(all="ignore"):
        return np.where(np.asarray(logged)[:, None], np.exp(z), z)


def damped_drift(panel, x_out, *, window, damping):
    """The path and the spread of the combined projection, on the model scale.

    The drift ``mu`` is the endpoint growth over the last ``window`` years of each series
    (the years ``>= last - window``). From the last observation ``z_last`` the path at
    horizon ``h`` is ``z_last + mu · (phi + phi² + … + phi^h)`` with ``phi = damping``.
    The spread is the drift method's, ``sigma · sqrt(h · (1 + h / span))``, where
    ``sigma²`` pools every year-on-year change of the series around its own mean change
    (a change over a gap of g years counts g times the variance) and ``span`` is the
    length of the drift window. ``damping`` is a number or one per series.

    Returns
    -------
    dict
        ``path`` and ``scale`` (series × len(x_out)); ``h`` (horizon in years);
        ``sigma`` (NaN with fewer than two changes), ``logged``, ``start`` and ``last``
        (the first and last year of the drift window, as offsets from 2020).
    """
    z, logged = model_scale(panel.values)
    x = (panel.years - CENTRE).astype(float)
    seen = ~np.isnan(z)
    rows = np.arange(z.shape[0])
    has = seen.any(axis=1)
    last = np.where(has, z.shape[1] - 1 - seen[:, ::-1].argmax(axis=1), 0)
    prev = _previous(seen)
    before = prev[rows, last]  # the window reaches back at least to the point before the last
    reach_back = np.fmin(x[last] - window, np.where(before >= 0, x[np.maximum(before, 0)], np.inf))
    in_window = seen & (x[None, :] >= reach_back[:, None])
    first = np.where(in_window.any(axis=1), in_window.argmax(axis=1), 0)
    span = x[last] - x[first]
    has_prev = seen & (prev >= 0)
    with np.errstate(all="ignore"):
        mu = np.where(span > 0, (z[rows, last] - z[rows, first]) / span, np.nan)
        gap = np.where(has_prev, x[None, :] - x[np.maximum(prev, 0)], 1.0)
        step = np.where(has_prev, z - z[rows[:, None], np.maximum(prev, 0)], 0.0)
        k = has_prev.sum(axis=1)
        total_gap = np.where(has_prev, gap, 0.0).sum(axis=1)
        mean_step = step.sum(axis=1) / total_gap
        r2 = np.where(has_prev, (step - gap * mean_step[:, None]) ** 2 / gap, 0.0)
        sigma = np.where(k >= 2, np.sqrt(r2.sum(axis=1) / (k - 1)), np.nan)
        h = x_out[None, :] - x[last][:, None]
        # years of drift kept by horizon h: phi + phi² + … + phi^h, per series (phi may differ)
        phi = np.broadcast_to(np.asarray(damping, dtype=float).reshape(-1, 1), (z.shape[0], 1))
        steps = np.arange(1, max(int(np.nanmax(h, initial=0)), 0) + 1)
        cum = np.concatenate([np.zeros((z.shape[0], 1)), np.cumsum(phi ** steps, axis=1)], axis=1)
        reach = np.take_along_axis(cum, np.clip(np.nan_to_num(h), 0, cum.shape[1] - 1).astype(int), axis=1)
        path = z[rows, last][:, None] + mu[:, None] * reach
        scale = np.sqrt(h * (1 + h / np.maximum(span, 1.0)[:, None]))
    path = np.where(has[:, None], path, np.nan)
    return {"path": path, "scale": scale, "h": h, "sigma": sigma, "logged": logged,
            "start": x[first] + CENTRE, "last": x[last] + CENTRE, "span": span}
