"""The Model's "Edit YAML" flow: its spec as text, and the manifest made of the edited text.

Only the spec is edited. Name, namespace, labels and annotations come from the live object (and
``resourceVersion``, so the API server refuses the save when the object changed meanwhile), so a
typo cannot rename the Model or apply it elsewhere. The edited versions go through the same
checks as the wizard's cards, including the rules for live versions
(:mod:`modelfs_lib.domain.live_versions`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from modelfs_lib.domain.field_error import FieldError, blocking
from modelfs_lib.domain.live_versions import live_version_findings, origins_by_name
from modelfs_lib.domain.manifest_text import spec_yaml
from modelfs_lib.domain.model_form import Built, source_findings, source_type_of, version_notes
from modelfs_lib.domain.schema import validate_manifest
from modelfs_lib.domain.uri_guard import uri_change_summary, uri_changes
from modelfs_lib.domain.validation import check_versions
from modelfs_lib.domain.yaml_edit import bounded, load_documents
from modelfs_lib.resources.base import LAST_APPLIED_ANNOTATION
from modelfs_lib.resources.model import Model
from modelfs_lib.resources.model_source import ModelSource

SPEC_FIELD = "spec"
"""The field key of findings about the text as a whole."""


def editable_spec(live: Mapping[str, Any]) -> str:
    """The live object's spec as the editor shows it (keys in the documented order)."""
    return spec_yaml(live)


def _parse(text: str) -> tuple[Any, list[FieldError]]:
    documents, errors = load_documents(text, field=SPEC_FIELD)
    if errors:
        return None, errors
    if len(documents) != 1:
        found = "nothing" if not documents else f"{len(documents)} documents"
        return None, [FieldError(SPEC_FIELD, f"expected the spec as one mapping, found {found}")]
    if not isinstance(documents[0], Mapping):
        return None, [FieldError(SPEC_FIELD, f"the spec must be a mapping, got {type(documents[0]).__name__}")]
    if "spec" in documents[0] and "sourceRef" not in documents[0]:
        return None, [FieldError(SPEC_FIELD, "give the spec's fields only (sourceRef, versions, ...), not a manifest")]
    return dict(documents[0]), []


def _metadata(live_raw: Mapping[str, Any]) -> dict[str, Any]:
    """Name, namespace, labels, annotations (without kubectl's last-applied one) and resourceVersion."""
    live_meta = live_raw.get("metadata")
    meta: Mapping[str, Any] = live_meta if isinstance(live_meta, Mapping) else {}
    result: dict[str, Any] = {key: meta[key] for key in ("name", "namespace") if key in meta}
    if isinstance(meta.get("labels"), Mapping) and meta["labels"]:
        result["labels"] = dict(meta["labels"])
    annotations = meta.get("annotations")
    if isinstance(annotations, Mapping):
        kept = {k: v for k, v in annotations.items() if k != LAST_APPLIED_ANNOTATION}
        if kept:
            result["annotations"] = kept
    if meta.get("resourceVersion"):
        result["resourceVersion"] = meta["resourceVersion"]
    return result


def _schema_message(path: str, message: str) -> str:
    if path == "spec.versions" and message.endswith("should be non-empty"):
        return "add at least one version"
    return message


def manifest_from_spec(
    text: str,
    *,
    live_raw: Mapping[str, Any],
    sources: Sequence[ModelSource] | None = None,
    datasets: Collection[str] | None = None,
) -> Built:
    """The manifest of the live Model with the edited spec, or None with the reasons.

    Blocks on: text that is not one mapping, anything the Model CRD rejects (keyed by path,
    ``spec.versions[0].precision``), the checks of
    :func:`~modelfs_lib.domain.validation.check_versions` (duplicate names, quantities, selectors,
    repos in the format of the source's type) and the live-version rules, where a version counts as
    the live one of the same name, including that the immutable uri of a version with a Dataset may not
    change (:func:`~modelfs_lib.domain.uri_guard.uri_changes`; one message at ``spec`` lists each
    version and cause). A sourceRef that names no known ModelSource only warns.
    """
    spec, findings = _parse(text)
    if findings:
        return Built(None, tuple(findings))
    manifest = {"apiVersion": Model.KIND.api_version, "kind": Model.KIND.kind, "metadata": _metadata(live_raw)}
    manifest["spec"] = spec
    findings = bounded(
        [FieldError(p.path or SPEC_FIELD, _schema_message(p.path, p.message)) for p in validate_manifest(manifest)]
    )
    if findings:
        return Built(None, tuple(findings))
    model = Model.from_dict(manifest)
    live = Model.from_dict(live_raw)
    if model.invalid:  # pragma: no cover - the schema check above rejects what the parser would
        return Built(None, (FieldError(SPEC_FIELD, model.invalid),))
    source_type = source_type_of(model.source_ref, sources)
    checks = [
        FieldError(f"spec.{f.field}", f.message, f.severity)
        for f in check_versions(model.versions, model_name=model.name, source_type=source_type)
    ]
    if not live.invalid:
        origins = origins_by_name(model.versions, live)
        checks = live_version_findings(checks, model.versions, origins, live, prefix="spec.versions")
        changes = uri_changes(
            live, model.versions, origins, source_ref=model.source_ref, sources=sources, datasets=datasets
        )
        if changes:
            checks.append(FieldError(SPEC_FIELD, uri_change_summary(changes)))
    for i, version in enumerate(model.versions):
        checks += [
            FieldError(f"spec.{f.field}", f.message, f.severity)
            for f in version_notes(version, f"versions[{i}]", source_type)
        ]
    if sources is not None:
        checks += source_findings(model.source_ref, sources, field="spec.sourceRef")
    return Built(None if blocking(checks) else manifest, tuple(checks))
