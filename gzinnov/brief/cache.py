"""Reuse the charts of the previous pack whose inputs have not changed.

Every chart gets a content key: a hash of its ``inputs`` (the rows it draws and the tables
it shows, as canonical CSV bytes), its title and size, the language, and a *common* part
(gzinnov's code, the packaged registry, targets and sources, the versions of the drawing
libraries and the theme). The pack records the keys in ``.gzinnov-cache.json``, so the
previous pack is the cache: a chart whose key is unchanged is copied from it, not redrawn.

Each chart is also its own page of the chart book, written as a one-page PDF with its own
font subset, so that the book is the same bytes whether its charts were drawn now or copied.
"""

__all__ = ["MANIFEST", "CACHE_DIR", "common_key", "chart_keys", "read_manifest", "manifest_text",
           "plan_charts_to_draw", "frame_digest", "check_only", "reuse_plan", "write_manifest",
           "book_key", "chart_pdf", "rows_of", "PRIVATE", "FontCache", "pack_key", "checksums", "intact",
           "unchanged_pack"]

import functools
import hashlib
import json
from importlib import metadata
from pathlib import Path

MANIFEST = ".gzinnov-cache.json"
CACHE_DIR = ".gzinnov-cache"  # one PDF per chart and language, the chart book's pages
PRIVATE = ("draw", "inputs", "page")  # chart fields that are not part of its description
_FORMAT = 2  # bump when the manifest or the way keys are made changes
_LIBRARIES = ("matplotlib", "numpy", "pandas", "pillow", "fonttools", "pypdf", "pypdfium2", "mplfonts")


def chart_pdf(lang, chart_id):
    """Return the path, inside a pack, of one chart's PDF page."""
    return Path(CACHE_DIR) / lang / f"{chart_id}.pdf"


def _sha(*parts):
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else str(part).encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def frame_digest(table):
    """Return the hash of a table's canonical CSV bytes (columns and rows as they are)."""
    if table is None:
        return "none"
    return _sha(table.to_csv(index=False, lineterminator="\n", float_format="%.17g"))


@functools.lru_cache(maxsize=1)
def common_key():
    """Return the key every chart shares: code, packaged registry/targets/sources, libraries, and
    the user's matplotlibrc (the theme is code; computing it would import seaborn for nothing)."""
    import matplotlib

    from .. import __version__
    from ..registry import DATA_DIR

    package = Path(__file__).resolve().parent.parent
    parts = [_FORMAT, __version__]
    for path in sorted(package.rglob("*.py")) + sorted(package.rglob("*.json")):
        parts += [path.relative_to(package).as_posix(), path.read_bytes()]
    for path in sorted(Path(DATA_DIR).glob("*.yaml")) + sorted(Path(DATA_DIR).glob("sources*.csv")):
        parts += [path.name, path.read_bytes()]
    for name in _LIBRARIES:
        try:
            parts += [name, metadata.version(name)]
        except metadata.PackageNotFoundError:
            parts += [name, "absent"]
    rc = Path(matplotlib.matplotlib_fname())
    parts += ["matplotlibrc", rc.read_bytes() if rc.is_file() else b""]
    return _sha(*parts)


def rows_of(table, indicators, cities=None):
    """Return the rows of ``table`` for ``indicators`` (and ``cities``, when given): what a
    chart of those indicators draws from it, and so part of its key. A table without
    indicators (or None) is returned whole."""
    if table is None or "indicator_id" not in getattr(table, "columns", ()):
        return table
    keep = table["indicator_id"].isin(list(indicators))
    if cities is not None:
        keep &= table["city"].isin(list(cities))
    return table[keep]


def chart_keys(plan, lang, city, common):
    """Return ``{chart id: key}`` for the charts of ``plan``: each from its ``inputs`` (tables
    and strings), its description, the language, the city and the ``common`` key."""
    keys, digests = {}, {}  # charts share tables: each is hashed once
    for chart in plan:
        about = json.dumps({k: v for k, v in chart.items() if k not in PRIVATE}, sort_keys=True, default=str)
        for x in chart["inputs"]:
            if not isinstance(x, str) and id(x) not in digests:
                digests[id(x)] = frame_digest(x)
        inputs = (x if isinstance(x, str) else digests[id(x)] for x in chart["inputs"])
        keys[chart["id"]] = _sha(common, lang, city, about, *inputs)
    return keys


def read_manifest(folder):
    """Return the previous pack's manifest, ``{}`` when there is none or it cannot be read."""
    try:
        manifest = json.loads((Path(folder) / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) and manifest.get("format") == _FORMAT else {}


def manifest_text(charts, books=None, **more):
    """Return the manifest for ``{lang: {chart id: {"key", "files"}}}``, ``{lang: book key}`` and
    any ``more`` fields: sorted, no dates."""
    manifest = {"format": _FORMAT, "charts": charts, "books": books or {}, **more}
    return json.dumps(manifest, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def book_key(page_keys):
    """Return the key of a chart book made of pages with these keys, in this order."""
    return _sha("book", *page_keys)


class FontCache:
    """``font_subset`` that keeps its result in the pack, by the set of characters asked for.

    The cut-down font of the index page costs a second or more; a rebuild whose page uses
    the same characters copies it from the previous pack instead.
    """

    def __init__(self, previous, folder):
        self.previous, self.folder = previous, Path(folder)

    def __call__(self, text):
        from ..style import font_subset

        name = Path(CACHE_DIR) / f"page-font-{_sha(common_key(), ''.join(sorted(set(text))))[:24]}.otf"
        reuse = self.previous is not None and intact(self.previous, name)
        data = (Path(self.previous) / name).read_bytes() if reuse else font_subset(text)
        (self.folder / name).parent.mkdir(parents=True, exist_ok=True)
        (self.folder / name).write_bytes(data)
        return data


def plan_charts_to_draw(plans, keys, previous, old_manifest, *, only=None):
    """Decide, chart by chart, what to copy from ``previous`` and what to draw.

    Parameters
    ----------
    plans : dict
        ``{lang: plan}``.
    keys : dict
        ``{lang: {chart id: key}}`` for the new pack.
    previous : Path or None
        The previous pack, whose files may be copied.
    old_manifest : dict
        Its manifest (``read_manifest``).
    only : sequence of str, optional
        Redraw only the charts named here: by chart id (``scorecard``), or every chart of an
        indicator by its id (``rd_intensity``). Every other chart is copied from the
        previous pack when it is there, even if its inputs changed.

    Returns
    -------
    dict
        ``{lang: {chart id: (reuse, key)}}``; ``reuse`` is True when the chart is copied.
    """
    old = old_manifest.get("charts", {}) if previous is not None else {}
    # A file of the previous pack is reused only as it was written (not edited since).
    sums, written = (checksums(previous) if previous is not None else {}), old_manifest.get("checksums", {})
    decision = {}
    for lang, plan in plans.items():
        decision[lang] = {}
        for chart in plan:
            key, entry = keys[lang][chart["id"]], old.get(lang, {}).get(chart["id"])
            present = entry is not None and all(f in sums and sums[f] == written.get(f) for f in entry["files"])
            if only is not None:
                reuse = present and not {chart["id"], chart["section"]} & set(only)
                key = entry["key"] if reuse else key  # a copied chart keeps the key it was drawn with
            else:
                reuse = present and entry["key"] == key
            decision[lang][chart["id"]] = (reuse, key)
    return decision


def check_only(only, plans, indicators=()):
    """Raise ``GzinnovError`` naming the closest choice when an ``only`` term names nothing.

    A term may name a chart or section of ``plans``, or one of the pack's ``indicators``
    (even one whose charts are all left out for want of data).
    """
    import difflib

    from ..errors import GzinnovError

    names = {c["section"] for plan in plans.values() for c in plan} | {c["id"] for plan in plans.values() for c in plan}
    names |= set(indicators)
    for term in only:
        if term not in names:
            close = difflib.get_close_matches(term, sorted(names), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise GzinnovError(f"--only {term}: no chart or indicator of the pack has this name{hint}")


def reuse_plan(a, plans, previous, *, only=None):
    """Return what to copy from the pack ``previous`` (None: no previous pack) and what to draw."""
    if only is not None:
        check_only(only, plans, a.get("indicators", ()))
    common = common_key()
    keys = {lang: chart_keys(plan, lang, a["city"], common) for lang, plan in plans.items()}
    manifest = read_manifest(previous) if previous is not None else {}
    return plan_charts_to_draw(plans, keys, previous, manifest, only=only)


def pack_key(data, info, langs, indicators):
    """Return the key of a whole pack: the common key, the observations, what the pack says
    about itself (build date, user files, ...), its languages and indicators."""
    about = json.dumps([info, list(langs), indicators], sort_keys=True, default=str)
    return _sha("pack", common_key(), frame_digest(data), about)


def checksums(folder):
    """Return ``{file: sha256}`` for every file of the pack in ``folder`` but its manifest."""
    folder = Path(folder)
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != MANIFEST}


def intact(previous, rel):
    """Return whether the file ``rel`` of the pack ``previous`` is as that pack's build wrote it."""
    path = Path(previous) / rel
    written = read_manifest(previous).get("checksums", {}).get(Path(rel).as_posix())
    return path.is_file() and written == hashlib.sha256(path.read_bytes()).hexdigest()


def unchanged_pack(previous, key):
    """Return the number of charts of the pack ``previous`` when it was built from the inputs
    ``key`` names and none of its files has changed since; else None."""
    manifest = read_manifest(previous)
    if manifest.get("pack") != key or manifest.get("checksums") != checksums(previous):
        return None
    return sum(len(charts) for charts in manifest.get("charts", {}).values())


def write_manifest(charts, books, folder, pack=None):
    """Write the pack's manifest, which the next build reads to reuse charts (or the whole pack:
    ``pack`` is its key; the manifest then lists every file's checksum). Write it last."""
    from ..files import write_text_atomic

    more = {} if pack is None else {"pack": pack, "checksums": checksums(folder)}
    write_text_atomic(Path(folder) / MANIFEST, manifest_text(charts, books, **more))
