"""The frame every page shares: context indicator, namespace selector, refresh control, demo banner."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st

from modelfs_lib.client import start_page_run
from modelfs_lib.domain.times import relative_time
from modelfs_lib.errors import Forbidden, ModelfsError
from modelfs_lib.resources import Namespace, Resource
from modelfs_lib.ui import data, pages
from modelfs_lib.ui import state as keys
from modelfs_lib.ui.connection import Connection
from modelfs_lib.ui.controller_status import render_controller_status
from modelfs_lib.ui.feedback import READING, reading, show_error, unanswered_recently
from modelfs_lib.ui.identity import Identity, Refused, render_acting_as, render_refusal, resolve
from modelfs_lib.ui.navigation import keep_param
from modelfs_lib.ui.settings import REFRESH_CHOICES, Settings, load_settings

NAMESPACE_KEY = keys.NAMESPACE
TYPED_NAMESPACE_KEY = keys.TYPED_NAMESPACE
CONTEXT_KEY = keys.CONTEXT
REFRESH_KEY = keys.REFRESH
AUDIT_NOTICES_KEY = keys.AUDIT_NOTICES
FAVICON = Path(__file__).resolve().parent / "assets" / "favicon.png"
"""The page icon: a file shipped with the console, so that no page asks the internet for one."""
UPDATED_TICK_SECONDS = 10
"""How often the "updated … ago" caption is redrawn while auto-refresh is off (nothing is read then)."""


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
    return st.selectbox(
        "Context", contexts, index=index, key=CONTEXT_KEY, help="Contexts of your kubeconfig.", persist_state="session"
    )


def _remember_namespace() -> None:
    chosen = st.session_state.get(NAMESPACE_KEY) or st.session_state.get(TYPED_NAMESPACE_KEY)
    if chosen:
        st.query_params["ns"] = chosen
        st.session_state[keys.LAST_NAMESPACE] = chosen
    else:
        st.query_params.pop("ns", None)
        st.session_state.pop(keys.LAST_NAMESPACE, None)


def _wanted_namespace(default: str) -> str | None:
    """The namespace the URL names; else the one chosen last in this session (on another page); else the default."""
    return st.query_params.get("ns") or st.session_state.get(keys.LAST_NAMESPACE) or default or None


def _typed_namespace(wanted: str | None) -> str | None:
    st.caption("You may not list namespaces here; type the one you work in.")
    if TYPED_NAMESPACE_KEY in st.session_state and st.session_state[TYPED_NAMESPACE_KEY] != (wanted or ""):
        del st.session_state[TYPED_NAMESPACE_KEY]  # the URL (or another page) chose another one: start from it
    typed = st.text_input(
        "Namespace",
        value=wanted or "",
        key=TYPED_NAMESPACE_KEY,
        on_change=_remember_namespace,
        placeholder="e.g. ml-team",
    ).strip()
    if typed:
        st.caption(f"Whether namespace `{typed}` exists cannot be checked: you may not list namespaces.")
    return typed or None


def _namespace_selector(key: data.ConnectionKey, default: str) -> str | None:
    wanted = _wanted_namespace(default)
    listing = data.load(key, Namespace, None)
    if isinstance(listing.error, Forbidden):
        return _typed_namespace(wanted)
    if listing.error is not None:
        show_error(listing.error, action="Listing namespaces")
    names = sorted(ns.name for ns in listing.items)
    unknown = wanted is not None and wanted not in names and listing.error is None
    if wanted and wanted not in names and not unknown:
        names.append(wanted)  # the list failed: the namespace may well exist
    if unknown:
        wanted = None
    if NAMESPACE_KEY in st.session_state and st.session_state[NAMESPACE_KEY] != wanted:
        del st.session_state[NAMESPACE_KEY]  # the URL (or another page) chose another one: start from it
    chosen: str | None = st.selectbox(
        "Namespace",
        names,
        index=names.index(wanted) if wanted in names else None,
        key=NAMESPACE_KEY,
        on_change=_remember_namespace,
        placeholder="Choose a namespace",
        help="Every page shows this namespace only.",
    )
    if unknown:
        st.error(
            f"Namespace `{st.query_params.get('ns') or _wanted_namespace(default)}` does not exist on this cluster. "
            "Choose one above.",
            icon=":material/error:",
        )
    return chosen


def _refresh_control(settings: Settings) -> int:
    """The auto-refresh choice (kept for the whole session, on every page); when off, a Refresh button."""
    if REFRESH_KEY not in st.session_state:
        st.session_state[REFRESH_KEY] = settings.refresh_seconds
    refresh: int = st.selectbox(
        "Auto-refresh", REFRESH_CHOICES, key=REFRESH_KEY, format_func=_refresh_label, persist_state="session"
    )
    if not refresh:
        st.button(
            "Refresh",
            key="shell.refresh_now",
            icon=":material/refresh:",
            help="Read everything on this page again from the API server.",
        )
        _updated_caption()
    return refresh


@st.fragment(run_every=UPDATED_TICK_SECONDS)
def _updated_caption() -> None:
    """How long ago this page read the cluster; it ticks on its own and reads nothing."""
    loaded = st.session_state.get(keys.LOADED_AT)
    if isinstance(loaded, dt.datetime):
        st.caption(f"Updated {relative_time(loaded, dt.datetime.now(dt.UTC))}")


def render_shell(prefetch: Sequence[type[Resource]] = ()) -> ShellState:
    """Draw the sidebar and the demo banner; the state the page needs.

    Starts a page run: requests are sent again, and after one timeout the rest of the run fails fast.
    A session the identity mode refuses gets a page saying why, and nothing else runs. The lists of
    ``prefetch`` in the chosen namespace are asked for as soon as it is known to exist, before the rest
    of the sidebar reads anything.
    """
    start_page_run()
    st.session_state[keys.LOADED_AT] = dt.datetime.now(dt.UTC)
    settings = load_settings()
    try:
        identity = resolve(settings)
    except Refused as refused:
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
                _prefetch(key, prefetch, namespace)
                keep_param("ns", namespace)
                st.session_state[keys.LAST_NAMESPACE] = namespace
            render_controller_status(key, settings.controller)
        if settings.readonly:
            with st.container(key="shell.readonly"):
                st.badge("Read-only", icon=":material/lock:", color="orange")
                st.caption("Nothing here writes to the cluster: MODELFS_UI_READONLY=1 (or --readonly) is set.")
        for problem in settings.problems:
            st.warning(problem, icon=":material/settings:")
        refresh = _refresh_control(settings)
    if connection is not None and connection.demo:
        st.info(
            "You are looking at the **demo cluster**: an API emulator inside this process, with sample data and "
            "simulated controllers. Nothing here touches a real cluster. " + connection.note,
            icon=":material/science:",
        )
    render_audit_notices()
    return ShellState(
        settings=settings,
        key=key,
        connection=connection,
        namespace=namespace,
        refresh_seconds=refresh,
        identity=identity,
    )


def _prefetch(key: data.ConnectionKey, kinds: Sequence[type[Resource]], namespace: str) -> None:
    """Start reading the page's lists now (their informers start), so they are on their way while the sidebar draws."""
    if data.shared():
        for cls in kinds:
            data.peek(key, cls, namespace)


def render_audit_notices() -> None:
    """Say, once, which changes were made but could not be recorded in the audit trail."""
    for notice in st.session_state.pop(AUDIT_NOTICES_KEY, []):
        st.warning(notice, icon=":material/history:")


def require_namespace(shell: ShellState, what: str) -> ShellState:
    """``shell``, or stop the page with a prompt to choose a namespace first."""
    if shell.connection is None:
        st.stop()
    if not shell.namespace:
        st.info(f"Choose a namespace in the sidebar to see its {what}.", icon=":material/arrow_back:")
        st.stop()
    return shell


def page_title(page: pages.Page, subject: str | None = None) -> str:
    """The browser tab's title: ``<subject> · <page> · modelfs-ui``, so tabs on several objects can be told apart."""
    return " · ".join(part for part in (subject, page.title, "modelfs-ui") if part)


def page_frame(
    page: pages.Page,
    *,
    need_namespace: bool = True,
    prefetch: Sequence[type[Resource]] = (),
    subject: str | None = None,
) -> ShellState:
    """The frame of ``page``: its title and icon, the links to every page, the sidebar, the demo banner.

    Every page script starts with this one call. With ``need_namespace`` (every page but the
    overview) the page stops here, asking for a namespace, until one is chosen. ``prefetch``: the
    kinds the page lists, asked for as soon as the namespace is chosen. ``subject``: the object the page
    shows (a Model, a ModelSource), named first in the browser tab's title.
    """
    st.set_page_config(page_title=page_title(page, subject), page_icon=str(FAVICON), layout="wide")
    pages.show(page)
    navigation = st.sidebar.container()
    shell = render_shell(prefetch)
    with navigation:
        for each in pages.ALL:
            pages.link(each)
        st.divider()
    return require_namespace(shell, f"{page.title}") if need_namespace else shell
