"""Explore one indicator: trajectory, verdict, projection methods and sources, with dropdowns."""

__all__ = ["explore", "explorer"]

from ..charts.labels import city_name
from ..registry import load_registry
from .feedback import Message
from .inputs import load
from .reshape import methods_table, point_sources
from .views import SOURCE_VIEW, show


def explore(indicator="rd_intensity", city="Guangzhou", lang="zh", data=None):
    """Display one indicator for one city: its trajectory, scorecard row, methods and sources.

    The numbers are those of :func:`gzinnov.scorecard`, :func:`gzinnov.project`,
    :func:`gzinnov.backtest` and the sources table, shown with :func:`show`.

    Parameters
    ----------
    indicator, city, data
        As in :func:`methods_table`.
    lang : {"zh", "en"}
        Language of the chart and tables.
    """
    import matplotlib.pyplot as plt
    from IPython.display import display

    from ..analysis.assess import scorecard
    from ..charts import plot_trajectory

    data = load(data)
    ax = plot_trajectory(data, indicator=indicator, city=city, lang=lang)
    display(ax.figure)
    plt.close(ax.figure)
    card = scorecard(data, city, lang=lang)
    if indicator in set(card["indicator_id"]):
        display(show(card, indicator=indicator, lang=lang))
    else:
        display(Message(f"{city_name(city, 'zh')}没有这一指标的公开目标。", f"{city} has no published target for it.",
                        lang))
    display(show(methods_table(indicator, city=city, data=data), lang=lang))
    display(show(point_sources(indicator, city=city, data=data), SOURCE_VIEW, lang=lang))


def explorer(*, indicator="rd_intensity", city="Guangzhou", lang="zh", data=None):
    """Return dropdowns (indicator, city, language) that run :func:`explore` on each choice.

    In a script or a headless run, where widgets cannot be shown, call :func:`explore`
    with plain arguments instead.

    Parameters
    ----------
    indicator, city, lang, data
        The first choice, as in :func:`explore`.
    """
    import ipywidgets as widgets

    from ..analysis.peers import PEERS

    by_id, _ = load_registry()
    choose = {
        "indicator": widgets.Dropdown(options=[(f"{i.short(lang)} ({iid})", iid) for iid, i in by_id.items()],
                                      value=indicator, description="指标" if lang == "zh" else "Indicator"),
        "city": widgets.Dropdown(options=[(city_name(c, lang), c) for c in ["Guangzhou", *PEERS]], value=city,
                                 description="城市" if lang == "zh" else "City"),
        "lang": widgets.Dropdown(options=[("中文", "zh"), ("English", "en")], value=lang,
                                 description="语言" if lang == "zh" else "Language"),
    }
    return widgets.interactive(explore, **choose, data=widgets.fixed(load(data)))
