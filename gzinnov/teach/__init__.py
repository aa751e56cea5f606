"""Classroom exercises on the package's own figures, with checks that explain in zh and en.

Each check takes a student's answer and says whether it is right and, when it is not,
why: a percentage typed where a fraction was asked for, the wrong number of years, a
simple average instead of a compound rate. The numbers come from the packaged data and
the scorecard, so the lesson keeps in step with the latest figures::

    gz.teach.ask("cagr")          # the question, with the numbers
    gz.teach.check_cagr(0.146)    # ✓ or ✗, and why

The notebooks also show the package's tables through :func:`show` (localised, rounded
plain text), explore one indicator with :func:`explorer`, and find their example files
with :func:`example_path`. :func:`student_notebook` writes the classroom notebook without
its worked answers (``./tasks student``).

May import: every layer below it (top-level modules, ingest, analysis, charts, brief).
"""

__all__ = ["Message", "Feedback", "EXERCISES", "ask", "check_intensity", "check_cagr",
           "check_required_growth", "check_verdict", "explain_required_growth", "what_if",
           "what_if_slider", "example_path", "show", "describe_group", "methods_table", "point_sources",
           "explore", "explorer", "tally", "widen_outlook", "SCORECARD_VIEW", "SOURCE_VIEW", "student_notebook"]

from .exercises import EXERCISES, ask, check_cagr, check_intensity, check_required_growth, check_verdict
from .explorer import explore, explorer
from .feedback import Feedback, Message
from .inputs import example_path
from .reshape import methods_table, point_sources, widen_outlook
from .student import student_notebook
from .views import SCORECARD_VIEW, SOURCE_VIEW, describe_group, show, tally
from .whatif import explain_required_growth, what_if, what_if_slider
