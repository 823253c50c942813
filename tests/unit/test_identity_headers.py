"""Reading the person from the proxy's headers, and from Streamlit's sign-in."""

from __future__ import annotations

import pytest

from modelfs_lib.client import ActingAs
from modelfs_lib.ui.identity import Refused, from_headers, from_user
from modelfs_lib.ui.settings import Settings, load_settings

PROXY = Settings(auth="proxy")


def test_the_user_and_comma_separated_groups_come_from_the_default_headers() -> None:
    identity = from_headers(PROXY, {"x-forwarded-user": "alice", "X-Forwarded-Groups": "ml, ops,,ml"})
    assert (identity.user, identity.groups) == ("alice", ("ml", "ops"))
    assert identity.acting_as == ActingAs("alice", ("ml", "ops"))
    assert not identity.shared


def test_the_header_names_are_configurable() -> None:
    settings = load_settings(
        [],
        {
            "MODELFS_UI_AUTH": "proxy",
            "MODELFS_UI_AUTH_USER_HEADER": "X-Auth-Request-User",
            "MODELFS_UI_AUTH_GROUPS_HEADER": "X-Auth-Request-Groups",
        },
    )
    identity = from_headers(settings, {"X-Auth-Request-User": "bob", "X-Auth-Request-Groups": "sre"})
    assert (identity.user, identity.groups) == ("bob", ("sre",))
    with pytest.raises(Refused):
        from_headers(settings, {"X-Forwarded-User": "bob"})


@pytest.mark.parametrize(
    "headers", [{}, {"X-Forwarded-User": "   "}, {"X-Forwarded-Groups": "admins"}], ids=["none", "blank", "groups-only"]
)
def test_a_request_without_the_user_is_refused(headers: dict[str, str]) -> None:
    with pytest.raises(Refused, match="proxy") as refused:
        from_headers(PROXY, headers)
    assert "X-Forwarded-User" in refused.value.detail


@pytest.mark.parametrize("user", ["a\nb", "x" * 300, "tab\tname"])
def test_an_unusable_user_name_is_refused(user: str) -> None:
    with pytest.raises(Refused, match="not usable"):
        from_headers(PROXY, {"X-Forwarded-User": user})


def test_the_signed_in_persons_id_token_becomes_the_bearer() -> None:
    identity = from_user(
        Settings(auth="oidc"), {"is_logged_in": True, "email": "carol@example.com", "tokens": {"id": "tok"}}
    )
    assert identity is not None
    assert identity.user == "carol@example.com" and identity.acting_as == ActingAs(token="tok")


def test_nobody_signed_in_is_none_and_a_sign_in_without_a_token_is_refused() -> None:
    assert from_user(Settings(auth="oidc"), {"is_logged_in": False}) is None
    with pytest.raises(Refused, match="ID token"):
        from_user(Settings(auth="oidc"), {"is_logged_in": True, "email": "c@x"})


def test_the_mode_is_read_from_the_environment() -> None:
    assert load_settings([], {}).auth == "none"
    assert load_settings([], {"MODELFS_UI_AUTH": " OIDC "}).auth == "oidc"
