"""The numbers the exercises use, drawn from the data and the scorecard."""

__all__ = ["example_path", "load", "series", "assessed", "intensity_inputs", "cagr_inputs", "from_latest",
           "fmt", "names"]

from pathlib import Path

import pandas as pd

from ..charts.labels import city_name, format_value, target_text
from ..registry import get_indicator

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "notebooks" / "data"


def example_path(name):
    """Return the path of an example file shipped for the notebooks, e.g. ``"broken.csv"``."""
    path = EXAMPLES_DIR / name
    if not path.is_file():
        found = ", ".join(sorted(p.name for p in EXAMPLES_DIR.glob("*") if p.is_file()))
        raise FileNotFoundError(f"no example file {name!r}; the examples are: {found}")
    return path


def load(data):
    """Return ``data``, or the packaged observations when it is None."""
    if data is None:
        from ..ingest.load import observations

        return observations()
    return data


def series(data, indicator, city):
    """Return one city's values of ``indicator`` as a Series indexed by year."""
    rows = data[(data["indicator_id"] == indicator) & (data["city"] == city)].dropna(subset=["value"])
    return rows.set_index(rows["year"].astype(int))["value"].astype(float).sort_index()


def assessed(data, indicator, city):
    """Return the scorecard row of ``indicator`` for ``city``, with its reason in zh and en."""
    from ..analysis.assess import assess_progress
    from ..errors import ArgumentError
    from ..names import resolve_city
    from ..registry import targets

    try:
        city = resolve_city(city)  # "广州" is Guangzhou; a misspelt name gets a suggestion
    except ArgumentError as exc:
        if exc.suggestions:
            raise
    rows = targets(city)
    rows = rows[rows["indicator_id"] == indicator]
    if rows.empty:
        raise ValueError(f"{city} has no published target for {indicator}")
    row = assess_progress(data, rows, projections=False, lang="zh").iloc[0].copy()
    row["reason_en"] = assess_progress(data, rows, projections=False, lang="en").iloc[0]["status_reason"]
    row["reason_zh"] = row["status_reason"]
    return row


def intensity_inputs(data, city):
    """Return ``(year, R&D spending, GDP)`` for the latest year that has both."""
    rd, gdp = series(data, "rd_expenditure", city), series(data, "gdp", city)
    years = rd.index.intersection(gdp.index)
    if years.empty:
        raise ValueError(f"no year with both R&D spending and GDP for {city}")
    year = int(years.max())
    return year, rd[year], gdp[year]


def cagr_inputs(data, city):
    """Return ``(first year, last year, first value, last value)`` of R&D spending."""
    rd = series(data, "rd_expenditure", city)
    if len(rd) < 2:
        raise ValueError(f"fewer than two years of R&D spending for {city}")
    return int(rd.index[0]), int(rd.index[-1]), rd.iloc[0], rd.iloc[-1]


def from_latest(data, indicator, city):
    """Return the scorecard row of a level target whose target year is still ahead."""
    row = assessed(data, indicator, city)
    if row["measure"] == "cumulative":
        raise ValueError(f"{indicator} is counted over the plan period; choose a level indicator")
    if pd.isna(row["latest_year"]):
        raise ValueError(f"no value of {indicator} for {city}")
    return row


def fmt(value, indicator):
    """Format ``value`` with the indicator's decimals (two at least, as students copy them)."""
    return format_value(value, max(get_indicator(indicator).decimals, 2))


def names(indicator, city, row=None):
    """Return fields shared by the exercise texts, in both languages."""
    ind = get_indicator(indicator)
    name_en = ind.short("en")
    if not name_en[:2].isupper():  # "Tech contract turnover" -> "tech ...", but "R&D ..." stays
        name_en = name_en[0].lower() + name_en[1:]
    out = {"city_zh": city_name(city, "zh"), "city_en": city, "name_zh": ind.short("zh"), "name_en": name_en,
           "unit_zh": ind.unit("zh"), "unit_en": ind.unit("en")}
    if row is not None:
        out.update(t=int(row["latest_year"]), yt=fmt(row["latest_value"], indicator), T=int(row["target_year"]),
                   ys=fmt(row["target_value"], indicator),
                   **{f"target_{lang}": target_text(indicator, row["relation"], row["target_value"], lang)
                      for lang in ("zh", "en")})
    return out
