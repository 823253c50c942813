"""SelfSubjectAccessReview: may the current user do this?"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypedDict

from modelfs_lib.resources import Kind


class ResourceAttributesWire(TypedDict, total=False):
    """``spec.resourceAttributes`` of a SelfSubjectAccessReview."""

    namespace: str
    verb: str
    group: str
    version: str
    resource: str
    subresource: str
    name: str


class AccessReviewWire(TypedDict):
    """A SelfSubjectAccessReview request body."""

    apiVersion: str
    kind: str
    spec: dict[str, ResourceAttributesWire]


@dataclass(frozen=True)
class AccessDecision:
    """The answer: ``allowed``, and the authorizer's ``reason`` (often empty)."""

    allowed: bool
    reason: str = ""


def access_review(
    *, verb: str, kind: Kind, namespace: str | None, name: str | None, subresource: str | None
) -> AccessReviewWire:
    """The request body asking whether ``verb`` on ``kind`` is allowed."""
    attributes: ResourceAttributesWire = {"verb": verb, "group": kind.group, "resource": kind.plural}
    if kind.namespaced and namespace:
        attributes["namespace"] = namespace
    if name:
        attributes["name"] = name
    if subresource:
        attributes["subresource"] = subresource
    return {
        "apiVersion": "authorization.k8s.io/v1",
        "kind": "SelfSubjectAccessReview",
        "spec": {"resourceAttributes": attributes},
    }


def access_decision(answer: Any) -> AccessDecision:
    """Read ``status.allowed`` / ``reason`` / ``evaluationError`` from the review's answer."""
    status = answer.get("status") if isinstance(answer, dict) else None
    status = status if isinstance(status, dict) else {}
    reason = status.get("reason")
    error = status.get("evaluationError")
    text = reason if isinstance(reason, str) else ""
    if isinstance(error, str) and error:
        text = f"{text} ({error})" if text else error
    return AccessDecision(allowed=status.get("allowed") is True, reason=text)
