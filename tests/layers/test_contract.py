"""The layers of articles/ are a contract that `make lint` checks (import-linter, configured
in pyproject.toml): core <- pictures/search <- site/desk/api/ops, the reader site and the desk
never import each other, models never import services. These tests show the check reads the
real imports: it passes on this tree and fails on a copy given one forbidden import."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(tree):
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def copy_of_tree(tmp_path):
    shutil.copytree(ROOT / "articles", tmp_path / "articles", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def add_import(path, statement):
    """Add `statement` inside a new function at the end of the module (the usual way a
    forbidden import hides)."""
    with path.open("a", encoding="utf-8") as module:
        module.write(f"\n\ndef _sneaky():\n    {statement}\n")


def test_the_tree_keeps_its_layers():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" in result.stdout and " 0 broken" in result.stdout


@pytest.mark.parametrize(
    "module, statement, contract",
    [
        # the core reaching up into an app
        ("publishing.py", "from articles.desk import notifications", "core <- pictures/search"),
        # a model reaching a service
        ("models/article.py", "from articles import publishing", "core <- pictures/search"),
        # the reader site and the desk are strangers
        ("site/views.py", "from articles.desk import previews", "never import each other"),
        # pictures sit below the desk
        ("pictures/renditions.py", "from articles.desk import front_page", "core <- pictures/search"),
        # an app's models never import its services
        (
            "desk/models/previews.py",
            "from articles.desk import previews",
            "models never import their services",
        ),
    ],
)
def test_a_forbidden_import_fails_the_lint(copy_of_tree, module, statement, contract):
    add_import(copy_of_tree / "articles" / module, statement)
    result = lint_imports(copy_of_tree)
    assert result.returncode != 0
    broken = [line for line in result.stdout.splitlines() if line.endswith("BROKEN")]
    assert any(contract in line for line in broken), result.stdout


def test_a_module_in_no_layer_fails_the_lint(copy_of_tree):
    (copy_of_tree / "articles" / "newcomer.py").write_text('"""A module nobody placed."""\n')
    assert lint_imports(copy_of_tree).returncode != 0


def test_migrations_import_no_app_module_in_their_code():
    """Field references (upload_to=articles.images.…) are Django's to write; code is ours."""
    for path in sorted((ROOT / "articles").glob("**/migrations/0*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom):
                    assert node.level == 0 and not (node.module or "").startswith("articles"), path.name
                if isinstance(node, ast.Import):
                    assert not any(alias.name.startswith("articles") for alias in node.names), path.name
