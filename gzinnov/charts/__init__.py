"""Briefing charts, in Chinese or English.

Axes-level functions take the data first, then keyword-only options, ``lang`` and
``ax=None``, and return the Axes; :func:`plot_dashboard` composes them into a Figure.

May import: the top-level modules (``style`` is the theme), ``ingest``, ``analysis`` and this
folder. Only this folder and ``style`` load matplotlib.
"""

__all__ = ["plot_trajectory", "plot_scorecard", "plot_status_heatmap", "assess_by_year",
           "plot_peers_ranked", "plot_peer_lines", "plot_indexed_growth", "plot_ambition",
           "plot_outlook", "plot_dashboard", "plot_ambition_2030"]

from .ambition import plot_ambition_2030
from .dashboard import plot_dashboard
from .outlook import plot_outlook
from .peers import plot_ambition, plot_indexed_growth, plot_peer_lines, plot_peers_ranked
from .scorecard import assess_by_year, plot_scorecard, plot_status_heatmap
from .trajectory import plot_trajectory
