"""Finding the cluster configuration: kubeconfig files, or the pod's service account.

Order: an explicit ``kubeconfig`` argument, else ``$KUBECONFIG`` (files separated by
``os.pathsep``), else ``~/.kube/config``; then in-cluster. Files merge as kubectl
merges them: the first file that names a context, cluster or current-context wins.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import yaml

from modelfs_lib.errors import ConfigError

SERVICE_ACCOUNT_DIR_ENV = "MODELFS_UI_SERVICEACCOUNT_DIR"
DEFAULT_SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount"
IN_CLUSTER_CONTEXT = "in-cluster"


@dataclass(frozen=True)
class ClusterConfig:
    """Where the cluster is and how it was found.

    ``path`` is the kubeconfig file list (joined with ``os.pathsep``) or the
    service-account directory; ``server`` is empty when the context names no cluster.
    """

    source: Literal["kubeconfig", "in-cluster"]
    path: str
    contexts: tuple[str, ...]
    context: str
    server: str


def discover(*, kubeconfig: str | None = None, context: str | None = None) -> ClusterConfig | None:
    """The cluster configuration to use, or None when there is none.

    Without ``context`` the kubeconfig's current-context is used (the first context
    when it names none or one that does not exist). Raises ConfigError when a file is
    malformed or ``context`` is not in it.
    """
    env = os.environ.get("KUBECONFIG", "")
    if kubeconfig is not None:
        found = _from_kubeconfig(kubeconfig, context=context, required=True)
    else:
        found = _from_kubeconfig(env or os.path.join("~", ".kube", "config"), context=context, required=False)
    return found if found is not None else _in_cluster(context)


def _from_kubeconfig(paths: str, *, context: str | None, required: bool) -> ClusterConfig | None:
    files = [os.path.expanduser(p) for p in paths.split(os.pathsep) if p]
    present = [p for p in files if os.path.isfile(p)]
    if required and not present:
        raise ConfigError(f"The kubeconfig file {paths} does not exist.")
    used: list[str] = []
    merged: dict[str, dict[str, Mapping[str, Any]]] = {"clusters": {}, "contexts": {}, "users": {}}
    current = ""
    for path in present:
        data = _read(path)
        if not data:
            continue
        used.append(path)
        for section, entries in merged.items():
            for name, entry in _named(data, section, path):
                entries.setdefault(name, entry)
        current = current or _text(data.get("current-context"), "current-context", path)
    contexts = tuple(merged["contexts"])
    if not contexts:
        return None
    chosen = _choose(context, current, contexts)
    cluster_name = merged["contexts"][chosen].get("cluster")
    cluster = merged["clusters"].get(cluster_name) if isinstance(cluster_name, str) else None
    server = cluster.get("server") if cluster is not None else None
    return ClusterConfig(
        source="kubeconfig",
        path=os.pathsep.join(used),
        contexts=contexts,
        context=chosen,
        server=server.rstrip("/") if isinstance(server, str) else "",
    )


def _choose(context: str | None, current: str, contexts: tuple[str, ...]) -> str:
    if context is None:
        return current if current in contexts else contexts[0]
    if context not in contexts:
        raise ConfigError(f"The kubeconfig has no context named {context!r}; it has {', '.join(contexts)}.")
    return context


def _read(path: str) -> Mapping[str, Any]:
    try:
        with open(path, encoding="utf-8") as f:
            data = yaml.safe_load(f)
    except OSError as e:
        raise ConfigError(f"The kubeconfig file {path} could not be read: {e.strerror or e}.") from e
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(e, "problem", None) or "syntax error"
        raise ConfigError(f"The kubeconfig file {path} is not valid YAML{where}: {problem}.") from e
    except UnicodeDecodeError as e:
        raise ConfigError(f"The kubeconfig file {path} is not a text file.") from e
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"The kubeconfig file {path} should hold a mapping, not a {type(data).__name__}.")
    return data


def _named(data: Mapping[str, Any], section: str, path: str) -> list[tuple[str, Mapping[str, Any]]]:
    """``[(name, body)]`` of a kubeconfig list such as ``contexts`` (body = the ``context`` key)."""
    raw = data.get(section)
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise ConfigError(f"The kubeconfig file {path} has a malformed {section} section: it should be a list.")
    result: list[tuple[str, Mapping[str, Any]]] = []
    for index, entry in enumerate(raw, start=1):
        name = entry.get("name") if isinstance(entry, dict) else None
        body = entry.get(section[:-1]) if isinstance(entry, dict) else None
        if not isinstance(name, str) or not name or not isinstance(body, (dict, type(None))):
            raise ConfigError(
                f"The kubeconfig file {path} has a malformed {section} entry (number {index}): "
                f"each needs a name and a {section[:-1]} mapping."
            )
        result.append((name, body or {}))
    return result


def _text(value: Any, key: str, path: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ConfigError(f"The kubeconfig file {path} has a malformed {key}: it should be a string.")
    return value


def _in_cluster(context: str | None) -> ClusterConfig | None:
    host = os.environ.get("KUBERNETES_SERVICE_HOST", "")
    port = os.environ.get("KUBERNETES_SERVICE_PORT", "")
    directory = os.environ.get(SERVICE_ACCOUNT_DIR_ENV) or DEFAULT_SERVICE_ACCOUNT_DIR
    if not host or not port or not os.path.isfile(os.path.join(directory, "token")):
        return None
    if context not in (None, IN_CLUSTER_CONTEXT):
        raise ConfigError(f"No kubeconfig was found, so the context {context!r} does not exist; only in-cluster.")
    server = f"https://[{host}]:{port}" if ":" in host else f"https://{host}:{port}"
    return ClusterConfig(
        source="in-cluster", path=directory, contexts=(IN_CLUSTER_CONTEXT,), context=IN_CLUSTER_CONTEXT, server=server
    )
