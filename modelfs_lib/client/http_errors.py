"""What a failed HTTP response means: one ClusterError subclass per status code."""

from __future__ import annotations

import re
import ssl
from collections.abc import Mapping
from typing import Any

from kubernetes.client.exceptions import ApiException

from modelfs_lib.client.request_info import RequestInfo, sentence
from modelfs_lib.client.status import ApiStatus, parse_status
from modelfs_lib.client.transport_errors import transport_error
from modelfs_lib.errors import (
    ApplyConflict,
    ClusterError,
    Conflict,
    Forbidden,
    Gone,
    Invalid,
    NotFound,
    OwnedField,
    ServerError,
    Timeout,
    TooManyRequests,
    Unauthorized,
)
from modelfs_lib.resources.registry import kind_named


def from_api_exception(error: ApiException, info: RequestInfo) -> ClusterError:
    """The ClusterError for an ApiException; non-JSON bodies map by status code alone."""
    status = error.status if isinstance(error.status, int) else None
    if not status:
        return _without_response(error, info)
    headers = error.headers if isinstance(error.headers, Mapping) else None
    st = parse_status(error.body, headers)
    fields = info.fields(status, st.reason or str(error.reason or ""))
    if status == 401:
        return Unauthorized(
            summary=sentence(f"{info.cluster} rejected your credentials; they may have expired."),
            hint="Log in again or refresh the credentials of this kubeconfig context, then reload.",
            **fields,
        )
    if status == 403:
        return _forbidden(st, info, fields)
    if status == 404:
        return _not_found(st, info, fields)
    if status == 409:
        return _conflict(st, info, fields)
    if status == 410:
        return Gone(
            summary=f"The cluster no longer has what this request to {info.verb or 'read'} {info.target} asked for "
            f"(410 Gone): {st.message or 'it expired'}",
            hint="It is read again from the start on the next refresh.",
            **fields,
        )
    if status in (400, 422):
        return _invalid(st, info, fields)
    if status == 429:
        return TooManyRequests(
            summary=f"The cluster is throttling requests (429 Too Many Requests) and did not {info.verb or 'serve'} "
            f"{info.target}.{_retry(st)}",
            hint="Wait a moment and try again; the page tries again on its next refresh.",
            **fields,
        )
    if status == 504 or (status >= 500 and st.reason == "Timeout"):
        may = " The change may still take effect." if info.is_write else ""
        return Timeout(summary=f"The cluster timed out trying to {info.verb or 'serve'} {info.target}.{may}", **fields)
    detail = st.message or st.text or str(error.reason or "")
    if status >= 500:
        return ServerError(
            summary=f"The cluster failed to {info.verb or 'serve'} {info.target} (HTTP {status}): {detail}{_retry(st)}",
            hint="This is a server-side or webhook failure; try again, or check the API server and webhook logs.",
            **fields,
        )
    return ClusterError(summary=f"The cluster answered HTTP {status} to {info.verb} {info.target}: {detail}", **fields)


def _without_response(error: ApiException, info: RequestInfo) -> ClusterError:
    """The REST layer reports an SSL failure as status 0 with the error in ``reason``."""
    reason = str(error.reason or "")
    if reason.startswith("SSLError"):
        return transport_error(ssl.SSLError(reason.partition("\n")[2] or reason), info)
    return ClusterError(
        summary=f"Could not send the request to {info.verb} {info.target}: {reason}", **info.fields(None, "")
    )


def _forbidden(st: ApiStatus, info: RequestInfo, fields: dict[str, Any]) -> ClusterError:
    if st.message and " cannot " not in st.message:
        return Forbidden(summary=f"The cluster refused to {info.verb} {info.target}: {st.message}", **fields)
    verb = _match(r"cannot (\w+) resource", st.message) or info.verb or "access"
    resource = info.kind.resource if info.kind else (st.kind or "this resource")
    user = _match(r'User "([^"]+)"', st.message)
    who = f"The cluster knows you as {user}. " if user else ""
    return Forbidden(
        summary=f"You are not allowed to {verb} {resource}{info.where}.",
        hint=f'{who}Ask a cluster administrator for a Role or ClusterRole binding granting "{verb}" on {resource}.',
        **fields,
    )


def _not_found(st: ApiStatus, info: RequestInfo, fields: dict[str, Any]) -> ClusterError:
    if info.name and st.is_status and st.name:
        if st.name == info.name and (info.kind is None or st.kind in ("", info.kind.plural, info.kind.kind)):
            return NotFound(summary=f"{info.target} was not found; it may have been deleted.", **fields)
        return NotFound(summary=f'{_kind_name(st)} "{st.name}" was not found.', **fields)
    if info.kind is None:
        return NotFound(summary=f"The cluster has no such resource: {st.message or st.text}", **fields)
    if not info.kind.group:
        return NotFound(summary=f"The cluster does not serve {info.kind.resource}.", **fields)
    return NotFound(
        summary=f"The cluster does not serve {info.kind.resource}: the {info.kind.kind} CRD is not installed.",
        hint=f"Install the operator's CRDs; `kubectl get crd {info.kind.resource}` shows whether it is there.",
        **fields,
    )


def _conflict(st: ApiStatus, info: RequestInfo, fields: dict[str, Any]) -> ClusterError:
    if st.reason == "AlreadyExists":
        return Conflict(
            summary=f"{info.target} already exists.",
            hint="Choose another name, or open the existing object and edit it.",
            **fields,
        )
    owned = [c for c in st.causes if c.reason == "FieldManagerConflict" or c.message.startswith("conflict with")]
    if owned:
        listed = ", ".join(f"{c.field} ({_manager(c.message)})" for c in owned)
        return ApplyConflict(
            summary=f"Other field managers own fields you changed: {listed}.",
            hint="Review their values in the live object; save with force to take these fields over.",
            causes=st.causes,
            owned=tuple(OwnedField(c.field, _manager(c.message)) for c in owned),
            **fields,
        )
    message = st.message.lower()
    if not message or "modified" in message or "precondition" in message or "resourceversion" in message:
        return Conflict(
            summary=f"{info.target} was changed by someone else since you loaded it.",
            hint="Reload it, review the differences and save again.",
            **fields,
        )
    return Conflict(summary=f"The cluster could not {info.verb} {info.target}: {st.message}", **fields)


def _invalid(st: ApiStatus, info: RequestInfo, fields: dict[str, Any]) -> ClusterError:
    named = [c for c in st.causes if c.field or c.message]
    if named:
        listed = "; ".join(f"{c.field}: {c.message}" if c.field else c.message for c in named[:3])
        more = f" (and {len(named) - 3} more)" if len(named) > 3 else ""
        summary = f"The cluster rejected {info.target}: {listed}{more}."
    else:
        summary = f"The cluster rejected the request to {info.verb} {info.target}: {st.message or st.text}"
    return Invalid(summary=summary, hint="Correct the fields named above and try again.", causes=st.causes, **fields)


def _kind_name(st: ApiStatus) -> str:
    """``Namespace`` for details kind ``namespaces`` (the Status names the plural)."""
    known = kind_named(st.kind, st.group)
    return known.kind if known else st.kind or "The object"


def _manager(message: str) -> str:
    return _match(r'conflict with "([^"]+)"', message) or "another manager"


def _retry(st: ApiStatus) -> str:
    return f" Try again in {st.retry_after} seconds." if st.retry_after else ""


def _match(pattern: str, text: str) -> str:
    found = re.search(pattern, text)
    return found.group(1) if found else ""
