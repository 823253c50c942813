"""The server entry (``streamlit_app.py``) and its start-up warm-up (``modelfs_lib/ui/warm_up.py``)."""

from __future__ import annotations

import ast
import asyncio
import importlib.util
import json
import logging
import subprocess
import sys
import time
from pathlib import Path

import pytest

from modelfs_lib.ui import pages, warm_up
from tests.conftest import REPO_ROOT

ENTRY = REPO_ROOT / "streamlit_app.py"
PAGE_SCRIPTS = [REPO_ROOT / pages.HOME.script, *sorted((REPO_ROOT / "pages").glob("[!_]*.py"))]


def module_of(package: str, name: str) -> str:
    """``package.name`` if that is a module, else ``package`` (``name`` is a function or class in it)."""
    try:
        return f"{package}.{name}" if importlib.util.find_spec(f"{package}.{name}") else package
    except ModuleNotFoundError:
        return package


def imported_by(script: Path) -> set[str]:
    """The console's modules a page script imports (``from modelfs_lib.ui.models.list import view`` -> ``...view``)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("modelfs_lib"):
            names.update(module_of(node.module, alias.name) for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names if alias.name.startswith("modelfs_lib"))
    return names


def test_streamlit_run_serves_an_st_app_of_the_home_page_with_the_warm_up() -> None:
    tree = ast.parse(ENTRY.read_text(encoding="utf-8"))
    [assign] = [n for n in tree.body if isinstance(n, ast.Assign) and [ast.unparse(t) for t in n.targets] == ["app"]]
    call = assign.value
    assert isinstance(call, ast.Call) and ast.unparse(call.func) == "st.App"
    assert [ast.literal_eval(a) for a in call.args] == [pages.HOME.script]
    assert {k.arg: ast.unparse(k.value) for k in call.keywords} == {"lifespan": "lifespan"}
    assert "from modelfs_lib.ui.warm_up import lifespan" in ENTRY.read_text(encoding="utf-8")
    assert (REPO_ROOT / pages.HOME.script).is_file() and pages.HOME.url_path == ""


def test_the_warm_up_leaves_every_module_the_pages_import_loaded_without_the_demo_cluster() -> None:
    wanted = sorted(set().union(*(imported_by(s) for s in PAGE_SCRIPTS)))
    probe = (
        "import json, sys\n"
        "from modelfs_lib.ui import warm_up\n"
        "seconds = warm_up.warm_up(warm_up.modules_to_import([]))\n"
        f"wanted = {wanted!r}\n"
        "print(json.dumps({'missing': [m for m in wanted if m not in sys.modules],\n"
        "                  'demo': 'modelfs_lib.demo' in sys.modules, 'seconds': seconds}))\n"
    )
    env_free = {"PATH": "/usr/bin:/bin", "MODELFS_UI_DEMO": "0"}
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO_ROOT, env=env_free, capture_output=True, text=True, check=True
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert wanted and result["missing"] == []
    assert result["demo"] is False  # a real cluster never loads the emulator
    assert "modelfs_lib.demo.cluster" in warm_up.modules_to_import(["--demo"])


def test_the_server_starts_once_the_imports_are_done_or_waited_for_long_enough_and_a_failure_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(warm_up, "WAIT_SECONDS", 0.4)
    (tmp_path / "warm_up_slow.py").write_text("import time\ntime.sleep(1.0)\n")
    (tmp_path / "warm_up_broken.py").write_text("raise RuntimeError('no')\n")
    (tmp_path / "warm_up_after.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    names = ["warm_up_slow", "warm_up_broken", "warm_up_after"]
    for name in names:
        monkeypatch.delitem(sys.modules, name, raising=False)

    def done() -> bool:
        return any("warm-up: imported" in r.getMessage() for r in caplog.records)

    async def serve() -> float:
        started = time.perf_counter()
        async with warm_up.lifespan(object(), names=names):
            entered = time.perf_counter() - started
            for _ in range(200):
                if done():
                    break
                await asyncio.sleep(0.05)
        return entered

    with caplog.at_level(logging.INFO, logger=warm_up.log.name):
        entered = asyncio.run(serve())
    assert done()
    assert 0.35 < entered < 0.9  # the start waited for the imports, but a slow one not beyond WAIT_SECONDS
    assert "warm_up_slow" in sys.modules and "warm_up_after" in sys.modules
    assert "warm_up_broken" not in sys.modules
    messages = [r.getMessage() for r in caplog.records]
    assert any("warm_up_broken failed" in m for m in messages)
    assert any("(1 failed)" in m for m in messages)
