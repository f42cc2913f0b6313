#!/usr/bin/env python3
"""Check the import graph of the project's packages against docs/architecture.md.

Usage:
    python scripts/check_imports.py [--root DIR]

Imports go one way only: openbaar → raad → notities → vergaderingen → programmas → opgaven → besturen → regioportaal (arrow = "may import").
The script reads every module of those packages (migrations and tests aside) with `ast`, collects every import,
at module level and inside functions, and exits 1 with one line per problem (file:line) when

- an app imports a higher app (an arrow pointing the wrong way), wherever the import stands, or
- modules inside one app import each other in a circle (services → selectors → services), at module level or through
  an import inside a function: hiding an import in a function does not break a circle, it hides it, or
- the graph in docs/architecture.md (between the markers `<!-- import-graph -->` and `<!-- /import-graph -->`) is not
  the graph as it is; `--write` rewrites that block.

On success it prints the app-level graph as it is: which app imports which, with the number of import statements.
Standard library only, so it runs before the virtualenv exists.
"""

import argparse
import ast
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Lowest first: an app may import the apps before it in this list, never the ones after it.
APPS = ["regioportaal", "besturen", "opgaven", "programmas", "vergaderingen", "notities", "raad", "openbaar"]
SKIP_DIRS = {"migrations", "tests", "__pycache__"}
ORDER = " → ".join(reversed(APPS))


@dataclass(frozen=True)
class Import:
    source: str  # importing module, dotted
    target: str  # imported module, dotted (the deepest module of the project it names)
    path: str  # file of the importing module, relative to the root
    line: int
    module_level: bool  # runs when the module is imported (not inside a function, not under TYPE_CHECKING)


def app_of(module):
    head = module.split(".", 1)[0]
    return head if head in APPS else None


def find_modules(root):
    """Dotted name -> path of every module of the apps; raises SystemExit when a package is missing."""
    modules = {}
    for app in APPS:
        package = root / app
        if not (package / "__init__.py").is_file():
            raise SystemExit(f"check_imports: package {app!r} not found under {root}")
        for path in sorted(package.rglob("*.py")):
            relative = path.relative_to(root)
            if SKIP_DIRS.intersection(relative.parts[:-1]):
                continue
            parts = list(relative.with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def _is_type_checking(test):
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class _Collector(ast.NodeVisitor):
    def __init__(self, module, is_package, path, modules):
        self.module = module
        self.package = module if is_package else module.rpartition(".")[0]
        self.path = path
        self.modules = modules
        self.depth = 0  # > 0 inside a function (or under `if TYPE_CHECKING:`)
        self.imports = []

    def _deeper(self, node):
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _deeper

    def visit_If(self, node):
        if _is_type_checking(node.test):
            self.visit(node.test)
            self.depth += 1
            for child in node.body:
                self.visit(child)
            self.depth -= 1
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def _add(self, target, node):
        if app_of(target) is None:
            return
        # The deepest module of the project that the dotted name starts with (`besturen.models.Rol` -> models).
        while target not in self.modules and "." in target:
            target = target.rpartition(".")[0]
        if target == self.module:
            return
        self.imports.append(Import(self.module, target, self.path, node.lineno, self.depth == 0))

    def visit_Import(self, node):
        for alias in node.names:
            self._add(alias.name, node)

    def visit_ImportFrom(self, node):
        if node.level:
            base = self.package.split(".") if self.package else []
            base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
            base = ".".join(base)
            module = f"{base}.{node.module}" if node.module else base
        else:
            module = node.module or ""
        for alias in node.names:
            # `from . import services` names a module; `from .models import Rol` names something in one.
            candidate = f"{module}.{alias.name}"
            self._add(candidate if candidate in self.modules else module, node)


def collect_imports(root, modules):
    imports = []
    for module, path in modules.items():
        relative = path.relative_to(root).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=relative)
        collector = _Collector(module, path.name == "__init__.py", relative, modules)
        collector.visit(tree)
        imports.extend(collector.imports)
    return imports


def _strongly_connected(nodes, edges):
    """Tarjan's algorithm: the components with more than one module, each sorted."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(nodes):
        if node not in index:
            visit(node)
    return sorted(found)


def _circle_in(component, edges):
    """One closed path through a component, starting at its first module: [a, b, ..., a]."""
    members = set(component)
    start = component[0]
    path, seen = [start], {start}

    def walk(node):
        for nxt in sorted(edges.get(node, ())):
            if nxt == start and len(path) > 1:
                path.append(start)
                return True
            if nxt in members and nxt not in seen:
                path.append(nxt)
                seen.add(nxt)
                if walk(nxt):
                    return True
                path.pop()
        return False

    walk(start)
    return path


def find_circles(imports, module_level):
    """Circles between modules of one app, through module-level imports only or through any import."""
    edges, where = defaultdict(set), {}
    for imp in imports:
        if app_of(imp.source) != app_of(imp.target) or (module_level and not imp.module_level):
            continue
        edges[imp.source].add(imp.target)
        key = (imp.source, imp.target)
        if key not in where or (imp.module_level and not where[key].module_level):
            where[key] = imp
    circles = []
    for component in _strongly_connected(set(edges), edges):
        path = _circle_in(component, edges)
        circles.append([where[(a, b)] for a, b in zip(path, path[1:], strict=False)])
    return circles


def check(root):
    """(problems, app graph) for the tree under `root`."""
    modules = find_modules(root)
    imports = collect_imports(root, modules)
    problems = []
    graph = defaultdict(lambda: [0, 0])  # (importer, imported) -> [module level, inside functions]
    for imp in sorted(imports, key=lambda i: (i.path, i.line)):
        source, target = app_of(imp.source), app_of(imp.target)
        if source != target:
            graph[(source, target)][0 if imp.module_level else 1] += 1
        if APPS.index(target) > APPS.index(source):
            problems.append(
                f"{imp.path}:{imp.line}: {source} imports {imp.target}, a higher app "
                f"(imports go one way only: {ORDER})"
            )
    for circle in find_circles(imports, module_level=True):
        chain = " → ".join([circle[0].source] + [imp.target for imp in circle])
        at = ", ".join(f"{imp.path}:{imp.line}" for imp in circle)
        problems.append(
            f"{circle[0].path}:{circle[0].line}: circle at module level: {chain} (imports at {at})"
        )
    for circle in find_circles(imports, module_level=False):
        if all(imp.module_level for imp in circle):
            continue  # reported above
        chain = " → ".join([circle[0].source] + [imp.target for imp in circle])
        hidden = ", ".join(f"{imp.path}:{imp.line}" for imp in circle if not imp.module_level)
        first = next(imp for imp in circle if not imp.module_level)
        problems.append(
            f"{first.path}:{first.line}: circle closed by an import inside a function: {chain} "
            f"(inside functions at {hidden}); move the shared part to a module both can import"
        )
    return problems, dict(graph)


def format_graph(graph):
    lines = []
    for source in reversed(APPS):
        targets = [(t, graph[(source, t)]) for t in reversed(APPS) if (source, t) in graph]
        if not targets:
            lines.append(f"  {source} imports no other app")
            continue
        for target, (top, inner) in targets:
            counts = f"{top + inner} import{'s' if top + inner != 1 else ''}"
            if inner:
                counts += f", {inner} inside functions"
            lines.append(f"  {source} → {target} ({counts})")
    return lines


DOC = Path("docs") / "architecture.md"
START, END = "<!-- import-graph -->", "<!-- /import-graph -->"


def graph_block(graph):
    """The block docs/architecture.md carries between its markers: which app imports which (counts change too often
    to be worth a doc edit; `python3 scripts/check_imports.py` prints them)."""
    width = max(len(app) for app in APPS)
    lines = []
    for source in reversed(APPS):
        targets = [t for t in reversed(APPS) if (source, t) in graph]
        lines.append(f"{source:<{width}} ──► {', '.join(targets) if targets else '(no app)'}")
    return "\n".join([START, "```", *lines, "```", END])


def check_doc(root, graph, write=False):
    """A problem line when the doc's graph differs from `graph` (or rewrite it with `write`); None when it matches."""
    path = root / DOC
    if not path.is_file():
        return None  # a tree without the document (the script's own tests)
    text = path.read_text(encoding="utf-8")
    if START not in text or END not in text:
        return f"{DOC}: no import graph block ({START} … {END})"
    before, rest = text.split(START, 1)
    _old, after = rest.split(END, 1)
    updated = before + graph_block(graph) + after
    if updated == text:
        return None
    if write:
        path.write_text(updated, encoding="utf-8")
        return None
    return f"{DOC}: the import graph in the document is not the graph as it is; run python3 scripts/check_imports.py --write"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the directory that holds the packages")
    parser.add_argument("--write", action="store_true", help=f"rewrite the graph block in {DOC}")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    problems, graph = check(root)
    doc_problem = check_doc(root, graph, write=args.write)
    if doc_problem:
        problems.append(doc_problem)
    if problems:
        for problem in problems:
            print(problem)
        print(f"check_imports: {len(problems)} problem{'s' if len(problems) != 1 else ''}")
        return 1
    print(f"Import graph ({ORDER}), OK:")
    print("\n".join(format_graph(graph)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
