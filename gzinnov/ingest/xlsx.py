"""Read the sheets of an .xlsx workbook as grids of cells, as Excel shows them.

- A merged cell is read as its value in every cell it covers.
- A number formatted as a percentage (shown as 3.4%, stored as 0.034) is read as "3.4%".
- A formula is read as its saved result; a formula with no saved result (a workbook
  written by a program, never opened in Excel) is read as its text, "=B2*2", which the
  checks then refuse. No formula is ever evaluated.
"""

__all__ = ["read_workbook"]

import io
import warnings

from ..errors import Problem, Text


def _cell(shown, formula):
    value = shown.value
    if value is None and formula.data_type == "f":
        text = getattr(formula.value, "text", formula.value)  # ArrayFormula or str
        return text if str(text).startswith("=") else f"={text}"
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in (shown.number_format or ""):
        return f"{value * 100:.15g}%"
    return value


def _fill_merged(rows, ranges):
    for merged in ranges:
        top = rows[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                rows[r - 1][c - 1] = top


def read_workbook(data, name):
    """Read the bytes of an .xlsx file; return ``(sheets, problems)``.

    ``sheets`` is a list of ``(title, rows)``, each row a list of cell values.
    """
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            shown = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
            formulas = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    except Exception as exc:  # a broken zip or XML raises many types
        return [], [Problem(name, None, None, Text(f"a workbook that cannot be opened ({type(exc).__name__})",
                                                   f"无法打开的工作簿({type(exc).__name__})"),
                            Text("a valid .xlsx file", "有效的.xlsx文件"))]
    sheets = []
    for sheet in shown.worksheets:
        rows = [[_cell(a, b) for a, b in zip(row, frow)]
                for row, frow in zip(sheet.iter_rows(), formulas[sheet.title].iter_rows())]
        _fill_merged(rows, sheet.merged_cells.ranges)
        sheets.append((sheet.title, rows))
    return sheets, []
