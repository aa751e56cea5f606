"""gzinnov: track Guangzhou's 14th Five-Year S&T Innovation Plan targets.

The package imports cheaply: analysis modules load on first use, and matplotlib only
when a chart is drawn.
"""

import importlib
import importlib.util
import sys

__version__ = "0.1.0"

_LAZY = {
    "indicators": "registry", "targets": "names", "get_indicator": "names", "groups": "registry",
    "resolve_city": "names", "resolve_indicator": "names",
    "plans": "registry", "ambition": "analysis.ambition", "plan_headline": "analysis.assess",
    "observations": "ingest.load", "sources": "ingest.load", "alternatives": "ingest.load",
    "load_observations": "ingest.load", "validate": "ingest.load", "combine": "ingest.load",
    "coverage": "ingest.load", "superseded": "ingest.load", "key_status": "ingest.load",
    "DataError": "errors", "RegistryError": "errors", "DataWarning": "errors",
    "scorecard": "analysis.assess", "assess_progress": "analysis.assess", "project": "analysis.trajectory",
    "backtest": "analysis.backtest", "compare": "analysis.peers", "compare_targets": "analysis.peers",
    "outlook": "analysis.outlook",
    "example_path": "teach",
    "theme": "style", "plot_trajectory": "charts", "plot_scorecard": "charts", "plot_status_heatmap": "charts",
    "plot_peers_ranked": "charts", "plot_peer_lines": "charts", "plot_indexed_growth": "charts",
    "plot_ambition": "charts", "plot_outlook": "charts", "plot_dashboard": "charts", "assess_by_year": "charts",
    "plot_ambition_2030": "charts",
    "export_figure": "brief.export", "build_brief": "brief.build",
}
_SUBMODULES = {"registry", "names", "derive", "errors", "tables", "files", "style", "ingest", "analysis", "charts",
               "brief", "teach"}

# Where the modules of gzinnov 0.1 now live: ``import gzinnov.assess`` still works.
_MOVED = {
    "readfile": "ingest.read", "readtext": "ingest.text", "readxlsx": "ingest.xlsx", "parse": "ingest.parse",
    "cells": "ingest.cells", "checks": "ingest.checks", "data": "ingest.load",
    "growth": "analysis.growth", "forecast": "analysis.forecast", "backtesting": "analysis.backtest",
    "trajectory": "analysis.trajectory", "assess": "analysis.assess", "reasons": "analysis.reasons",
    "panel": "analysis.panel", "peers": "analysis.peers", "nextplan": "analysis.outlook",
    "brief_html": "brief.html", "brief_tables": "brief.tables", "brief_render": "brief.render",
    "export": "brief.export",
}


class _MovedFinder:
    """Find a module under its old name and hand back the module at its new place."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        old = name.removeprefix(__name__ + ".")
        if old == name or old not in _MOVED:
            return None
        return importlib.util.spec_from_loader(name, _MovedFinder)

    @staticmethod
    def create_module(spec):
        return importlib.import_module(f"{__name__}.{_MOVED[spec.name.removeprefix(__name__ + '.')]}")

    @staticmethod
    def exec_module(module):
        pass


sys.meta_path.insert(0, _MovedFinder)

__all__ = sorted(_LAZY) + ["__version__"]


def __getattr__(name):
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES or name in _MOVED:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'gzinnov' has no attribute {name!r}")


def __dir__():
    return __all__
