"""Compute derived indicators from their published inputs, recording what went in."""

__all__ = ["DERIVATIONS", "derive", "later_date", "date_end"]

import pandas as pd

# target id -> (numerator id, denominator id, multiplier)
DERIVATIONS = {
    "rd_staff_per_10k_employed": ("rd_personnel_fte", "employed_persons", 1.0),
    "industrial_rd_to_revenue": ("industrial_rd_expenditure", "industrial_revenue", 100.0),
}


def date_end(text):
    """Return the last day an ISO date of any precision can mean ("2025" -> "2025-12-31"), or "" if blank."""
    text = str(text or "")
    if len(text) == 4:
        return f"{text}-12-31"
    if len(text) == 7:
        return str((pd.Period(text, "M").end_time).date())
    return text


def later_date(a, b):
    """Return, row by row, the later of two date columns (a blank date is unknown, so blank wins)."""
    a, b = a.fillna("").astype(str), b.fillna("").astype(str)
    ea, eb = a.map(date_end), b.map(date_end)
    return a.where((ea >= eb) & (eb != "") | (ea == ""), b)


def derive(data):
    """Return derived rows for every key where both inputs exist and no published value does.

    ``rd_staff_per_10k_employed`` = R&D FTE (person-years) ÷ employed persons (10,000).
    ``industrial_rd_to_revenue`` = industrial R&D ÷ industrial revenue × 100.

    A derived value is published when its later input is (``published`` = the later date).
    """
    from .registry import load_registry

    key = ["city", "year"]
    out = []
    for target, (num_id, den_id, factor) in DERIVATIONS.items():
        num = data[data["indicator_id"] == num_id].set_index(key)
        den = data[data["indicator_id"] == den_id].set_index(key)
        both = num.merge(den, left_index=True, right_index=True, suffixes=("_n", "_d"))
        both = both[both["value_d"] > 0]
        if both.empty:
            continue
        published = set(map(tuple, data.loc[data["indicator_id"] == target, key].to_numpy()))
        both = both[[k not in published for k in both.index]]
        rows = pd.DataFrame({
            "indicator_id": target,
            "value": both["value_n"] / both["value_d"] * factor,
            "status": "derived",
            "source_id": both["source_id_n"],
            "ref": f"gzinnov.derive: {num_id} / {den_id}" + (f" x {factor:g}" if factor != 1 else ""),
            "note": (f"{num_id}=" + both["value_n"].map("{:g}".format) + " (" + both["source_id_n"] + "); "
                     f"{den_id}=" + both["value_d"].map("{:g}".format) + " (" + both["source_id_d"] + ")"),
            "lower_bound": both["lower_bound_n"] | both["lower_bound_d"],
        }).reset_index()
        if "series_break" in data:  # a ratio breaks where either input does
            rows["series_break"] = (both["series_break_n"] | both["series_break_d"]).to_numpy()
        if "published" in data:
            rows["published"] = later_date(both["published_n"], both["published_d"]).to_numpy()
        if "unit" in data:
            rows["unit"] = load_registry()[0][target].unit_zh
        out.append(rows)
    if not out:
        return data.iloc[0:0]
    return pd.concat(out, ignore_index=True)[data.columns]
