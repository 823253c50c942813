"""What the API server's authorizer checks for one request: its RBAC attributes.

Kubernetes reads a request's verb, API group, resource, subresource and namespace off the URL and
the method (the apiserver's ``RequestInfoFactory``): GET of one object is ``get``, GET of a
collection ``list``, either with ``?watch`` is ``watch``, POST ``create``, PUT ``update``, PATCH
``patch``, DELETE of one object ``delete`` and of a collection ``deletecollection``. A server-side
apply that creates its object is checked as ``create`` too. Impersonation headers add an
``impersonate`` check each (users, groups, uids, service accounts, user extras). Paths outside
``/api`` and ``/apis`` resources (``/version``, discovery, OpenAPI) are non-resource URLs and
have no resource attributes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

_METHOD_VERBS = {"POST": "create", "PUT": "update", "PATCH": "patch", "DELETE": "delete"}
_TRUE = frozenset({"true", "1"})


@dataclass(frozen=True, order=True)
class RequestAttributes:
    """One authorization check: ``verb`` on ``group``/``resource`` (``/subresource``) in ``namespace``.

    ``namespace`` is ``""`` at the cluster scope (a cluster-scoped kind, or a list across all namespaces).
    """

    verb: str
    group: str
    resource: str
    subresource: str = ""
    namespace: str = ""

    @property
    def rbac_resource(self) -> str:
        """``models`` or ``models/status``: the resource as an RBAC rule names it."""
        return f"{self.resource}/{self.subresource}" if self.subresource else self.resource

    @property
    def grant(self) -> tuple[str, str, str]:
        """``(verb, group, rbac_resource)``: what a Role or ClusterRole rule must grant."""
        return self.verb, self.group, self.rbac_resource


def _resource_parts(path: str) -> tuple[str, list[str]] | None:
    """``(group, the segments after the version)`` of a resource path, or None for a non-resource URL."""
    parts = [p for p in path.split("/") if p]
    if len(parts) >= 3 and parts[0] == "api":
        return "", parts[2:]
    if len(parts) >= 4 and parts[0] == "apis":
        return parts[1], parts[3:]
    return None


def resource_attributes(
    method: str,
    path: str,
    params: Mapping[str, str],
    headers: Mapping[str, str] | None = None,
    *,
    creates: bool = False,
) -> list[RequestAttributes]:
    """Every check the API server makes for this request (none for a non-resource URL).

    ``creates``: the request is a server-side apply of an object that does not exist yet.
    """
    found = _impersonation(headers or {})
    parsed = _resource_parts(path)
    if parsed is None:
        return found
    group, rest = parsed
    namespace: str = ""
    if rest[0] == "namespaces" and len(rest) >= 3:
        namespace, rest = rest[1], rest[2:]
    elif rest[0] == "namespaces" and len(rest) == 2:
        pass  # /api/v1/namespaces/<name>: the namespace object itself
    resource, name, subresource = rest[0], rest[1] if len(rest) > 1 else "", "/".join(rest[2:])
    method = method.upper()
    if method in ("GET", "HEAD"):
        verb = "watch" if params.get("watch", "").lower() in _TRUE else ("get" if name else "list")
    else:
        verb = _METHOD_VERBS.get(method, method.lower())
        if verb == "delete" and not name:
            verb = "deletecollection"
    found.append(RequestAttributes(verb, group, resource, subresource, namespace))
    if creates and verb == "patch":
        found.append(RequestAttributes("create", group, resource, subresource, namespace))
    return found


def _impersonation(headers: Mapping[str, str]) -> list[RequestAttributes]:
    """The ``impersonate`` checks an ``Impersonate-*`` header makes (authorized at the cluster scope)."""
    found: list[RequestAttributes] = []
    for header, value in headers.items():
        lowered = header.lower()
        if lowered == "impersonate-user":
            if value.startswith("system:serviceaccount:") and value.count(":") == 3:
                found.append(RequestAttributes("impersonate", "", "serviceaccounts", "", value.split(":")[2]))
            else:
                found.append(RequestAttributes("impersonate", "", "users"))
        elif lowered == "impersonate-group":
            found.append(RequestAttributes("impersonate", "", "groups"))
        elif lowered == "impersonate-uid":
            found.append(RequestAttributes("impersonate", "authentication.k8s.io", "uids"))
        elif lowered.startswith("impersonate-extra-"):
            key = lowered.removeprefix("impersonate-extra-")
            found.append(RequestAttributes("impersonate", "authentication.k8s.io", "userextras", key))
    return found
