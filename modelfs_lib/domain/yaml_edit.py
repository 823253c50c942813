"""The "Edit YAML" flow: a manifest typed or pasted by a person, checked before it is sent."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from modelfs_lib.domain.field_error import FieldError, Severity, blocking
from modelfs_lib.domain.manifest_text import SERVER_METADATA
from modelfs_lib.domain.schema import validate_manifest
from modelfs_lib.domain.yaml_input import load_yaml_documents, short_message
from modelfs_lib.resources.base import LAST_APPLIED_ANNOTATION, Kind
from modelfs_lib.resources.registry import OPERATOR_CLASSES

KINDS: dict[str, Kind] = {cls.KIND.kind: cls.KIND for cls in OPERATOR_CLASSES}
"""The kinds the editor knows, by Kind name."""

YAML_FIELD = "yaml"
"""The field key of findings about the text as a whole (it does not parse, it is not one object)."""


MAX_FINDINGS = 20
"""Schema complaints shown about one manifest; the rest are counted."""


def load_documents(text: str, *, field: str) -> tuple[list[Any], list[FieldError]]:
    """The non-empty YAML documents in ``text``, or why they cannot be read (reported at ``field``).

    Reads through the bounded loader (:func:`~modelfs_lib.domain.yaml_input.load_yaml_documents`):
    size, aliases, depth and duplicate keys are limited.
    """
    return load_yaml_documents(text, field=field)


def bounded(findings: list[FieldError]) -> list[FieldError]:
    """``findings`` with each message cut short and at most :data:`MAX_FINDINGS` of them (plus a count)."""
    kept = [FieldError(f.field, short_message(f.message), f.severity) for f in findings[:MAX_FINDINGS]]
    if len(findings) > MAX_FINDINGS:
        kept.append(FieldError(YAML_FIELD, f"and {len(findings) - MAX_FINDINGS} more problems"))
    return kept


def _parse(text: str) -> tuple[Any, list[FieldError]]:
    """The one YAML document in ``text``, or the reason there is not exactly one."""
    documents, errors = load_documents(text, field=YAML_FIELD)
    if errors:
        return None, errors
    if not documents:
        return None, [FieldError(YAML_FIELD, "the manifest is empty")]
    if len(documents) > 1:
        return None, [FieldError(YAML_FIELD, f"found {len(documents)} documents; edit one object at a time")]
    return documents[0], []


def _drop_server_fields(manifest: dict[str, Any], metadata: dict[str, Any]) -> list[FieldError]:
    """Remove ``status``, server-written metadata and kubectl's last-applied annotation, with a note each."""
    notes = []
    if "status" in manifest:
        del manifest["status"]
        notes.append(FieldError("status", "status is written by the controller; it was left out", Severity.NOTE))
    dropped = [key for key in SERVER_METADATA if key in metadata]
    for key in dropped:
        del metadata[key]
    if dropped:
        verb = "is" if len(dropped) == 1 else "are"
        message = f"{', '.join(dropped)} {verb} written by the API server or the controller; left out"
        notes.append(FieldError("metadata", message, Severity.NOTE))
    annotations = metadata.get("annotations")
    if isinstance(annotations, dict) and LAST_APPLIED_ANNOTATION in annotations:
        del annotations[LAST_APPLIED_ANNOTATION]
        message = f"the {LAST_APPLIED_ANNOTATION} annotation belongs to kubectl; left out"
        notes.append(FieldError("metadata.annotations", message, Severity.NOTE))
    if metadata.get("resourceVersion"):
        message = "resourceVersion is kept: the save is refused if the object changed since"
        notes.append(FieldError("metadata.resourceVersion", message, Severity.NOTE))
    return notes


def manifest_from_yaml(
    text: str, *, expected_kind: Kind | str, namespace: str
) -> tuple[dict[str, Any] | None, list[FieldError]]:
    """A manifest from the editor, or None with the reasons it cannot be sent.

    It must be exactly one mapping whose ``apiVersion`` and ``kind`` are those of ``expected_kind``
    (a :class:`Kind` or a kind name: Model, ModelSource, Dataset), with ``metadata.name``.
    ``metadata.namespace`` is set to ``namespace`` when missing and must equal it when given.
    ``status``, server-written metadata (uid, generation, managedFields, finalizers, ...) and kubectl's
    last-applied annotation are dropped, each with a NOTE. The result is checked against the
    CRD (:func:`~modelfs_lib.domain.schema.validate_manifest`); schema errors are keyed by path.
    The manifest is returned only when no finding is an ERROR; notes come with it.
    """
    kind = KINDS.get(expected_kind) if isinstance(expected_kind, str) else expected_kind
    if kind is None:
        raise ValueError(f"unknown kind {expected_kind!r}; known: {', '.join(KINDS)}")
    data, findings = _parse(text)
    if findings:
        return None, findings
    if not isinstance(data, Mapping):
        return None, [FieldError(YAML_FIELD, f"a manifest must be a mapping, got {type(data).__name__}")]
    manifest = dict(data)
    if manifest.get("apiVersion") != kind.api_version:
        findings.append(FieldError("apiVersion", f"must be {kind.api_version!r}"))
    if manifest.get("kind") != kind.kind:
        findings.append(FieldError("kind", f"must be {kind.kind!r}"))
    metadata = manifest.get("metadata")
    if not isinstance(metadata, Mapping):
        return None, [*findings, FieldError.empty("metadata", "is required, with at least a name")]
    metadata = manifest["metadata"] = dict(metadata)
    if not metadata.get("name"):
        findings.append(FieldError.empty("metadata.name"))
    if metadata.get("namespace") in (None, ""):
        metadata["namespace"] = namespace
    given = metadata["namespace"]
    if given != namespace:
        message = f"this editor works in namespace {namespace!r}; the manifest says {given!r}"
        findings.append(FieldError("metadata.namespace", message))
    if blocking(findings):
        return None, findings
    findings += _drop_server_fields(manifest, metadata)
    findings += [FieldError(p.path or YAML_FIELD, p.message) for p in validate_manifest(manifest)]
    findings = bounded(findings)
    return (None if blocking(findings) else manifest), findings
