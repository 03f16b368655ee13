"""The package's import structure: one-way layers, checked by walking every module's imports."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "creditdiff"

#: The PDF libraries only ``creditdiff.sources`` may import.
PDF_LIBRARIES = ("pdfplumber", "pdfminer", "pypdfium2")

Import = tuple[str, str, int]  # (importing module, imported module, line)


def module_name(root: Path, path: Path) -> str:
    """``creditdiff/parsers/detect.py`` -> ``creditdiff.parsers.detect``."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(root: Path) -> Iterator[Import]:
    """Every import statement of every module under ``root``, relative ones resolved."""
    for path in sorted(root.rglob("*.py")):
        name = module_name(root, path)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield name, alias.name, node.lineno
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([base] if base else [])])
                if base == root.name:
                    # ``from creditdiff import x`` may name a submodule, not the face.
                    for alias in node.names:
                        target = f"{base}.{alias.name}"
                        is_module = (root / alias.name).is_dir() or (
                            root / f"{alias.name}.py"
                        ).is_file()
                        yield name, target if is_module else base, node.lineno
                else:
                    yield name, base, node.lineno


def within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def violations(root: Path) -> list[str]:
    """Every import that breaks one of the layering rules, as ``module -> target (line)``."""
    top = root.name
    parsers, diff = f"{top}.parsers", f"{top}.diff"
    found = []
    for source, target, line in imports_of(root):
        where = f"{source} -> {target} (line {line})"
        if within(source, parsers) and within(target, diff):
            found.append(f"parsers import diff: {where}")
        if within(source, diff) and within(target, parsers):
            found.append(f"diff imports parsers: {where}")
        if (within(source, f"{top}.output") or within(source, f"{top}.render")) and within(
            target, parsers
        ):
            found.append(f"output/render import parsers: {where}")
        if target == top and source != top:
            found.append(f"imports the package face: {where}")
        if any(within(target, lib) for lib in PDF_LIBRARIES) and not within(
            source, f"{top}.sources"
        ):
            found.append(f"pdf library outside sources: {where}")
    return found


def test_the_package_keeps_its_layering_rules() -> None:
    """No parsers<->diff import, no output/render->parsers import, no package-face import
    from inside, and pdfplumber/pdfminer/pypdfium2 only in creditdiff.sources."""
    assert violations(PACKAGE) == []


def test_the_walk_sees_the_real_imports() -> None:
    """The walker finds known imports, so an empty violation list is not an empty walk."""
    found = set((source, target) for source, target, _ in imports_of(PACKAGE))
    assert ("creditdiff.sources.pdf", "pdfplumber") in found
    assert ("creditdiff.reports", "creditdiff.parsers") in found
    assert ("creditdiff.reports", "creditdiff.diff.engine") in found


@pytest.mark.parametrize(
    ("path", "code", "rule"),
    [
        ("parsers/x.py", "from creditdiff.diff.identity import squash\n", "parsers import diff"),
        ("diff/x.py", "import creditdiff.parsers.detect\n", "diff imports parsers"),
        ("diff/y.py", "from ..parsers import detect\n", "diff imports parsers"),
        ("output/x.py", "from creditdiff.parsers import PARSERS\n", "output/render import"),
        ("render/x.py", "from creditdiff.parsers.base import X\n", "output/render import"),
        ("diff/z.py", "from creditdiff import __version__\n", "package face"),
        ("cli/x.py", "import creditdiff\n", "package face"),
        ("reports.py", "import pdfplumber\n", "pdf library outside sources"),
        ("parsers/y.py", "from pdfminer.psparser import PSException\n", "pdf library"),
        ("cli/z.py", "import pypdfium2 as pdfium\n", "pdf library outside sources"),
    ],
)
def test_a_synthetic_violation_is_caught(tmp_path: Path, path: str, code: str, rule: str) -> None:
    """Each rule fails on a package that breaks it, so the real check can fail."""
    root = tmp_path / "creditdiff"
    for folder in ("parsers", "diff", "output", "render", "cli", "sources"):
        (root / folder).mkdir(parents=True)
        (root / folder / "__init__.py").write_text("")
    (root / "__init__.py").write_text("")
    (root / "sources" / "pdf.py").write_text("import pdfplumber\n")
    (root / "cli" / "ok.py").write_text("from creditdiff import reports\n")
    (root / "reports.py").write_text("")
    assert violations(root) == []
    (root / path).write_text(code)
    found = violations(root)
    assert len(found) == 1 and rule in found[0]
