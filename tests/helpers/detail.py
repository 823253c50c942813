"""Opening and reading one Model's detail page in page tests."""

from __future__ import annotations

import re
from typing import Any

from streamlit.testing.v1 import AppTest

from modelfs_lib.ui.models.detail.view import tab_key
from tests.app.conftest import app
from tests.helpers.manifests import NS
from tests.helpers.page import open_tab

__all__ = ["NS", "QWEN", "detail_tab", "open_detail", "unescaped"]

QWEN = "qwen2-5-7b-instruct"
"""The demo Model with the most to show: several versions, shared, with findings."""


def open_detail(model: str = QWEN, **params: str) -> AppTest:
    """The detail of ``model`` in ml-team with these query parameters (version=, tab=, ...), run once."""
    at = app()
    at.query_params["ns"] = NS
    at.query_params["model"] = model
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def unescaped(text: str) -> str:
    """Markdown with its backslash escapes removed: cluster text is shown escaped, read it as people see it."""
    return re.sub(r"\\(.)", r"\1", text)


def detail_tab(at: AppTest, label: str) -> Any:
    """Tab ``label`` of the Model's detail shown, opened first: only the open tab is built."""
    return open_tab(at, label, tab_key(str(at.query_params["ns"]), str(at.query_params["model"])))
