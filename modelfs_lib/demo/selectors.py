"""Label and field selectors as the API server parses them (``?labelSelector=``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from modelfs_lib.resources.naming import NAME_LIMIT

_SET_RE = re.compile(r"^\s*(!?)\s*([\w./-]+)\s*(?:\b(in|notin)\s*\(([^)]*)\))?\s*$")
_EQ_RE = re.compile(r"^\s*([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)\s*$")


_LABEL_VALUE_RE = re.compile(r"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")
_LABEL_NAME_RE = re.compile(r"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")
_DNS_SUBDOMAIN_RE = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")


class SelectorError(ValueError):
    """The selector string cannot be parsed."""


def _check_key(key: str) -> str:
    """``key`` if it is a valid label key (``[prefix/]name``), else SelectorError as the API server words it."""
    prefix, _, name = key.rpartition("/")
    if (
        (prefix and (len(prefix) > 253 or not _DNS_SUBDOMAIN_RE.match(prefix)))
        or len(name) > NAME_LIMIT
        or not _LABEL_NAME_RE.match(name)
    ):
        raise SelectorError(
            f'unable to parse requirement: key: Invalid value: "{key}": name part must consist of '
            "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
            "character, with an optional DNS subdomain prefix and '/'"
        )
    return key


def _check_value(key: str, value: str, index: int = 0) -> str:
    """``value`` if it is a valid label value; a value with '/' is rejected like the API server does."""
    if len(value) > NAME_LIMIT or not _LABEL_VALUE_RE.match(value):
        raise SelectorError(
            f'unable to parse requirement: values[{index}][{key}]: Invalid value: "{value}": a valid '
            "label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
            "and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  "
            "or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
        )
    return value


def _split_terms(selector: str) -> list[str]:
    terms, depth, current = [], 0, ""
    for char in selector:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char == "," and depth == 0:
            terms.append(current)
            current = ""
        else:
            current += char
    terms.append(current)
    return [term for term in terms if term.strip()]


def _label_ok(labels: Mapping[str, str], key: str, op: str, values: frozenset[str]) -> bool:
    """One requirement: ``=``/``in`` (value in the set), ``!=``/``notin`` (absent or not in it), exists, !exists."""
    if op == "in":
        return labels.get(key) in values
    if op == "notin":
        return labels.get(key) not in values
    if op == "exists":
        return key in labels
    return key not in labels


def label_matcher(selector: str | None) -> Callable[[Mapping[str, str]], bool]:
    """A predicate over a label map for ``selector`` (None or "" matches everything).

    Keys and values are validated like the API server does: a value with '/' is a 400.
    """
    requirements: list[tuple[str, str, frozenset[str]]] = []
    for term in _split_terms(selector or ""):
        eq = _EQ_RE.match(term)
        if eq:
            key, op, value = eq.groups()
            _check_value(_check_key(key), value)
            requirements.append((key, "notin" if op == "!=" else "in", frozenset({value})))
            continue
        match = _SET_RE.match(term)
        if not match:
            raise SelectorError(f"unable to parse requirement: {term.strip()!r}")
        negate, key, op, values = match.groups()
        _check_key(key)
        if op:
            allowed = frozenset(_check_value(key, v.strip(), i) for i, v in enumerate(values.split(",")) if v.strip())
            requirements.append((key, op, allowed))
        else:
            requirements.append((key, "!exists" if negate else "exists", frozenset()))

    def matches(labels: Mapping[str, str]) -> bool:
        return all(_label_ok(labels, key, op, values) for key, op, values in requirements)

    return matches


def _lookup(obj: Mapping[str, Any], path: str) -> str:
    value: Any = obj
    for part in path.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return "" if value is None else str(value)


def field_matcher(selector: str | None) -> Callable[[Mapping[str, Any]], bool]:
    """A predicate over an object for a field selector such as ``involvedObject.name=x``."""
    requirements: list[tuple[str, bool, str]] = []
    for term in _split_terms(selector or ""):
        match = re.match(r"^\s*([\w.]+)\s*(==|=|!=)\s*(.*?)\s*$", term)
        if not match:
            raise SelectorError(f"invalid field selector: {term.strip()!r}")
        path, op, value = match.groups()
        requirements.append((path, op != "!=", value))

    def matches(obj: Mapping[str, Any]) -> bool:
        return all((_lookup(obj, path) == value) == equal for path, equal, value in requirements)

    return matches
