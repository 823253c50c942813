"""ClusterClient: typed reads, server-side apply, patches, deletes and access checks.

Every kind goes through one code path; URLs come from the kind's constants.
Arguments after the kind are keyword-only. Failures raise ClusterError subclasses.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Iterator, Mapping
from types import TracebackType
from typing import Any, TypeVar

from modelfs_lib.client.access import AccessDecision, access_decision, access_review
from modelfs_lib.client.bodies import delete_options, prepare_apply
from modelfs_lib.client.config import ClusterConfig
from modelfs_lib.client.identity import ActingAs
from modelfs_lib.client.informer import ListPage, WatchEvent
from modelfs_lib.client.paths import collection_path, object_path
from modelfs_lib.client.transport import Transport, build_api_client
from modelfs_lib.errors import Gone
from modelfs_lib.resources import Event, Kind, Pod, Resource
from modelfs_lib.resources.naming import FIELD_MANAGER
from modelfs_lib.resources.registry import SELF_SUBJECT_ACCESS_REVIEW, by_api_version

R = TypeVar("R", bound=Resource)
KindLike = Kind | type[Resource]
PAGE_SIZE = 500


class ClusterClient:
    """A connection to one cluster context."""

    def __init__(
        self,
        transport: Transport,
        *,
        config: ClusterConfig,
        kinds: Iterable[Kind] | None = None,
        acting_as: ActingAs | None = None,
    ) -> None:
        self._transport = transport
        self._config = config
        self._kinds = by_api_version(kinds) if kinds is not None else None
        self._acting_as = acting_as

    @classmethod
    def connect(
        cls, config: ClusterConfig, *, timeout_seconds: float = 10, kinds: Iterable[Kind] | None = None
    ) -> ClusterClient:
        """A client for ``config`` (no request is sent yet); ConfigError when unusable.

        ``kinds`` limits what :meth:`apply` accepts (default: every typed resource).
        """
        transport = Transport(build_api_client(config), server=config.server, timeout_seconds=timeout_seconds)
        return cls(transport, config=config, kinds=kinds)

    def acting_as(self, who: ActingAs | None) -> ClusterClient:
        """A client on the same connections whose every request is made for ``who`` (None: the console itself).

        Closing it leaves the shared connections open; close the client it came from.
        """
        client = ClusterClient(self._transport.acting_as(who), config=self._config, acting_as=who)
        client._kinds = self._kinds
        return client

    @property
    def identity(self) -> ActingAs | None:
        """Whom this client's requests are made for (None: the console's own credentials)."""
        return self._acting_as

    @property
    def config(self) -> ClusterConfig:
        """The configuration this client was built from."""
        return self._config

    @property
    def server(self) -> str:
        """The API server URL."""
        return self._config.server

    def close(self) -> None:
        """Release the connections."""
        self._transport.close()

    def __enter__(self) -> ClusterClient:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def server_version(self) -> str:
        """The API server's ``gitVersion`` (a cheap connectivity check)."""
        answer = self._transport.request("GET", "/version", verb="get")
        version = answer.get("gitVersion") if isinstance(answer, dict) else None
        return version if isinstance(version, str) else ""

    def list(
        self,
        cls: type[R],
        *,
        namespace: str | None,
        label_selector: str | None = None,
        field_selector: str | None = None,
    ) -> builtins.list[R]:
        """Every object of ``cls`` (all namespaces when ``namespace`` is None), parsed tolerantly."""
        items = self.list_raw(cls, namespace=namespace, label_selector=label_selector, field_selector=field_selector)
        return [cls.from_dict(item) for item in items]

    def list_raw(
        self,
        kind: KindLike,
        *,
        namespace: str | None,
        label_selector: str | None = None,
        field_selector: str | None = None,
    ) -> builtins.list[dict[str, Any]]:
        """The list's items as dicts, each with ``apiVersion`` and ``kind`` filled in; follows ``continue``."""
        return self.list_versioned(
            kind, namespace=namespace, label_selector=label_selector, field_selector=field_selector
        )[0]

    def list_versioned(
        self,
        kind: KindLike,
        *,
        namespace: str | None,
        label_selector: str | None = None,
        field_selector: str | None = None,
    ) -> tuple[builtins.list[dict[str, Any]], str]:
        """:meth:`list_raw` and the list's resourceVersion (where a watch resumes).

        When a ``continue`` token expires (410 Gone) the list is read once more from the start. Secrets
        are refused before anything is sent: a list would carry every Secret's values, and the console
        reads a Secret only by name (:meth:`get`), for its key names.
        """
        try:
            return self._list_pages(kind, namespace, label_selector, field_selector)
        except _ExpiredToken:
            pass
        try:
            return self._list_pages(kind, namespace, label_selector, field_selector)
        except _ExpiredToken as e:
            raise e.gone from e.gone

    def list_pages(
        self,
        kind: KindLike,
        *,
        namespace: str | None,
        label_selector: str | None = None,
        field_selector: str | None = None,
    ) -> Iterator[ListPage]:
        """The list one page (at most :data:`PAGE_SIZE` objects) at a time, as the API server answers each.

        Every page carries the first page's resourceVersion (the pages are one consistent list) and
        how many objects the server said remain. A ``continue`` token that expired between two pages
        raises Gone (the caller starts the list again); Secrets are refused as for :meth:`list_versioned`.
        """
        try:
            yield from self._pages(kind, namespace, label_selector, field_selector)
        except _ExpiredToken as e:
            raise e.gone from e.gone

    def _list_pages(
        self, kind: KindLike, namespace: str | None, label_selector: str | None, field_selector: str | None
    ) -> tuple[builtins.list[dict[str, Any]], str]:
        items: builtins.list[dict[str, Any]] = []
        version = ""
        for page in self._pages(kind, namespace, label_selector, field_selector):
            items.extend(page.items)
            version = page.resource_version
        return items, version

    def _pages(
        self, kind: KindLike, namespace: str | None, label_selector: str | None, field_selector: str | None
    ) -> Iterator[ListPage]:
        k = _kind(kind)
        if (k.group, k.plural) == ("", "secrets"):
            raise ValueError("Secrets are read one by one by name, never listed")
        path = collection_path(k, namespace=namespace)
        query: builtins.list[tuple[str, str]] = [("limit", str(PAGE_SIZE))]
        query += [("labelSelector", label_selector)] if label_selector else []
        query += [("fieldSelector", field_selector)] if field_selector else []
        token: object = ""
        version = ""
        while True:
            paging = isinstance(token, str) and bool(token)
            page_query = [*query, ("continue", str(token))] if paging else query
            try:
                answer = self._transport.request(
                    "GET", path, verb="list", kind=k, namespace=namespace, query=page_query
                )
            except Gone as e:
                if paging:
                    raise _ExpiredToken(e) from e
                raise
            answer = answer if isinstance(answer, dict) else {}
            raw = answer.get("items")
            items: builtins.list[dict[str, Any]] = []
            for item in raw if isinstance(raw, builtins.list) else []:
                if isinstance(item, dict):
                    item.setdefault("apiVersion", k.api_version)
                    item.setdefault("kind", k.kind)
                    items.append(item)
            meta = answer.get("metadata")
            meta = meta if isinstance(meta, dict) else {}
            version = version or str(meta.get("resourceVersion") or "")
            token = meta.get("continue")
            remaining = meta.get("remainingItemCount")
            more = isinstance(token, str) and bool(token)
            yield ListPage(items, version, remaining if isinstance(remaining, int) and more else None, last=not more)
            if not more:
                return

    def watch(
        self, kind: KindLike, *, namespace: str | None, resource_version: str, timeout_seconds: int
    ) -> Iterator[WatchEvent]:
        """The events of a watch from ``resource_version`` (objects with ``apiVersion`` and ``kind`` filled in).

        Secrets are refused, as for :meth:`list_versioned`.
        """
        k = _kind(kind)
        if (k.group, k.plural) == ("", "secrets"):
            raise ValueError("Secrets are read one by one by name, never watched")
        query = [
            ("watch", "true"),
            ("resourceVersion", resource_version),
            ("allowWatchBookmarks", "true"),
            ("timeoutSeconds", str(timeout_seconds)),
        ]
        lines = self._transport.stream(
            collection_path(k, namespace=namespace),
            verb="watch",
            kind=k,
            namespace=namespace,
            query=query,
            timeout=timeout_seconds + 5,
        )
        for line in lines:
            obj = line.get("object")
            if not isinstance(obj, dict):
                continue
            if line.get("type") != "ERROR":
                obj.setdefault("apiVersion", k.api_version)
                obj.setdefault("kind", k.kind)
            yield WatchEvent(str(line.get("type", "")), obj)

    def get(self, cls: type[R], *, namespace: str | None, name: str) -> R:
        """One object, parsed tolerantly; NotFound when it does not exist."""
        return cls.from_dict(self.get_raw(cls, namespace=namespace, name=name))

    def get_raw(self, kind: KindLike, *, namespace: str | None, name: str) -> dict[str, Any]:
        """One object as the API server sent it."""
        k = _kind(kind)
        path = object_path(k, namespace=namespace, name=name)
        answer = self._transport.request("GET", path, verb="get", kind=k, namespace=namespace, name=name)
        return _object(answer, k)

    def apply(self, manifest: Mapping[str, Any], *, dry_run: bool = False, force: bool = False) -> dict[str, Any]:
        """Server-side apply ``manifest`` as field manager ``modelfs-ui``; the object as stored.

        ``status`` and ``metadata.managedFields`` are never sent. ``force`` takes over
        fields other managers own (otherwise ApplyConflict). ValueError for an unknown
        kind or a manifest without a name (or namespace, for a namespaced kind).
        """
        target = prepare_apply(manifest, kinds=self._kinds)
        answer = self._transport.request(
            "PATCH",
            object_path(target.kind, namespace=target.namespace, name=target.name),
            verb="patch",
            kind=target.kind,
            namespace=target.namespace,
            name=target.name,
            query=_write_query(dry_run) + ([("force", "true")] if force else []),
            body=target.body,
            content_type="application/apply-patch+yaml",
        )
        return _object(answer, target.kind)

    def merge_patch(
        self, kind: KindLike, *, namespace: str | None, name: str, patch: Mapping[str, Any], dry_run: bool = False
    ) -> dict[str, Any]:
        """A JSON merge patch (``application/merge-patch+json``); the object as stored."""
        k = _kind(kind)
        answer = self._transport.request(
            "PATCH",
            object_path(k, namespace=namespace, name=name),
            verb="patch",
            kind=k,
            namespace=namespace,
            name=name,
            query=_write_query(dry_run),
            body=dict(patch),
            content_type="application/merge-patch+json",
        )
        return _object(answer, k)

    def delete(
        self,
        kind: KindLike,
        *,
        namespace: str | None,
        name: str,
        resource_version: str | None = None,
        uid: str | None = None,
        dry_run: bool = False,
        propagation_policy: str | None = None,
    ) -> dict[str, Any] | None:
        """Delete one object; with ``resource_version``/``uid`` only if it is still that object (else Conflict).

        ``propagation_policy``: ``Background``, ``Foreground`` or ``Orphan`` for the object's dependents.
        Returns the object when a finalizer keeps it (now with ``deletionTimestamp``), None once it is gone.
        """
        k = _kind(kind)
        body = delete_options(
            resource_version=resource_version, uid=uid, dry_run=dry_run, propagation_policy=propagation_policy
        )
        answer = self._transport.request(
            "DELETE",
            object_path(k, namespace=namespace, name=name),
            verb="delete",
            kind=k,
            namespace=namespace,
            name=name,
            query=[("dryRun", "All")] if dry_run else [],
            body=body,
        )
        kept = (
            isinstance(answer, dict)
            and answer.get("kind") != "Status"
            and answer.get("metadata", {}).get("deletionTimestamp")
        )
        return _object(answer, k) if kept else None

    def can_i(
        self, *, verb: str, kind: Kind, namespace: str | None, name: str | None = None, subresource: str | None = None
    ) -> AccessDecision:
        """Whether the current user may ``verb`` the kind (SelfSubjectAccessReview)."""
        body = access_review(verb=verb, kind=kind, namespace=namespace, name=name, subresource=subresource)
        review = SELF_SUBJECT_ACCESS_REVIEW
        path = collection_path(review, namespace=None)
        answer = self._transport.request("POST", path, verb="create", kind=review, body=body)
        return access_decision(answer)

    def create_event(self, event: Mapping[str, Any]) -> dict[str, Any]:
        """Create a core/v1 Event in its ``metadata.namespace`` (a POST, checked as ``create`` on events)."""
        namespace = str(event.get("metadata", {}).get("namespace", ""))
        answer = self._transport.request(
            "POST",
            collection_path(Event.KIND, namespace=namespace),
            verb="create",
            kind=Event.KIND,
            namespace=namespace,
            name=str(event.get("metadata", {}).get("name", "")),
            body=dict(event),
        )
        return _object(answer, Event.KIND)

    def events_for(self, *, namespace: str, kind: str, name: str) -> builtins.list[Event]:
        """The events whose involvedObject is the ``kind`` named ``name`` in ``namespace``."""
        selector = f"involvedObject.kind={kind},involvedObject.name={name}"
        return self.list(Event, namespace=namespace, field_selector=selector)

    def list_pods(self, *, namespace: str) -> builtins.list[Pod]:
        """The Pods of ``namespace``: name, phase, node and the PVCs they mount, never containers, args or env."""
        return self.list(Pod, namespace=namespace)


class _ExpiredToken(Exception):
    """A list's ``continue`` token expired (410 Gone) between two pages."""

    def __init__(self, gone: Gone) -> None:
        super().__init__(str(gone))
        self.gone = gone


def _kind(kind: KindLike) -> Kind:
    return kind if isinstance(kind, Kind) else kind.KIND


def _write_query(dry_run: bool) -> builtins.list[tuple[str, str]]:
    return [("fieldManager", FIELD_MANAGER)] + ([("dryRun", "All")] if dry_run else [])


def _object(answer: Any, kind: Kind) -> dict[str, Any]:
    obj = answer if isinstance(answer, dict) else {}
    obj.setdefault("apiVersion", kind.api_version)
    obj.setdefault("kind", kind.kind)
    return obj
