import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _name(requirement):
    return re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_lists_the_same_packages_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    pip_names = {_name(r) for r in project["dependencies"]}
    pip_names |= {_name(r) for group in project["optional-dependencies"].values() for r in group}
    conda = yaml.safe_load((ROOT / "environment.yml").read_text("utf-8"))["dependencies"]
    conda_names = set()
    for dep in conda:
        if isinstance(dep, dict):
            conda_names |= {_name(r) for r in dep["pip"] if not r.startswith("-e")}
        else:
            conda_names.add(_name(dep))
    conda_names -= {"python", "pip"}
    assert conda_names == pip_names


def test_import_does_not_load_matplotlib_or_seaborn():
    code = "import sys, gzinnov; print(sorted(m for m in sys.modules if m.split('.')[0] in ('matplotlib', 'seaborn')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text("utf-8")
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "./tasks test" in readme and "./tasks test" in ci
    assert "./tasks brief" in readme
