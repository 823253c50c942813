"""Opening and driving the Model wizard in page tests."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from modelfs_lib.demo.emulator import ReceivedRequest
from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.ui import state as ui_state
from tests.app.conftest import app
from tests.helpers import page
from tests.helpers.cluster import real_patches
from tests.helpers.manifests import EDITABLE, NS

__all__ = ["EDITABLE", "NS", "applies", "click", "fill_basics", "fill_card", "key", "open_wizard", "page_text"]


def open_wizard(action: str, model: str | None = None) -> AppTest:
    """The Model wizard of ml-team opened for ``action`` (create, edit, add-version, ...), run once."""
    at = app()
    at.query_params["ns"] = NS
    at.query_params["action"] = action
    if model:
        at.query_params["model"] = model
    at.run()
    assert not at.exception, at.exception
    return at


def key(model: str | None, part: str) -> str:
    """The widget key of ``part`` in the wizard of ``model`` (None: a new Model)."""
    return ui_state.key(ui_state.MODEL_WIZARD, NS, model, part)


def page_text(at: AppTest) -> str:
    """What the wizard says: alerts, markdown, captions and code blocks."""
    return page.page_text(at, ("Caption", "Markdown", "Error", "Warning", "Success", "Info", "Code"), sep=" ")


def applies(cluster: EmulatorThread, name: str) -> list[ReceivedRequest]:
    """The real (not dry-run) PATCHes of Model ``name``."""
    return real_patches(cluster, f"/namespaces/{NS}/models/{name}$")


def click(at: AppTest, widget_key: str) -> None:
    """Click the button ``widget_key`` and run."""
    at.button(key=widget_key).click().run()
    assert not at.exception, at.exception


def fill_basics(at: AppTest, *, name: str = "qwen-small", source: str = "huggingface") -> None:
    """Step one of a new Model: name, source, description, tags and logo."""
    at.text_input(key=key(None, "name")).input(name)
    at.selectbox(key=key(None, "source")).select(source)
    at.text_area(key=key(None, "description")).input("Qwen 0.5B for tests")
    at.multiselect(key=key(None, "tags")).set_value(["qwen", "tiny"])
    at.text_input(key=key(None, "logo")).input("https://example.com/qwen.png").run()
    assert not at.exception, at.exception


def fill_card(
    at: AppTest,
    card: int,
    *,
    name: str = "fp16",
    repo: str = "Qwen/Qwen2.5-0.5B-Instruct",
    size: str = "2Gi",
    model: str | None = None,
) -> None:
    """Version card ``card``: name, repo and size."""
    at.text_input(key=key(model, f"v{card}.name")).input(name)
    at.text_input(key=key(model, f"v{card}.repo")).input(repo)
    at.text_input(key=key(model, f"v{card}.size")).input(size).run()
    assert not at.exception, at.exception
