"""What a wizard remembers between reruns: the form as typed, the step, and the live object it started from.

One :class:`WizardSession` per (namespace, Model, flow) lives in ``st.session_state``; leaving the
page keeps it (coming back resumes), Cancel and a successful apply drop it. While a Model is
edited, its proposed manifest is also kept (per namespace and Model) for the detail page.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import streamlit as st

from modelfs_lib.domain.manifest_text import spec_diff
from modelfs_lib.domain.model_form import ModelInput, VersionInput, model_input
from modelfs_lib.domain.spec_edit import editable_spec
from modelfs_lib.resources import Model
from modelfs_lib.ui import state as keys

CREATE, EDIT, ADD_VERSION, EDIT_YAML = "create", "edit", "add-version", "edit-yaml"
BASICS, VERSIONS, REVIEW = 1, 2, 3


def draft_key(namespace: str, name: str) -> str:
    """Where the proposed manifest of Model ``name`` in ``namespace`` is kept while it is edited."""
    return keys.key(keys.MODEL_DRAFT, namespace, name)


@dataclass
class WizardSession:
    """One wizard's state. ``live``/``live_raw`` are the object as it was when editing began."""

    namespace: str
    name: str | None
    mode: str
    step: int
    form: ModelInput
    card_ids: list[int]
    live: Model | None = None
    live_raw: dict[str, Any] | None = None
    yaml_text: str = ""
    attempted: set[int] = field(default_factory=set)
    removing: int | None = None
    next_card: int = 0
    editor_seeds: dict[str, str] = field(default_factory=dict)

    def key(self, part: str) -> str:
        """The session key of one widget (or kept value) of this wizard: scoped by namespace and Model."""
        return keys.key(keys.MODEL_WIZARD, self.namespace, self.name, part)

    @property
    def started_version(self) -> str | None:
        """The live resourceVersion when editing began."""
        return self.live.meta.resource_version if self.live is not None else None

    @property
    def editing(self) -> bool:
        """Whether the Model exists (every mode but create)."""
        return self.mode != CREATE

    def editor_value(self, key: str, current: str) -> str:
        """The text to hand YAML editor ``key``: ``current`` when it (re)appears, then the same text while it lives.

        streamlit-ace replaces its content whenever the ``value`` it is given changes; passing back
        what was just typed, one rerun late, would overwrite what was typed meanwhile.
        """
        if key not in st.session_state or key not in self.editor_seeds:
            self.editor_seeds[key] = current
        return self.editor_seeds[key]

    def card_key(self, card_id: int, part: str) -> str:
        """The widget key of one part of one version card."""
        return self.key(f"v{card_id}.{part}")

    def add_card(self, card: VersionInput | None = None) -> None:
        """Append a card (a blank one by default)."""
        self.form = replace(self.form, versions=(*self.form.versions, card or VersionInput()))
        self.card_ids.append(self.next_card)
        self.next_card += 1

    def remove_card(self, card_id: int) -> None:
        """Drop a card."""
        i = self.card_ids.index(card_id)
        self.form = replace(self.form, versions=self.form.versions[:i] + self.form.versions[i + 1 :])
        del self.card_ids[i]
        if self.removing == card_id:
            self.removing = None

    def rebase(self, live_raw: dict[str, Any]) -> None:
        """Keep the edits but start from this newer live object (its labels, resourceVersion, status)."""
        self.live_raw = live_raw
        self.live = Model.from_dict(live_raw)
        if self.mode == EDIT_YAML:
            return
        by_name = {v.name: v for v in self.live.versions}
        self.form = replace(
            self.form,
            versions=tuple(
                card if card.live_name in by_name or card.is_new else replace(card, live_name="")
                for card in self.form.versions
            ),
        )


def _session_key(namespace: str, name: str | None, mode: str) -> str:
    flow = "yaml" if mode == EDIT_YAML else "form"
    return keys.key(keys.MODEL_WIZARD, namespace, name, f"{flow}.session")


def new_session(namespace: str, name: str | None, mode: str, live_raw: dict[str, Any] | None) -> WizardSession:
    """A fresh wizard: blank for create, filled from ``live_raw`` otherwise."""
    live = Model.from_dict(live_raw) if live_raw is not None else None
    form = model_input(live) if live is not None else ModelInput()
    session = WizardSession(
        namespace=namespace,
        name=name,
        mode=mode,
        step=VERSIONS if mode == ADD_VERSION else BASICS,
        form=replace(form, versions=()),
        card_ids=[],
        live=live,
        live_raw=live_raw,
        yaml_text=editable_spec(live_raw) if live_raw is not None else "",
    )
    for card in form.versions:
        session.add_card(card)
    if mode in (CREATE, ADD_VERSION):
        session.add_card()
    return session


def existing_session(namespace: str, name: str | None, mode: str) -> WizardSession | None:
    """The wizard left earlier for this Model and flow, if any; entering add-version adds a card to it."""
    session = st.session_state.get(_session_key(namespace, name, mode))
    if not isinstance(session, WizardSession):
        return None
    if session.mode != mode:
        if mode == ADD_VERSION:
            session.add_card()
            session.step = VERSIONS
        session.mode = mode
    return session


def keep(session: WizardSession) -> None:
    """Remember the session for the next rerun."""
    st.session_state[_session_key(session.namespace, session.name, session.mode)] = session


def discard(session: WizardSession) -> None:
    """Forget the session, its widgets' values and its draft."""
    st.session_state.pop(_session_key(session.namespace, session.name, session.mode), None)
    keys.drop_within(keys.MODEL_WIZARD, session.namespace, session.name)
    if session.name:
        st.session_state.pop(draft_key(session.namespace, session.name), None)


def remember_draft(session: WizardSession, manifest: dict[str, Any] | None) -> None:
    """Keep the proposed manifest for the detail page while it differs from the live spec."""
    if not session.name or session.live_raw is None or manifest is None:
        return
    if spec_diff(session.live_raw, manifest):
        st.session_state[draft_key(session.namespace, session.name)] = manifest
    else:
        st.session_state.pop(draft_key(session.namespace, session.name), None)
