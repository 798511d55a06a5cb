"""The package's layers (ronghe/__init__.py): every import, inside functions too
(``if TYPE_CHECKING:`` blocks aside), goes down the layers, never up, and no modules
import each other in a cycle. The content layer loads and checks content with MkDocs,
WeasyPrint and jieba absent."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ronghe"

# layer -> the layers it may import (besides itself)
ALLOWED = {
    "content": set(),
    "ingest": {"content"},
    "site": {"content"},
    "build": {"content", "site"},
    "adapter": {"content", "site", "build"},
    "cli": {"content", "site", "build", "adapter", "ingest"},
    "bench": {"content", "site", "build", "adapter", "ingest", "cli"},
    "__main__": {"cli"},
}
# third-party packages a layer must not import
FORBIDDEN = {
    "content": {"mkdocs", "properdocs", "material", "weasyprint", "jieba", "pydyf", "pypdf", "playwright"},
    "site": {"mkdocs", "properdocs", "material", "weasyprint", "jieba", "pydyf", "pypdf", "playwright"},
    "ingest": {"mkdocs", "properdocs", "material", "weasyprint", "jieba", "playwright"},
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def imports() -> dict[str, set[str]]:
    """module -> every module it imports (ronghe modules as modules, others as their top name)."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _type_checking_lines(tree)
        is_package = path.name == "__init__.py"
        found: set[str] = set()
        for node in ast.walk(tree):
            if getattr(node, "lineno", 0) in skip:
                continue
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = name.split(".") if is_package else name.split(".")[:-1]
                    base = base[: len(base) - (node.level - 1)]
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                targets = [f"{module}.{a.name}" if f"{module}.{a.name}" in modules else module for a in node.names]
            else:
                continue
            for t in targets:
                found.add(t if t in modules else t.split(".")[0] if not t.startswith("ronghe") else
                          max((m for m in modules if t.startswith(m + ".") or t == m), key=len))
        graph[name] = found - {name}
    return graph


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "root"


def test_every_import_goes_down_the_layers():
    wrong = []
    for module, targets in imports().items():
        own = layer(module)
        for t in targets:
            if t.startswith("ronghe"):
                other = layer(t)
                if other not in (own, "root") and other not in ALLOWED.get(own, set()):
                    wrong.append(f"{module} -> {t}")
            elif t in FORBIDDEN.get(own, set()):
                wrong.append(f"{module} -> {t} (third-party)")
    assert not wrong, "imports that go up a layer:\n" + "\n".join(sorted(wrong))


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in graph:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    sys.setrecursionlimit(10000)
    for v in graph:
        if v not in index:
            visit(v)
    return out


def test_no_import_cycles():
    graph = {m: {t for t in ts if t.startswith("ronghe")} for m, ts in imports().items()}
    # a package's __init__ importing its own modules is not a cycle of concerns
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


BLOCKER = """
import sys
class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"mkdocs", "properdocs", "material", "weasyprint", "jieba"}:
            raise ImportError(f"{name} is blocked in this test")
        return None
sys.meta_path.insert(0, Blocker())
from ronghe.cli import main
sys.exit(main(["check", "--content", sys.argv[1]]))
"""


def test_content_loads_and_checks_without_mkdocs_weasyprint_and_jieba():
    proc = subprocess.run([sys.executable, "-c", BLOCKER, str(ROOT / "content")], capture_output=True,
                          text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "内容校验通过" in proc.stdout
