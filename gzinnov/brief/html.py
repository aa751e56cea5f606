"""The briefing pack's pages: ``index.html`` (the first language) and ``index-<lang>.html``
for the other, each with the scorecard table and every chart, in a page that opens from
its folder with no server and no network. Every text taken from data is escaped.

Each page says at the top when and from what it was built, links to each indicator's
charts, and switches to the other language. On a phone (390 px) the table turns into one
card per target, so that nothing runs off the screen.
"""

__all__ = ["render_index", "index_pages", "page_name"]

import base64
from html import escape

import pandas as pd

from ..charts.labels import city_name, format_value, status_label, status_symbol, target_text
from ..registry import get_indicator
from ..style import STATUS_COLORS, font_subset
from ..charts.typeset import typeset_zh

_CSS = """
body{font-family:"gzinnov CJK","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;
margin:0 auto;max-width:1100px;padding:1rem 1.5rem;color:#222;line-height:1.45;overflow-wrap:anywhere}
nav a{margin-right:1rem}table{border-collapse:collapse;width:100%;font-size:.9rem;margin:1rem 0}
.provenance{font-size:.85rem;color:#444;background:#f6f6f6;padding:.5rem .8rem;border-radius:4px}
.provenance p{margin:.2rem 0}.toc{font-size:.9rem;columns:2 18rem}.toc a{display:block;margin:.1rem 0}
.skipped{color:#777;font-size:.85rem;margin:.2rem 0}.switch{float:right;font-size:.95rem}
@media (max-width:640px){body{padding:.6rem .8rem}h1{font-size:1.3rem}.toc{columns:1}
table.scorecard,table.scorecard tbody,table.scorecard tr,table.scorecard td,
table.plan,table.plan tbody,table.plan tr,table.plan td{display:block;width:auto}
table.scorecard thead,table.plan thead{display:none}
table.scorecard tr,table.plan tr{border:1px solid #ddd;border-radius:4px;margin:.6rem 0;padding:.3rem .5rem}
table.scorecard td,table.plan td{border:0;padding:.15rem 0}
table.scorecard td::before,table.plan td::before{content:attr(data-label);display:block;font-size:.75rem;color:#777}}
th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
.status{color:#fff;border-radius:3px;padding:0 .3rem;white-space:nowrap}
.status.light{color:#000}figure{margin:1.2rem 0}img{max-width:100%;height:auto;border:1px solid #eee}
figcaption{font-size:.85rem;color:#555}.files a{margin-right:.8rem}h2{border-bottom:2px solid #D55E00}
.headline{font-size:1.15rem;font-weight:600}
"""
_TEXT = {
    "zh": {"title": "广州科技创新“十四五”规划目标简报", "lang": "中文", "scorecard": "目标进展",
           "overview": "总览", "indicators": "分指标图表", "files": "文件",
           "heads": ["指标", "基期", "最新值", "目标", "状态", "说明"], "svg": "SVG矢量图",
           "pdf": "PDF图册", "built": "编制日期", "as_of": "数据截至", "version": "版本",
           "user_files": "并入的用户数据文件", "no_user_files": "无（仅用gzinnov自带数据）",
           "added": "新增{added}个数值，替换{replaced}个原有数值", "contents": "分指标目录",
           "skipped": "未绘制“{title}”：{reason}。", "colon": "：", "final": "最终评估", "targets": "目标"},
    "en": {"title": "Guangzhou 14th Five-Year S&T Innovation Plan: briefing", "lang": "English",
           "scorecard": "Progress toward the targets", "overview": "Overview", "indicators": "Charts by indicator",
           "files": "Files", "heads": ["Indicator", "Baseline", "Latest", "Target", "Status", "Why"],
           "svg": "SVG", "pdf": "PDF chart book", "built": "Built", "as_of": "Data as of", "version": "Version",
           "user_files": "User data files folded in", "no_user_files": "none (gzinnov's own data only)",
           "added": "{added} figures added, {replaced} packaged values replaced", "contents": "Indicators",
           "skipped": "Not drawn, \u201c{title}\u201d: {reason}.", "colon": ": ",
           "final": "the final verdict", "targets": "targets"},
}
_LIGHT = {"insufficient_data", "needs_acceleration"}


def _value(value, year, ind, lang):
    if pd.isna(value):
        return ""
    when = "" if pd.isna(year) else f"（{int(year)}）" if lang == "zh" else f" ({int(year)})"
    return f"{format_value(value, ind.decimals)} {ind.unit(lang)}" + when


def _table(card, lang):
    heads = "".join(f"<th>{escape(h)}</th>" for h in _TEXT[lang]["heads"])
    rows = []
    for r in card.itertuples():
        ind = get_indicator(r.indicator_id)
        name = ind.name(lang) + ("" if r.city == "Guangzhou" else
                                 f"（{city_name(r.city, lang)}）" if lang == "zh" else f" ({city_name(r.city, lang)})")
        target = target_text(r.indicator_id, r.relation, r.target_value, lang) + (
            f"（{int(r.target_year)}）" if lang == "zh" else f" ({int(r.target_year)})")
        light = " light" if r.status in _LIGHT else ""
        badge = (f'<span class="status{light}" style="background:{STATUS_COLORS.get(r.status, "#BBBBBB")}">'
                 f"{escape(status_symbol(r.status))} {escape(status_label(r.status, lang))}</span>")
        cells = [escape(name), escape(_value(r.baseline_value, r.baseline_year, ind, lang)),
                 escape(_value(r.latest_value, r.latest_year, ind, lang)), escape(target), badge,
                 escape(typeset_zh(str(r.status_reason)) if lang == "zh" else str(r.status_reason))]
        heads = [escape(h, quote=True) for h in _TEXT[lang]["heads"]]
        rows.append("<tr>" + "".join(f'<td data-label="{h}">{c}</td>' for h, c in zip(heads, cells)) + "</tr>")
    return f'<table class="scorecard"><thead><tr>{heads}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _figure(chart):
    png, svg = escape(chart["png"], quote=True), escape(chart["svg"], quote=True)
    title = escape(chart["title"])
    return (f'<figure id="{escape(chart["id"], quote=True)}"><a href="{svg}"><img src="{png}" alt="{title}" '
            f'width="{chart["width"]}" height="{chart["height"]}"></a><figcaption>{title}</figcaption></figure>')


def _plan_sections(plans, lang):
    """The plans, first on the page: each finished plan's headline and final verdicts, then the
    targets of the plans under way."""
    parts = []
    for p in (plans or {}).get("plans", []):
        label = _TEXT[lang]["final" if p["finished"] else "targets"]
        title = f"{p['title'][lang]}：{label}" if lang == "zh" else f"{p['title'][lang]}: {label}"
        parts += [f'<h2 id="plan-{escape(p["plan_id"], quote=True)}-{lang}">{escape(title)}</h2>',
                  f'<p class="headline">{escape(p["headline"][lang])}</p>' if p["finished"] else "",
                  _table(p["cards"][lang], lang).replace('class="scorecard"', 'class="plan"', 1)]
    return [part for part in parts if part]


def page_name(lang, langs):
    """Return the file name of the page in ``lang``: index.html for the first language."""
    return "index.html" if lang == langs[0] else f"index-{lang}.html"


def index_pages(cards, charts, files, *, skipped=None, info=None, embed_font=True, plans=None, subset=font_subset):
    """Return ``{file name: HTML}``: one page per language, each linking to the others."""
    langs = list(cards)
    return {page_name(lang, langs): render_index(cards, charts, files, lang=lang, skipped=skipped, info=info,
                                                 embed_font=embed_font, plans=plans, subset=subset) for lang in langs}


def _provenance(info, lang):
    if not info:
        return ""
    from .tables import GRADE_NAMES

    t = _TEXT[lang]
    colon = t["colon"]
    user = ("、" if lang == "zh" else ", ").join(info.get("user_files") or []) or t["no_user_files"]
    if info.get("user_files"):
        user += ("；" if lang == "zh" else "; ") + t["added"].format(added=len(info.get("added", [])),
                                                                   replaced=len(info.get("replaced", [])))
    lines = [f"{t['built']}{colon}{info['built']}{'；' if lang == 'zh' else '; '}{t['as_of']}{colon}"
             f"{info['data_as_of']}{'；' if lang == 'zh' else '; '}{t['version']}{colon}gzinnov {info['version']}",
             f"{t['user_files']}{colon}{user}"]
    grades = info.get("grades")
    if grades:
        i = 0 if lang == "zh" else 1
        counts = ("，" if lang == "zh" else "; ").join(f"{GRADE_NAMES[g][i]} {n}" for g, n in grades.items())
        lines.append((f"数值来源等级{colon}" if lang == "zh" else f"Figures by grade of source{colon}") + counts)
    return '<div class="provenance">' + "".join(f"<p>{escape(x)}</p>" for x in lines) + "</div>"


def render_index(cards, charts, files, *, lang=None, skipped=None, info=None, embed_font=True,
                 plans=None, subset=font_subset):
    """Return the HTML of the pack's page in one language.

    Parameters
    ----------
    cards : dict
        ``{lang: scorecard}``.
    charts : dict
        ``{lang: [chart, ...]}``; each chart a dict with ``id, section, title, png, svg,
        width, height`` (paths relative to the page).
    files : list of (str, str)
        ``(label, relative path)`` of the pack's other files.
    lang : {"zh", "en"}, optional
        The page's language; the first of ``cards`` when None.
    skipped : dict, optional
        ``{lang: [chart, ...]}``: charts left out, each with ``skipped`` (why); each is
        one line under its indicator.
    info : dict, optional
        The pack's provenance (see :func:`gzinnov.brief.build.provenance`).
    embed_font : bool
        Carry the Chinese font inside the page, cut down to the characters it uses, so
        that it renders on machines without a CJK font.
    plans : dict, optional
        The city's plans, as made by :func:`gzinnov.brief.plans.analyse_plans`; the page
        opens with them.
    subset : callable
        ``subset(text)`` returns the font's bytes cut down to the characters of ``text``.
    """
    langs = list(cards)
    lang = lang or langs[0]
    t = _TEXT[lang]
    left = (skipped or {}).get(lang, [])
    switch = "".join(f'<a href="{page_name(other, langs)}" hreflang="{"zh-Hans" if other == "zh" else "en"}">'
                     f'{escape(_TEXT[other]["lang"])}</a>' for other in langs if other != lang)
    sections, toc, section = [], [], None
    parts = [*_plan_sections(plans, lang),
             f"<h2 id=\"scorecard\">{escape(t['scorecard'])}</h2>", _table(cards[lang], lang),
             f"<h2 id=\"overview\">{escape(t['overview'])}</h2>"]
    toc.append(f'<a href="#scorecard">{escape(t["scorecard"])}</a><a href="#overview">{escape(t["overview"])}</a>')
    from .book import _in_order

    for chart in _in_order(charts[lang], left):
        if chart["section"] != section and chart["section"] != "overview":
            anchor = escape(f"ind-{chart['section']}", quote=True)
            parts.append(f'<h2 id="{anchor}">{escape(chart["section_title"])}</h2>')
            toc.append(f'<a href="#{anchor}">{escape(chart["section_title"])}</a>')
        section = chart["section"]
        if "skipped" in chart:
            parts.append(f'<p class="skipped">{escape(t["skipped"].format(title=chart["title"], reason=chart["skipped"]))}</p>')
        else:
            parts.append(_figure(chart))
    sections.append("\n".join(parts))
    links = "".join(f'<a href="{escape(path, quote=True)}">{escape(label)}</a>' for label, path in files)
    html_lang = "zh-Hans" if lang == "zh" else "en"
    body = (f'<header><nav class="switch">{switch}</nav><h1>{escape(t["title"])}</h1>{_provenance(info, lang)}'
            f'<p class="files">{escape(t["files"])}{t["colon"]}{links}</p>'
            f'<nav class="toc" aria-label="{escape(t["contents"], quote=True)}">{"".join(toc)}</nav></header>\n'
            f'<main id="{lang}" lang="{html_lang}">' + "\n".join(sections) + "</main>")
    return ("<!DOCTYPE html>\n"
            f'<html lang="{html_lang}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(t['title'])}</title><style>{_font_face(body, subset) if embed_font else ''}{_CSS}</style>"
            f"</head><body>{body}\n</body></html>\n")


def _font_face(text, subset=font_subset):
    """An @font-face rule carrying the CJK font, cut down to the page's characters, inline."""
    data = base64.b64encode(subset(text)).decode("ascii")
    return f'@font-face{{font-family:"gzinnov CJK";src:url(data:font/otf;base64,{data}) format("opentype")}}'
