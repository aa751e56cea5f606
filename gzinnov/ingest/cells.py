"""Work on a table's cells once per distinct value, and collect problems row by row.

A column of 100,000 rows typically holds a few dozen distinct cells (indicator ids,
cities, statuses): reading each distinct cell once keeps the checks fast.
"""

__all__ = ["CodedColumn", "ProblemReport", "quote"]

import numpy as np
import pandas as pd

from ..errors import Problem, Text
from .parse import normalise_text


class CodedColumn:
    """A column as codes into its distinct values, so that each value is read once, not each row."""

    def __init__(self, frame, column):
        series = frame[column] if column in frame else pd.Series(np.nan, index=frame.index)
        if isinstance(series.dtype, pd.CategoricalDtype):
            self.codes, uniques = series.cat.codes.to_numpy(), series.cat.categories
        else:
            self.codes, uniques = pd.factorize(series, use_na_sentinel=True)
        # code -1 (a blank cell) points at the last entry
        self.text = [normalise_text(u) for u in uniques] + [""]

    def map(self, func, dtype=object):
        """Return ``func(normalised text)`` for every row, computed once per distinct value."""
        table = np.empty(len(self.text), dtype=dtype)
        table[:] = [func(t) for t in self.text]
        return table[self.codes]


def quote(cell):
    """Show a cell as found: quoted text, a number, a date, or "nothing"."""
    if cell is None or cell is pd.NA or (isinstance(cell, float) and np.isnan(cell)) or str(cell).strip() == "":
        return Text("nothing", "空白")
    if hasattr(cell, "isoformat"):
        return Text(f"the date {cell:%Y-%m-%d}", f"日期{cell:%Y-%m-%d}")
    if isinstance(cell, (int, float, np.number)) and not isinstance(cell, bool):  # read as a number by pandas
        return repr(getattr(cell, "item", lambda: cell)()).removesuffix(".0")
    return repr(cell)


class ProblemReport:
    """Collect problems for one file; rows are addressed by position."""

    def __init__(self, frame, name):
        self.name, self.problems = name, list(frame.attrs.get("problems", []))
        self.rows = frame["_row"].to_numpy()
        self.sheets = frame["_sheet"].to_numpy() if "_sheet" in frame else None
        self.frame = frame

    def add(self, mask, column, expected, found=None):
        """Add one problem per row in ``mask``.

        ``expected`` is one Text, or a callable giving the Text for a row position;
        ``found`` is an array of what each row holds (default: the raw cells of ``column``).
        """
        where = np.flatnonzero(mask)
        if not len(where):
            return
        found = self.frame[column].to_numpy() if found is None else found
        for i in where:
            self.problems.append(Problem(
                self.name, int(self.rows[i]), column, found[i] if isinstance(found[i], Text) else quote(found[i]),
                expected(i) if callable(expected) else expected,
                sheet=None if self.sheets is None else self.sheets[i]))

    def sorted(self):
        """Return the problems by sheet and row; within a row, in the order they were found."""
        order = {s: k for k, s in enumerate(pd.unique(self.sheets))} if self.sheets is not None else {}
        return sorted(self.problems, key=lambda p: (order.get(p.sheet, 0), p.row or 0))
