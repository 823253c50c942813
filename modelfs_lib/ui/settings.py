"""Start-up settings from the command line (``-- --demo``) and the environment."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from modelfs_lib.domain.controller import ControllerLocation, controller_location

REFRESH_CHOICES = (0, 5, 10, 30, 60)
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
    return Settings(
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
