"""Start-up settings from the command line (``-- --demo``) and the environment."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from modelfs_lib.domain.controller import ControllerLocation, controller_location

REFRESH_CHOICES = (0, 5, 10, 30, 60)
AUTH_MODES = ("none", "proxy", "oidc")
"""``MODELFS_UI_AUTH``: everyone acts as the console; the person a proxy names; the person signed in with OIDC."""
CONTROLLER_VARIABLES = {
    "namespace": "MODELFS_UI_CONTROLLER_NAMESPACE",
    "selector": "MODELFS_UI_CONTROLLER_SELECTOR",
    "deployment": "MODELFS_UI_CONTROLLER_DEPLOYMENT",
}
"""Where the controller runs, in ``controller_location``'s argument order."""


@dataclass(frozen=True)
class Settings:
    """How this console process runs."""

    demo: bool = False
    readonly: bool = False
    refresh_seconds: int = 10
    cache_ttl: float = 5.0
    kubeconfig: str | None = None
    request_timeout: float = 10.0
    default_namespace: str = ""
    demo_fallback: bool = True
    controller: ControllerLocation = field(default_factory=ControllerLocation)
    """Where the modelfs controller runs (``MODELFS_UI_CONTROLLER_*``); every logs command is built from it."""
    auth: str = "none"
    """``MODELFS_UI_AUTH``: one of :data:`AUTH_MODES`."""
    user_header: str = "X-Forwarded-User"
    groups_header: str = "X-Forwarded-Groups"
    oidc_user_claim: str = "email"
    """The claim of ``st.user`` that names the person in the sidebar and the audit trail."""
    problems: tuple[str, ...] = ()
    """Why a setting was not used as given (the default was used instead), for the sidebar."""


def _flag(environ: Mapping[str, str], name: str) -> bool:
    return environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def _number(environ: Mapping[str, str], name: str, default: float) -> float:
    try:
        value = float(environ.get(name, default))
    except ValueError:
        return default
    return value if value >= 0 else default


def load_settings(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from ``argv`` (the script's arguments) and ``environ``."""
    argv = sys.argv[1:] if argv is None else argv
    environ = os.environ if environ is None else environ
    refresh = int(_number(environ, "MODELFS_UI_REFRESH_SECONDS", 10))
    controller, problems = controller_location(*(environ.get(name) for name in CONTROLLER_VARIABLES.values()))
    auth = environ.get("MODELFS_UI_AUTH", "none").strip().lower() or "none"
    return Settings(
        auth=auth,
        user_header=environ.get("MODELFS_UI_AUTH_USER_HEADER", "").strip() or "X-Forwarded-User",
        groups_header=environ.get("MODELFS_UI_AUTH_GROUPS_HEADER", "").strip() or "X-Forwarded-Groups",
        oidc_user_claim=environ.get("MODELFS_UI_OIDC_USER_CLAIM", "").strip() or "email",
        demo="--demo" in argv or _flag(environ, "MODELFS_UI_DEMO"),
        readonly="--readonly" in argv or _flag(environ, "MODELFS_UI_READONLY"),
        refresh_seconds=refresh if refresh in REFRESH_CHOICES else 10,
        cache_ttl=_number(environ, "MODELFS_UI_CACHE_TTL", 5.0),
        kubeconfig=environ.get("KUBECONFIG") or None,
        default_namespace=environ.get("MODELFS_UI_DEFAULT_NAMESPACE", "").strip(),
        demo_fallback=environ.get("MODELFS_UI_DEMO_FALLBACK", "1").strip().lower() not in ("0", "false", "no", "off"),
        request_timeout=_number(environ, "MODELFS_UI_REQUEST_TIMEOUT", 10.0) or 10.0,
        controller=controller,
        problems=tuple(f"{CONTROLLER_VARIABLES[part]}: {problem}." for part, problem in problems.items()),
    )
