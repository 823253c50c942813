"""A tiny API server on 127.0.0.1 that answers canned responses per (method, path).

Reusable by any client test: route what a test needs, point a kubeconfig at
``server.url`` (see :func:`write_kubeconfig`), and read ``server.requests`` to see
exactly what reached the server. Unrouted paths answer the plain-text 404 a real
API server gives for a resource type it does not serve.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

import yaml

from modelfs_lib.client.status import StatusCauseWire, StatusWire


@dataclass(frozen=True)
class Canned:
    """One response: a dict body is sent as JSON, a str as text; ``delay`` seconds first."""

    status: int = 200
    body: Mapping[str, Any] | str = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass(frozen=True)
class Recorded:
    """One request as it reached the server (header names in lower case)."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: Any

    def param(self, key: str) -> str | None:
        """The single value of query parameter ``key``, or None."""
        values = self.query.get(key)
        return values[0] if values else None


def status_body(
    code: int, reason: str, message: str, *, name: str = "", kind: str = "", causes: list[StatusCauseWire] | None = None
) -> StatusWire:
    """A ``metav1.Status`` failure body as a real API server sends it."""
    body: StatusWire = {"kind": "Status", "status": "Failure", "message": message, "reason": reason, "code": code}
    if name or kind or causes:
        body["details"] = {"name": name, "kind": kind, **({"causes": causes} if causes else {})}
    return body


class CannedServer:
    """Serves canned responses on 127.0.0.1 from a background thread; use as a context manager."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], list[Canned]] = {}
        self.requests: list[Recorded] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._httpd = _Server(("127.0.0.1", 0), _handler_for(self))
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05})

    @property
    def url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def route(self, method: str, path: str, *canned: Canned) -> None:
        """Answer ``method path`` (path without query) with ``canned`` in turn; the last one repeats."""
        self.routes[(method.upper(), path)] = list(canned)

    def __enter__(self) -> CannedServer:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self._stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()

    def answer(self, method: str, target: str, headers: dict[str, str], raw: bytes) -> Canned:
        """Record the request and pick its canned response."""
        parts = urlsplit(target)
        text = raw.decode("utf-8", "replace")
        try:
            body: Any = json.loads(text) if text else None
        except ValueError:
            body = text
        with self._lock:
            lowered = {key.lower(): value for key, value in headers.items()}
            self.requests.append(Recorded(method, parts.path, parse_qs(parts.query), lowered, body))
            queue = self.routes.get((method, parts.path))
            if not queue:
                return Canned(404, "404 page not found\n")
            return queue.pop(0) if len(queue) > 1 else queue[0]

    def wait(self, seconds: float) -> None:
        """Sleep up to ``seconds``, waking early when the server stops."""
        self._stop.wait(seconds)


class _Server(ThreadingHTTPServer):
    daemon_threads = False  # server_close() joins the handler threads

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that hang up early (timeouts, TLS probes) are expected; stay quiet."""


def _handler_for(server: CannedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            canned = server.answer(self.command, self.path, dict(self.headers.items()), raw)
            if canned.delay:
                server.wait(canned.delay)
            is_text = isinstance(canned.body, str)
            payload = (canned.body if isinstance(canned.body, str) else json.dumps(canned.body)).encode()
            self.send_response(canned.status)
            self.send_header("Content-Type", "text/plain; charset=utf-8" if is_text else "application/json")
            self.send_header("Content-Length", str(len(payload)))
            for key, value in canned.headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _serve

        def log_message(self, format: str, *args: Any) -> None:
            """Keep test output clean."""

    return Handler


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (connections are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def kubeconfig(
    server: str, *, token: str = "t0ken", context: str = "test", extra_contexts: tuple[str, ...] = ()
) -> dict[str, Any]:
    """A kubeconfig whose contexts all point at ``server`` with a bearer token."""
    names = (context, *extra_contexts)
    return {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{"name": "canned", "cluster": {"server": server}}],
        "users": [{"name": "tester", "user": {"token": token}}],
        "contexts": [{"name": n, "context": {"cluster": "canned", "user": "tester"}} for n in names],
        "current-context": context,
    }


def write_kubeconfig(path: Path, config: Mapping[str, Any]) -> Path:
    """Write ``config`` as YAML to ``path`` and return it."""
    path.write_text(yaml.safe_dump(dict(config)), encoding="utf-8")
    return path
