"""Build the briefing pack: every chart in each language, the chart books, tables and a page.

The pack is built in a temporary folder beside ``out`` and swapped into place at the end,
so a failure halfway leaves the previous pack as it was.
"""

__all__ = ["build_brief", "load_data", "analyse", "chart_plan", "MARKER"]

import os
import shutil
import tempfile
from pathlib import Path

from .. import charts
from ..errors import DataError, GzinnovError
from ..registry import get_indicator, targets

MARKER = ".gzinnov-brief"  # marks a folder as a pack that a new build may replace
_KINDS = {
    "trajectory": ("走势与预测", "trajectory and projection"),
    "peers_ranked": ("同类城市最新值排名", "peer cities, latest values ranked"),
    "peer_lines": ("同类城市历年走势", "peer cities over time"),
    "indexed": ("增长指数(2020年=100)", "growth indexed to 2020 = 100"),
    "ambition": ("各城市目标的进取程度", "ambition of each city's target"),
}


def load_data(files=(), data=None, *, lang="en"):
    """Return the observations: ``data`` (the packaged ones when None) with users' files on top.

    Every file is validated first; if any has a problem, raise one ``DataError`` listing
    every problem in every file.
    """
    from ..ingest.load import combine, load_observations, observations

    base = observations() if data is None else data
    tables, problems = [], []
    for path in files:
        try:
            tables.append(load_observations(path, lang=lang))
        except DataError as exc:
            problems += exc.problems
    if problems:
        raise DataError(problems, lang=lang)
    return combine(base, *tables) if tables else base


def analyse(data, *, city="Guangzhou", langs=("zh", "en"), indicators=None):
    """Run every analysis the pack draws on, once; return the tables in a dict.

    ``indicators`` limits the pack to some of the city's targets (all when None).
    """
    from ..analysis.assess import assess_progress
    from ..analysis.outlook import outlook
    from ..analysis.peers import compare_targets
    from ..analysis.trajectory import project

    goals = targets(city)
    if indicators is not None:
        goals = goals[goals["indicator_id"].isin(list(indicators))].reset_index(drop=True)
    proj = project(data, city=city, until=2030)
    ids = list(goals["indicator_id"].drop_duplicates())

    def keep(table):
        return table[table["indicator_id"].isin(ids)].reset_index(drop=True)

    return {
        "data": data, "city": city, "projections": proj,
        "cards": {lang: assess_progress(data, goals, projections=proj, lang=lang) for lang in langs},
        "all_cities": assess_progress(data, keep(targets()), projections=False, lang=langs[0]),
        "by_year": keep(charts.assess_by_year(data, city=city, lang=langs[0])),
        "ambition": compare_targets(data, indicator=ids),
        "outlook": keep(outlook(data, city=city, projections=proj, lang=langs[0])),
        "indicators": ids,
    }


def chart_plan(a, lang):
    """Return the charts of the pack in one language: dicts of ``id, section, title, size, draw``."""
    data, city, proj = a["data"], a["city"], a["projections"]
    heads = {"zh": ("总览", "目标进展", "看板", "状态:各城市", "状态:历年", "2030年展望"),
             "en": ("Overview", "Scorecard", "Dashboard", "Status by city", "Status by year", "2030 outlook")}[lang]
    plan = [
        ("scorecard", heads[1], "slide", lambda: charts.plot_scorecard(a["cards"][lang], lang=lang, observations=data)),
        ("dashboard", heads[2], "a4", lambda: charts.plot_dashboard(data, city=city, lang=lang, projections=proj,
                                                                    indicators=a["indicators"])),
        ("status-by-city", heads[3], "slide",
         lambda: charts.plot_status_heatmap(a["all_cities"], columns="city", lang=lang, observations=data)),
        ("status-by-year", heads[4], "slide",
         lambda: charts.plot_status_heatmap(a["by_year"], columns="year", lang=lang, observations=data)),
        ("outlook-2030", heads[5], "slide",
         lambda: charts.plot_outlook(a["outlook"], city=city, lang=lang, observations=data)),
    ]
    out = [dict(id=i, section="overview", section_title=heads[0], title=t, size=s, draw=d) for i, t, s, d in plan]
    all_targets = targets()
    for iid in a["indicators"]:
        name = get_indicator(iid).name(lang)
        peers = [c for c in all_targets.loc[all_targets["indicator_id"] == iid, "city"] if c != city]
        draws = {
            "trajectory": lambda iid=iid, peers=peers: charts.plot_trajectory(
                data, indicator=iid, city=city, lang=lang, projections=proj, peers=peers),
            "peers_ranked": lambda iid=iid: charts.plot_peers_ranked(data, indicator=iid, city=city, lang=lang),
            "peer_lines": lambda iid=iid: charts.plot_peer_lines(data, indicator=iid, city=city, lang=lang),
            "indexed": lambda iid=iid: charts.plot_indexed_growth(data, indicator=iid, city=city, lang=lang),
            "ambition": lambda iid=iid: charts.plot_ambition(a["ambition"], indicator=iid, city=city, lang=lang,
                                                             observations=data),
        }
        for kind, draw in draws.items():
            label = _KINDS[kind][0 if lang == "zh" else 1]
            out.append(dict(id=f"{kind.replace('_', '-')}-{iid}", section=iid, section_title=name,
                            title=f"{name}:{label}" if lang == "zh" else f"{name}: {label}", size="slide", draw=draw))
    return out


def _write_tables(a, folder):
    from .tables import (data_table, scorecard_markdown, scorecard_table, sources_markdown, write_csv,
                               write_xlsx)
    from ..ingest.load import sources
    from ..files import write_text_atomic

    table = scorecard_table(a["cards"])
    write_csv(table, folder / "scorecard.csv")
    write_xlsx(table, folder / "scorecard.xlsx")
    write_text_atomic(folder / "scorecard.md", scorecard_markdown(a["cards"]))
    known = sources()
    used = data_table(a["data"], known, a["indicators"])
    write_csv(used, folder / "data.csv")
    cited = list(used["source_id"]) + list(targets()["source_id"])
    write_text_atomic(folder / "sources.md", sources_markdown(known, cited))


def build_brief(out="briefing", *, lang="both", files=(), data=None, city="Guangzhou", indicators=None,
                progress=None, jobs=None, only=None):
    """Build the briefing pack in the folder ``out``; return its path.

    The pack holds ``charts/<lang>/*.png|svg`` (every chart, for every target indicator),
    ``briefing-<lang>.pdf`` (a chart book with the scorecard on page one),
    ``scorecard.csv|xlsx|md``, ``data.csv`` (the observations used, with their sources),
    ``sources.md`` and ``index.html`` (opens from the folder, with no network).

    Parameters
    ----------
    out : str or Path
        The pack's folder. An existing pack there is replaced only when the new one is
        complete; any other non-empty folder is refused.
    lang : {"zh", "en", "both"}
        Language of the charts.
    files : sequence of str or Path
        Users' own observation files (CSV or XLSX), added on top of ``data``. They are
        validated first; on any problem nothing is written and ``DataError`` lists them all.
    data : DataFrame, optional
        Observations; the packaged ones when None.
    city : str
        The city whose targets are briefed, by its English name.
    indicators : sequence of str, optional
        Brief only these of the city's targets; all of them when None.
    progress : bool, optional
        Show the progress (charts reused and redrawn) on stderr: False never; None as a
        bar on a terminal or in Jupyter, as plain lines otherwise.
    jobs : int, optional
        Processes drawing charts; as many as cores when None (one when little is drawn).
    only : sequence of str, optional
        Redraw only these sections: indicator ids (``rd_intensity``) or chart ids
        (``scorecard``, which redraws the overview); the rest is copied from the pack
        already at ``out``. Without it, a chart is redrawn only when its inputs changed.
    """

    langs = ["zh", "en"] if lang == "both" else [lang]
    if not set(langs) <= {"zh", "en"}:
        raise ValueError(f"lang must be 'zh', 'en' or 'both', not {lang!r}")
    out = Path(out).resolve()
    _check_target(out)
    data = load_data(files, data, lang=langs[-1])
    a = analyse(data, city=city, langs=langs, indicators=indicators)
    plans = {lang: chart_plan(a, lang) for lang in langs}
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    try:
        drawn = _render(a, plans, out, work, jobs=jobs, progress=progress, only=only)
        _write_tables(a, work)
        _write_index(a, drawn, langs, work, out if (out / MARKER).is_file() else None)
        (work / MARKER).write_text("A gzinnov briefing pack; `gzinnov brief` replaces this folder.\n", "utf-8")
        _swap(work, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out


def _render(a, plans, out, work, *, jobs, progress, only):
    """Copy the unchanged sections from the pack at ``out``, draw the others, join the books."""
    from .book import join_books
    from .cache import reuse_plan, write_manifest
    from .render import render_charts

    previous = out if (out / MARKER).is_file() else None  # the previous pack is the cache
    decision = reuse_plan(a, plans, previous, only=only)
    drawn, sections = render_charts(plans, work, decision=decision, previous=previous, jobs=jobs,
                                    progress=progress)
    books = join_books(plans, sections, work, previous)
    write_manifest(sections, books, work)
    return drawn


def _write_index(a, drawn, langs, folder, previous=None):
    from .cache import FontCache
    from .html import render_index
    from ..files import write_text_atomic

    files = [(f"briefing-{lang}.pdf", f"briefing-{lang}.pdf") for lang in langs]
    files += [(name, name) for name in ("scorecard.xlsx", "scorecard.csv", "scorecard.md", "data.csv", "sources.md")]
    page = render_index(a["cards"], drawn, files, subset=FontCache(previous, folder))
    write_text_atomic(folder / "index.html", page)


def _check_target(out):
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        raise GzinnovError(f"{out} exists and is not a gzinnov briefing pack; choose another --out folder")


def _swap(work, out):
    """Put the finished pack ``work`` at ``out``; the old pack is renamed aside, then removed."""
    mask = os.umask(0)
    os.umask(mask)
    for path in [work, *work.rglob("*")]:  # temporary files are private; the pack is not
        os.chmod(path, (0o777 if path.is_dir() else 0o666) & ~mask)
    if not out.exists():
        os.replace(work, out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    os.replace(out, old / out.name)
    try:
        os.replace(work, out)
    except OSError:
        os.replace(old / out.name, out)  # put the previous pack back (left aside if even that fails)
        old.rmdir()
        raise
    shutil.rmtree(old, ignore_errors=True)
