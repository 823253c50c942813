"""Step 2 of the Model wizard: one card per version, repeatable.

A card edits name, repo, revision, precision, storage (size, class, access modes), desired state
and sharing (enabled, namespace selector as YAML, opt-in label). A live version cannot be renamed,
and one whose Dataset may still exist cannot simply be removed: removing it would leave the
Dataset behind, so the card explains that and offers setting it ABSENT instead. A live version
with a Dataset cannot take a repo or revision that changes the Dataset's immutable uri: the card
offers "Add as a new version", which puts the live values back and adds a card with the new ones.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace

import streamlit as st

from modelfs_lib.domain.manifests import version_removal_blocker
from modelfs_lib.domain.model_form import VersionInput, to_version
from modelfs_lib.domain.repos import repo_placeholder
from modelfs_lib.domain.sharing import compare_readings
from modelfs_lib.domain.status import normalize_phase
from modelfs_lib.domain.uri_guard import SOURCE_REF, uri_changes
from modelfs_lib.domain.validation import ACCESS_MODES, PRECISIONS, STATES
from modelfs_lib.domain.version_rollout import split_to_new_version
from modelfs_lib.resources import ModelSource, Namespace
from modelfs_lib.resources.model_version import ABSENT
from modelfs_lib.ui.form_fields import FieldSlots, seed
from modelfs_lib.ui.models.phases import phase_markdown
from modelfs_lib.ui.models.wizard.state import WizardSession
from modelfs_lib.ui.yaml_editor import yaml_editor

SELECTOR_HELP = "matchLabels and/or matchExpressions; empty selects every namespace"


def _with(options: Sequence[str], current: str) -> list[str]:
    return list(options) + ([current] if current not in options else [])


def _badge(session: WizardSession, card: VersionInput) -> str:
    if card.is_new:
        return ":blue-badge[new]"
    live = session.live
    synced = live.synced_version(card.live_name) if live is not None else None
    live_version = live.version(card.live_name) if live is not None else None
    if live_version is not None and live_version.is_absent:
        return ":gray-badge[ABSENT]"
    return phase_markdown(normalize_phase(synced.phase if synced else None))


def _remove(session: WizardSession, card_id: int) -> None:
    session.remove_card(card_id)


def _ask_removal(session: WizardSession, card_id: int) -> None:
    session.removing = None if session.removing == card_id else card_id


def _set_absent(session: WizardSession, card_id: int) -> None:
    st.session_state[session.card_key(card_id, "state")] = ABSENT
    session.removing = None


def _removal(session: WizardSession, card_id: int, card: VersionInput) -> None:
    """The Remove button; for a live version that still may have a Dataset, the explanation and ABSENT."""
    blocker = version_removal_blocker(session.live, card.live_name) if session.live and card.live_name else None
    if card.is_new or blocker is None:
        st.button(
            "Remove",
            key=session.card_key(card_id, "remove"),
            icon=":material/delete:",
            on_click=_remove,
            args=(session, card_id),
            help="Remove this version from the Model.",
        )
        return
    st.button(
        "Remove",
        key=session.card_key(card_id, "remove"),
        icon=":material/delete:",
        on_click=_ask_removal,
        args=(session, card_id),
    )


def _removal_explained(session: WizardSession, card_id: int, card: VersionInput, state: str) -> None:
    assert session.live is not None
    dataset = session.live.dataset_name(card.live_name)
    blocker = version_removal_blocker(session.live, card.live_name) or ""
    live_version = session.live.version(card.live_name)
    waiting = f" {blocker}" if live_version is not None and live_version.is_absent else ""
    st.warning(
        f"**Version {card.live_name} cannot simply be removed.** A version dropped from the Model keeps its "
        f"Dataset `{dataset}` (and its PVC) for good: the controller never cleans it up.{waiting} "
        "Set it ABSENT instead: the controller deletes the Dataset, and once that is done the version can be "
        "removed.",
        icon=":material/delete_forever:",
    )
    with st.container(horizontal=True, key=session.card_key(card_id, "removal")):
        st.button(
            "Set ABSENT instead",
            key=session.card_key(card_id, "absent"),
            type="primary",
            disabled=state == ABSENT,
            on_click=_set_absent,
            args=(session, card_id),
        )
        st.button("Keep it", key=session.card_key(card_id, "keep"), on_click=_ask_removal, args=(session, card_id))
    if state == ABSENT:
        st.caption("It is set ABSENT in this edit: apply it, wait for the Dataset to go, then remove the version.")


def _add_as_new(session: WizardSession, card_id: int, card: VersionInput) -> None:
    """Put the live repo and revision back on the card and add a new card with the edited ones."""
    model = session.live
    live = model.version(card.live_name) if model is not None else None
    if model is None or live is None:
        return
    taken = {c.name for c in session.form.versions} | {v.name for v in model.versions}
    restored, new = split_to_new_version(card, live, model=session.form.name, taken=taken)
    st.session_state[session.card_key(card_id, "repo")] = restored.repo
    st.session_state[session.card_key(card_id, "revision")] = restored.revision
    i = session.card_ids.index(card_id)
    versions = list(session.form.versions)
    versions[i] = restored
    session.form = replace(session.form, versions=tuple(versions))
    session.add_card(new)


def _uri_guard(
    session: WizardSession,
    card_id: int,
    card: VersionInput,
    sources: Sequence[ModelSource] | None,
    datasets: Collection[str] | None,
) -> None:
    """When the card's repo or revision would change its live Dataset's uri: the way out, one click."""
    if card.is_new or session.live is None:
        return
    version, _ = to_version(card, "version")
    changes = uri_changes(
        session.live,
        [version],
        [card.live_name],
        source_ref=session.form.source_ref,
        sources=sources,
        datasets=datasets,
    )
    if not changes or set(changes[0].fields) <= {SOURCE_REF}:
        return
    st.button(
        "Add as a new version",
        key=session.card_key(card_id, "as_new"),
        icon=":material/call_split:",
        type="primary",
        on_click=_add_as_new,
        args=(session, card_id, card),
        help=f"Keep version {card.live_name} as it is live and add a new version with this repo and revision.",
    )


def _share_preview(
    session: WizardSession, card: VersionInput, index: int, namespaces: Sequence[Namespace] | None
) -> None:
    version, errors = to_version(card, f"versions[{index}]")
    if errors or namespaces is None or version.share is None:
        return
    readings = compare_readings(namespaces, version.share, source_namespace=session.namespace)
    if not readings.documented:
        st.caption(":orange[:material/warning: No namespace matches this selector and opt-in label now.]")
    else:
        st.caption(f"Shared with {len(readings.documented)} namespace(s) now: {', '.join(readings.documented)}")
    if readings.controller != readings.documented:
        actual = ", ".join(readings.controller) or "no namespace"
        st.caption(f":orange[The current controller reads the opt-in label differently and shares with: {actual}]")


def _sharing(
    session: WizardSession,
    slots: FieldSlots,
    card_id: int,
    index: int,
    card: VersionInput,
    namespaces: Sequence[Namespace] | None,
) -> VersionInput:
    where = f"versions[{index}].share"
    key = session.card_key(card_id, "share")
    seed(key, card.share_enabled)
    enabled = st.toggle(
        "Share with other namespaces",
        key=key,
        help="Creates a REFERENCE Dataset of this version in each matching namespace.",
    )
    if not enabled:
        if card.selector_yaml.strip() or card.opt_in_label.strip():
            st.caption("Sharing is off; its namespace selector and opt-in label are kept.")
        return replace(card, share_enabled=False)
    left, right = st.columns([3, 2])
    with left, slots.field(f"{where}.namespaceSelector", session.card_key(card_id, "selector")):
        selector = yaml_editor(
            "Namespace selector (YAML)",
            key=session.card_key(card_id, "selector"),
            value=session.editor_value(session.card_key(card_id, "selector"), card.selector_yaml),
            height=140,
            help=SELECTOR_HELP,
        )
    with right:
        with slots.field(f"{where}.requireOptInLabel", session.card_key(card_id, "optin")):
            seed(session.card_key(card_id, "optin"), card.opt_in_label)
            opt_in = st.text_input(
                "Opt-in label",
                key=session.card_key(card_id, "optin"),
                placeholder="e.g. modelfs.samzong.dev/share=true",
                help='Namespaces must carry this label: "key=value", or "key" for key=true.',
            )
        changed = replace(card, share_enabled=True, selector_yaml=selector, opt_in_label=opt_in)
        _share_preview(session, changed, index, namespaces)
    return changed


def _storage(session: WizardSession, slots: FieldSlots, card_id: int, index: int, card: VersionInput) -> VersionInput:
    where = f"versions[{index}].storage"
    size_col, class_col, modes_col = st.columns([2, 3, 3])
    with size_col, slots.field(f"{where}.size", session.card_key(card_id, "size")):
        seed(session.card_key(card_id, "size"), card.size)
        size = st.text_input(
            "Storage size",
            key=session.card_key(card_id, "size"),
            placeholder="e.g. 20Gi",
            help="A Kubernetes quantity: 500Mi, 20Gi, 1Ti.",
        )
    with class_col, slots.field(f"{where}.storageClassName", session.card_key(card_id, "class")):
        seed(session.card_key(card_id, "class"), card.storage_class)
        storage_class = st.text_input(
            "Storage class", key=session.card_key(card_id, "class"), placeholder="the cluster's default"
        )
    with modes_col, slots.field(f"{where}.accessModes", session.card_key(card_id, "modes")):
        seed(session.card_key(card_id, "modes"), list(card.access_modes))
        modes = st.multiselect(
            "Access modes",
            sorted(set(ACCESS_MODES) | set(card.access_modes)),
            key=session.card_key(card_id, "modes"),
            placeholder="ReadWriteMany (default)",
        )
    return replace(card, size=size, storage_class=storage_class, access_modes=tuple(modes))


def _kept(card: VersionInput) -> None:
    parts = []
    if card.kept_metadata:
        parts.append("metadata " + ", ".join(f"{k}={v}" for k, v in sorted(card.kept_metadata.items())))
    if card.kept_requests:
        parts.append("requests " + ", ".join(f"{k}={v}" for k, v in sorted(card.kept_requests.items())))
    if card.kept_limits:
        parts.append("limits " + ", ".join(f"{k}={v}" for k, v in sorted(card.kept_limits.items())))
    if parts:
        st.caption("Kept as they are (not edited here): " + "; ".join(parts))


def render_card(
    session: WizardSession,
    slots: FieldSlots,
    index: int,
    card_id: int,
    card: VersionInput,
    *,
    source_type: str | None,
    namespaces: Sequence[Namespace] | None,
    sources: Sequence[ModelSource] | None = None,
    datasets: Collection[str] | None = None,
) -> VersionInput:
    """One version card; the card with what is typed in it now.

    ``sources`` and ``datasets`` (names of Datasets known to exist) decide whether a live version's
    repo or revision edit needs the "Add as a new version" way out.
    """
    where = f"versions[{index}]"
    key = session.card_key
    with st.container(border=True, key=session.key(f"v{card_id}")):
        head, action = st.columns([6, 1], vertical_alignment="center")
        head.markdown(f"**Version {index + 1}** {_badge(session, card)}")
        with action:
            _removal(session, card_id, card)
        name_col, repo_col, rev_col, prec_col = st.columns([2, 4, 2, 2])
        with name_col, slots.field(f"{where}.name", key(card_id, "name")):
            seed(key(card_id, "name"), card.name)
            name = st.text_input(
                "Version name",
                key=key(card_id, "name"),
                disabled=not card.is_new,
                placeholder="e.g. fp16",
                help=("Lower-case letters, digits and '-'. " if card.is_new else "")
                + "A live version's name cannot change: its Dataset is named after it.",
            )
        with repo_col, slots.field(f"{where}.repo", key(card_id, "repo")):
            seed(key(card_id, "repo"), card.repo)
            repo = st.text_input(
                "Repo",
                key=key(card_id, "repo"),
                placeholder=repo_placeholder(source_type or ""),
                help=f"Written as the {source_type or 'chosen'} source needs it.",
            )
        with rev_col, slots.field(f"{where}.revision", key(card_id, "revision")):
            seed(key(card_id, "revision"), card.revision)
            revision = st.text_input("Revision", key=key(card_id, "revision"), help="Branch, tag or commit.")
        with prec_col, slots.field(f"{where}.precision", key(card_id, "precision")):
            seed(key(card_id, "precision"), card.precision)
            precision = st.selectbox(
                "Precision",
                _with(("", *PRECISIONS), card.precision),
                key=key(card_id, "precision"),
                format_func=lambda p: p or "none",
            )
        changed = replace(card, name=name, repo=repo, revision=revision, precision=precision or "")
        _uri_guard(session, card_id, changed, sources, datasets)
        changed = _storage(session, slots, card_id, index, changed)
        _kept(card)
        state_col, share_col = st.columns([2, 5])
        with state_col, slots.field(f"{where}.state", key(card_id, "state")):
            seed(key(card_id, "state"), card.state)
            state = st.radio(
                "Desired state",
                _with(STATES, card.state),
                key=key(card_id, "state"),
                horizontal=True,
                help="ABSENT: the controller deletes this version's Dataset; the version stays listed.",
            )
        with share_col:
            changed = _sharing(session, slots, card_id, index, replace(changed, state=state), namespaces)
        if session.removing == card_id and not card.is_new:
            _removal_explained(session, card_id, card, state)
    return changed
