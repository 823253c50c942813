"""Who the person in this browser session is, and whom the console's requests act as.

``MODELFS_UI_AUTH``:

- ``none``: everyone acts as the console's own identity (its kubeconfig user or ServiceAccount);
- ``proxy``: an authenticating proxy (oauth2-proxy) in front of the console names the person in
  request headers; every request impersonates that user and its groups. A session that arrives
  without the user header is refused: only the proxy can reach the console, so a missing header
  means something is misconfigured;
- ``oidc``: Streamlit's own sign-in (``st.login``); the person's ID token is the bearer token.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import streamlit as st

from modelfs_lib.client import ActingAs
from modelfs_lib.ui.settings import AUTH_MODES, Settings

MAX_NAME = 256
MAX_GROUPS = 64


@dataclass(frozen=True)
class Identity:
    """The person (``user`` empty: the console's shared identity) and the credentials requests carry."""

    mode: str
    user: str = ""
    groups: tuple[str, ...] = ()
    acting_as: ActingAs | None = None

    @property
    def shared(self) -> bool:
        """Whether everyone using the console acts as one identity."""
        return self.acting_as is None

    @property
    def actor(self) -> str:
        """How the audit trail names whoever made a change."""
        return self.user or "someone using the console's shared identity"


class Refused(Exception):
    """This session may not use the console: why, and what to do (shown as the whole page)."""

    def __init__(self, title: str, detail: str) -> None:
        super().__init__(title)
        self.title = title
        self.detail = detail


def request_headers() -> Mapping[str, str]:
    """The headers of this session's request (a case-insensitive mapping)."""
    return st.context.headers


def _clean(value: str, what: str, header: str) -> str:
    text = value.strip()
    if not text or len(text) > MAX_NAME or any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise Refused(
            f"The {what} the proxy sent is not usable.",
            f"The {header} header must hold 1 to {MAX_NAME} printable characters. Check the proxy's configuration.",
        )
    return text


def from_headers(settings: Settings, headers: Mapping[str, str]) -> Identity:
    """The proxy-authenticated person named by ``headers``; Refused when the user header is missing or bad.

    Groups come comma-separated (as oauth2-proxy sends them); empty entries are dropped, repeats kept once.
    """
    lowered = {str(k).lower(): str(v) for k, v in headers.items()}
    raw_user = lowered.get(settings.user_header.lower(), "")
    if not raw_user.strip():
        raise Refused(
            "Sign in through the console's proxy.",
            f"This console acts as the person its authenticating proxy names in the {settings.user_header} "
            "header, and this request came without it. Open the console through its proxy's address; if you did, "
            "the proxy does not pass the user on (for oauth2-proxy: --pass-user-headers=true).",
        )
    user = _clean(raw_user, "user name", settings.user_header)
    groups: list[str] = []
    for part in lowered.get(settings.groups_header.lower(), "").split(","):
        if part.strip() and (group := _clean(part, "group", settings.groups_header)) not in groups:
            groups.append(group)
    if len(groups) > MAX_GROUPS:
        raise Refused("The proxy sent too many groups.", f"At most {MAX_GROUPS} groups are accepted.")
    return Identity(mode="proxy", user=user, groups=tuple(groups), acting_as=ActingAs(user, tuple(groups)))


def from_user(settings: Settings, user: Mapping[str, Any]) -> Identity | None:
    """The signed-in person and their ID token; None when nobody is signed in. Refused without an ID token."""
    if not user.get("is_logged_in"):
        return None
    tokens = user.get("tokens")
    token = tokens.get("id") if isinstance(tokens, Mapping) else None
    if not isinstance(token, str) or not token:
        raise Refused(
            "Your sign-in gave the console no ID token.",
            'Add expose_tokens = ["id"] to the [auth] section of .streamlit/secrets.toml, so the console can '
            "send your ID token to the API server.",
        )
    name = user.get(settings.oidc_user_claim) or user.get("email") or user.get("sub") or ""
    return Identity(mode="oidc", user=str(name)[:MAX_NAME] or "signed-in user", acting_as=ActingAs(token=token))


def _signed_in_user() -> Mapping[str, Any]:
    user = st.user.to_dict()
    if "tokens" not in user:
        with contextlib.suppress(AttributeError, KeyError, TypeError):
            user["tokens"] = dict(st.user.tokens)
    return user


def resolve(settings: Settings) -> Identity:
    """This session's identity under ``settings.auth``; Refused when the session may not proceed.

    In ``oidc`` mode without a signed-in person, the sign-in page is drawn and the run stops.
    """
    if settings.auth == "none":
        return Identity(mode="none")
    if settings.auth == "proxy":
        return from_headers(settings, request_headers())
    if settings.auth == "oidc":
        identity = from_user(settings, _signed_in_user())
        if identity is None:
            st.title("modelfs-ui")
            st.write("This console acts as you on the cluster. Sign in to continue.")
            if st.button("Sign in", icon=":material/login:", type="primary"):
                st.login()
            st.stop()
        assert identity is not None
        return identity
    raise Refused(
        f"MODELFS_UI_AUTH={settings.auth!r} is not a mode this console knows.",
        f"Set it to one of {', '.join(AUTH_MODES)}. Nothing is shown until then.",
    )


def render_refusal(refused: Refused) -> None:
    """The whole page for a refused session."""
    st.title("modelfs-ui")
    st.error(f"**{refused.title}**\n\n{refused.detail}", icon=":material/lock:")


def render_acting_as(identity: Identity, console: str) -> None:
    """The sidebar's "acting as" line (``console``: the shared identity's name, e.g. the context)."""
    st.markdown("**Acting as:**")
    if identity.shared:
        st.text(console)
        st.caption(
            "Everyone using this console acts as this one identity: the API server cannot tell people apart, "
            "and the Activity page cannot name who made a change."
        )
        return
    how = "via the sign-in proxy (impersonated)" if identity.mode == "proxy" else "signed in (your ID token)"
    st.text(identity.user)
    st.caption(how)
    if identity.groups:
        st.text("groups: " + ", ".join(identity.groups))
    if identity.mode == "oidc" and st.button("Sign out", icon=":material/logout:", key="identity.logout"):
        st.logout()
