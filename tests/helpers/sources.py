"""Opening and driving the ModelSources page and its wizard in page tests."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlparse

import pandas as pd
from streamlit.testing.v1 import AppTest

from modelfs_lib.demo.emulator import ReceivedRequest
from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.ui import pages
from tests.app.conftest import app
from tests.helpers import page
from tests.helpers.cluster import add_object, real_patches

NS = "ml-team"
PAGE = pages.SOURCES.script
SOURCES = "/apis/model.samzong.dev/v1/namespaces/ml-team/modelsources"
W = "sources.wizard"
ROWS = f"{W}.config"
MARKUP = re.compile(r"^(?::\w+\[)?:material/\w+: (.*?)\]?$", re.DOTALL)
"""A finding as drawn (``:red[:material/error: text]``): the text is group 1."""
WIDGETS = ("TextInput", "Selectbox", "Button", "Checkbox", "Multiselect", "TextArea", "DownloadButton")


def open_sources(**params: str) -> AppTest:
    """The ModelSources page of ml-team with these query parameters (source=, action=)."""
    at = app()
    at.query_params["ns"] = NS
    at.run()
    for name, value in params.items():
        at.query_params[name] = value
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def text(at: AppTest) -> str:
    """What the page says: every alert, markdown, caption, code block, title, metric and page link."""
    return page.page_text(at, (*page.TEXT_KINDS, "Metric"), sep=" ", links=True)


def table(at: AppTest, key: str = "sources.table") -> pd.DataFrame:
    """The table with this key, or the first one in the container with this key."""
    return page.table(at, key)


def names(at: AppTest) -> list[str]:
    """The names in the list's rows, in order (each Name cell is a link to ``/sources?ns=..&source=<name>``)."""
    links = table(at)["Name"].tolist()
    found = [parse_qs(urlparse(str(link)).query).get("source", [""])[0] for link in links]
    assert all(found), links
    return found


def row(at: AppTest, name: str) -> dict[str, Any]:
    """The list's row of ModelSource ``name`` (its Name is the name, not the link)."""
    frame = table(at)
    rows: list[dict[str, Any]] = frame[[n == name for n in names(at)]].to_dict("records")
    assert len(rows) == 1, frame
    return {**rows[0], "Name": name}


def click(at: AppTest, key: str) -> AppTest:
    """Click the button ``key`` and run."""
    at.button(key=key).click().run()
    assert not at.exception, at.exception
    return at


def select_row(at: AppTest, name: str) -> AppTest:
    """Click the list's row of ``name`` (which opens the source) and run."""
    index = names(at).index(name)
    at.session_state["sources.table"] = {"selection": {"rows": [index], "columns": [], "cells": []}}
    at.run()
    return at


def add_model(cluster: EmulatorThread, name: str, source: str) -> None:
    """A Model in ml-team using ModelSource ``source``."""
    add_object(
        cluster,
        {
            "apiVersion": "model.samzong.dev/v1",
            "kind": "Model",
            "metadata": {"name": name, "namespace": NS},
            "spec": {"sourceRef": source, "versions": [{"name": "v1", "repo": "https://git.example/x.git"}]},
        },
        namespace=NS,
    )


def add_secret(cluster: EmulatorThread, name: str, data: dict[str, str] | None) -> None:
    """A Secret in ml-team (without ``data`` when None)."""
    manifest: dict[str, Any] = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": name, "namespace": NS}}
    if data is not None:
        manifest["data"] = data
    add_object(cluster, manifest, namespace=NS)


def add_source(cluster: EmulatorThread, name: str, spec: dict[str, Any]) -> None:
    """A ModelSource in ml-team."""
    add_object(
        cluster,
        {"apiVersion": "model.samzong.dev/v1", "kind": "ModelSource", "metadata": {"name": name}, "spec": spec},
        namespace=NS,
    )


def applies(cluster: EmulatorThread, name: str) -> list[ReceivedRequest]:
    """The real (not dry-run) server-side applies of ModelSource ``name``."""
    return real_patches(cluster, f"{SOURCES}/{name}$")


def messages_after(at: AppTest, key: str) -> list[str]:
    """The alerts and captions drawn right after the widget ``key``, before the next widget: its messages."""
    nodes = [n for n in page.walk(at.main) if not getattr(n, "children", None)]
    start = next(i for i, n in enumerate(nodes) if getattr(n, "key", None) == key)
    found = []
    for node in nodes[start + 1 :]:
        if type(node).__name__ in WIDGETS:
            break
        if type(node).__name__ in ("Error", "Warning", "Caption"):
            found.append(MARKUP.sub(r"\1", str(node.value)))
    return found


def fill(at: AppTest, name: str = "hf-mirror", source_type: str = "HUGGING_FACE", secret: str = "hf-token") -> None:
    """Step one of the wizard: name, type and Secret."""
    at.text_input(key=f"{W}.name").input(name)
    at.selectbox(key=f"{W}.type").select(source_type)
    at.text_input(key=f"{W}.secret").input(secret).run()
    assert not at.exception, at.exception


def add_row(at: AppTest, key: str, value: str) -> None:
    """Add a row through the offered key's button (or "Other key") and type into it."""
    offered = f"{ROWS}.suggest.{key}"
    if any(getattr(n, "key", None) == offered for n in page.nodes(at)):
        click(at, offered)
    else:
        click(at, f"{ROWS}.add")
    row = at.session_state[f"{ROWS}.ids"][-1]
    at.text_input(key=f"{ROWS}.{row}.key").input(key)
    at.text_input(key=f"{ROWS}.{row}.value").input(value).run()
