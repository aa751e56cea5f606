"""The benchmark runner: verdicts, the printed table, and modules that are missing or fail."""

import sys
import types
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks import interleaved, result  # noqa: E402
from benchmarks.__main__ import cells, render, safely, verdict  # noqa: E402


@pytest.mark.parametrize("row, expected", [
    (result("x", 2.9, "ref", 1.0, 3.0), "PASS"),   # ratio 2.9 ≤ 3
    (result("x", 3.0, "ref", 1.0, 3.0), "PASS"),   # exactly at the target
    (result("x", 3.1, "ref", 1.0, 3.0), "MISS"),   # ratio 3.1 > 3
    (result("x", 119.0, None, None, 120.0), "PASS"),  # no reference: seconds against the target
    (result("x", 121.0, None, None, 120.0), "MISS"),
    (result("x", 0.1, "ref", 1.0, 1.3, passed=False), "MISS"),  # e.g. matplotlib was imported
    (result("x", 4.0, "ref", 1.0, None), "info"),
    (result("x", None, None, None, 120.0, note="no notebooks yet"), "info"),
])
def test_verdicts(row, expected):
    assert verdict(row) == expected


def test_ratio_and_printed_cells():
    row = result("load", 0.3, "read_csv", 0.12, 3.0)
    assert row["ratio"] == pytest.approx(2.5)  # 0.3 / 0.12
    assert cells(row)[:7] == ["load", "0.300", "read_csv", "0.120", "2.50", "ratio ≤ 3", "PASS"]
    assert cells(result("nb", 40.0, None, None, 120.0))[5] == "≤ 120 s"
    table = render([row], markdown=True).splitlines()
    assert table[0].startswith("| benchmark | seconds |") and table[2].startswith("| load | 0.300 |")


def test_a_missing_or_failing_module_is_a_row_not_a_crash(monkeypatch):
    assert verdict(safely("bench_not_written_yet")[0]) == "missing"
    broken = types.ModuleType("benchmarks.bench_broken")
    broken.run = lambda: 1 / 0
    monkeypatch.setitem(sys.modules, "benchmarks.bench_broken", broken)
    row = safely("bench_broken")[0]
    assert verdict(row) == "FAILED" and "ZeroDivisionError" in row["note"]


def test_interleaved_returns_the_median_of_each():
    calls = []
    seconds, reference = interleaved(lambda: calls.append("m"), lambda: calls.append("r"), repeat=3)
    assert calls == ["r", "m"] * 3 and seconds >= 0 and reference >= 0
