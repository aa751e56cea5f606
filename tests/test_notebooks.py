"""The notebooks: paired with their scripts, thin, small, and with checked outputs.

The notebooks themselves run under nbval (``./tasks test`` passes ``--nbval-lax``); the
cells whose output is checked carry the cell tag ``nbval-check-output``, which students do
not see. To re-execute them and store the outputs of the checked cells (and no other
output), run from the repository root::

    .venv/bin/python tests/test_notebooks.py --refresh
"""

import ast
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
CHECK = "nbval-check-output"  # the cell tag nbval reads
MARKER = "# NBVAL_CHECK_OUTPUT"  # the old comment marker, seen by students: being replaced by the tag
NAMES = ["00_start_here", "01_scorecard", "02_indicator_explorer", "03_peer_cities", "04_outlook_2030",
         "05_classroom", "06_your_own_data"]
MAX_BYTES = 60_000
MACHINE_PATH = re.compile(r"(/(work|home|Users|tmp|root)/|/var/folders|[A-Za-z]:\\\\)")


def _read(path):
    import jupytext

    return jupytext.read(path)


def _code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def _checked(cell):
    return CHECK in cell.metadata.get("tags", []) or cell.source.startswith(MARKER)


def _cell_text(output):
    if "text" in output:
        return output["text"]
    return output.get("data", {}).get("text/plain", "")


def _stored(name):
    import nbformat

    return nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)


def test_the_seven_notebooks_and_their_scripts_are_there():
    assert sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")) == NAMES
    assert sorted(p.stem for p in NOTEBOOKS.glob("*.py")) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_pair_is_in_sync(name):
    script, notebook = _read(NOTEBOOKS / f"{name}.py"), _read(NOTEBOOKS / f"{name}.ipynb")
    assert [(c.cell_type, c.source) for c in script.cells] == [(c.cell_type, c.source) for c in notebook.cells]
    assert notebook.metadata["jupytext"]["formats"] == "ipynb,py:percent"
    assert notebook.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_thin(name):
    cells = _code_cells(_read(NOTEBOOKS / f"{name}.py"))
    assert cells[0].source.strip() == "import gzinnov as gz"
    params = ast.parse(cells[1].source)
    assigned = {t.id for node in params.body if isinstance(node, ast.Assign) for t in node.targets}
    assert {"city", "peers", "lang"} <= assigned
    for cell in cells:
        for node in ast.walk(ast.parse(cell.source)):
            assert not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)), \
                f"{name}: a definition in a notebook cell:\n{cell.source}"


@pytest.mark.parametrize("name", NAMES)
def test_chart_cells_echo_no_object(name):
    for cell in _code_cells(_read(NOTEBOOKS / f"{name}.py")):
        last = cell.source.strip().splitlines()[-1]
        if "gz.plot_" in last and not re.match(r"^\w+\s*=", last):
            assert last.endswith(";"), f"{name}: end the chart cell with ';':\n{cell.source}"


@pytest.mark.parametrize("name", NAMES)
def test_checked_outputs_are_stored_and_nothing_else(name):
    nb = _stored(name)
    checked = [c for c in _code_cells(nb) if _checked(c)]
    assert checked, f"{name} has no {CHECK} cell"
    for cell in checked:
        assert cell.execution_count is not None and cell.outputs, f"{name}: run the checked cell:\n{cell.source}"
        assert all("image/png" not in o.get("data", {}) for o in cell.outputs)
        assert "error" not in {o["output_type"] for o in cell.outputs}
    for cell in _code_cells(nb):
        if not _checked(cell):
            assert not cell.outputs, f"{name}: strip the output of:\n{cell.source}"
    assert (NOTEBOOKS / f"{name}.ipynb").stat().st_size < MAX_BYTES


@pytest.mark.parametrize("name", NAMES)
def test_checks_are_cell_tags_not_comments_students_see(name):
    cells = _code_cells(_read(NOTEBOOKS / f"{name}.py"))
    assert not [c.source for c in cells if MARKER in c.source]
    assert any(CHECK in c.metadata.get("tags", []) for c in cells)


@pytest.mark.parametrize("name", NAMES)
def test_no_machine_paths(name):
    nb = _stored(name)
    texts = [c.source for c in nb.cells] + [_cell_text(o) for c in _code_cells(nb) for o in c.outputs]
    for text in texts:
        assert not MACHINE_PATH.search(text), f"{name}: a machine path in:\n{text}"
        assert " at 0x" not in text, f"{name}: an object repr in:\n{text}"


def test_xdist_keeps_each_notebook_on_one_worker():
    # nbval runs a notebook's cells in one kernel: split across workers, later cells lose `gz`
    import tomllib

    options = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["pytest"]["ini_options"]
    assert re.search(r"--dist[ =]loadfile", options["addopts"])


def _row_tokens(text, name):
    return [line.split() for line in text.splitlines() if line.split() and line.split()[0] == name]


def test_explorer_shows_the_scorecard_numbers():
    import gzinnov as gz

    explorer, scorecard = _stored("02_indicator_explorer"), _stored("01_scorecard")
    params = {}
    exec(_code_cells(explorer)[1].source, params)  # the parameter cell: indicator, city, lang
    name = gz.get_indicator(params["indicator"]).short(params["lang"])
    row = next(_row_tokens(_cell_text(o), name) for c in _code_cells(explorer) if "gz.scorecard(" in c.source
               for o in c.outputs)
    card = next(_cell_text(o) for c in _code_cells(scorecard) if c.source.endswith("gz.teach.show(card, lang=lang)")
                for o in c.outputs)
    assert row and row == _row_tokens(card, name)


def test_worked_answers_of_the_classroom_are_right():
    import gzinnov as gz

    text = "\n".join(c.source for c in _read(NOTEBOOKS / "05_classroom.py").cells if c.cell_type == "markdown")
    blocks = re.findall(r"<details>(.*?)</details>", text, flags=re.S)
    calls = [re.search(r"gz\.teach\.(check_\w+)\(([^)]*)\)", b) for b in blocks]
    assert len(calls) >= 3 and all(calls)
    for call in calls:
        feedback = getattr(gz.teach, call.group(1))(ast.literal_eval(call.group(2)))
        assert feedback.correct, f"the worked answer {call.group(0)} is out of date: {feedback.text('en')}"


def refresh(names=NAMES):
    """Sync each pair from its script, execute it, and keep only the checked cells' outputs."""
    import os

    import jupytext
    from nbclient import NotebookClient

    os.environ["MPLBACKEND"] = "Agg"  # no images in the stored notebooks
    for name in names:
        nb = jupytext.read(NOTEBOOKS / f"{name}.py")
        NotebookClient(nb, kernel_name="python3", timeout=300, record_timing=False,
                       resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
        _keep_cell_ids(nb, NOTEBOOKS / f"{name}.ipynb")
        nb.metadata.pop("widgets", None)
        for cell in _code_cells(nb):
            cell.metadata.pop("execution", None)
            keep = _checked(cell)
            cell.outputs = [o for o in cell.outputs if keep and "image/png" not in o.get("data", {})]
        jupytext.write(nb, NOTEBOOKS / f"{name}.ipynb")
        print(f"refreshed {name}.ipynb")


def _keep_cell_ids(nb, path):
    """Give unchanged cells the ids they had in ``path``, so that a refresh diffs cleanly."""
    if not path.exists():
        return
    old = {}
    for cell in _stored(path.stem).cells:
        old.setdefault((cell.cell_type, cell.source), cell.id)
    used = set()
    for cell in nb.cells:
        cell_id = old.get((cell.cell_type, cell.source))
        if cell_id and cell_id not in used:
            cell.id = cell_id
        used.add(cell.id)


if __name__ == "__main__":
    if sys.argv[1:2] != ["--refresh"]:
        sys.exit("usage: python tests/test_notebooks.py --refresh [NAME ...]")
    refresh(sys.argv[2:] or NAMES)
