"""Named errors and bilingual problem reports that carry where a problem was found."""

__all__ = ["printable", "GzinnovError", "RegistryError", "ArgumentError", "UnknownIndicator", "UnknownPlan", "DataError", "DataWarning", "Problem", "Text", "COLUMN_ZH"]

import re
from dataclasses import dataclass

# Chinese names of the canonical columns, for messages in Chinese
COLUMN_ZH = {
    "indicator_id": "指标", "city": "城市", "year": "年份", "value": "数值", "unit": "单位",
    "status": "状态", "source_id": "来源", "ref": "出处", "note": "备注", "lower_bound": "下限", "basis": "口径",
    "series_break": "口径变化",
}


class Text(str):
    """English text that carries its Chinese twin in ``.zh``.

    It is a plain ``str`` (the English) wherever a string is expected.
    """

    zh: str

    def __new__(cls, en, zh):
        obj = super().__new__(cls, en)
        obj.zh = zh
        return obj

    def __reduce__(self):
        return Text, (str(self), self.zh)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text):
    """Return ``text`` with control characters (escape codes, bidi marks) shown as ``\\x1b``."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else f"\\u{ord(m.group()):04x}",
                        str(text))


def _zh(text):
    return getattr(text, "zh", text)


@dataclass(frozen=True)
class Problem:
    """One problem found in a file: where, what was found, what was expected.

    ``found`` and ``expected`` are English; ``found_zh`` and ``expected_zh`` their
    Chinese. A :class:`Text` given as ``found`` or ``expected`` fills the Chinese field.
    A ``found`` that quotes the file's own cell needs no translation.
    """

    file: str
    row: int | None
    column: str | None
    found: str
    expected: str
    expected_zh: str = ""
    found_zh: str = ""
    sheet: str | None = None

    def __post_init__(self):
        for field, text in (("expected_zh", self.expected), ("found_zh", self.found)):
            if not getattr(self, field):
                object.__setattr__(self, field, _zh(text))
        object.__setattr__(self, "found", str(self.found))
        object.__setattr__(self, "expected", str(self.expected))

    def message(self, lang="en"):
        """Return the problem as one line of text in ``lang`` ("en" or "zh")."""
        where = [self.file]
        if lang == "zh":
            if self.sheet:
                where.append(f"工作表“{self.sheet}”")
            if self.row is not None:
                where.append(f"第{self.row}行")
            if self.column:
                name = COLUMN_ZH.get(self.column)
                where.append(f"“{name}”列（{self.column}）" if name else f"“{self.column}”列")
            return printable(f"{'，'.join(where)}：发现{self.found_zh}，应为{self.expected_zh}")
        if self.sheet:
            where.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        return printable(f"{', '.join(where)}: found {self.found}; expected {self.expected}")


class GzinnovError(Exception):
    """Base class of gzinnov's errors."""


class RegistryError(GzinnovError):
    """The indicator registry is malformed."""


class ArgumentError(GzinnovError, ValueError):
    """An argument has a value gzinnov does not know: an unknown city, indicator or language.

    ``str(error)`` is English; ``error.zh`` the Chinese; ``error.message(lang)`` either;
    ``error.suggestions`` the closest known names, best first.
    """

    def __init__(self, en, zh="", suggestions=()):
        super().__init__(en)
        self.zh = zh or en
        self.suggestions = list(suggestions)

    def message(self, lang="en"):
        """Return the message in ``lang``."""
        return self.zh if lang == "zh" else str(self)


class UnknownIndicator(ArgumentError, RegistryError):
    """An indicator name that is neither an id nor a name or alias in the registry."""


class UnknownPlan(ArgumentError, RegistryError):
    """A plan id that ``data/plans.yaml`` does not declare."""


class DataError(GzinnovError):
    """A data file has problems; ``problems`` lists every one of them."""

    def __init__(self, problems, lang="en"):
        self.problems = list(problems)
        self.lang = lang
        first = self.problems[0] if self.problems else None
        self.file = first.file if first else None
        self.row = first.row if first else None
        self.column = first.column if first else None
        super().__init__("\n".join(p.message(lang) for p in self.problems))


class DataWarning(UserWarning):
    """A file was read as written, but something in it deserves a look (e.g. repeated rows)."""
