"""The sharing summary on a Model's detail: where each version goes, and what the audit found."""

from __future__ import annotations

from typing import Any

from modelfs_lib.domain.share_summary import selector_text, share_lines, target_text
from modelfs_lib.domain.sharing import ShareFinding, ShareState
from modelfs_lib.resources import Dataset, LabelSelector, Model, ShareConfig


def model(versions: list[dict[str, Any]]) -> Model:
    return Model.from_dict(
        {"metadata": {"name": "qwen3", "namespace": "ml"}, "spec": {"sourceRef": "hf", "versions": versions}}
    )


SERVING = {
    "enabled": True,
    "namespaceSelector": {"matchLabels": {"team": "serving"}},
    "requireOptInLabel": "modelfs.samzong.dev/share",
}


def finding(version: str, namespace: str, state: ShareState) -> ShareFinding:
    return ShareFinding(version, namespace, state, f"share-ml-qwen3-{version}", "")


def test_a_selector_reads_like_kubectl_l() -> None:
    selector = LabelSelector.from_dict(
        {
            "matchLabels": {"team": "serving"},
            "matchExpressions": [
                {"key": "env", "operator": "In", "values": ["prod", "staging"]},
                {"key": "gpu", "operator": "Exists"},
                {"key": "legacy", "operator": "DoesNotExist"},
            ],
        }
    )
    assert selector_text(selector) == "team=serving,env in (prod, staging),gpu,!legacy"
    assert selector_text(None) == ""


def test_the_target_uses_the_documented_reading_of_the_opt_in_label() -> None:
    share = ShareConfig(True, LabelSelector.from_dict({"matchLabels": {"team": "serving"}}), "opt-in")
    assert target_text(share) == "namespaces matching `team=serving` with label `opt-in=true`"
    assert target_text(ShareConfig(True)) == "every namespace"


def test_each_shared_version_says_where_it_is_present_missing_or_stale() -> None:
    m = model([{"name": "fp16", "repo": "o/m", "share": SERVING}, {"name": "int4", "repo": "o/m"}])
    findings = [
        finding("fp16", "inference", ShareState.PRESENT),
        finding("fp16", "staging", ShareState.MISSING),
        finding("fp16", "research", ShareState.STALE),
    ]
    [line] = share_lines(m, findings)
    assert line.startswith("`fp16` → namespaces matching `team=serving` with label `modelfs.samzong.dev/share=true`")
    assert line.endswith("reference exists in `inference`; missing in `staging`; stale reference in `research`.")


def test_a_model_without_sharing_says_so() -> None:
    assert share_lines(model([{"name": "v1", "repo": "o/m"}]), []) == [
        "Not shared: no version has sharing switched on."
    ]


def test_references_left_after_sharing_was_switched_off_are_shown() -> None:
    m = model([{"name": "v1", "repo": "o/m", "share": {"enabled": False}}])
    assert share_lines(m, [finding("v1", "research", ShareState.STALE)]) == [
        "`v1` (sharing off): stale reference in `research`."
    ]


def test_unreadable_references_are_said_with_the_reason() -> None:
    m = model([{"name": "fp16", "repo": "o/m", "share": SERVING}])
    lines = share_lines(m, None, error="forbidden")
    assert lines[0].endswith(": the REFERENCE Datasets could not be checked.")
    assert lines[1] == "REFERENCE Datasets in other namespaces could not be read: forbidden"


def test_the_controller_quirk_on_the_opt_in_label_is_noted() -> None:
    m = model([{"name": "v1", "repo": "o/m", "share": {"enabled": True, "requireOptInLabel": "team=serving"}}])
    lines = share_lines(m, [])
    assert lines[0] == "`v1` → every namespace with label `team=serving`: no namespace matches."
    assert lines[1].startswith("`v1`: The current controller reads 'team=serving' differently")


def test_an_existing_reference_that_is_not_ready_says_its_phase() -> None:
    m = model([{"name": "v1", "repo": "o/m", "share": {"enabled": True}}])
    findings = [finding("v1", "inference", ShareState.PRESENT), finding("v1", "serving", ShareState.PRESENT)]
    failed = Dataset.from_dict(
        {
            "apiVersion": "dataset.baizeai.io/v1alpha1",
            "kind": "Dataset",
            "metadata": {"name": findings[0].reference_name, "namespace": "inference"},
            "spec": {"source": {"type": "REFERENCE", "uri": "dataset://ml/mdl-qwen3-v1"}},
            "status": {"phase": "FAILED"},
        }
    )
    ready = Dataset.from_dict(
        {
            **failed.to_dict(),
            "metadata": {"name": findings[1].reference_name, "namespace": "serving"},
            "status": {"phase": "READY"},
        }
    )
    [line] = share_lines(m, findings, references=[failed, ready])
    assert line.endswith("reference exists in `inference` (FAILED), `serving`.")
    [unknown] = share_lines(m, findings)  # no Dataset given: nothing said of their phase
    assert unknown.endswith("reference exists in `inference`, `serving`.")
