"""An emulator that records, for every request it receives, what the API server's authorizer would check."""

from __future__ import annotations

import threading

import aiohttp.web
import attrs
import kmock

from modelfs_lib.demo.emulator import ClusterEmulator
from modelfs_lib.demo.request_attributes import RequestAttributes, resource_attributes


@attrs.define(kw_only=True)
class RecordingEmulator(ClusterEmulator):
    """:class:`ClusterEmulator` that keeps the set of RBAC checks its requests needed (no size limit)."""

    checks: set[RequestAttributes] = attrs.field(factory=set)
    _checks_lock: threading.Lock = attrs.field(factory=threading.Lock)

    async def _handle(self, request: kmock.Request) -> aiohttp.web.StreamResponse:
        request = self.addressed(request)
        method = request.method.value.upper() if request.method else "GET"
        content_type = request.headers.get("Content-Type", "").split(";")[0].strip()
        creates = self._applies_to_a_missing_object(request, method, content_type)
        found = resource_attributes(
            method, request.url.path, dict(request.params), dict(request.headers), creates=creates
        )
        with self._checks_lock:
            self.checks.update(found)
        return await super()._handle(request)

    def recorded(self) -> set[RequestAttributes]:
        """A copy of what was recorded so far."""
        with self._checks_lock:
            return set(self.checks)

    def clear_checks(self) -> None:
        """Forget what was recorded."""
        with self._checks_lock:
            self.checks.clear()
