"""The one error hierarchy of modelfs-ui.

Every failure talking to the API server becomes a :class:`ClusterError` subclass
carrying the HTTP status, the Kubernetes reason and a sentence a person reads.
The client library's own exception types never leave :mod:`modelfs_lib.client`.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FieldCause:
    """One field-level cause from a 422 or a server-side-apply conflict."""

    field: str
    message: str
    reason: str = ""


class ModelfsError(Exception):
    """Base class of every error modelfs-ui raises on purpose."""


@dataclass(eq=False)
class ClusterError(ModelfsError):
    """A request to the API server failed.

    ``summary`` is the sentence shown to the user; ``hint`` says what to do.
    """

    summary: str
    status: int | None = None
    reason: str = ""
    hint: str = ""
    causes: tuple[FieldCause, ...] = field(default_factory=tuple)
    verb: str = ""
    resource: str = ""
    namespace: str = ""
    name: str = ""

    def __post_init__(self) -> None:
        super().__init__(self.summary)

    def __str__(self) -> str:
        return self.summary


class Unauthorized(ClusterError):
    """401: the credentials were rejected."""


class Forbidden(ClusterError):
    """403: RBAC does not allow this verb on this resource in this namespace."""


class NotFound(ClusterError):
    """404: the object (or the resource type) does not exist."""


class Conflict(ClusterError):
    """409: a stale resourceVersion, an existing object, or an apply conflict."""


@dataclass(frozen=True)
class OwnedField:
    """A field a server-side apply would set that another field manager owns."""

    field: str
    manager: str


@dataclass(eq=False)
class ApplyConflict(Conflict):
    """409 on server-side apply: other field managers own fields we set (``owned``, from the 409's causes)."""

    owned: tuple[OwnedField, ...] = ()


class Gone(ClusterError):
    """410: what was asked for expired on the API server (a list's continue token, an old resourceVersion)."""


class Invalid(ClusterError):
    """422: the API server rejected the object's content."""


class TooManyRequests(ClusterError):
    """429: the API server throttled us."""


class ServerError(ClusterError):
    """5xx: the API server (or a webhook) failed."""


class Timeout(ClusterError):
    """The API server did not answer in time."""


class Skipped(Timeout):
    """Not sent: the API server did not answer an earlier request of this page run in time."""


class BadAnswer(ServerError):
    """The API server's answer could not be read: not JSON, or cut off before its end."""


class Unreachable(ClusterError):
    """The API server could not be reached (refused, DNS, network)."""


class TLSError(ClusterError):
    """The TLS handshake with the API server failed."""


class ConfigError(ModelfsError):
    """No usable cluster configuration was found or it is malformed."""
