"""Tables the notebooks show that the analysis layer returns in another shape."""

__all__ = ["methods_table", "point_sources", "widen_outlook"]

from .inputs import load


def methods_table(indicator, *, city="Guangzhou", years=(2025, 2030), data=None):
    """Return each projection method's values in ``years`` beside its backtest error and weight.

    Parameters
    ----------
    indicator : str
        The registry id of the indicator.
    city : str
        The city, by its English name.
    years : tuple of int
        The projected years to show; the 80% interval is given for the last.
    data : DataFrame, optional
        Observations in the tidy shape; the packaged data when None.

    Returns
    -------
    DataFrame
        One row per method (``combined`` first): ``value_<year>`` for each year,
        ``lower`` and ``upper`` in the last, ``weight`` in the combination and the
        backtest ``mape`` (NaN where the series is too short to backtest).
    """
    from ..analysis.backtest import backtest
    from ..analysis.trajectory import project

    data = load(data)
    proj = project(data, indicator=indicator, city=city, until=max(years))
    proj = proj[proj["year"].isin(years)]
    wide = proj.pivot_table(index="method", columns="year", values="value", sort=False)
    out = wide.rename(columns=lambda y: f"value_{y}").reset_index()
    last = proj[proj["year"] == max(years)].set_index("method")
    for col in ("lower", "upper", "weight"):
        out[col] = out["method"].map(last[col])
    errors = backtest(data, indicator=indicator, city=city).set_index("method")["mape"]
    out["mape"] = out["method"].map(errors)
    out.insert(0, "indicator_id", indicator)
    return out.sort_values("method", key=lambda m: m != "combined", kind="stable").reset_index(drop=True)


def point_sources(indicator, *, city="Guangzhou", data=None):
    """Return every observation of one series with the source it comes from.

    Returns
    -------
    DataFrame
        ``indicator_id, year, value, status, lower_bound, source_id, source_publisher,
        source_title, source_url, ref``, one row per year.
    """
    from ..brief.tables import data_table
    from ..ingest.load import sources

    rows = data_table(load(data), sources(), [indicator])
    rows = rows[rows["city"] == city]
    cols = ["indicator_id", "year", "value", "status", "lower_bound", "source_id", "source_publisher",
            "source_title", "source_url", "ref"]
    return rows[cols].reset_index(drop=True)


def widen_outlook(outlook):
    """Return an outlook with one row per indicator: the trend, stretch and floor side by side.

    Parameters
    ----------
    outlook : DataFrame
        The output of :func:`gzinnov.outlook`.

    Returns
    -------
    DataFrame
        ``indicator_id, from_year, from_value``, then ``trend, stretch, floor`` (values in
        the target year) and ``trend_growth, stretch_growth, floor_growth`` (the annual
        growth each implies), and ``weak``.
    """
    keys = ["indicator_id", "from_year", "from_value"]
    wide = outlook.pivot_table(index="indicator_id", columns="candidate", values=["value", "implied_growth"],
                               aggfunc="first", dropna=False)
    out = outlook.groupby("indicator_id", sort=False)[keys[1:] + ["weak"]].first()
    for candidate in ("trend", "stretch", "floor"):
        out[candidate] = wide.get(("value", candidate))
        out[f"{candidate}_growth"] = wide.get(("implied_growth", candidate))
    return out.reset_index()[keys + ["trend", "stretch", "floor", "trend_growth", "stretch_growth", "floor_growth",
                                     "weak"]]

