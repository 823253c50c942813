"""The ModelSource wizard's input as typed, its checks, and the one function that turns it into a manifest.

Field keys: ``name``, ``type``, ``secretRef``, ``config[i].key``, ``config[i].value`` (``i`` the
row's position in the editor, blank rows included). Only errors block; a missing Secret, a key the
loader does not read and a value that looks like a credential are warnings.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from modelfs_lib.domain.field_error import FieldError, Severity, blocking
from modelfs_lib.domain.manifests import manifest_errors, model_source_manifest
from modelfs_lib.domain.model_form import Built
from modelfs_lib.domain.secret_check import SecretCheck, SecretVerdict
from modelfs_lib.domain.source_usage import loader_note
from modelfs_lib.domain.validation import check_config_rows, check_dns1123_name, check_source_type, credential_warnings
from modelfs_lib.resources.model_source import ANY_KEY_CONFIG_TYPES, LOADER_CONFIG_KEYS, ModelSource

SYNC_MODES = ("sync", "copy")
"""The values the S3 loader takes for ``syncMode``."""


@dataclass(frozen=True)
class SourceInput:
    """The wizard as typed: ``rows`` are the config editor's (key, value) pairs in order, blanks included."""

    name: str = ""
    source_type: str = ""
    secret_ref: str = ""
    rows: tuple[tuple[str, str], ...] = ()


def source_input(source: ModelSource) -> SourceInput:
    """The input that edits ``source`` as it is (config rows sorted by key)."""
    return SourceInput(
        name=source.name,
        source_type=source.source_type,
        secret_ref=source.secret_ref,
        rows=tuple(sorted(source.config.items())),
    )


def suggested_keys(source_type: str, used: Collection[str]) -> tuple[str, ...]:
    """The config keys the loader of ``source_type`` reads that are not used yet, in the documented order."""
    return tuple(key for key in LOADER_CONFIG_KEYS.get(source_type, ()) if key not in used)


def _config_notes(source_type: str, rows: tuple[tuple[str, str], ...]) -> list[FieldError]:
    """Warnings for empty values, keys the loader does not read and values it will not accept."""
    notes = []
    known = source_type in LOADER_CONFIG_KEYS
    for i, (key, value) in enumerate(rows):
        if key and not value:
            message = "no value: the loader gets an empty string; give one or remove the row"
            notes.append(FieldError(f"config[{i}].value", message, Severity.WARNING))
        if known and key and source_type not in ANY_KEY_CONFIG_TYPES and key not in LOADER_CONFIG_KEYS[source_type]:
            expected = ", ".join(LOADER_CONFIG_KEYS[source_type])
            message = f"{loader_note(source_type, key)} (it reads {expected}); the key is stored but has no effect"
            notes.append(FieldError(f"config[{i}].key", message, Severity.WARNING))
        if source_type == "S3" and key == "syncMode" and value not in SYNC_MODES:
            notes.append(FieldError(f"config[{i}].value", "syncMode is sync or copy", Severity.WARNING))
        if source_type == "GIT" and key == "depth" and not value.isdigit():
            notes.append(FieldError(f"config[{i}].value", "depth is a whole number of commits", Severity.WARNING))
    return notes


def _secret_notes(secret_ref: str, check: SecretCheck | None) -> list[FieldError]:
    """The Secret named by ``secretRef``: a valid name; missing or empty is a warning, not a block."""
    if not secret_ref:
        return []
    errors = check_dns1123_name(secret_ref, "secretRef")
    if errors or check is None or check.secret_ref != secret_ref:
        return errors
    if check.verdict in (SecretVerdict.MISSING, SecretVerdict.EMPTY):
        return [FieldError("secretRef", check.message, Severity.WARNING)]
    if check.verdict in (SecretVerdict.FORBIDDEN, SecretVerdict.FAILED):
        return [FieldError("secretRef", check.message, Severity.NOTE)]
    return []


def check_source(
    form: SourceInput,
    *,
    live: ModelSource | None = None,
    taken_names: Collection[str] = (),
    secret: SecretCheck | None = None,
    referencing_models: int = 0,
) -> list[FieldError]:
    """Every finding about the input, errors first by field order.

    ``taken_names`` are the ModelSources that exist (a create must not take over one of them);
    ``secret`` the check of the Secret named by ``secretRef``; ``referencing_models`` how many
    Models use the source being edited (a type change concerns them).
    """
    findings = check_dns1123_name(form.name, "name")
    if live is None and form.name in taken_names:
        findings.append(FieldError("name", f"a ModelSource named {form.name} already exists here; edit it instead"))
    elif live is not None and form.name != live.name:
        findings.append(FieldError("name", f"the name of ModelSource {live.name} cannot change"))
    findings += check_source_type(form.source_type, "type")
    if live is not None and referencing_models and form.source_type and form.source_type != live.source_type:
        message = (
            f"{referencing_models} Model{'s use' if referencing_models != 1 else ' uses'} this source: "
            f"their repos must suit {form.source_type} (they were written for {live.source_type})"
        )
        findings.append(FieldError("type", message, Severity.WARNING))
    findings += _secret_notes(form.secret_ref.strip(), secret)
    findings += check_config_rows(form.rows)
    findings += credential_warnings(form.rows)
    findings += _config_notes(form.source_type, form.rows)
    return findings


def build_source(
    form: SourceInput,
    *,
    namespace: str,
    live: ModelSource | None = None,
    taken_names: Collection[str] = (),
    secret: SecretCheck | None = None,
    referencing_models: int = 0,
) -> Built:
    """The manifest of the input, or None with the reasons; every finding either way.

    Only when nothing blocks is the manifest built (labels, annotations and resourceVersion from
    ``live`` when editing) and checked against the CRD, whose complaints block too.
    """
    findings = check_source(
        form, live=live, taken_names=taken_names, secret=secret, referencing_models=referencing_models
    )
    if blocking(findings):
        return Built(None, tuple(findings))
    manifest = model_source_manifest(
        name=form.name,
        namespace=namespace,
        source_type=form.source_type,
        secret_ref=form.secret_ref,
        config=form.rows,
        live=live,
    )
    schema = manifest_errors(manifest)
    return Built(None if schema else manifest, tuple(findings + schema))


def lingering_paths(manifest: Mapping[str, Any], applied: Mapping[str, Any]) -> list[str]:
    """JSON pointers of spec fields the apply left in place although the manifest dropped them.

    Server-side apply removes only fields its own field manager set before; a config key or a
    ``secretRef`` another manager (kubectl, say) set stays until that manager or a patch removes it.
    """
    sent, kept = manifest.get("spec") or {}, applied.get("spec") or {}
    paths = []
    if kept.get("secretRef") and not sent.get("secretRef"):
        paths.append("/spec/secretRef")
    for key in sorted(set(kept.get("config") or {}) - set(sent.get("config") or {})):
        paths.append("/spec/config/" + key.replace("~", "~0").replace("/", "~1"))
    return paths


def remove_paths_command(namespace: str, name: str, paths: Collection[str]) -> str:
    """``kubectl -n <ns> patch modelsource <name> --type=json -p '[{"op":"remove","path":...}]'``."""
    patch = json.dumps([{"op": "remove", "path": path} for path in paths], separators=(",", ":"))
    return (
        f"kubectl -n {shlex.quote(namespace)} patch modelsource {shlex.quote(name)} --type=json -p {shlex.quote(patch)}"
    )
