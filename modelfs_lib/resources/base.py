"""What every typed resource shares: its kind constants, metadata and tolerant parsing.

A kind is a handful of class constants (:class:`Kind`); the client builds every URL
from them. Parsing never raises: an object that does not match the schema becomes
an item whose ``invalid`` field says why, so a page can show it instead of failing.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar, Self

LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration"
"""Holds the whole object as last applied by kubectl, values of Secrets included."""


@dataclass(frozen=True, slots=True)
class Kind:
    """Where a kind lives in the API: group, version, plural and its Kind name."""

    group: str
    version: str
    plural: str
    kind: str
    namespaced: bool = True

    @property
    def api_version(self) -> str:
        """``group/version``, or just ``version`` for the core group."""
        return f"{self.group}/{self.version}" if self.group else self.version

    @property
    def resource(self) -> str:
        """``plural.group`` as kubectl and RBAC name it (``plural`` for the core group)."""
        return f"{self.plural}.{self.group}" if self.group else self.plural


class ParseError(ValueError):
    """Raised inside a strict parser; :meth:`Resource.from_dict` turns it into ``invalid``."""


def parse_time(value: Any, what: str = "") -> dt.datetime | None:
    """An RFC 3339 timestamp as an aware datetime; None when absent; a ParseError naming ``what`` when not one."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if not isinstance(value, str):
        raise ParseError(f"{what or 'a timestamp'} should be a timestamp, got {type(value).__name__}")
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as e:
        raise ParseError(f"{what or 'a timestamp'} is not a timestamp: {value[:80]!r}") from e
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def format_time(value: dt.datetime | None) -> str | None:
    """An aware datetime as the API server writes it (``2026-01-02T03:04:05Z``)."""
    if value is None:
        return None
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def as_mapping(value: Any, what: str) -> Mapping[str, Any]:
    """``value`` when it is a mapping (None counts as empty), else a ParseError."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ParseError(f"{what} should be an object, got {type(value).__name__}")
    return value


def as_list(value: Any, what: str) -> list[Any]:
    """``value`` when it is a list (None counts as empty), else a ParseError."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ParseError(f"{what} should be a list, got {type(value).__name__}")
    return value


SHARED_LENGTH = 32
"""Strings up to this long are kept once (:func:`shared`): phases, states, types, reasons, namespaces, names."""


def shared(text: str) -> str:
    """One object for every equal short string the parsers read (``sys.intern``: freed with its last user).

    Thousands of objects repeat the same few values ("PRESENT", "READY", "True", a namespace); each
    decoded list makes a new string for each of them. Never used for Secret data or annotations.
    """
    return sys.intern(text) if len(text) <= SHARED_LENGTH else text


def as_str(value: Any, what: str, default: str = "") -> str:
    """``value`` when it is a string (None gives ``default``), else a ParseError. Short strings are :func:`shared`."""
    if value is None:
        return default
    if not isinstance(value, str):
        raise ParseError(f"{what} should be a string, got {type(value).__name__}")
    return shared(value)


def as_str_map(value: Any, what: str) -> dict[str, str]:
    """A string-to-string map; non-string values are a ParseError."""
    result: dict[str, str] = {}
    for key, item in as_mapping(value, what).items():
        if not isinstance(item, str):
            raise ParseError(f"{what}.{key} should be a string, got {type(item).__name__}")
        result[str(key)] = item
    return result


def as_required_str(value: Any, what: str) -> str:
    """A non-empty string; absent, empty or non-string values are a ParseError."""
    text = as_str(value, what)
    if not text:
        raise ParseError(f"{what} is missing")
    return text


def as_str_tuple(value: Any, what: str) -> tuple[str, ...]:
    """A list of strings as a tuple (None counts as empty)."""
    return tuple(as_str(item, f"{what}[]") for item in as_list(value, what))


def as_quantity(value: Any, what: str) -> str:
    """A Kubernetes quantity (int-or-string) as its string form; None gives ``""``.

    Only the type is checked; whether the text is a valid quantity is the schema's job.
    """
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ParseError(f"{what} should be a quantity, got {type(value).__name__}")
    return shared(value if isinstance(value, str) else str(value))


def as_quantity_map(value: Any, what: str) -> dict[str, str]:
    """A resource list (``requests``, ``limits``, ``capacity``) with quantities as strings."""
    return {str(key): as_quantity(item, f"{what}.{key}") for key, item in as_mapping(value, what).items()}


def as_int(value: Any, what: str) -> int | None:
    """An integer or None; booleans and other types are a ParseError."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ParseError(f"{what} should be an integer, got {type(value).__name__}")
    return value


def as_bool(value: Any, what: str, default: bool = False) -> bool:
    """A boolean (None gives ``default``)."""
    if value is None:
        return default
    if not isinstance(value, bool):
        raise ParseError(f"{what} should be true or false, got {type(value).__name__}")
    return value


@dataclass(frozen=True, slots=True)
class OwnerReference:
    """Who owns an object (``metadata.ownerReferences[]``)."""

    api_version: str
    kind: str
    name: str
    uid: str = ""
    controller: bool = False

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> OwnerReference:
        """Parse one owner reference strictly."""
        return cls(
            api_version=as_str(data.get("apiVersion"), "apiVersion"),
            kind=as_str(data.get("kind"), "kind"),
            name=as_str(data.get("name"), "name"),
            uid=as_str(data.get("uid"), "uid"),
            controller=as_bool(data.get("controller"), "controller"),
        )


@dataclass(frozen=True, slots=True)
class ObjectMeta:
    """The parts of ``metadata`` the console reads."""

    name: str
    namespace: str = ""
    uid: str = ""
    resource_version: str = ""
    generation: int | None = None
    creation_timestamp: dt.datetime | None = None
    deletion_timestamp: dt.datetime | None = None
    labels: Mapping[str, str] = field(default_factory=dict)
    annotations: Mapping[str, str] = field(default_factory=dict)
    finalizers: tuple[str, ...] = ()
    owner_references: tuple[OwnerReference, ...] = ()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ObjectMeta:
        """Parse ``metadata`` strictly (raises ParseError)."""
        return cls(
            name=as_str(data.get("name"), "metadata.name"),
            namespace=as_str(data.get("namespace"), "metadata.namespace"),
            uid=as_str(data.get("uid"), "metadata.uid"),
            resource_version=as_str(data.get("resourceVersion"), "metadata.resourceVersion"),
            generation=as_int(data.get("generation"), "metadata.generation"),
            creation_timestamp=parse_time(data.get("creationTimestamp"), "metadata.creationTimestamp"),
            deletion_timestamp=parse_time(data.get("deletionTimestamp"), "metadata.deletionTimestamp"),
            labels={shared(k): shared(v) for k, v in as_str_map(data.get("labels"), "metadata.labels").items()},
            annotations=as_str_map(data.get("annotations"), "metadata.annotations"),
            finalizers=as_str_tuple(data.get("finalizers"), "metadata.finalizers"),
            owner_references=tuple(
                OwnerReference.from_dict(as_mapping(o, "metadata.ownerReferences[]"))
                for o in as_list(data.get("ownerReferences"), "metadata.ownerReferences")
            ),
        )

    def to_dict(self) -> dict[str, Any]:
        """``metadata`` for a manifest: name, namespace, and labels/annotations when set."""
        result: dict[str, Any] = {"name": self.name}
        if self.namespace:
            result["namespace"] = self.namespace
        if self.labels:
            result["labels"] = dict(self.labels)
        if self.annotations:
            result["annotations"] = dict(self.annotations)
        return result

    def without_annotations(self, *keys: str) -> ObjectMeta:
        """A copy without the given annotations (e.g. one that repeats a Secret's data)."""
        kept = {key: value for key, value in self.annotations.items() if key not in keys}
        return replace(self, annotations=kept)

    @classmethod
    def salvage(cls, data: Any) -> ObjectMeta:
        """Whatever name and namespace can be read from a malformed object."""
        meta = data.get("metadata") if isinstance(data, Mapping) else None
        meta = meta if isinstance(meta, Mapping) else {}
        name = meta.get("name")
        namespace = meta.get("namespace")
        return cls(
            name=name if isinstance(name, str) else "",
            namespace=namespace if isinstance(namespace, str) else "",
        )


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Resource:
    """Base of every typed resource.

    Subclasses set ``KIND`` and implement ``_parse`` (strict, raising ParseError or
    any TypeError/ValueError on a malformed object).
    """

    KIND: ClassVar[Kind]

    meta: ObjectMeta
    invalid: str | None = field(default=None, kw_only=True)

    @property
    def name(self) -> str:
        """``metadata.name``."""
        return self.meta.name

    @property
    def namespace(self) -> str:
        """``metadata.namespace``."""
        return self.meta.namespace

    @classmethod
    def from_dict(cls, data: Any) -> Self:
        """Parse an object from the API server; never raises.

        An object that does not match the schema becomes an item with ``invalid``
        set to the reason, and every other field at its default.
        """
        try:
            if not isinstance(data, Mapping):
                raise ParseError(f"expected an object, got {type(data).__name__}")
            meta = ObjectMeta.from_dict(as_mapping(data.get("metadata"), "metadata"))
            if not meta.name:
                raise ParseError("metadata.name is missing")
            return cls._parse(data, meta)
        except (ParseError, TypeError, ValueError, KeyError, AttributeError) as e:
            return cls._invalid(ObjectMeta.salvage(data), str(e) or type(e).__name__)

    @classmethod
    def _parse(cls, data: Mapping[str, Any], meta: ObjectMeta) -> Self:
        raise NotImplementedError

    def _manifest(self, spec: dict[str, Any]) -> dict[str, Any]:
        """A manifest of this kind with the given spec: what a subclass's ``to_dict`` returns."""
        kind = self.KIND
        return {"apiVersion": kind.api_version, "kind": kind.kind, "metadata": self.meta.to_dict(), "spec": spec}

    @classmethod
    def _invalid(cls, meta: ObjectMeta, reason: str) -> Self:
        """An item that only knows its name and why it could not be read."""
        return cls(meta=meta, invalid=reason)
