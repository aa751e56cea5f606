"""Understand the names people type, and check the other arguments at the API's edge.

One resolver serves the Python API, the command line and users' files:

- cities: English names, Chinese names with or without 市, common romanisations
  ("Xian", "Xi'an", "西安", "Canton"), in any case;
- indicators: the id, the registry's zh/en names and short names, and the official
  wordings listed as ``aliases`` in ``data/indicators.yaml``.

An unknown name raises :class:`~gzinnov.errors.ArgumentError` (a ``ValueError``) that
names what was given and suggests the closest known names.
"""

__all__ = ["CITIES", "resolve_city", "resolve_cities", "resolve_indicator", "resolve_indicators",
           "indicator_key", "city_key", "check_lang", "check_choice", "check_year", "check_measure",
           "check_plan", "check_arguments", "check_data", "check_path", "known_cities", "get_indicator",
           "targets", "LANGS"]

import difflib
import functools
import re
import unicodedata

from .errors import ArgumentError, UnknownIndicator, UnknownPlan

# canonical (English) name -> (Chinese name, other spellings people use)
CITIES = {
    "Guangzhou": ("广州", ["Canton", "Kwangchow"]),
    "Beijing": ("北京", ["Peking", "Pekin"]),
    "Shanghai": ("上海", []),
    "Shenzhen": ("深圳", ["Shumchun"]),
    "Hangzhou": ("杭州", ["Hangchow"]),
    "Wuhan": ("武汉", []),
    "Chengdu": ("成都", ["Chengtu"]),
    "Nanjing": ("南京", ["Nanking"]),
    "Suzhou": ("苏州", ["Soochow"]),
    "Xi'an": ("西安", ["Xian", "Sian", "Hsian"]),
    "Chongqing": ("重庆", ["Chungking"]),
    "Dongguan": ("东莞", ["Tungkun"]),
}
LANGS = {"zh": "中文", "en": "English"}
_WHAT_ZH = {"lang": "语言（lang）", "measure": "口径（measure）", "plan": "规划（plan）", "format": "格式（format）"}
_CITY_SUFFIX = re.compile(r"(市|city|shi)$")
_DROP = re.compile(r"[\s'’‘`\"“”·・\-_]+")


def _fold(text):
    return unicodedata.normalize("NFKC", str(text)).strip().casefold()


def city_key(text):
    """Return the form of a city name that spellings of one city share ("xian" for 西安市, Xi'an)."""
    key = _DROP.sub("", _fold(text))
    return _CITY_SUFFIX.sub("", key) or key


# wordings that mean the same in the names of indicators
_SAME = [("研究与试验发展(r&d)", "r&d"), ("研究与试验发展", "r&d"), ("研发", "r&d"), ("规模以上", "规上"),
         ("每万人口", "每万人"), ("的", "")]


def indicator_key(text):
    """Return the form of an indicator name that its wordings share (case, width, 研发/R&D, 的)."""
    key = _DROP.sub("", _fold(text))
    for old, new in _SAME:
        key = key.replace(old, new)
    return re.sub(r"(数量|数)$", "", key) or key


@functools.lru_cache(maxsize=4096)
def _close_cities(key, lang):
    """The known cities closest to ``key`` (a new city in a user's file is checked once)."""
    return tuple(_suggest(key, dict(_city_choices(lang)), n=2, cutoff=0.4 if lang == "zh" else 0.6))


@functools.cache
def _city_choices(lang):
    """The known cities' keys in one script (Chinese or Latin), for suggestions."""
    return tuple((city_key(CITIES[en][0]) if lang == "zh" else city_key(en), en) for en in CITIES)


@functools.cache
def _city_lookup():
    lookup = {}
    for en, (zh, others) in CITIES.items():
        for name in (en, zh, *others):
            lookup[city_key(name)] = en
    return lookup


def _say(name, zh_first, zh_text=False):
    """A known city as the user wrote its kind of name: 广州 (Guangzhou) or Guangzhou (广州)."""
    zh = CITIES.get(name, (name,))[0]
    first, second = (zh, name) if zh_first else (name, zh)
    return f"{first}（{second}）" if zh_text else f"{first} ({second})"


def _suggest(given, choices, n=3, cutoff=0.5):
    """Return the closest of ``choices`` (a dict key -> shown name) to ``given``, best first."""
    keys = difflib.get_close_matches(given, list(choices), n=n, cutoff=cutoff)
    return list(dict.fromkeys(choices[k] for k in keys))


def _chinese(text):
    return any("\u4e00" <= ch <= "\u9fff" for ch in str(text))


def known_cities(data=None):
    """Return the cities gzinnov knows by name, plus those present in ``data``."""
    extra = [] if data is None or "city" not in getattr(data, "columns", ()) else sorted(set(data["city"]) - set(CITIES))
    return list(CITIES) + [c for c in extra if isinstance(c, str)]


def resolve_city(name, *, known=None):
    """Return the canonical (English) name of a city, however it is written.

    Parameters
    ----------
    name : str
        "广州", "广州市", "guangzhou", "Xian", "西安" ...
    known : iterable of str, optional
        Further canonical names to accept as written (e.g. the cities of a user's data).

    Raises
    ------
    ArgumentError
        For an unknown name, suggesting the closest known cities.
    """
    if not isinstance(name, str) or not name.strip():
        raise ArgumentError(f"a city must be a name such as 'Guangzhou' or '广州', not {name!r}",
                            f"城市应为名称，如“广州”或“Guangzhou”，而非{name!r}")
    key = city_key(name)
    lookup = _city_lookup()
    if key in lookup:
        return lookup[key]
    extra = {city_key(c): c for c in known or () if isinstance(c, str)}
    if key in extra:
        return extra[key]
    lang = "zh" if _chinese(name) else "en"
    # compare like with like: Chinese spellings with Chinese, Latin with Latin
    mine = {k: v for k, v in extra.items() if _chinese(v) == (lang == "zh")}
    close = _suggest(key, {**dict(_city_choices(lang)), **mine}, n=2, cutoff=0.4 if lang == "zh" else 0.6) \
        if mine else list(_close_cities(key, lang))
    if close:
        shown_en = " or ".join(_say(c, lang == "zh") for c in close)
        shown_zh = "或".join(_say(c, True, True) for c in close)
        raise ArgumentError(f"unknown city '{name}'; did you mean {shown_en}?",
                            f"未知城市“{name}”；是否指{shown_zh}？", close)
    every = ", ".join(known_cities() + [c for c in extra.values() if c not in CITIES])
    raise ArgumentError(f"unknown city '{name}'; known cities: {every}",
                        f"未知城市“{name}”；可用的城市：{'、'.join(CITIES[c][0] for c in CITIES)}")


def resolve_cities(names, *, known=None):
    """Resolve a city name or a list of them; None stays None."""
    if names is None:
        return None
    if isinstance(names, str):
        return resolve_city(names, known=known)
    return [resolve_city(n, known=known) for n in names]


@functools.cache
def _indicator_lookup():
    """Return {indicator_key(name): id} over every id, name, short name and alias."""
    from .registry import load_registry

    by_id, _ = load_registry()
    lookup = {}
    for ind in by_id.values():
        for name in (ind.id, ind.name_zh, ind.name_en, ind.short_zh, ind.short_en, *ind.aliases):
            lookup.setdefault(indicator_key(name), ind.id)
    return lookup


def _indicator_shown(iid, lang="en"):
    from .registry import load_registry

    ind = load_registry()[0][iid]
    return f"{iid}（{ind.name_zh}）" if lang == "zh" else f"{iid} ({ind.name_zh})"


def resolve_indicator(name):
    """Return the registry id of an indicator given by id, name, short name or official wording.

    Raises
    ------
    UnknownIndicator
        (a ``ValueError``) for an unknown name, suggesting the closest indicators.
    """
    lookup = _indicator_lookup()
    if isinstance(name, str) and indicator_key(name) in lookup:
        return lookup[indicator_key(name)]
    key = indicator_key(name) if isinstance(name, str) else ""
    close = _suggest(key, lookup, cutoff=0.6)
    if close:
        raise UnknownIndicator(f"unknown indicator '{name}'; did you mean "
                               f"{' or '.join(_indicator_shown(i) for i in close)}?",
                               f"未知指标“{name}”；是否指{'或'.join(_indicator_shown(i, 'zh') for i in close)}？", close)
    raise UnknownIndicator(f"unknown indicator '{name}'; see gz.indicators() or `gzinnov indicators` for the list",
                           f"未知指标“{name}”；指标列表见gz.indicators()或`gzinnov indicators`")


def resolve_indicators(names):
    """Resolve an indicator name or a list of them; None stays None."""
    if names is None:
        return None
    if isinstance(names, str):
        return resolve_indicator(names)
    return [resolve_indicator(n) for n in names]


def check_choice(what, value, allowed, *, labels=None, error=ArgumentError):
    """Return ``value`` when it is one of ``allowed``; else raise ``error`` naming the accepted values.

    ``labels`` maps a value to a word shown beside it ("zh (中文)").
    """
    if isinstance(value, str) and value in allowed:
        return value
    shown = ", ".join(f"{a} ({labels[a]})" if labels and a in labels else str(a) for a in allowed)
    close = _suggest(str(value).lower(), {str(a).lower(): a for a in allowed}, n=1, cutoff=0.6)
    hint_en = f"; did you mean {close[0]}?" if close else ""
    hint_zh = f"；是否指{close[0]}？" if close else ""
    raise error(f"unknown {what} {value!r}; accepted: {shown}{hint_en}",
                f"未知的{_WHAT_ZH.get(what, what)}“{value}”；可用的值：{shown.replace(', ', '、')}{hint_zh}", close)


def check_lang(lang, allowed=("zh", "en")):
    """Return ``lang`` when it is one of the accepted languages (zh, en)."""
    return check_choice("lang", lang, list(allowed), labels={**LANGS, "both": "中文 + English"})


def check_measure(measure, allowed):
    """Return ``measure`` when it is one of ``allowed``."""
    return check_choice("measure", measure, list(allowed))


def check_year(year, *, what="year", first=2000, last=2100):
    """Return ``year`` as an int when it is a whole year between ``first`` and ``last``."""
    try:
        value = int(year)
        ok = not isinstance(year, bool) and value == float(year) and first <= value <= last
    except (TypeError, ValueError, OverflowError):
        ok = False
    if not ok:
        raise ArgumentError(f"{what} must be a year between {first} and {last}, not {year!r}",
                            f"{what}应为{first}至{last}之间的年份，而非{year!r}")
    return value


def check_plan(plan, known=None):
    """Return ``plan`` (None, a plan id such as ``gz_st_14``, or a list of them) when every one is known."""
    if plan is None:
        return None
    if known is None:
        from .registry import load_plans

        known = list(load_plans())
    if isinstance(plan, str):
        return check_choice("plan", plan, list(known), error=UnknownPlan)
    return [check_choice("plan", p, list(known), error=UnknownPlan) for p in plan]


def check_arguments(data=None, *, city=None, plan=None, target_year=None, lang="zh"):
    """Check the arguments of a scorecard-like call; return ``(city, plan, target_year)`` resolved."""
    check_data(data), check_lang(lang)
    years = None if target_year is None else (
        check_year(target_year, what="target_year") if not isinstance(target_year, (list, tuple, set)) else
        [check_year(y, what="target_year") for y in target_year])
    return resolve_cities(city, known=known_cities(data)), check_plan(plan), years


def check_data(data, *, what="data"):
    """Return ``data`` when it is None or a DataFrame; a string or path gets a clear message."""
    import pandas as pd

    if data is None or isinstance(data, pd.DataFrame):
        return data
    if isinstance(data, str):
        raise ArgumentError(
            f"{what} must be a DataFrame of observations (or None for the packaged data), not the string "
            f"{data!r}; to choose a city write city={data!r}; to read a file use gz.load_observations(path)",
            f"{what}应为观测数据表（DataFrame，或None表示内置数据），而非字符串{data!r}；"
            f"选择城市请写city={data!r}；读取文件请用gz.load_observations(path)")
    raise ArgumentError(f"{what} must be a DataFrame of observations, not {type(data).__name__}",
                        f"{what}应为观测数据表（DataFrame），而非{type(data).__name__}")


def check_path(path, *, what="path"):
    """Return ``path`` when it is a str or PathLike; a DataFrame gets a clear message."""
    import os

    if isinstance(path, (str, os.PathLike)):
        return path
    if hasattr(path, "columns"):
        raise ArgumentError(f"{what} must be the path of a CSV or XLSX file, not a DataFrame: a table in memory "
                            "is already read; pass it as data= to the analysis functions",
                            f"{what}应为CSV或XLSX文件的路径，而非DataFrame：内存中的表已读入，请作为data=传给分析函数")
    raise ArgumentError(f"{what} must be the path of a CSV or XLSX file, not {type(path).__name__}",
                        f"{what}应为CSV或XLSX文件的路径，而非{type(path).__name__}")


def get_indicator(name):
    """Return the registry's :class:`~gzinnov.registry.Indicator` for an id, name or official wording.

    Raises :class:`~gzinnov.errors.UnknownIndicator` (a ``RegistryError`` and a
    ``ValueError``) suggesting the closest indicators.
    """
    from .registry import get_indicator as by_id

    return by_id(resolve_indicator(name))


def targets(city=None, plan=None, year=None):
    """Return the published targets (see :func:`gzinnov.registry.targets`); ``city`` in any spelling."""
    from .registry import targets as registry_targets

    known = set(registry_targets()["city"])
    year = None if year is None else check_year(year) if not isinstance(year, (list, tuple, set)) else \
        [check_year(y) for y in year]
    return registry_targets(resolve_cities(city, known=known), plan=check_plan(plan), year=year)
