"""The one cluster connection per process: a real cluster, or the embedded demo cluster."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st

from modelfs_lib.client import ActingAs, ClusterClient, discover
from modelfs_lib.errors import ConfigError
from modelfs_lib.ui.settings import load_settings

if TYPE_CHECKING:  # the demo cluster (kmock, aiohttp) is imported only when it is started
    from modelfs_lib.demo import DemoCluster


@dataclass(frozen=True)
class Connection:
    """A connected client and what the context indicator shows about it."""

    client: ClusterClient
    context: str
    server: str
    contexts: tuple[str, ...]
    demo: bool
    note: str = ""

    def acting_as(self, who: ActingAs | None) -> Connection:
        """This connection with its requests made for ``who`` (itself when ``who`` is None)."""
        return self if who is None else replace(self, client=self.client.acting_as(who))

    @property
    def label(self) -> str:
        """ "demo cluster", or the context name."""
        return "demo cluster" if self.demo else self.context


@st.cache_resource(show_spinner="Starting the embedded demo cluster…")
def demo_cluster() -> tuple[DemoCluster, str]:
    """The embedded demo cluster of this process, and a kubeconfig pointing at it."""
    from modelfs_lib.demo import DemoCluster  # here: a real cluster never loads the emulator

    cluster = DemoCluster().start()
    path = Path(tempfile.mkdtemp(prefix="modelfs-ui-demo-")) / "kubeconfig"
    cluster.write_kubeconfig(path)
    return cluster, str(path)


@st.cache_resource(show_spinner=False)
def connect(demo: bool, kubeconfig: str | None, context: str | None) -> Connection:
    """Connect once per (demo, kubeconfig, context) and share it across browser sessions.

    Without any kubeconfig or in-cluster configuration, the demo cluster is used,
    unless ``MODELFS_UI_DEMO_FALLBACK=0`` (as in the Helm chart) makes that an error.
    """
    note = ""
    config = None if demo else discover(kubeconfig=kubeconfig, context=context)
    if config is None and not demo and not load_settings().demo_fallback:
        raise ConfigError(
            "No kubeconfig and no in-cluster service account were found, and the demo fallback is off "
            "(MODELFS_UI_DEMO_FALLBACK=0). Mount the service-account token or set KUBECONFIG."
        )
    if config is None:
        if not demo:
            note = "No kubeconfig or in-cluster service account was found, so this is the embedded demo cluster."
        _, demo_config = demo_cluster()
        config = discover(kubeconfig=demo_config)
        demo = True
        assert config is not None
    client = ClusterClient.connect(config, timeout_seconds=load_settings().request_timeout)
    return Connection(
        client=client, context=config.context, server=config.server, contexts=config.contexts, demo=demo, note=note
    )
