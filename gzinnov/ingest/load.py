"""Load the packaged data and users' own files into one tidy observations table."""

__all__ = ["observations", "sources", "alternatives", "superseded", "load_observations", "validate",
           "combine", "coverage", "key_status", "coverage_report", "DataError"]

import functools
import re
from pathlib import Path

import pandas as pd

from ..derive import date_end, derive
from ..errors import DataError, Problem, Text
from .read import read_raw
from ..registry import DATA_DIR, load_registry
from .checks import OBSERVATION_COLUMNS, VINTAGE_COLUMNS, check_rows

SOURCE_COLUMNS = ["source_id", "publisher", "publisher_en", "title", "url", "published", "accessed", "kind",
                  "grade", "host", "licence", "mirror_of"]
SOURCE_KINDS = {"official_statistics", "government_document", "news", "third_party_report"}
# How good the copy at the URL is: a statistical release, a government document, a national or
# provincial outlet (or an official account), or a copy on an unrelated site.
GRADES = ["official_statistics", "government_document", "mainstream_media", "reprint"]
PROBLEM_COLUMNS = ["file", "row", "column", "found", "expected", "message"]
TIDY_COLUMNS = OBSERVATION_COLUMNS + VINTAGE_COLUMNS


def _read_csvs(pattern, data_dir):
    frames = []
    for path in sorted(Path(data_dir).glob(pattern)):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        frame["_file"] = path.name
        frame["_row"] = range(2, len(frame) + 2)
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=["_file", "_row"])
    return pd.concat(frames, ignore_index=True)


@functools.cache
def _sources(data_dir):
    table = _read_csvs("sources*.csv", data_dir)
    for col in SOURCE_COLUMNS:
        table[col] = table[col].fillna("") if col in table else ""
    problems = [Problem(r["_file"], r["_row"], "grade", repr(r["grade"]),
                        Text("one of " + ", ".join(GRADES), "以下之一:" + "、".join(GRADES)))
                for r in table.to_dict("records") if r["grade"] and r["grade"] not in GRADES]
    if problems:
        raise DataError(problems)
    return table


def sources(data_dir=None):
    """Return the source records: publisher (zh, en), title, URL, dates, kind, grade, host, licence.

    ``grade`` says how good the copy at ``url`` is (one of ``GRADES``); ``publisher`` is always
    the original publisher of the figure, ``host`` the site at the URL when it differs, and
    ``mirror_of`` the original publication that a reprint reproduces.
    """
    return _sources(str(data_dir or DATA_DIR))[SOURCE_COLUMNS].copy()


def _check_packaged(raw, data_dir):
    """Check packaged rows; fill a blank ``published`` with the source's date."""
    src = _sources(data_dir).set_index("source_id")["published"]
    src = src[~src.index.duplicated()]
    tidy, problems = [], []
    for name, part in raw.groupby("_file", sort=True):
        rows, found = check_rows(part.drop(columns="_file"), name, sources=set(src.index))
        extra = part.reset_index(drop=True).loc[rows.index, [c for c in ("superseded_by", "reason") if c in part]] \
            if len(rows) == len(part) else pd.DataFrame(index=rows.index)
        tidy.append(pd.concat([rows, extra], axis=1))
        problems += found
    if problems:
        raise DataError(problems)
    table = pd.concat(tidy, ignore_index=True)
    blank = table["published"] == ""
    table.loc[blank, "published"] = table.loc[blank, "source_id"].map(src).fillna("")
    return table


def _read_checked(pattern, data_dir):
    raw = _read_csvs(pattern, data_dir)
    return _check_packaged(raw, data_dir) if len(raw) else pd.DataFrame(columns=TIDY_COLUMNS)


@functools.cache
def _vintages(data_dir):
    """Return (current rows, superseded rows) as checked tables, values in registry units."""
    return _read_checked("observations*.csv", data_dir), _read_checked("superseded*.csv", data_dir)


@functools.cache
def _packaged(data_dir, as_of=None):
    current, old = _vintages(data_dir)
    if as_of is None:
        return _finish(current)
    rows = pd.concat([current.assign(_rank=1), old.assign(_rank=0)], ignore_index=True)
    ends = rows["published"].map(date_end)
    rows = rows[(ends == "") | (ends <= as_of)].assign(_end=ends)
    # the current value wins once it is out; else the latest superseded one (an undated one last)
    rows = rows.sort_values(["_rank", "_end"]).drop_duplicates(["indicator_id", "city", "year"], keep="last")
    return _finish(rows[TIDY_COLUMNS])


def _finish(table):
    table = table.dropna(subset=["value"])[TIDY_COLUMNS]
    table = pd.concat([table, derive(table)], ignore_index=True)
    return table.sort_values(["indicator_id", "city", "year"]).reset_index(drop=True)


def _as_of_date(as_of):
    """Return ``as_of`` as "YYYY-MM-DD": a date, a timestamp, or text in that form."""
    text = as_of.isoformat()[:10] if hasattr(as_of, "isoformat") else str(as_of)
    try:
        return str(pd.Timestamp(text).date()) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else _bad_date(as_of)
    except ValueError:
        return _bad_date(as_of)


def _bad_date(as_of):
    raise ValueError(f"as_of must be a date such as '2026-03-01'; found {as_of!r}")


def observations(data_dir=None, *, as_of=None):
    """Return the packaged observations, derived indicators included.

    Parameters
    ----------
    data_dir : str or Path, optional
        A folder of ``observations*.csv``, ``superseded*.csv`` and ``sources*.csv`` files.
    as_of : str or date, optional
        Answer with what had been published by this date: for each key, the latest value whose
        ``published`` date is on or before it (a superseded vintage where the current value came
        later; no row where nothing had been published). A value with no known date is kept.

    Returns
    -------
    DataFrame
        ``indicator_id, city, year, value, status, source_id, ref, note, lower_bound, unit,
        published``; values in each indicator's registry unit (``unit``), ``published`` the ISO
        date (of any precision) the value was published.
    """
    as_of = None if as_of is None else _as_of_date(as_of)
    return _packaged(str(data_dir or DATA_DIR), as_of).copy()


def superseded(data_dir=None):
    """Return the values that were replaced (first releases, old bases) and what replaced them.

    Same columns as :func:`observations` plus ``superseded_by`` (the source of the value that
    replaced it) and ``reason``.
    """
    return _vintages(str(data_dir or DATA_DIR))[1].copy()


def alternatives(data_dir=None):
    """Return the values that were not chosen for the main table, with the reason."""
    raw = _read_csvs("alternatives*.csv", str(data_dir or DATA_DIR))
    return raw.drop(columns=["_file", "_row"], errors="ignore")


def _problems_frame(problems, lang):
    zh = lang == "zh"
    rows = [{"file": p.file, "row": p.row, "column": p.column,
             "found": p.found_zh if zh else p.found, "expected": p.expected_zh if zh else p.expected,
             "message": p.message(lang)} for p in problems]
    return pd.DataFrame(rows, columns=PROBLEM_COLUMNS).astype({"row": "Int64"})


def _load_user_file(path, lang):
    """Return (tidy rows or None, problems, the language of the messages)."""
    from ..names import check_lang, check_path

    check_path(path)
    if lang is not None:
        check_lang(lang)
    raw, problems = read_raw(path)
    lang = lang or ("zh" if raw is not None and raw.attrs.get("header_zh") else "en")
    if problems:
        return None, problems, lang
    tidy, problems = check_rows(raw, Path(path).name, lang=lang)
    _warn_missing(tidy, Path(path).name, lang)
    return tidy, problems, lang


def _warn_missing(tidy, name, lang):
    """Say which rows carry no value ("—", "NaN", blank): they are not read, but never silently."""
    rows = tidy.attrs.get("no_value_rows", [])
    if len(rows):
        import warnings

        from ..errors import DataWarning

        listed = ", ".join(str(r) for r in rows)
        warnings.warn(DataWarning(f"{name}：第{listed}行没有数值（空白、“—”或“NaN”），未读入" if lang == "zh" else
                                  f"{name}: row(s) {listed} have no value (blank, '—' or 'NaN') and were not read"),
                      stacklevel=4)


def validate(path, *, lang=None):
    """Check a user's CSV or XLSX file; return a table of every problem (empty when valid).

    Parameters
    ----------
    path : str or Path
        The file to check. It is only read, never written.
    lang : {"zh", "en"}, optional
        Language of the ``message`` column; None: Chinese for a file with Chinese
        headers, else English. ``table.attrs["lang"]`` says which was used.
    """
    _, problems, lang = _load_user_file(path, lang)
    table = _problems_frame(problems, lang)
    table.attrs["lang"] = lang
    return table


def load_observations(path, *, lang=None):
    """Read a user's CSV or XLSX file into the tidy observations shape.

    Rows without a value are left out, with a :class:`~gzinnov.errors.DataWarning`
    naming them.

    Raises
    ------
    DataError
        Listing every problem in the file, each with its file, row and column, in
        ``lang`` (None: Chinese for a file with Chinese headers, else English).
    """
    tidy, problems, lang = _load_user_file(path, lang)
    if problems:
        raise DataError(problems, lang=lang)
    return tidy.dropna(subset=["value"]).reset_index(drop=True)


def combine(*tables):
    """Stack observation tables; for a repeated key, the later table wins. Re-derives ratios."""
    by_id, _ = load_registry()
    stacked = pd.concat([t.reindex(columns=TIDY_COLUMNS) for t in tables], ignore_index=True)
    stacked["published"] = stacked["published"].fillna("")
    stacked["unit"] = stacked["indicator_id"].map(lambda i: by_id[i].unit_zh if i in by_id else "")
    stacked = stacked[stacked["status"] != "derived"]
    stacked = stacked.drop_duplicates(["indicator_id", "city", "year"], keep="last")
    return _finish(stacked)


def coverage(data=None, *, city=None, start=2015, end=2025):
    """Return which indicator, city and year has a value.

    One row per indicator and city, with ``first_year, last_year, n_years``, a ``years``
    string such as "2015–2022, 2024", and the ``last_status`` and ``last_published`` of the
    latest value; indicators with no value at all for the city show ``n_years = 0`` ("no
    published figure found").
    """
    from ..names import check_data, known_cities, resolve_cities

    check_data(data)
    cities = resolve_cities([city] if isinstance(city, str) else list(city) if city else ["Guangzhou"],
                            known=known_cities(data))
    data = observations() if data is None else data
    by_id, _ = load_registry()
    published = data["published"] if "published" in data else pd.Series("", index=data.index)
    data = data.assign(published=published.fillna(""))
    rows = []
    for iid in by_id:
        for c in cities:
            part = data[(data["indicator_id"] == iid) & (data["city"] == c) & data["year"].between(start, end)]
            part = part.sort_values("year")
            years = [int(y) for y in part["year"]]
            last = part.iloc[-1] if len(part) else None
            rows.append({"indicator_id": iid, "city": c, "n_years": len(years),
                         "first_year": years[0] if years else None, "last_year": years[-1] if years else None,
                         "years": _spans(years) or "no published figure found",
                         "last_status": "" if last is None else last["status"],
                         "last_published": "" if last is None else last["published"]})
    return pd.DataFrame(rows).astype({"first_year": "Int64", "last_year": "Int64"})


def key_status(data=None, *, city="Guangzhou", start=2021, end=2025):
    """Return one row per key of ``city`` in ``start``–``end``: its status and publication date.

    Columns ``indicator_id, year, status, published, source_id``; ``published`` is "unknown"
    where no date is recorded.
    """
    data = observations() if data is None else data
    part = data[(data["city"] == city) & data["year"].between(start, end)]
    table = part[["indicator_id", "year", "status", "published", "source_id"]].copy()
    table["published"] = table["published"].fillna("").replace("", "unknown")
    return table.sort_values(["indicator_id", "year"]).reset_index(drop=True)


def _spans(years):
    spans, run = [], []
    for y in years:
        if run and y != run[-1] + 1:
            spans.append(run)
            run = []
        run.append(y)
    if run:
        spans.append(run)
    return ", ".join(f"{r[0]}" if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in spans)


PEERS = ["Beijing", "Shanghai", "Shenzhen", "Hangzhou", "Wuhan", "Chengdu", "Nanjing", "Suzhou",
         "Xi'an", "Chongqing"]


def coverage_report(data=None, *, start=2015, end=2025):
    """Return the Markdown coverage report that ``data/README.md`` embeds.

    One table of Guangzhou's years per indicator, and one of how many years each peer has.
    """
    from ..tables import to_markdown

    data = observations() if data is None else data
    gz = coverage(data, city="Guangzhou", start=start, end=end)
    gz = gz[["indicator_id", "n_years", "years"]]
    keys = key_status(data, city="Guangzhou", start=2021, end=end)
    cities = PEERS + sorted(set(data["city"]) - set(PEERS) - {"Guangzhou"})
    peers = coverage(data, city=cities, start=start, end=end)
    matrix = peers.pivot(index="indicator_id", columns="city", values="n_years")[cities]
    matrix = matrix[matrix.sum(axis=1) > 0].reset_index()
    return (f"Guangzhou, {start}–{end} (years with a value):\n\n{to_markdown(gz)}\n\n"
            f"Guangzhou, 2021–{end}, each value: final, preliminary, reported or derived, and when it was "
            f"published:\n\n{to_markdown(keys)}\n\n"
            f"Peer cities, {start}–{end} (number of years with a value):\n\n{to_markdown(matrix)}\n")
