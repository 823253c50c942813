"""Tables whose rows can be clicked to pick an item, and links to the items they list."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import urlencode

NAME_IN_LINK = r"[?&](?:version|model)=([^&]+)$"
"""``LinkColumn(display_text=...)``: show the link's last parameter (the Model's or version's name)."""


def model_link(namespace: str, model: str, version: str | None = None) -> str:
    """The console's URL of a Model (``/models?ns=..&model=..``), or of one of its versions."""
    params = {"ns": namespace, "model": model} | ({"version": version} if version else {})
    return f"/models?{urlencode(params)}"


SOURCE_IN_LINK = r"[?&]source=([^&]+)$"
"""``LinkColumn(display_text=...)``: show the link's last parameter (the ModelSource's name)."""


def source_link(namespace: str, source: str) -> str:
    """The console's URL of a ModelSource (``/sources?ns=..&source=..``)."""
    return f"/sources?{urlencode({'ns': namespace, 'source': source})}"


def selected_row(event: object, visible: Sequence[str]) -> str | None:
    """The name in the selected row of a dataframe with ``on_select``, whose rows are ``visible``.

    ``event`` is the dataframe's return value, or in an ``on_select`` callback its value in the session.
    """
    selection = event.get("selection") if isinstance(event, Mapping) else None
    rows = list(selection.get("rows") or []) if isinstance(selection, Mapping) else []
    if rows and 0 <= rows[0] < len(visible):
        return str(visible[rows[0]])
    return None
