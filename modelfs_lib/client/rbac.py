"""REQUIRED_ACCESS: every RBAC permission the console's requests need, as its tests saw them sent.

Not written by hand: ``required_access.json`` beside this module is derived from the requests the
emulator receives while tests/app/test_access_derived.py drives every page, wizard and action
(``python -m tests.access.derive --write`` writes it, the chart's ``files/access.yaml`` and the
README's Permissions table together). That test fails while a request the console sends is missing
here, or a grant here is one no request needs.

Verbs are the ones the API server's authorizer checks (see :mod:`modelfs_lib.demo.request_attributes`
for how a request maps to them). ``server_version()`` reads ``/version``, a non-resource URL every
authenticated user may read, so it needs nothing here.
"""

from __future__ import annotations

import json
from pathlib import Path

Access = tuple[str, str, str]
"""``(verb, group, resource)``: ``group`` is ``""`` for the core API, ``resource`` the plural
(``plural/subresource`` for a subresource)."""

ACCESS_FILE = Path(__file__).with_name("required_access.json")


def _load(section: str) -> frozenset[Access]:
    document = json.loads(ACCESS_FILE.read_text(encoding="utf-8"))
    return frozenset((str(verb), str(group), str(resource)) for verb, group, resource in document[section])


CONTROLLER_ACCESS: frozenset[Access] = _load("controllerNamespace")
"""Needed only in the controller's namespace (a Role there grants it): every request for these went there."""

CLUSTER_ACCESS: frozenset[Access] = _load("cluster")
"""Needed in any namespace, or at the cluster scope (the ClusterRole grants it)."""

REQUIRED_ACCESS: frozenset[Access] = CLUSTER_ACCESS | CONTROLLER_ACCESS
"""Every ``(verb, group, resource)`` the console's requests need, and nothing more."""
