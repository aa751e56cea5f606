"""Reuse the charts of the previous pack whose inputs have not changed.

Every chart gets a content key: a hash of the rows it draws (canonical CSV bytes), the
tables of its section, its title and size, the language, and a *common* part (gzinnov's
code, the packaged registry, targets and sources, the versions of the drawing libraries
and the theme). The pack records the keys in ``.gzinnov-cache.json``, so the previous
pack is the cache: a chart whose key is unchanged is copied from it, not redrawn.

Charts are cached by *section* (the overview, or one indicator): a section is one run of
pages of the chart book, written as one PDF with its own font subset, so that the book is
the same bytes whether its sections were drawn now or copied.
"""

__all__ = ["MANIFEST", "SECTION_DIR", "common_key", "section_keys", "read_manifest", "manifest_text",
           "plan_sections", "frame_digest", "check_only", "reuse_plan", "write_manifest",
           "book_key", "section_pdf", "FontCache"]

import functools
import hashlib
import json
from importlib import metadata
from pathlib import Path

MANIFEST = ".gzinnov-cache.json"
SECTION_DIR = ".gzinnov-cache"  # one PDF per section and language, the chart book's parts
_FORMAT = 1  # bump when the manifest or the way keys are made changes
_LIBRARIES = ("matplotlib", "numpy", "pandas", "seaborn", "pillow", "fonttools", "pypdf", "mplfonts")


def section_pdf(lang, section):
    """Return the path, inside a pack, of one section's PDF."""
    return Path(SECTION_DIR) / lang / f"{section}.pdf"


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


def _rows(table, ids):
    if table is None or "indicator_id" not in getattr(table, "columns", ()):
        return table
    return table[table["indicator_id"].isin(ids)]


def section_keys(a, plan, lang, common):
    """Return ``{section: key}`` for the charts of ``plan`` drawn from the analysis ``a``.

    An indicator's section depends on that indicator's rows only (observations of every
    city, projections, the ambition table); the overview on every indicator of the pack;
    the plans (each plan's scorecard, the 2030 ambition) on every observation.
    """
    ids = list(a["indicators"])
    shared = [common, lang, a["city"]]
    keys = {}
    for section in dict.fromkeys(c["section"] for c in plan):
        charts = [json.dumps({k: v for k, v in c.items() if k not in ("draw", "page")}, sort_keys=True,
                             default=str)
                  for c in plan if c["section"] == section]
        if section == "overview":
            tables = [_rows(a["data"], ids), _rows(a["projections"], ids), a["cards"][lang], a["all_cities"],
                      a["by_year"], a["outlook"], ",".join(ids)]
        elif section == "plans":  # every plan's scorecard (all its indicators), the 2030 ambition
            plans = a.get("plans") or {}
            tables = [a["data"], plans.get("ambition_2030")]
            for p in plans.get("plans", []):
                tables += [p["cards"][lang], f"{p['plan_id']} {p['finished']} {p['headline'][lang]}"]
        else:
            tables = [_rows(a["data"], [section]), _rows(a["projections"], [section]),
                      _rows(a["ambition"], [section])]
        keys[section] = _sha(*shared, *charts, *(t if isinstance(t, str) else frame_digest(t) for t in tables))
    return keys


def read_manifest(folder):
    """Return the previous pack's manifest, ``{}`` when there is none or it cannot be read."""
    try:
        manifest = json.loads((Path(folder) / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) and manifest.get("format") == _FORMAT else {}


def manifest_text(sections, books=None):
    """Return the manifest for ``{lang: {section: {"key", "files"}}}`` and ``{lang: book key}``: sorted, no dates."""
    manifest = {"format": _FORMAT, "sections": sections, "books": books or {}}
    return json.dumps(manifest, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def book_key(section_keys):
    """Return the key of a chart book made of sections with these keys, in this order."""
    return _sha("book", *section_keys)


class FontCache:
    """``font_subset`` that keeps its result in the pack, by the set of characters asked for.

    The cut-down font of the index page costs a second or more; a rebuild whose page uses
    the same characters copies it from the previous pack instead.
    """

    def __init__(self, previous, folder):
        self.previous, self.folder = previous, Path(folder)

    def __call__(self, text):
        from ..style import font_subset

        name = Path(SECTION_DIR) / f"page-font-{_sha(common_key(), ''.join(sorted(set(text))))[:24]}.otf"
        old = None if self.previous is None else Path(self.previous) / name
        data = old.read_bytes() if old is not None and old.is_file() else font_subset(text)
        (self.folder / name).parent.mkdir(parents=True, exist_ok=True)
        (self.folder / name).write_bytes(data)
        return data


def _matches(only, section, chart_ids):
    return any(term == section or term in chart_ids for term in only)


def plan_sections(plans, keys, previous, old_manifest, *, only=None):
    """Decide, section by section, what to copy from ``previous`` and what to draw.

    Parameters
    ----------
    plans : dict
        ``{lang: plan}``.
    keys : dict
        ``{lang: {section: key}}`` for the new pack.
    previous : Path or None
        The previous pack, whose files may be copied.
    old_manifest : dict
        Its manifest (``read_manifest``).
    only : sequence of str, optional
        Redraw only the sections named here (an indicator id, or a chart id such as
        ``scorecard``, which redraws its section); every other section is copied from the
        previous pack when it is there, even if its inputs changed.

    Returns
    -------
    dict
        ``{lang: {section: (reuse, key)}}``; ``reuse`` is True when the section is copied.
    """
    old = old_manifest.get("sections", {}) if previous is not None else {}
    decision = {}
    for lang, plan in plans.items():
        decision[lang] = {}
        for section, key in keys[lang].items():
            entry = old.get(lang, {}).get(section)
            present = entry is not None and all((Path(previous) / f).is_file() for f in entry["files"])
            if only is not None:
                ids = {c["id"] for c in plan if c["section"] == section}
                reuse = present and not _matches(only, section, ids)
                key = entry["key"] if reuse else key  # a copied section keeps the key it was drawn with
            else:
                reuse = present and entry["key"] == key
            decision[lang][section] = (reuse, key)
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
    keys = {lang: section_keys(a, plan, lang, common) for lang, plan in plans.items()}
    manifest = read_manifest(previous) if previous is not None else {}
    return plan_sections(plans, keys, previous, manifest, only=only)


def write_manifest(sections, books, folder):
    """Write the pack's manifest, which the next build reads to reuse charts."""
    from ..files import write_text_atomic

    write_text_atomic(Path(folder) / MANIFEST, manifest_text(sections, books))
