"""Time ``import gzinnov`` against ``import pandas``, each in fresh interpreters.

Target: under 1.3 times, with matplotlib not loaded. ``import gzinnov`` loads neither
pandas nor matplotlib; the first call that needs tables loads pandas, so a second row
shows that cost too, for information.
"""

__all__ = ["run"]

import json
import subprocess
import sys

from benchmarks import interleaved, python_command, result

HEAVY = ("matplotlib", "seaborn", "statsmodels", "scipy", "pandas")


def _loaded_after(code):
    probe = f"{code}; import sys, json; print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True)
    return [m for m in json.loads(out.stdout) if m in HEAVY]


def run(repeat=9):
    """Time the imports; return one dict per measurement (see :mod:`benchmarks`)."""
    pandas = python_command("import pandas")
    python_command("import gzinnov")()  # compile the byte code once
    rows = []
    for name, code, target in (("import gzinnov", "import gzinnov", 1.3),
                               ("import gzinnov; gz.indicators() (first use: loads pandas)",
                                "import gzinnov as gz; gz.indicators()", None)):
        seconds, reference = interleaved(python_command(code), pandas, repeat)
        heavy = _loaded_after(code)
        note = "loads " + ", ".join(heavy) if heavy else "loads none of " + ", ".join(HEAVY)
        passed = None if target is None else "matplotlib" not in heavy and seconds / reference <= target
        rows.append(result(name, seconds, "import pandas", reference, target, note=note, passed=passed))
    return rows
