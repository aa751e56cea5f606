"""The ``gzinnov`` command line: validate, coverage, targets, plans, scorecard, brief."""

__all__ = ["main"]

import argparse
import sys
import warnings


def _print_problems(problems, lang):
    for message in problems["message"]:
        print(message, file=sys.stderr)


def cmd_validate(args):
    from pathlib import Path

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
            print(note.message, file=sys.stderr)
        if len(problems):
            failed += 1
            _print_problems(problems, args.lang)
        else:
            print(f"{path.name}: ok" if args.lang == "en" else f"{path.name}:通过")
    return 1 if failed else 0


def cmd_coverage(args):
    from .ingest.load import coverage, coverage_report

    if args.update:
        _replace_between_markers(args.update, coverage_report())
        print(f"updated {args.update}")
    elif args.format == "markdown":
        print(coverage_report(), end="")
    else:
        print(coverage(city=args.city).to_string(index=False))
    return 0


def cmd_targets(args):
    from .ingest.load import observations
    from .registry import get_indicator, targets

    data = observations()
    table = targets(args.city)
    latest = (data.sort_values("year").groupby(["indicator_id", "city"]).tail(1)
              .set_index(["indicator_id", "city"]))
    lang = args.lang
    for row in table.itertuples():
        ind = get_indicator(row.indicator_id)
        key = (row.indicator_id, row.city)
        now = (f"{latest.at[key, 'value']:.{ind.decimals}f} ({latest.at[key, 'year']})"
               if key in latest.index else ("未找到公开数据" if lang == "zh" else "no published figure found"))
        print(f"{row.city:10} {ind.short(lang):28} {row.relation:6} {row.target_value:g} {ind.unit(lang):18} "
              f"{now}")
    return 0


def cmd_plans(args):
    from .registry import plans, targets

    table = plans(args.city)
    goals = targets(args.city)
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

        print(to_markdown(summarise_scorecard(card, args.lang)))
    else:
        print(summarise_scorecard(card, args.lang).to_string(index=False))
    return 0


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

    try:
        out = build_brief(args.out, lang=args.lang, files=args.data, city=args.city, jobs=args.jobs,
                          only=args.only)
    except GzinnovError:
        raise  # main() prints its message
    except Exception as exc:  # anything else: a clear line, not a traceback
        print(f"gzinnov brief: failed ({type(exc).__name__}: {exc}); nothing was changed in {args.out}",
              file=sys.stderr)
        return 1
    print(out / "index.html")
    return 0


def build_parser():
    parser = argparse.ArgumentParser(prog="gzinnov", description="Track Guangzhou's S&T plan targets.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check CSV/XLSX files (or folders of them)")
    p.add_argument("files", nargs="+")
    p.add_argument("--lang", choices=["zh", "en"], default="en")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("coverage", help="which indicator, city and year has data")
    p.add_argument("--city", nargs="*", default=None)
    p.add_argument("--format", choices=["table", "markdown"], default="table")
    p.add_argument("--update", metavar="README", help="rewrite the coverage block of this Markdown file")
    p.set_defaults(func=cmd_coverage)
    p = sub.add_parser("targets", help="print the targets with their latest values")
    p.add_argument("--city", default="Guangzhou")
    p.add_argument("--lang", choices=["zh", "en"], default="en")
    p.set_defaults(func=cmd_targets)
    p = sub.add_parser("plans", help="list the plans that set targets")
    p.add_argument("--city", default=None)
    p.add_argument("--lang", choices=["zh", "en"], default="en")
    p.set_defaults(func=cmd_plans)
    p = sub.add_parser("scorecard", help="print each target's progress verdict")
    p.add_argument("--city", default="Guangzhou")
    p.add_argument("--plan", default=None, help="a plan id (see `gzinnov plans`), e.g. gz_st_14")
    p.add_argument("--year", type=int, default=None, help="only targets for this year, e.g. 2030")
    p.add_argument("--lang", choices=["zh", "en"], default="en")
    p.add_argument("--format", choices=["table", "csv", "json", "markdown"], default="table")
    p.set_defaults(func=cmd_scorecard)
    p = sub.add_parser("brief", help="build the briefing pack: charts, chart books, tables, index.html")
    p.add_argument("--out", default="briefing", help="the pack's folder (an old pack there is replaced)")
    p.add_argument("--lang", choices=["zh", "en", "both"], default="both")
    p.add_argument("--data", nargs="+", default=[], metavar="FILE", help="your own observation files")
    p.add_argument("--city", default="Guangzhou")
    p.add_argument("--jobs", type=int, default=None, help="processes drawing charts (default: one per core)")
    p.add_argument("--only", nargs="+", default=None, metavar="NAME",
                   help="redraw only these indicators or charts (e.g. rd_intensity, scorecard); reuse the rest")
    p.set_defaults(func=cmd_brief)
    return parser


def main(argv=None):
    """Run the command line; return the exit code (0 ok, 1 problems, 2 usage)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    from .errors import GzinnovError

    try:
        return args.func(args)
    except GzinnovError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
