"""The project's API emulator served over TLS, as an API server is seen from inside a pod.

In-cluster mode always speaks https to ``KUBERNETES_SERVICE_HOST:PORT`` and trusts the
service account's ``ca.crt``. ``EmulatorThread`` serves plain http, so this subclass serves the
same emulator with a certificate from a throwaway CA (trustme); the test writes that CA's
certificate where the pod's ``ca.crt`` would be.
"""

from __future__ import annotations

import asyncio
import ssl
from functools import partial
from typing import Any

import kmock
from aiohttp.test_utils import RawTestServer

from modelfs_lib.demo.emulator import ClusterEmulator
from modelfs_lib.demo.runner import EmulatorThread


class _TlsRawTestServer(RawTestServer):
    """aiohttp's raw test server, listening with ``ssl_context``."""

    def __init__(self, handler: Any, *, ssl_context: ssl.SSLContext, **kwargs: Any) -> None:
        super().__init__(handler, **kwargs)
        self._tls = ssl_context

    async def __aenter__(self) -> _TlsRawTestServer:
        await self.start_server(loop=self._loop, ssl=self._tls)
        return self


class TlsEmulatorThread(EmulatorThread):
    """An :class:`EmulatorThread` whose url is ``https://127.0.0.1:<port>``."""

    def __init__(self, emulator: ClusterEmulator, *, ssl_context: ssl.SSLContext) -> None:
        super().__init__(emulator)
        self._ssl_context = ssl_context

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        server_cls = partial(_TlsRawTestServer, ssl_context=self._ssl_context)
        async with self.emulator, kmock.Server(self.emulator, host="127.0.0.1", server_cls=server_cls) as server:
            self._url = f"https://127.0.0.1:{server.port}"
            self._ready.set()
            await self._stop.wait()
