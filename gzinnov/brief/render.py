"""Draw the pack's charts: each drawn once, saved as SVG and as a one-page PDF; the PNG is
rasterised from that page.

Work goes chart by chart. A chart whose inputs have not changed is copied from the previous
pack (see ``cache``); the others are drawn, in forked processes when there is enough to
draw and more than one core.
"""

__all__ = ["render_charts", "draw_charts", "rasterise", "chart_entries"]

import multiprocessing
import os
import queue
import shutil
from pathlib import Path

from ..errors import GzinnovError
from .cache import PRIVATE, chart_pdf

MIN_FORK = 8  # fewer charts than this to draw: one process (forking would cost more than it saves)


def _files(chart, lang):
    return [f"charts/{lang}/{chart['id']}.{fmt}" for fmt in ("png", "svg")] + [chart_pdf(lang, chart["id"]).as_posix()]


def draw_charts(charts, lang, name, folder, tick=lambda: None):
    """Draw ``charts`` (of one language) into ``folder``: SVG, one PDF of their pages (``name``), PNG.

    Each figure is laid out once and saved twice, as SVG and as a page of the PDF; the PNGs
    are then rasterised from those pages (PDFium), which costs about a third of drawing
    them again with Agg. Page numbers are stamped on the book's pages when the book is
    joined, so a page does not depend on where it falls.
    """
    import matplotlib as mpl
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    from .export import METADATA, frozen_layout
    from ..files import atomic_path
    from ..style import SIZES, theme

    pdf = Path(folder) / chart_pdf(lang, name)
    pdf.parent.mkdir(parents=True, exist_ok=True)
    out = Path(folder) / "charts" / lang
    out.mkdir(parents=True, exist_ok=True)
    unhinted = {"text.hinting": "no_hinting"}  # text measured at half the cost; no file here is hinted
    with theme(), mpl.rc_context(unhinted), PdfPages(pdf, metadata=METADATA["pdf"]) as book:
        for chart in charts:
            try:
                drawn = chart["draw"]()
            except Exception as exc:
                raise GzinnovError(f"the chart {lang}/{chart['id']} could not be drawn: {exc}") from exc
            fig = drawn if hasattr(drawn, "get_axes") else drawn.figure
            fig.set_size_inches(SIZES[chart["size"]])
            with frozen_layout(fig):
                with atomic_path(out / f"{chart['id']}.svg") as tmp:
                    fig.savefig(tmp, format="svg", metadata=METADATA["svg"])
                book.savefig(fig)
            plt.close(fig)
            tick()
    rasterise(pdf, [out / f"{chart['id']}.png" for chart in charts])


def rasterise(pdf, targets, dpi=None):
    """Write each page of ``pdf`` as a PNG at ``dpi`` (the pack's 200 by default) to ``targets``, in order."""
    import pypdfium2
    from PIL.PngImagePlugin import PngInfo

    from .export import DPI, METADATA
    from ..files import atomic_path

    info = PngInfo()
    for key, value in METADATA["png"].items():
        info.add_text(key, value)
    document = pypdfium2.PdfDocument(pdf)
    try:
        for page, target in zip(document, targets, strict=True):
            image = page.render(scale=(dpi or DPI) / 72, may_draw_forms=False).to_pil()
            with atomic_path(target) as tmp:
                image.save(tmp, format="png", dpi=(dpi or DPI,) * 2, pnginfo=info, compress_level=1)
            page.close()
    finally:
        document.close()


def _entry(chart, lang):
    from .export import DPI
    from ..style import SIZES

    width, height = (round(x * DPI / 2) for x in SIZES[chart["size"]])
    rel = f"charts/{lang}/{chart['id']}"
    return {k: v for k, v in chart.items() if k not in PRIVATE} | {"png": f"{rel}.png", "svg": f"{rel}.svg",
                                                                 "width": int(width), "height": int(height)}


def _cost(task):
    lang, _, charts = task
    pages = sum(3 if c["size"] == "a4" else 1 for c in charts)  # an A4 page: a dashboard of small charts
    return pages * (1.3 if lang == "zh" else 1.0)  # zh: longer texts, the CJK font


def _worker(tasks, todo, folder, messages):
    """Draw the tasks whose numbers come from ``todo`` until it says None (work is taken as
    workers come free, so one long task does not hold up a share fixed beforehand)."""
    try:
        for i in iter(todo.get, None):
            lang, name, charts = tasks[i]
            draw_charts(charts, lang, name, folder, lambda: messages.put(("tick", None)))
        messages.put(("done", None))
    except BaseException as exc:  # report every failure to the parent, which decides
        messages.put(("error", str(exc)))


def chart_entries(plans):
    """Return ``{lang: [chart, ...]}``: each chart of ``plans`` as the index page and the
    manifest list it (its files and size, no drawing function)."""
    return {lang: [_entry(c, lang) for c in plan] for lang, plan in plans.items()}


def render_charts(plans, folder, *, decision, previous=None, jobs=None, progress=None, meanwhile=None):
    """Copy or draw every chart of every language; return ``(drawn, files)``.

    Parameters
    ----------
    plans : dict
        ``{lang: plan}``, as made by :func:`gzinnov.brief.chart_plan`.
    folder : Path
        Where ``charts/`` and the charts' PDF pages go.
    decision : dict
        ``{lang: {chart id: (reuse, key)}}``, from :func:`gzinnov.brief.cache.plan_charts_to_draw`.
    previous : Path, optional
        The previous pack, from which reused charts are copied.
    jobs : int, optional
        Processes drawing charts; as many as cores when None.
    progress : bool, optional
        See :class:`gzinnov.brief.progress.Progress`.
    meanwhile : callable, optional
        Work of the calling process that needs no chart (tables, the index page): run while
        the workers draw, or after drawing when there are none.

    Returns
    -------
    drawn : dict
        ``{lang: [chart, ...]}``, what the index page needs.
    files : dict
        ``{lang: {chart id: {"key", "files"}}}``, the new pack's manifest.
    """
    from .progress import Progress

    folder = Path(folder)
    drawn, files, tasks, copies = chart_entries(plans), {}, [], []
    for lang, plan in plans.items():
        files[lang] = {}
        for chart in plan:
            reuse, key = decision[lang][chart["id"]]
            files[lang][chart["id"]] = {"key": key, "files": _files(chart, lang)}
            (copies if reuse else tasks).append((lang, chart["id"], [chart]))
    total = sum(map(len, plans.values()))
    jobs = (os.cpu_count() or 1) if jobs is None else jobs
    fork = (jobs > 1 and len(tasks) > 1 and sum(len(t[2]) for t in tasks) >= MIN_FORK
            and "fork" in multiprocessing.get_all_start_methods())
    if fork:
        context = multiprocessing.get_context("fork")
        messages, todo = context.Queue(), context.Queue()
        for i in sorted(range(len(tasks)), key=lambda i: _cost(tasks[i]), reverse=True):  # longest first
            todo.put(i)
        workers = [context.Process(target=_worker, args=(tasks, todo, folder, messages), daemon=True)
                   for _ in range(min(jobs, len(tasks)))]
        for _ in workers:
            todo.put(None)
        for w in workers:  # before the progress bar starts any thread
            w.start()
    with Progress(total, progress) as bar:
        try:
            for lang, name, charts in copies:
                for rel in files[lang][name]["files"]:
                    (folder / rel).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(Path(previous) / rel, folder / rel)
                bar.update("reused", len(charts))
            if not fork:
                for lang, name, charts in tasks:
                    draw_charts(charts, lang, name, folder, lambda: bar.update("redrawn"))
            if meanwhile is not None:
                meanwhile()
            if fork:
                _collect(messages, workers, bar)
        finally:
            if fork:
                for w in workers:
                    if w.is_alive():  # after a failure elsewhere: stop at once
                        w.terminate()
                    w.join()
    return drawn, files


def _collect(messages, workers, bar):
    done = 0
    while done < len(workers):
        try:
            kind, payload = messages.get(timeout=1)
        except queue.Empty:
            if not any(w.is_alive() for w in workers):
                raise GzinnovError("a chart-drawing process stopped without a word") from None
            continue
        if kind == "tick":
            bar.update("redrawn")
        elif kind == "done":
            done += 1
        else:
            raise GzinnovError(payload)
