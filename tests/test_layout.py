"""The folders show the layers: imports run one way and the top level stays small."""

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "gzinnov"
ROOT = PACKAGE.parent

# From the bottom up. Top-level modules are the foundation; cli sits on top with teach.
LAYERS = ["", "ingest", "analysis", "charts", "brief", "teach"]
ON_TOP = {"cli", "__main__"}


def _module_name(path):
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _layer(module):
    """Return the layer index of a module name relative to the package ("" is the package)."""
    if module in ON_TOP:
        return len(LAYERS)
    head = module.split(".")[0] if "." in module or module in LAYERS else ""
    return LAYERS.index(head) if head in LAYERS else 0


def _imports(path):
    """Yield every gzinnov module that ``path`` imports, at module level or inside functions."""
    here = _module_name(path)
    package = here.split(".") if path.name == "__init__.py" else here.split(".")[:-1]
    package = [p for p in package if p]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[:len(package) - (node.level - 1)]
            target = ".".join(base + ([node.module] if node.module else []))
            if node.module:
                yield target
            else:  # from . import charts: the names are modules
                for alias in node.names:
                    yield ".".join(base + [alias.name])
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("gzinnov."):
            yield node.module.removeprefix("gzinnov.")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("gzinnov."):
                    yield alias.name.removeprefix("gzinnov.")


def _graph():
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        if name == "":  # the package's lazy re-exports are not a layer
            continue
        targets = set()
        for target in _imports(path):
            while target and target not in modules:  # "charts.labels.text" style names
                target = target.rpartition(".")[0]
            if target and target != name:
                targets.add(target)
        graph[name] = targets
    return graph


def test_the_top_level_holds_at_most_ten_modules():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 10, top


@pytest.mark.parametrize("folder", ["ingest", "analysis", "charts", "brief", "teach"])
def test_each_layer_says_what_it_is_for_and_what_it_may_import(folder):
    doc = ast.get_docstring(ast.parse((PACKAGE / folder / "__init__.py").read_text("utf-8")))
    assert doc and "May import" in doc


def test_no_module_imports_from_a_layer_above_its_own():
    wrong = [f"{name} imports {target}" for name, targets in _graph().items() for target in targets
             if _layer(target) > _layer(name)]
    assert wrong == []


def test_the_layer_rule_can_fail():
    # A chart module importing the pack would be reported: brief (4) sits above charts (3).
    assert _layer("brief.build") > _layer("charts.trajectory") > _layer("analysis.assess") > _layer("registry")
    assert _layer("cli") > _layer("teach.views")


def test_there_is_no_import_cycle():
    graph = _graph()
    state, cycles = {}, []

    def visit(node, stack):
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                cycles.append(stack[stack.index(nxt):] + [nxt] if nxt in stack else [node, nxt])
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_old_module_names_still_import():
    code = ("import sys, gzinnov.assess, gzinnov.growth, gzinnov.data; "
            "print(gzinnov.assess is sys.modules['gzinnov.analysis.assess'], "
            "'pandas' in sys.modules or 'matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == ["True", "True"]


def test_import_gzinnov_loads_neither_pandas_nor_matplotlib():
    code = "import sys, gzinnov; print(sorted(m for m in ('pandas', 'matplotlib') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_the_readme_python_examples_run():
    readme = (ROOT / "README.md").read_text("utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    assert blocks
    for block in blocks:
        code = "import matplotlib\nmatplotlib.use('Agg')\n" + block
        subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, capture_output=True, text=True,
                       timeout=120)
