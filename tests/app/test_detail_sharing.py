"""The Sharing tab against the seeded demo: matched namespaces, both readings, the audit, stale deletion, gaps."""

from __future__ import annotations

import re
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.ui.state import key
from tests.app.conftest import add_object, app
from tests.app.day2 import LLAMA, NS, QWEN, find_dataset, harness, text

pytestmark = pytest.mark.usefixtures("uncached_reads")

STALE = f"share-{NS}-{QWEN}-fp16"


def stale_key(part: str, model: str) -> str:
    """The key of one stale-reference widget of ``model`` in NS."""
    return key(f"sharing.stale.{part}", NS, model)


GROUP = "dataset.baizeai.io"


def table(at: AppTest, *columns: str) -> Any:
    """The one dataframe with these columns."""
    [frame] = [df.value for df in at.dataframe if set(columns) <= set(df.value.columns)]
    return frame


def audit(at: AppTest) -> list[tuple[str, str, str]]:
    frame = table(at, "Version", "Namespace", "State", "REFERENCE Dataset")
    return list(zip(frame["Version"], frame["Namespace"], frame["State"], strict=True))


def add_reference(cluster: EmulatorThread, namespace: str, version: str) -> dict[str, Any]:
    return add_object(
        cluster,
        {
            "apiVersion": f"{GROUP}/v1alpha1",
            "kind": "Dataset",
            "metadata": {"name": f"share-{NS}-{QWEN}-{version}", "namespace": namespace},
            "spec": {"source": {"type": "REFERENCE", "uri": f"dataset://{NS}/mdl-{QWEN}-{version}"}},
        },
        namespace=namespace,
    )


def test_each_shared_version_lists_the_namespaces_it_selects(seeded: EmulatorThread) -> None:
    at = harness(part="sharing").run()
    assert not at.exception
    page = text(at)
    assert "**fp16** · selector `team=serving` · requireOptInLabel `modelfs.samzong.dev/share`" in page
    assert "Shared with 2 namespace(s): `inference`, `staging`" in page
    assert "Not shared: int4, int8, awq." in page


def test_the_controllers_reading_of_the_opt_in_label_is_shown_beside_the_documented_one(seeded: EmulatorThread) -> None:
    at = harness(LLAMA, part="sharing").run()
    warnings = "\n".join(w.value for w in at.warning)
    assert "reads requireOptInLabel `team=serving` differently and shares with: no namespace" in warnings
    assert "As documented: `inference`, `staging`" in warnings
    assert audit(at) == [("instruct", "inference", "missing"), ("instruct", "staging", "missing")]


def test_the_audit_tells_present_missing_and_stale(seeded: EmulatorThread) -> None:
    at = harness(part="sharing").run()
    assert audit(at) == [
        ("fp16", "inference", "present"),
        ("fp16", "research", "stale"),
        ("fp16", "staging", "missing"),
    ]
    reasons = table(at, "State", "Why")["Why"].tolist()
    assert "no longer matches" in reasons[1]


def test_a_selector_that_matches_nothing_is_warned_about(seeded: EmulatorThread) -> None:
    store = seeded.emulator.store
    models = store.rtype("model.samzong.dev", "models")
    live = store.get(models, NS, QWEN)
    versions = live["spec"]["versions"]
    versions[0]["share"]["namespaceSelector"] = {
        "matchExpressions": [{"key": "team", "operator": "In", "values": ["nobody"]}]
    }
    store.patch(models, NS, QWEN, {"spec": {"versions": versions}}, patch_type="merge")
    at = harness(part="sharing").run()
    assert any("No namespace matches this selector" in w.value for w in at.warning)
    assert ("fp16", "inference", "stale") in audit(at)


def test_a_stale_reference_is_deleted_after_typing_its_name(seeded: EmulatorThread) -> None:
    stored = find_dataset(seeded, STALE, "research")
    assert stored is not None
    at = harness(part="sharing").run()
    assert at.selectbox(key=stale_key("pick", QWEN)).value == f"research/{STALE}"
    at.button(key=stale_key("one", QWEN)).click().run()
    at.button(key=stale_key("confirm", QWEN) + ".button").click().run()  # nothing typed: refused
    assert not seeded.emulator.received_matching("DELETE", "/datasets/")
    at.text_input(key=stale_key("confirm", QWEN) + ".typed").input(STALE)
    at.button(key=stale_key("confirm", QWEN) + ".button").click().run()

    assert not at.exception
    [sent] = seeded.emulator.received_matching("DELETE", f"/namespaces/research/datasets/{STALE}$")
    assert sent.body["preconditions"] == {"resourceVersion": stored["metadata"]["resourceVersion"]}
    assert find_dataset(seeded, STALE, "research") is None
    assert f"Deleted research/{STALE}." in text(at)
    assert ("fp16", "research", "stale") not in audit(at)


def test_all_stale_references_are_deleted_together(seeded: EmulatorThread) -> None:
    add_reference(seeded, "default", "int4")  # int4 is not shared
    at = harness(part="sharing").run()
    all_button = at.button(key=stale_key("all", QWEN))
    assert all_button.label == "Delete all (2)…"
    all_button.click().run()
    at.text_input(key=stale_key("confirm", QWEN) + ".typed").input(QWEN)
    at.button(key=stale_key("confirm", QWEN) + ".button").click().run()
    assert not at.exception
    deleted = {r.path for r in seeded.emulator.received_matching("DELETE", "/datasets/")}
    assert deleted == {
        f"/apis/{GROUP}/v1alpha1/namespaces/research/datasets/{STALE}",
        f"/apis/{GROUP}/v1alpha1/namespaces/default/datasets/share-{NS}-{QWEN}-int4",
    }


def test_deleting_in_a_namespace_you_may_not_is_disabled_with_the_reason(seeded: EmulatorThread) -> None:
    seeded.emulator.access.deny("delete", "datasets", group=GROUP, namespace="research")
    at = harness(part="sharing").run()
    assert at.button(key=stale_key("one", QWEN)).disabled
    assert at.button(key=stale_key("all", QWEN)).disabled
    assert "You may not delete Datasets in: research." in text(at)


def test_a_namespace_whose_datasets_may_not_be_listed_is_named(seeded: EmulatorThread) -> None:
    seeded.emulator.access.deny("list", "datasets", group=GROUP, namespace="staging")
    forbid_listing_datasets_cluster_wide(seeded)  # as RBAC would: a cluster-wide list needs every namespace
    at = harness(part="sharing").run()
    assert not at.exception
    assert any("could not be listed in 1 namespace(s): staging" in w.value for w in at.warning)
    assert ("fp16", "staging", "not readable") in audit(at)


def test_when_namespaces_may_not_be_listed_the_audit_says_what_it_could_not_do(seeded: EmulatorThread) -> None:
    seeded.emulator.access.deny("list", "namespaces")
    at = harness(part="sharing").run()
    assert not at.exception
    gaps = "\n".join(w.value for w in at.warning)
    assert "Which namespaces each version is shared with could not be worked out" in gaps
    frame = table(at, "Namespace", "REFERENCE Dataset", "URI")
    assert sorted(frame["Namespace"]) == ["inference", "research"]  # found cluster-wide, not classified
    assert not [b for b in at.button if b.label.startswith("Delete")]


def test_read_only_mode_shows_the_audit_without_delete_buttons(
    seeded: EmulatorThread, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MODELFS_UI_READONLY", "1")
    at = harness(part="sharing").run()
    assert ("fp16", "research", "stale") in audit(at)
    assert not [b for b in at.button if b.label.startswith("Delete")]


def forbid_listing_datasets_cluster_wide(cluster: EmulatorThread) -> None:
    """The API server refuses the cluster-wide Dataset list (and its watch); each namespace's list still works."""
    cluster.emulator.inject(
        rf"^/apis/{re.escape(GROUP)}/v1alpha1/datasets$",
        method="GET",
        status=403,
        reason="Forbidden",
        message=f'datasets.{GROUP} is forbidden: User "demo" cannot list resource "datasets" in API group '
        f'"{GROUP}" at the cluster scope',
    )


def test_the_delete_confirmation_names_the_stale_reference_the_sharing_tab_shows(seeded: EmulatorThread) -> None:
    """With the cluster-wide Dataset list refused, both search every other namespace, one list each."""
    forbid_listing_datasets_cluster_wide(seeded)
    sharing = harness(part="sharing").run()
    assert not sharing.exception
    assert ("fp16", "research", "stale") in audit(sharing)
    at = app()
    at.query_params["ns"] = NS
    at.query_params["model"] = QWEN
    at.run()
    at.button(key="models.detail.delete").click().run()
    assert not at.exception
    confirmation = "\n".join(m.value for m in at.markdown)
    assert f"`research/{STALE}`" in confirmation
