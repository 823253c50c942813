"""A ModelSource edited as YAML on its detail: checked as typed, reviewed, dry-run, applied as modelfs-ui."""

from __future__ import annotations

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.demo.seed import seed
from modelfs_lib.demo.seed_catalog import SECRET_MARKER
from tests.helpers.cluster import requests
from tests.helpers.sources import NS, SOURCES, click, open_sources, text

Y = "sources.yaml"
GITEA = "gitea"


@pytest.fixture
def seeded(cluster: EmulatorThread, kubeconfig: object) -> EmulatorThread:
    seed(cluster.emulator.store)
    return cluster


def editor(at: AppTest) -> object:
    [area] = [t for t in at.text_area if str(t.key).startswith(f"{Y}.editor.")]
    return area


def open_editor(name: str = GITEA) -> AppTest:
    at = open_sources(source=name)
    return click(at, "sources.detail.edit-yaml")


def type_text(at: AppTest, value: str) -> AppTest:
    editor(at).input(value).run()  # type: ignore[attr-defined]
    assert not at.exception, at.exception
    return at


def sent(cluster: EmulatorThread, name: str = GITEA) -> list[object]:
    return [r for r in requests(cluster, "PATCH", f"{SOURCES}/{name}$") if r.params.get("dryRun") != "All"]


def test_edit_yaml_opens_the_editor_with_the_live_source_as_an_appliable_manifest(seeded: EmulatorThread) -> None:
    at = open_editor()
    assert at.query_params["action"] in ("edit-yaml", ["edit-yaml"])
    manifest = yaml.safe_load(editor(at).value)  # type: ignore[attr-defined]
    assert manifest == {
        "apiVersion": "model.samzong.dev/v1",
        "kind": "ModelSource",
        "metadata": {"name": GITEA, "namespace": NS},
        "spec": {"type": "GIT", "config": {"branch": "main", "depth": "1"}},
    }
    assert "No changes to the spec yet." in text(at)


def test_a_source_with_a_secret_is_edited_by_its_name_only(seeded: EmulatorThread) -> None:
    at = open_editor("huggingface")
    value = str(editor(at).value)  # type: ignore[attr-defined]
    assert "secretRef: hf-token" in value
    assert SECRET_MARKER not in value
    assert SECRET_MARKER not in text(at)


def test_bad_yaml_is_refused_next_to_the_editor_and_nothing_is_sent(seeded: EmulatorThread) -> None:
    at = type_text(open_editor(), "apiVersion: model.samzong.dev/v1\nkind: ModelSource\nmetadata: [unclosed\n")
    assert "not valid YAML at line" in text(at)
    assert at.button(key=f"{Y}.review").disabled
    assert "nothing is sent to the cluster" in text(at)
    assert not requests(seeded, "PATCH", ".")


def test_a_manifest_against_the_schema_is_refused_and_nothing_is_sent(seeded: EmulatorThread) -> None:
    at = open_editor()
    broken = str(editor(at).value).replace("type: GIT", "type: FTP")  # type: ignore[attr-defined]
    type_text(at, broken)
    assert "`spec.type`" in text(at)
    assert at.button(key=f"{Y}.review").disabled
    assert not requests(seeded, "PATCH", ".")


def test_another_name_is_refused(seeded: EmulatorThread) -> None:
    at = open_editor()
    type_text(at, str(editor(at).value).replace(f"name: {GITEA}", "name: other"))  # type: ignore[attr-defined]
    assert "this editor changes ModelSource 'gitea'; the manifest names 'other'" in text(at)
    assert at.button(key=f"{Y}.review").disabled


def test_an_edit_is_reviewed_with_its_diff_and_dry_run_then_applied_as_modelfs_ui(seeded: EmulatorThread) -> None:
    at = open_editor()
    type_text(at, str(editor(at).value).replace("depth: '1'", "depth: '5'"))  # type: ignore[attr-defined]
    assert not sent(seeded)
    click(at, f"{Y}.review")
    page = text(at)
    assert "-  depth: '1'\n+  depth: '5'" in page
    assert "Valid against the ModelSource CRD schema." in page
    # the seed's manager owns spec.config: the dry-run names the conflict, and force needs a tick
    assert "Other field managers own fields this change sets." in page
    (dry_run,) = requests(seeded, "PATCH", f"{SOURCES}/{GITEA}$")
    assert dry_run.params == {"fieldManager": "modelfs-ui", "dryRun": "All"}
    assert at.button(key=f"{Y}.apply.apply").disabled
    at.checkbox(key=f"{Y}.apply.force").check().run()

    click(at, f"{Y}.apply.apply")
    (request,) = sent(seeded)
    assert request.content_type == "application/apply-patch+yaml"  # type: ignore[attr-defined]
    assert request.params == {"fieldManager": "modelfs-ui", "force": "true"}  # type: ignore[attr-defined]
    assert request.body["spec"] == {"type": "GIT", "config": {"branch": "main", "depth": "5"}}  # type: ignore[attr-defined]
    assert request.body["metadata"]["resourceVersion"]  # type: ignore[attr-defined]
    assert "Applied ModelSource gitea." in text(at)
    assert at.query_params.get("action") in (None, [])
    store = seeded.emulator.store
    live = store.get(store.rtype("model.samzong.dev", "modelsources"), NS, GITEA)
    assert live["spec"]["config"]["depth"] == "5"


def test_a_new_label_applies_without_force(seeded: EmulatorThread) -> None:
    at = open_editor()
    type_text(at, str(editor(at).value).replace(f"namespace: {NS}\n", f"namespace: {NS}\n  labels:\n    tier: gold\n"))  # type: ignore[attr-defined]
    click(at, f"{Y}.review")
    assert "The API server accepts it (server-side dry-run)." in text(at)
    click(at, f"{Y}.apply.apply")
    (request,) = sent(seeded)
    assert request.params == {"fieldManager": "modelfs-ui"}  # type: ignore[attr-defined]
    assert request.body["metadata"]["labels"] == {"tier": "gold"}  # type: ignore[attr-defined]


def test_reset_to_live_puts_the_live_text_back(seeded: EmulatorThread) -> None:
    at = open_editor()
    live_text = str(editor(at).value)  # type: ignore[attr-defined]
    type_text(at, "something: else\n")
    assert "`apiVersion`" in text(at)
    click(at, f"{Y}.reset")
    assert editor(at).value == live_text  # type: ignore[attr-defined]
    assert not at.button(key=f"{Y}.review").disabled


def test_without_rbac_to_patch_edit_yaml_is_disabled_with_the_reason(seeded: EmulatorThread) -> None:
    seeded.emulator.access.deny("patch", "modelsources", group="model.samzong.dev", namespace=NS)
    at = open_sources(source=GITEA)
    button = at.button(key="sources.detail.edit-yaml")
    assert button.disabled
    assert "You may not patch modelsources.model.samzong.dev in ml-team" in button.help


def test_a_forbidden_dry_run_says_so_and_apply_stays_off(seeded: EmulatorThread) -> None:
    seeded.emulator.inject(f"{SOURCES}/{GITEA}$", method="PATCH", status=403, reason="Forbidden", message="nope")
    at = open_editor()
    type_text(at, str(editor(at).value).replace("depth: '1'", "depth: '5'"))  # type: ignore[attr-defined]
    click(at, f"{Y}.review")
    assert "Server-side dry-run failed" in text(at)
    assert at.button(key=f"{Y}.apply.apply").disabled


def test_read_only_mode_offers_no_yaml_editor(seeded: EmulatorThread, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MODELFS_UI_READONLY", "1")
    at = open_sources(source=GITEA, action="edit-yaml")
    assert "sources.detail.edit-yaml" not in {b.key for b in at.button}
    assert not [t for t in at.text_area if str(t.key).startswith(f"{Y}.editor.")]
    assert "read-only mode" in text(at)
