"""The one registry of kinds agrees with the CRDs the operator ships and with what the demo serves."""

from __future__ import annotations

import pytest

from modelfs_lib.demo.resource_types import load_crds, types_from_crd
from modelfs_lib.demo.store import ObjectStore
from modelfs_lib.resources import Model, Pod
from modelfs_lib.resources.registry import (
    BUILTIN_KINDS,
    OPERATOR_CLASSES,
    RESOURCE_CLASSES,
    kind_for,
    kind_named,
)


def test_the_operator_kinds_are_those_of_the_crds() -> None:
    from_crds = {
        (t.group, t.version, t.plural, t.kind, t.namespaced) for crd in load_crds() for t in types_from_crd(crd)
    }
    registered = {(k.group, k.version, k.plural, k.kind, k.namespaced) for k in (c.KIND for c in OPERATOR_CLASSES)}
    assert registered == from_crds


def test_the_demo_serves_every_registered_kind() -> None:
    served = {(t.group, t.version, t.plural, t.kind, t.namespaced) for t in ObjectStore().types()}
    wanted = [*(cls.KIND for cls in RESOURCE_CLASSES), *BUILTIN_KINDS]
    assert {(k.group, k.version, k.plural, k.kind, k.namespaced) for k in wanted} <= served


def test_lookups_by_name_by_api_version_and_by_plural() -> None:
    assert kind_for("model.samzong.dev/v1", "Model") == Model.KIND
    assert kind_named("pods", "") == Pod.KIND
    assert kind_named("widgets", "example.com") is None
    with pytest.raises(ValueError, match="does not know the kind Pod"):
        kind_for("v1", "Pod")
