"""A version's life: PRESENT, ABSENT while the controller deletes its Dataset, then removable; the patches sent."""

from __future__ import annotations

from typing import Any

import pytest

from modelfs_lib.domain.manifests import with_share_toggled, with_version_state, without_version
from modelfs_lib.domain.version_lifecycle import (
    REMOVAL_EXPLANATION,
    Stage,
    consequences_of_absent,
    lifecycle,
    versions_patch,
    write_failure,
)
from modelfs_lib.errors import Conflict
from modelfs_lib.resources import Model

SHARED = {"enabled": True, "namespaceSelector": {"matchLabels": {"team": "serving"}}}


def model(
    int4_state: str = "PRESENT", observed: str | None = None, *, generation: int = 2, observed_generation: int = 2
) -> Model:
    synced: list[dict[str, Any]] = [{"name": "fp16", "phase": "READY", "observedState": "PRESENT"}]
    if observed is not None:
        synced.append({"name": "int4", "phase": "", "observedState": observed})
    return Model.from_dict(
        {
            "metadata": {"name": "qwen3", "namespace": "ml", "resourceVersion": "77", "generation": generation},
            "spec": {
                "sourceRef": "hf",
                "versions": [
                    {"name": "fp16", "repo": "q/q", "share": SHARED},
                    {"name": "int4", "repo": "q/q-int4", "state": int4_state},
                ],
            },
            "status": {"observedGeneration": observed_generation, "syncedVersions": synced},
        }
    )


def test_a_present_version_is_present_and_cannot_be_removed_before_it_is_absent() -> None:
    stage = lifecycle(model(observed="PRESENT"), "int4", dataset_exists=True)
    assert stage.stage is Stage.PRESENT
    assert stage.removal_blocker is not None
    assert "ABSENT first" in stage.removal_blocker


def test_an_absent_version_whose_dataset_still_exists_is_being_deleted() -> None:
    stage = lifecycle(model("ABSENT", observed="PRESENT"), "int4", dataset_exists=True)
    assert stage.stage is Stage.DELETING
    assert stage.removal_blocker is not None
    assert "still exists" in (stage.removal_blocker or "")


def test_an_absent_version_the_controller_has_not_seen_is_being_deleted() -> None:
    stage = lifecycle(model("ABSENT", observed="PRESENT", generation=3), "int4", dataset_exists=False)
    assert stage.stage is Stage.DELETING
    assert "not yet acted" in stage.text


def test_an_absent_version_whose_dataset_is_gone_may_be_removed() -> None:
    stage = lifecycle(model("ABSENT", observed="ABSENT"), "int4", dataset_exists=False)
    assert stage.stage is Stage.DELETED
    assert stage.removal_blocker is None
    assert "is gone" in stage.text


def test_without_the_dataset_list_the_status_decides() -> None:
    assert lifecycle(model("ABSENT", observed="ABSENT"), "int4", dataset_exists=None).stage is Stage.DELETED
    assert lifecycle(model("ABSENT", observed="PRESENT"), "int4", dataset_exists=None).stage is Stage.DELETING


def test_a_dataset_that_still_exists_blocks_removal_even_when_the_status_says_absent() -> None:
    stage = lifecycle(model("ABSENT", observed="ABSENT"), "int4", dataset_exists=True)
    assert stage.stage is Stage.DELETING
    assert stage.removal_blocker is not None


def test_an_unknown_version_is_missing() -> None:
    assert lifecycle(model(), "int8", dataset_exists=None).stage is Stage.MISSING


def test_the_explanation_says_why_deleting_goes_through_absent() -> None:
    assert "not cleaned up" in REMOVAL_EXPLANATION
    assert "ABSENT first" in REMOVAL_EXPLANATION


def test_setting_absent_sends_the_whole_version_list_against_the_read_version() -> None:
    patch = versions_patch(with_version_state(model(), "int4", "ABSENT"))
    assert patch["metadata"] == {"resourceVersion": "77"}
    assert [(v["name"], v["state"]) for v in patch["spec"]["versions"]] == [("fp16", "PRESENT"), ("int4", "ABSENT")]
    assert patch["spec"]["versions"][0]["share"] == SHARED
    assert set(patch) == {"metadata", "spec"}
    assert set(patch["spec"]) == {"versions"}


def test_removing_sends_the_other_versions() -> None:
    patch = versions_patch(without_version(model("ABSENT", observed="ABSENT"), "int4"))
    assert [v["name"] for v in patch["spec"]["versions"]] == ["fp16"]


def test_toggling_share_sends_the_whole_list_with_the_selector_kept() -> None:
    patch = versions_patch(with_share_toggled(model(), "fp16", False))
    assert patch["spec"]["versions"][0]["share"] == {**SHARED, "enabled": False}


def test_a_manifest_without_a_resource_version_makes_no_patch() -> None:
    manifest = with_version_state(model(), "int4", "ABSENT")
    del manifest["metadata"]["resourceVersion"]
    with pytest.raises(ValueError, match="resourceVersion"):
        versions_patch(manifest)


def test_a_conflict_is_explained_as_someone_elses_change() -> None:
    text = write_failure(Conflict("modified", status=409), "qwen3", "deleting the version")
    assert "409" in text
    assert "someone else" in text


def test_the_consequences_of_absent_name_the_dataset_and_the_shares() -> None:
    lines = consequences_of_absent(model(), "fp16")
    assert any("mdl-qwen3-fp16" in line for line in lines)
    assert any("REFERENCE" in line for line in lines)
    assert not any("REFERENCE" in line for line in consequences_of_absent(model(), "int4"))
