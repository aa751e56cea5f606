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


def render_language(plan, lang, folder, tick=lambda: None, *, book=None):
    """Draw every chart of ``plan`` into ``folder``; return what the index page needs.

    ``book`` (``{"info": provenance, "skipped": [chart, ...]}``) gives the chart book its
    cover, contents, page numbers and bookmarks; without it the book holds the charts only.
    """
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    from .book import front_pages, number_page
    from .export import DPI, METADATA, export_figure, frozen_layout
    from ..style import SIZES, theme

    done = []
    path = folder / f"briefing-{lang}.pdf"
    first = front_pages(plan, book["skipped"]) + 1 if book else None
    with theme(), PdfPages(path, metadata=METADATA["pdf"]) as pages:
        for i, chart in enumerate(plan):
            try:
                out = chart["draw"]()
            except Exception as exc:
                raise GzinnovError(f"the chart {lang}/{chart['id']} could not be drawn: {exc}") from exc
            fig = out if hasattr(out, "get_axes") else out.figure
            fig.set_size_inches(SIZES[chart["size"]])
            with frozen_layout(fig):
                export_figure(fig, folder / "charts" / lang / chart["id"], size=None, formats=("png", "svg"))
                number = number_page(fig, first + i, lang) if book else None
                pages.savefig(fig)
                if number is not None:
                    number.remove()
            width, height = (fig.get_size_inches() * DPI / 2).round().astype(int)
            plt.close(fig)
            rel = f"charts/{lang}/{chart['id']}"
            done.append({k: v for k, v in chart.items() if k != "draw"}
                        | {"png": f"{rel}.png", "svg": f"{rel}.svg", "width": int(width), "height": int(height)})
            tick()
    if book:
        _front_matter(path, done, book, lang)
    return done


def _front_matter(path, charts, book, lang):
    """Put the cover and the contents before the charts of the book at ``path``."""
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    from .book import draw_contents, draw_cover, finish_book, front_pages
    from .export import METADATA
    from ..style import SIZES, theme

    front = path.with_name(f".front-{path.name}")
    size = SIZES["slide"]
    with theme(), PdfPages(front, metadata=METADATA["pdf"]) as pages:
        first = front_pages(charts, book["skipped"]) + 1
        for fig in [draw_cover(book["info"], lang, size), *draw_contents(charts, book["skipped"], lang, size, first)]:
            pages.savefig(fig)
            plt.close(fig)
    try:
        finish_book(path, front, charts, book["skipped"], book["info"], lang)
    finally:
        front.unlink(missing_ok=True)


def _worker(plan, lang, folder, messages, book):
    try:
        messages.put(("done", lang, render_language(plan, lang, folder, lambda: messages.put(("tick", lang, None)),
                                                    book=book)))
    except BaseException as exc:  # report every failure to the parent, which decides
        messages.put(("error", lang, str(exc)))


def render_charts(plans, folder, *, jobs=None, progress=None, books=None):
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
    books : dict, optional
        ``{lang: {"info": ..., "skipped": [...]}}``: the chart books' front matter (see
        :func:`render_language`).
    """
    books = books or {}
    from tqdm import tqdm

    jobs = min(len(plans), os.cpu_count() or 1) if jobs is None else jobs
    forking = jobs > 1 and len(plans) > 1 and "fork" in multiprocessing.get_all_start_methods()
    if forking:
        context = multiprocessing.get_context("fork")
        messages = context.Queue()
        workers = [context.Process(target=_worker, args=(plan, lang, folder, messages, books.get(lang)),
                                   daemon=True)
                   for lang, plan in plans.items()]
        for w in workers:  # before the progress bar starts any thread
            w.start()
    with tqdm(total=sum(map(len, plans.values())), desc="gzinnov brief", unit="chart", file=sys.stderr,
              disable=None if progress is None else not progress) as bar:
        if not forking:
            return {lang: render_language(plan, lang, folder, bar.update, book=books.get(lang))
                    for lang, plan in plans.items()}
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
