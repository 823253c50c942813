"""What a failure below HTTP means: refused, unresolvable, timed out, TLS, dropped."""

from __future__ import annotations

import re
import ssl
from typing import Any

from urllib3 import exceptions as u3

from modelfs_lib.client.request_info import RequestInfo, sentence
from modelfs_lib.errors import BadAnswer, ClusterError, Timeout, TLSError, Unreachable

_CHECK_NETWORK = "Check that the cluster is running, the server URL in the kubeconfig, and your network or VPN."


def transport_error(error: BaseException, info: RequestInfo) -> ClusterError:
    """The ClusterError for a urllib3 error or an OSError (MaxRetryError is unwrapped)."""
    if isinstance(error, u3.MaxRetryError) and error.reason is not None:
        return transport_error(error.reason, info)
    if isinstance(error, (u3.SSLError, ssl.SSLError)):
        return _tls(error, info)
    if isinstance(error, u3.NameResolutionError):
        address = f" {info.server}" if info.server else ""
        return Unreachable(
            summary=f"The cluster address{address} could not be resolved (DNS failed).",
            hint=_CHECK_NETWORK,
            **info.fields(None, "NameResolution"),
        )
    if isinstance(error, u3.NewConnectionError):
        return Unreachable(
            summary=sentence(f"could not connect to {info.cluster}: {_os_reason(error)}."),
            hint=_CHECK_NETWORK,
            **info.fields(None, "ConnectionFailed"),
        )
    if isinstance(error, u3.ConnectTimeoutError):
        return Timeout(
            summary=sentence(f"{info.cluster} did not accept a connection in time."),
            hint=_CHECK_NETWORK,
            **info.fields(None, "ConnectTimeout"),
        )
    if isinstance(error, (u3.ReadTimeoutError, TimeoutError, u3.TimeoutError)):
        may = " The change may still take effect." if info.is_write else ""
        return Timeout(
            summary=sentence(
                f"{info.cluster} did not answer in time while trying to {info.verb or 'reach'} {info.target}.{may}"
            ),
            hint="The API server may be overloaded or the network slow; try again.",
            **info.fields(None, "ReadTimeout"),
        )
    if _cut_off(error):
        return BadAnswer(
            summary=sentence(
                f"the answer of {info.cluster} to {info.verb or 'reach'} {info.target} was cut off: "
                f"the connection closed before its end{_read_counts(error)}."
            ),
            hint="Try again; a proxy or load balancer in front of the API server may be dropping long answers.",
            **info.fields(None, "IncompleteRead"),
        )
    if isinstance(error, u3.ProxyError):
        return Unreachable(
            summary=sentence(f"the proxy in front of {info.cluster} failed: {_os_reason(error)}."),
            hint="Check the proxy-url of this kubeconfig cluster and the HTTPS_PROXY/NO_PROXY settings.",
            **info.fields(None, "ProxyError"),
        )
    return Unreachable(
        summary=sentence(f"the connection to {info.cluster} failed: {_os_reason(error)}."),
        hint=_CHECK_NETWORK,
        **info.fields(None, type(error).__name__),
    )


def _tls(error: BaseException, info: RequestInfo) -> ClusterError:
    found = re.search(r"\[SSL[^\]]*\][^'\"]*", str(error))
    detail = found.group(0).strip() if found else str(error)
    lowered = detail.lower()
    if "certificate verify failed" in lowered or "hostname mismatch" in lowered:
        hint = "The cluster's certificate is not trusted: check certificate-authority(-data) in the kubeconfig."
    elif "wrong version number" in lowered or "record layer failure" in lowered or "unknown protocol" in lowered:
        hint = "The server does not speak TLS at this address: check the scheme (http/https) and port of the URL."
    else:
        hint = "Check the server URL and the certificate settings of this kubeconfig cluster."
    return TLSError(
        summary=sentence(f"the secure (TLS) connection to {info.cluster} failed: {detail}"),
        hint=hint,
        **info.fields(None, "TLSError"),
    )


def _cut_off(error: BaseException) -> bool:
    """Whether the connection closed in the middle of the answer's body."""
    return isinstance(error, (u3.ProtocolError, u3.IncompleteRead)) and "IncompleteRead" in repr(error)


def _read_counts(error: BaseException) -> str:
    found = re.search(r"(\d+) bytes read, (\d+) more expected", repr(error))
    return f" ({found.group(1)} bytes read, {found.group(2)} more expected)" if found else ""


def _os_reason(error: BaseException) -> str:
    """The innermost OSError's text (``Connection refused``), else the error's own text."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and not isinstance(current, u3.HTTPError) and current.strerror:
            return current.strerror
        current = current.__cause__ or current.__context__
    args: tuple[Any, ...] = error.args
    if isinstance(error, u3.ProtocolError) and len(args) == 2 and isinstance(args[1], BaseException):
        return f"{args[0]} ({args[1]})"
    return str(error) or type(error).__name__
