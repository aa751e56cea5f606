"""The pack's progress: how many charts were reused and how many redrawn.

A tqdm bar on a terminal, tqdm's notebook bar in Jupyter, plain lines otherwise (a log,
a pipe), nothing when asked for none.
"""

__all__ = ["Progress"]

import sys


def _in_notebook():
    """True in a Jupyter kernel (where tqdm.auto draws its notebook bar)."""
    ipython = sys.modules.get("IPython")  # never imported here: only looked for
    shell = ipython.get_ipython() if ipython is not None and hasattr(ipython, "get_ipython") else None
    return shell is not None and "IPKernelApp" in getattr(shell, "config", {})


class Progress:
    """Count charts as they are reused or redrawn, and show the count.

    Parameters
    ----------
    total : int
        Charts in the pack.
    show : bool, optional
        False shows nothing; True a bar (a notebook bar in Jupyter); None a bar on a
        terminal or in Jupyter and plain lines on stderr otherwise.
    """

    def __init__(self, total, show=None):
        self.total, self.counts, self.bar, self._said = total, {"reused": 0, "redrawn": 0}, None, 0
        self.lines = show is None and not _in_notebook() and not sys.stderr.isatty()
        if show is False or self.lines:
            return
        from tqdm.auto import tqdm

        self.bar = tqdm(total=total, desc="gzinnov brief", unit="chart", file=sys.stderr)

    def text(self):
        """Return "N reused, M redrawn"."""
        return f"{self.counts['reused']} reused, {self.counts['redrawn']} redrawn"

    def update(self, kind, n=1):
        """Count ``n`` charts as ``kind`` ("reused" or "redrawn")."""
        self.counts[kind] += n
        if self.bar is not None:
            self.bar.set_postfix_str(self.text(), refresh=False)
            self.bar.update(n)
        elif self.lines:
            done = sum(self.counts.values())
            if done == self.total or done - self._said >= max(1, self.total // 10):
                self._said = done
                print(f"gzinnov brief: {done}/{self.total} charts ({self.text()})", file=sys.stderr, flush=True)

    def close(self):
        if self.bar is not None:
            self.bar.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
