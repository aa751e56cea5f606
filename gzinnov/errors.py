"""Named errors that carry where a problem was found."""

__all__ = ["GzinnovError", "RegistryError", "DataError", "Problem"]

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem found in a file: where, what was found, what was expected."""

    file: str
    row: int | None
    column: str | None
    found: str
    expected: str
    expected_zh: str = ""

    def message(self, lang="en"):
        """Return the problem as one line of text in ``lang`` ("en" or "zh")."""
        where = [self.file]
        if lang == "zh":
            if self.row is not None:
                where.append(f"第{self.row}行")
            if self.column:
                where.append(f"列“{self.column}”")
            return f"{', '.join(where)}:发现 {self.found!s},应为 {self.expected_zh or self.expected}"
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: found {self.found!s}; expected {self.expected}"


class GzinnovError(Exception):
    """Base class of gzinnov's errors."""


class RegistryError(GzinnovError):
    """The indicator registry is malformed."""


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
