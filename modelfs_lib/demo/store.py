"""An in-memory object store with the API server semantics the console relies on.

uid, resourceVersion, generation and creationTimestamp; 409 on a stale
resourceVersion or an existing name; status-subresource isolation; finalizers and
owner-reference garbage collection; CRD defaults, validation and transition rules;
server-side apply with field ownership and conflicts. Thread-safe: the HTTP
handler and the simulated controllers share one store.
"""

from __future__ import annotations

import base64
import builtins
import copy
import datetime as dt
import itertools
import re
import threading
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import jsonpatch

from modelfs_lib.demo import managed_fields as mf
from modelfs_lib.demo.object_table import Key, ObjectTable
from modelfs_lib.demo.resource_types import BUILTIN_TYPES, ResourceType, load_crds, types_from_crd
from modelfs_lib.demo.schemas import FieldProblem, apply_defaults, transition_rules, validate
from modelfs_lib.demo.selectors import SelectorError, field_matcher, label_matcher
from modelfs_lib.demo.timeshift import shift_times
from modelfs_lib.resources.naming import NAME_LIMIT

Listener = Callable[[str, dict[str, Any]], None]
DNS1123_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")


@dataclass
class ApiError(Exception):
    """A failure the API server reports as a ``Status`` object."""

    status: int
    reason: str
    message: str
    details: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def to_status(self) -> dict[str, Any]:
        """The ``Status`` body the API server sends."""
        body: dict[str, Any] = {
            "kind": "Status",
            "apiVersion": "v1",
            "metadata": {},
            "status": "Failure",
            "message": self.message,
            "reason": self.reason,
            "code": self.status,
        }
        if self.details:
            body["details"] = self.details
        return body


@dataclass(frozen=True)
class StoreState:
    """What :meth:`ObjectStore.snapshot` keeps; :meth:`ObjectStore.restore` goes back to it."""

    objects: dict[Key, dict[str, Any]]
    owners: dict[Key, dict[str, tuple[str, set[mf.Path]]]]
    next_version: int
    types: dict[tuple[str, str], ResourceType]
    listeners: tuple[Listener, ...]
    taken_at: dt.datetime


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


_PUT_REPLACED = ("labels", "annotations", "finalizers", "ownerReferences")


def _spec_part(obj: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if k not in ("metadata", "status", "apiVersion", "kind")}


class ObjectStore:
    """Objects by (group, plural, namespace, name), with the API server's write rules."""

    def __init__(self, crds: Iterable[Mapping[str, Any]] | None = None) -> None:
        self._lock = threading.RLock()
        self._objects = ObjectTable()
        """Stored objects are never changed in place: a write stores a new dict (lists share them)."""
        self._owners: dict[Key, dict[str, tuple[str, set[mf.Path]]]] = {}
        self._counter = itertools.count(1000)
        self._types: dict[tuple[str, str], ResourceType] = {}
        self._listeners: list[Listener] = []
        for rtype in BUILTIN_TYPES:
            self.register(rtype)
        for crd in load_crds() if crds is None else crds:
            for rtype in types_from_crd(crd):
                self.register(rtype)

    # ---- types -------------------------------------------------------------
    def register(self, rtype: ResourceType) -> None:
        """Serve ``rtype``."""
        self._types[(rtype.group, rtype.plural)] = rtype

    def types(self) -> list[ResourceType]:
        """Every served resource type."""
        return list(self._types.values())

    def rtype(self, group: str, plural: str) -> ResourceType:
        """The served type, or 404 like an API server without that CRD."""
        try:
            return self._types[(group, plural)]
        except KeyError:
            raise ApiError(404, "NotFound", "the server could not find the requested resource") from None

    def rtype_of(self, obj: Mapping[str, Any]) -> ResourceType:
        """The served type of a manifest, from its apiVersion and kind."""
        api_version, kind = obj.get("apiVersion", ""), obj.get("kind", "")
        group = api_version.rpartition("/")[0]
        for rtype in self._types.values():
            if rtype.group == group and rtype.kind == kind:
                return rtype
        raise ApiError(404, "NotFound", f"no matches for kind {kind!r} in version {api_version!r}")

    def on_change(self, listener: Listener) -> None:
        """Call ``listener(event_type, object)`` after every stored change."""
        self._listeners.append(listener)

    # ---- snapshots ---------------------------------------------------------
    def snapshot(self) -> StoreState:
        """Everything stored now (objects, field owners, the next resourceVersion, types, listeners)."""
        with self._lock:
            next_version = next(self._counter)
            self._counter = itertools.count(next_version)
            return StoreState(
                objects=copy.deepcopy(dict(self._objects)),
                owners=copy.deepcopy(self._owners),
                next_version=next_version,
                types=dict(self._types),
                listeners=tuple(self._listeners),
                taken_at=dt.datetime.now(dt.UTC),
            )

    def restore(self, state: StoreState, *, shift: dt.timedelta = dt.timedelta(0)) -> None:
        """Go back to ``state`` without telling listeners, every timestamp moved by ``shift``."""
        objects = shift_times(copy.deepcopy(state.objects), shift)
        with self._lock:
            self._objects = ObjectTable(objects)
            self._owners = copy.deepcopy(state.owners)
            self._counter = itertools.count(state.next_version)
            self._types = dict(state.types)
            self._listeners = list(state.listeners)

    # ---- reads -------------------------------------------------------------
    def get(self, rtype: ResourceType, namespace: str, name: str) -> dict[str, Any]:
        """A copy of one object, or 404."""
        with self._lock:
            return copy.deepcopy(self._require(rtype, namespace, name))

    def find(self, rtype: ResourceType, namespace: str, name: str) -> dict[str, Any] | None:
        """A copy of one object, or None."""
        with self._lock:
            obj = self._objects.get(self._key(rtype, namespace, name))
            return copy.deepcopy(obj) if obj is not None else None

    def list(
        self,
        rtype: ResourceType,
        namespace: str | None = None,
        *,
        label_selector: str | None = None,
        field_selector: str | None = None,
    ) -> list[dict[str, Any]]:
        """Copies of the objects of a type, optionally in one namespace and filtered by selectors."""
        items, _ = self.read_list(rtype, namespace, label_selector=label_selector, field_selector=field_selector)
        return copy.deepcopy(items)

    def read_list(
        self,
        rtype: ResourceType,
        namespace: str | None = None,
        *,
        label_selector: str | None = None,
        field_selector: str | None = None,
    ) -> tuple[builtins.list[dict[str, Any]], str]:
        """:meth:`list` without copies, and the resourceVersion the list is as of.

        The objects are the stored ones, which a write replaces and never changes: callers only read
        them (serialize, filter), and they stay as they were when listed.
        """
        try:
            labels_ok, fields_ok = label_matcher(label_selector), field_matcher(field_selector)
        except SelectorError as e:
            raise ApiError(400, "BadRequest", str(e)) from e
        with self._lock:
            objects = self._objects.of_type(rtype.group, rtype.plural, namespace)
            version = str(next(self._counter))
        if label_selector or field_selector:
            objects = [
                obj for obj in objects if labels_ok(obj.get("metadata", {}).get("labels") or {}) and fields_ok(obj)
            ]
        return objects, version

    def resource_version(self) -> str:
        """The newest resourceVersion (for list metadata)."""
        with self._lock:
            return str(next(self._counter))

    # ---- writes ------------------------------------------------------------
    def create(
        self,
        rtype: ResourceType,
        obj: Mapping[str, Any],
        *,
        namespace: str = "",
        manager: str = "",
        dry_run: bool = False,
        keep_status: bool = False,
        operation: str = "Update",
        validate_schema: bool = True,
    ) -> dict[str, Any]:
        """Store a new object (201), assigning uid, resourceVersion, generation and timestamps.

        ``validate_schema=False`` (seeding only) stores an object a newer CRD than the served one
        accepts, such as a Dataset of a source type added after the installed CRD; later writes
        to it are admitted with ratcheting (see :meth:`_admit`).
        """
        new = copy.deepcopy(dict(obj))
        meta = new.setdefault("metadata", {})
        namespace = namespace or meta.get("namespace", "") if rtype.namespaced else ""
        if not meta.get("name") and meta.get("generateName"):
            meta["name"] = meta["generateName"] + uuid.uuid4().hex[:5]
        name = meta.get("name", "")
        if meta.get("namespace") and rtype.namespaced and meta["namespace"] != namespace:
            raise ApiError(
                400,
                "BadRequest",
                "the namespace of the provided object does not match the namespace sent on the request",
            )
        with self._lock:
            if rtype.namespaced and namespace and not self._objects.get(("", "namespaces", "", namespace)):
                raise ApiError(
                    404, "NotFound", f'namespaces "{namespace}" not found', {"name": namespace, "kind": "namespaces"}
                )
            key = self._key(rtype, namespace, name)
            if key in self._objects:
                raise ApiError(
                    409,
                    "AlreadyExists",
                    f'{rtype.resource} "{name}" already exists',
                    {"name": name, "group": rtype.group, "kind": rtype.plural},
                )
            if rtype.has_status and not keep_status:
                new.pop("status", None)
            new["apiVersion"], new["kind"] = rtype.api_version, rtype.kind
            meta.update(
                name=name,
                uid=str(uuid.uuid4()),
                creationTimestamp=meta.get("creationTimestamp") or _now(),
                generation=1,
            )
            if rtype.namespaced:
                meta["namespace"] = namespace
            meta.pop("resourceVersion", None)
            self._admit(rtype, new, None, validate_schema=validate_schema)
            owners = {manager: (operation, mf.leaf_paths(new))} if manager else {}
            if dry_run:
                return self._finish(rtype, new, owners, store=False)
            return self._finish(rtype, new, owners, store=True, event="ADDED")

    def replace(
        self,
        rtype: ResourceType,
        namespace: str,
        name: str,
        obj: Mapping[str, Any],
        *,
        manager: str = "",
        subresource: str | None = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """PUT: replace the object (or only its status), honouring resourceVersion."""
        with self._lock:
            old = self._require(rtype, namespace, name)
            self._check_version(rtype, old, obj.get("metadata", {}).get("resourceVersion"))
            if subresource == "status":
                new = self._isolate(rtype, old, copy.deepcopy(dict(obj)), "status")
            else:
                new = copy.deepcopy(dict(obj))
                given = obj.get("metadata", {})
                new["metadata"] = {k: v for k, v in old["metadata"].items() if k not in _PUT_REPLACED}
                new["metadata"].update({k: copy.deepcopy(v) for k, v in given.items() if k in _PUT_REPLACED})
                new = self._isolate(rtype, old, new, None)
            return self._update(rtype, old, new, manager=manager, operation="Update", dry_run=dry_run)

    def patch(
        self,
        rtype: ResourceType,
        namespace: str,
        name: str,
        body: Any,
        *,
        patch_type: str,
        manager: str = "",
        force: bool = False,
        subresource: str | None = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """PATCH: json, merge, strategic-merge (treated as merge) or apply."""
        with self._lock:
            key = self._key(rtype, namespace, name)
            if patch_type == "apply":
                if not isinstance(body, Mapping):
                    raise ApiError(400, "BadRequest", "apply patch must be an object")
                if not manager:
                    raise ApiError(
                        422,
                        "Invalid",
                        'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: '
                        "is required for apply patch",
                    )
                if key not in self._objects:
                    return self.create(
                        rtype, body, namespace=namespace, manager=manager, dry_run=dry_run, operation="Apply"
                    )
                return self._apply(rtype, self._objects[key], body, manager=manager, force=force, dry_run=dry_run)
            old = self._require(rtype, namespace, name)
            if patch_type == "json":
                try:
                    new = jsonpatch.apply_patch(old, body)
                except (jsonpatch.JsonPatchException, jsonpatch.JsonPointerException) as e:
                    raise ApiError(
                        422, "Invalid", f"the server rejected our request due to an error in our request: {e}"
                    ) from e
            else:
                if not isinstance(body, Mapping):
                    raise ApiError(400, "BadRequest", "merge patch must be an object")
                self._check_version(
                    rtype,
                    old,
                    body.get("metadata", {}).get("resourceVersion")
                    if isinstance(body.get("metadata"), Mapping)
                    else None,
                )
                new = mf.merge_patch(old, body)
            new = self._isolate(rtype, old, new, subresource)
            return self._update(rtype, old, new, manager=manager, operation="Update", dry_run=dry_run)

    def delete(
        self,
        rtype: ResourceType,
        namespace: str,
        name: str,
        *,
        resource_version: str | None = None,
        uid: str | None = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """DELETE with preconditions; finalizers hold the object with a deletionTimestamp."""
        with self._lock:
            obj = self._require(rtype, namespace, name)
            meta = obj["metadata"]
            if uid and uid != meta.get("uid"):
                raise ApiError(
                    409,
                    "Conflict",
                    f'Operation cannot be fulfilled on {rtype.resource} "{name}": Precondition failed: '
                    f"UID in precondition: {uid}, UID in object meta: {meta.get('uid')}",
                )
            if resource_version and resource_version != meta.get("resourceVersion"):
                raise ApiError(
                    409,
                    "Conflict",
                    f'Operation cannot be fulfilled on {rtype.resource} "{name}": Precondition failed: '
                    f"ResourceVersion in precondition: {resource_version}, ResourceVersion in object meta: "
                    f"{meta.get('resourceVersion')}",
                )
            if dry_run:
                return copy.deepcopy(obj)
            if meta.get("finalizers"):
                if not meta.get("deletionTimestamp"):
                    new = copy.deepcopy(obj)
                    new["metadata"]["deletionTimestamp"] = _now()
                    new["metadata"]["deletionGracePeriodSeconds"] = 0
                    return self._finish(
                        rtype,
                        new,
                        self._owners.get(self._key(rtype, namespace, name), {}),
                        store=True,
                        event="MODIFIED",
                    )
                return copy.deepcopy(obj)
            return self._remove(rtype, obj)

    # ---- internals ---------------------------------------------------------
    def _key(self, rtype: ResourceType, namespace: str, name: str) -> Key:
        return (rtype.group, rtype.plural, namespace if rtype.namespaced else "", name)

    def _require(self, rtype: ResourceType, namespace: str, name: str) -> dict[str, Any]:
        obj = self._objects.get(self._key(rtype, namespace, name))
        if obj is None:
            raise ApiError(
                404,
                "NotFound",
                f'{rtype.resource} "{name}" not found',
                {"name": name, "group": rtype.group, "kind": rtype.plural},
            )
        return obj

    def _check_version(self, rtype: ResourceType, old: Mapping[str, Any], version: Any) -> None:
        if version and version != old["metadata"].get("resourceVersion"):
            name = old["metadata"]["name"]
            raise ApiError(
                409,
                "Conflict",
                f'Operation cannot be fulfilled on {rtype.resource} "{name}": the object has been '
                "modified; please apply your changes to the latest version and try again",
                {"name": name, "group": rtype.group, "kind": rtype.plural},
            )

    def _isolate(
        self, rtype: ResourceType, old: dict[str, Any], new: dict[str, Any], subresource: str | None
    ) -> dict[str, Any]:
        """A status write changes only status; a main write leaves status alone."""
        if rtype.has_status and subresource == "status":
            result = copy.deepcopy(old)
            result.pop("status", None)
            if new.get("status") is not None:
                result["status"] = new["status"]
            return result
        if rtype.has_status:
            new.pop("status", None)
            if old.get("status") is not None:
                new["status"] = copy.deepcopy(old["status"])
        new.setdefault("metadata", {})
        for immutable in ("uid", "creationTimestamp", "name", "namespace", "deletionTimestamp", "generation"):
            if immutable in old["metadata"]:
                new["metadata"][immutable] = old["metadata"][immutable]
        return new

    def _apply(
        self,
        rtype: ResourceType,
        old: dict[str, Any],
        applied: Mapping[str, Any],
        *,
        manager: str,
        force: bool,
        dry_run: bool,
    ) -> dict[str, Any]:
        key = self._key(rtype, old["metadata"].get("namespace", ""), old["metadata"]["name"])
        owners = {m: (op, set(paths)) for m, (op, paths) in self._owners.get(key, {}).items()}
        meta = applied.get("metadata")
        self._check_version(rtype, old, meta.get("resourceVersion") if isinstance(meta, Mapping) else None)
        applied = {k: v for k, v in applied.items() if k != "status"}
        if isinstance(meta, Mapping) and "resourceVersion" in meta:
            applied["metadata"] = {k: v for k, v in meta.items() if k != "resourceVersion"}
        paths = mf.leaf_paths(applied)
        conflicts = sorted(
            (other, path)
            for other, (_, owned) in owners.items()
            if other != manager
            for path in paths & owned
            if mf.get_path(old, path) != mf.get_path(applied, path)
        )
        if conflicts and not force:
            causes = [
                {
                    "reason": "FieldManagerConflict",
                    "message": f'conflict with "{other}" using {rtype.api_version}',
                    "field": mf.format_path(path),
                }
                for other, path in conflicts
            ]
            lines = "\n".join(f"- {c['message'][len('conflict with ') :]}: {c['field']}" for c in causes)
            raise ApiError(
                409,
                "Conflict",
                f"Apply failed with {len(causes)} conflict{'s' if len(causes) > 1 else ''}: "
                f"conflict with {lines.lstrip('- ')}",
                {"causes": causes, "name": old["metadata"]["name"], "group": rtype.group, "kind": rtype.plural},
            )
        for other, (_, owned) in owners.items():
            if other != manager:
                owned -= paths
        previous = owners.get(manager, ("Apply", set()))[1]
        new = mf.deep_merge(old, applied)
        still_owned = set().union(*(owned for other, (_, owned) in owners.items() if other != manager))
        for path in previous - paths - still_owned:
            mf.remove_path(new, path)
        owners[manager] = ("Apply", paths)
        new = self._isolate(rtype, old, new, None)
        return self._commit(rtype, old, new, owners, dry_run=dry_run)

    def _update(
        self,
        rtype: ResourceType,
        old: dict[str, Any],
        new: dict[str, Any],
        *,
        manager: str,
        operation: str,
        dry_run: bool,
    ) -> dict[str, Any]:
        key = self._key(rtype, old["metadata"].get("namespace", ""), old["metadata"]["name"])
        owners = {m: (op, set(paths)) for m, (op, paths) in self._owners.get(key, {}).items()}
        changed = mf.changed_paths(old, new)
        if manager and changed:
            for _, owned in owners.values():
                owned -= changed
            owners[manager] = (operation, owners.get(manager, (operation, set()))[1] | changed)
        return self._commit(rtype, old, new, owners, dry_run=dry_run)

    def _commit(
        self,
        rtype: ResourceType,
        old: dict[str, Any],
        new: dict[str, Any],
        owners: dict[str, tuple[str, set[mf.Path]]],
        *,
        dry_run: bool,
    ) -> dict[str, Any]:
        new["apiVersion"], new["kind"] = rtype.api_version, rtype.kind
        self._admit(rtype, new, old)
        if _spec_part(new) != _spec_part(old):
            new["metadata"]["generation"] = int(old["metadata"].get("generation") or 1) + 1
        if new == {**old, "metadata": {**old["metadata"], "managedFields": new["metadata"].get("managedFields")}}:
            return copy.deepcopy(old)  # a no-op write keeps its resourceVersion, like the API server
        if dry_run:
            return self._finish(rtype, new, owners, store=False)
        meta = new["metadata"]
        if meta.get("deletionTimestamp") and not meta.get("finalizers"):
            self._objects[self._key(rtype, meta.get("namespace", ""), meta["name"])] = new
            return self._remove(rtype, new)
        return self._finish(rtype, new, owners, store=True, event="MODIFIED")

    def _admit(
        self, rtype: ResourceType, new: dict[str, Any], old: dict[str, Any] | None, *, validate_schema: bool = True
    ) -> None:
        """Defaults, name rules, schema and transition rules: 422 on any problem.

        Schema validation ratchets like an API server with CRDValidationRatcheting: a problem the
        stored object already had does not fail an update that leaves it as it was.
        """
        problems: list[FieldProblem] = []
        name = new["metadata"].get("name", "")
        if not name:
            problems.append(
                FieldProblem("metadata.name", "FieldValueRequired", "Required value: name or generateName is required")
            )
        elif old is None and (len(name) > 253 or not DNS1123_SUBDOMAIN.match(name)):
            problems.append(
                FieldProblem(
                    "metadata.name",
                    "FieldValueInvalid",
                    f'Invalid value: "{name}": a lowercase RFC 1123 '
                    "subdomain must consist of lower case alphanumeric characters, '-' or '.', and must "
                    "start and end with an alphanumeric character",
                )
            )
        if rtype.group == "" and rtype.plural == "secrets" and new.get("stringData"):
            data = new.setdefault("data", {}) or {}
            data.update({k: base64.b64encode(str(v).encode()).decode() for k, v in new.pop("stringData").items()})
            new["data"] = data
        if rtype.group == "" and rtype.plural == "namespaces" and name:
            new["metadata"].setdefault("labels", {})["kubernetes.io/metadata.name"] = name
        for label_key, label_value in (new["metadata"].get("labels") or {}).items():
            if (
                not isinstance(label_value, str)
                or not re.match(r"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$", label_value)
                or len(label_value) > NAME_LIMIT
            ):
                problems.append(
                    FieldProblem(
                        "metadata.labels",
                        "FieldValueInvalid",
                        f'Invalid value: "{label_value}": a valid label must be an empty string or consist '
                        "of alphanumeric characters, '-', '_' or '.', and must start and end with an "
                        f"alphanumeric character (key {label_key!r})",
                    )
                )
        if rtype.schema is not None:
            apply_defaults(rtype.schema, new)
            structural = validate(rtype.schema, new) if validate_schema else []
            if structural and old is not None:
                grandfathered = set(validate(rtype.schema, old))
                structural = [p for p in structural if p not in grandfathered]
            problems += structural
            if old is not None:
                problems += transition_rules(rtype.schema, new, old)
        if problems:
            raise ApiError(
                422,
                "Invalid",
                f'{rtype.kind}.{rtype.group or "core"} "{name}" is invalid: '
                + ", ".join(f"{p.field}: {p.message}" for p in problems),
                {
                    "name": name,
                    "group": rtype.group,
                    "kind": rtype.kind,
                    "causes": [{"reason": p.reason, "message": p.message, "field": p.field} for p in problems],
                },
            )

    def _finish(
        self,
        rtype: ResourceType,
        new: dict[str, Any],
        owners: dict[str, tuple[str, set[mf.Path]]],
        *,
        store: bool,
        event: str = "",
    ) -> dict[str, Any]:
        meta = new["metadata"]
        meta["resourceVersion"] = str(next(self._counter))
        managed = [
            {
                "manager": m,
                "operation": op,
                "apiVersion": rtype.api_version,
                "time": _now(),
                "fieldsType": "FieldsV1",
                "fieldsV1": mf.fields_v1(paths),
            }
            for m, (op, paths) in sorted(owners.items())
            if paths
        ]
        if managed:
            meta["managedFields"] = managed
        else:
            meta.pop("managedFields", None)
        if store:
            key = self._key(rtype, meta.get("namespace", ""), meta["name"])
            self._objects[key] = new
            self._owners[key] = owners
            self._notify(event, new)
        return copy.deepcopy(new)

    def _remove(self, rtype: ResourceType, obj: dict[str, Any]) -> dict[str, Any]:
        meta = obj["metadata"]
        key = self._key(rtype, meta.get("namespace", ""), meta["name"])
        removed = self._objects.pop(key)
        self._owners.pop(key, None)
        self._notify("DELETED", removed)
        self._collect_dependents(meta.get("uid", ""))
        return copy.deepcopy(removed)

    def _collect_dependents(self, uid: str) -> None:
        """Garbage-collect objects whose ownerReferences point at a removed object."""
        if not uid:
            return
        for (group, plural, ns, name), obj in list(self._objects.items()):
            refs = obj.get("metadata", {}).get("ownerReferences") or []
            if any(ref.get("uid") == uid for ref in refs) and (group, plural, ns, name) in self._objects:
                rtype = self._types[(group, plural)]
                self.delete(rtype, ns, name)

    def _notify(self, event: str, obj: dict[str, Any]) -> None:
        for listener in self._listeners:
            listener(event, copy.deepcopy(obj))
