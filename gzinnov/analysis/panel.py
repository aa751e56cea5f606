"""Select observations and hold them as a series × years matrix for vectorised analysis."""

__all__ = ["Panel", "select", "tidy", "to_panel", "join_rows", "pick_rows", "take_rows", "break_flags"]

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..registry import get_indicator


def select(data=None, indicator=None, city=None, start=None):
    """Return the observations of these indicators and cities (the packaged data when None)."""
    if data is None:
        from ..ingest.load import observations

        data = observations()
    keep = pd.Series(True, index=data.index)
    for column, wanted in (("indicator_id", indicator), ("city", city)):
        if wanted is not None:
            keep &= data[column].isin([wanted] if isinstance(wanted, str) else list(wanted))
    if start is not None:
        keep &= data["year"] >= start
    return data[keep]


def tidy(data):
    """Return the columns the analysis uses, with integer years and float values.

    A series with a definition break (``series_break`` true on the first year of a new
    basis) is analysed from its latest break on: growth, projections and backtests never
    compare values on two bases (the charts still draw every year, marking the break).
    """
    cols = ["indicator_id", "city", "year", "value", "status", "lower_bound"]
    obs = data.reindex(columns=cols).dropna(subset=["value", "year"])
    obs = obs.astype({"year": "int64", "value": float}).assign(
        lower_bound=obs["lower_bound"].fillna(False).astype(bool))
    if "series_break" not in data or not len(obs):
        return obs
    breaks = break_flags(data.loc[obs.index, "series_break"])
    if not breaks.any():
        return obs
    start = obs[breaks].groupby(["indicator_id", "city"])["year"].max()
    first = pd.MultiIndex.from_frame(obs[["indicator_id", "city"]]).map(start.to_dict().get)
    return obs[obs["year"].to_numpy() >= pd.Series(first, index=obs.index).fillna(-1).to_numpy()]


def break_flags(column):
    """Read a ``series_break`` column as booleans (it may hold text, from a table made by hand)."""
    if column.dtype == bool:
        return column.to_numpy()
    return column.astype(str).str.strip().str.lower().isin(("true", "1", "yes", "是")).to_numpy()


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


def join_rows(keys, data):
    """Return the observations of each row of ``keys`` (indicator_id, city) as arrays.

    The dict holds ``t`` (the row of ``keys``), ``year``, ``value``, ``lower_bound`` and
    ``status``, sorted by ``t`` then ``year``. Keys are matched as integer codes, faster than a merge on two text
    columns; a series named by several rows of ``keys`` comes once per row.
    """
    obs = tidy(data)
    ind, ind_names = pd.factorize(obs["indicator_id"])
    city, city_names = pd.factorize(obs["city"])
    width = len(city_names) + 1
    key = ind * width + city
    t_ind = pd.Index(ind_names).get_indexer(keys["indicator_id"])
    t_city = pd.Index(city_names).get_indexer(keys["city"])
    t_key = np.where((t_ind >= 0) & (t_city >= 0), t_ind * width + t_city, -1)
    order = np.argsort(t_key, kind="stable")
    lo = np.searchsorted(t_key[order], key, "left")
    count = np.searchsorted(t_key[order], key, "right") - lo
    rows = np.repeat(np.arange(len(obs)), count)
    first = np.repeat(lo - np.cumsum(count) + count, count) + np.arange(len(rows))
    t, year = order[first], obs["year"].to_numpy()[rows]
    by = np.lexsort((year, t))  # sorted by key row, then year: what pick_rows relies on
    rows = rows[by]
    return {"t": t[by], "year": year[by], "value": obs["value"].to_numpy(float)[rows],
            "lower_bound": obs["lower_bound"].to_numpy(bool)[rows], "status": obs["status"].to_numpy(object)[rows]}


def pick_rows(obs, mask, n, latest=False):
    """Return, per key row, the index in ``obs`` (from :func:`join_rows`, sorted by key row and
    year) of its first (or last) year in ``mask``; -1 if none."""
    idx = np.flatnonzero(mask)
    t = obs["t"][idx]
    change = t[1:] != t[:-1]
    edge = np.r_[change, True] if latest else np.r_[True, change]
    out = np.full(n, -1)
    if len(t):
        out[t[edge]] = idx[edge]
    return out


def take_rows(obs, column, rows, empty=np.nan):
    """Return ``obs[column]`` at ``rows``, and ``empty`` where a row is -1."""
    values = obs[column][np.maximum(rows, 0)] if len(obs[column]) else np.full(len(rows), empty)
    return np.where(rows >= 0, values, empty)
