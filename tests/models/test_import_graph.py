"""The layering of articles/: no module imports one that imports it back, not even from
inside a function (the usual way a cycle is hidden), and migrations import no app module
from their code (they carry frozen copies of what they need)."""

import ast
from pathlib import Path

import articles

PACKAGE = Path(articles.__file__).resolve().parent


def module_name(path):
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(name, path, known):
    """Every module of the package that `path` imports, at the top or inside a function."""
    found = set()
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                base = ".".join(base + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            # `from . import search` imports articles.search; `from .models import X` articles.models.
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        found |= {target for target in targets if target in known and target != name}
    return found


def import_graph():
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts}
    return {name: imported_modules(name, path, modules) for name, path in modules.items()}


def cycles(graph):
    """Strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_checker_sees_a_cycle_hidden_inside_a_function():
    graph = {"articles.models": {"articles.search.query"}, "articles.search.query": set()}
    assert cycles(graph) == []
    graph["articles.search.query"].add("articles.models")  # e.g. `from .models import Article` in a function
    assert cycles(graph) == [["articles.models", "articles.search.query"]]


def test_the_package_has_no_import_cycle():
    graph = import_graph()
    assert {"articles.models.article", "articles.search.query", "articles.signals"} <= set(graph)
    assert cycles(graph) == []


def test_the_models_never_import_search_and_search_imports_them_at_the_top():
    graph = import_graph()
    models = [name for name in graph if name.startswith("articles.models")]
    assert all("articles.search.query" not in graph[name] for name in models)
    tree = ast.parse((PACKAGE / "search.py").read_text(encoding="utf-8"))
    in_functions = [
        node for function in ast.walk(tree) if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
        for node in ast.walk(function) if isinstance(node, (ast.Import, ast.ImportFrom))
    ]
    assert in_functions == []


def test_migrations_import_no_app_module_in_their_code():
    """Field references (upload_to=articles.images.…) are Django's to write; code is ours."""
    for path in sorted((PACKAGE / "migrations").glob("0*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom):
                    assert node.level == 0 and not (node.module or "").startswith("articles"), path.name
                if isinstance(node, ast.Import):
                    assert not any(alias.name.startswith("articles") for alias in node.names), path.name
