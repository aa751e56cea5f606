"""gzinnov's benchmarks: each figure beside a reference measured in the same run.

Run them all with ``python -m benchmarks`` (or ``./tasks bench``). Each ``bench_*.py``
module exposes ``run()``, returning a list of dicts:

``name``
    what was timed.
``seconds``
    its median time, or None when it could not be timed (then say why in ``note``).
``reference_name``, ``reference_seconds``
    what it is compared with, timed in the same run (or a fixed budget).
``ratio``
    ``seconds / reference_seconds``.
``target``
    the largest acceptable ``ratio``; when there is no reference, the largest
    acceptable ``seconds``; None for a figure shown for information.
``note`` (optional)
    anything the reader needs, e.g. "matplotlib was imported".
``passed`` (optional)
    a verdict that overrides the comparison with ``target``.
"""

__all__ = ["interleaved", "python_command", "result"]

import statistics
import subprocess
import sys
import time


def _once(func):
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def interleaved(measured, reference, repeat=7):
    """Time two callables turn about, ``repeat`` times each; return their median seconds.

    Taking turns spreads the noise of a busy machine evenly over both.
    """
    times = [], []
    for _ in range(repeat):
        times[1].append(_once(reference))
        times[0].append(_once(measured))
    return statistics.median(times[0]), statistics.median(times[1])


def python_command(code):
    """Return a callable that runs ``python -c code`` in a fresh interpreter."""
    command = [sys.executable, "-c", code]
    return lambda: subprocess.run(command, check=True, capture_output=True)


def result(name, seconds, reference_name, reference_seconds, target, **extra):
    """Return one benchmark row, with ``ratio`` computed when there is a reference."""
    ratio = seconds / reference_seconds if seconds is not None and reference_seconds else None
    return {"name": name, "seconds": seconds, "reference_name": reference_name,
            "reference_seconds": reference_seconds, "ratio": ratio, "target": target, **extra}
