"""What a request was attempting, so an error sentence can name it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from modelfs_lib.resources import Kind

WRITE_VERBS = frozenset({"create", "update", "patch", "delete", "deletecollection"})


@dataclass(frozen=True)
class RequestInfo:
    """The verb, kind, namespace, name and server of one request."""

    verb: str = ""
    kind: Kind | None = None
    namespace: str = ""
    name: str = ""
    server: str = ""

    @property
    def where(self) -> str:
        """`` in namespace "ns"``, `` across all namespaces`` or nothing (cluster scope)."""
        if self.kind is not None and not self.kind.namespaced:
            return ""
        if self.namespace:
            return f' in namespace "{self.namespace}"'
        return " across all namespaces" if self.kind is not None and not self.name else ""

    @property
    def target(self) -> str:
        """``Model "x" in namespace "ns"``, ``models.model.samzong.dev across all namespaces``, ..."""
        if self.kind is None:
            return f'"{self.name}"' if self.name else "the requested resource"
        what = f'{self.kind.kind} "{self.name}"' if self.name else self.kind.resource
        return what + self.where

    @property
    def cluster(self) -> str:
        """``the cluster at https://...`` (or ``the cluster`` when the server is unknown)."""
        return f"the cluster at {self.server}" if self.server else "the cluster"

    @property
    def is_write(self) -> bool:
        """Whether the request may have changed something."""
        return self.verb in WRITE_VERBS

    def fields(self, status: int | None, reason: str) -> dict[str, Any]:
        """Keyword arguments every ClusterError of this request shares."""
        return {
            "status": status,
            "reason": reason,
            "verb": self.verb,
            "resource": self.kind.resource if self.kind else "",
            "namespace": self.namespace,
            "name": self.name,
        }


def sentence(text: str) -> str:
    """``text`` with its first letter in upper case (the rest untouched)."""
    return text[:1].upper() + text[1:]
