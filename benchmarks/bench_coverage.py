"""Calibration of the combined 80% projection band on the packaged data.

Not a timing: each row is a figure with a pass range. The coverage and the share of
outcomes above the median are out of sample (each series is left out of its own
calibration). ``before`` is the combined band of gzinnov 0.1 (quantile-averaged methods),
as measured by the 2026 methods review on the same rolling-origin forecasts.
"""

from gzinnov.analysis import calibrate

BEFORE = {("covered", "all cities"): 0.746, ("above_median", "all cities"): 0.316,
          ("covered", "3 or more points"): 0.745, ("above_median", "3 or more points"): 0.363}


def run():
    print(calibrate.render_coverage())
    cov = calibrate.coverage_table().set_index("set")
    brier = calibrate.reliability()[0].set_index("model")["brier"]
    rows = []
    for name, col, low, high in (("coverage", "covered", 0.75, 0.85), ("above median", "above_median", 0.40, 0.60)):
        for subset in ("all cities", "3 or more points"):
            value = cov.loc[subset, col]
            rows.append({"name": f"combined 80% band: {name}, {subset}", "seconds": None,
                         "reference_name": "before", "target": None, "passed": bool(low <= value <= high),
                         "note": f"{value:.1%} of {cov.loc[subset, 'forecasts']} forecasts (target {low:.0%}–"
                                 f"{high:.0%}; before {BEFORE[col, subset]:.1%})"})
    rows.append({"name": "combined 80% band: coverage, Guangzhou", "seconds": None, "reference_name": "before",
                 "target": None, "note": f"{cov.loc['Guangzhou', 'covered']:.1%} (before 67.0%)"})
    ours, walk = brier["calibrated combined band"], brier["random walk with drift (textbook)"]
    rows.append({"name": "Brier score of p(outcome past a growth path)", "seconds": None,
                 "reference_name": "random walk with drift", "target": None, "passed": bool(ours < walk),
                 "note": f"{ours:.3f} against {walk:.3f} (base rate {brier['base rate']:.3f})"})
    return rows
