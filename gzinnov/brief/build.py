"""Build the briefing pack: every chart in each language, the chart books, tables and a page.

The pack is built in a temporary folder beside ``out`` and swapped into place at the end,
so a failure halfway leaves the previous pack as it was.
"""

__all__ = ["build_brief", "load_data", "analyse", "chart_plan", "skipped_charts", "provenance", "pack_summary",
           "MARKER"]

import datetime
import json
import os
import shutil
import tempfile
from pathlib import Path

from .. import charts
from .plans import analyse_plans, plan_charts, plan_files, write_plan_tables
from ..errors import DataError, GzinnovError
from ..registry import get_indicator, targets
from .book import number_pages
from .cache import PRIVATE, pack_key, rows_of, unchanged_pack, write_manifest

MARKER = ".gzinnov-brief"  # marks a folder as a pack that a new build may replace
SLIDE_ROWS = 12  # a scorecard of more targets than this is set on an A4 page: on a slide its rows collide
_KINDS = {
    "trajectory": ("走势与预测", "trajectory and projection"),
    "peers_ranked": ("同类城市最新值排名", "peer cities, latest values ranked"),
    "peer_lines": ("同类城市历年走势", "peer cities over time"),
    "indexed": ("增长指数（2020年=100）", "growth indexed to 2020 = 100"),
    "ambition": ("各城市目标的进取程度", "ambition of each city's target"),
}


_SKIPPED = {
    "no_city_data": ("未找到{city}的公开数据", "no published figure found for {city}"),
    "no_peer_data": ("本指标未找到同类城市的公开数据", "no peer data published for this indicator"),
    "no_common_year": ("没有两个以上城市共有数值的年份", "no year with values for two or more cities"),
    "no_base_year": ("{base}年有数值的城市不足两个", "fewer than two cities have a {base} value"),
    "no_peer_targets": ("设定此项目标的城市不足两个", "fewer than two cities have a target for this indicator"),
}
BASE_YEAR = 2020  # of the indexed charts


def load_data(files=(), data=None, *, lang="en"):
    """Return the observations: ``data`` (the packaged ones when None) with users' files on top.

    Every file is validated first; if any has a problem, raise one ``DataError`` listing
    every problem in every file.
    """
    return _load(files, data, lang)[0]


def _load(files, data, lang):
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
    return (combine(base, *tables) if tables else base), base, tables


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
        "plans": analyse_plans(data, city=city, langs=langs),
    }


def chart_plan(a, lang):
    """Return the charts of the pack in one language: dicts of ``id, section, title, size, draw``.

    Only charts with something to show are in the plan; :func:`skipped_charts` says
    which were left out and why.
    """
    return [c for c in _candidates(a, lang) if "skipped" not in c]


def skipped_charts(a, lang):
    """Return the charts left out of the pack in one language, each with ``id, section,
    section_title, title`` and ``skipped`` (why, in ``lang``)."""
    return [c for c in _candidates(a, lang) if "skipped" in c]


def _skip_reason(kind, indicator, a, lang):
    """Return why the chart ``kind`` of ``indicator`` would show nothing, or None."""
    from ..charts.labels import city_name
    from ..charts.peers import rank_rows

    data, city = a["data"], a["city"]
    rows = data[data["indicator_id"] == indicator]
    key, values = None, {}
    if kind == "trajectory" and not (rows["city"] == city).any():
        key, values = "no_city_data", {"city": city_name(city, lang)}
    elif kind in ("peers_ranked", "peer_lines", "indexed") and rows["city"].nunique() < 2:
        key = "no_peer_data"
    elif kind == "peers_ranked" and rank_rows(rows)[0]["city"].nunique() < 2:
        key = "no_common_year"
    elif kind == "indexed" and rows.loc[rows["year"] == BASE_YEAR, "city"].nunique() < 2:
        key, values = "no_base_year", {"base": BASE_YEAR}
    elif kind == "ambition" and "ambition" in a and (a["ambition"]["indicator_id"] == indicator).sum() < 2:
        key = "no_peer_targets"
    return None if key is None else _SKIPPED[key][0 if lang == "zh" else 1].format(**values)


def _candidates(a, lang):
    """Every chart the pack could hold in ``lang``, each with the ``inputs`` its key is made of:
    the tables it shows and the observation rows it draws (or cites in its source line)."""
    data, city, proj = a["data"], a["city"], a["projections"]
    ids = list(a["indicators"])
    here = rows_of(data, ids, [city])  # the city's own rows, of every indicator briefed
    heads = {"zh": ("总览", "目标进展", "看板", "状态：各城市", "状态：历年", "2030年展望"),
             "en": ("Overview", "Scorecard", "Dashboard", "Status by city", "Status by year", "2030 outlook")}[lang]
    cards = a.get("cards", {}).get(lang)
    tall = cards is not None and len(cards) > SLIDE_ROWS  # every target of two plans: an A4 page, as the dashboard
    plan = [
        ("scorecard", heads[1], "a4" if tall else "slide", [cards, here],
         lambda: charts.plot_scorecard(a["cards"][lang], lang=lang, observations=data)),
        ("dashboard", heads[2], "a4", [here, rows_of(proj, ids), ",".join(ids)],
         lambda: charts.plot_dashboard(data, city=city, lang=lang, projections=proj, indicators=a["indicators"])),
        ("status-by-city", heads[3], "slide", [a.get("all_cities"), rows_of(data, ids)],
         lambda: charts.plot_status_heatmap(a["all_cities"], columns="city", lang=lang, observations=data)),
        ("status-by-year", heads[4], "slide", [a.get("by_year"), here],
         lambda: charts.plot_status_heatmap(a["by_year"], columns="year", lang=lang, observations=data)),
        ("outlook-2030", heads[5], "slide", [a.get("outlook"), here],
         lambda: charts.plot_outlook(a["outlook"], city=city, lang=lang, observations=data)),
    ]
    out = [dict(id=i, section="overview", section_title=heads[0], title=t, size=s, inputs=x, draw=d)
           for i, t, s, x, d in plan]
    out = plan_charts(a, lang) + out  # the pack opens with the plans: the final verdict first
    all_targets = targets()
    for iid in a["indicators"]:
        name = get_indicator(iid).name(lang)
        peers = list(dict.fromkeys(c for c in all_targets.loc[all_targets["indicator_id"] == iid, "city"] if c != city))
        rows = rows_of(data, [iid])
        draws = {
            "trajectory": ([rows_of(data, [iid], [city, *peers]), rows_of(proj, [iid]), ",".join(peers)],
                           lambda iid=iid, peers=peers: charts.plot_trajectory(
                               data, indicator=iid, city=city, lang=lang, projections=proj, peers=peers)),
            "peers_ranked": ([rows], lambda iid=iid: charts.plot_peers_ranked(data, indicator=iid, city=city,
                                                                              lang=lang)),
            "peer_lines": ([rows], lambda iid=iid: charts.plot_peer_lines(data, indicator=iid, city=city, lang=lang)),
            "indexed": ([rows], lambda iid=iid: charts.plot_indexed_growth(data, indicator=iid, city=city, lang=lang)),
            "ambition": ([rows_of(a.get("ambition"), [iid]), rows],
                         lambda iid=iid: charts.plot_ambition(a["ambition"], indicator=iid, city=city, lang=lang,
                                                              observations=data)),
        }
        for kind, (inputs, draw) in draws.items():
            label = _KINDS[kind][0 if lang == "zh" else 1]
            chart = dict(id=f"{kind.replace('_', '-')}-{iid}", section=iid, section_title=name,
                         title=f"{name}：{label}" if lang == "zh" else f"{name}: {label}", size="slide",
                         inputs=inputs, draw=draw)
            reason = _skip_reason(kind, iid, a, lang)
            out.append(chart if reason is None else {k: v for k, v in chart.items() if k not in PRIVATE}
                       | {"skipped": reason})
    return out


def _write_tables(a, folder, info):
    from .tables import data_table, scorecard_markdown, scorecard_table, sources_markdown, write_csv
    from .workbook import write_scorecard_xlsx
    from ..ingest.load import sources
    from ..files import write_text_atomic

    known = sources()
    used = data_table(a["data"], known, a["indicators"])
    cited = list(used["source_id"]) + list(targets()["source_id"])
    write_csv(scorecard_table(a["cards"]), folder / "scorecard.csv")
    write_scorecard_xlsx(a["cards"], folder / "scorecard.xlsx", data_used=used,
                         sources=known[known["source_id"].isin(cited)], info=info)
    write_text_atomic(folder / "scorecard.md", scorecard_markdown(a["cards"]))
    write_csv(used, folder / "data.csv")
    write_text_atomic(folder / "sources.md", sources_markdown(known, cited, used=used))
    write_plan_tables(a, folder)
    return used


def build_brief(out="briefing", *, lang="both", files=(), data=None, city="Guangzhou", only=None,
                progress=None, jobs=None):
    """Build the briefing pack in the folder ``out``; return its path.

    The pack holds ``charts/<lang>/*.png|svg`` (every chart, for every target indicator),
    ``briefing-<lang>.pdf`` (a chart book that opens with the final verdict of the finished
    plan, then the next plan's targets and their 2030 ambition across cities),
    ``plan_<plan_id>.csv|xlsx|md`` (a table per plan), ``scorecard.csv|xlsx|md``,
    ``data.csv`` (the observations used, with their sources), ``sources.md`` and
    ``index.html`` (opens from the folder, with no network; it too opens with the plans).

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
    progress : bool, optional
        Show the progress (charts reused and redrawn) on stderr: False never; None as a
        bar on a terminal or in Jupyter, as plain lines otherwise.
    jobs : int, optional
        Processes drawing charts; as many as cores when None (one when little is drawn).
    only : sequence of str, optional
        Redraw only these: indicator ids (``rd_intensity``: that indicator's charts) or chart
        ids (``scorecard``); the rest is copied from the pack already at ``out``. Without
        it, a chart is redrawn only when its inputs changed, and a pack built from the same
        inputs (and not edited since) is left as it is.
        Where there is no pack at ``out`` yet, the new pack briefs only the indicators
        named (by id, or by one of their charts); all of them when none is named. A
        rebuild keeps the indicators of the pack it replaces, and adds those named.
    """

    langs = ["zh", "en"] if lang == "both" else [lang]
    if not set(langs) <= {"zh", "en"}:
        raise ValueError(f"lang must be 'zh', 'en' or 'both', not {lang!r}")
    out = Path(out).resolve()
    _check_target(out)
    previous = out if (out / MARKER).is_file() else None  # the previous pack is the cache
    data, base, mine = _load(files, data, langs[-1])
    indicators = _scope(previous, only, city) or list(targets(city)["indicator_id"].drop_duplicates())
    info = provenance(data, files=files, base=base, user_tables=mine, city=city)
    key = pack_key(data, info, langs, indicators)
    if only is None and previous is not None and _keep_unchanged(previous, key, progress):
        return out
    a = analyse(data, city=city, langs=langs, indicators=indicators)
    candidates = {lang: _candidates(a, lang) for lang in langs}
    plans = {lang: [c for c in charts if "skipped" not in c] for lang, charts in candidates.items()}
    skipped = {lang: [c for c in charts if "skipped" in c] for lang, charts in candidates.items()}
    number_pages(plans, skipped)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    try:
        books = {lang: {"info": info, "skipped": skipped[lang]} for lang in langs}

        def tables_and_index():  # needs no chart: done while the charts are drawn
            from .render import chart_entries
            from .tables import grade_counts

            info["grades"] = grade_counts(_write_tables(a, work, info))
            _write_index(a, chart_entries(plans), skipped, info, langs, work, previous)

        drawn, files_of_charts, book_keys = _render(a, plans, books, previous, work, jobs=jobs, progress=progress,
                                                    only=only, meanwhile=tables_and_index)
        _write_pack_json(work, drawn, skipped, info, a["indicators"])
        (work / MARKER).write_text("A gzinnov briefing pack; `gzinnov brief` replaces this folder.\n", "utf-8")
        write_manifest(files_of_charts, book_keys, work, pack=key)
        _swap(work, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out


def _scope(previous, only, city):
    """Return the indicators the new pack briefs (None: all of the city's targets).

    A new pack: those the ``only`` terms name (an indicator id, or one of its charts'
    ids), all when none is named. A rebuild: those of the previous pack, plus any named.
    """
    ids = list(targets(city)["indicator_id"].drop_duplicates())
    named = {iid for iid in ids if any(term == iid or term.endswith(f"-{iid}") for term in only or ())}
    if previous is not None:
        try:
            kept = json.loads((previous / "pack.json").read_text("utf-8")).get("indicators")
        except (OSError, ValueError):
            kept = None
        if kept is None:
            return None
        named |= set(kept)
    return [iid for iid in ids if iid in named] or None


def _render(a, plans, books, previous, work, *, jobs, progress, only, meanwhile=None):
    """Copy the unchanged charts from the ``previous`` pack, draw the others (running
    ``meanwhile``, and drawing the books' fronts, as they are drawn), join the books; return
    the charts drawn, their files and keys, and the books' keys."""
    from .book import draw_fronts, join_books
    from .cache import reuse_plan
    from .render import render_charts

    decision = reuse_plan(a, plans, previous, only=only)
    keys = {lang: {i: key for i, (_, key) in charts.items()} for lang, charts in decision.items()}

    def alongside():
        if meanwhile is not None:
            meanwhile()
        draw_fronts(plans, keys, work, previous, books)

    drawn, files = render_charts(plans, work, decision=decision, previous=previous, jobs=jobs,
                                 progress=progress, meanwhile=alongside)
    return drawn, files, join_books(plans, files, work, previous, books)


def _keep_unchanged(previous, key, progress):
    """Leave the pack ``previous`` as it is when it was built from the same inputs (``key``) and
    is intact; say so as the progress would. Return whether it was kept."""
    from .progress import Progress

    total = unchanged_pack(previous, key)
    if total is None:
        return False
    with Progress(total, progress) as bar:
        bar.update("reused", total)
    return True


def provenance(data, *, files=(), base=None, user_tables=(), city="Guangzhou"):
    """Return what the pack says about itself: build date, data-as-of date, version, user files.

    The build date is today's (UTC), or the date of ``SOURCE_DATE_EPOCH`` when set, so a
    rebuild can give the same bytes. The data are as of the latest publication date among
    the rows used. ``added`` and ``replaced`` list the user rows (``indicator_id, city,
    year``) that are new, and those that took the place of a packaged value.
    """
    from .. import __version__

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC) if epoch else datetime.datetime.now(datetime.UTC)
    keys = ["indicator_id", "city", "year"]
    packaged = set() if base is None else set(map(tuple, base[keys].astype(str).to_numpy()))
    added, replaced = [], []
    for table in user_tables:
        for key in map(tuple, table[keys].astype(str).to_numpy()):
            (replaced if key in packaged else added).append(key)
    return {"built": now.date().isoformat(), "data_as_of": data_as_of(data), "version": __version__, "city": city,
            "user_files": [Path(f).name for f in files], "added": added, "replaced": replaced}


def data_as_of(data):
    """Return the latest publication date of the rows in ``data`` (ISO; a year when only that is known)."""
    from ..ingest.load import sources

    if "published" in data and data["published"].notna().any():
        dates = data["published"].dropna().astype(str)
    else:
        known = sources().drop_duplicates("source_id").set_index("source_id")["published"].astype(str)
        dates = data["source_id"].map(known).dropna()
    dates = [d for d in dates if d[:4].isdigit()]
    return max(dates) if dates else ""


def pack_summary(out, lang="en"):
    """Return a few lines saying what the pack at ``out`` holds, read from its ``pack.json``."""
    m = json.loads((Path(out) / "pack.json").read_text("utf-8"))
    zh = lang == "zh"
    charts = sum(m["charts"].values())
    left = sum(len(v) for v in m["skipped"].values())
    lines = [(f"已写入 {out}：" if zh else f"Wrote {out}:"),
             ("  " + "、".join(m["files"])) if zh else "  " + ", ".join(m["files"]),
             (f"  图表{charts}张（{'，'.join(f'{k} {v}张' for k, v in m['charts'].items())}）；"
              f"无可画内容而未绘制{left}张，原因列于index.html" if zh else
              f"  {charts} charts ({', '.join(f'{k} {v}' for k, v in m['charts'].items())}); "
              f"{left} left out for want of data, each listed in index.html"),
             (f"  编制日期{m['built']}，数据截至{m['data_as_of']}，gzinnov {m['version']}" if zh else
              f"  built {m['built']}, data as of {m['data_as_of']}, gzinnov {m['version']}")]
    if m["user_files"]:
        lines.append((f"  用户数据：{'、'.join(m['user_files'])}；新增{len(m['added'])}个数值，"
                      f"替换{len(m['replaced'])}个原有数值" if zh else
                      f"  your data: {', '.join(m['user_files'])}; {len(m['added'])} figures added, "
                      f"{len(m['replaced'])} replaced packaged values"))
        for kind, rows in (("added", m["added"]), ("replaced", m["replaced"])):
            for iid, city, year in rows[:10]:
                lines.append(f"    {('新增' if kind == 'added' else '替换') if zh else kind}: {iid}, {city}, {year}")
            if len(rows) > 10:
                lines.append(f"    … {len(rows) - 10}")
    return "\n".join(lines)


def _write_pack_json(folder, drawn, skipped, info, indicators):
    from ..files import write_text_atomic

    files = sorted(p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    manifest = {**info, "files": files + ["pack.json", "charts/"], "indicators": list(indicators),
                "charts": {lang: len(v) for lang, v in drawn.items()},
                "skipped": {lang: [{"id": c["id"], "reason": c["skipped"]} for c in v] for lang, v in skipped.items()}}
    write_text_atomic(folder / "pack.json", json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")


def _write_index(a, drawn, skipped, info, langs, folder, previous=None):
    from .cache import FontCache
    from .html import index_pages
    from ..files import write_text_atomic

    files = [(f"briefing-{lang}.pdf", f"briefing-{lang}.pdf") for lang in langs]
    files += [(name, name) for name in ("scorecard.xlsx", "scorecard.csv", "scorecard.md", "data.csv", "sources.md")]
    files += [(name, name) for name in plan_files(a)]
    files.append(("pack.json", "pack.json"))
    pages = index_pages(a["cards"], drawn, files, skipped=skipped, info=info, plans=a.get("plans"),
                        subset=FontCache(previous, folder))
    for name, page in pages.items():
        write_text_atomic(folder / name, page)


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
