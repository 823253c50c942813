"""The review step every create/edit flow ends with: manifest, schema check, dry-run, diff, command, apply.

Apply is server-side apply as ``modelfs-ui``. A conflict with another field manager
is shown field by field, and force is used only after the user confirms it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

import streamlit as st
import yaml

from modelfs_lib.domain.manifest_text import kubectl_apply_command, spec_diff
from modelfs_lib.domain.schema import validate_manifest
from modelfs_lib.errors import ApplyConflict, ModelfsError
from modelfs_lib.ui import writes
from modelfs_lib.ui.access import permission
from modelfs_lib.ui.feedback import show_error
from modelfs_lib.ui.shell import ShellState

DRY_RUN_LABEL = "Check with the API server (dry-run)"
TAKE_OVER_LABEL = "Take over the conflicting fields (apply with force)"


def _fingerprint(manifest: Mapping[str, Any]) -> str:
    """The manifest's content, resourceVersion left out: the controller's status writes move it all the time, and
    the API server's answer about the content (dry-run, field owners) stays; the apply itself checks the guard."""
    meta = manifest.get("metadata")
    if isinstance(meta, Mapping) and "resourceVersion" in meta:
        manifest = {**manifest, "metadata": {k: v for k, v in meta.items() if k != "resourceVersion"}}
    return hashlib.sha256(json.dumps(manifest, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _known(manifest: Mapping[str, Any], key: str) -> tuple[bool, ModelfsError | None]:
    """Whether the API server already answered for this manifest content (a dry-run or a conflict), and how."""
    cached = st.session_state.get(f"{key}.dry_run")
    if isinstance(cached, tuple) and cached[0] == _fingerprint(manifest):
        return True, cached[1]
    return False, None


def _dry_run(state: ShellState, manifest: Mapping[str, Any], key: str) -> ModelfsError | None:
    """The server-side dry-run result, computed once per manifest content."""
    slot = f"{key}.dry_run"
    fingerprint = _fingerprint(manifest)
    known, cached = _known(manifest, key)
    if known:
        return cached
    error: ModelfsError | None = None
    try:
        writes.apply(state, manifest, dry_run=True)
    except ModelfsError as e:
        error = e
    st.session_state[slot] = (fingerprint, error)
    return error


def _field_value(obj: Mapping[str, Any] | None, path: str) -> str:
    """The value at a conflict's ``.spec.sourceRef``-style path, as short text ("" when absent)."""
    value: Any = obj
    for part in path.strip(".").split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
    return text if len(text) <= 80 else text[:77] + "..."


def _show_conflict(
    error: ApplyConflict, *, live: Mapping[str, Any] | None = None, manifest: Mapping[str, Any] | None = None
) -> None:
    st.warning(
        "Other field managers own fields this change sets. Applying anyway takes those fields over; "
        "their owners may set them back.",
        icon=":material/merge_type:",
    )
    rows = []
    for owned in error.owned:
        row = {"Field": owned.field, "Managed by": owned.manager}
        if live is not None:
            row["Live value"] = _field_value(live, owned.field)
        if manifest is not None:
            row["Your value"] = _field_value(manifest, owned.field)
        rows.append(row)
    if rows:
        st.dataframe(rows, hide_index=True)
    else:
        st.write(error.summary)


def review_and_apply(
    state: ShellState,
    *,
    manifest: dict[str, Any],
    live: Mapping[str, Any] | None,
    key: str,
    started_version: str | None = None,
    hold: str = "",
    check_on_request: bool = False,
) -> dict[str, Any] | None:
    """Render the review of ``manifest`` (against ``live`` when editing); the applied object once applied.

    A non-empty ``hold`` keeps Apply disabled and is shown as the reason (an acknowledgement not given yet).
    With ``check_on_request`` the server-side dry-run runs on a button instead of on every first showing,
    and Apply does not wait for it: the apply is checked by the API server all the same, and a conflict it
    meets is kept like a dry-run's, so the review then offers to take the fields over.
    """
    kind, name = manifest.get("kind", "object"), manifest.get("metadata", {}).get("name", "")
    problems = validate_manifest(manifest)
    manifest_tab, diff_tab, cli_tab = st.tabs(["Manifest", "Changes", "Command line"])
    with manifest_tab:
        text = yaml.safe_dump(manifest, sort_keys=False)
        st.code(text, language="yaml")
        st.download_button("Download YAML", text, file_name=f"{name or kind.lower()}.yaml", key=f"{key}.download")
    with diff_tab:
        if live is None:
            st.caption(f"A new {kind}: nothing to compare with.")
        else:
            diff = spec_diff(dict(live), manifest)
            st.code(diff or "No changes to the spec.", language="diff")
    with cli_tab:
        st.code(kubectl_apply_command(manifest), language="bash")

    if problems:
        st.error(f"The manifest does not match the {kind} schema:", icon=":material/rule:")
        for problem in problems:
            st.markdown(f"- `{problem.path}`: {problem.message}")
    else:
        st.success(f"Valid against the {kind} CRD schema.", icon=":material/rule:")
    if live is not None and started_version and live.get("metadata", {}).get("resourceVersion") != started_version:
        st.warning(
            f"{kind} {name} changed in the cluster while you were editing. Check the changes above before applying.",
            icon=":material/update:",
        )
    checked, dry_error = (True, None) if problems else _known(manifest, key)
    if not checked:
        if not check_on_request or st.button(DRY_RUN_LABEL, key=f"{key}.check", icon=":material/fact_check:"):
            checked, dry_error = True, _dry_run(state, manifest, key)
        else:
            st.caption("Not checked yet: Apply sends it as shown, and the API server checks it then.")
    if not problems and checked:
        if dry_error is None:
            st.success("The API server accepts it (server-side dry-run).", icon=":material/task_alt:")
        elif isinstance(dry_error, ApplyConflict):
            _show_conflict(dry_error, live=live, manifest=manifest)
        else:
            show_error(dry_error, action="Server-side dry-run")

    allowed = permission(state, "patch" if live is not None else "create", str(kind))
    if not allowed.allowed:
        st.caption(allowed.reason)
    blocked = (
        bool(problems)
        or not allowed.allowed
        or bool(hold)
        or (dry_error is not None and not isinstance(dry_error, ApplyConflict))
    )
    if hold:
        st.caption(hold)
    force = False
    if isinstance(dry_error, ApplyConflict):
        force = st.checkbox(TAKE_OVER_LABEL, key=f"{key}.force")
    label = "Apply with force" if force else "Apply"
    clicked = st.button(
        label,
        key=f"{key}.apply",
        type="primary",
        icon=":material/publish:",
        disabled=blocked or (isinstance(dry_error, ApplyConflict) and not force),
    )
    if not clicked:
        return None
    try:
        applied = writes.apply(state, manifest, force=force)
    except ApplyConflict as e:
        _show_conflict(e, live=live, manifest=manifest)
        if check_on_request:
            st.session_state[f"{key}.dry_run"] = (_fingerprint(manifest), e)
            st.checkbox(TAKE_OVER_LABEL, key=f"{key}.force")
        return None
    except ModelfsError as e:
        show_error(e, action=f"Applying {kind} {name}")
        return None
    st.session_state.pop(f"{key}.dry_run", None)
    st.success(f"Applied {kind} {name}.", icon=":material/check_circle:")
    return applied
