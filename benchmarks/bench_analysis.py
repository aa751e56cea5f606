"""Time the analysis layer on a synthetic panel of 300 cities × 12 indicators × 16 years.

Targets:
- the verdict columns of the scorecard (no projections) take under 3 times as long as
  ``pandas.read_csv`` takes to read the same panel from CSV text;
- projections of all 3,600 series, their backtests included, take under 60 seconds.
"""

__all__ = ["synthetic_panel", "run"]

import io
import time

import numpy as np
import pandas as pd

N_CITIES, YEARS = 300, np.arange(2008, 2024)
# indicator -> (value in 2008, mean yearly growth); shares stay well inside 0-100
SHAPES = {
    "sti_platforms": (80, 0.08), "basic_research_share": (6.0, 0.04), "tech_contract_turnover": (200, 0.15),
    "high_value_patents_per_10k": (4.0, 0.12), "national_incubators": (10, 0.09),
    "industrial_rd_to_revenue": (0.9, 0.04), "hitech_output_share": (35, 0.02), "overseas_talent": (0.2, 0.05),
    "rd_staff_per_10k_employed": (70, 0.05), "rd_intensity": (1.8, 0.04), "new_listed_tech_firms": (8, 0.06),
    "science_literacy": (8.0, 0.07),
}


def synthetic_panel(seed=0):
    """Return ``(observations, targets)``: a random but reproducible panel and a target per series."""
    from gzinnov.registry import get_indicator, targets as registry_targets

    rng = np.random.default_rng(seed)
    cities = [f"City{i:03d}" for i in range(N_CITIES)]
    frames, goals = [], []
    for iid, (start, growth) in SHAPES.items():
        level = start * rng.lognormal(0, 0.3, (N_CITIES, 1))
        steps = rng.normal(growth, 0.04, (N_CITIES, len(YEARS)))
        values = level * np.exp(np.cumsum(steps, axis=1))
        high = get_indicator(iid).bounds[1]
        values = values if high is None else np.minimum(values, 0.95 * high)  # shares stay below 100
        frames.append(pd.DataFrame({"indicator_id": iid, "city": np.repeat(cities, len(YEARS)),
                                    "year": np.tile(YEARS, N_CITIES), "value": values.ravel().round(4)}))
        goals.append(pd.DataFrame({"indicator_id": iid, "city": cities,
                                   "target_value": values[:, YEARS == 2020].ravel() * (1 + growth) ** 5}))
    data = pd.concat(frames, ignore_index=True).assign(status="final", source_id="synthetic", ref="",
                                                       note="", lower_bound=False)
    template = registry_targets("Guangzhou").drop(columns=["city", "target_value"])
    goals = pd.concat(goals, ignore_index=True).merge(template, on="indicator_id")
    return data, goals[template.columns.insert(1, "city").insert(6, "target_value")]


def run(repeat=7):
    """Time each target (medians of ``repeat`` interleaved runs); return one dict per measurement."""
    from benchmarks import interleaved, result
    from gzinnov.analysis.assess import assess_progress
    from gzinnov.analysis.trajectory import project

    data, goals = synthetic_panel()
    text = data.to_csv(index=False)
    table = pd.read_csv(io.StringIO(text))
    assess_progress(table, goals, projections=False)  # warm the registry cache
    verdicts, read = interleaved(lambda: assess_progress(table, goals, projections=False),
                                 lambda: pd.read_csv(io.StringIO(text)), repeat=repeat)
    start = time.perf_counter()
    project(table, until=2030)
    projections = time.perf_counter() - start
    return [
        result("scorecard verdicts, 3,600 targets (no projections)", verdicts,
               f"pandas.read_csv of the same panel ({len(data):,} rows)", read, 3.0),
        result("project() of 3,600 series to 2030, backtests included", projections, None, None, 60.0,
               note="closed-form methods; ETS only when asked"),
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
