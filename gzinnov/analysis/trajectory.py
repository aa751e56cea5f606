"""Project each indicator to 2025 and 2030 with several methods and a calibrated combination."""

__all__ = ["project", "PROJECTION_COLUMNS", "WEAK_BELOW"]

import warnings

import numpy as np
import pandas as pd

from .backtest import method_errors, method_weights
from .forecast import CLOSED_FORM, METHODS, forecast
from .panel import select, to_panel

WEAK_BELOW = 4  # a series with fewer points gives a weak projection
PROJECTION_COLUMNS = ["indicator_id", "city", "year", "method", "value", "lower", "upper", "weight",
                      "spread_low", "spread_high", "n_points", "last_year", "weak", "note",
                      "value_raw", "lower_raw", "upper_raw", "trend_from"]
_WEAK_NOTE = {"en": "only {n} data points: the projection is weak",
              "zh": "仅有{n}个数据点,预测依据薄弱"}


def _check_arguments(data, indicator, city, start, until, lang):
    """Resolve names as typed and check years and language; raise ``ValueError`` with a hint."""
    from ..names import check_data, check_lang, check_year, known_cities, resolve_cities, resolve_indicators

    check_data(data), check_lang(lang), check_year(until, what="until")
    start = None if start is None else check_year(start, what="start", first=1949)
    return resolve_indicators(indicator), resolve_cities(city, known=known_cities(data)), start


def project(data=None, *, indicator=None, city=None, until=2030, methods=None, level=0.8, start=None,
            lang="zh"):
    """Project each series after its last observation, with every method and their combination.

    Parameters
    ----------
    data : DataFrame, optional
        Tidy observations; the packaged data when None.
    indicator : str or list of str, optional
        Indicator ids; all when None.
    city : str or list of str, optional
        City names (English, as in the data); all cities when None.
    until : int
        Last year to project.
    methods : list of str, optional
        Any of ``linear, loglinear, endpoint, logit, ets``. None means the four
        closed-form methods; ``ets`` (damped-trend exponential smoothing) is fitted only
        when asked, and then only on series with 8 or more consecutive yearly points.
    level : float
        Coverage of the prediction intervals (0.8 gives an 80% interval).
    start : int, optional
        Ignore observations before this year.
    lang : {"zh", "en"}
        Language of the ``note`` column.

    Returns
    -------
    DataFrame
        One row per series, projected year and method, with columns
        ``indicator_id, city, year, method, value, lower, upper, weight, spread_low,
        spread_high, n_points, last_year, weak, note, value_raw, lower_raw, upper_raw,
        trend_from``. ``method`` includes ``"combined"``: a damped drift over the last
        three years from the last observation, with a band calibrated on the packaged
        series' rolling-origin errors (see ``gzinnov.analysis.calibrate``);
        ``spread_low`` and ``spread_high`` give the range of the methods' points,
        ``value_raw``/``lower_raw``/``upper_raw`` the combined values before clipping to
        the indicator's bounds, ``trend_from`` the first year of the drift window.
        ``weight`` on the method rows is the method's backtest weight (for comparison).
        ``weak`` is True for series with fewer than 4 points (a conservative, wider
        band). Log and logit methods report medians.
    """
    indicator, city, start = _check_arguments(data, indicator, city, start, until, lang)
    methods = list(methods or CLOSED_FORM)
    unknown = set(methods) - set(METHODS)
    if unknown:
        raise ValueError(f"unknown methods {sorted(unknown)}; choose from {list(METHODS)}")
    panel = to_panel(select(data, indicator, city, start))
    if not len(panel.keys):
        return pd.DataFrame(columns=PROJECTION_COLUMNS)
    years = np.arange(panel.years.min() + 1, until + 1)
    fits = forecast(panel, years, methods, level)
    weights = _weight_matrix(panel, methods, level)
    fits["combined"] = _combine(panel, years, fits, level)
    frames = [_long(panel, years, method, fit, weights.get(method)) for method, fit in fits.items()]
    out = pd.concat(frames, ignore_index=True)
    out = _attach_spread(out, panel, years, fits["combined"][3:5])
    out["weak"] = out["n_points"] < WEAK_BELOW
    out["note"] = np.where(out["weak"], [_WEAK_NOTE[lang].format(n=n) for n in out["n_points"]], "")
    return out[PROJECTION_COLUMNS].sort_values(["indicator_id", "city", "method", "year"]).reset_index(drop=True)


def _weight_matrix(panel, methods, level):
    """Return {method: weight per series} from the rolling-origin backtest."""
    errors = method_errors(panel, methods, level=level)
    weights = method_weights(errors)
    weights = weights.pivot(index=["indicator_id", "city"], columns="method", values="weight")
    weights = weights.reindex(pd.MultiIndex.from_frame(panel.keys))
    return {m: weights[m].to_numpy(float) for m in methods}


def _combine(panel, years, fits, level):
    """The calibrated combined projection: a damped recent drift with a conformal band.

    Returns the median, the band clipped to the registry bounds, the methods' range
    (``spread_low``, ``spread_high``), the unclipped band and the first year of the
    drift window. See :mod:`gzinnov.analysis.calibrate`.
    """
    from .calibrate import combined_band

    median, low, high, fit = combined_band(panel, years, level)
    lo = np.nan_to_num(panel.lo, nan=-np.inf)[:, None]
    hi = np.nan_to_num(panel.hi, nan=np.inf)[:, None]
    points = np.stack([fits[m][0] for m in fits])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        spread_low, spread_high = np.nanmin(points, axis=0), np.nanmax(points, axis=0)
    clip = lambda a: np.clip(a, lo, hi)
    start = np.broadcast_to(fit["start"][:, None], median.shape)
    return clip(median), clip(low), clip(high), spread_low, spread_high, low, high, start, median


def _long(panel, years, method, fit, weight):
    point, low, high = fit[:3]
    raw_low, raw_high, start, raw = fit[5:9] if len(fit) > 5 else (low, high, np.full(point.shape, np.nan), point)
    after = years[None, :] > panel.last_year[:, None]
    keep = after & ~np.isnan(point)
    rows, cols = np.nonzero(keep)
    frame = panel.keys.iloc[rows].reset_index(drop=True)
    share = np.ones(len(rows)) if weight is None else weight[rows]
    return frame.assign(year=years[cols], method=method, value=point[rows, cols], lower=low[rows, cols],
                        upper=high[rows, cols], weight=share, n_points=panel.n_points[rows],
                        last_year=panel.last_year[rows], value_raw=raw[rows, cols], lower_raw=raw_low[rows, cols],
                        upper_raw=raw_high[rows, cols], trend_from=start[rows, cols])


def _attach_spread(out, panel, years, spread):
    """Put the methods' range on the combined rows; turn method weights into shares."""
    low, high = spread
    out["spread_low"] = np.nan
    out["spread_high"] = np.nan
    comb = out["method"] == "combined"
    idx = pd.MultiIndex.from_frame(panel.keys)
    row = idx.get_indexer(pd.MultiIndex.from_frame(out.loc[comb, ["indicator_id", "city"]]))
    col = np.searchsorted(years, out.loc[comb, "year"].to_numpy())
    out.loc[comb, "spread_low"] = low[row, col]
    out.loc[comb, "spread_high"] = high[row, col]
    methods = ~comb
    total = out[methods].groupby(["indicator_id", "city", "year"])["weight"].transform("sum")
    out.loc[methods, "weight"] = out.loc[methods, "weight"] / total
    return out
