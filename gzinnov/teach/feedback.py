"""Judge a student's answer: right, or which common mistake it is, explained in zh and en."""

__all__ = ["Message", "Feedback", "judge", "check_growth", "growth_steps", "GROWTH_TOL", "INTENSITY_TOL"]

import math
from dataclasses import dataclass

from ..analysis.growth import annual_growth

GROWTH_TOL = 0.001     # growth answers as fractions: three decimals are enough
INTENSITY_TOL = 0.01   # intensity answers in percent: two decimals are enough


@dataclass(frozen=True, repr=False)
class Message:
    """Text in Chinese and English that shows itself in ``lang``."""

    zh: str
    en: str
    lang: str = "zh"

    def __post_init__(self):
        from ..names import check_lang

        check_lang(self.lang)

    def text(self, lang=None):
        """Return the text in ``lang`` (the message's own language when None)."""
        return self.zh if (lang or self.lang) == "zh" else self.en

    def __repr__(self):
        return self.text()

    __str__ = __repr__


@dataclass(frozen=True, repr=False)
class Feedback(Message):
    """A check's verdict on an answer: ``correct`` is True, False, or None (no answer yet)."""

    correct: bool | None = None

    def __bool__(self):
        return bool(self.correct)


def _number(answer, percent_divisor):
    """Return ``answer`` as a float; "12.3%" is divided by ``percent_divisor``; None if not a number."""
    if isinstance(answer, bool):
        return None
    if isinstance(answer, str):
        text = answer.strip()
        plain = text.rstrip("%%").strip()
        try:
            value = float(plain) / (percent_divisor if plain != text else 1)
        except ValueError:
            return None
    else:
        try:
            value = float(answer)
        except (TypeError, ValueError):
            return None
    return value if math.isfinite(value) else None


def judge(answer, truth, tol, mistakes, right, hint, lang, percent_divisor=100):
    """Compare ``answer`` with ``truth``, then with each known mistake ``(value, tol, zh, en)``."""
    if answer is None:
        return Feedback("还没有答案:把 None 换成你算出的数。", "No answer yet: replace None with your number.",
                        lang, None)
    value = _number(answer, percent_divisor)
    if value is None:
        return Feedback(f"“{answer}”不是数字。{hint[0]}", f"{answer!r} is not a number. {hint[1]}", lang, False)
    if abs(value - truth) <= tol + 1e-12:
        return Feedback("✓ 正确。" + right[0], "✓ Right. " + right[1], lang, True)
    for wrong, wrong_tol, zh, en in mistakes:
        if math.isfinite(wrong) and abs(value - wrong) <= wrong_tol + 1e-12:
            return Feedback("✗ 不对。" + zh, "✗ Not right. " + en, lang, False)
    places = round(-math.log10(tol))  # 0.001: the question asks for three decimals
    for fewer in range(places - 1, -1, -1):
        if abs(value - round(truth, fewer)) <= 1e-12 and abs(value - truth) < 10.0 ** -fewer:
            return Feedback(f"差一点：你的答案只保留了{fewer}位小数，请保留{places}位。",
                            f"Nearly: your answer has {fewer} decimal(s); give {places}.", lang, False)
    return Feedback("✗ 不对。" + hint[0], "✗ Not right. " + hint[1], lang, False)


_PERCENT = ("这是百分数:题目要的是小数,例如 5% 写成 0.05。",
            "That is a percentage: the question asks for a fraction, e.g. 5% is 0.05.")
_GROWTH_HINT = ("年均增长率 = (终值 ÷ 初值)^(1/年数) − 1,用小数表示(如 0.123)。",
                "Annual growth = (end ÷ start)^(1/years) − 1, as a fraction (e.g. 0.123).")


def _growth_mistakes(start, end, y0, y1, other_years=(), extra=()):
    """Return the true compound growth and the usual wrong answers, each with its explanation."""
    years, ratio = y1 - y0, end / start
    base = [(float(annual_growth(start, end, n)),
             f"年数不对:从{y0}年到{y1}年是 {years} 个年度间隔({y1} − {y0} = {years}),你的答案相当于用了 {n} 年。",
             f"Wrong number of years: from {y0} to {y1} there are {years} yearly steps ({y1} − {y0} = {years});"
             f" your answer uses {n}.")
            for n in sorted({years - 1, years + 1, *other_years} - {years}) if n > 0]
    base += [((ratio - 1) / years, "这是简单平均((终值 ÷ 初值 − 1)÷ 年数)。增长是复利,要开 n 次方。",
              "That is a simple average ((end ÷ start − 1) ÷ years). Growth compounds: take the n-th root."),
             (ratio - 1, f"这是整个时期的总增长,不是每年的增长:还要开 {years} 次方。",
              f"That is the growth over the whole period, not per year: take the {years}-th root."),
             (ratio ** (1 / years), "差一步:(终值 ÷ 初值)^(1/年数) 是增长倍数,减去 1 才是增长率。",
              "One step short: (end ÷ start)^(1/years) is the growth factor; subtract 1 to get the rate."),
             *extra]
    truth = float(annual_growth(start, end, years))
    but = _PERCENT[1][0].lower() + _PERCENT[1][1:]
    out = [(truth * 100, GROWTH_TOL * 100, "数值对了，但" + _PERCENT[0], "The number is right, but " + but)]
    for value, zh, en in base:
        out += [(value, GROWTH_TOL, zh, en), (value * 100, GROWTH_TOL * 100, zh + _PERCENT[0], f"{en} {_PERCENT[1]}")]
    return truth, out


def growth_steps(start, end, years, truth):
    """Return the worked growth formula with its result, as ``(zh, en)``; values are text."""
    step = f"({end} ÷ {start})^(1/{years}) − 1 = {truth:.4f}"
    return f"{step},即每年 {truth:.2%}。", f"{step}, that is {truth:.2%} a year."


def check_growth(answer, start, end, y0, y1, fmt, lang, other_years=(), extra=()):
    """Judge a compound annual growth answer from ``start`` in ``y0`` to ``end`` in ``y1``.

    ``fmt`` formats the values in the worked answer; ``other_years`` are further wrong
    year counts to recognise (for example, counting from the baseline), and ``extra``
    further wrong answers as ``(value, zh, en)``.
    """
    truth, mistakes = _growth_mistakes(start, end, y0, y1, other_years, extra)
    zh, en = growth_steps(fmt(start), fmt(end), y1 - y0, truth)
    right = (f"{zh}保留三位小数为 {truth:.3f}。", f"{en} To three decimals: {truth:.3f}.")
    return judge(answer, truth, GROWTH_TOL, mistakes, right, _GROWTH_HINT, lang)
