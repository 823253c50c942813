"""Label input: keys, values, the namespace-selector YAML editor and ``requireOptInLabel``.

Label keys are ``[prefix/]name``: the prefix a DNS-1123 subdomain of at most 253 characters, the
name at most 63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric. Values are empty
or follow the name rule (so no '/'). This is what the API server enforces.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from modelfs_lib.domain.field_error import FieldError, Severity
from modelfs_lib.domain.schema import DNS1123_SUBDOMAIN, LABEL_NAME
from modelfs_lib.domain.sharing import opt_in_quirk_note, opt_in_requirement
from modelfs_lib.domain.yaml_input import load_yaml_documents
from modelfs_lib.resources.label_selector import LabelSelector, LabelSelectorRequirement
from modelfs_lib.resources.naming import NAME_LIMIT

OPERATORS = ("In", "NotIn", "Exists", "DoesNotExist")
"""The operators of a LabelSelector's ``matchExpressions`` (case-sensitive)."""
_VALUE_OPERATORS = ("In", "NotIn")
_SELECTOR_KEYS = ("matchLabels", "matchExpressions")
_EXPRESSION_KEYS = ("key", "operator", "values")


def label_key_problem(key: str) -> str | None:
    """Why ``key`` is not a valid label key; None when it is."""
    if not key:
        return "a label key cannot be empty"
    prefix, slash, name = key.rpartition("/")
    if slash and (not prefix or len(prefix) > 253 or not DNS1123_SUBDOMAIN.fullmatch(prefix)):
        return f"label key {key!r}: the prefix before '/' must be a DNS subdomain such as example.com"
    if len(name) > NAME_LIMIT:
        return f"label key {key!r}: the name after any prefix must be at most {NAME_LIMIT} characters"
    if not LABEL_NAME.fullmatch(name):
        return f"label key {key!r}: use letters, digits, '-', '_' and '.', starting and ending with a letter or digit"
    return None


def label_value_problem(value: str) -> str | None:
    """Why ``value`` is not a valid label value (empty is valid); None when it is."""
    if len(value) > NAME_LIMIT:
        return f"label value {value!r} is longer than {NAME_LIMIT} characters"
    if value and not LABEL_NAME.fullmatch(value):
        return (
            f"label value {value!r}: use letters, digits, '-', '_' and '.', starting and ending with a letter "
            "or digit (no '/')"
        )
    return None


def _type_name(value: Any) -> str:
    return "nothing" if value is None else type(value).__name__


def _string_problem(value: Any) -> str | None:
    """Why a YAML scalar is not a string: ``true``, ``1`` and ``null`` read as other types and need quotes."""
    if isinstance(value, str):
        return None
    if isinstance(value, (bool, int, float)):
        text = str(value).lower() if isinstance(value, bool) else str(value)
        return f"{text} is read as a {_type_name(value)}; quote it: '{text}'"
    return f"expected a string, got {_type_name(value)}"


def _match_labels_problems(value: Any) -> list[str]:
    if not isinstance(value, Mapping):
        return [f"matchLabels must be a mapping of label key to value, got {_type_name(value)}"]
    problems = []
    for key, item in value.items():
        problem = _string_problem(key) or label_key_problem(key) or _string_problem(item) or label_value_problem(item)
        if problem:
            problems.append(f"matchLabels.{key}: {problem}")
    return problems


def _expression_problems(entry: Any, where: str) -> list[str]:
    """Problems of one ``matchExpressions`` entry, each prefixed with ``where``."""
    if not isinstance(entry, Mapping):
        return [f"{where}: expected a mapping with key, operator and values, got {_type_name(entry)}"]
    problems = [
        f"{where}: unknown field {k!r} (only key, operator, values)" for k in entry if k not in _EXPRESSION_KEYS
    ]
    key, operator, values = entry.get("key"), entry.get("operator"), entry.get("values")
    key_problem = "key is required" if key in (None, "") else _string_problem(key) or label_key_problem(key)
    if key_problem:
        problems.append(f"{where}: {key_problem}")
    if operator not in OPERATORS:
        hint = next((o for o in OPERATORS if isinstance(operator, str) and o.lower() == operator.lower()), None)
        suggestion = f" (did you mean {hint}?)" if hint else ""
        problems.append(f"{where}: operator {operator!r} is not one of {', '.join(OPERATORS)}{suggestion}")
    if values is not None and not isinstance(values, list):
        problems.append(f"{where}: values must be a list, got {_type_name(values)}")
        return problems
    items = values or []
    if operator in _VALUE_OPERATORS and not items:
        problems.append(f"{where}: operator {operator} needs a non-empty list of values")
    if operator in OPERATORS and operator not in _VALUE_OPERATORS and items:
        problems.append(f"{where}: operator {operator} takes no values; remove them")
    for i, item in enumerate(items):
        problem = _string_problem(item) or label_value_problem(item)
        if problem:
            problems.append(f"{where}.values[{i}]: {problem}")
    return problems


def parse_label_selector_yaml(text: str, field: str) -> tuple[LabelSelector | None, list[FieldError]]:
    """A LabelSelector from the YAML editor, or None with the reasons it cannot be one.

    Blank text means "no selector" and gives ``(None, [])``; ``{}`` is the empty selector, which
    matches every namespace. Rejected: YAML that is not a mapping, keys other than ``matchLabels``
    and ``matchExpressions``, matchLabels with non-string or invalid keys or values, expressions
    with an unknown operator (only In, NotIn, Exists, DoesNotExist), values given with
    Exists/DoesNotExist, missing or empty values with In/NotIn. Every error is reported at
    ``field`` and names its place (``matchExpressions[1]: ...``).
    """
    if not text.strip():
        return None, []
    documents, errors = load_yaml_documents(text, field=field)
    if errors:
        return None, errors
    if not documents:
        return None, []
    if len(documents) > 1:
        return None, [FieldError(field, f"not valid YAML for a selector: found {len(documents)} documents; give one")]
    data = documents[0]
    problems = selector_problems(data)
    if problems:
        return None, [FieldError(field, p) for p in problems]
    expressions = data.get("matchExpressions") or ()
    return LabelSelector(
        match_labels=dict(data.get("matchLabels") or {}),
        match_expressions=tuple(
            LabelSelectorRequirement(e["key"], e["operator"], tuple(e.get("values") or ())) for e in expressions
        ),
    ), []


def selector_problems(data: Any) -> list[str]:
    """Why ``data`` (a selector's wire form) is not a valid LabelSelector; each names its place."""
    if not isinstance(data, Mapping):
        return [f"a selector must be a mapping (matchLabels, matchExpressions), got {_type_name(data)}"]
    problems = [f"unknown key {k!r} (only matchLabels and matchExpressions)" for k in data if k not in _SELECTOR_KEYS]
    if data.get("matchLabels") is not None:
        problems += _match_labels_problems(data["matchLabels"])
    expressions = data.get("matchExpressions")
    if expressions is not None and not isinstance(expressions, list):
        problems.append(f"matchExpressions must be a list, got {_type_name(expressions)}")
    elif expressions:
        for i, entry in enumerate(expressions):
            problems += _expression_problems(entry, f"matchExpressions[{i}]")
    return problems


def check_label_selector(selector: LabelSelector | None, field: str) -> list[FieldError]:
    """The same checks as :func:`parse_label_selector_yaml`, on a typed selector (None is fine)."""
    return [] if selector is None else [FieldError(field, p) for p in selector_problems(selector.to_dict())]


def check_opt_in_label(value: str, field: str) -> list[FieldError]:
    """``requireOptInLabel``: empty (no requirement), ``"key"`` or ``"key=value"`` with a valid key and value.

    ``"key="`` is rejected: an empty value means nothing useful as documented, and the current
    controller reads it as "namespaces WITHOUT the label" (see :mod:`modelfs_lib.domain.sharing`).
    """
    requirement = opt_in_requirement(value)
    if requirement is None:
        return []
    key, label_value = requirement
    if value.endswith("="):
        return [FieldError(field, f"give a value after '=' (e.g. {key or 'team'}=ml), or just the key {key!r}")]
    problem = label_key_problem(key) or label_value_problem(label_value)
    return [FieldError(field, problem)] if problem else []


def opt_in_label_warnings(value: str, field: str) -> list[FieldError]:
    """A warning when the controller reads ``requireOptInLabel`` differently from the documentation."""
    note = opt_in_quirk_note(value)
    return [FieldError(field, note, Severity.WARNING)] if note else []
