"""Chinese typesetting: full-width punctuation beside Chinese characters (GB/T 15834).

Text written for Chinese readers takes ，。：；（）！？ where it touches Chinese; numbers
and units stay half-width (3.4%, 2,550.8亿元). ``typeset_zh`` mends text that comes from
data files, where ASCII punctuation is common; ``ascii_punctuation`` finds what is left.
"""

__all__ = ["typeset_zh", "ascii_punctuation", "CJK"]

import re

# Chinese characters and the full-width punctuation that belongs with them.
CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u2018-\u201d\u2026\u00b7"
_FULL = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"}
_NEXT_TO_CJK = re.compile(rf"(?<=[{CJK}])\s*([,:;!?])\s*|\s*([,:;!?])\s*(?=[{CJK}])")
_PAREN = re.compile(r"\s*\(([^()]*)\)")
_FOUND = re.compile(rf"[{CJK}]\s*[,:;()!?]|[,:;()!?]\s*[{CJK}]")


def _has_cjk(text):
    return re.search(f"[{CJK}]", text) is not None


def typeset_zh(text):
    """Return ``text`` with ASCII punctuation next to Chinese made full-width.

    A bracket pair becomes （） when the bracket touches Chinese, on either side, inside
    or out. Commas, colons and semicolons between digits (2,550.8; 10:30) are left alone.

    Examples
    --------
    >>> typeset_zh("2020年无数值,以2021年数值为基期。")
    '2020年无数值，以2021年数值为基期。'
    >>> typeset_zh("广州市统计局 (2023); 南方都市报 (2024)")
    '广州市统计局（2023）；南方都市报（2024）'
    """
    if not isinstance(text, str) or not _has_cjk(text):
        return text

    def paren(match):
        start, inner = match.start(), match.group(1)
        before = text[start - 1] if start else ""
        after = text[match.end()] if match.end() < len(text) else ""
        if _has_cjk(before + inner[:1] + inner[-1:] + after):
            return f"（{inner}）"
        return match.group(0)

    text = _PAREN.sub(paren, text)
    return _NEXT_TO_CJK.sub(lambda m: _FULL[m.group(1) or m.group(2)], text)


def ascii_punctuation(text):
    """Return the places in ``text`` where ASCII punctuation touches a Chinese character."""
    return [text[max(m.start() - 6, 0):m.end() + 6] for m in _FOUND.finditer(str(text))]
