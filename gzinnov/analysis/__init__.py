"""Analysis: pure functions on tidy tables, from growth rates to verdicts and outlooks.

``growth`` and ``panel`` hold the maths and the table helpers; ``forecast``, ``backtest`` and
``trajectory`` project a series; ``assess`` and ``reasons`` give the scorecard verdicts and
their words; ``peers`` compares cities; ``outlook`` looks ahead to 2030.

May import: the top-level modules, ``ingest`` and this folder. Never matplotlib.
"""
