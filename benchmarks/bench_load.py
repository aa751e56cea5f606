"""Time loading and validating a 100,000-row user file against ``pandas.read_csv``.

The file has the columns of ``data/observations*.csv`` (see docs/data-model.md) and
numbers in the registry's bounds: 29 indicators × 290 made-up cities × 12 years, cut at
100,000 rows. Target: ``gz.load_observations`` under 3 times ``pandas.read_csv`` of
the same file.
"""

__all__ = ["make_file", "run"]

import tempfile
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks import interleaved, result

ROWS = 100_000


def make_file(path, rows=ROWS, seed=0):
    """Write a valid observations file of ``rows`` rows to ``path``; return ``path``."""
    from gzinnov.registry import load_registry

    by_id, _ = load_registry()
    rng = np.random.default_rng(seed)
    ids, years = list(by_id), np.arange(2012, 2024)
    cities = [f"City{k:03d}" for k in range(-(-rows // (len(ids) * len(years))))]
    key = pd.MultiIndex.from_product([ids, cities, years], names=["indicator_id", "city", "year"])
    table = key.to_frame(index=False).iloc[:rows]
    high = table["indicator_id"].map(lambda i: by_id[i].bounds[1] or 5000.0).to_numpy(float)
    table["value"] = np.round(rng.uniform(1.0, high), 2)
    table["unit"] = ""
    table["status"] = rng.choice(["final", "preliminary", "reported"], rows)
    table["source_id"] = "src_" + table["indicator_id"]
    table["ref"] = [f"表{k}" for k in rng.integers(1, 40, rows)]
    table["note"] = ""
    table["lower_bound"] = "false"
    # a target that is a total over the plan period needs each row to say it is the year's own figure;
    # like a user's file, the column is filled only on those rows
    table["basis"] = np.where(table["indicator_id"].map(lambda i: by_id[i].measure == "cumulative"), "当年新增", "")
    table.to_csv(path, index=False)
    return path


def run(repeat=7):
    """Time ``load_observations`` and ``read_csv``; return one dict (see :mod:`benchmarks`)."""
    import gzinnov as gz

    with tempfile.TemporaryDirectory() as folder:
        path = make_file(Path(folder) / "observations_100k.csv")
        loaded = gz.load_observations(path)  # warm the registry cache; check the file is valid
        assert len(loaded) == ROWS
        with warnings.catch_warnings():  # pandas warns of the mostly blank basis column ("mixed types")
            warnings.simplefilter("ignore", pd.errors.DtypeWarning)
            seconds, reference = interleaved(lambda: gz.load_observations(path), lambda: pd.read_csv(path), repeat)
    return [result(f"gz.load_observations, {ROWS:,}-row CSV (read + validate)", seconds,
                   "pandas.read_csv of the same file", reference, 3.0)]
