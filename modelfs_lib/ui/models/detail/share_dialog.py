"""The "Share" dialog: where the version would go, a narrower scope to choose, the diff, then apply.

Nothing is sent before Apply: the dialog says which namespaces the selector matches now (a version
without ``share`` goes to EVERY namespace), lets the user pick labels or namespaces instead, and
shows the review (manifest, diff, and a server-side dry-run on request: opening the dialog asks the
API server nothing but the Model). The change is built on the Model read afresh (so the console's
own earlier writes never make it stale, and a change someone else made is named and kept); Apply
is a server-side apply as ``modelfs-ui`` guarded by that reading's resourceVersion.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from modelfs_lib.domain.concurrent_edit import changed_by, changed_spec_fields
from modelfs_lib.domain.manifest_text import applied_manifest
from modelfs_lib.domain.manifests import with_share
from modelfs_lib.domain.share_plan import NAME_LABEL, ShareScope, current_scope, plan_share, share_outcome
from modelfs_lib.domain.sharing import compare_readings
from modelfs_lib.resources import Dataset, Model, Namespace
from modelfs_lib.ui import data, writes
from modelfs_lib.ui.confirm import dialog
from modelfs_lib.ui.models.live import read_model
from modelfs_lib.ui.review import review_and_apply
from modelfs_lib.ui.shell import ShellState

OPEN_KEY = "day2.share.open"
"""The ``"<ns>/<model>/<version>"`` whose share dialog is open."""


def open_dialog(slot: str) -> None:
    """Open the share dialog of ``slot`` (a button callback)."""
    st.session_state[OPEN_KEY] = slot


def close() -> None:
    """Close the share dialog."""
    st.session_state.pop(OPEN_KEY, None)


def _names(names: list[str]) -> str:
    return ", ".join(f"`{n}`" for n in names) if names else "no namespace"


def _labels_text(model: Model, version_name: str) -> str:
    version = model.version(version_name)
    selector = version.share.namespace_selector if version is not None and version.share is not None else None
    return ", ".join(f"{k}={v}" for k, v in (selector.match_labels if selector is not None else {}).items())


def fresh_model(state: ShellState, shown: Model) -> Model:
    """The Model as it is now (read afresh), saying so when someone else changed its spec since ``shown``."""
    fresh = read_model(state, shown.name)
    if fresh.raw is None:
        return shown
    live = Model.from_dict(fresh.raw)
    changed = changed_spec_fields(shown.to_dict(), live.to_dict())
    if changed:
        st.warning(
            f"Model {shown.name} was changed by someone else after this page read it: {', '.join(changed)} "
            f"changed, last written by {changed_by(fresh.raw, changed[0])}. The change below starts from the "
            "Model as it is now, so theirs is kept.",
            icon=":material/update:",
        )
    return live


def cancel(key: str, close_dialog: Callable[[], None]) -> None:
    """The Cancel button of a sharing dialog (``close_dialog`` closes it)."""
    if st.button("Cancel", key=f"{key}.cancel", icon=":material/close:"):
        close_dialog()
        st.rerun()


def _body(state: ShellState, model: Model, version_name: str, key: str, done: tuple[str, str]) -> None:
    version = model.version(version_name)
    if version is None:
        st.info(f"Version {version_name} is no longer in the Model.")
        return
    listed = data.load(state.key, Namespace, None)
    everyone = sorted(ns.name for ns in listed.items if ns.name != model.namespace)
    current = version.share
    st.markdown(
        f"The controller creates a REFERENCE Dataset of **{model.name}** version **{version_name}** in each "
        "namespace the share selects. Nothing is sent before you apply."
    )
    source = data.load(state.key, Dataset, model.namespace)
    dataset = source.named(model.dataset_name(version_name))
    shared = source.ok and dataset is not None and dataset.share
    st.warning(
        share_outcome(model.namespace, model.name, version_name, source_shared=shared), icon=":material/warning:"
    )
    if current is None or current.namespace_selector is None:
        where = f"{len(everyone)} namespaces now: {_names(everyone)}" if listed.ok else "every namespace"
        st.warning(
            f"The default is EVERY namespace: this version has no namespaceSelector, so shared as it is it goes to "
            f"{where}. Choose a narrower scope below if that is too wide.",
            icon=":material/public:",
        )
    scope_choice = st.radio(
        "Share into",
        list(ShareScope),
        index=list(ShareScope).index(current_scope(current)),
        key=f"{key}.scope",
        horizontal=True,
    )
    scope = ShareScope(str(scope_choice))
    labels_text, chosen = "", []
    if scope is ShareScope.LABELS:
        labels_text = st.text_input(
            "Namespace labels",
            value=_labels_text(model, version_name),
            key=f"{key}.labels",
            placeholder="team=serving, tier=gpu",
            help="namespaceSelector.matchLabels: a namespace must carry every one of them.",
        )
    elif scope is ShareScope.NAMED:
        chosen = st.multiselect(
            "Namespaces",
            everyone,
            key=f"{key}.namespaces",
            placeholder="choose namespaces",
            help=f"A namespaceSelector on the label {NAME_LABEL}, which every namespace carries.",
        )
    plan = plan_share(current, scope, labels_text=labels_text, namespaces=chosen)
    if plan.share is None:
        st.error(plan.problem, icon=":material/error:")
        cancel(key, close)
        return
    readings = compare_readings(listed.items, plan.share, source_namespace=model.namespace) if listed.ok else None
    if readings is None:
        st.caption("The namespaces could not be listed: which ones match now is unknown.")
    else:
        st.markdown(f"**Shared into {len(readings.documented)} namespace(s) now:** {_names(readings.documented)}")
        if readings.differs:
            st.caption(
                f"The current controller reads requireOptInLabel {plan.share.require_opt_in_label!r} differently "
                f"and shares with: {_names(readings.controller)}."
            )
        if plan.share.require_opt_in_label:
            st.caption(f"Kept: requireOptInLabel `{plan.share.require_opt_in_label}`.")
    live = fresh_model(state, writes.latest(model))
    where = f" in {_names(readings.documented)}" if readings is not None else ""
    apply_then_finish(
        state,
        model,
        live,
        applied_manifest(with_share(live, version_name, plan.share)),
        key=key,
        done=done,
        message=f"Sharing of {version_name} switched on: the controller creates its REFERENCE Datasets{where}.",
        close_dialog=close,
    )


def apply_then_finish(
    state: ShellState,
    model: Model,
    live: Model,
    manifest: dict[str, Any],
    *,
    key: str,
    done: tuple[str, str],
    message: str,
    close_dialog: Callable[[], None],
) -> None:
    """The review of ``manifest`` against ``live`` and its Apply, or Cancel, in a sharing dialog.

    After an apply: keep the answer for the next write, say ``message`` on the version's panel
    (``done`` is its flash key and slot), close the dialog (``close_dialog``) and draw the page again.
    """
    applied = review_and_apply(
        state, manifest=manifest, live=live.to_dict(), key=f"{key}.review", check_on_request=True
    )
    if applied is None:
        cancel(key, close_dialog)
        return
    writes.remember(model, applied)
    flash_key, slot = done
    st.session_state.setdefault(flash_key, {})[slot] = (True, message)
    close_dialog()
    st.rerun()


def render(state: ShellState, model: Model, version_name: str, *, key: str, slot: str, flash_key: str) -> None:
    """The dialog, when open for ``slot``."""
    if st.session_state.get(OPEN_KEY) != slot:
        return
    dialog(
        f"Share version {version_name}",
        lambda: _body(state, model, version_name, f"{key}.sharing", (flash_key, slot)),
        on_dismiss=close,
        width="large",
    )
