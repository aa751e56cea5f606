"""Parse numbers, units, years and names as people type them in spreadsheets.

Every function here is strict: a cell is read only when it has one meaning. Anything
else comes back as an error, a :class:`~gzinnov.errors.Text` saying in English and
Chinese what was expected, and the caller reports it.
"""

__all__ = ["UNITS", "CITY_NAMES", "convert", "normalise_text", "parse_number", "parse_year",
           "scale", "unit_factor"]

import datetime as dt
import math
import re
import unicodedata

import numpy as np

from ..errors import Text
from ..names import CITIES

# unit -> (dimension, factor to the dimension's base)
UNITS = {
    "元": ("yuan", 1.0), "千元": ("yuan", 1e3), "万元": ("yuan", 1e4), "百万元": ("yuan", 1e6),
    "亿元": ("yuan", 1e8), "十亿元": ("yuan", 1e9), "万亿元": ("yuan", 1e12),
    "billion yuan": ("yuan", 1e9), "100 million yuan": ("yuan", 1e8), "trillion yuan": ("yuan", 1e12),
    "人": ("person", 1.0), "名": ("person", 1.0), "万人": ("person", 1e4), "万名": ("person", 1e4),
    "persons": ("person", 1.0), "thousand persons": ("person", 1e3), "million": ("person", 1e6),
    "million persons": ("person", 1e6),
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
# dimensions that are counts or money, where "1.2万" and "3亿" make sense
_SCALABLE = {"yuan", "person", "person_year", "firm", "item", "patent", "contract"}
_SUFFIXES = sorted(UNITS, key=len, reverse=True)
_MULTIPLIERS = {"万": 1e4, "亿": 1e8}
_MISSING = {"", "—", "——", "-", "--", "…", "...", "……", "na", "n/a", "nan", "null", "无", "暂无", "/"}
# footnote marks, stripped before NFKC (which would turn "①" and "²" into digits)
_FOOTNOTE = re.compile(r"[\*†‡#\u2460-\u2473\u2474-\u2487\u00b9\u00b2\u00b3\u2070-\u2079]+\s*$")
_LOWER_BOUND = re.compile(r"^(超过|突破|逾|超|多于|more than|over|>|≥|>=)\s*", re.I)
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_SPACE_AROUND = re.compile(r"(?<!\d)\s+|\s+(?!\d)")  # spaces not between two digits
_SPACED = re.compile(r"^[+-]?\d{1,3}( \d{3})+(\.\d+)?$")
_RANK = re.compile(r"^第?(\d+)(位|名|名次)?$")

# Chinese city names (with and without 市) -> English; every other spelling: gzinnov.names
CITY_NAMES = {name: en for en, (zh, _) in CITIES.items() for name in (zh, zh + "市")}


def normalise_text(text):
    """Return ``text`` with full-width characters folded and outer spaces removed."""
    return unicodedata.normalize("NFKC", str(text)).strip()


def unit_factor(from_unit, to_unit):
    """Return the factor that turns a value in ``from_unit`` into ``to_unit``, or None."""
    a, b = UNITS.get(from_unit), UNITS.get(to_unit)
    if a is None or b is None or a[0] != b[0]:
        return None
    return a[1] / b[1]


def scale(value, factor):
    """Return ``value * factor`` with one rounding, for a power-of-ten ``factor``.

    ``3500 * 1e-4`` gives 0.35000000000000003, because 1e-4 is inexact; ``3500 / 1e4``
    gives 0.35. ``value`` and ``factor`` may be floats or arrays of the same length.
    """
    factor = np.asarray(factor, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(factor >= 1, np.multiply(value, factor), np.divide(value, np.round(1 / factor)))
    return float(out) if out.ndim == 0 else out


def convert(value, from_unit, to_unit):
    """Convert ``value`` between two units of the same dimension."""
    if not from_unit or from_unit == to_unit:
        return value
    factor = unit_factor(from_unit, to_unit)
    if factor is None:
        raise ValueError(f"cannot convert {from_unit} to {to_unit}")
    return scale(value, factor)


def _a_number(unit):
    return Text(f"a number in {unit}", f"以{unit}为单位的数字")


def _strip_unit(text, unit):
    """Strip a unit suffix ("亿元", "人") and 万/亿 from ``text``; return (text, factor, lower, error).

    万 and 亿 multiply the written unit, or the registry unit when that is a base unit
    (人, 家, 元 ...). After a scaled unit such as 亿元 or 万人, a bare "1.2万" could mean
    1.2万 or 1.2万 times the unit, so it is refused.
    """
    written, factor, lower = unit, 1.0, False
    for suffix in _SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            factor = unit_factor(suffix, unit)
            if factor is None:
                return text, 1.0, lower, Text(f"a value in {unit} (found the unit {suffix})",
                                              f"以{unit}为单位的数值(发现单位{suffix})")
            written, text = suffix, text[: -len(suffix)]
            break
    if text.endswith(("余", "多")):  # "20余家", "1.2万多人"
        lower, text = True, text[:-1]
    multiplier = 1.0
    while text and text[-1] in _MULTIPLIERS:  # "1.2万", "3亿", "1.5万亿"
        multiplier, text = multiplier * _MULTIPLIERS[text[-1]], text[:-1]
    dimension, base = UNITS.get(written, ("", 0.0))
    if multiplier != 1.0 and dimension not in _SCALABLE:
        return text, 1.0, lower, Text(f"a number in {unit} without 万 or 亿", f"以{unit}为单位、不带万或亿的数字")
    if multiplier != 1.0 and written == unit and base != 1.0:
        return text, 1.0, lower, Text(
            f"a number in {unit}, or one with its unit written out (such as 1.2万人)",
            f"以{unit}为单位的数字,或写明单位的数字(如1.2万人)")
    return text, factor * multiplier, lower, None


def parse_number(raw, unit, *, comma_ambiguous=False):
    """Parse one typed value into ``unit``.

    Parameters
    ----------
    raw : str, float, int or None
        The cell as read.
    unit : str
        The indicator's registry unit, e.g. "亿元" or "%".
    comma_ambiguous : bool
        True when a comma may be a decimal comma (a semicolon-separated file): then
        "3,4" and "1,234" are refused rather than guessed.

    Returns
    -------
    tuple
        ``(value, lower_bound, error)``: ``value`` is a float (NaN when the cell marks a
        missing figure), ``error`` a :class:`~gzinnov.errors.Text` (English, with ``.zh``)
        saying what was expected, or None when the cell parsed.
    """
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return math.nan, False, None
    if isinstance(raw, (bool, dt.date, dt.time, dt.timedelta)):
        return None, False, _a_number(unit)
    if isinstance(raw, (int, float)):
        return (float(raw), False, None) if math.isfinite(raw) else (None, False, _a_number(unit))
    text = _FOOTNOTE.sub("", str(raw).strip())
    text = _SPACE_AROUND.sub("", normalise_text(text).replace("\u2212", "-"))
    if text.lower() in _MISSING:
        return math.nan, False, None
    if text.startswith("="):
        return None, False, Text(f"a number in {unit}, not a formula (formulas are never evaluated: paste the "
                                 "values, or open and save the workbook in Excel or WPS so that results are stored)",
                                 f"以{unit}为单位的数字,而非公式(公式不会被计算:请粘贴为数值,或在Excel、WPS中打开并保存)")
    if re.fullmatch(r"#[A-Z/0!?]+[!?A]?", text.upper()):
        return None, False, Text(f"a number in {unit} (found an Excel error value)", f"以{unit}为单位的数字(发现Excel错误值)")
    if UNITS.get(unit, ("",))[0] == "rank" and _RANK.match(text):
        return float(_RANK.match(text).group(1)), False, None
    m = _LOWER_BOUND.match(text)
    lower = bool(m)
    text = text[m.end():] if m else text
    if text.endswith(("以上", "+")):  # "3500家以上"
        lower, text = True, text.removesuffix("以上").removesuffix("+")
    text, factor, more, error = _strip_unit(text, unit)
    lower = lower or more
    if error:
        return None, lower, error
    if " " in text:  # only "12 345 678": spaces between groups of three digits
        if not _SPACED.match(text):
            return None, lower, _a_number(unit)
        text = text.replace(" ", "")
    if "," in text:
        if comma_ambiguous and not re.search(r",\d{3}\.\d+$", text):
            return None, lower, Text(
                "a number with a decimal point: in a semicolon-separated file a comma could be a "
                "decimal comma (3,4 = 3.4) or a thousands separator (1,234 = 1234)",
                "使用小数点的数字:分号分隔的文件中逗号可能是小数逗号(3,4即3.4),也可能是千位分隔符(1,234即1234)")
        if not _GROUPED.match(text):
            return None, lower, Text(f"a number in {unit} (commas only between groups of three digits, "
                                     "as in 1,234.5)", f"以{unit}为单位的数字(逗号只能用作千位分隔,如1,234.5)")
        text = text.replace(",", "")
    if not _PLAIN.match(text):
        return None, lower, _a_number(unit)
    value = scale(float(text), factor)
    if not math.isfinite(value):
        return None, lower, _a_number(unit)
    return value, lower, None


def _excel_serial(date):
    """Return the Excel serial number of ``date`` (1900 date system)."""
    return (dt.date(date.year, date.month, date.day) - dt.date(1899, 12, 30)).days


def parse_year(raw):
    """Parse a year typed as 2022, "2022", "2022年", 2022.0 or a 1 January date.

    Returns ``(year, error)``; ``error`` is a :class:`~gzinnov.errors.Text` or None.
    """
    if isinstance(raw, (dt.date, dt.datetime)):
        if raw.month == 1 and raw.day == 1:
            return int(raw.year), None
        serial = _excel_serial(raw)
        if 1949 <= serial <= 2100:  # the year typed into a cell formatted as a date
            return None, Text(f"a year: this date is the number {serial} formatted as a date (format the "
                              "column as a number)", f"年份:该日期是被设成日期格式的数字{serial}(请把该列设为数字格式)")
        return None, Text("a year, or a date on 1 January", "年份,或某年1月1日的日期")
    if isinstance(raw, bool) or raw is None:
        return None, Text("a four-digit year", "四位数的年份")
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = normalise_text(raw).removesuffix("年")
    if not re.fullmatch(r"\d{4}(\.0+)?", text):
        return None, Text("a four-digit year", "四位数的年份")
    year = int(float(text))
    if not 1949 <= year <= 2100:
        return None, Text("a year between 1949 and 2100", "1949至2100之间的年份")
    return year, None
