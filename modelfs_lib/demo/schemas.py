"""CRD schemas as an API server uses them: defaults, structural validation, CEL transition rules.

Only the two CEL rules the installed CRDs use are understood (immutability and the
Dataset's ``dataSyncRound`` increment rule); other rules are ignored.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import jsonschema


@dataclass(frozen=True)
class FieldProblem:
    """One field cause of a 422, as the API server reports it."""

    field: str
    reason: str
    message: str


def _field_path(parts: list[str | int]) -> str:
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else part)
    return path


def apply_defaults(schema: Mapping[str, Any], value: Any) -> Any:
    """``value`` with every schema default filled in where the parent object exists."""
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for key, sub in props.items():
            if key not in value and "default" in sub:
                value[key] = copy.deepcopy(sub["default"])
            if key in value:
                value[key] = apply_defaults(sub, value[key])
        extra = schema.get("additionalProperties")
        if isinstance(extra, Mapping):
            for key in value:
                if key not in props:
                    value[key] = apply_defaults(extra, value[key])
    elif isinstance(value, list) and isinstance(schema.get("items"), Mapping):
        return [apply_defaults(schema["items"], item) for item in value]
    return value


def _reason(error: jsonschema.ValidationError) -> tuple[str, str]:
    if error.validator == "enum":
        values: Any = error.validator_value
        allowed = ", ".join(f'"{v}"' for v in values)
        return "FieldValueNotSupported", f'Unsupported value: "{error.instance}": supported values: {allowed}'
    if error.validator == "required":
        return "FieldValueRequired", "Required value"
    if error.validator == "type":
        return (
            "FieldValueTypeInvalid",
            f'Invalid value: "{type(error.instance).__name__}": must be of type {error.validator_value}',
        )
    return "FieldValueInvalid", f"Invalid value: {error.instance!r}: {error.message}"


def validate(schema: Mapping[str, Any], obj: Any) -> list[FieldProblem]:
    """Structural validation of ``obj`` against an openAPIV3Schema."""
    problems = []
    validator = jsonschema.Draft7Validator(schema)
    for error in sorted(validator.iter_errors(obj), key=lambda e: list(e.absolute_path)):
        parts = list(error.absolute_path)
        if error.validator == "required":
            missing = str(error.message).split("'")[1] if "'" in error.message else ""
            parts = [*parts, missing]
        reason, message = _reason(error)
        problems.append(FieldProblem(field=_field_path(parts), reason=reason, message=message))
    return problems


def _check_rule(rule: str, message: str, new: Any, old: Any, path: str) -> FieldProblem | None:
    if rule == "self == oldSelf" and new != old:
        return FieldProblem(field=path, reason="FieldValueInvalid", message=f"Invalid value: {message}")
    increment = rule == "self > 0 && self - oldSelf <= 1" and isinstance(new, int) and isinstance(old, int)
    if increment and not (new > 0 and new - old <= 1):
        return FieldProblem(field=path, reason="FieldValueInvalid", message=f"Invalid value: {message}")
    return None


def transition_rules(
    schema: Mapping[str, Any], new: Any, old: Any, parts: list[str | int] | None = None
) -> list[FieldProblem]:
    """The CEL transition rules (``x-kubernetes-validations`` with ``oldSelf``) that ``new`` breaks."""
    parts = parts or []
    problems: list[FieldProblem] = []
    if new is None or old is None:
        return problems
    for rule in schema.get("x-kubernetes-validations", []):
        problem = _check_rule(rule.get("rule", ""), rule.get("message", "rule failed"), new, old, _field_path(parts))
        if problem:
            problems.append(problem)
    if isinstance(new, Mapping) and isinstance(old, Mapping):
        for key, sub in schema.get("properties", {}).items():
            problems += transition_rules(sub, new.get(key), old.get(key), [*parts, key])
    return problems
