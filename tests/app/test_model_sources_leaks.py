"""No view of the ModelSources page, no log line and no test output ever holds a Secret's value.

The demo Secrets' values contain ``DEMO-SECRET-VALUE``; so do the Dataset options the controller
copied them into. Every view is rendered and every element searched in its wire form (the
protobuf the browser would get: text, alerts, code, captions, expanders, tabs, dataframes as
Arrow bytes), for the marker as text and as base64, as a Secret's ``data`` holds it.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.demo.seed_catalog import SECRET_MARKER, SOURCES
from tests.helpers.page import rendered
from tests.helpers.sources import W, add_source, click, open_sources, select_row

MARKER = SECRET_MARKER.encode()


def _base64_forms(secret: bytes) -> list[bytes]:
    """The marker's base64 text at each of the three alignments it can take inside a longer value."""
    forms = []
    for shift in range(3):
        encoded = base64.b64encode(b"\0" * shift + secret)
        forms.append(encoded[4 if shift else 0 : -4])
    return forms


NEEDLES = [MARKER, *_base64_forms(MARKER)]


def leaks(at: AppTest) -> list[bytes]:
    return [needle for blob in rendered(at) for needle in NEEDLES if needle in blob]


def test_the_search_finds_the_marker_where_it_is_shown(seeded: EmulatorThread) -> None:
    """A control: a config value (which the detail shows) holding the marker is found, in a dataframe."""
    add_source(seeded, "control", {"type": "HTTP", "config": {"Accept": f"text/{SECRET_MARKER}"}})
    assert MARKER in leaks(open_sources(source="control"))


def views() -> Iterator[tuple[str, AppTest]]:
    """Every view of the page on the demo content, including the review of each edit."""
    at = open_sources()
    yield "list", at
    yield "list, row selected", select_row(at, "huggingface")
    for name in SOURCES:
        at = open_sources(source=name)
        yield f"detail {name}", at
        yield f"detail {name}, checked again", click(at, "sources.detail.recheck")
        yield f"delete {name}", open_sources(source=name, action="delete")
        at = open_sources(source=name, action="edit")
        yield f"edit {name}", at
        yield f"review {name}", click(at, f"{W}.review")
    at = open_sources(action="create")
    at.text_input(key=f"{W}.name").input("new-source")
    at.selectbox(key=f"{W}.type").select("HUGGING_FACE")
    at.text_input(key=f"{W}.secret").input("hf-token").run()
    yield "create", at
    yield "create, review", click(at, f"{W}.review")


def test_no_view_shows_a_secret_value(seeded: EmulatorThread) -> None:
    seen = []
    for label, at in views():
        assert not at.exception, (label, at.exception)
        assert not leaks(at), label
        seen.append(label)
    assert len(seen) == 2 + 6 * 5 + 2  # six seeded ModelSources


def test_no_log_line_or_output_holds_a_secret_value(
    seeded: EmulatorThread, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.DEBUG)
    for _label, _at in views():
        pass
    out, err = capfd.readouterr()
    for text in (caplog.text, out, err):
        assert not [needle for needle in NEEDLES if needle.decode() in text]


def test_when_secrets_may_not_be_read_or_listed_nothing_leaks_either(seeded: EmulatorThread) -> None:
    seeded.emulator.access.deny("get", "secrets")
    seeded.emulator.access.deny("list", "secrets")
    for name in ("huggingface", "artifactory"):
        assert not leaks(open_sources(source=name))
        assert not leaks(open_sources(source=name, action="edit"))
