"""How failures reach the user: what failed, why, and what to do — never a traceback."""

from __future__ import annotations

import streamlit as st

from modelfs_lib.errors import ClusterError, ConfigError, ModelfsError


def error_text(error: ModelfsError) -> tuple[str, str]:
    """The sentence and the hint shown for ``error``."""
    if isinstance(error, ClusterError):
        return error.summary, error.hint
    if isinstance(error, ConfigError):
        return str(error), "Check KUBECONFIG, or start with `-- --demo` to use the embedded demo cluster."
    return str(error), ""


def show_error(error: ModelfsError, *, action: str) -> None:
    """An error box: ``action`` (what failed), the reason, the hint, and the API details."""
    summary, hint = error_text(error)
    st.error(f"**{action} failed.** {summary}", icon=":material/error:")
    if hint:
        st.caption(hint)
    if isinstance(error, ClusterError) and (error.status or error.causes):
        with st.expander("Details from the API server"):
            st.write(f"HTTP status: {error.status or 'none'} · reason: {error.reason or 'none'}")
            for cause in error.causes:
                st.write(f"- `{cause.field}`: {cause.message}")
