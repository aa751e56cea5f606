"""Check raw observation rows against the registry and turn them into the tidy shape."""

__all__ = ["OBSERVATION_COLUMNS", "STATUSES", "check_rows"]

import numpy as np
import pandas as pd

from .errors import Problem
from .parse import CITY_NAMES, normalise_text, parse_number, parse_year, unit_factor
from .registry import load_registry

OBSERVATION_COLUMNS = ["indicator_id", "city", "year", "value", "status", "source_id", "ref",
                       "note", "lower_bound"]
STATUSES = {"final", "preliminary", "reported", "derived"}
_STATUS_ALIASES = {"最终": "final", "正式": "final", "初步": "preliminary", "快报": "preliminary",
                   "预计": "preliminary", "初步核算": "preliminary", "报道": "reported"}
_TRUE = {"true", "1", "yes", "是", "y"}
_FALSE = {"false", "0", "no", "否", "n", ""}


def _text(series):
    return series.astype("string").fillna("").map(normalise_text)


def _indicator_lookup():
    by_id, _ = load_registry()
    lookup = {}
    for ind in by_id.values():
        for key in (ind.name_zh, ind.short_zh, ind.name_en.lower(), ind.short_en.lower(), ind.id):
            lookup[normalise_text(key)] = ind.id
    return by_id, lookup


def _problem_rows(frame, mask, name, column, expected, found=None):
    rows = frame.loc[mask]
    found_values = found[mask] if found is not None else rows[column] if column in rows else None
    return [Problem(name, int(r), column, repr(f) if f is not None else "nothing", expected)
            for r, f in zip(rows["_row"], found_values if found_values is not None else [None] * len(rows))]


def _parse_values(raw, units, bad_mask_out):
    """Parse the value column; cells that pandas cannot read go through parse_number."""
    values = pd.to_numeric(raw.where(raw.map(lambda v: not isinstance(v, bool))), errors="coerce")
    values = values.astype(float)
    lower = pd.Series(False, index=raw.index)
    slow = values.isna() & raw.notna()
    errors = pd.Series(None, index=raw.index, dtype=object)
    for i in raw.index[slow]:
        value, is_lower, error = parse_number(raw[i], units[i])
        if error:
            errors[i] = error
        else:
            values[i], lower[i] = value, is_lower
    return values, lower, errors


def check_rows(frame, name, *, sources=None, lang="en"):
    """Validate raw rows and return ``(tidy, problems)``.

    Parameters
    ----------
    frame : DataFrame
        Raw cells with canonical column names and a ``_row`` column.
    name : str
        The file name used in messages.
    sources : set of str, optional
        Known source ids; when given, ``source_id`` must be one of them.
    """
    by_id, lookup = _indicator_lookup()
    problems = []
    ids = _text(frame["indicator_id"])
    mapped = ids.map(lambda s: lookup.get(s, lookup.get(s.lower())))
    problems += _problem_rows(frame, mapped.isna(), name, "indicator_id",
                              "an indicator id of the registry (see gz.indicators())", found=ids)
    known = mapped.notna()
    unit = mapped.map(lambda i: by_id[i].unit_zh if i in by_id else "")

    city = _text(frame["city"]).map(lambda c: CITY_NAMES.get(c, c))
    problems += _problem_rows(frame, city.eq(""), name, "city", "a city name", found=city)

    years = pd.to_numeric(frame["year"], errors="coerce")
    good_year = years.notna() & years.between(1949, 2100) & (years % 1 == 0)
    for i in frame.index[~good_year]:
        year, error = parse_year(frame.at[i, "year"]) if frame.at[i, "year"] is not None else (None, "a year")
        if error:
            problems.append(Problem(name, int(frame.at[i, "_row"]), "year", repr(frame.at[i, "year"]), error))
        else:
            years[i] = year

    raw_values = frame["value"]
    values, lower, errors = _parse_values(raw_values, unit, None)
    for i in frame.index[errors.notna() & known]:
        problems.append(Problem(name, int(frame.at[i, "_row"]), "value", repr(raw_values[i]), errors[i]))

    if "unit" in frame:
        given = _text(frame["unit"])
        for i in frame.index[given.ne("") & known & errors.isna()]:
            factor = unit_factor(given[i], unit[i])
            if factor is None:
                problems.append(Problem(name, int(frame.at[i, "_row"]), "unit", repr(given[i]),
                                        f"the unit {unit[i]} or one convertible to it"))
            else:
                values[i] *= factor

    if "lower_bound" in frame:
        flag = _text(frame["lower_bound"]).str.lower()
        bad = ~flag.isin(_TRUE | _FALSE)
        problems += _problem_rows(frame, bad, name, "lower_bound", "true or false", found=flag)
        lower = lower | flag.isin(_TRUE)

    lo = mapped.map(lambda i: by_id[i].bounds[0] if i in by_id else None).astype(float)
    hi = mapped.map(lambda i: by_id[i].bounds[1] if i in by_id else None).astype(float)
    below, above = values < lo, values > hi
    for mask, side, bound in ((below, "at least", lo), (above, "at most", hi)):
        for i in frame.index[mask.fillna(False)]:
            problems.append(Problem(name, int(frame.at[i, "_row"]), "value", repr(raw_values[i]),
                                    f"{side} {bound[i]:g} {unit[i]} for {mapped[i]}"))

    status = _text(frame["status"]) if "status" in frame else pd.Series("", index=frame.index)
    status = status.map(lambda s: _STATUS_ALIASES.get(s, s.lower())).replace("", "reported")
    problems += _problem_rows(frame, ~status.isin(STATUSES - {"derived"}), name, "status",
                              "final, preliminary or reported", found=status)

    source = _text(frame["source_id"])
    problems += _problem_rows(frame, source.eq(""), name, "source_id", "a source (id or URL)", found=source)
    if sources is not None:
        unknown = source.ne("") & ~source.isin(sources)
        problems += _problem_rows(frame, unknown, name, "source_id", "a source_id listed in sources",
                                  found=source)

    tidy = pd.DataFrame({
        "indicator_id": mapped, "city": city, "year": years.astype("Int64"), "value": values,
        "status": status, "source_id": source,
        "ref": _text(frame["ref"]) if "ref" in frame else "",
        "note": _text(frame["note"]) if "note" in frame else "",
        "lower_bound": lower.astype(bool), "_row": frame["_row"],
    })
    tidy = tidy.drop_duplicates(subset=[c for c in tidy.columns if c != "_row"])
    key = ["indicator_id", "city", "year"]
    clash = tidy.dropna(subset=key).duplicated(subset=key, keep=False)
    clash = clash.reindex(tidy.index, fill_value=False)
    for _, group in tidy[clash].groupby(key):
        values_seen = ", ".join(f"{v:g}" for v in group["value"])
        for r in group["_row"].iloc[1:]:
            problems.append(Problem(name, int(r), "value", f"a second value for {group.iloc[0]['indicator_id']}, {group.iloc[0]['city']}, {int(group.iloc[0]['year'])}"
                                    f" ({values_seen})", "one value per indicator, city and year"))
    problems.sort(key=lambda p: (p.row or 0, p.column or ""))
    return tidy.drop(columns="_row").reset_index(drop=True)[OBSERVATION_COLUMNS], problems
