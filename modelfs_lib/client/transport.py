"""One HTTP code path to the API server: build the kubernetes ApiClient, send, decode JSON.

Every failure leaves this module as a ClusterError (or ConfigError while connecting).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from typing import Any

from kubernetes.client import ApiClient, Configuration
from kubernetes.client.exceptions import ApiException
from kubernetes.config import kube_config
from kubernetes.config.config_exception import ConfigException
from kubernetes.config.incluster_config import InClusterConfigLoader
from urllib3 import HTTPHeaderDict
from urllib3 import exceptions as u3

from modelfs_lib.client import budget
from modelfs_lib.client.config import ClusterConfig
from modelfs_lib.client.identity import ActingAs
from modelfs_lib.client.request_info import RequestInfo, sentence
from modelfs_lib.client.translate import translate
from modelfs_lib.errors import BadAnswer, ConfigError, Skipped, Unreachable
from modelfs_lib.resources import Kind

USER_AGENT = "modelfs-ui"
Query = Sequence[tuple[str, str]]


def build_api_client(config: ClusterConfig) -> ApiClient:
    """A kubernetes ApiClient for ``config``, with retries disabled; ConfigError when unusable."""
    configuration = Configuration()
    try:
        if config.source == "in-cluster":
            loader = InClusterConfigLoader(  # type: ignore[no-untyped-call]
                token_filename=os.path.join(config.path, "token"),
                cert_filename=os.path.join(config.path, "ca.crt"),
            )
            loader.load_and_set(configuration)  # type: ignore[no-untyped-call]
            configuration.host = config.server or configuration.host
        else:
            kube_config.load_kube_config(  # type: ignore[no-untyped-call]
                config_file=config.path,
                context=config.context,
                client_configuration=configuration,
                persist_config=False,
            )
    except (ConfigException, OSError, ValueError, TypeError, KeyError) as e:
        raise ConfigError(f"The {config.source} configuration of context {config.context!r} cannot be used: {e}") from e
    configuration.retries = False
    api = ApiClient(configuration)
    api.user_agent = USER_AGENT
    return api


class Transport:
    """Sends requests with an ApiClient and returns decoded JSON."""

    def __init__(
        self, api: ApiClient, *, server: str, timeout_seconds: float, acting_as: ActingAs | None = None
    ) -> None:
        self._api = api
        self._server = server
        self._timeout = timeout_seconds
        self._acting_as = acting_as
        self._owner = acting_as is None

    def acting_as(self, who: ActingAs | None) -> Transport:
        """A transport on the same connection pool whose requests are made for ``who`` (None: the console)."""
        view = Transport(self._api, server=self._server, timeout_seconds=self._timeout, acting_as=who)
        view._owner = False
        return view

    def close(self) -> None:
        """Release the connection pool (a view made by :meth:`acting_as` leaves it to its owner)."""
        if self._owner:
            self._api.close()  # type: ignore[no-untyped-call]

    def request(
        self,
        method: str,
        path: str,
        *,
        verb: str,
        kind: Kind | None = None,
        namespace: str | None = None,
        name: str = "",
        query: Query = (),
        body: Any = None,
        content_type: str = "application/json",
    ) -> Any:
        """Send one request; the decoded JSON answer, or a ClusterError raised from the cause.

        After a request of this page run timed out (see :mod:`modelfs_lib.client.budget`), raises
        :class:`Skipped` at once instead of waiting again.
        """
        info = RequestInfo(verb=verb, kind=kind, namespace=namespace or "", name=name, server=self._server)
        self._check_budget(info)
        headers = {"Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = content_type
        who = self._acting_as.headers() if self._acting_as is not None else []
        own_token = not any(name == "Authorization" for name, _ in who)
        try:
            serialized = self._api.param_serialize(
                method,
                path,
                query_params=list(query),
                header_params=headers,
                body=body,
                auth_settings=["BearerToken"] if own_token else [],
            )
            verb_, url, header_params, payload, post_params = _with_headers(serialized, who)
            response = self._api.call_api(
                verb_, url, header_params, payload, post_params, _request_timeout=self._timeout
            )
            data = response.read()  # type: ignore[no-untyped-call]
            if not 200 <= response.status <= 299:
                raise ApiException(http_resp=response)
        except (ApiException, ConfigException, u3.HTTPError, OSError) as e:
            error = translate(e, verb=verb, kind=kind, namespace=namespace, name=name, server=self._server)
            budget.note_failure(error)
            raise error from e
        return _decode(data, info)

    def stream(
        self, path: str, *, verb: str, kind: Kind | None, namespace: str | None, query: Query, timeout: float
    ) -> Iterator[dict[str, Any]]:
        """GET a streaming endpoint (a watch) and yield each JSON line; ClusterError when it cannot be opened."""
        try:
            who = self._acting_as.headers() if self._acting_as is not None else []
            own_token = not any(name == "Authorization" for name, _ in who)
            serialized = self._api.param_serialize(
                "GET",
                path,
                query_params=list(query),
                header_params={"Accept": "application/json"},
                auth_settings=["BearerToken"] if own_token else [],
            )
            method, url, header_params, payload, post_params = _with_headers(serialized, who)
            response = self._api.call_api(
                method, url, header_params, payload, post_params, _request_timeout=(self._timeout, timeout)
            )
            if not 200 <= response.status <= 299:
                response.read()  # type: ignore[no-untyped-call]
                raise ApiException(http_resp=response)
        except (ApiException, ConfigException, u3.HTTPError, OSError) as e:
            raise translate(e, verb=verb, kind=kind, namespace=namespace, server=self._server) from e
        raw = response.response
        buffer = b""
        try:
            for chunk in raw.stream(4096, decode_content=True):
                buffer += chunk
                while b"\n" in buffer:
                    line, buffer = buffer.split(b"\n", 1)
                    if line.strip():
                        yield json.loads(line)
        except (u3.HTTPError, OSError, ValueError) as e:
            raise Unreachable(summary=f"The watch on {path} broke: {e}", verb=verb) from e
        finally:
            raw.close()  # never back to the pool: a watch connection is not reused

    def _check_budget(self, info: RequestInfo) -> None:
        spent = budget.unanswered()
        if spent is None:
            return
        raise Skipped(
            summary=sentence(
                f"{info.cluster} did not answer an earlier request within {self._timeout:g} s, so the request to "
                f"{info.verb or 'reach'} {info.target} was not sent."
            ),
            hint="The page shows what it could read. It asks again on the next refresh; if the API server keeps "
            "hanging, check its health and your network.",
            **info.fields(None, "NotSentAfterTimeout"),
        )


def _decode(data: Any, info: RequestInfo) -> Any:
    """The JSON of a 2xx answer; BadAnswer when it is not JSON (a proxy's page, or an answer cut short)."""
    if not data:
        return {}
    try:
        return json.loads(data)
    except ValueError as e:
        text = data.decode("utf-8", "replace") if isinstance(data, bytes) else str(data)
        looks_cut = text.lstrip().startswith(("{", "[")) and not text.rstrip().endswith(("}", "]"))
        why = "was cut off before its end" if looks_cut else "is not JSON"
        raise BadAnswer(
            summary=sentence(f"the answer of {info.cluster} to {info.verb} {info.target} {why} ({_reason(e)})."),
            hint="Try again; if it persists, check that the server URL points at a Kubernetes API server and "
            "not at a proxy or a login page.",
            **info.fields(None, "MalformedAnswer"),
        ) from e


def _reason(error: ValueError) -> str:
    return str(getattr(error, "msg", error))


def _with_headers(serialized: tuple[Any, ...], extra: list[tuple[str, str]]) -> tuple[Any, ...]:
    """``param_serialize``'s answer with ``extra`` headers added; a repeated name is sent once per value."""
    if not extra:
        return serialized
    method, url, headers, *rest = serialized
    combined = HTTPHeaderDict(headers or {})
    for name, value in extra:
        combined.add(name, value)
    return (method, url, combined, *rest)
