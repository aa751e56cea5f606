"""The briefing pack in both languages: a cold build (no previous pack), a warm rebuild with
nothing changed, and a rebuild after one user figure changes; against the cold build, against
bare matplotlib saving the same number of comparable figures in the same formats, and the cold
build against 25 seconds.

All are run as ``python`` subprocesses, so each time includes starting Python and its imports.
"""

import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    from . import result
except ImportError:  # run as a script
    from __init__ import result

# One comparable figure: eleven city lines with markers, a band, title, labels, legend and a
# source line; saved as a 200-dpi PNG, an SVG and a page of a PDF book, like each pack chart.
BARE = """
import sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.backends.backend_pdf import PdfPages

n, folder = int(sys.argv[1]), sys.argv[2]
rng = np.random.default_rng(0)
years = np.arange(2015, 2024)
with PdfPages(f"{folder}/book.pdf") as book:
    for i in range(n):
        fig, ax = plt.subplots(figsize=(10, 5.625))
        for city in range(11):
            ax.plot(years, rng.random(len(years)).cumsum(), marker="o", lw=2.5 if city == 0 else 1,
                    label=f"city {city}")
        ax.fill_between(years, 1, 3, alpha=0.2)
        ax.set_title(f"Indicator {i}", loc="left")
        ax.set_xlabel("Year")
        ax.set_ylabel("100 million yuan")
        ax.legend(fontsize="small", ncol=2)
        ax.annotate("Source: statistical yearbook (2023); news report (2022).", (0, -0.15),
                    xycoords="axes fraction", fontsize="x-small")
        fig.savefig(f"{folder}/chart{i}.png", dpi=200)
        fig.savefig(f"{folder}/chart{i}.svg")
        book.savefig(fig)
        plt.close(fig)
"""
BUDGET = 25.0  # seconds for a cold build on a quiet 2-core machine
HEADER = "indicator_id,city,year,value,status,source_id,note\n"
# One user figure, as an analyst adds one: a peer's R&D intensity for 2024 (a made-up value: it
# only has to change). It shows on the R&D-intensity charts and on the status of every city.
PEER_FIGURE = HEADER + "rd_intensity,Hangzhou,2024,3.86,reported,bench_survey,\n"
# The most-shown figure: Guangzhou's own R&D intensity, on its charts, the overview and both plans.
CITY_FIGURE = HEADER + "rd_intensity,Guangzhou,2024,3.61,reported,bench_survey,\n"
COUNTS = re.compile(r"(\d+)/(\d+) charts \((\d+) reused, (\d+) redrawn\)")


def _timed(command):
    """Run ``command``; return its wall-clock seconds, the CPU seconds it used, and its stderr."""
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime, done.stderr


def _build(out, *extra):
    """Build (or rebuild) the pack at ``out``; return wall and CPU seconds and (reused, redrawn)."""
    command = [sys.executable, "-m", "gzinnov", "brief", "--out", str(out), "--lang", "both", *extra]
    wall, cpu, err = _timed(command)  # stderr is a pipe: the progress comes as plain lines
    found = COUNTS.findall(err)
    return wall, cpu, (int(found[-1][2]), int(found[-1][3])) if found else (None, None)


def _charts_showing(pack, shows):
    """Count the charts of the pack (both languages) for whose id ``shows`` is true, from its manifest."""
    manifest = json.loads((pack / ".gzinnov-cache.json").read_text("utf-8"))
    return sum(shows(chart) for lang in manifest["charts"].values() for chart in lang)


def _rd_intensity(chart):
    return chart.endswith("-rd_intensity")


def _peer_shows(chart):  # R&D intensity's own charts, and the status of every city
    return _rd_intensity(chart) or chart == "status-by-city"


def _city_shows(chart):  # ... and every chart of Guangzhou's targets: the overview and the plans
    return _rd_intensity(chart) or chart.startswith("plan-") or chart in OVERVIEW


OVERVIEW = ("scorecard", "dashboard", "status-by-city", "status-by-year", "outlook-2030")


def _bare(n):
    """Time bare matplotlib making ``n`` figures; return wall and CPU seconds."""
    with tempfile.TemporaryDirectory() as tmp:
        return _timed([sys.executable, "-c", BARE, str(n), tmp])[:2]


def run():
    """Time bare matplotlib, a cold build, a warm rebuild, and a rebuild after one figure changes."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "briefing"
        cold, cold_cpu, _ = _build(out)
        charts = len(list((out / "charts").rglob("*.png")))
        bare, bare_cpu = _bare(charts)
        warm, warm_cpu, (w_reused, w_redrawn) = _build(out)
        changes = []
        for name, figure, shows in (("peer", PEER_FIGURE, _peer_shows), ("city", CITY_FIGURE, _city_shows)):
            mine = Path(tmp) / f"{name}.csv"
            mine.write_text(figure, "utf-8")
            pack = Path(tmp) / name
            shutil.copytree(out, pack)  # each change against the same previous pack
            expected = _charts_showing(out, shows)  # exactly these must be redrawn
            changes.append((*_build(pack, "--data", str(mine)), expected))
    load = os.getloadavg()[0]
    per = f"per chart ({charts} charts: PNG 200 dpi + SVG + PDF page)"
    return [
        result("briefing pack, zh + en, cold (no previous pack)", cold, "budget (quiet machine)", BUDGET, 1.0,
               note=f"{charts} charts, tables, index.html; CPU {cold_cpu:.0f} s; load average {load:.1f}"),
        result(f"cold pack {per}", cold / charts, "bare matplotlib savefig, same outputs", bare / charts, 1.0,
               note=f"CPU per chart {cold_cpu / charts:.2f} s vs bare {bare_cpu / charts:.2f} s"),
        result("warm rebuild, nothing changed", warm, "the cold build", cold, 0.10,
               note=f"{w_reused} reused, {w_redrawn} redrawn; CPU {warm_cpu:.1f} s", passed=None if w_redrawn == 0
               else False),
        *[result(title, wall, "the cold build", cold, target,
                 note=f"{reused} reused, {redrawn} redrawn (expected {expected}); CPU {cpu:.1f} s",
                 passed=None if redrawn == expected else False)
          for title, target, (wall, cpu, (reused, redrawn), expected) in zip(
              ("rebuild after one user figure changes (a peer's R&D intensity, Hangzhou 2024)",
               "rebuild after the most-shown figure changes (Guangzhou's R&D intensity 2024)"),
              (0.25, None), changes)],
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
