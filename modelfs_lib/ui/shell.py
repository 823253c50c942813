"""The frame every page shares: context indicator, namespace selector, refresh control, demo banner."""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from modelfs_lib.client import start_page_run
from modelfs_lib.errors import Forbidden, ModelfsError
from modelfs_lib.resources import Namespace
from modelfs_lib.ui import data
from modelfs_lib.ui.connection import Connection
from modelfs_lib.ui.controller_status import render_controller_status
from modelfs_lib.ui.feedback import READING, reading, show_error, unanswered_recently
from modelfs_lib.ui.identity import Identity, Refused, render_acting_as, render_refusal, resolve
from modelfs_lib.ui.settings import REFRESH_CHOICES, Settings, load_settings

NAMESPACE_KEY = "shell.namespace"
TYPED_NAMESPACE_KEY = "shell.namespace_typed"
CONTEXT_KEY = "shell.context"
REFRESH_KEY = "shell.refresh"
_STATE_KEY = "shell.state"


@dataclass(frozen=True)
class ShellState:
    """What a page needs from the frame: where it is connected and which namespace is chosen."""

    settings: Settings
    key: data.ConnectionKey
    """Per identity: the connection, every cache and every access review follow it."""
    connection: Connection | None
    namespace: str | None
    refresh_seconds: int
    identity: Identity = field(default_factory=lambda: Identity(mode="none"))

    @property
    def run_every(self) -> float | None:
        """The fragment timer (None when auto-refresh is off).

        While the API server has recently not answered, the timer waits at least three request
        timeouts, so refreshes do not queue up behind reads that each wait a full timeout.
        """
        if not self.refresh_seconds:
            return None
        patience = 3 * self.settings.request_timeout
        if unanswered_recently(within=2 * patience):
            return max(float(self.refresh_seconds), patience)
        return self.refresh_seconds


def _refresh_label(seconds: int) -> str:
    return "off" if seconds == 0 else f"every {seconds} s"


def _context_picker(settings: Settings, contexts: tuple[str, ...], current: str) -> str | None:
    if len(contexts) <= 1:
        return None
    index = contexts.index(current) if current in contexts else 0
    return st.selectbox("Context", contexts, index=index, key=CONTEXT_KEY, help="Contexts of your kubeconfig.")


def _remember_namespace() -> None:
    chosen = st.session_state.get(NAMESPACE_KEY) or st.session_state.get(TYPED_NAMESPACE_KEY)
    if chosen:
        st.query_params["ns"] = chosen
    else:
        st.query_params.pop("ns", None)


def _namespace_selector(key: data.ConnectionKey, default: str) -> str | None:
    from_url = st.query_params.get("ns") or default or None
    listing = data.load(key, Namespace, None)
    if isinstance(listing.error, Forbidden):
        st.caption("You may not list namespaces here; type the one you work in.")
        if from_url and TYPED_NAMESPACE_KEY not in st.session_state:
            st.session_state[TYPED_NAMESPACE_KEY] = from_url
        typed = st.text_input(
            "Namespace", key=TYPED_NAMESPACE_KEY, on_change=_remember_namespace, placeholder="e.g. ml-team"
        ).strip()
        return typed or None
    if listing.error is not None:
        show_error(listing.error, action="Listing namespaces")
    names = sorted(ns.name for ns in listing.items)
    if from_url and from_url not in names:
        names.append(from_url)
    if NAMESPACE_KEY not in st.session_state and from_url:
        st.session_state[NAMESPACE_KEY] = from_url
    chosen: str | None = st.selectbox(
        "Namespace",
        names,
        index=None,
        key=NAMESPACE_KEY,
        on_change=_remember_namespace,
        placeholder="Choose a namespace",
        help="Every page shows this namespace only.",
    )
    return chosen


def render_shell() -> ShellState:
    """Draw the sidebar and the demo banner; remember the state for the pages.

    Starts a page run: requests are sent again, and after one timeout the rest of the run fails fast.
    A session the identity mode refuses gets a page saying why, and nothing else runs.
    """
    start_page_run()
    settings = load_settings()
    try:
        identity = resolve(settings)
    except Refused as refused:
        st.session_state.pop(_STATE_KEY, None)
        render_refusal(refused)
        st.stop()
        raise
    context = st.session_state.get(CONTEXT_KEY)
    key: data.ConnectionKey = (settings.demo, settings.kubeconfig, context, identity.acting_as)
    connection: Connection | None = None
    namespace: str | None = None
    with st.sidebar:
        try:
            connection = data.connection(key)
        except ModelfsError as e:
            show_error(e, action="Connecting to the cluster")
        if connection is not None:
            if connection.demo:
                st.markdown("**Demo cluster** · embedded API emulator")
            else:
                st.markdown(f"**Context:** `{connection.context}`")
            st.caption(f"API server: {connection.server}")
            render_acting_as(identity, "the demo cluster's console user" if connection.demo else connection.context)
            _context_picker(settings, connection.contexts, connection.context)
            with reading(READING):
                namespace = _namespace_selector(key, settings.default_namespace)
            if namespace:
                st.query_params["ns"] = namespace
            render_controller_status(key, settings.controller)
        if settings.readonly:
            with st.container(key="shell.readonly"):
                st.badge("Read-only", icon=":material/lock:", color="orange")
                st.caption("Nothing here writes to the cluster: MODELFS_UI_READONLY=1 (or --readonly) is set.")
        for problem in settings.problems:
            st.warning(problem, icon=":material/settings:")
        refresh = st.selectbox(
            "Auto-refresh",
            REFRESH_CHOICES,
            key=REFRESH_KEY,
            format_func=_refresh_label,
            index=REFRESH_CHOICES.index(settings.refresh_seconds),
        )
    if connection is not None and connection.demo:
        st.info(
            "You are looking at the **demo cluster**: an API emulator inside this process, with sample data and "
            "simulated controllers. Nothing here touches a real cluster. " + connection.note,
            icon=":material/science:",
        )
    render_audit_notices()
    state = ShellState(
        settings=settings,
        key=key,
        connection=connection,
        namespace=namespace,
        refresh_seconds=refresh,
        identity=identity,
    )
    st.session_state[_STATE_KEY] = state
    return state


AUDIT_NOTICES_KEY = "shell.audit_notices"


def render_audit_notices() -> None:
    """Say, once, which changes were made but could not be recorded in the audit trail."""
    for notice in st.session_state.pop(AUDIT_NOTICES_KEY, []):
        st.warning(notice, icon=":material/history:")


def _leave_legacy_pages_mode() -> None:
    """Rerun through the entrypoint when Streamlit ran a page script on its own.

    Streamlit still detects the legacy ``pages/`` folder when a server starts, and
    until some run calls ``st.navigation`` it serves a deep link such as
    ``/models?ns=...`` by running ``pages/models.py`` alone, without the frame.
    Switching the detection off and rerunning sends this run, and every later one,
    through ``streamlit_app.py``.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def current() -> ShellState:
    """The state the entrypoint's shell stored for this run."""
    _leave_legacy_pages_mode()
    state = st.session_state.get(_STATE_KEY)
    if not isinstance(state, ShellState):
        return render_shell()
    return state


def require_namespace(what: str) -> ShellState:
    """The shell state, or stop the page with a prompt to choose a namespace first."""
    state = current()
    if state.connection is None:
        st.stop()
    if not state.namespace:
        st.info(f"Choose a namespace in the sidebar to see its {what}.", icon=":material/arrow_back:")
        st.stop()
    return state
