"""Validate manifests against the CRDs the operator installs (``modelfs_lib/crds/``).

The CRD's ``openAPIV3Schema`` is turned into JSON Schema: ``x-kubernetes-int-or-string``
becomes "integer or string", ``nullable`` allows null, other ``x-kubernetes-*`` keywords
(CEL rules included) are ignored, and objects with listed properties reject unknown
fields, as the API server does with strict field validation. ``metadata`` is checked
as the API server checks it: name, namespace, labels.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, cast

import yaml
from jsonschema import Draft7Validator, ValidationError

from modelfs_lib.resources.naming import NAME_LIMIT

QUANTITY_PATTERN = (
    r"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))"
    r"(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$"
)
"""The pattern the CRDs give every resource quantity."""
DNS1123_SUBDOMAIN = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")
DNS1123_LABEL = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?")
LABEL_NAME = re.compile(r"([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]")
_SCHEMA_LIST_KEYWORDS = ("allOf", "anyOf", "oneOf")
_SCHEMA_KEYWORDS = ("items", "not")


@dataclass(frozen=True)
class SchemaProblem:
    """One reason a manifest would be rejected: where (``spec.versions[0].precision``) and why."""

    path: str
    message: str
    required: bool = field(default=False, compare=False)
    """Whether the problem is only that the field is missing."""


def _to_json_schema(node: Any) -> Any:
    """One OpenAPI v3 (structural) schema node as JSON Schema draft 7."""
    if not isinstance(node, Mapping):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key.startswith("x-kubernetes-") or key in ("description", "nullable", "default"):
            continue
        if key == "properties":
            out[key] = {name: _to_json_schema(sub) for name, sub in value.items()}
        elif key == "additionalProperties" or key in _SCHEMA_KEYWORDS:
            out[key] = _to_json_schema(value)
        elif key in _SCHEMA_LIST_KEYWORDS:
            out[key] = [_to_json_schema(sub) for sub in value]
        else:
            out[key] = value
    if node.get("x-kubernetes-int-or-string") and "anyOf" not in out:
        out.pop("type", None)
        out["anyOf"] = [{"type": "integer"}, {"type": "string"}]
    if node.get("nullable") and "type" in out:
        out["type"] = [out["type"], "null"]
    open_object = node.get("x-kubernetes-preserve-unknown-fields") or "additionalProperties" in node
    if "properties" in node and not open_object:
        out["additionalProperties"] = False
    return out


_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML was built with it: the bundled CRDs are read in milliseconds, not a second."""


@functools.lru_cache(maxsize=1)
def _validators() -> dict[tuple[str, str], Draft7Validator]:
    """``(apiVersion, kind)`` -> a validator, for every served version of every bundled CRD."""
    validators: dict[tuple[str, str], Draft7Validator] = {}
    for entry in (resources.files("modelfs_lib") / "crds").iterdir():
        if not entry.name.endswith((".yaml", ".yml")):
            continue
        crd = yaml.load(entry.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
        spec = crd["spec"]
        for version in (v for v in spec["versions"] if v.get("served", True)):
            schema = _to_json_schema(version["schema"]["openAPIV3Schema"])
            validators[(f"{spec['group']}/{version['name']}", spec["names"]["kind"])] = Draft7Validator(schema)
    return validators


def _path(parts: Iterable[Any]) -> str:
    """``spec.versions[0].name`` from a jsonschema path."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text


def _problems(error: ValidationError) -> list[SchemaProblem]:
    """One jsonschema error as problems placed at the field they concern.

    A missing or unknown field is reported at its own path; a quantity or int-or-string
    message says what is expected instead of quoting a regular expression.
    """
    path = _path(error.absolute_path)
    where = f"{path}." if path else ""
    keyword, expected, instance = error.validator, cast(Any, error.validator_value), cast(Any, error.instance)
    if keyword == "required":
        return [
            SchemaProblem(f"{where}{name}", "is required", required=True) for name in expected if name not in instance
        ]
    if keyword == "additionalProperties" and expected is False:
        known = error.schema.get("properties", {}) if isinstance(error.schema, Mapping) else {}
        return [SchemaProblem(f"{where}{name}", "unknown field") for name in instance if name not in known]
    if keyword == "pattern" and expected == QUANTITY_PATTERN:
        return [SchemaProblem(path, f"{instance!r} is not a quantity (e.g. 500Mi, 12Gi, 1Ti)")]
    if keyword == "anyOf" and {"type": "string"} in expected:
        return [SchemaProblem(path, f"{instance!r} should be an integer or a quantity string (e.g. 12Gi)")]
    return [SchemaProblem(path, str(error.message))]


def _label_problems(labels: Any, where: str) -> list[SchemaProblem]:
    """Label keys (``[prefix/]name``) and values as the API server checks them."""
    if not isinstance(labels, Mapping):
        return [SchemaProblem(where, "should be an object of strings")]
    problems = []
    for key, value in labels.items():
        prefix, _, name = str(key).rpartition("/")
        if prefix and (len(prefix) > 253 or not DNS1123_SUBDOMAIN.fullmatch(prefix)):
            problems.append(SchemaProblem(f"{where}.{key}", f"key prefix {prefix!r} is not a DNS-1123 subdomain"))
        if len(name) > NAME_LIMIT or not LABEL_NAME.fullmatch(name):
            problems.append(SchemaProblem(f"{where}.{key}", f"key name {name!r} is not a valid label name"))
        if not isinstance(value, str) or len(value) > NAME_LIMIT or (value and not LABEL_NAME.fullmatch(value)):
            problems.append(SchemaProblem(f"{where}.{key}", f"value {value!r} is not a valid label value"))
    return problems


def _metadata_problems(metadata: Any) -> list[SchemaProblem]:
    """``metadata.name`` (required, DNS-1123 subdomain), ``namespace`` (DNS-1123 label) and labels."""
    if not isinstance(metadata, Mapping):
        return [SchemaProblem("metadata", "is required and should be an object", required=True)]
    problems = []
    name = metadata.get("name")
    if not isinstance(name, str) or not name:
        problems.append(SchemaProblem("metadata.name", "is required", required=True))
    elif len(name) > 253 or not DNS1123_SUBDOMAIN.fullmatch(name):
        message = f"{name!r} is not a DNS-1123 subdomain (lower case letters, digits, '-' and '.'; at most 253)"
        problems.append(SchemaProblem("metadata.name", message))
    namespace = metadata.get("namespace")
    if namespace is not None and (not isinstance(namespace, str) or not DNS1123_LABEL.fullmatch(namespace)):
        problems.append(SchemaProblem("metadata.namespace", f"{namespace!r} is not a valid namespace name"))
    elif isinstance(namespace, str) and len(namespace) > NAME_LIMIT:
        problems.append(SchemaProblem("metadata.namespace", f"is longer than {NAME_LIMIT} characters"))
    if metadata.get("labels") is not None:
        problems += _label_problems(metadata["labels"], "metadata.labels")
    return problems


def validate_manifest(manifest: object) -> list[SchemaProblem]:
    """Every reason the API server would reject this manifest on schema grounds; empty when valid.

    The CRD is picked by ``apiVersion`` and ``kind``; an unknown pair gives one problem.
    CEL rules (e.g. dataSyncRound may only grow by 1) need the live object and are not checked.
    """
    if not isinstance(manifest, Mapping):
        return [SchemaProblem("", f"a manifest should be an object, got {type(manifest).__name__}")]
    api_version, kind = manifest.get("apiVersion"), manifest.get("kind")
    known = isinstance(api_version, str) and isinstance(kind, str)
    validator = _validators().get((str(api_version), str(kind))) if known else None
    if validator is None:
        return [SchemaProblem("kind", f"unknown kind {kind!r} in apiVersion {api_version!r}")]
    problems = _metadata_problems(manifest.get("metadata"))
    for error in validator.iter_errors(manifest):
        problems += _problems(error)
    return sorted(set(problems), key=lambda p: (p.path, p.message))
