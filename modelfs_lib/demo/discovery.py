"""What the demo cluster answers kubectl about its API: resource lists and OpenAPI v3 documents.

An APIResourceList names each resource with its verbs and short names; a status subresource is its
own entry, with no short names (or ``kubectl get pvc`` would warn that ``pvc`` also matches
``persistentvolumeclaims/status``). ``/openapi/v3`` lists one document per group-version; each holds
the kinds' schemas (a CRD's ``openAPIV3Schema``, or an open object for a built-in kind) and, for
every PATCH path, the ``fieldValidation`` and ``dryRun`` parameters with the kind's
``x-kubernetes-group-version-kind``: kubectl reads these to choose server-side field validation
for ``kubectl apply --server-side`` and to allow ``--dry-run=server``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from modelfs_lib.demo.resource_types import ResourceType
from modelfs_lib.resources.registry import SELF_SUBJECT_ACCESS_REVIEW

VERBS = ["create", "delete", "get", "list", "patch", "update", "watch"]
STATUS_VERBS = ["get", "patch", "update"]
ACCESS_REVIEW = ResourceType.served(SELF_SUBJECT_ACCESS_REVIEW)
"""Served by the emulator beside the store's types: create only."""
_QUERY = ("dryRun", "fieldManager", "fieldValidation", "force")


def group_version(rtype: ResourceType) -> str:
    """``api/v1`` or ``apis/<group>/<version>``: the path an OpenAPI v3 document is served under."""
    return f"apis/{rtype.group}/{rtype.version}" if rtype.group else f"api/{rtype.version}"


def _served(types: Iterable[ResourceType]) -> list[ResourceType]:
    return [*types, ACCESS_REVIEW]


def resource_list(types: Iterable[ResourceType], group: str, version: str) -> dict[str, Any] | None:
    """The APIResourceList of ``group``/``version`` (None when nothing is served there)."""
    resources: list[dict[str, Any]] = []
    for rtype in _served(types):
        if (rtype.group, rtype.version) != (group, version):
            continue
        entry: dict[str, Any] = {
            "name": rtype.plural,
            "singularName": rtype.kind.lower(),
            "namespaced": rtype.namespaced,
            "kind": rtype.kind,
            "verbs": ["create"] if rtype is ACCESS_REVIEW else VERBS,
        }
        if rtype.short_names:
            entry["shortNames"] = list(rtype.short_names)
        resources.append(entry)
        if rtype.has_status and rtype is not ACCESS_REVIEW:
            resources.append(
                {
                    "name": f"{rtype.plural}/status",
                    "singularName": "",
                    "namespaced": rtype.namespaced,
                    "kind": rtype.kind,
                    "verbs": STATUS_VERBS,
                }
            )
    if not resources:
        return None
    return {
        "kind": "APIResourceList",
        "apiVersion": "v1",
        "groupVersion": f"{group}/{version}" if group else version,
        "resources": resources,
    }


def _schema_name(rtype: ResourceType) -> str:
    """``dev.samzong.model.v1.Model``, the way the API server names a kind's schema (``io.k8s.api.core.v1.Pod`` ...)."""
    group = ".".join(reversed(rtype.group.split("."))) if rtype.group else "io.k8s.api.core"
    return f"{group}.{rtype.version}.{rtype.kind}"


def _gvk(rtype: ResourceType) -> list[dict[str, str]]:
    return [{"group": rtype.group, "version": rtype.version, "kind": rtype.kind}]


def _operation(rtype: ResourceType, action: str) -> dict[str, Any]:
    ref = {"$ref": f"#/components/schemas/{_schema_name(rtype)}"}
    return {
        "operationId": f"{action}{rtype.kind}",
        "parameters": [{"name": name, "in": "query", "schema": {"type": "string"}} for name in _QUERY],
        "responses": {"200": {"content": {"application/json": {"schema": ref}}}},
        "x-kubernetes-action": action,
        "x-kubernetes-group-version-kind": _gvk(rtype)[0],
    }


def _paths(rtype: ResourceType) -> dict[str, Any]:
    base = "/" + group_version(rtype) + ("/namespaces/{namespace}" if rtype.namespaced else "")
    collection, item = f"{base}/{rtype.plural}", f"{base}/{rtype.plural}/{{name}}"
    if rtype is ACCESS_REVIEW:
        return {collection: {"post": _operation(rtype, "post")}}
    paths = {
        collection: {"get": _operation(rtype, "list"), "post": _operation(rtype, "post")},
        item: {
            "get": _operation(rtype, "get"),
            "put": _operation(rtype, "put"),
            "patch": _operation(rtype, "patch"),
            "delete": _operation(rtype, "delete"),
        },
    }
    if rtype.has_status:
        paths[f"{item}/status"] = {"get": _operation(rtype, "get"), "patch": _operation(rtype, "patch")}
    return paths


def _schema(rtype: ResourceType) -> dict[str, Any]:
    schema: dict[str, Any] = dict(rtype.schema) if rtype.schema else {"type": "object"}
    if not rtype.schema:
        schema["x-kubernetes-preserve-unknown-fields"] = True
    schema["x-kubernetes-group-version-kind"] = _gvk(rtype)
    return schema


def openapi_document(types: Iterable[ResourceType], path: str) -> dict[str, Any] | None:
    """The OpenAPI v3 document of the group-version at ``path`` (``api/v1``, ``apis/<g>/<v>``), or None."""
    served = [t for t in _served(types) if group_version(t) == path.strip("/")]
    if not served:
        return None
    paths: dict[str, Any] = {}
    for rtype in served:
        paths.update(_paths(rtype))
    return {
        "openapi": "3.0.0",
        "info": {"title": "Kubernetes", "version": "unversioned"},
        "paths": paths,
        "components": {"schemas": {_schema_name(t): _schema(t) for t in served}},
    }


def openapi_index(types: Iterable[ResourceType]) -> dict[str, Any]:
    """``/openapi/v3``: where each group-version's document is, with a hash of its content."""
    served = _served(types)
    index: dict[str, Any] = {}
    for path in sorted({group_version(t) for t in served}):
        document = openapi_document(served[:-1], path)
        digest = hashlib.sha256(json.dumps(document, sort_keys=True).encode()).hexdigest()[:16].upper()
        index[path] = {"serverRelativeURL": f"/openapi/v3/{path}?hash={digest}"}
    return {"paths": index}


def serve(types: Iterable[ResourceType], path: str) -> Mapping[str, Any] | None:
    """The answer to a GET of an OpenAPI v3 ``path`` (``/openapi/v3[/...]``), or None when it is not one."""
    if path.rstrip("/") == "/openapi/v3":
        return openapi_index(types)
    if path.startswith("/openapi/v3/"):
        return openapi_document(types, path.removeprefix("/openapi/v3/"))
    return None
