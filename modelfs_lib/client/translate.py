"""The one place where the Kubernetes client's and urllib3's errors become ClusterErrors.

Use as ``raise translate(e, verb=..., kind=..., ...) from e``: the result carries a
sentence a person understands, what to do next, and the HTTP details.
"""

from __future__ import annotations

from kubernetes.client.exceptions import ApiException
from kubernetes.config.config_exception import ConfigException
from urllib3 import exceptions as u3

from modelfs_lib.client.http_errors import from_api_exception
from modelfs_lib.client.request_info import RequestInfo
from modelfs_lib.client.transport_errors import transport_error
from modelfs_lib.errors import ClusterError, Unauthorized
from modelfs_lib.resources import Kind


def translate(
    error: BaseException,
    *,
    verb: str = "",
    kind: Kind | None = None,
    namespace: str | None = None,
    name: str = "",
    server: str = "",
) -> ClusterError:
    """The ClusterError that tells a person what ``error`` means for this request.

    ``verb`` is the RBAC verb (get, list, patch, ...); ``kind``, ``namespace`` and
    ``name`` say what was addressed, ``server`` where.
    """
    info = RequestInfo(verb=verb, kind=kind, namespace=namespace or "", name=name, server=server)
    if isinstance(error, ClusterError):
        return error
    if isinstance(error, ApiException):
        return from_api_exception(error, info)
    if isinstance(error, ConfigException):
        return Unauthorized(
            summary=f"Could not obtain credentials for {info.cluster}: {error}",
            hint="Check the user section of your kubeconfig (token, exec plugin or auth provider).",
            **info.fields(None, "CredentialsUnavailable"),
        )
    if isinstance(error, (u3.HTTPError, OSError)):
        return transport_error(error, info)
    return ClusterError(summary=f"Could not {verb or 'reach'} {info.target}: {error}", **info.fields(None, ""))
