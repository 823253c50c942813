"""The one loader for typed or pasted YAML: bounded in size, aliases, depth and expansion; duplicate keys refused."""

from __future__ import annotations

import pytest

from modelfs_lib.domain.yaml_input import MAX_BYTES, load_yaml_documents

BOMB_288 = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
)


def load(text: str) -> tuple[list[object], list[str]]:
    documents, errors = load_yaml_documents(text, field="yaml")
    return documents, [e.message for e in errors]


def test_an_alias_bomb_is_refused_at_once_with_a_short_message() -> None:
    """Refused for its alias count, before anything is expanded (no timing: the reason says it)."""
    documents, errors = load(BOMB_288)
    assert documents == []
    assert errors == ["refused at line 7: the YAML uses more than 50 aliases (*name)"]


def test_an_alias_bomb_under_the_alias_limit_is_refused_for_its_expansion() -> None:
    six_levels = "\n".join(BOMB_288.splitlines()[:6]) + "\n"
    assert load(six_levels)[1] == ["refused at line 5: the YAML expands to more than 50,000 values through its aliases"]


def test_too_many_aliases_are_refused() -> None:
    text = "a: &a x\nb: [" + ", ".join(["*a"] * 51) + "]\n"
    assert load(text)[1] == ["refused at line 2: the YAML uses more than 50 aliases (*name)"]


def test_a_few_aliases_and_merge_keys_are_fine() -> None:
    assert load("base: &b {x: 1}\nother:\n  <<: *b\n  x: 2\n")[0] == [{"base": {"x": 1}, "other": {"x": 2}}]


def test_a_self_referencing_alias_is_refused() -> None:
    assert load("&a [*a]")[1] == ["refused at line 1: the YAML refers to itself through an alias"]


@pytest.mark.parametrize(
    ("text", "line"),
    [("a: 1\nb: 2\na: 3\n", 3), ("x:\n  y: {k: 1, k: 2}\n", 2), ("- a: 1\n  a: 1\n", 2)],
)
def test_a_duplicate_key_is_refused_with_its_line(text: str, line: int) -> None:
    [message] = load(text)[1]
    assert message.startswith(f"refused at line {line}: the YAML repeats the key ")


def test_deep_nesting_is_refused() -> None:
    assert load("[" * 100 + "]" * 100)[1] == ["refused at line 1: the YAML is nested more than 64 levels deep"]


def test_a_text_over_the_size_limit_is_not_parsed() -> None:
    [message] = load("a: " + "x" * MAX_BYTES)[1]
    assert message == "the text is 256 KiB; at most 256 KiB is read"


def test_a_syntax_error_names_its_place_briefly() -> None:
    [message] = load("a: [1, 2\n" + "b" * 5000)[1]
    assert message.startswith("not valid YAML at line 2")
    assert len(message) <= 300


def test_several_documents_are_read_and_empty_ones_skipped() -> None:
    assert load("a: 1\n---\n---\nb: 2\n")[0] == [{"a": 1}, {"b": 2}]


def test_a_control_character_is_reported_not_raised() -> None:
    [message] = load("\x1b")[1]
    assert message.startswith("not valid YAML")
