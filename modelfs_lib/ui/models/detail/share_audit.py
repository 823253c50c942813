"""The Sharing tab: where each shared version goes, the REFERENCE Datasets that exist, and stale ones to delete.

Where a version goes is computed from one cached namespace list, as documented, with the
controller's reading of ``requireOptInLabel`` set beside it where the two differ. The audit
(present, missing, stale, not readable) searches every other namespace. Stale references are
deleted one at a time or all together, each after typing a name, each DELETE guarded by the
resourceVersion shown; "delete all" leaves out those the controller's reading would recreate.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from modelfs_lib.domain.diagnosis.references import Blocker, ReferenceVerdict, reference_verdicts
from modelfs_lib.domain.reference_audit import ReferenceAudit
from modelfs_lib.domain.share_audit import (
    STATE_TEXT,
    VersionShare,
    audit_gaps,
    bulk_deletable,
    stale_references,
    unshared_versions,
    version_shares,
)
from modelfs_lib.domain.sharing import ShareFinding, ShareState
from modelfs_lib.errors import Conflict, ModelfsError, NotFound
from modelfs_lib.resources import Dataset, Event, Model
from modelfs_lib.ui import data, writes
from modelfs_lib.ui import state as keys
from modelfs_lib.ui.access import permission
from modelfs_lib.ui.confirm import confirm_by_name, dialog
from modelfs_lib.ui.feedback import error_text
from modelfs_lib.ui.models.reads import reference_audit
from modelfs_lib.ui.shell import ShellState

FLASH_KEY = keys.STALE_FLASH
"""``{model: [(ok, sentence), ...]}``: the outcome of the last deletion of stale references."""


def stale_key(part: str, model: Model) -> str:
    """The session key of one part of ``model``'s stale-reference actions (pick, open, one, all, confirm, cancel)."""
    return keys.key(f"{keys.STALE}.{part}", model.namespace, model.name)


def _names(namespaces: Sequence[str]) -> str:
    return ", ".join(f"`{ns}`" for ns in namespaces)


def _version_share(share: VersionShare) -> None:
    with st.container(border=True, key=f"sharing.version.{share.version}"):
        rule = [f"selector `{share.selector}`" if share.selector else "no namespaceSelector (every namespace)"]
        if share.opt_in:
            same = share.documented_opt_in == share.opt_in
            rule.append(
                f"requireOptInLabel `{share.opt_in}`" + ("" if same else f" (label `{share.documented_opt_in}`)")
            )
        st.markdown(f"**{share.version}** · " + " · ".join(rule))
        if share.documented:
            st.markdown(f"Shared with {len(share.documented)} namespace(s): {_names(share.documented)}")
        else:
            st.warning(
                "No namespace matches this selector and opt-in label: the version is shared with nobody. "
                "Label a namespace to match, or change the selector.",
                icon=":material/warning:",
            )
        if share.differs:
            controller = _names(share.controller) or "no namespace"
            st.warning(
                f"The current controller reads requireOptInLabel `{share.opt_in}` differently and shares with: "
                f"{controller}. As documented: {_names(share.documented) or 'no namespace'}.",
                icon=":material/rule:",
            )
        if share.quirk_note:
            st.caption(share.quirk_note)


_COLORS = {
    ShareState.PRESENT: "green",
    ShareState.MISSING: "red",
    ShareState.STALE: "orange",
    ShareState.UNKNOWN: "gray",
}
_ICONS = {
    ShareState.PRESENT: ":material/check_circle:",
    ShareState.MISSING: ":material/error:",
    ShareState.STALE: ":material/delete_sweep:",
    ShareState.UNKNOWN: ":material/help:",
}
_CSS = {"present": "#2b8a3e", "missing": "#e03131", "stale": "#d9480f", "not readable": "#868e96"}


def _state_style(value: object) -> str:
    color = _CSS.get(str(value))
    return f"color: {color}; font-weight: 600" if color else ""


COLUMNS = ["Version", "Namespace", "State", "REFERENCE Dataset", "Phase", "Blocked by", "Why", "Readings differ"]


def _frame(findings: Sequence[ShareFinding], verdicts: Sequence[ReferenceVerdict]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Version": f.version,
                "Namespace": f.namespace,
                "State": STATE_TEXT[f.state],
                "REFERENCE Dataset": f.reference_name,
                "Phase": v.phase or "—",
                "Blocked by": "" if v.blocker is Blocker.NONE else v.blocker.value,
                "Why": v.why if v.blocker is not Blocker.NONE else f.reason,
                "Readings differ": f.quirk_differs,
            }
            for f, v in zip(findings, verdicts, strict=True)
        ],
        columns=COLUMNS,
    )


def _delete(state: ShellState, model: Model, targets: Sequence[ShareFinding], versions: dict[str, str]) -> None:
    results: list[tuple[bool, str]] = []
    for finding in targets:
        where = f"{finding.namespace}/{finding.reference_name}"
        try:
            writes.delete(
                state,
                Dataset,
                name=finding.reference_name,
                namespace=finding.namespace,
                resource_version=versions.get(where) or None,
            )
        except NotFound:
            results.append((True, f"{where} was already gone."))
        except Conflict:
            results.append((False, f"{where} was not deleted: it changed after this page read it. Look again."))
        except ModelfsError as e:
            results.append((False, f"{where} was not deleted: {error_text(e)[0]}"))
        else:
            results.append((True, f"Deleted {where}."))
    keys.put(FLASH_KEY, model.namespace, model.name, value=results)
    st.session_state.pop(stale_key("open", model), None)


def _stale_actions(state: ShellState, model: Model, search: ReferenceAudit, findings: Sequence[ShareFinding]) -> None:
    stale = stale_references(findings)
    if not stale or state.settings.readonly:
        return
    versions = {f"{d.namespace}/{d.name}": d.meta.resource_version for d in search.references or []}
    may = {f.namespace: permission(state, "delete", "Dataset", namespace=f.namespace) for f in stale}
    choices = [f"{f.namespace}/{f.reference_name}" for f in stale]
    by_choice = dict(zip(choices, stale, strict=True))
    bulk, kept = bulk_deletable(findings)
    bulk_allowed = [f for f in bulk if may[f.namespace].allowed]
    open_key = stale_key("open", model)
    st.markdown("**Stale references**")
    pick_col, one_col, all_col = st.columns([4, 1, 1], vertical_alignment="bottom")
    picked = pick_col.selectbox("Stale reference", choices, key=stale_key("pick", model))
    picked_finding = by_choice.get(picked or "")
    picked_may = may[picked_finding.namespace] if picked_finding is not None else None
    if one_col.button(
        "Delete…",
        key=stale_key("one", model),
        icon=":material/delete:",
        disabled=picked_may is None or not picked_may.allowed,
        help=picked_may.reason if picked_may is not None and not picked_may.allowed else None,
    ):
        st.session_state[open_key] = picked
    if all_col.button(
        f"Delete all ({len(bulk_allowed)})…",
        key=stale_key("all", model),
        icon=":material/delete_sweep:",
        disabled=not bulk_allowed,
        help="Deletes every stale reference you may delete.",
    ):
        st.session_state[open_key] = "*"
    denied = sorted({ns for ns, p in may.items() if not p.allowed})
    if denied:
        st.caption(f"You may not delete Datasets in: {', '.join(denied)}. " + may[denied[0]].reason)
    if kept:
        st.caption(
            f"{len(kept)} stale reference(s) that the controller's reading of requireOptInLabel still selects are "
            'left out of "Delete all": the controller would create them again.'
        )
    opened = st.session_state.get(open_key)
    if opened == "*":
        _confirm(state, model, bulk_allowed, versions, name=model.name, kind=f"{len(bulk_allowed)} stale references of")
    elif opened in by_choice:
        finding = by_choice[opened]
        _confirm(state, model, [finding], versions, name=finding.reference_name, kind="REFERENCE Dataset")


def _confirm(
    state: ShellState,
    model: Model,
    targets: Sequence[ShareFinding],
    versions: dict[str, str],
    *,
    name: str,
    kind: str,
) -> None:
    consequences = [f"`{f.namespace}/{f.reference_name}`: {f.reason}" for f in targets]
    consequences.append("Workloads in those namespaces that mount them lose access to the shared files.")
    open_key = stale_key("open", model)

    def close() -> None:
        st.session_state.pop(open_key, None)

    def body() -> None:
        clicked = confirm_by_name(kind=kind, name=name, consequences=consequences, key=stale_key("confirm", model))
        if st.button("Cancel", key=stale_key("cancel", model), icon=":material/close:"):
            close()
            st.rerun()
        if clicked:
            _delete(state, model, targets, versions)
            st.rerun()

    dialog("Delete stale references", body, on_dismiss=close)


def render(state: ShellState, model: Model, events: Sequence[Event] = ()) -> None:
    """The Sharing tab of a Model; ``events`` are the Model's (failed reference creations are read from them)."""
    search = reference_audit(state, model)
    st.markdown("#### Where each version is shared")
    if search.namespaces is not None:
        shares = version_shares(model, search.namespaces)
        for share in shares:
            _version_share(share)
        if not shares:
            st.info("No version is shared: sharing is off for every version.", icon=":material/share:")
    unshared = unshared_versions(model)
    if unshared:
        st.caption(f"Not shared: {', '.join(unshared)}.")
    st.markdown("#### REFERENCE Datasets in other namespaces")
    for gap in audit_gaps(
        namespaces_error=search.namespaces_error, unreadable=search.unreadable, datasets_searched=search.searched
    ):
        st.warning(gap, icon=":material/visibility_off:")
    for ok, text in keys.drop(FLASH_KEY, model.namespace, model.name) or []:
        (st.success if ok else st.error)(text)
    if search.findings is None:
        if search.references:
            st.caption("Found, but not classified (the namespaces are unknown):")
            st.dataframe(
                pd.DataFrame(
                    [
                        {"Namespace": d.namespace, "REFERENCE Dataset": d.name, "URI": d.source_uri}
                        for d in search.references
                    ]
                ),
                hide_index=True,
                key=f"sharing.{model.name}.found",
            )
        return
    if not search.findings:
        st.caption("None exist, and none are expected.")
        return
    own = data.load(state.key, Dataset, model.namespace)
    verdicts = reference_verdicts(
        model, search.findings, search.references or [], own.items if own.ok else None, search.namespaces or [], events
    )
    st.caption(
        "With these controllers a share is Ready only if the REFERENCE Dataset can be created (the API server "
        "rejects the controller's label modelfs.samzong.dev/model, whose value holds '/') and the source Dataset "
        "has spec.share: true (modelfs never sets it). Each row says which of the two blocks it."
    )
    if not own.ok:
        st.caption(
            "This namespace's Datasets could not be listed, so whether each source Dataset is shared is unknown."
        )
    st.dataframe(
        _frame(search.findings, verdicts).style.map(_state_style, subset=["State"]),
        hide_index=True,
        key=f"sharing.{model.name}.audit",
        column_config={"Why": st.column_config.TextColumn(width="large")},
    )
    counts = {state: sum(1 for f in search.findings if f.state is state) for state in STATE_TEXT}
    st.caption(
        " · ".join(f":{_COLORS[state]}[{_ICONS[state]}] {STATE_TEXT[state]}: {n}" for state, n in counts.items() if n)
    )
    _stale_actions(state, model, search, search.findings)
