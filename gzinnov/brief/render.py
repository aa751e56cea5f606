"""Draw the pack's charts: each drawn once, then saved as PNG, SVG and a page of its section's PDF.

Work goes by section (the overview, or one indicator) and language. A section whose
inputs have not changed is copied from the previous pack (see ``cache``); the others are
drawn, in forked processes when there is enough to draw and more than one core.
"""

__all__ = ["render_charts", "render_section"]

import multiprocessing
import os
import queue
import shutil
from pathlib import Path

from ..errors import GzinnovError
from .cache import section_pdf

MIN_FORK = 8  # fewer charts than this to draw: one process (forking would cost more than it saves)


def _files(charts, lang, section):
    files = [f"charts/{lang}/{c['id']}.{fmt}" for c in charts for fmt in ("png", "svg")]
    return files + [section_pdf(lang, section).as_posix()]


def render_section(charts, lang, section, folder, tick=lambda: None):
    """Draw ``charts`` (one section of one language) into ``folder``: PNG, SVG, the section's PDF.

    A chart with a ``page`` number carries it at the foot of its page in the PDF (the
    number is part of the section's key, so a section whose pages moved is redrawn).
    """
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    from .book import number_page
    from .export import METADATA, export_figure, frozen_layout
    from ..style import SIZES, theme

    pdf = Path(folder) / section_pdf(lang, section)
    pdf.parent.mkdir(parents=True, exist_ok=True)
    with theme(), PdfPages(pdf, metadata=METADATA["pdf"]) as book:
        for chart in charts:
            try:
                out = chart["draw"]()
            except Exception as exc:
                raise GzinnovError(f"the chart {lang}/{chart['id']} could not be drawn: {exc}") from exc
            fig = out if hasattr(out, "get_axes") else out.figure
            fig.set_size_inches(SIZES[chart["size"]])
            with frozen_layout(fig):
                export_figure(fig, Path(folder) / "charts" / lang / chart["id"], size=None, formats=("png", "svg"))
                number = number_page(fig, chart["page"], lang) if "page" in chart else None
                book.savefig(fig)  # the page number on the book's page only, not on the PNG/SVG
                if number is not None:
                    number.remove()
            plt.close(fig)
            tick()


def _entry(chart, lang):
    from .export import DPI
    from ..style import SIZES

    width, height = (round(x * DPI / 2) for x in SIZES[chart["size"]])
    rel = f"charts/{lang}/{chart['id']}"
    return {k: v for k, v in chart.items() if k != "draw"} | {"png": f"{rel}.png", "svg": f"{rel}.svg",
                                                            "width": int(width), "height": int(height)}


def _cost(task):
    lang, _, charts = task
    return len(charts) * (1.3 if lang == "zh" else 1.0) + (0.7 if lang == "zh" else 0.1)  # zh: CJK font subset


def _share(tasks, jobs):
    """Split ``tasks`` among ``jobs`` workers, longest first to the least loaded."""
    loads = [[0.0, []] for _ in range(jobs)]
    for task in sorted(tasks, key=_cost, reverse=True):
        least = min(loads, key=lambda w: w[0])
        least[0] += _cost(task)
        least[1].append(task)
    return [w[1] for w in loads if w[1]]


def _worker(tasks, folder, messages):
    try:
        for lang, section, charts in tasks:
            render_section(charts, lang, section, folder, lambda: messages.put(("tick", None)))
        messages.put(("done", None))
    except BaseException as exc:  # report every failure to the parent, which decides
        messages.put(("error", str(exc)))


def render_charts(plans, folder, *, decision, previous=None, jobs=None, progress=None):
    """Copy or draw every section of every language; return ``(drawn, sections)``.

    Parameters
    ----------
    plans : dict
        ``{lang: plan}``, as made by :func:`gzinnov.brief.chart_plan`.
    folder : Path
        Where ``charts/`` and the sections' PDFs go.
    decision : dict
        ``{lang: {section: (reuse, key)}}``, from :func:`gzinnov.brief.cache.plan_sections`.
    previous : Path, optional
        The previous pack, from which reused sections are copied.
    jobs : int, optional
        Processes drawing charts; as many as cores when None.
    progress : bool, optional
        See :class:`gzinnov.brief.progress.Progress`.

    Returns
    -------
    drawn : dict
        ``{lang: [chart, ...]}``, what the index page needs.
    sections : dict
        ``{lang: {section: {"key", "files"}}}``, the new pack's manifest.
    """
    from .progress import Progress

    folder = Path(folder)
    drawn, sections, tasks, copies = {}, {}, [], []
    for lang, plan in plans.items():
        drawn[lang] = [_entry(c, lang) for c in plan]
        sections[lang] = {}
        for section, (reuse, key) in decision[lang].items():
            charts = [c for c in plan if c["section"] == section]
            sections[lang][section] = {"key": key, "files": _files(charts, lang, section)}
            (copies if reuse else tasks).append((lang, section, charts))
    total = sum(map(len, plans.values()))
    jobs = (os.cpu_count() or 1) if jobs is None else jobs
    fork = (jobs > 1 and len(tasks) > 1 and sum(len(t[2]) for t in tasks) >= MIN_FORK
            and "fork" in multiprocessing.get_all_start_methods())
    if fork:
        context = multiprocessing.get_context("fork")
        messages = context.Queue()
        workers = [context.Process(target=_worker, args=(share, folder, messages), daemon=True)
                   for share in _share(tasks, jobs)]
        for w in workers:  # before the progress bar starts any thread
            w.start()
    with Progress(total, progress) as bar:
        try:
            for lang, section, charts in copies:
                for rel in sections[lang][section]["files"]:
                    (folder / rel).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(Path(previous) / rel, folder / rel)
                bar.update("reused", len(charts))
            if not fork:
                for lang, section, charts in tasks:
                    render_section(charts, lang, section, folder, lambda: bar.update("redrawn"))
            else:
                _collect(messages, workers, bar)
        finally:
            if fork:
                for w in workers:
                    if w.is_alive():  # after a failure elsewhere: stop at once
                        w.terminate()
                    w.join()
    return drawn, sections


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
