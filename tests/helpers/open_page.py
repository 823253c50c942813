"""Opening a page of the console under AppTest, with query parameters, checked to run without an exception."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from modelfs_lib.ui import pages
from tests.app.conftest import app


def open_page(page: pages.Page, **params: str) -> AppTest:
    """``page`` run once with ``params`` in its URL; it raised nothing."""
    at = app(page)
    at.query_params.update(params)
    at.run()
    assert not at.exception, at.exception
    return at
