"""Edit YAML in a real browser: "Reset to live" puts the live spec back into the ace editor itself."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

MODEL = "qwen2-5-7b-instruct"


def test_reset_to_live_puts_the_live_text_back_into_the_editor(
    app_server: str, page: Page, screenshot: Callable[[str], Path]
) -> None:
    page.goto(f"{app_server}/models?ns=ml-team&model={MODEL}&action=edit-yaml")
    editor = page.locator("iframe[title*='streamlit_ace']").last.content_frame.locator(".ace_content")
    expect(editor).to_contain_text("sourceRef: huggingface")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("sourceRef: nowhere")
    expect(editor).to_contain_text("sourceRef: nowhere")
    expect(editor).not_to_contain_text("versions:")

    page.get_by_role("button", name="Reset to live").click()

    expect(editor).to_contain_text("versions:")  # the live spec, in the editor, not only in the check
    expect(editor).to_contain_text("sourceRef: huggingface")
    expect(editor).not_to_contain_text("nowhere")
    expect(page.get_by_test_id("stMain").get_by_text("No changes to the spec yet.")).to_be_visible()
    screenshot("reset")
