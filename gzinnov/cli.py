"""The ``gzinnov`` command line: validate, template, indicators, coverage, targets, plans, scorecard, brief."""

__all__ = ["main"]

import argparse
import sys
import warnings


def _print_problems(problems, lang):
    for message in problems["message"]:
        print(message, file=sys.stderr)


def cmd_validate(args):
    from pathlib import Path

    from .errors import printable
    from .ingest.load import validate

    paths = []
    for item in args.files:
        p = Path(item)
        paths += sorted(q for q in p.iterdir() if q.is_file()) if p.is_dir() else [p]
    failed = 0
    for path in paths:
        with warnings.catch_warnings(record=True) as notes:  # e.g. repeated rows, read once
            warnings.simplefilter("always")
            problems = validate(path, lang=args.lang)
        for note in notes:
            print(printable(note.message), file=sys.stderr)
        if len(problems):
            failed += 1
            _print_problems(problems, args.lang)
        else:
            name = printable(path.name)
            print(f"{name}: ok" if problems.attrs.get("lang", args.lang) == "en" else f"{name}：通过")
    return 1 if failed else 0


def cmd_template(args):
    from .ingest.template import write_template

    out = write_template(args.out, city=args.city, lang=args.lang)
    print(out)
    return 0


def cmd_indicators(args):
    from .registry import indicators

    table = indicators()
    zh = args.lang == "zh"
    shown = table[["indicator_id", "name_zh" if zh else "name_en", "unit_zh" if zh else "unit_en", "aliases"]]
    shown.columns = ["指标id", "名称", "单位", "别名"] if zh else ["indicator_id", "name", "unit", "aliases"]
    print(shown.to_string(index=False))
    return 0


def cmd_coverage(args):
    from .ingest.load import coverage, coverage_report

    if args.update:
        _replace_between_markers(args.update, coverage_report())
        print(f"updated {args.update}")
    elif args.format == "markdown":
        print(coverage_report(), end="")
    else:
        print(coverage(city=args.city or None).to_string(index=False))
    return 0


_VERBS = ("突破", "超过", "提升至", "达到", "保持在", "达")
_WORDS = {"ge": "at least", "gt": "more than", "approx": "about"}


def _number(value, decimals):
    """3000 -> "3,000"; 3.40 -> "3.4": the plan's own figure, without padding zeros."""
    text = f"{value:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


# registry units that read better in English as another unit of the same dimension
_EN_UNITS = {"亿元": ("billion yuan", "billion yuan"), "万人": ("人", "people")}


def target_words(indicator, relation, value, quote, lang):
    """Return a target as the plan says it: "突破 3.4%", "超过 3,000亿元"; "more than 300 billion yuan"."""
    from .ingest.parse import convert

    if lang == "zh":
        verb = next((v for v in _VERBS if v in quote), {"ge": "≥", "gt": ">", "approx": "≈"}[relation])
        about = "左右" if relation == "approx" else ""
        return f"{verb} {_number(value, indicator.decimals)}{indicator.unit_zh}{about}"
    unit, decimals = indicator.unit_en, indicator.decimals
    if indicator.unit_zh in _EN_UNITS:  # 3,000 亿元 = 300 billion yuan; 1.8 万人 = 18,000 people
        to, unit = _EN_UNITS[indicator.unit_zh]
        value, decimals = convert(value, indicator.unit_zh, to), decimals + 1
    return f"{_WORDS[relation]} {_number(value, decimals)}{'' if unit.startswith('%') else ' '}{unit}"


def cmd_targets(args):
    import pandas as pd

    from .ingest.load import observations
    from .names import targets
    from .registry import get_indicator

    data = observations()
    table = targets(args.city)
    latest = (data.sort_values("year").groupby(["indicator_id", "city"]).tail(1)
              .set_index(["indicator_id", "city"]))
    zh = args.lang == "zh"
    rows = []
    for row in table.itertuples():
        ind = get_indicator(row.indicator_id)
        key = (row.indicator_id, row.city)
        now = (f"{latest.at[key, 'value']:,.{ind.decimals}f} ({latest.at[key, 'year']})"
               if key in latest.index else ("未找到公开数据" if zh else "no published figure found"))
        rows.append([row.city, ind.short(args.lang), target_words(ind, row.relation, row.target_value, row.quote,
                                                                   args.lang), row.target_year, now, row.quote])
    header = (["城市", "指标", "目标", "目标年", "最新值（年份）", "规划原文"] if zh else
              ["city", "indicator", "target", "year", "latest (year)", "plan wording"])
    if zh:
        from .names import CITIES

        rows = [[CITIES.get(r[0], (r[0],))[0], *r[1:]] for r in rows]
    print(pd.DataFrame(rows, columns=header).to_string(index=False))
    return 0


def cmd_plans(args):
    from .names import resolve_city
    from .registry import plans, targets

    city = None if args.city is None else resolve_city(args.city)
    table = plans(city)
    goals = targets(city)
    years = goals.groupby("plan_id")["target_year"].agg(lambda y: "/".join(str(v) for v in sorted(set(y))))
    table["targets"] = table["plan_id"].map(goals.groupby("plan_id").size()).fillna(0).astype(int)
    table["years"] = table["plan_id"].map(years).fillna("")
    title = "title_zh" if args.lang == "zh" else "title_en"
    print(table[["plan_id", "city", "doc_number", "issued", "targets", "years", title]].to_string(index=False))
    return 0


def cmd_scorecard(args):
    from .analysis.assess import plan_headline, scorecard
    from .analysis.reasons import summarise_scorecard

    card = scorecard(city=args.city, plan=args.plan, target_year=args.year, lang=args.lang)
    if args.format == "table":
        print(plan_headline(card, lang=args.lang) + "\n")
    if args.format == "csv":
        card.to_csv(sys.stdout, index=False)
    elif args.format == "json":
        print(card.to_json(orient="records", force_ascii=False, indent=1))
    elif args.format == "markdown":
        from .tables import to_markdown

        print(to_markdown(_city_names(summarise_scorecard(card, args.lang), args.lang)))
    else:
        print(_city_names(summarise_scorecard(card, args.lang), args.lang).to_string(index=False))
    return 0


def _city_names(table, lang):
    """Name the cities of a printed table in ``lang`` (广州 in Chinese output)."""
    from .charts.labels import city_name

    column = "城市" if lang == "zh" else "City"
    if column in table:
        table = table.assign(**{column: table[column].map(lambda c: city_name(c, lang))})
    return table


COVERAGE_START, COVERAGE_END = "<!-- coverage:start -->", "<!-- coverage:end -->"


def _replace_between_markers(path, block):
    from pathlib import Path

    from .files import write_text_atomic

    text = Path(path).read_text(encoding="utf-8")
    head, rest = text.split(COVERAGE_START, 1)
    _, tail = rest.split(COVERAGE_END, 1)
    write_text_atomic(path, f"{head}{COVERAGE_START}\n{block}{COVERAGE_END}{tail}")


def cmd_brief(args):
    from .brief.build import build_brief
    from .errors import GzinnovError

    from .names import resolve_city

    city = resolve_city(args.city)  # an unknown city: exit 2 before anything is drawn
    try:
        out = build_brief(args.out, lang=args.lang, files=args.data, city=city, jobs=args.jobs,
                          only=args.only)
    except GzinnovError:
        raise  # main() prints its message
    except Exception as exc:  # anything else: a clear line, not a traceback
        print(f"gzinnov brief: failed ({type(exc).__name__}: {exc}); nothing was changed in {args.out}",
              file=sys.stderr)
        return 1
    from .brief.build import pack_summary

    print(pack_summary(out, "zh" if args.lang == "zh" else "en"))
    print(out / "index.html")
    return 0


_CITY_HELP = ("a city: Guangzhou, Beijing, Shanghai, Shenzhen, Hangzhou, Wuhan, Chengdu, Nanjing, Suzhou, "
              "Xi'an, Chongqing, in English or Chinese (广州, 广州市), any case")
_LANG_HELP = "language of the output: zh (中文) or en (English)"


def _sub(sub, name, help, example, func):

    p = sub.add_parser(name, help=help, description=help[0].upper() + help[1:] + ".",
                       epilog=f"example:\n  {example}", formatter_class=argparse.RawDescriptionHelpFormatter)
    p.set_defaults(func=func)
    return p


def build_parser():

    from . import __version__

    parser = argparse.ArgumentParser(
        prog="gzinnov", description="Track Guangzhou's S&T plan targets against history and peer cities.",
        epilog="examples:\n  gzinnov scorecard --city 广州 --lang zh\n  gzinnov validate my_figures.xlsx\n"
               "  gzinnov indicators --lang en", formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"gzinnov {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = _sub(sub, "validate", "check CSV/XLSX files (or folders of them)", "gzinnov validate my_figures.xlsx --lang zh",
             cmd_validate)
    p.add_argument("files", nargs="+", metavar="FILE", help="CSV or XLSX files, or folders holding them")
    p.add_argument("--lang", choices=["zh", "en"], default=None,
                   help=_LANG_HELP + "; default: zh for a file with Chinese headers, else en")
    p = _sub(sub, "template", "write a ready-to-fill XLSX file for your own figures",
             "gzinnov template --out my_figures.xlsx --lang zh", cmd_template)
    p.add_argument("--out", default="gzinnov-template.xlsx", help="the workbook to write")
    p.add_argument("--city", default="Guangzhou", help=_CITY_HELP)
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help=_LANG_HELP)
    p = _sub(sub, "indicators", "list the indicators: ids, names, units and the wordings files may use",
             "gzinnov indicators --lang zh", cmd_indicators)
    p.add_argument("--lang", choices=["zh", "en"], default="en", help=_LANG_HELP)
    p = _sub(sub, "coverage", "which indicator, city and year has data", "gzinnov coverage --city 广州 深圳",
             cmd_coverage)
    p.add_argument("--city", nargs="*", default=None, help=_CITY_HELP + "; several may be given")
    p.add_argument("--format", choices=["table", "markdown"], default="table", help="table (default) or markdown")
    p.add_argument("--update", metavar="README", help="rewrite the coverage block of this Markdown file")
    p = _sub(sub, "targets", "print the targets with their latest values", "gzinnov targets --city 广州 --lang zh",
             cmd_targets)
    p.add_argument("--city", default="Guangzhou", help=_CITY_HELP)
    p.add_argument("--lang", choices=["zh", "en"], default="en", help=_LANG_HELP)
    p = _sub(sub, "plans", "list the plans that set targets", "gzinnov plans --city 广州 --lang zh", cmd_plans)
    p.add_argument("--city", default=None, help=_CITY_HELP + "; every city when left out")
    p.add_argument("--lang", choices=["zh", "en"], default="en", help=_LANG_HELP)
    p = _sub(sub, "scorecard", "print each target's progress verdict",
             "gzinnov scorecard --city 广州 --lang zh --format markdown", cmd_scorecard)
    p.add_argument("--city", default="Guangzhou", help=_CITY_HELP)
    p.add_argument("--plan", default=None, help="a plan id (see `gzinnov plans`), e.g. gz_st_14 or gz_fyp_15")
    p.add_argument("--year", type=int, default=None, help="only targets for this year, e.g. 2025 or 2030")
    p.add_argument("--lang", choices=["zh", "en"], default="en", help=_LANG_HELP)
    p.add_argument("--format", choices=["table", "csv", "json", "markdown"], default="table",
                   help="table (default), csv, json or markdown")
    p = _sub(sub, "brief", "build the briefing pack: charts, chart books, tables, index.html",
             "gzinnov brief --out briefing --lang both --data my_figures.xlsx", cmd_brief)
    p.add_argument("--out", default="briefing", help="the pack's folder (an old pack there is replaced)")
    p.add_argument("--lang", choices=["zh", "en", "both"], default="both", help="zh, en or both (default)")
    p.add_argument("--data", nargs="+", default=[], metavar="FILE", help="your own observation files")
    p.add_argument("--city", default="Guangzhou", help=_CITY_HELP)
    p.add_argument("--jobs", type=int, default=None, help="processes drawing charts (default: one per core)")
    p.add_argument("--only", nargs="+", default=None, metavar="NAME",
                   help="redraw only these indicators or charts (e.g. rd_intensity, scorecard) and reuse the rest "
                        "of the previous pack; a new pack holds only these")
    return parser


def main(argv=None):
    """Run the command line; return the exit code (0 ok, 1 problems, 2 usage)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    from .errors import ArgumentError, GzinnovError

    try:
        return args.func(args)
    except ArgumentError as exc:  # an unknown city, indicator, language: a usage error
        print(f"gzinnov {args.command}: {exc.message(getattr(args, 'lang', None) or 'en')}", file=sys.stderr)
        return 2
    except GzinnovError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
