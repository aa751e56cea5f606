"""A student's copy of the classroom notebook: the exercises without their worked answers."""

__all__ = ["student_notebook", "CLASSROOM"]

import re
from pathlib import Path

CLASSROOM = Path(__file__).resolve().parents[2] / "notebooks" / "05_classroom.ipynb"
_ANSWER = re.compile(r"\n*<details>.*?</details>\n*", re.S)
# the introduction's promise of folded answers, which the student's copy does not keep
_PROMISE = re.compile(r"[;；]?参考答案折叠在练习下面(?=[。;；])|;? ?worked answers are folded under each exercise", re.I)


def student_notebook(out="05_classroom_student.ipynb", *, source=None):
    """Write the classroom notebook without its worked answers, and with no stored outputs.

    Each ``<details>`` block ("参考答案 / Worked answer") is removed; the questions and the
    check functions stay, so students still get their feedback.

    Parameters
    ----------
    out : str or Path
        Where to write the student's copy.
    source : str or Path, optional
        The teacher's notebook; ``notebooks/05_classroom.ipynb`` when None.

    Returns
    -------
    Path
        ``out``.
    """
    import nbformat

    from ..files import write_text_atomic

    nb = nbformat.read(Path(source or CLASSROOM), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = _PROMISE.sub("", _ANSWER.sub("\n\n", cell.source)).strip()
        else:
            cell.outputs, cell.execution_count = [], None
    nb.cells = [c for c in nb.cells if c.source]
    nb.metadata.pop("jupytext", None)  # the copy is not paired with the teacher's script
    write_text_atomic(out, nbformat.writes(nb) + "\n")
    return Path(out)
