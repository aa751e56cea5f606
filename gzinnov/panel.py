"""Select observations and hold them as a series × years matrix for vectorised analysis."""

__all__ = ["Panel", "select", "tidy", "to_panel"]

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .registry import get_indicator


def select(data=None, indicator=None, city=None, start=None):
    """Return the observations of these indicators and cities (the packaged data when None)."""
    if data is None:
        from .data import observations

        data = observations()
    keep = pd.Series(True, index=data.index)
    for column, wanted in (("indicator_id", indicator), ("city", city)):
        if wanted is not None:
            keep &= data[column].isin([wanted] if isinstance(wanted, str) else list(wanted))
    if start is not None:
        keep &= data["year"] >= start
    return data[keep]


def tidy(data):
    """Return the columns the analysis uses, with integer years and float values."""
    cols = ["indicator_id", "city", "year", "value", "status", "lower_bound"]
    obs = data.reindex(columns=cols).dropna(subset=["value", "year"])
    return obs.astype({"year": "int64", "value": float}).assign(
        lower_bound=obs["lower_bound"].fillna(False).astype(bool))


@dataclass(frozen=True)
class Panel:
    """Series as rows: ``keys`` (indicator_id, city), ``years``, ``values`` and bounds."""

    keys: pd.DataFrame
    years: np.ndarray
    values: np.ndarray
    lo: np.ndarray
    hi: np.ndarray

    def upto(self, year):
        """Return the panel with every value after ``year`` hidden."""
        hidden = np.where(self.years[None, :] <= year, self.values, np.nan)
        return Panel(self.keys, self.years, hidden, self.lo, self.hi)

    def take(self, rows):
        """Return the panel restricted to ``rows`` (a boolean mask)."""
        return Panel(self.keys[rows].reset_index(drop=True), self.years, self.values[rows],
                     self.lo[rows], self.hi[rows])

    @property
    def n_points(self):
        return (~np.isnan(self.values)).sum(axis=1)

    @property
    def last_year(self):
        seen = ~np.isnan(self.values)
        last = np.where(seen, self.years[None, :], -1).max(axis=1)
        return np.where(seen.any(axis=1), last, -1)


def to_panel(data):
    """Pivot tidy observations (indicator_id, city, year, value) into a :class:`Panel`."""
    obs = tidy(data)
    wide = obs.pivot_table(index=["indicator_id", "city"], columns="year", values="value", aggfunc="last",
                           sort=True)
    keys = wide.index.to_frame(index=False).astype({"indicator_id": str, "city": str})
    bounds = {iid: get_indicator(iid).bounds for iid in keys["indicator_id"].unique()}
    lo = keys["indicator_id"].map(lambda i: _num(bounds[i][0])).to_numpy(float)
    hi = keys["indicator_id"].map(lambda i: _num(bounds[i][1])).to_numpy(float)
    return Panel(keys, wide.columns.to_numpy("int64"), wide.to_numpy(float), lo, hi)


def _num(bound):
    return np.nan if bound is None else float(bound)
