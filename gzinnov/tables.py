"""Format tables as text: Markdown for READMEs and briefings."""

__all__ = ["to_markdown"]

import math


def _cell(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    try:
        import pandas as pd

        if value is pd.NA:
            return ""
    except ImportError:  # pragma: no cover
        pass
    return str(value).replace("|", "\\|").replace("\n", " ")


def to_markdown(frame, *, floatfmt=None):
    """Return ``frame`` as a GitHub-flavoured Markdown table (index dropped).

    Parameters
    ----------
    frame : DataFrame
    floatfmt : str, optional
        A format spec for float cells, e.g. ".2f".
    """
    header = [str(c) for c in frame.columns]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for row in frame.itertuples(index=False):
        cells = [format(v, floatfmt) if floatfmt and isinstance(v, float) and not math.isnan(v) else _cell(v)
                 for v in row]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
