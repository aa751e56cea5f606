"""gzinnov: track Guangzhou's 14th Five-Year S&T Innovation Plan targets.

The package imports cheaply: analysis modules load on first use, and matplotlib only
when a chart is drawn.
"""

import importlib

__version__ = "0.1.0"

_LAZY = {
    "indicators": "registry", "targets": "registry", "get_indicator": "registry", "groups": "registry",
    "observations": "data", "sources": "data", "alternatives": "data", "load_observations": "data",
    "validate": "data", "combine": "data", "coverage": "data",
    "DataError": "errors", "RegistryError": "errors", "DataWarning": "errors",
    "scorecard": "assess", "assess_progress": "assess", "project": "trajectory", "backtest": "backtesting",
    "compare": "peers", "compare_targets": "peers", "outlook": "nextplan",
    "example_path": "teach",
    "theme": "style", "plot_trajectory": "charts", "plot_scorecard": "charts", "plot_status_heatmap": "charts",
    "plot_peers_ranked": "charts", "plot_peer_lines": "charts", "plot_indexed_growth": "charts",
    "plot_ambition": "charts", "plot_outlook": "charts", "plot_dashboard": "charts", "assess_by_year": "charts",
    "export_figure": "export", "build_brief": "brief",
}
_SUBMODULES = {"registry", "data", "parse", "derive", "errors", "checks", "readfile", "tables", "files", "teach"}

__all__ = sorted(_LAZY) + ["__version__"]


def __getattr__(name):
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'gzinnov' has no attribute {name!r}")


def __dir__():
    return __all__
