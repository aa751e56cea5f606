"""Compare Guangzhou with its peer cities: panels, ranks, gaps, growth and targets."""

__all__ = ["compare", "compare_targets", "peer_growth", "PEERS", "COMPARE_COLUMNS", "TARGET_COMPARE_COLUMNS"]

import numpy as np
import pandas as pd

from .assess import resolve_baselines
from .growth import SIGN, annual_growth
from .panel import select, tidy
from ..registry import get_indicator

PEERS = ["Beijing", "Shanghai", "Shenzhen", "Hangzhou", "Wuhan", "Chengdu", "Nanjing", "Suzhou", "Xi'an",
         "Chongqing"]
MEASURES = ("value", "per_capita", "per_gdp", "index")
COMPARE_COLUMNS = ["indicator_id", "city", "year", "value", "status", "per_capita", "per_gdp", "index",
                   "measure", "rank", "n_cities", "leader", "gap_to_leader", "gap_to_median",
                   "growth_since_base", "change_since_base"]
TARGET_COMPARE_COLUMNS = ["indicator_id", "city", "baseline_year", "baseline_value", "baseline_basis",
                          "target_year", "target_value", "relation", "implied_growth", "implied_change",
                          "past_growth", "ambition_ratio", "ambition_rank", "latest_year", "latest_value"]


def _extensive(ind):
    """True for totals (money, counts) that make sense per person or per unit of GDP."""
    return ind.bounds[1] is None and ind.unit_zh != "位" and "/" not in ind.unit_zh and ind.id not in (
        "gdp", "resident_population")


def compare(data=None, *, indicator, cities=None, start=2015, end=None, base_year=2020, measure="value"):
    """Return a peer panel for one indicator: normalised values, ranks, gaps and growth.

    Parameters
    ----------
    data : DataFrame, optional
        Tidy observations; the packaged data when None.
    indicator : str
        The indicator id.
    cities : list of str, optional
        City names (English, as in the data); Guangzhou and its ten peers when None.
    start, end : int, optional
        First and last year to keep.
    base_year : int
        Year of the index (= 100) and of the growth "since".
    measure : {"value", "per_capita", "per_gdp", "index"}
        The column that ranks and gaps are computed on.

    Returns
    -------
    DataFrame
        One row per city and year: ``value, status``; ``per_capita`` (per 10,000
        residents) and ``per_gdp`` (per 100 million yuan of GDP; for 亿元 indicators ×100,
        i.e. % of GDP), NaN for shares, ratios and ranks; ``index`` (base year = 100);
        ``rank`` (1 = best, lower is better for ranks), ``n_cities``, ``leader``,
        ``gap_to_leader`` and ``gap_to_median`` (this city minus them, in the measure's
        unit); ``growth_since_base`` (annual, a fraction) and ``change_since_base``.
    """
    from ..names import check_data, check_measure, check_year, known_cities, resolve_cities, resolve_indicator

    check_data(data), check_measure(measure, MEASURES), check_year(base_year, what="base_year", first=1949)
    indicator, cities = resolve_indicator(indicator), resolve_cities(cities, known=known_cities(data))
    ind = get_indicator(indicator)
    cities = list(cities) if cities is not None else ["Guangzhou", *PEERS]
    data = select(data, city=cities)
    obs = tidy(data)
    obs = obs[(obs["year"] >= start) & (obs["year"] <= (end if end is not None else np.inf))]
    panel = obs[obs["indicator_id"] == indicator].copy()
    context = obs.pivot_table(index=["city", "year"], columns="indicator_id", values="value", aggfunc="last")
    panel = panel.join(context.reindex(columns=["resident_population", "gdp"]), on=["city", "year"])
    scale = 100.0 if ind.unit_zh == "亿元" else 1.0
    wide = _extensive(ind)
    panel["per_capita"] = panel["value"] / panel["resident_population"] if wide else np.nan
    panel["per_gdp"] = panel["value"] / panel["gdp"] * scale if wide else np.nan
    base = panel[panel["year"] == base_year].set_index("city")["value"]
    panel["index"] = panel["value"] / panel["city"].map(base) * 100
    panel["growth_since_base"] = annual_growth(panel["city"].map(base), panel["value"], panel["year"] - base_year)
    panel["change_since_base"] = panel["value"] - panel["city"].map(base)
    return _rank(panel.assign(measure=measure), measure, SIGN[ind.direction])[COMPARE_COLUMNS] \
        .sort_values(["year", "rank", "city"]).reset_index(drop=True)


def _rank(panel, measure, sign):
    """Rank within each year (1 = best) and measure the gaps to the leader and the median."""
    x = panel[measure]
    by_year = x.groupby(panel["year"])
    panel["rank"] = (sign * x).groupby(panel["year"]).rank(ascending=False, method="min").astype("Int64")
    panel["n_cities"] = by_year.transform("count")
    best = by_year.transform("max") if sign > 0 else by_year.transform("min")
    panel["gap_to_leader"] = x - best
    panel["gap_to_median"] = x - by_year.transform("median")
    leaders = panel[panel["rank"] == 1].sort_values("city").drop_duplicates("year").set_index("year")["city"]
    panel["leader"] = panel["year"].map(leaders)
    return panel


def peer_growth(data, indicator, *, since=2020, cities=None):
    """Return each city's annual growth of one indicator from ``since`` to its latest year.

    The start is the city's first value in or after ``since``. Columns: ``city,
    from_year, from_value, to_year, to_value, growth`` (a fraction).
    """
    obs = tidy(select(data, indicator, cities))
    obs = obs[obs["year"] >= since].sort_values("year")
    first = obs.drop_duplicates("city").set_index("city")
    last = obs.drop_duplicates("city", keep="last").set_index("city")
    out = pd.DataFrame({"from_year": first["year"], "from_value": first["value"],
                        "to_year": last["year"], "to_value": last["value"]})
    out["growth"] = annual_growth(out["from_value"], out["to_value"], out["to_year"] - out["from_year"])
    return out.reset_index()


def compare_targets(data=None, *, indicator=None, cities=None, targets=None, past_years=5):
    """Return each city's published target next to its baseline and the growth it implies.

    Parameters
    ----------
    data : DataFrame, optional
        Tidy observations; the packaged data when None.
    indicator : str or list of str, optional
        Indicator ids; all with targets when None.
    cities : list of str, optional
        City names (English, as in the data); every city with a target when None.
    targets : DataFrame, optional
        Targets in the shape of ``gz.targets()``; the registry's when None.
    past_years : int
        Length of the window before the baseline whose growth the target is set against.

    Returns
    -------
    DataFrame
        One row per target: the baseline (see ``resolve_baselines``), ``implied_growth``
        (annual growth from baseline to target, a fraction), ``implied_change`` (the
        same as a change per year in the indicator's unit), ``past_growth`` (annual growth
        over the ``past_years`` before the baseline), ``ambition_ratio`` (implied ÷ past
        growth: above 1 asks for faster growth than before), ``ambition_rank`` (1 = the
        most demanding implied growth among the cities, direction-aware) and the latest
        value. Cumulative targets have no implied growth.
    """
    from ..names import check_data, known_cities, resolve_cities, resolve_indicators
    from ..registry import targets as registry_targets

    check_data(data)
    indicator, cities = resolve_indicators(indicator), resolve_cities(cities, known=known_cities(data))
    data = select(data)
    table = registry_targets() if targets is None else targets
    keep = pd.Series(True, index=table.index)
    if indicator is not None:
        keep &= table["indicator_id"].isin([indicator] if isinstance(indicator, str) else list(indicator))
    if cities is not None:
        keep &= table["city"].isin(list(cities))
    card = resolve_baselines(table[keep], data)
    card = _with_latest(card, data)
    span = card["target_year"] - card["baseline_year"]
    level = card["measure"].eq("level")
    card["implied_growth"] = np.where(level, annual_growth(card["baseline_value"], card["target_value"], span),
                                      np.nan)
    card["implied_change"] = ((card["target_value"] - card["baseline_value"]) / span).where(level)
    past = _past_growth(card, data, past_years)
    card["past_growth"] = past
    sign = card["direction"].map(SIGN)
    with np.errstate(all="ignore"):
        card["ambition_ratio"] = card["implied_growth"] / past
    card["ambition_rank"] = (sign * card["implied_growth"]).groupby(card["indicator_id"]).rank(
        ascending=False, method="min").astype("Int64")
    return card[TARGET_COMPARE_COLUMNS].sort_values(["indicator_id", "ambition_rank"]).reset_index(drop=True)


def _with_latest(card, data):
    obs = tidy(data).sort_values("year").drop_duplicates(["indicator_id", "city"], keep="last")
    return card.merge(obs[["indicator_id", "city", "year", "value"]].rename(
        columns={"year": "latest_year", "value": "latest_value"}), on=["indicator_id", "city"], how="left")


def _past_growth(card, data, past_years):
    """Annual growth from the first value in [b − past_years, b − 1] to the baseline value."""
    obs = card[["_t", "indicator_id", "city", "baseline_year"]].merge(tidy(data), on=["indicator_id", "city"])
    window = obs[(obs["year"] >= obs["baseline_year"] - past_years) & (obs["year"] < obs["baseline_year"])]
    first = window.sort_values("year").drop_duplicates("_t").set_index("_t")
    start_value, start_year = card["_t"].map(first["value"]), card["_t"].map(first["year"])
    return annual_growth(start_value, card["baseline_value"], card["baseline_year"] - start_year)
