"""Draw the pack's charts: each once, saved as PNG, SVG and a page of its language's chart book.

Languages are drawn in parallel processes (forked, so the analysis tables are shared, not
copied) when the platform allows; otherwise one after the other.
"""

__all__ = ["render_charts", "render_language"]

import multiprocessing
import os
import queue
import sys

from ..errors import GzinnovError


def render_language(plan, lang, folder, tick=lambda: None):
    """Draw every chart of ``plan`` into ``folder``; return what the index page needs."""
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    from .export import DPI, METADATA, export_figure, frozen_layout
    from ..style import SIZES, theme

    done = []
    with theme(), PdfPages(folder / f"briefing-{lang}.pdf", metadata=METADATA["pdf"]) as book:
        for chart in plan:
            try:
                out = chart["draw"]()
            except Exception as exc:
                raise GzinnovError(f"the chart {lang}/{chart['id']} could not be drawn: {exc}") from exc
            fig = out if hasattr(out, "get_axes") else out.figure
            fig.set_size_inches(SIZES[chart["size"]])
            with frozen_layout(fig):
                export_figure(fig, folder / "charts" / lang / chart["id"], size=None, formats=("png", "svg"))
                book.savefig(fig)
            width, height = (fig.get_size_inches() * DPI / 2).round().astype(int)
            plt.close(fig)
            rel = f"charts/{lang}/{chart['id']}"
            done.append({k: v for k, v in chart.items() if k != "draw"}
                        | {"png": f"{rel}.png", "svg": f"{rel}.svg", "width": int(width), "height": int(height)})
            tick()
    return done


def _worker(plan, lang, folder, messages):
    try:
        messages.put(("done", lang, render_language(plan, lang, folder, lambda: messages.put(("tick", lang, None)))))
    except BaseException as exc:  # report every failure to the parent, which decides
        messages.put(("error", lang, str(exc)))


def render_charts(plans, folder, *, jobs=None, progress=None):
    """Draw the charts of every language in ``plans``; return ``{lang: [chart, ...]}``.

    Parameters
    ----------
    plans : dict
        ``{lang: plan}``, as made by :func:`gzinnov.brief.chart_plan`.
    folder : Path
        Where ``charts/`` and the chart books go.
    jobs : int, optional
        Processes to use; as many as languages and cores allow when None.
    progress : bool, optional
        Show a progress bar on stderr; None shows it only on a terminal.
    """
    from tqdm import tqdm

    jobs = min(len(plans), os.cpu_count() or 1) if jobs is None else jobs
    forking = jobs > 1 and len(plans) > 1 and "fork" in multiprocessing.get_all_start_methods()
    if forking:
        context = multiprocessing.get_context("fork")
        messages = context.Queue()
        workers = [context.Process(target=_worker, args=(plan, lang, folder, messages), daemon=True)
                   for lang, plan in plans.items()]
        for w in workers:  # before the progress bar starts any thread
            w.start()
    with tqdm(total=sum(map(len, plans.values())), desc="gzinnov brief", unit="chart", file=sys.stderr,
              disable=None if progress is None else not progress) as bar:
        if not forking:
            return {lang: render_language(plan, lang, folder, bar.update) for lang, plan in plans.items()}
        try:
            return _collect(messages, workers, bar)
        finally:
            for w in workers:
                if w.is_alive():  # after a failure elsewhere: stop at once
                    w.terminate()
                w.join()


def _collect(messages, workers, bar):
    drawn = {}
    while len(drawn) < len(workers):
        try:
            kind, lang, payload = messages.get(timeout=1)
        except queue.Empty:
            if not any(w.is_alive() for w in workers):
                raise GzinnovError("a chart-drawing process stopped without a word") from None
            continue
        if kind == "tick":
            bar.update()
        elif kind == "done":
            drawn[lang] = payload
        else:
            raise GzinnovError(payload)
    return drawn
