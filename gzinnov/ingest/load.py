"""Load the packaged data and users' own files into one tidy observations table."""

__all__ = ["observations", "sources", "alternatives", "load_observations", "validate",
           "combine", "coverage", "coverage_report", "DataError"]

import functools
from pathlib import Path

import pandas as pd

from ..derive import derive
from ..errors import DataError, Problem
from .read import read_raw
from ..registry import DATA_DIR, load_registry
from .checks import OBSERVATION_COLUMNS, check_rows

SOURCE_COLUMNS = ["source_id", "publisher", "publisher_en", "title", "url", "published", "accessed", "kind",
                  "grade", "host", "licence", "mirror_of"]
SOURCE_KINDS = {"official_statistics", "government_document", "news", "third_party_report"}
PROBLEM_COLUMNS = ["file", "row", "column", "found", "expected", "message"]


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
        if col not in table:
            table[col] = ""
    return table


def sources(data_dir=None):
    """Return the source records: publisher, title, URL, dates, kind and licence."""
    return _sources(str(data_dir or DATA_DIR))[SOURCE_COLUMNS].copy()


def _check_packaged(raw):
    known = set(sources(None)["source_id"])
    tidy, problems = [], []
    for name, part in raw.groupby("_file", sort=True):
        rows, found = check_rows(part.drop(columns="_file"), name, sources=known)
        tidy.append(rows)
        problems += found
    if problems:
        raise DataError(problems)
    return pd.concat(tidy, ignore_index=True) if tidy else pd.DataFrame(columns=OBSERVATION_COLUMNS)


@functools.cache
def _packaged(data_dir):
    raw = _read_csvs("observations*.csv", data_dir)
    table = _check_packaged(raw) if len(raw) else pd.DataFrame(columns=OBSERVATION_COLUMNS)
    return _finish(table)


def _finish(table):
    table = table.dropna(subset=["value"])
    table = pd.concat([table, derive(table)], ignore_index=True)
    return table.sort_values(["indicator_id", "city", "year"]).reset_index(drop=True)


def observations(data_dir=None):
    """Return the packaged observations, derived indicators included.

    Columns: ``indicator_id, city, year, value, status, source_id, ref, note, lower_bound``.
    Values are in each indicator's registry unit.
    """
    return _packaged(str(data_dir or DATA_DIR)).copy()


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
    raw, problems = read_raw(path)
    if problems:
        return None, problems
    return check_rows(raw, Path(path).name, lang=lang)


def validate(path, *, lang="en"):
    """Check a user's CSV or XLSX file; return a table of every problem (empty when valid).

    Parameters
    ----------
    path : str or Path
        The file to check. It is only read, never written.
    lang : {"zh", "en"}
        Language of the ``message`` column.
    """
    _, problems = _load_user_file(path, lang)
    return _problems_frame(problems, lang)


def load_observations(path, *, lang="en"):
    """Read a user's CSV or XLSX file into the tidy observations shape.

    Raises
    ------
    DataError
        Listing every problem in the file, each with its file, row and column.
    """
    tidy, problems = _load_user_file(path, lang)
    if problems:
        raise DataError(problems, lang=lang)
    return tidy.dropna(subset=["value"]).reset_index(drop=True)


def combine(*tables):
    """Stack observation tables; for a repeated key, the later table wins. Re-derives ratios."""
    stacked = pd.concat([t[OBSERVATION_COLUMNS] for t in tables], ignore_index=True)
    stacked = stacked[stacked["status"] != "derived"]
    stacked = stacked.drop_duplicates(["indicator_id", "city", "year"], keep="last")
    return _finish(stacked)


def coverage(data=None, *, city=None, start=2015, end=2025):
    """Return which indicator, city and year has a value.

    One row per indicator and city, with ``first_year, last_year, n_years`` and a
    ``years`` string such as "2015–2022, 2024"; indicators with no value at all for the
    city show ``n_years = 0`` ("no published figure found").
    """
    data = observations() if data is None else data
    by_id, _ = load_registry()
    cities = [city] if isinstance(city, str) else list(city) if city else ["Guangzhou"]
    rows = []
    for iid in by_id:
        for c in cities:
            years = sorted(int(y) for y in data.loc[(data["indicator_id"] == iid) & (data["city"] == c), "year"]
                           if start <= y <= end)
            rows.append({"indicator_id": iid, "city": c, "n_years": len(years),
                         "first_year": years[0] if years else None, "last_year": years[-1] if years else None,
                         "years": _spans(years) or "no published figure found"})
    return pd.DataFrame(rows).astype({"first_year": "Int64", "last_year": "Int64"})


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
    cities = PEERS + sorted(set(data["city"]) - set(PEERS) - {"Guangzhou"})
    peers = coverage(data, city=cities, start=start, end=end)
    matrix = peers.pivot(index="indicator_id", columns="city", values="n_years")[cities]
    matrix = matrix[matrix.sum(axis=1) > 0].reset_index()
    return (f"Guangzhou, {start}–{end} (years with a value):\n\n{to_markdown(gz)}\n\n"
            f"Peer cities, {start}–{end} (number of years with a value):\n\n{to_markdown(matrix)}\n")
