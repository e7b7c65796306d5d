"""The layers of docs/architecture.md hold: import-linter checks the contracts in pyproject.toml,
and each kind of wrong-way import breaks them (tried on a copy of the packages)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHECK = ("import sys; from importlinter.cli import lint_imports; "
         "sys.exit(lint_imports(config_filename='pyproject.toml', no_cache=True, no_logo=True))")


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """Run import-linter on the packages under `root` with `root`'s pyproject.toml."""
    return subprocess.run([sys.executable, "-c", CHECK], cwd=root, capture_output=True, text=True,
                          timeout=300)


def test_the_import_contracts_hold():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout and "KEPT" in result.stdout


@pytest.fixture(scope="module")
def copy_of_the_project(tmp_path_factory) -> Path:
    """The Python files of extract/ and dashboard/ and the pyproject.toml, in a scratch folder."""
    root = tmp_path_factory.mktemp("layers")
    keep_python = lambda folder, names: [n for n in names  # noqa: E731
                                         if not n.endswith(".py") and not (Path(folder) / n).is_dir()]
    for package in ("extract", "dashboard"):
        shutil.copytree(ROOT / package, root / package, ignore=keep_python)
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


# (file, line added to it): each a kind of import the layers forbid.
WRONG_WAY = {
    "a stage imports an adapter above it": ("extract/places/__init__.py", "from ..geocoders import regeocode"),
    "a stage imports the pipeline": ("extract/dates/__init__.py", "from ..pipeline import analyze"),
    "a stage imports its sibling": ("extract/dates/__init__.py", "from ..places import find_places"),
    "the records import a stage": ("extract/records.py", "from .events import assemble_events"),
    "text imports the records": ("extract/text.py", "from .records import Document"),
    "the pipeline imports the store": ("extract/pipeline.py", "from .store import Store"),
    "the store runs the pipeline": ("extract/store.py", "from .pipeline import analyze"),
    "a stage imports the CLI": ("extract/events.py", "from .__main__ import main"),
    "extract imports the dashboard": ("extract/exports.py", "import dashboard.formats"),
    "data access imports a view": ("dashboard/queries.py", "from . import timeline"),
    "a view imports the app": ("dashboard/timeline.py", "from . import app"),
}


@pytest.mark.parametrize("name", list(WRONG_WAY))
def test_a_wrong_way_import_breaks_the_contracts(copy_of_the_project, name):
    path, line = WRONG_WAY[name]
    target = copy_of_the_project / path
    original = target.read_text(encoding="utf-8")
    target.write_text(original + "\n" + line + "\n", encoding="utf-8")
    try:
        result = lint_imports(copy_of_the_project)
    finally:
        target.write_text(original, encoding="utf-8")
    assert result.returncode != 0 and "BROKEN" in result.stdout, result.stdout


def test_a_module_outside_every_layer_breaks_the_contracts(copy_of_the_project):
    """The extract contract is exhaustive: a new module must be given its place in a layer."""
    module = copy_of_the_project / "extract" / "newstage.py"
    module.write_text('"""A stage nobody placed."""\n', encoding="utf-8")
    try:
        result = lint_imports(copy_of_the_project)
    finally:
        module.unlink()
    assert result.returncode != 0 and "newstage" in result.stdout, result.stdout


def test_the_unchanged_copy_holds(copy_of_the_project):
    """The wrong-way cases fail for their added line, not because the copy is incomplete."""
    assert lint_imports(copy_of_the_project).returncode == 0
