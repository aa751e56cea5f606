"""Time the notebook suite under nbval, as ``./tasks test`` runs it.

Target: under 120 seconds for ``pytest --nbval-lax notebooks/``. Notebooks are kept as
``.ipynb`` files; when there are none yet, the row says so.
"""

__all__ = ["run"]

import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import result

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
NAME = "pytest --nbval-lax notebooks/"


def run(timeout=900):
    """Run the notebooks once; return one dict (see :mod:`benchmarks`)."""
    found = sorted(NOTEBOOKS.glob("*.ipynb"))
    if not found:
        return [result(NAME, None, None, None, 120.0, note="no notebooks yet", passed=None)]
    command = [sys.executable, "-m", "pytest", "--nbval-lax", "-q", "-p", "no:cacheprovider", str(NOTEBOOKS)]
    start = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              cwd=NOTEBOOKS.parent, env={**os.environ, "MPLBACKEND": "Agg"})
    except subprocess.TimeoutExpired:
        return [result(NAME, None, None, None, 120.0, note=f"stopped after {timeout} s", passed=False)]
    seconds = time.perf_counter() - start
    summary = (done.stdout.strip().splitlines() or ["no output"])[-1]
    note = f"{len(found)} notebooks; {summary}"
    return [result(NAME, seconds, None, None, 120.0, note=note, passed=done.returncode == 0 and seconds <= 120.0)]
