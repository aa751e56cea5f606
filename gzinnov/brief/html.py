"""The briefing pack's ``index.html``: the scorecard table and every chart, in one page that
opens from its folder with no server and no network. Every text taken from data is escaped."""

__all__ = ["render_index"]

import base64
from html import escape

import pandas as pd

from ..charts.labels import city_name, format_value, status_label, status_symbol, target_text
from ..registry import get_indicator
from ..style import STATUS_COLORS, font_subset

_CSS = """
body{font-family:"gzinnov CJK","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;
margin:0 auto;max-width:1100px;padding:1rem 1.5rem;color:#222;line-height:1.45}
nav a{margin-right:1rem}table{border-collapse:collapse;width:100%;font-size:.9rem;margin:1rem 0}
th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
.status{color:#fff;border-radius:3px;padding:0 .3rem;white-space:nowrap}
.status.light{color:#000}figure{margin:1.2rem 0}img{max-width:100%;height:auto;border:1px solid #eee}
figcaption{font-size:.85rem;color:#555}.files a{margin-right:.8rem}h2{border-bottom:2px solid #D55E00}
"""
_TEXT = {
    "zh": {"title": "广州科技创新“十四五”规划目标简报", "lang": "中文", "scorecard": "目标进展",
           "overview": "总览", "indicators": "分指标图表", "files": "文件",
           "heads": ["指标", "基期", "最新值", "目标", "状态", "说明"], "svg": "SVG矢量图",
           "pdf": "PDF图册"},
    "en": {"title": "Guangzhou 14th Five-Year S&T Innovation Plan: briefing", "lang": "English",
           "scorecard": "Progress toward the targets", "overview": "Overview", "indicators": "Charts by indicator",
           "files": "Files", "heads": ["Indicator", "Baseline", "Latest", "Target", "Status", "Why"],
           "svg": "SVG", "pdf": "PDF chart book"},
}
_LIGHT = {"insufficient_data", "needs_acceleration"}


def _value(value, year, ind, lang):
    if pd.isna(value):
        return ""
    return f"{format_value(value, ind.decimals)} {ind.unit(lang)}" + ("" if pd.isna(year) else f" ({int(year)})")


def _table(card, lang):
    heads = "".join(f"<th>{escape(h)}</th>" for h in _TEXT[lang]["heads"])
    rows = []
    for r in card.itertuples():
        ind = get_indicator(r.indicator_id)
        name = ind.name(lang) + ("" if r.city == "Guangzhou" else f" ({city_name(r.city, lang)})")
        target = f"{target_text(r.indicator_id, r.relation, r.target_value, lang)} ({int(r.target_year)})"
        light = " light" if r.status in _LIGHT else ""
        badge = (f'<span class="status{light}" style="background:{STATUS_COLORS.get(r.status, "#BBBBBB")}">'
                 f"{escape(status_symbol(r.status))} {escape(status_label(r.status, lang))}</span>")
        cells = [escape(name), escape(_value(r.baseline_value, r.baseline_year, ind, lang)),
                 escape(_value(r.latest_value, r.latest_year, ind, lang)), escape(target), badge,
                 escape(str(r.status_reason))]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return f'<table class="scorecard"><thead><tr>{heads}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _figure(chart):
    png, svg = escape(chart["png"], quote=True), escape(chart["svg"], quote=True)
    title = escape(chart["title"])
    return (f'<figure id="{escape(chart["id"], quote=True)}"><a href="{svg}"><img src="{png}" alt="{title}" '
            f'width="{chart["width"]}" height="{chart["height"]}"></a><figcaption>{title}</figcaption></figure>')


def render_index(cards, charts, files, *, embed_font=True, subset=font_subset):
    """Return the HTML of the pack's index page.

    Parameters
    ----------
    cards : dict
        ``{lang: scorecard}``.
    charts : dict
        ``{lang: [chart, ...]}``; each chart a dict with ``id, section, title, png, svg,
        width, height`` (paths relative to the page).
    files : list of (str, str)
        ``(label, relative path)`` of the pack's other files.
    embed_font : bool
        Carry the Chinese font inside the page, cut down to the characters it uses, so
        that it renders on machines without a CJK font.
    subset : callable
        ``subset(text)`` returns the font's bytes cut down to the characters of ``text``.
    """
    langs = list(cards)
    first = _TEXT[langs[0]]
    nav = "".join(f'<a href="#{lang}">{escape(_TEXT[lang]["lang"])}</a>' for lang in langs)
    sections = []
    for lang in langs:
        t = _TEXT[lang]
        parts = [f'<section id="{lang}" lang="{"zh-Hans" if lang == "zh" else "en"}"><h2>{escape(t["title"])}</h2>',
                 f"<h3>{escape(t['scorecard'])}</h3>", _table(cards[lang], lang), f"<h3>{escape(t['overview'])}</h3>"]
        section = None
        for chart in charts[lang]:
            if chart["section"] != section and chart["section"] != "overview":
                parts.append(f"<h3>{escape(chart['section_title'])}</h3>")
            section = chart["section"]
            parts.append(_figure(chart))
        parts.append("</section>")
        sections.append("\n".join(parts))
    links = "".join(f'<a href="{escape(path, quote=True)}">{escape(label)}</a>' for label, path in files)
    body = (f"<header><h1>{escape(first['title'])}</h1><nav>{nav}</nav>"
            f'<p class="files">{escape(first["files"])}: {links}</p></header>\n' + "\n".join(sections))
    return ("<!DOCTYPE html>\n"
            f'<html lang="{"zh-Hans" if langs[0] == "zh" else "en"}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(first['title'])}</title><style>{_font_face(body, subset) if embed_font else ''}{_CSS}</style>"
            f"</head><body>{body}\n</body></html>\n")


def _font_face(text, subset=font_subset):
    """An @font-face rule carrying the CJK font, cut down to the page's characters, inline."""
    data = base64.b64encode(subset(text)).decode("ascii")
    return f'@font-face{{font-family:"gzinnov CJK";src:url(data:font/otf;base64,{data}) format("opentype")}}'
