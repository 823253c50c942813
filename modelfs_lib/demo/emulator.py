"""A Kubernetes API emulator for the demo cluster and the tests, built on kmock.

kmock's ``KubernetesEmulator`` serves HTTP, parses Kubernetes URLs and answers
discovery. This subclass replaces its object tracking with :class:`ObjectStore`
(resourceVersion, generation, selectors, status subresource, server-side apply,
201 on create, 409 on stale writes), and adds what tests need: a log of what was
received, injected faults and an access policy that also answers
SelfSubjectAccessReviews.
"""

from __future__ import annotations

import asyncio
import collections
import copy
import dataclasses
import datetime as dt
import json
import re
import threading
from dataclasses import dataclass, field
from typing import Any

import aiohttp.web
import attrs
import kmock
import yaml

from modelfs_lib.demo import discovery, paging, watch
from modelfs_lib.demo.access import CONSOLE, AccessPolicy, DenyRule, Subject
from modelfs_lib.demo.store import ApiError, ObjectStore, StoreState
from modelfs_lib.demo.timeshift import shift_times, whole_seconds_since

_PATCH_TYPES = {
    "application/json-patch+json": "json",
    "application/merge-patch+json": "merge",
    "application/strategic-merge-patch+json": "merge",
    "application/apply-patch+yaml": "apply",
    "application/apply-patch+json": "apply",
}
_VERBS = {"GET": "get", "POST": "create", "PUT": "update", "PATCH": "patch", "DELETE": "delete"}


@dataclass(frozen=True)
class ReceivedRequest:
    """What reached the emulator: for tests that assert the exact request."""

    method: str
    path: str
    params: dict[str, str]
    content_type: str
    body: Any
    headers: dict[str, str] = field(default_factory=dict)
    subject: Subject = CONSOLE
    """Whom the request was made for: its bearer token's person, or the one it impersonates."""


@dataclass
class Fault:
    """An injected failure for requests whose method and path match.

    ``delay`` holds the answer back; ``status`` 0 then serves the request normally
    (a slow server), any other status answers with that error; ``times`` limits how
    often the fault applies (None: always). ``raw_body`` is sent as is; with ``cut``
    only its first half is, then the connection closes (a truncated answer).
    """

    path: str
    method: str | None = None
    status: int = 500
    reason: str = "InternalError"
    message: str = "an error on the server prevented the request from succeeding"
    details: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    times: int | None = None
    raw_body: str | None = None
    cut: bool = False

    def matches(self, method: str, path: str) -> bool:
        """Whether this fault applies (and is not used up)."""
        return (
            (self.times is None or self.times > 0)
            and (self.method is None or self.method.upper() == method)
            and re.search(self.path, path) is not None
        )


@dataclass(frozen=True)
class EmulatorState:
    """Everything a test can change in an emulator: see :meth:`ClusterEmulator.snapshot`."""

    store: StoreState
    history: tuple[watch.Change, ...]
    floor: int
    access: tuple[tuple[DenyRule, ...], dict[str, Subject]]
    faults: tuple[Fault, ...]
    received: tuple[ReceivedRequest, ...]


_NAMESPACES = kmock.resource("", "v1", "namespaces")
_STAND_IN = "cluster-namespaces"
"""A plural kmock parses, sent to it in place of ``namespaces`` where it cannot parse the path itself."""


def _stand_in_path(path: str) -> str | None:
    """``/api/v1/namespaces[/<name>[/status|/finalize]]`` with :data:`_STAND_IN` for ``namespaces``; else None.

    kmock 0.8 takes ``namespaces`` for the start of a namespaced path, so it fails on the cluster-scoped
    Namespaces collection and reads ``/api/v1/namespaces/<name>`` as the namespace ``<name>``.
    """
    parts = path.strip("/").split("/")
    if parts[:3] != ["api", "v1", "namespaces"]:
        return None
    if len(parts) <= 4 or (len(parts) == 5 and parts[4] in ("status", "finalize")):
        return "/" + "/".join(["api", "v1", _STAND_IN, *parts[3:]])
    return None


def _namespaces_request(request: kmock.Request) -> kmock.Request:
    """A request kmock parsed from a :func:`_stand_in_path`, addressed to the Namespaces again."""
    if request.resource is None or request.resource.plural != _STAND_IN:
        return request
    path = request.url.path.replace(f"/{_STAND_IN}", "/namespaces", 1)
    return attrs.evolve(request, resource=_NAMESPACES, url=request.url.with_path(path).with_query(request.url.query))


def _parse_body(content_type: str, body: bytes) -> Any:
    if not body:
        return None
    try:
        return yaml.safe_load(body) if "yaml" in content_type else json.loads(body)
    except (ValueError, yaml.YAMLError) as e:
        raise ApiError(400, "BadRequest", f"the body of the request was in an unknown format: {e}") from e


@attrs.define(kw_only=True)
class ClusterEmulator(kmock.KubernetesEmulator):
    """kmock's emulator with the API server behaviour modelfs-ui relies on."""

    store: ObjectStore = attrs.field(factory=ObjectStore)
    access: AccessPolicy = attrs.field(factory=AccessPolicy)
    received: collections.deque[ReceivedRequest] = attrs.field(factory=lambda: collections.deque(maxlen=5000))
    _faults: list[Fault] = attrs.field(factory=list)
    _faults_lock: threading.Lock = attrs.field(factory=threading.Lock)
    pages: paging.ListPages = attrs.field(factory=paging.ListPages)
    """The snapshots of lists read page by page (``limit`` and ``continue``); its ``ttl`` is settable."""
    watches: watch.WatchHub = attrs.field(init=False)
    _initial: EmulatorState | None = attrs.field(init=False, default=None)

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        self.fallback[kmock.method.PUT] << self._serve_replace
        self.watches = watch.WatchHub(self.store)
        self._initial = self.snapshot()

    # ---- snapshots ---------------------------------------------------------
    def snapshot(self) -> EmulatorState:
        """The stored objects, resourceVersion counter, watch history, access rules, faults and received
        requests as they are now; :meth:`restore` goes back to them."""
        changes, floor = self.watches.history()
        with self._faults_lock:
            faults = tuple(copy.deepcopy(self._faults))
        return EmulatorState(
            self.store.snapshot(), changes, floor, self.access.snapshot(), faults, tuple(self.received)
        )

    def restore(self, state: EmulatorState, *, keep_ages: bool = True) -> None:
        """Go back to ``state``; open watches end (their clients watch again). With ``keep_ages`` every
        timestamp moves forward by the time since the snapshot: objects are as old as they were then."""
        shift = whole_seconds_since(state.store.taken_at) if keep_ages else dt.timedelta(0)
        history = tuple(
            dataclasses.replace(change, obj=shift_times(copy.deepcopy(change.obj), shift)) if shift else change
            for change in state.history
        )
        self.store.restore(state.store, shift=shift)
        self.pages.clear()
        self.watches.restart(history, state.floor)
        self.access.restore(state.access)
        with self._faults_lock:
            self._faults[:] = copy.deepcopy(list(state.faults))
        self.received.clear()
        self.received.extend(state.received)
        del self._requests[:]

    def reset(self) -> None:
        """Go back to the state the emulator was created in: the CRDs served, nothing stored."""
        assert self._initial is not None
        self.restore(self._initial)

    # ---- discovery ---------------------------------------------------------
    def _get_resources(self) -> list[kmock.resource]:
        """Every type the store serves (and access reviews), so /api, /apis and discovery list them."""
        served = {
            kmock.resource("authorization.k8s.io", "v1", "selfsubjectaccessreviews"): kmock.ResourceInfo(
                kind="SelfSubjectAccessReview", singular="selfsubjectaccessreview", namespaced=False, verbs={"create"}
            )
        }
        for rtype in self.store.types():
            served[kmock.resource(rtype.group, rtype.version, rtype.plural)] = kmock.ResourceInfo(
                kind=rtype.kind,
                singular=rtype.kind.lower(),
                namespaced=rtype.namespaced,
                verbs={"get", "list", "create", "update", "patch", "delete"},
                shortnames=set(rtype.short_names),
                subresources={"status"} if rtype.has_status else set(),
            )
        for key, info in served.items():
            if key not in self.resources:
                self.resources[key] = info
        return super()._get_resources()

    async def _serve_version(self, request: kmock.Request) -> kmock.Payload:
        """The APIResourceList of a group-version (:mod:`modelfs_lib.demo.discovery`)."""
        assert request.resource is not None
        group, version = request.resource.group or "", request.resource.version or ""
        found = discovery.resource_list(self.store.types(), group, version)
        if found is None:
            raise ApiError(404, "NotFound", "the server could not find the requested resource")
        return found

    # ---- test helpers ------------------------------------------------------
    def inject(self, path: str, **kwargs: Any) -> Fault:
        """Answer requests whose path matches the regex ``path`` with a failure (see :class:`Fault`)."""
        fault = Fault(path=path, **kwargs)
        with self._faults_lock:
            self._faults.append(fault)
        return fault

    def faults(self) -> tuple[Fault, ...]:
        """The injected faults (the live ones: a used-up fault shows ``times`` 0)."""
        with self._faults_lock:
            return tuple(self._faults)

    def clear_faults(self) -> None:
        """Remove every injected fault."""
        with self._faults_lock:
            self._faults.clear()

    def received_matching(self, method: str, path_regex: str) -> list[ReceivedRequest]:
        """The received requests with this method whose path matches."""
        return [r for r in list(self.received) if r.method == method.upper() and re.search(path_regex, r.path)]

    # ---- request handling --------------------------------------------------
    async def __call__(self, raw_request: aiohttp.web.BaseRequest) -> aiohttp.web.StreamResponse:
        """kmock's entry point, given a path it can parse where it cannot parse a Namespaces path."""
        stand_in = _stand_in_path(raw_request.path)
        if stand_in is not None:
            raw_request = raw_request.clone(
                rel_url=raw_request.rel_url.with_path(stand_in).with_query(raw_request.query)
            )
        return await super().__call__(raw_request)

    def addressed(self, request: kmock.Request) -> kmock.Request:
        """``request`` as the API server reads it: a Namespaces path kmock was given a stand-in for, restored.

        A subclass that reads the request's path in its own ``_handle`` calls this first.
        """
        fixed = _namespaces_request(request)
        if fixed is not request:  # kmock's reactions see only the requests it recorded, by identity
            self._requests[:] = [fixed if seen is request else seen for seen in self._requests]
        return fixed

    async def _handle(self, request: kmock.Request) -> aiohttp.web.StreamResponse:
        request = self.addressed(request)
        del self._requests[:-500]  # kmock keeps every request; a long-running demo must not
        method = request.method.value.upper() if request.method else "GET"
        content_type = request.headers.get("Content-Type", "").split(";")[0].strip()
        path = request.url.path
        try:
            body = _parse_body(content_type, request.body)
        except ApiError as e:
            return await self._render_error(e)
        try:
            subject = self._subject(request)
        except ApiError as e:
            return await self._render_error(e)
        self.received.append(
            ReceivedRequest(method, path, dict(request.params), content_type, body, dict(request.headers), subject)
        )
        fault = self._take_fault(method, path)
        if fault is not None:
            if fault.delay:
                await asyncio.sleep(fault.delay)
            if fault.cut:
                return await self._cut_response(request, fault)
            if fault.status:
                return self._fault_response(fault)
        try:
            if method == "GET" and path.startswith("/openapi/v3"):
                return aiohttp.web.json_response(self._serve_openapi(path))
            if request.resource is not None and request.resource.plural:
                self._authorize(request, method, subject)
                if request.resource.plural == "selfsubjectaccessreviews":
                    return aiohttp.web.json_response(self._review(body, subject), status=201)
            creates = (method == "POST" and request.name is None) or self._applies_to_a_missing_object(
                request, method, content_type
            )
            response = await kmock.RawHandler._handle(self, request)
            if creates and response.status == 200 and not response.prepared:
                response.set_status(201)  # not via a payload's status: kmock would keep it for later calls
            return response
        except ApiError as e:
            return await self._render_error(e)

    def _applies_to_a_missing_object(self, request: kmock.Request, method: str, content_type: str) -> bool:
        """Whether this is a server-side apply that creates its object (answered 201, like a POST)."""
        if method != "PATCH" or _PATCH_TYPES.get(content_type) != "apply" or request.resource is None:
            return False
        try:
            rtype = self.store.rtype(request.resource.group or "", request.resource.plural or "")
        except ApiError:
            return False
        return self.store.find(rtype, request.namespace or "", request.name or "") is None

    def _take_fault(self, method: str, path: str) -> Fault | None:
        with self._faults_lock:
            for fault in self._faults:
                if fault.matches(method, path):
                    if fault.times is not None:
                        fault.times -= 1
                    return fault
        return None

    @staticmethod
    async def _cut_response(request: kmock.Request, fault: Fault) -> aiohttp.web.StreamResponse:
        """Promise the whole body, send half of it, and close the connection."""
        raw = request._raw_request  # kmock keeps the aiohttp request; the connection is closed through it
        body = (fault.raw_body if fault.raw_body is not None else '{"kind": "List", "items": []}').encode()
        response = aiohttp.web.StreamResponse(status=fault.status or 200, headers=fault.headers)
        response.content_type = "application/json"
        response.content_length = len(body)
        if raw is None or raw.transport is None:
            return response
        await response.prepare(raw)
        await response.write(body[: len(body) // 2])
        raw.transport.close()
        return response

    @staticmethod
    def _fault_response(fault: Fault) -> aiohttp.web.Response:
        if fault.raw_body is not None:
            return aiohttp.web.Response(text=fault.raw_body, status=fault.status, headers=fault.headers)
        error = ApiError(fault.status, fault.reason, fault.message, fault.details)
        return aiohttp.web.json_response(error.to_status(), status=fault.status, headers=fault.headers)

    def _subject(self, request: kmock.Request) -> Subject:
        """Who makes ``request``: its bearer token's person, or whom it impersonates if the caller may."""
        auth = request.headers.get("Authorization", "")
        caller = self.access.subject_for_token(auth[7:]) if auth.startswith("Bearer ") else CONSOLE
        user = request.headers.get("Impersonate-User", "")
        raw = request._raw_request  # kmock keeps one value per header name; a group may repeat
        groups = tuple(raw.headers.getall("Impersonate-Group", ()) if raw is not None else ())
        if not user:
            if groups:
                raise ApiError(500, "InternalError", "requested groups without impersonating a user")
            return caller
        for resource, name in [("users", user), *(("groups", group) for group in groups)]:
            if not self._allows(caller, "impersonate", "", resource, None, name):
                raise ApiError(
                    403,
                    "Forbidden",
                    f'{resource} "{name}" is forbidden: User "{caller.user}" cannot impersonate resource '
                    f'"{resource}" in API group "" at the cluster scope',
                    {"name": name, "kind": resource},
                )
        return Subject(user, (*groups, "system:authenticated"))

    def _allows(
        self, subject: Subject, verb: str, group: str, resource: str, namespace: str | None, name: str = ""
    ) -> bool:
        """The policy's answer; a policy that knows no subjects (a test's) is asked only about the console."""
        if subject == CONSOLE and not name:
            return self.access.allows(verb, group, resource, namespace)
        return self.access.allows(verb, group, resource, namespace, subject, name)

    def _authorize(self, request: kmock.Request, method: str, subject: Subject = CONSOLE) -> None:
        assert request.resource is not None
        verb = _VERBS.get(method, method.lower())
        if verb == "get" and request.name is None:
            verb = "watch" if request.params.get("watch") == "true" else "list"
        group, plural = request.resource.group or "", request.resource.plural or ""
        if not self._allows(subject, verb, group, plural, request.namespace):
            where = f' in the namespace "{request.namespace}"' if request.namespace else " at the cluster scope"
            resource = f'"{plural}"' if not group else f'"{plural}" in API group "{group}"'
            raise ApiError(
                403,
                "Forbidden",
                f"{plural}{'.' + group if group else ''}{' ' + repr(request.name) if request.name else ''}"
                f' is forbidden: User "{subject.user}" cannot {verb} resource {resource}{where}',
                {"name": request.name or "", "group": group, "kind": plural},
            )

    def _review(self, body: Any, subject: Subject = CONSOLE) -> dict[str, Any]:
        """A SelfSubjectAccessReview's answer for ``subject`` (the impersonated person, when there is one)."""
        attrs_ = (body or {}).get("spec", {}).get("resourceAttributes", {})
        verb, group, resource = (attrs_.get(key, "") for key in ("verb", "group", "resource"))
        allowed = self._allows(subject, verb, group, resource, attrs_.get("namespace"))
        status = (
            {"allowed": allowed}
            if allowed
            else {"allowed": False, "reason": "denied by the demo cluster's access policy"}
        )
        return {
            "apiVersion": "authorization.k8s.io/v1",
            "kind": "SelfSubjectAccessReview",
            "metadata": {},
            "spec": (body or {}).get("spec", {}),
            "status": status,
        }

    async def _render_error(self, exc: Exception) -> aiohttp.web.StreamResponse:
        if isinstance(exc, ApiError):
            return aiohttp.web.json_response(exc.to_status(), status=exc.status)
        return await super()._render_error(exc)

    # ---- the verbs ---------------------------------------------------------
    def _target(self, request: kmock.Request) -> Any:
        assert request.resource is not None
        return self.store.rtype(request.resource.group or "", request.resource.plural or "")

    def _body(self, request: kmock.Request) -> Any:
        return _parse_body(request.headers.get("Content-Type", ""), request.body)

    @staticmethod
    def _dry_run(request: kmock.Request) -> bool:
        return request.params.get("dryRun") == "All"

    async def _serve_list(self, request: kmock.Request) -> kmock.Payload:
        """A list, or one page of it with ``limit``; a ``continue`` page is as of the first page."""
        rtype = self._target(request)
        limit = paging.parse_limit(request.params.get("limit"))
        scope = (rtype.group, rtype.plural, request.namespace)
        token = request.params.get("continue")
        if token:
            page = self.pages.next(scope, token, limit)
        else:
            try:
                items, version = self.store.read_list(
                    rtype,
                    request.namespace,
                    label_selector=request.params.get("labelSelector"),
                    field_selector=request.params.get("fieldSelector"),
                )
            except ValueError as e:
                raise ApiError(400, "BadRequest", str(e)) from e
            page = self.pages.first(scope, items, version, limit)
        return {
            "apiVersion": rtype.api_version,
            "kind": f"{rtype.kind}List",
            "metadata": page.metadata(),
            "items": page.items,
        }

    async def _serve_watch(self, request: kmock.Request) -> Any:  # type: ignore[override]  # a stream of events
        return watch.stream(
            self.watches,
            self.store,
            self._target(request),
            namespace=request.namespace,
            name=request.name,
            params=request.params,
        )

    def _serve_openapi(self, path: str) -> Any:
        found = discovery.serve(self.store.types(), path)
        if found is None:
            raise ApiError(404, "NotFound", "the server could not find the requested resource")
        return found

    async def _serve_fetch(self, request: kmock.Request) -> kmock.Payload:
        return self.store.get(self._target(request), request.namespace or "", request.name or "")

    async def _serve_create(self, request: kmock.Request) -> kmock.Payload:
        obj = self.store.create(
            self._target(request),
            self._body(request) or {},
            namespace=request.namespace or "",
            manager=request.params.get("fieldManager", ""),
            dry_run=self._dry_run(request),
        )
        return obj  # answered 201 by _handle

    async def _serve_replace(self, request: kmock.Request) -> kmock.Payload:
        return self.store.replace(
            self._target(request),
            request.namespace or "",
            request.name or "",
            self._body(request) or {},
            manager=request.params.get("fieldManager", ""),
            subresource=request.subresource,
            dry_run=self._dry_run(request),
        )

    async def _serve_update(self, request: kmock.Request) -> kmock.Payload:
        content_type = request.headers.get("Content-Type", "").split(";")[0].strip()
        patch_type = _PATCH_TYPES.get(content_type)
        if patch_type is None:
            raise ApiError(
                415,
                "UnsupportedMediaType",
                f"the body of the request was in an unknown format - accepted "
                f"media types include: {', '.join(_PATCH_TYPES)}",
            )
        return self.store.patch(
            self._target(request),
            request.namespace or "",
            request.name or "",
            self._body(request),
            patch_type=patch_type,
            manager=request.params.get("fieldManager", ""),
            force=request.params.get("force") == "true",
            subresource=request.subresource,
            dry_run=self._dry_run(request),
        )

    async def _serve_delete(self, request: kmock.Request) -> kmock.Payload:
        options = self._body(request) or {}
        preconditions = options.get("preconditions") or {}
        return self.store.delete(
            self._target(request),
            request.namespace or "",
            request.name or "",
            resource_version=preconditions.get("resourceVersion"),
            uid=preconditions.get("uid"),
            dry_run=self._dry_run(request) or options.get("dryRun") == ["All"],
        )
