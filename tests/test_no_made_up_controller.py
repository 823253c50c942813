"""No logs command names the ``modelfs-controller`` Deployment: the modelfs chart never creates one.

Every logs command is built from the configured controller location (modelfs_lib/domain/controller.py).
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import REPO_ROOT

MADE_UP = "deploy/modelfs-controller"
SEARCHED = (
    "modelfs_lib",
    "pages",
    "charts",
    "tests",
    "docs",
    "scripts",
    "README.md",
    "streamlit_app.py",
    "overview.py",
)


def text_files() -> list[Path]:
    found: list[Path] = []
    for entry in SEARCHED:
        path = REPO_ROOT / entry
        found += [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return [p for p in found if "__pycache__" not in p.parts and p.suffix not in (".png", ".pyc")]


def test_the_search_covers_the_library_the_chart_and_the_readme() -> None:
    files = {p.relative_to(REPO_ROOT).as_posix() for p in text_files()}
    assert {"README.md", "modelfs_lib/domain/controller.py", "charts/modelfs-ui/values.yaml"} <= files


def test_no_file_names_a_modelfs_controller_deployment() -> None:
    own = Path(__file__).resolve()
    offenders = [
        p.relative_to(REPO_ROOT).as_posix()
        for p in text_files()
        if p.resolve() != own and MADE_UP in p.read_text(encoding="utf-8", errors="ignore")
    ]
    assert offenders == []
