"""A ModelSource edited as YAML: the text the editor starts from, and the manifest it gives back.

The editor holds an appliable manifest (:func:`~modelfs_lib.domain.manifest_export.appliable_manifest`):
``apiVersion``, ``kind``, name, namespace, labels, annotations and ``spec``. A ModelSource names its
Secret in ``spec.secretRef`` and holds no credential of its own, so the text never carries a Secret's value.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from modelfs_lib.domain.field_error import FieldError, blocking
from modelfs_lib.domain.manifest_export import appliable_yaml
from modelfs_lib.domain.yaml_edit import manifest_from_yaml
from modelfs_lib.resources.model_source import ModelSource


def editor_text(live_raw: Mapping[str, Any]) -> str:
    """The text the editor starts from (and "Reset to live" puts back): the live source, appliable."""
    return appliable_yaml(live_raw)


def source_from_yaml(
    text: str, *, name: str, namespace: str, resource_version: str = ""
) -> tuple[dict[str, Any] | None, list[FieldError]]:
    """The manifest to apply for ModelSource ``name``, or None with the reasons it cannot be sent.

    Checked as :func:`~modelfs_lib.domain.yaml_edit.manifest_from_yaml` checks it (one mapping of kind
    ModelSource, in ``namespace``, valid against the CRD schema); its name must be ``name``: this
    editor changes one source and never creates another. ``resource_version`` (the one the edit
    started from) goes with the manifest unless the text sets one, so the API server refuses the
    apply when the source changed meanwhile.
    """
    manifest, findings = manifest_from_yaml(text, expected_kind=ModelSource.KIND, namespace=namespace)
    given = (manifest or {}).get("metadata", {}).get("name")
    if manifest is not None and given != name:
        findings.append(
            FieldError(
                "metadata.name",
                f"this editor changes ModelSource {name!r}; the manifest names {given!r}. "
                "Create other sources with Create.",
            )
        )
    if manifest is None or blocking(findings):
        return None, findings
    if resource_version and not manifest["metadata"].get("resourceVersion"):
        manifest["metadata"]["resourceVersion"] = resource_version
    return manifest, findings
