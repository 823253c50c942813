"""A ModelSource's credentials: the controller's verdict, the console's own Secret check, and rotation.

The check GETs the Secret through the typed client, whose Secret keeps key names and drops every
value. It runs when a detail opens from the list, when asked again, and once its result (kept in
the session with the time it ran) is older than :data:`KEEP_CHECK`: the auto-refresh does not
re-read the Secret every few seconds, and a check on screen is never more than a minute old.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from modelfs_lib.domain.inert_text import inert
from modelfs_lib.domain.secret_check import (
    SecretCheck,
    SecretVerdict,
    check_secret,
    disagreement,
    rotate_secret_command,
)
from modelfs_lib.domain.source_usage import READINESS_LABELS
from modelfs_lib.domain.status import Readiness, credentials_state
from modelfs_lib.domain.times import exact_time, relative_time
from modelfs_lib.errors import ModelfsError
from modelfs_lib.resources import ModelSource, Secret
from modelfs_lib.ui.shell import ShellState
from modelfs_lib.ui.sources.common import CREDENTIAL_BADGES

_CHECK_PREFIX = "sources.secret_check."
KEEP_CHECK = dt.timedelta(seconds=60)
"""How long a check stands before the next render reads the Secret again (the auto-refresh runs more often)."""
_VERDICT_BOX = {
    SecretVerdict.NO_SECRET: st.success,
    SecretVerdict.VALID: st.success,
    SecretVerdict.EMPTY: st.error,
    SecretVerdict.MISSING: st.error,
    SecretVerdict.FORBIDDEN: st.warning,
    SecretVerdict.FAILED: st.warning,
}


def secret_check(state: ShellState, secret_ref: str, *, fresh: bool = False) -> SecretCheck:
    """The check of Secret ``secret_ref`` in the chosen namespace: the kept one (younger than
    :data:`KEEP_CHECK`) unless ``fresh``, else a new GET."""
    namespace = state.namespace or ""
    slot = f"{_CHECK_PREFIX}{namespace}/{secret_ref}"
    kept = st.session_state.get(slot)
    now = dt.datetime.now(dt.UTC)
    if isinstance(kept, SecretCheck) and not fresh and now - kept.checked_at < KEEP_CHECK:
        return kept
    outcome: Secret | ModelfsError | None = None
    if secret_ref and state.connection is not None:
        try:
            outcome = state.connection.client.get(Secret, namespace=namespace, name=secret_ref)
        except ModelfsError as e:
            outcome = e
    check = check_secret(namespace, secret_ref, outcome, checked_at=now)
    st.session_state[slot] = check
    return check


def forget_checks() -> None:
    """Drop every kept check, so that the next detail reads its Secret anew."""
    for key in [k for k in st.session_state if str(k).startswith(_CHECK_PREFIX)]:
        del st.session_state[key]


def _controller(source: ModelSource) -> None:
    creds = credentials_state(source)
    label = READINESS_LABELS[creds.state]
    st.markdown(f"**Controller** (condition CredentialsReady): {CREDENTIAL_BADGES[label]}")
    if creds.reason or creds.message:
        st.markdown(f"{inert(creds.reason or 'no reason')}: {inert(creds.message, limit=1000)}")
    if creds.time is not None:
        st.caption(f"Since {exact_time(creds.time)}")


def _console(state: ShellState, source: ModelSource) -> SecretCheck:
    st.markdown("**Console check** (what the controller's check would find now)")
    fresh = st.session_state.get("sources.detail.recheck") is True
    check = secret_check(state, source.secret_ref, fresh=fresh)
    _VERDICT_BOX[check.verdict](check.message)
    if check.key_names:
        st.markdown("Keys: " + ", ".join(f"`{key}`" for key in check.key_names) + " (values are never shown)")
    now = dt.datetime.now(dt.UTC)
    st.caption(f"Checked {exact_time(check.checked_at)} ({relative_time(check.checked_at, now)})")
    st.button("Check again", key="sources.detail.recheck", icon=":material/refresh:")
    return check


def _rotation(state: ShellState, source: ModelSource, check: SecretCheck) -> None:
    missing = check.verdict in (SecretVerdict.MISSING, SecretVerdict.EMPTY)
    with st.expander("Create or fill the Secret" if missing else "Rotate secret", icon=":material/key:"):
        if not source.secret_ref:
            st.write(
                "This source has no secretRef, so there is nothing to rotate. To add credentials, create a Secret "
                "in this namespace and set it as the source's secretRef (Edit)."
            )
            return
        st.write(
            f"Replace the data of Secret **{source.secret_ref}** from your own shell (bash). The command asks for "
            "each new value without echoing it, or takes it from a `NEW_*` variable you exported beforehand; "
            "neither the console nor the command ever reads the current values. No value goes on a command line "
            "or into a last-applied annotation, and the command says whether the Secret was written."
        )
        if check.verdict is SecretVerdict.FORBIDDEN:
            st.caption("The console may not read this Secret, so its key names are unknown: edit KEY below.")
        elif not check.key_names:
            st.caption("The Secret has no keys yet: edit KEY below to the key name the loader expects.")
        st.code(
            rotate_secret_command(state.namespace or "", source.secret_ref, check.key_names, check.secret_type),
            language="bash",
        )
        st.caption(
            "Datasets hold a copy of the Secret's keys in spec.source.options: they get the new values when the "
            "controller next reconciles the Models that use this source. The controller re-checks "
            "CredentialsReady on its next reconcile of the source."
        )


def render(state: ShellState, source: ModelSource) -> None:
    """The credentials section of a source's detail."""
    st.subheader("Credentials", anchor=False)
    left, right = st.columns(2, gap="large")
    with left:
        _controller(source)
    with right:
        check = _console(state, source)
    note = disagreement(check, credentials_state(source))
    if note:
        st.warning(note, icon=":material/sync_problem:")
    elif credentials_state(source).state is Readiness.UNKNOWN and check.passes is None:
        st.info("Neither the controller nor the console could tell whether the credentials work.")
    _rotation(state, source, check)
