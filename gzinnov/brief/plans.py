"""Plans in the pack: the finished plan's final verdict first, then the next plan's targets and
how ambitious they are across cities; a table per plan (CSV, XLSX, Markdown)."""

__all__ = ["analyse_plans", "plan_charts", "plan_table", "plan_markdown", "write_plan_tables", "plan_files"]

import pandas as pd

from .. import charts
from .cache import rows_of
from ..registry import get_indicator

_HEADS = {"zh": ("规划", "最终评估", "目标进展", "2030年目标的进取程度"),
          "en": ("Plans", "final verdict", "targets", "ambition of the 2030 targets")}
_AMBITION = ["required_pace", "achieved_pace", "achieved_from", "achieved_to", "ambition_ratio", "pace_unit",
             "rank_base", "rank_target"]


def analyse_plans(data, *, city="Guangzhou", langs=("zh", "en")):
    """Return the city's plans with their scorecards (finished plans first) and the 2030 ambition.

    A plan is finished when the data reach the end of its period. Each plan is a dict of
    ``plan_id, title, finished, cards, headline`` (``title``, ``cards`` and ``headline`` by
    language).
    """
    from ..analysis.ambition import ambition
    from ..analysis.assess import plan_headline, scorecard
    from ..registry import plans, targets

    goals = targets(city)
    last = int(data["year"].max()) if len(data) else 0
    found = []
    for p in plans(city).itertuples():
        n = int((goals["plan_id"] == p.plan_id).sum())
        if not n:
            continue
        cards = {lang: scorecard(data, plan=p.plan_id, lang=lang) for lang in langs}
        found.append({"plan_id": p.plan_id, "title": {"zh": p.title_zh, "en": p.title_en},
                      "finished": int(p.period_end) <= last, "n": n, "end": int(p.period_end), "cards": cards,
                      "headline": {lang: plan_headline(cards[lang], lang=lang) for lang in langs}})
    found.sort(key=lambda p: (not p["finished"], -p["n"] if p["finished"] else p["end"]))
    return {"plans": found, "ambition_2030": ambition(data, lang=langs[0])}


def plan_charts(a, lang):
    """Return the pack's plan charts in one language: each finished plan's final verdict, then
    each later plan's targets and the ambition of its targets across cities."""
    plans = a.get("plans") or {}
    heads = _HEADS[lang]
    out = []
    for p in plans.get("plans", []):
        label = heads[1] if p["finished"] else heads[2]
        title = f"{p['title'][lang]}：{label}" if lang == "zh" else f"{p['title'][lang]}: {label}"
        card = p["cards"][lang]
        inputs = [card, rows_of(a["data"], card["indicator_id"], [a["city"]]), f"{p['finished']} {p['headline'][lang]}"]
        out.append(dict(id=f"plan-{p['plan_id']}", title=title, inputs=inputs, draw=_scorecard(a, p, lang)))
    for iid in _ambition_indicators(a):
        name = get_indicator(iid).name(lang)
        title = f"{name}：{heads[3]}" if lang == "zh" else f"{name}: {heads[3]}"
        inputs = [rows_of(plans["ambition_2030"], [iid]), rows_of(a["data"], [iid])]
        out.append(dict(id=f"ambition-2030-{iid}", title=title, inputs=inputs,
                        draw=lambda iid=iid: charts.plot_ambition_2030(plans["ambition_2030"], indicator=iid,
                                                                       city=a["city"], lang=lang,
                                                                       observations=a["data"])))
    return [dict(chart, section="plans", section_title=heads[0], size="slide") for chart in out]


def _scorecard(a, p, lang):
    card, headline = p["cards"][lang], p["headline"][lang]
    return lambda: charts.plot_scorecard(card, lang=lang, final=p["finished"], headline=headline,
                                         observations=a["data"])


def _ambition_indicators(a):
    """The indicators of the city's later plans that at least two cities have a target for."""
    plans = a.get("plans") or {}
    table = plans.get("ambition_2030")
    if table is None or table.empty:
        return []
    ids = [i for p in plans["plans"] if not p["finished"] for i in next(iter(p["cards"].values()))["indicator_id"]]
    ids = [i for i in ids if i in set(a.get("indicators") or ids)]  # a pack of some indicators: theirs only
    counts = table.groupby("indicator_id")["city"].nunique()
    return [i for i in dict.fromkeys(ids) if counts.get(i, 0) >= 2 and a["city"] in set(
        table.loc[table["indicator_id"] == i, "city"])]


def plan_table(p, ambition=None):
    """Return one plan's table: the bilingual scorecard, its binding attribute, what settles each
    open verdict and, for a plan still under way, the pace its targets ask and achieved."""
    from ..registry import targets
    from .tables import scorecard_table

    cards = p["cards"]
    first = next(iter(cards.values())).reset_index(drop=True)
    table = scorecard_table(cards)
    table.insert(0, "plan_id", p["plan_id"])
    keys = ["indicator_id", "city", "target_year"]
    binding = targets(plan=p["plan_id"])[keys + ["binding"]].astype({"target_year": "Int64"})
    table["binding"] = first[keys].astype({"target_year": "Int64"}).merge(binding, on=keys, how="left")["binding"]
    for lang, card in cards.items():
        if "settled_by" in card:
            table[f"settled_by_{lang}"] = card["settled_by"].to_numpy()
    if ambition is not None and not p["finished"] and len(ambition):
        pace = ambition.drop_duplicates(["indicator_id", "city", "plan_id"])
        pace = first[["indicator_id", "city"]].assign(plan_id=p["plan_id"]).merge(
            pace[["indicator_id", "city", "plan_id"] + [c for c in _AMBITION if c in pace]], how="left",
            on=["indicator_id", "city", "plan_id"])
        table = pd.concat([table, pace.drop(columns=["indicator_id", "city", "plan_id"])], axis=1)
    return table


def plan_markdown(p):
    """Return one plan's Markdown: its title and headline, then the scorecard, per language."""
    from .tables import scorecard_markdown

    heads = "\n\n".join(f"# {p['title'][lang]}\n\n{p['headline'][lang]}" for lang in p["cards"])
    return f"{heads}\n\n{scorecard_markdown(p['cards'])}"


def plan_files(a):
    """Return the file names of the plan tables, finished plans first."""
    plans = (a.get("plans") or {}).get("plans", [])
    return [f"plan_{p['plan_id']}.{ext}" for p in plans for ext in ("csv", "xlsx", "md")]


def write_plan_tables(a, folder):
    """Write ``plan_<plan_id>.csv|xlsx|md`` for each of the city's plans into ``folder``."""
    from ..files import write_text_atomic
    from .tables import write_csv, write_xlsx

    plans = a.get("plans") or {}
    for p in plans.get("plans", []):
        table = plan_table(p, plans.get("ambition_2030"))
        name = f"plan_{p['plan_id']}"
        write_csv(table, folder / f"{name}.csv")
        write_xlsx(table, folder / f"{name}.xlsx", sheet=p["plan_id"][:31])
        write_text_atomic(folder / f"{name}.md", plan_markdown(p))
