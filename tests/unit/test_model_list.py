"""The Models list derived once from whole lists: the findings of diagnosing each Model on everything, and lookups."""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import replace
from typing import Any

from modelfs_lib.demo.seed import seed_objects
from modelfs_lib.demo.seed_catalog import MAIN_NAMESPACE
from modelfs_lib.domain.diagnosis import ModelEvidence, diagnose
from modelfs_lib.domain.model_list import build_index, derive_model_list, update_model_list
from modelfs_lib.domain.reference_audit import references_by_model
from modelfs_lib.resources import Dataset, Model, ModelSource, Namespace
from modelfs_lib.ui.data import Unshared, VersionMemo

NOW = dt.datetime(2026, 11, 29, 12, 0, tzinfo=dt.UTC)


def seeded() -> dict[str, list[Any]]:
    objects = seed_objects(now=NOW)
    parse = {"Model": Model, "ModelSource": ModelSource, "Dataset": Dataset, "Namespace": Namespace}
    found: dict[str, list[Any]] = {kind: [] for kind in parse}
    for obj in objects:
        if obj["kind"] in parse:
            found[obj["kind"]].append(parse[obj["kind"]].from_dict(obj))
    return found


def whole_list_findings(lists: dict[str, list[Any]], model: Model) -> list[Any]:
    """What the detail page's diagnosis gives: every Dataset, every sibling, every namespace."""
    siblings = [m.name for m in lists["Model"] if m.namespace == model.namespace and m.name != model.name]
    here = [d for d in lists["Dataset"] if d.namespace == model.namespace]
    elsewhere: dict[str, list[Dataset]] = {}
    for d in lists["Dataset"]:
        if d.namespace != model.namespace:
            elsewhere.setdefault(d.namespace, []).append(d)
    sources = [s for s in lists["ModelSource"] if s.namespace == model.namespace]
    return diagnose(
        ModelEvidence(
            model=model,
            now=NOW,
            source=next((s for s in sources if s.name == model.source_ref), None),
            sources_read=True,
            datasets=here,
            references=references_by_model([model], [d for ds in elsewhere.values() for d in ds], model_names=siblings)[
                model.name
            ],
            namespaces=lists["Namespace"],
            sibling_models=tuple(siblings),
        )
    )


def test_the_derived_findings_equal_each_models_diagnosis_on_the_whole_lists() -> None:
    lists = seeded()
    models = sorted((m for m in lists["Model"] if m.namespace == MAIN_NAMESPACE), key=lambda m: m.name)
    derived = derive_model_list(
        models,
        sources=[s for s in lists["ModelSource"] if s.namespace == MAIN_NAMESPACE],
        datasets=[d for d in lists["Dataset"] if d.namespace == MAIN_NAMESPACE],
        everywhere=lists["Dataset"],
        namespaces=lists["Namespace"],
        now=NOW,
    )
    assert derived.complete
    assert sum(len(f) for f in derived.findings.values()) > 10  # the demo's flawed Models do have findings
    for model in models:
        assert derived.findings[model.name] == whole_list_findings(lists, model), model.name
    assert [row.name for row in derived.rows] == [m.name for m in models]
    assert any(row.finding for row in derived.rows)


def test_an_incomplete_list_has_rows_and_no_findings_yet() -> None:
    lists = seeded()
    models = [m for m in lists["Model"] if m.namespace == MAIN_NAMESPACE]
    derived = derive_model_list(models, sources=None, datasets=None, everywhere=None, namespaces=None, complete=False)
    assert not derived.complete
    assert derived.findings == {}
    assert len(derived.rows) == len(models)
    assert all(row.source_type == "unknown" and not row.finding for row in derived.rows)


def model(name: str, uid: str = "", labels: dict[str, str] | None = None) -> Model:
    return Model.from_dict(
        {
            "metadata": {"name": name, "namespace": "ns", "uid": uid, "labels": labels or {}},
            "spec": {"sourceRef": "hf", "versions": [{"name": "v1", "repo": "org/r"}]},
        }
    )


def dataset(name: str, owner: str = "", owner_uid: str = "") -> Dataset:
    refs = [{"apiVersion": "model.samzong.dev/v1", "kind": "Model", "name": owner, "uid": owner_uid}] if owner else []
    spec = {"source": {"type": "HUGGING_FACE", "uri": "huggingface://org/r"}}
    return Dataset.from_dict({"metadata": {"name": name, "namespace": "ns", "ownerReferences": refs}, "spec": spec})


def test_the_index_finds_datasets_by_name_and_owner_labels_and_confusable_siblings() -> None:
    models = [model("a", "uid-a", {"team": "x"}), model("a-b", "uid-ab", {"team": "x"}), model("ab", "uid-2")]
    datasets = [
        dataset("mdl-a-v1"),
        dataset("mdl-a-old", owner="a", owner_uid="uid-a"),
        dataset("mdl-a-b-v1", owner="a-b", owner_uid="uid-ab"),
        dataset("stolen", owner="a", owner_uid="uid-other"),  # same name, another uid: not a's
    ]
    index = build_index(models, datasets)
    assert [d.name for d in index.by_owner["a"]] == ["mdl-a-old", "mdl-a-v1"]
    assert [d.name for d in index.by_owner["a-b"]] == ["mdl-a-b-v1"]
    assert index.by_label["team=x"] == ("a", "a-b")
    assert index.longer_siblings("a") == ("a-b",)
    assert index.longer_siblings("a-b") == ()
    assert build_index(models, None).datasets is None


def test_the_memo_computes_once_per_inputs_and_again_for_new_objects() -> None:
    memo = VersionMemo()
    first, second = tuple([1, 2]), tuple([1, 2])  # equal but not the same objects: a new snapshot
    calls: list[int] = []

    def compute() -> object:
        calls.append(1)
        return object()

    a = memo.get("slot", (first,), compute)
    assert memo.get("slot", (first,), compute) is a
    assert len(calls) == 1
    b = memo.get("slot", (second,), compute)
    assert b is not a and len(calls) == 2
    assert memo.get("slot", (Unshared(True, "NoneType"),), compute) is not b
    pending = memo.get("slot", (Unshared(True, "NoneType"),), compute)
    assert memo.get("slot", (Unshared(True, "NoneType"),), compute) is pending  # equal states: kept
    assert memo.computed == 3


def test_sessions_asking_at_once_wait_for_one_computation() -> None:
    memo = VersionMemo()
    inputs = ((1,),)
    calls: list[int] = []
    results: list[object] = []

    def slow() -> object:
        calls.append(1)
        time.sleep(0.2)
        return object()

    threads = [threading.Thread(target=lambda: results.append(memo.get("s", inputs, slow))) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1
    assert len({id(r) for r in results}) == 1


def test_the_memo_keeps_a_bounded_number_of_slots() -> None:
    memo = VersionMemo(slots=2)
    keep = ((1,),)
    memo.get("a", keep, object)
    memo.get("b", keep, object)
    memo.get("c", keep, object)
    before = memo.computed
    memo.get("a", keep, object)  # dropped: computed again
    assert memo.computed == before + 1


def derive_main(lists: dict[str, list[Any]], models: list[Model]) -> Any:
    return derive_model_list(
        sorted(models, key=lambda m: m.name),
        sources=[s for s in lists["ModelSource"] if s.namespace == MAIN_NAMESPACE],
        datasets=[d for d in lists["Dataset"] if d.namespace == MAIN_NAMESPACE],
        everywhere=lists["Dataset"],
        namespaces=lists["Namespace"],
        now=NOW,
    )


def update_main(lists: dict[str, list[Any]], previous: Any, models: list[Model]) -> Any:
    return update_model_list(
        previous,
        sorted(models, key=lambda m: m.name),
        sources=[s for s in lists["ModelSource"] if s.namespace == MAIN_NAMESPACE],
        everywhere=lists["Dataset"],
        namespaces=lists["Namespace"],
        now=NOW,
    )


def test_a_changed_model_is_derived_again_alone_and_the_list_equals_a_whole_derivation() -> None:
    lists = seeded()
    models = [m for m in lists["Model"] if m.namespace == MAIN_NAMESPACE]
    previous = derive_main(lists, models)
    target = next(m for m in models if m.synced_versions)
    failed = replace(target, synced_versions=tuple(replace(s, phase="FAILED") for s in target.synced_versions))
    changed = [failed if m is target else m for m in models]
    updated = update_main(lists, previous, changed)
    whole = derive_main(lists, changed)
    assert updated.rows == whole.rows
    assert updated.findings == whole.findings
    assert updated.stale_errors == whole.stale_errors
    assert updated.index.by_name[target.name] is failed
    assert next(r for r in updated.rows if r.name == target.name).status.label == "Failed"
    untouched = next(m for m in models if m is not target)
    assert updated.findings[untouched.name] is previous.findings[untouched.name]  # not diagnosed again


def test_an_added_or_removed_model_needs_the_whole_derivation() -> None:
    lists = seeded()
    models = [m for m in lists["Model"] if m.namespace == MAIN_NAMESPACE]
    previous = derive_main(lists, models)
    assert update_main(lists, previous, models[1:]) is None
    renamed = replace(models[0], meta=replace(models[0].meta, name="zz-new"))
    assert update_main(lists, previous, [renamed, *models[1:]]) is None
    assert update_main(lists, previous, models) is previous  # nothing changed


def test_the_memo_updates_the_kept_value_when_the_update_can() -> None:
    memo = VersionMemo()
    calls: list[str] = []
    able = [True]

    def compute() -> str:
        calls.append("compute")
        return "whole"

    def update(old_inputs: tuple[object, ...], old: str) -> str | None:
        calls.append("update")
        return f"{old}+1" if able[0] else None

    first, second, third = tuple([0]), tuple([1]), tuple([2])  # new objects: new snapshots
    assert memo.get("s", (first,), compute, update) == "whole"
    assert memo.get("s", (first,), compute, update) == "whole"  # the same inputs: kept, nothing called
    assert memo.get("s", (second,), compute, update) == "whole+1"
    able[0] = False
    assert memo.get("s", (third,), compute, update) == "whole"  # the update could not: computed
    assert calls == ["compute", "update", "update", "compute"]
