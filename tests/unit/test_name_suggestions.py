"""Fix-it hints: a suggested name is itself valid; an empty revision means main."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from modelfs_lib.domain.model_form import VersionInput, to_version
from modelfs_lib.domain.validation import check_dns1123_name, suggest_dns1123_name


@pytest.mark.parametrize(
    ("typed", "label", "suggested"),
    [
        ("my_model", False, "my-model"),
        ("My_Model", False, "my-model"),
        ("Qwen 2.5", True, "qwen-2-5"),
        ("-edge-", False, "edge"),
        ("a_.b", False, "a.b"),
    ],
)
def test_a_suggested_name_is_a_valid_one(typed: str, label: bool, suggested: str) -> None:
    assert suggest_dns1123_name(typed, label=label) == suggested
    [error] = check_dns1123_name(typed, "name", label=label)
    assert f"'{suggested}'" in error.message
    assert check_dns1123_name(suggested, "name", label=label) == []


def test_the_lower_case_hint_no_longer_suggests_an_invalid_name() -> None:
    [error] = check_dns1123_name("My_Model", "name")
    assert "'my_model'" not in error.message
    assert error.message.startswith("use lower case: 'my-model'")


@given(st.text(max_size=80), st.booleans())
def test_every_suggestion_passes_the_check_it_came_from(typed: str, label: bool) -> None:
    suggestion = suggest_dns1123_name(typed, label=label)
    assert suggestion == "" or check_dns1123_name(suggestion, "name", label=label) == []


def test_an_empty_revision_is_main_as_the_hint_says() -> None:
    version, errors = to_version(VersionInput(name="v1", repo="org/model", revision=""), "versions[0]")
    assert version.revision == "main"
    assert errors == []
    version, _ = to_version(VersionInput(name="v1", repo="org/model", revision="  "), "versions[0]")
    assert version.revision == "main"
