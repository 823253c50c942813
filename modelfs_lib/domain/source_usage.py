"""Who uses a ModelSource, whether it may be deleted, and how its config reads: pure rules for the
ModelSources list and detail.

The controller records the Models that reference a source in ``status.referencedBy``
(``"<ns>/<model>"``) on each reconcile, so the record can lag behind the Models that exist: a Model
created since is missing from it, a deleted one still in it. :func:`references` sets the record
beside the Models actually listed in the namespace, and says where they differ.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from modelfs_lib.domain.credentials import key_looks_like_credential, value_credential_kind
from modelfs_lib.domain.status import Readiness, credentials_state
from modelfs_lib.resources.model import Model
from modelfs_lib.resources.model_source import ANY_KEY_CONFIG_TYPES, LOADER_CONFIG_KEYS, URI_CONFIG_KEY, ModelSource

READINESS_LABELS: dict[Readiness, str] = {
    Readiness.READY: "ready",
    Readiness.NOT_READY: "not ready",
    Readiness.UNKNOWN: "unknown",
}
"""How a credentials state reads in the list, its filter and the detail."""

HIDDEN_VALUE = "•••••• (hidden: looks like a credential)"
"""What the detail shows instead of a config value that looks like a credential."""


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


@dataclass(frozen=True)
class References:
    """The Models that reference a source: as ``status.referencedBy`` records them and as listed.

    ``recorded`` holds the status entries as written (``"<ns>/<model>"``); ``listed`` the names of the
    Models in the source's namespace whose ``sourceRef`` names it, or None when the Models could not
    be listed.
    """

    namespace: str
    recorded: tuple[str, ...] = ()
    listed: tuple[str, ...] | None = None

    @property
    def recorded_here(self) -> tuple[str, ...]:
        """Model names of the status entries in the source's own namespace."""
        prefix = f"{self.namespace}/"
        return tuple(sorted({r[len(prefix) :] for r in self.recorded if r.startswith(prefix)}))

    @property
    def foreign(self) -> tuple[str, ...]:
        """Status entries from other namespaces (a ``sourceRef`` cannot cross namespaces, so these are wrong)."""
        prefix = f"{self.namespace}/"
        return tuple(sorted(r for r in self.recorded if not r.startswith(prefix)))

    @property
    def models(self) -> tuple[str, ...]:
        """Every Model name known to reference the source: the record and the listing together, sorted."""
        return tuple(sorted({*self.recorded_here, *(self.listed or ())}))

    @property
    def unrecorded(self) -> tuple[str, ...]:
        """Listed Models the status does not record yet."""
        return tuple(name for name in self.listed or () if name not in self.recorded_here)

    @property
    def stale(self) -> tuple[str, ...]:
        """Recorded Models that are not listed (deleted, or pointed elsewhere, since the last reconcile)."""
        if self.listed is None:
            return ()
        return tuple(name for name in self.recorded_here if name not in self.listed)

    @property
    def consistent(self) -> bool:
        """Whether the record and the listing agree (False when the Models could not be listed)."""
        return self.listed is not None and not (self.unrecorded or self.stale or self.foreign)

    def count_text(self) -> str:
        """The list's cell: the recorded count, and the listed count when it differs.

        ``"2"``, ``"2 (3 listed)"``, ``"2 (Models not listed)"``.
        """
        count = str(len(self.recorded))
        if self.listed is None:
            return f"{count} (Models not listed)"
        if not self.consistent:
            return f"{count} ({len(self.listed)} listed)"
        return count

    def mismatch_notes(self) -> list[str]:
        """One sentence per difference between ``status.referencedBy`` and the listed Models."""
        notes = []
        if self.listed is None:
            notes.append("The Models of this namespace could not be listed: only status.referencedBy is shown.")
        if self.unrecorded:
            notes.append(
                f"Not yet in status.referencedBy: {', '.join(self.unrecorded)} (the controller records "
                "them on its next reconcile of the source)."
            )
        if self.stale:
            notes.append(
                f"In status.referencedBy but no such Model uses this source now: {', '.join(self.stale)} "
                "(deleted or pointed at another source since the last reconcile)."
            )
        if self.foreign:
            notes.append(
                f"status.referencedBy names Models in other namespaces: {', '.join(self.foreign)}; "
                "a sourceRef only names a source in its own namespace."
            )
        return notes


def references(source: ModelSource, models: Iterable[Model] | None) -> References:
    """The :class:`References` of ``source``; ``models`` are the Models listed in its namespace (None: unknown)."""
    listed = None
    if models is not None:
        listed = tuple(
            sorted(m.name for m in models if m.source_ref == source.name and m.namespace in ("", source.namespace))
        )
    return References(namespace=source.namespace, recorded=source.referenced_by, listed=listed)


def is_deleting(source: ModelSource) -> bool:
    """Whether deletion was requested (``deletionTimestamp`` set); the finalizer keeps it while referenced."""
    return source.meta.deletion_timestamp is not None


def usage_text(source: ModelSource, refs: References) -> str:
    """The list's State cell: ``"in use"``, ``"unused"``, ``"deleting, held by 2 models"``, or ``"deleting"``
    (no Model holds it: the controller removes its finalizer on its next pass).
    """
    held = len(refs.models)
    if is_deleting(source):
        return f"deleting, held by {_plural(held, 'model')}" if held else "deleting"
    return "in use" if held else "unused"


def delete_blocker(source: ModelSource, refs: References) -> str | None:
    """Why the console refuses to delete ``source`` now; None when it may be deleted.

    Refused while any Model references it (listed or recorded): the controller's finalizer would
    hold the deletion anyway, and the Models would fail with ModelSourceNotReady. Refused when
    deletion was already requested.
    """
    if is_deleting(source):
        held = len(refs.models)
        why = f"held by {_plural(held, 'model')}" if held else "waiting for the controller to remove its finalizer"
        return f"ModelSource {source.name} is already being deleted ({why})."
    if refs.models:
        return (
            f"{_plural(len(refs.models), 'Model')} reference{'s' if len(refs.models) == 1 else ''} "
            f"{source.name}: delete them or point them at another source first."
        )
    return None


def matches_filters(source: ModelSource, *, types: Collection[str], states: Collection[Readiness]) -> bool:
    """Whether ``source`` passes the list's filters; an empty filter passes everything."""
    if types and source.source_type not in types:
        return False
    return not states or credentials_state(source).state in states


@dataclass(frozen=True)
class ConfigEntry:
    """One config row as the detail shows it: key, the value (or :data:`HIDDEN_VALUE`), what the loader does."""

    key: str
    value: str
    note: str
    hidden: bool = False


def loader_note(source_type: str, key: str) -> str:
    """What the Dataset loader of ``source_type`` does with config ``key``."""
    if key == URI_CONFIG_KEY:
        return "overrides the URI the controller builds"
    if source_type in ANY_KEY_CONFIG_TYPES:
        return "sent as an HTTP request header"
    if key in LOADER_CONFIG_KEYS.get(source_type, ()):
        return f"read by the {source_type} loader"
    return f"not read by the {source_type} loader"


def config_entries(source_type: str, config: Mapping[str, str]) -> list[ConfigEntry]:
    """The config rows sorted by key; a value whose key or text looks like a credential is hidden."""
    entries = []
    for key in sorted(config):
        value = config[key]
        hidden = key_looks_like_credential(key) or value_credential_kind(value) is not None
        entries.append(ConfigEntry(key, HIDDEN_VALUE if hidden else value, loader_note(source_type, key), hidden))
    return entries
