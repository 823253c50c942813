"""Is the modelfs controller running? Its Deployments' replicas and conditions, in one verdict and one line.

A Deployment is available when as many replicas are available as it wants (and it wants at
least one). A verdict is also given when the Deployments could not be read: the console may
not read Deployments there (403), the namespace does not exist, nothing matches. None of these
stops anyone with access from reading the logs, so each says so.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from modelfs_lib.domain.controller import ControllerLocation
from modelfs_lib.errors import ClusterError, Forbidden, NotFound
from modelfs_lib.resources.deployment import Deployment


class Verdict(enum.Enum):
    """How the controller's Deployments look."""

    AVAILABLE = "available"
    UNAVAILABLE = "unavailable"  # found, but fewer replicas available than desired (or scaled to 0)
    NOT_FOUND = "not found"  # the namespace exists, yet nothing matches
    NO_NAMESPACE = "no namespace"
    FORBIDDEN = "forbidden"
    UNKNOWN = "unknown"  # the read failed for another reason (timeout, 5xx, ...)

    @property
    def healthy(self) -> bool:
        """Only AVAILABLE is."""
        return self is Verdict.AVAILABLE


@dataclass(frozen=True)
class ControllerStatus:
    """What the console knows about the controller: a verdict, one line for the sidebar, details below it."""

    verdict: Verdict
    line: str
    details: tuple[str, ...] = ()


def _replicas(deployment: Deployment) -> str:
    return f"{deployment.available}/{deployment.desired} available"


def _available(deployment: Deployment) -> bool:
    return deployment.desired > 0 and deployment.available >= deployment.desired


def _condition_details(deployment: Deployment) -> list[str]:
    """The ``Available`` and ``Progressing`` conditions (and ``ReplicaFailure`` when present), one line each."""
    lines = []
    for type_ in ("Available", "Progressing", "ReplicaFailure"):
        condition = deployment.condition(type_)
        if condition is None:
            continue
        why = " · ".join(part for part in (condition.reason, condition.message) if part)
        lines.append(f"{deployment.name}: {type_} {condition.status}" + (f" ({why})" if why else ""))
    return lines


def controller_status(
    location: ControllerLocation, deployments: Sequence[Deployment], *, namespace_exists: bool | None = None
) -> ControllerStatus:
    """The verdict over the Deployments found at ``location``.

    ``namespace_exists`` False (checked when nothing was found) turns NOT_FOUND into NO_NAMESPACE.
    """
    where = location.namespace
    if not deployments:
        if namespace_exists is False:
            return ControllerStatus(
                Verdict.NO_NAMESPACE,
                f"Controller: the namespace {where} does not exist",
                (f"Is the modelfs controller installed elsewhere? Set MODELFS_UI_CONTROLLER_NAMESPACE (now {where}).",),
            )
        wanted = (
            f"Deployment {location.deployment}" if location.deployment else f"Deployment labelled {location.selector}"
        )
        return ControllerStatus(
            Verdict.NOT_FOUND,
            f"Controller: no {wanted} in {where}",
            (
                "Set MODELFS_UI_CONTROLLER_SELECTOR or MODELFS_UI_CONTROLLER_DEPLOYMENT to where the controller runs."
                if not location.deployment
                else "Check MODELFS_UI_CONTROLLER_DEPLOYMENT: the modelfs chart names it after its release.",
            ),
        )
    names = ", ".join(d.name for d in deployments)
    counts = ", ".join(_replicas(d) for d in deployments)
    details = tuple(line for d in deployments for line in _condition_details(d))
    unread = [d.name for d in deployments if d.invalid]
    if unread:
        details += (f"Could not read the status of {', '.join(unread)}.",)
    verdict = Verdict.AVAILABLE if all(_available(d) for d in deployments) else Verdict.UNAVAILABLE
    return ControllerStatus(verdict, f"Controller: {names} in {where}, {counts}", details)


def unreadable(location: ControllerLocation, error: ClusterError) -> ControllerStatus:
    """The verdict when the Deployments could not be read: what failed, why, and that the logs still work."""
    logs = "The logs command still works for someone who may read the controller's pods."
    if isinstance(error, Forbidden):
        return ControllerStatus(
            Verdict.FORBIDDEN,
            f"Controller: the console may not read Deployments in {location.namespace}",
            (
                "Grant get and list on deployments (apps) in that namespace (the Helm chart's Role does).",
                logs,
            ),
        )
    if isinstance(error, NotFound) and location.deployment:
        return controller_status(location, [], namespace_exists=None)
    return ControllerStatus(
        Verdict.UNKNOWN,
        f"Controller: its Deployments in {location.namespace} could not be read",
        tuple(part for part in (error.summary, error.hint, logs) if part),
    )
