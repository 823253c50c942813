"""What an AppTest page shows, through AppTest's public element tree (``at.main.root``: main area,
sidebar and dialogs)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pandas as pd
from streamlit.testing.v1 import AppTest

from modelfs_lib.ui.models.detail.version_panel import section_key

TEXT_KINDS = ("Caption", "Markdown", "Error", "Warning", "Success", "Info", "Code", "Title", "Subheader")
"""The elements whose ``value`` is text a person reads."""


def walk(node: Any) -> Iterator[Any]:
    """Every node of the element tree under ``node``, ``node`` included."""
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from walk(child)


def nodes(at: AppTest) -> Iterator[Any]:
    """Every node of the page: main area, sidebar and open dialogs."""
    return walk(at.main.root)


def of_kind(items: Iterable[Any], *kinds: str) -> list[Any]:
    """The nodes among ``items`` whose element class is one of ``kinds`` (e.g. "PageLink", "Dataframe")."""
    return [n for n in items if type(n).__name__ in kinds]


def page_text(
    at: AppTest,
    kinds: Iterable[str] = TEXT_KINDS,
    *,
    sep: str = "\n",
    links: bool = False,
    tables: bool = False,
    under: Any = None,
) -> str:
    """What the page (or the node ``under``) says: the ``value`` of every element of ``kinds``; with
    ``links`` the page links' labels, with ``tables`` every dataframe's cells too."""
    everything = list(walk(under) if under is not None else nodes(at))
    parts = [str(getattr(n, "value", "")) for n in of_kind(everything, *kinds)]
    if links:
        parts += [n.proto.label for n in of_kind(everything, "PageLink")]
    if tables:
        parts += [n.value.to_string() for n in of_kind(everything, "Dataframe")]
    return sep.join(parts)


def link_labels(at: AppTest, under: Any = None) -> list[str]:
    """The labels of the page links on the page (or under the node ``under``)."""
    return [n.proto.label for n in of_kind(walk(under) if under is not None else nodes(at), "PageLink")]


def with_key(at: AppTest, key: str) -> Any:
    """The first node of the page with this key (a widget, or a keyed container)."""
    for node in nodes(at):
        if getattr(node, "key", None) == key:
            return node
    raise AssertionError(f"nothing on the page has the key {key}")


def table(at: AppTest, key: str) -> pd.DataFrame:
    """The table with this key, or the first one in the container with this key."""
    frames = of_kind(walk(with_key(at, key)), "Dataframe")
    if not frames:
        raise AssertionError(f"no dataframe {key}")
    value: pd.DataFrame = frames[0].value
    return value


def box_text(at: AppTest, widget_key: str) -> str:
    """Every caption and markdown in the container around a field (``<key>.box``): its messages."""
    for node in nodes(at):
        if type(node).__name__ == "Block" and getattr(node, "key", None) == f"{widget_key}.box":
            return page_text(at, ("Caption", "Markdown"), sep=" ", under=node)
    raise AssertionError(f"no field box {widget_key}.box")


def rendered(at: AppTest) -> Iterator[bytes]:
    """Every element and block of the page, sidebar and dialogs, in the form sent to the browser."""
    for node in nodes(at):
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "SerializeToString"):
            yield proto.SerializeToString()


def open_tab(at: AppTest, label: str, key: str) -> Any:
    """Open tab ``label`` of the tabs whose session key is ``key`` and rerun (only an open tab is built); the tab."""
    at.session_state[key] = label
    at.run()
    return next(t for t in at.tabs if t.label == label)


def models_table(at: AppTest) -> pd.DataFrame:
    """The Models table as shown, its Name links (``/models?ns=..&model=<name>``) read back as the names."""
    frame = at.dataframe(key="models.table").value.copy()
    frame["Name"] = frame["Name"].str.extract(r"[?&]model=([^&]+)$", expand=False)
    return frame


def model_names(at: AppTest) -> list[str]:
    """The Model names in the Models table, in the order shown."""
    return [str(name) for name in models_table(at)["Name"]]


def open_section(at: AppTest, label: str, *, namespace: str, model: str, version: str) -> AppTest:
    """Open section ``label`` of the panel of ``model``'s version ``version`` and rerun (only the open section is
    built); the page."""
    at.session_state[section_key(namespace, model, version)] = label
    return at.run()
