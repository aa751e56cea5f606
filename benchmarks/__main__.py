"""Run every ``bench_*.py`` module and print each figure beside its reference and target.

Usage: ``python -m benchmarks [NAME ...] [--markdown]``, where NAME picks modules
(``load`` runs ``bench_load``). A module that is missing or fails is reported as such,
and the others still run.
"""

import argparse
import importlib
import os
import pkgutil
import platform
import sys
import traceback
from pathlib import Path

# the modules the project expects; others found beside them run too
EXPECTED = ["bench_import", "bench_load", "bench_analysis", "bench_brief", "bench_notebooks", "bench_coverage"]
COLUMNS = ["benchmark", "seconds", "reference", "ref. seconds", "ratio", "target", "result", "note"]


def machine():
    """Return one line describing the machine and the versions measured."""
    import numpy
    import pandas

    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [ln.split(":", 1)[1].strip() for ln in cpuinfo.read_text().splitlines() if ln.startswith("model name")]
        model = names[0] if names else model
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (f"{usable} cores usable ({os.cpu_count()} in the machine), {model}; {platform.system()} "
            f"{platform.release()}; Python {platform.python_version()}, pandas {pandas.__version__}, "
            f"numpy {numpy.__version__}")


def _seconds(value):
    return "—" if value is None else f"{value:.3f}"


def verdict(row):
    """Return PASS, MISS, FAILED, "missing" or "info" for one result row."""
    if "verdict" in row:
        return row["verdict"]
    if row.get("passed") is not None:
        return "PASS" if row["passed"] else "MISS"
    if row.get("target") is None or row.get("seconds") is None:
        return "info"
    measured = row["ratio"] if row.get("reference_seconds") else row["seconds"]
    return "PASS" if measured <= row["target"] else "MISS"


def cells(row):
    """Return the printed cells of one result row."""
    target = row.get("target")
    if target is not None:
        target = f"ratio ≤ {target:g}" if row.get("reference_seconds") else f"≤ {target:g} s"
    ratio = row.get("ratio")
    return [row["name"], _seconds(row.get("seconds")), row.get("reference_name") or "—",
            _seconds(row.get("reference_seconds")), "—" if ratio is None else f"{ratio:.2f}",
            target or "—", verdict(row), row.get("note", "")]


def run_module(name):
    """Import and run one bench module; return its rows (a failure becomes one row)."""
    try:
        module = importlib.import_module(f"benchmarks.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"benchmarks.{name}":
            return [{"name": name, "note": "no such module yet", "verdict": "missing"}]
        raise
    return module.run()


def safely(name):
    try:
        return run_module(name)
    except Exception as exc:  # a broken bench must not stop the others
        last = traceback.extract_tb(exc.__traceback__)[-1]
        message = " ".join(str(exc).split())[:200]
        return [{"name": name, "verdict": "FAILED",
                 "note": f"{type(exc).__name__}: {message} ({Path(last.filename).name}:{last.lineno})"}]


def render(rows, markdown=False):
    """Return the table of results as text (or a Markdown table)."""
    table = [COLUMNS] + [cells(r) for r in rows]
    if markdown:
        lines = ["| " + " | ".join(table[0]) + " |", "|" + "---|" * len(COLUMNS)]
        return "\n".join(lines + ["| " + " | ".join(map(str, r)) + " |" for r in table[1:]])
    widths = [min(max(len(str(r[j])) for r in table), 60) for j in range(len(COLUMNS))]
    return "\n".join("  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip() for r in table)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="modules to run, e.g. load import (default: all)")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args(argv)
    here = Path(__file__).parent
    found = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    names = EXPECTED + [n for n in found if n not in EXPECTED]
    if args.names:
        names = [n if n.startswith("bench_") else f"bench_{n}" for n in args.names]
    print(machine(), flush=True)
    rows = []
    for name in names:
        print(f"running {name} ...", file=sys.stderr, flush=True)
        rows += safely(name)
    print(render(rows, args.markdown))
    return 1 if any(verdict(r) in ("MISS", "FAILED") for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
