"""Parse numbers, units, years and names as people type them in spreadsheets."""

__all__ = ["UNITS", "convert", "parse_number", "parse_year", "unit_factor", "CITY_NAMES"]

import math
import re
import unicodedata

# unit -> (dimension, factor to the dimension's base)
UNITS = {
    "元": ("yuan", 1.0), "千元": ("yuan", 1e3), "万元": ("yuan", 1e4), "百万元": ("yuan", 1e6),
    "亿元": ("yuan", 1e8), "十亿元": ("yuan", 1e9), "万亿元": ("yuan", 1e12),
    "billion yuan": ("yuan", 1e9), "100 million yuan": ("yuan", 1e8), "trillion yuan": ("yuan", 1e12),
    "人": ("person", 1.0), "名": ("person", 1.0), "万人": ("person", 1e4), "万名": ("person", 1e4),
    "persons": ("person", 1.0),
    "人年": ("person_year", 1.0), "万人年": ("person_year", 1e4),
    "家": ("firm", 1.0), "万家": ("firm", 1e4), "户": ("firm", 1.0),
    "个": ("item", 1.0), "万个": ("item", 1e4),
    "件": ("patent", 1.0), "万件": ("patent", 1e4),
    "项": ("contract", 1.0), "万项": ("contract", 1e4),
    "%": ("percent", 1.0),
    "件/万人": ("patent_per_10k", 1.0),
    "人年/万人": ("fte_per_10k", 1.0), "人/万人": ("fte_per_10k", 1.0),
    "位": ("rank", 1.0), "名次": ("rank", 1.0),
}
_SUFFIXES = sorted(UNITS, key=len, reverse=True)
_MULTIPLIERS = {"万": 1e4, "亿": 1e8}
_MISSING = {"", "—", "——", "-", "--", "…", "...", "……", "na", "n/a", "nan", "null", "无", "暂无", "/"}
_FOOTNOTE = re.compile(r"[\*†‡#\u2460-\u2473\u00b9\u00b2\u00b3\u2070-\u2079]+$")
_LOWER_BOUND = re.compile(r"^(超过|突破|逾|超|more than|over|>)\s*", re.I)
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")

CITY_NAMES = {
    "广州": "Guangzhou", "广州市": "Guangzhou", "北京": "Beijing", "北京市": "Beijing",
    "上海": "Shanghai", "上海市": "Shanghai", "深圳": "Shenzhen", "深圳市": "Shenzhen",
    "杭州": "Hangzhou", "杭州市": "Hangzhou", "武汉": "Wuhan", "武汉市": "Wuhan",
    "成都": "Chengdu", "成都市": "Chengdu", "南京": "Nanjing", "南京市": "Nanjing",
    "苏州": "Suzhou", "苏州市": "Suzhou", "西安": "Xi'an", "西安市": "Xi'an",
    "重庆": "Chongqing", "重庆市": "Chongqing", "东莞": "Dongguan", "东莞市": "Dongguan",
}


def normalise_text(text):
    """Return ``text`` with full-width characters folded and outer spaces removed."""
    return unicodedata.normalize("NFKC", str(text)).strip()


def unit_factor(from_unit, to_unit):
    """Return the factor that turns a value in ``from_unit`` into ``to_unit``, or None."""
    a, b = UNITS.get(from_unit), UNITS.get(to_unit)
    if a is None or b is None or a[0] != b[0]:
        return None
    return a[1] / b[1]


def convert(value, from_unit, to_unit):
    """Convert ``value`` between two units of the same dimension."""
    if not from_unit or from_unit == to_unit:
        return value
    factor = unit_factor(from_unit, to_unit)
    if factor is None:
        raise ValueError(f"cannot convert {from_unit} to {to_unit}")
    return value * factor


def parse_number(raw, unit):
    """Parse one typed value into ``unit``.

    Returns ``(value, lower_bound, error)``: ``value`` is a float (NaN when the cell
    marks a missing figure), ``error`` a short English description of what was
    expected, or None when the cell parsed.
    """
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return math.nan, False, None
    if isinstance(raw, bool):
        return None, False, "a number"
    if isinstance(raw, (int, float)):
        return float(raw), False, None
    text = normalise_text(raw).replace(" ", "").replace("\u00a0", "")
    if text.lower() in _MISSING:
        return math.nan, False, None
    lower = False
    m = _LOWER_BOUND.match(text)
    if m:
        lower, text = True, text[m.end():]
    text = _FOOTNOTE.sub("", text)
    factor = 1.0
    for suffix in _SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            f = unit_factor(suffix, unit)
            if f is None:
                return None, lower, f"a value in {unit} (found the unit {suffix})"
            factor, text = f, text[: -len(suffix)]
            break
    if text and text[-1] in _MULTIPLIERS:
        if unit == "%":
            return None, lower, "a percentage without 万/亿"
        factor *= _MULTIPLIERS[text[-1]]
        text = text[:-1]
    if _GROUPED.match(text):
        text = text.replace(",", "")
    if not _PLAIN.match(text):
        return None, lower, f"a number in {unit}"
    return float(text) * factor, lower, None


def parse_year(raw):
    """Parse a year typed as 2022, "2022", "2022年", 2022.0 or a 1 January date.

    Returns ``(year, error)``.
    """
    if hasattr(raw, "year") and hasattr(raw, "month"):
        if raw.month == 1 and raw.day == 1:
            return int(raw.year), None
        return None, "a year (found a date that is not 1 January)"
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = normalise_text(raw).removesuffix("年")
    if not re.fullmatch(r"\d{4}", text):
        return None, "a four-digit year"
    year = int(text)
    if not 1949 <= year <= 2100:
        return None, "a year between 1949 and 2100"
    return year, None
