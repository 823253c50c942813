"""Create or edit a ModelSource: name, type, Secret, config rows, then the shared review and apply.

The Secret is typed by name and read with one GET, of which only the key names are kept: the console
never lists Secrets (a list carries every value in the namespace).

Nothing is sent before the input passes its checks (:func:`~modelfs_lib.domain.source_form.build_source`):
errors show next to their field and keep the review closed. An edit starts from the object as it was
read; its ``resourceVersion`` goes with the manifest, so a real API server refuses the apply when the
object changed meanwhile, and the review warns about it and offers to rebase. An edit of ``type`` or
of a config key the Datasets' uri is built from lists the Model versions it would stall
(:mod:`modelfs_lib.ui.sources.stall_notice`), and applying it needs an acknowledgement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import streamlit as st

from modelfs_lib.domain.field_error import FieldError
from modelfs_lib.domain.secret_check import SecretCheck, SecretVerdict
from modelfs_lib.domain.source_form import (
    SourceInput,
    build_source,
    source_input,
)
from modelfs_lib.domain.taken_name import taken_message
from modelfs_lib.domain.validation import check_dns1123_name
from modelfs_lib.errors import ModelfsError, NotFound
from modelfs_lib.resources import SOURCE_TYPES, ModelSource
from modelfs_lib.ui.feedback import show_error
from modelfs_lib.ui.form_fields import render_finding
from modelfs_lib.ui.review import review_and_apply
from modelfs_lib.ui.shell import ShellState
from modelfs_lib.ui.sources import common, config_rows, secret_panel, stall_notice

PREFIX = "sources.wizard"
FOR_KEY = f"{PREFIX}.for"
STARTED_KEY = f"{PREFIX}.started"
REVIEWING_KEY = f"{PREFIX}.reviewing"
SEEN_TAKEN_KEY = f"{PREFIX}.seen_taken"
"""Names found taken during a review, which the cached list may not know yet."""
FREE_KEY = f"{PREFIX}.free"
"""The name as typed when the review began, if no ModelSource had it then."""
NAME_KEY = f"{PREFIX}.name"
TYPE_KEY = f"{PREFIX}.type"
SECRET_KEY = f"{PREFIX}.secret"
"""The typed name of the Secret (secretRef): Secrets are read one by one by name, never listed."""
_STATE_KEYS = (
    FOR_KEY,
    STARTED_KEY,
    REVIEWING_KEY,
    FREE_KEY,
    SEEN_TAKEN_KEY,
    NAME_KEY,
    TYPE_KEY,
    SECRET_KEY,
)


def reset() -> None:
    """Forget the wizard's input (and any acknowledgement), so that the next wizard starts afresh."""
    for key in _STATE_KEYS:
        st.session_state.pop(key, None)
    for key in [k for k in st.session_state if str(k).startswith(stall_notice.ACK_PREFIX)]:
        del st.session_state[key]


def _start(namespace: str, name: str | None, live: ModelSource | None) -> None:
    form = source_input(live) if live is not None else SourceInput()
    reset()
    st.session_state[FOR_KEY] = (namespace, name or "")
    st.session_state[STARTED_KEY] = live
    st.session_state[NAME_KEY] = form.name
    st.session_state[TYPE_KEY] = form.source_type or None
    st.session_state[SECRET_KEY] = form.secret_ref
    config_rows.start(form.rows)


def _live(state: ShellState, name: str) -> tuple[dict[str, object] | None, ModelSource | None]:
    """The source as stored now, raw and typed; (None, None) after showing why it cannot be edited."""
    assert state.connection is not None
    try:
        raw = state.connection.client.get_raw(ModelSource, namespace=state.namespace, name=name)
    except NotFound:
        st.warning(f"There is no ModelSource {name} in {state.namespace}.", icon=":material/search_off:")
        return None, None
    except ModelfsError as e:
        show_error(e, action=f"Reading ModelSource {name}")
        return None, None
    live = ModelSource.from_dict(raw)
    if live.invalid:
        st.error(f"ModelSource {name} cannot be edited here: {live.invalid}. Use `kubectl edit`.")
        return None, None
    return raw, live


def _messages(findings: Sequence[FieldError], field: str) -> None:
    """The findings about ``field``, right where this is called (under its input), styled as in the Model wizard."""
    for finding in findings:
        if finding.field == field:
            render_finding(finding)


def _secret_check(state: ShellState, secret_ref: str) -> SecretCheck | None:
    """The check of the Secret named in the form: a GET of that one Secret, kept with its key names only.

    Secrets are never listed: a list would carry every Secret's values of the namespace. A name that is
    not a valid Secret name is not sent (its finding says why).
    """
    if not secret_ref or check_dns1123_name(secret_ref, "secretRef"):
        return None
    return secret_panel.secret_check(state, secret_ref)


def _form() -> SourceInput:
    """The input as the widgets hold it (read before they are drawn, so findings can go next to them)."""
    return SourceInput(
        name=str(st.session_state.get(NAME_KEY) or "").strip(),
        source_type=str(st.session_state.get(TYPE_KEY) or ""),
        secret_ref=str(st.session_state.get(SECRET_KEY) or "").strip(),
        rows=tuple(config_rows.rows()),
    )


def _secret_field(check: SecretCheck | None) -> None:
    """The Secret's name, typed, and what one GET of it found: its key names, never a value."""
    st.text_input(
        "Secret (secretRef)",
        key=SECRET_KEY,
        placeholder="none: a public source (e.g. hf-token)",
        help="The name of a Secret in this namespace whose keys the loader gets as credentials. "
        "The console reads only that Secret, and keeps only its key names.",
    )
    if check is not None and check.verdict is SecretVerdict.VALID:
        keys = ", ".join(f"`{key}`" for key in check.key_names)
        st.caption(f"{check.message} Keys: {keys} (values are never shown).")


def _fields(check: SecretCheck | None, findings: Sequence[FieldError], *, editing: bool) -> None:
    shown = list(findings) if st.session_state.get(REVIEWING_KEY) else []
    st.text_input(
        "Name",
        key=NAME_KEY,
        disabled=editing,
        placeholder="e.g. huggingface",
        help="Lower-case letters, digits, '-' and '.'; Models name it in spec.sourceRef.",
    )
    _messages(shown, "name")
    st.selectbox(
        "Type",
        SOURCE_TYPES,
        index=None,
        key=TYPE_KEY,
        placeholder="Choose the kind of source",
        help="The Dataset loader that fetches the weights; it decides the repo format and the config keys.",
    )
    _messages(shown, "type")
    _secret_field(check)
    _messages(shown, "secretRef")
    config_rows.render(str(st.session_state.get(TYPE_KEY) or ""), lambda field: _messages(shown, field))
    placed = {"name", "type", "secretRef"}
    for finding in shown:
        if finding.field not in placed and not finding.field.startswith("config["):
            _messages([finding], finding.field)


def _taken(state: ShellState, name: str) -> set[str]:
    """The names a create must not use: the listed sources, and ``name`` itself when a GET finds it
    (the list is cached for seconds, and an apply to an existing name would change that source)."""
    taken = {s.name for s in common.sources(state).items} | set(st.session_state.get(SEEN_TAKEN_KEY) or ())
    if name and name not in taken and st.session_state.get(REVIEWING_KEY) and state.connection is not None:
        try:
            state.connection.client.get_raw(ModelSource, namespace=state.namespace, name=name)
            taken.add(name)
        except ModelfsError:
            pass  # NotFound: free; any other failure shows again in the dry-run
    return taken


def _choose_another_name() -> None:
    st.session_state[REVIEWING_KEY] = False
    st.session_state[FREE_KEY] = None


def _taken_meanwhile(state: ShellState, name: str) -> None:
    """The name was free when the review began and is taken now: by whom, and the way back to the name."""
    raw: dict[str, object] = {}
    if state.connection is not None:
        try:
            raw = state.connection.client.get_raw(ModelSource, namespace=state.namespace, name=name)
        except ModelfsError:
            raw = {}
    st.session_state[SEEN_TAKEN_KEY] = {*(st.session_state.get(SEEN_TAKEN_KEY) or ()), name}
    st.error(taken_message("ModelSource", name, state.namespace or "", raw), icon=":material/content_copy:")
    st.button(
        "Choose another name",
        key=f"{PREFIX}.taken.rename",
        type="primary",
        icon=":material/edit:",
        on_click=_choose_another_name,
    )


def _start_review() -> None:
    st.session_state[REVIEWING_KEY] = True


def _edited(live: ModelSource, form: SourceInput) -> ModelSource:
    """``live`` with the type and config of the form (what the controller would build uris from)."""
    return replace(live, source_type=form.source_type, config={key: value for key, value in form.rows if key})


def _hold(stall: stall_notice.StallCheck | None) -> str:
    """On the review: the stall notice again and its acknowledgement; why Apply waits ("" when it need not)."""
    if stall is None or not stall.needs_acknowledgement:
        return ""
    stall_notice.render(stall, key=f"{PREFIX}.stall.review")
    if stall_notice.acknowledged(stall):
        return ""
    return "Tick the acknowledgement above to apply: this edit would stall the Model versions listed."


def _review(
    state: ShellState,
    built: dict[str, object],
    raw: dict[str, object] | None,
    live: ModelSource | None,
    stall: stall_notice.StallCheck | None = None,
) -> None:
    st.divider()
    st.subheader("Review", anchor=False)
    hold = _hold(stall)
    started = st.session_state.get(STARTED_KEY)
    started_version = started.meta.resource_version if isinstance(started, ModelSource) else None
    changed = live is not None and started_version and live.meta.resource_version != started_version
    if changed and st.button("Rebase on the latest version (keeps your input)", key=f"{PREFIX}.rebase"):
        st.session_state[STARTED_KEY] = live
        st.rerun()
    applied = review_and_apply(
        state, manifest=dict(built), live=raw, key="sources.review", started_version=started_version, hold=hold
    )
    if applied is None:
        return
    name = common.flash_applied(state, dict(built), applied)
    reset()
    secret_panel.forget_checks()
    common.open_view(name)


def render(state: ShellState, *, name: str | None) -> None:
    """The wizard: create (``name`` None) or edit ModelSource ``name``."""
    if st.button("Cancel", key=f"{PREFIX}.cancel", icon=":material/close:", type="tertiary"):
        reset()
        common.open_view(name)
    st.title(f"Edit ModelSource {name}" if name else "Create ModelSource", anchor=False)
    raw, live = _live(state, name) if name else (None, None)
    if name and live is None:
        return
    if st.session_state.get(FOR_KEY) != (state.namespace, name or ""):
        _start(state.namespace or "", name, live)
    started = st.session_state.get(STARTED_KEY)
    base = started if isinstance(started, ModelSource) else None
    form = _form()
    secret = _secret_check(state, form.secret_ref)
    users = len(common.references_of(live, common.models(state)).models) if live is not None else 0
    taken = set() if live is not None else _taken(state, form.name)
    meanwhile = bool(st.session_state.get(REVIEWING_KEY)) and form.name in taken
    meanwhile = meanwhile and live is None and st.session_state.get(FREE_KEY) == form.name
    if not st.session_state.get(REVIEWING_KEY):
        st.session_state[FREE_KEY] = form.name if form.name not in taken else None
    built = build_source(
        form,
        namespace=state.namespace or "",
        live=base,
        taken_names=taken,
        secret=secret,
        referencing_models=users,
    )
    _fields(secret, built.findings, editing=live is not None)
    stall = stall_notice.check(state, live, _edited(live, form)) if live is not None and form.source_type else None
    if stall is not None and stall.needs_acknowledgement:
        stall_notice.render(stall, key=f"{PREFIX}.stall.form")
    st.button("Review", key=f"{PREFIX}.review", type="primary", icon=":material/fact_check:", on_click=_start_review)
    if not st.session_state.get(REVIEWING_KEY):
        return
    if meanwhile:
        _taken_meanwhile(state, form.name)
        return
    if built.manifest is None:
        count = len(built.errors)
        st.error(f"Fix the {count} problem{'s' if count != 1 else ''} above first: nothing was sent to the cluster.")
        return
    _review(state, built.manifest, raw, live, stall)
