"""Every ``st.session_state`` key of the console, built in one place and scoped to what it is about.

A key names a kind of state (``"models.draft"``) and, where the state belongs to one object, the
namespace and the object (``key(DRAFT, "ml-team", "qwen3")`` → ``"models.draft:ml-team/qwen3"``).
Kubernetes names contain neither ``:`` nor ``/``, so two scopes never share a key: a draft of Model
``qwen3`` in ``ml-team`` is not the draft of ``qwen3`` in ``inference``. A key without a scope is its
name as it is (URL-bound widgets keep their short query parameter, e.g. ``models.q``).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

# The frame (shell) every page shares.
NAMESPACE = "shell.namespace"
TYPED_NAMESPACE = "shell.namespace_typed"
LAST_NAMESPACE = "shell.last_namespace"
PAGE = "shell.page"
"""The URL path of the page this session shows (the one whose frame drew last)."""
CONTEXT = "shell.context"
REFRESH = "shell.refresh"
LOADED_AT = "shell.loaded_at"
AUDIT_NOTICES = "shell.audit_notices"
UNANSWERED = "feedback.unanswered_at"
"""When (``time.time()``) this session last showed that the API server did not answer in time."""

# Models.
MODEL_DRAFT = "models.draft"
"""The manifest the wizard is preparing for one Model, shown as a diff on its detail page."""
MODEL_WIZARD = "models.wizard"
"""The Model wizard of one Model: its widgets are ``key(MODEL_WIZARD, ns, model, "<widget>")``, a Model
being created has no name yet (``-``)."""
MODEL_DELETING = "models.deleting"
"""Per namespace: the name of the Model whose delete confirmation is open."""
MODEL_FLASH = "models.flash"
MODEL_DETAIL_TAB = "models.detail.tab"
"""Per Model: the open tab of its detail ("Versions", "YAML" or "Sharing"); only that tab's body is built."""
MODEL_VERSION_SECTION = "models.detail.section"
"""Per Model and version: the tabs of its panel ("Conditions", "Sync rounds", ...); only the open one is built."""
MODEL_VERSION_SECTION_KEPT = "models.detail.section.kept"
"""Per Model and version: the panel section last open, so it opens again when the user comes back to the version."""
MODELS_TEXT_FILTER = "models.q"
MODELS_TAG_FILTER = "models.tag"
MODELS_PHASE_FILTER = "models.phase"
MODELS_TYPE_FILTER = "models.type"
MODELS_SORT = "models.sort"
STALE = "sharing.stale"
"""The stale-reference actions of one Model's Sharing tab: ``STALE + ".pick"`` (the reference chosen),
``".open"`` (whose confirmation is open, "*" for all), ``".one"``, ``".all"``, ``".confirm"``, ``".cancel"``."""
STALE_FLASH = "day2.sharing.flash"
"""The outcome of the last deletion of one Model's stale references."""

# Day-2 operations on a Model's detail: each value is keyed inside by "<ns>/<model>/..." slots.
VERSION_FLASH = "day2.version.flash"
VERSION_CONFIRM = "day2.version.confirming"
ORPHANS_CONFIRM = "day2.orphans.confirming"
ORPHANS_SHOWN = "day2.orphans.shown"
ORPHANS_FLASH = "day2.orphans.flash"
RECREATE_CONFIRM = "day2.recreate.confirming"
RECREATE_SHOWN = "day2.recreate.shown"
RECREATE_FOLLOW = "day2.recreate.follow"
RECREATE_FAILURE = "day2.recreate.failure"
SHARE_STOPPING = "day2.share.stopping"
"""The ``"<ns>/<model>/<version>"`` whose "Stop sharing" confirmation is open."""
RERUN_WATCH = "day2.rerun.watch"
RERUN_FAILURE = "day2.rerun.failure"

# Writes.
OWN_WRITE = "writes.own"
"""Per kind, namespace and object: the API server's answer to this session's last write of it."""

# ModelSources.
SOURCES_FLASH = "sources.flash"
SOURCES_TYPE_FILTER = "sources.type"
SOURCES_CREDENTIALS_FILTER = "sources.credentials"


def key(name: str, *scope: str | None) -> str:
    """The session key of ``name`` for this scope (usually namespace, then object name).

    ``None`` or ``""`` in the scope stands for "not chosen yet" (e.g. a Model being created).
    """
    if not scope:
        return name
    return f"{name}:" + "/".join(part or "-" for part in scope)


def get(name: str, *scope: str | None, default: Any = None) -> Any:
    """The value kept under ``key(name, *scope)``, or ``default``."""
    return st.session_state.get(key(name, *scope), default)


def put(name: str, *scope: str | None, value: Any) -> None:
    """Keep ``value`` under ``key(name, *scope)``."""
    st.session_state[key(name, *scope)] = value


def drop(name: str, *scope: str | None) -> Any:
    """Forget what is kept under ``key(name, *scope)``; the value it had, if any."""
    return st.session_state.pop(key(name, *scope), None)


def drop_within(name: str, *scope: str | None) -> None:
    """Forget every key scoped inside ``key(name, *scope)``: each ``key(name, *scope, part)`` and its sub-keys."""
    inside = key(name, *scope) + "/"
    for found in [k for k in st.session_state if str(k).startswith(inside)]:
        del st.session_state[found]
