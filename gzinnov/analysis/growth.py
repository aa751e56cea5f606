"""Growth rates, target conditions and target probabilities, vectorised over arrays.

These are the small formulas that the scorecard, the projections, the peer comparison
and the 2030 outlook share. Every function takes and returns numpy arrays (or pandas
Series) and never loops over rows.
"""

__all__ = ["annual_growth", "meets_target", "band_edge", "probability_past", "SIGN"]

import numpy as np

# +1 where higher is better, -1 where lower is better (ranks)
SIGN = {"increase": 1.0, "decrease": -1.0}


def annual_growth(start, end, years):
    """Return the compound annual growth from ``start`` to ``end`` over ``years`` years.

    ``(end / start) ** (1 / years) - 1``; NaN where either value is not positive or
    ``years`` is not positive, since a growth rate is then undefined.

    Parameters
    ----------
    start, end : array-like
        Values at the start and at the end.
    years : array-like
        Years between them.
    """
    start, end, years = (np.asarray(a, dtype=float) for a in (start, end, years))
    ok = (start > 0) & (end > 0) & (years > 0)
    with np.errstate(all="ignore"):
        growth = (end / start) ** (1.0 / years) - 1.0
    return np.where(ok, growth, np.nan)


def band_edge(target, relation, direction, tolerance):
    """Return the value a series must reach to meet the target.

    For "about" targets (``approx``) the edge is the near end of the tolerance band:
    ``target * (1 - tolerance)`` where higher is better, ``target * (1 + tolerance)``
    where lower is better. For ``ge`` and ``gt`` it is the target itself.
    """
    target = np.asarray(target, dtype=float)
    sign = _sign(direction)
    approx = np.asarray(relation) == "approx"
    return np.where(approx, target - sign * tolerance * np.abs(target), target)


def meets_target(value, target, relation, direction, tolerance=0.025):
    """Return True where ``value`` meets the target under its relation.

    ``ge``: value ≥ target; ``gt``: value > target; ``approx``: value reaches the band
    ``target ± tolerance·|target|`` (or goes beyond it in the good direction). Where lower
    is better, the inequalities flip. NaN values never meet a target. A value within a
    relative 1e-9 of the edge counts as on it, so that 3.6 × 0.975 = 3.51 meets "≈ 3.6".

    Parameters
    ----------
    value, target : array-like
    relation : array-like of {"ge", "gt", "approx"}
    direction : array-like of {"increase", "decrease"}
    tolerance : float
        Half-width of the "about" band, as a share of the target.
    """
    value = np.asarray(value, dtype=float)
    sign = _sign(direction)
    edge = band_edge(target, relation, direction, tolerance)
    gap = sign * (value - edge)
    slack = 1e-9 * np.maximum(1.0, np.abs(edge))
    strict = np.asarray(relation) == "gt"
    return np.where(strict, gap > slack, gap >= -slack) & ~np.isnan(value)


def probability_past(median, lower, upper, threshold, direction, level=0.8, log=False):
    """Return the probability that the outcome lies past ``threshold`` in the good direction.

    The predictive distribution is a two-piece normal: a normal with spread
    ``(median - lower) / z`` below the median and ``(upper - median) / z`` above it,
    where ``z`` is the standard normal quantile of ``(1 + level) / 2``. It matches the
    median and both ends of the interval exactly. With ``log=True`` the two-piece normal
    is taken on the logs wherever all four values are positive, as for an interval built
    on the log scale (the combined projection). NaN where the interval is missing.
    """
    from scipy.special import ndtr

    median, lower, upper, threshold = (np.asarray(a, dtype=float) for a in (median, lower, upper, threshold))
    if log:
        positive = (median > 0) & (lower > 0) & (upper > 0) & (threshold > 0)
        with np.errstate(all="ignore"):
            median, lower, upper, threshold = (np.where(positive, np.log(np.where(positive, a, 1.0)), a)
                                               for a in (median, lower, upper, threshold))
    z = _z(level)
    spread = np.where(threshold >= median, upper - median, median - lower) / z
    with np.errstate(all="ignore"):
        score = (threshold - median) / spread
    score = np.where(threshold == median, 0.0, score)  # also covers a zero spread
    below = ndtr(score)  # P(outcome < threshold)
    p = np.where(_sign(direction) > 0, 1.0 - below, below)
    return np.where(np.isnan(lower) | np.isnan(upper), np.nan, p)


def _z(level):
    from scipy.special import ndtri

    return float(ndtri((1.0 + level) / 2.0))


def _sign(direction):
    direction = np.asarray(direction)
    return np.where(direction == "decrease", -1.0, 1.0)
