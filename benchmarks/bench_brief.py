"""The briefing pack: the whole pack in both languages, against a 60-second budget and against
bare matplotlib saving the same number of comparable figures in the same formats.

Both are run as ``python`` subprocesses, so each time includes starting Python and its imports.
"""

import resource
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
BUDGET = 60.0


def _timed(command):
    """Run ``command``; return its wall-clock seconds and the CPU seconds it used."""
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime


def _pack(jobs=None):
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "briefing"
        command = [sys.executable, "-m", "gzinnov", "brief", "--out", str(out), "--lang", "both"]
        seconds, cpu = _timed(command + ([] if jobs is None else ["--jobs", str(jobs)]))
        charts = len(list((out / "charts").rglob("*.png")))
    return seconds, cpu, charts


def _bare(n):
    """Time bare matplotlib making ``n`` figures; return wall and CPU seconds."""
    with tempfile.TemporaryDirectory() as tmp:
        return _timed([sys.executable, "-c", BARE, str(n), tmp])


def run():
    """Time the pack (parallel, then in one process) and bare matplotlib; return the rows."""
    pack, pack_cpu, charts = _pack()
    single, single_cpu, _ = _pack(jobs=1)
    bare, bare_cpu = _bare(charts)
    per = f"per chart ({charts} charts: PNG 200 dpi + SVG + PDF page)"
    return [
        result("briefing pack, zh + en (gzinnov brief)", pack, "budget", BUDGET, 1.0,
               note=f"{charts} charts, tables, index.html; one process per language; CPU {pack_cpu:.0f} s"),
        result(f"pack {per}", pack / charts, "bare matplotlib savefig, same outputs", bare / charts, 2.0,
               note=f"the pack's default; CPU per chart {pack_cpu / charts:.2f} s vs bare {bare_cpu / charts:.2f} s"),
        result(f"pack in one process {per}", single / charts, "bare matplotlib savefig, same outputs",
               bare / charts, 2.0, note=f"--jobs 1; CPU per chart {single_cpu / charts:.2f} s"),
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
