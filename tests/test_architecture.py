"""The layers are written down in pyproject.toml ([tool.importlinter]) and kept.

Besides running the import-linter contracts, two plain AST scans pin the rules that matter most,
so that they hold even for a module the contracts do not name yet.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from importlinter import api as importlinter_api

from tests.conftest import REPO_ROOT

LIBRARY = REPO_ROOT / "modelfs_lib"
CLIENT = LIBRARY / "client"
UI = LIBRARY / "ui"
PAGES = REPO_ROOT / "pages"


def imported_roots(path: Path) -> Iterator[tuple[int, str]]:
    """(line, top-level package) for every absolute import in a file, however deeply nested."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module.split(".")[0]


def imported_modules(path: Path) -> Iterator[tuple[int, str]]:
    """(line, dotted name) for every import in a file; relative ones keep their leading dots."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            for alias in node.names:
                yield node.lineno, f"{base}.{alias.name}" if base.strip(".") else f"{base}{alias.name}"


def library_files_outside(*allowed: Path) -> list[Path]:
    return sorted(path for path in LIBRARY.rglob("*.py") if not any(path.is_relative_to(folder) for folder in allowed))


def test_the_import_contracts_are_declared() -> None:
    contracts = importlinter_api.read_configuration(str(REPO_ROOT / "pyproject.toml"))["contracts_options"]
    assert {(contract["id"], contract["type"]) for contract in contracts} >= {
        ("layers", "layers"),
        ("kubernetes-only-in-client", "forbidden"),
        ("ui-reaches-kubernetes-through-client", "forbidden"),
        ("streamlit-only-in-ui", "forbidden"),
        ("pages-independent", "independence"),
    }


LINT_IMPORTS = "from importlinter.cli import lint_imports_command; lint_imports_command()"


def test_every_import_contract_is_kept() -> None:
    result = subprocess.run(
        [sys.executable, "-c", LINT_IMPORTS, "--no-cache"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"lint-imports found broken contracts:\n{result.stdout}\n{result.stderr}"


def test_only_the_client_imports_kubernetes() -> None:
    offenders = [
        f"{path.relative_to(REPO_ROOT)}:{line} imports {root}"
        for path in library_files_outside(CLIENT)
        for line, root in imported_roots(path)
        if root in {"kubernetes", "urllib3"}
    ]
    assert offenders == []


def test_only_the_ui_imports_streamlit() -> None:
    offenders = [
        f"{path.relative_to(REPO_ROOT)}:{line} imports {root}"
        for path in library_files_outside(UI)
        for line, root in imported_roots(path)
        if root in {"streamlit", "streamlit_ace"}
    ]
    assert offenders == []


def test_no_page_imports_another_page() -> None:
    offenders = [
        f"{path.relative_to(REPO_ROOT)}:{line} imports {name}"
        for path in sorted(PAGES.glob("*.py"))
        for line, name in imported_modules(path)
        if name == "pages" or name.startswith(("pages.", "."))
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import kubernetes.client\n", [(1, "kubernetes")]),
        ("from urllib3 import PoolManager\n", [(1, "urllib3")]),
        ("def f():\n    import kubernetes\n", [(2, "kubernetes")]),
        ("from . import kubernetes\n", []),
    ],
)
def test_the_import_scan_sees_nested_imports_and_skips_relative_ones(
    tmp_path: Path, source: str, expected: list[tuple[int, str]]
) -> None:
    path = tmp_path / "module.py"
    path.write_text(source, encoding="utf-8")
    assert list(imported_roots(path)) == expected


@pytest.mark.parametrize(
    "source",
    ["import pages.models\n", "from pages import datasets\n", "from pages.models import render\n", "from . import x\n"],
)
def test_the_page_scan_sees_every_way_of_importing_a_page(tmp_path: Path, source: str) -> None:
    path = tmp_path / "page.py"
    path.write_text(source, encoding="utf-8")
    assert any(name == "pages" or name.startswith(("pages.", ".")) for _, name in imported_modules(path))


def test_the_console_loads_the_demo_cluster_only_when_it_starts_it() -> None:
    """A console on a real cluster never imports the emulator (kmock, aiohttp): its start stays short."""
    pages = ["modelfs_lib.ui.connection", "modelfs_lib.ui.shell", "modelfs_lib.ui.overview"]
    pages += [f"modelfs_lib.ui.{p}" for p in ("models.list.view", "models.detail.view", "sources.list_view")]
    probe = f"import sys; import {', '.join(pages)}; print(sorted({{'kmock', 'aiohttp'}} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]", result.stdout


def test_no_test_module_imports_another() -> None:
    """What tests share lives in tests/helpers or a conftest: a test module is never imported."""
    pattern = re.compile(r"^\s*(from|import)\s+tests(\.\w+)*\.test_\w+", re.MULTILINE)
    offenders = [
        f"{path.relative_to(REPO_ROOT)}: {match.group(0).strip()}"
        for path in sorted((REPO_ROOT / "tests").rglob("*.py"))
        for match in pattern.finditer(path.read_text())
    ]
    assert offenders == []
