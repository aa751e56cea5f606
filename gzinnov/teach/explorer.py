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

    from ..names import check_lang

    check_lang(lang)
    by_id, _ = load_registry()
    choose = {"indicator": widgets.Dropdown(), "city": widgets.Dropdown(),
              "lang": widgets.Dropdown(options=[("中文", "zh"), ("English", "en")], value=lang)}

    def relabel(lang):
        """Write every label in ``lang``; the choices stay as they are."""
        for key, options in (("indicator", [(f"{i.short(lang)} ({iid})", iid) for iid, i in by_id.items()]),
                             ("city", [(city_name(c, lang), c) for c in ["Guangzhou", *PEERS]])):
            value = choose[key].value
            choose[key].options = options
            choose[key].value = value
        for key, zh, en in (("indicator", "指标", "Indicator"), ("city", "城市", "City"), ("lang", "语言", "Language")):
            choose[key].description = zh if lang == "zh" else en

    choose["indicator"].options = [(iid, iid) for iid in by_id]
    choose["city"].options = [(c, c) for c in ["Guangzhou", *PEERS]]
    choose["indicator"].value, choose["city"].value = indicator, city
    relabel(lang)
    choose["lang"].observe(lambda change: relabel(change["new"]), names="value")
    return widgets.interactive(explore, **choose, data=widgets.fixed(load(data)))
