"""The package root shows the flow as folders, and each layer imports only the layers below it.

Imports inside functions count too (a lazy import is still a dependency). The few known exceptions are
listed with the reason each is allowed; a new one fails here, so the next upward import is a decision.
"""
from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "src" / "disclosure_lint"

# Lowest first. Folders on one line are one layer (they may import each other).
LAYERS = [
    {"i18n"},
    {"source"},
    {"readers", "recover"},
    {"document"},
    {"facts"},
    {"engine"},
    {"checks"},
    {"output"},
    {"corpus"},
    {"batch"},
    {"cli"},
    {"tools"},
]
RANK = {folder: i for i, layer in enumerate(LAYERS) for folder in layer}

# (importing module, imported module) -> why it is allowed
ALLOWED = {
    ("readers.flat_text", "document.normalize"): "label normalisation is text-level; it imports only source and i18n",
    ("readers.flat_text", "document.editions"): "the crawler-text reader finds headings from the editions' lists",
    ("recover", "document.editions"): "table recovery chooses splits by the editions' identities",
    ("recover.table2", "document.normalize"): "label normalisation (text-level)",
    ("recover.view", "document.normalize"): "label normalisation (text-level)",
    ("facts.identity_report", "engine.diagnostics"): "identity failures are built as findings once, for several rules",
    ("checks.dl601_carry_over_chain", "corpus.chains"): "a cross-report rule reads the chains the corpus layer built",
    ("checks.dl602_in_force_chain", "corpus.chains"): "a cross-report rule reads the chains the corpus layer built",
    ("checks.dl603_cumulative_chain", "corpus.chains"): "a cross-report rule reads the chains the corpus layer built",
    ("checks.dl608_unchecked_chain", "corpus.chains"): "a cross-report rule reads the chains the corpus layer built",
    ("batch", "cli.main"): "the Dask example maps the CLI's own per-file lint, so both give the same result",
}


def _modules():
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG).with_suffix("")
        parts = list(rel.parts)
        is_pkg = parts[-1] == "__init__"
        if is_pkg:
            parts = parts[:-1]
        yield path, parts, is_pkg


def _imports(path: Path, parts: list[str], is_pkg: bool):
    base = parts if is_pkg else parts[:-1]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for block in ast.walk(tree) if isinstance(block, ast.If)
                   and getattr(block.test, "id", getattr(block.test, "attr", None)) == "TYPE_CHECKING"
                   for stmt in block.body for n in ast.walk(stmt)}  # annotations only: no run-time dependency
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and id(node) not in typing_only:
            if node.level:
                up = base[: len(base) - (node.level - 1)]
                target = up + (node.module.split(".") if node.module else [])
            elif node.module and node.module.split(".")[0] == "disclosure_lint":
                target = node.module.split(".")[1:]
            else:
                continue
            if not target:  # from .. import name: names of the package root (its public API)
                continue
            yield node.lineno, target


def test_root_holds_only_layer_folders():
    loose = sorted(p.name for p in PKG.glob("*.py") if p.name not in ("__init__.py", "__main__.py"))
    assert loose == [], f"modules at the package root belong in a layer folder: {loose}"
    folders = {p.name for p in PKG.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders <= set(RANK), f"a folder with no place in LAYERS: {sorted(folders - set(RANK))}"


def test_each_layer_imports_only_layers_below():
    upward = []
    for path, parts, is_pkg in _modules():
        if not parts or parts[0] not in RANK:
            continue
        me = ".".join(parts)
        for line, target in _imports(path, parts, is_pkg):
            if target[0] in RANK and RANK[target[0]] > RANK[parts[0]]:
                key = (me, ".".join(target))
                if key not in ALLOWED:
                    upward.append(f"{path.relative_to(PKG)}:{line} imports {key[1]}")
    assert not upward, "imports from a higher layer:\n" + "\n".join(upward)


def test_allowlist_has_no_stale_entries():
    seen = set()
    for path, parts, is_pkg in _modules():
        for _line, target in _imports(path, parts, is_pkg):
            seen.add((".".join(parts), ".".join(target)))
    stale = sorted(k for k in ALLOWED if k not in seen)
    assert not stale, f"allowed imports that no longer exist (remove them): {stale}"
