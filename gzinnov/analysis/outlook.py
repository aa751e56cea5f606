"""The 2030 outlook: the adopted 2030 target beside the trend, and candidate values where
the city has adopted none.

The module is not called ``outlook`` so that importing it can never hide the function
``gz.outlook`` behind a module of the same name.
"""

__all__ = ["outlook", "OUTLOOK_COLUMNS", "CANDIDATES"]

import numpy as np
import pandas as pd

from .growth import SIGN, annual_growth
from .panel import select, tidy
from ..registry import get_indicator

CANDIDATES = ("trend", "stretch", "floor")
OUTLOOK_COLUMNS = ["indicator_id", "city", "candidate", "year", "value", "from_year", "from_value",
                   "implied_growth", "basis", "weak", "kind", "plan_id"]
_BASIS = {
    "en": {"trend": "median of the combined projection",
           "stretch_interval": "better end of the {pct} projection interval",
           "stretch_peer": "latest value grown at the best peer's rate since {since} ({peer}, {g})",
           "stretch_trend": "the trend (no peer grows faster)",
           "floor": "worse end of the calibrated {pct} interval of the recent trend",
           "cumulative": "; sum of the yearly projections over {a}–{b}",
           "adopted": "adopted target ({plan}): {rel} {target}, which asks for {need} a year from {y0}; "
                      "the trend gives {trend}"},
    "zh": {"trend": "综合预测的中位数",
           "stretch_interval": "{pct}预测区间的有利端",
           "stretch_peer": "以{since}年以来增速最快的同类城市({peer},年均{g})的增速推算",
           "stretch_trend": "趋势值(无同类城市增速更快)",
           "floor": "近期趋势经校准的{pct}预测区间的不利端",
           "cumulative": "；{a}—{b}年逐年预测值之和",
           "adopted": "已确定的目标（《{plan}》）：{rel}{target}，需自{y0}年起年均{need}；趋势值为{trend}"},
}


def outlook(data=None, *, city="Guangzhou", year=2030, stretch="interval", since=2020, level=0.8,
            projections=None, lang="zh"):
    """Return trend, stretch and floor candidates for each target indicator in ``year``.

    Parameters
    ----------
    data : DataFrame, optional
        Tidy observations; the packaged data when None.
    city : str
        The city (English, as in the data) whose indicators get candidates.
    year : int
        The year of the candidates (2030 for the 15th Five-Year Plan).
    stretch : {"interval", "peer"}
        ``interval``: the better end of the projection interval. ``peer``: the latest value
        grown at the best annual growth among the other cities since ``since`` (never
        below the trend); falls back to the interval where no peer has data.
    since : int
        Start of the window for the peers' growth.
    level : float
        Coverage of the projection interval.
    projections : DataFrame, optional
        Output of ``gz.project``; projected here when None.
    lang : {"zh", "en"}
        Language of ``basis``.

    Returns
    -------
    DataFrame
        One row per indicator and candidate (``trend, stretch, floor``): ``value`` in
        ``year``; ``from_year`` and ``from_value``, the latest observation;
        ``implied_growth``, the annual growth from it to ``value`` (a fraction; NaN for
        cumulative indicators, whose candidates are five-year sums); ``basis`` (how the
        value was set) and ``weak`` (the projection rests on fewer than 4 points).
    """
    from ..names import check_choice, check_data, check_lang, check_year, known_cities, resolve_city
    from ..registry import targets
    from .trajectory import project

    check_data(data), check_lang(lang), check_year(year), check_year(since, what="since", first=1949)
    check_choice("stretch", stretch, ["interval", "peer"])
    city = resolve_city(city, known=known_cities(data))
    data = select(data)
    ids = list(targets(city)["indicator_id"].unique())
    obs = tidy(select(data, ids, city)).sort_values("year")
    if projections is None:
        projections = project(obs, until=year, level=level, lang=lang)
    comb = projections[(projections["method"] == "combined") & (projections["city"] == city)]
    last = obs.drop_duplicates("indicator_id", keep="last").set_index("indicator_id")
    rows = []
    for iid in ids:  # one row per indicator (a dozen), not per observation
        ind = get_indicator(iid)
        cum = ind.measure == "cumulative"
        years = range(year - 4, year + 1) if cum else [year]
        part = comb[(comb["indicator_id"] == iid) & comb["year"].isin(years)]
        have = iid in last.index and (len(part) == len(years) or last.at[iid, "year"] >= year)
        rows.append(_candidates(ind, part, last.loc[iid] if iid in last.index else None, have, year))
    out = pd.DataFrame(rows)
    table = _finish(out, data, city, year, stretch, since, level, lang)
    return _add_adopted(table, targets(city, year=year), lang)


def _candidates(ind, part, latest, have, year):
    """Trend, better and worse interval ends (five-year sums for cumulative targets)."""
    nan = np.nan
    row = {"indicator_id": ind.id, "sign": SIGN[ind.direction], "cumulative": ind.measure == "cumulative",
           "from_year": nan if latest is None else latest["year"], "from_value": nan if latest is None else
           latest["value"], "trend": nan, "low": nan, "high": nan, "weak": True}
    if not have:
        return row
    if len(part) == 0:  # already observed in that year
        row.update(trend=latest["value"], low=latest["value"], high=latest["value"], weak=False)
        return row
    sums = part[["value", "lower", "upper"]].sum(min_count=len(part))
    row.update(trend=sums["value"], low=sums["lower"], high=sums["upper"], weak=bool(part["weak"].any()))
    return row


def _finish(out, data, city, year, stretch, since, level, lang):
    text = _BASIS[lang]
    pct = f"{level:.0%}"
    sign = out["sign"]
    better = np.where(sign > 0, out["high"], out["low"])
    worse = np.where(sign > 0, out["low"], out["high"])
    floor = worse  # never above the recent trend's lower band (it may lie below the latest value)
    stretch_value = better
    stretch_basis = [text["stretch_interval"].format(pct=pct)] * len(out)
    if stretch == "peer":
        stretch_value, stretch_basis = _peer_stretch(out, data, city, year, since, better, stretch_basis, text)
    elif stretch != "interval":
        raise ValueError(f"stretch must be 'interval' or 'peer', not {stretch!r}")
    frames = []
    for name, value, basis in (("trend", out["trend"], [text["trend"]] * len(out)),
                               ("stretch", stretch_value, stretch_basis),
                               ("floor", floor, [text["floor"].format(pct=pct)] * len(out))):
        extra = [text["cumulative"].format(a=year - 4, b=year) if c else "" for c in out["cumulative"]]
        frames.append(pd.DataFrame({
            "indicator_id": out["indicator_id"], "city": city, "candidate": name, "year": year,
            "value": value, "from_year": out["from_year"], "from_value": out["from_value"],
            "implied_growth": np.where(out["cumulative"], np.nan,
                                       annual_growth(out["from_value"], value, year - out["from_year"])),
            "basis": [b + e for b, e in zip(basis, extra)], "weak": out["weak"]}))
    table = pd.concat(frames, ignore_index=True)
    table["from_year"] = table["from_year"].astype("Int64")
    return table[[c for c in OUTLOOK_COLUMNS if c in table]]


def _add_adopted(table, adopted, lang):
    """Put each adopted target beside the trend: what it asks and what the trend gives."""
    from ..registry import load_plans

    table["kind"], table["plan_id"] = "candidate", ""
    if adopted.empty:
        return table
    trend = table[table["candidate"] == "trend"].set_index("indicator_id")
    rows = []
    for goal in adopted.itertuples():  # a handful of adopted targets
        ind, row = get_indicator(goal.indicator_id), trend.loc[goal.indicator_id]
        # what the target asks: from the plan's own base value, else the latest observation
        stated = pd.notna(goal.baseline_value) and pd.notna(goal.baseline_year)
        y0 = float(goal.baseline_year) if stated else (np.nan if pd.isna(row["from_year"]) else float(row["from_year"]))
        v0 = float(goal.baseline_value) if stated else row["from_value"]
        need = annual_growth(v0, goal.target_value, goal.target_year - y0)
        plan = load_plans()[goal.plan_id].title(lang)
        symbol = {"ge": "≥", "gt": ">", "approx": "≈"}[goal.relation]
        fmt = lambda v: "—" if pd.isna(v) else f"{v:,.{ind.decimals}f}"
        basis = _BASIS[lang]["adopted"].format(
            plan=plan, rel=symbol, target=fmt(goal.target_value), y0="—" if np.isnan(y0) else int(y0), need="—" if np.isnan(need) else f"{float(need):+.1%}", trend=fmt(row["value"]))
        rows.append({**row.to_dict(), "indicator_id": goal.indicator_id, "candidate": "adopted",
                     "from_year": y0, "from_value": v0,
                     "value": goal.target_value, "implied_growth": float(need), "basis": basis,
                     "kind": "adopted", "plan_id": goal.plan_id})
    out = pd.concat([table, pd.DataFrame(rows)], ignore_index=True)
    out["from_year"] = out["from_year"].astype("Int64")
    return out[OUTLOOK_COLUMNS]


def _peer_stretch(out, data, city, year, since, better, basis, text):
    """Grow the latest value at the best peer's annual growth; keep the better of that and the trend."""
    from .peers import peer_growth

    value, basis = np.array(better, dtype=float), list(basis)
    for i, row in out.iterrows():  # a dozen indicators
        if row["cumulative"] or np.isnan(row["from_value"]):
            continue
        growth = peer_growth(data, row["indicator_id"], since=since)
        growth = growth[(growth["city"] != city) & growth["growth"].notna()]
        if growth.empty:
            continue
        best = growth.loc[(row["sign"] * growth["growth"]).idxmax()]
        grown = row["from_value"] * (1 + best["growth"]) ** (year - row["from_year"])
        if row["sign"] * (grown - row["trend"]) > 0 or np.isnan(row["trend"]):
            value[i] = grown
            basis[i] = text["stretch_peer"].format(since=since, peer=best["city"], g=f"{best['growth']:+.1%}")
        else:
            value[i], basis[i] = row["trend"], text["stretch_trend"]
    return value, basis
