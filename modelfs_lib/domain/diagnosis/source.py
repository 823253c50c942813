"""Findings about the Model's ModelSource: credentials that never reach the loader, a stale ``referencedBy``."""

from __future__ import annotations

from modelfs_lib.domain.diagnosis.findings import Finding, FindingKind, Severity, evidence
from modelfs_lib.domain.diagnosis.inputs import ModelEvidence
from modelfs_lib.domain.diagnosis.sync import failure_message, looks_like_auth_failure
from modelfs_lib.domain.orphans import orphan_datasets
from modelfs_lib.domain.status import Phase, dataset_phase
from modelfs_lib.resources.model_source import ModelSource

CREDENTIALS_PATH = (
    "modelfs copies every key of the Secret into the Dataset's spec.source.options (in plain text) and never sets "
    "the Dataset's spec.secretRef, which is the only place the Dataset loaders read credentials from. "
    "CredentialsReady=True only means the Secret exists and has a key."
)
"""How a ModelSource's credentials travel with these controllers: they never reach the loader."""


def credentials_findings(ev: ModelEvidence) -> list[Finding]:
    """When the source has a Secret: say it does not reach the loader, as an error when a sync failed for it."""
    source = ev.source
    if source is None or not source.secret_ref:
        return []
    failed = []
    for version in ev.model.versions:
        if version.is_absent:
            continue
        dataset = ev.dataset(ev.model.dataset_name(version.name))
        if dataset is None or dataset_phase(dataset) is not Phase.FAILED:
            continue
        message = failure_message(ev, version, dataset)
        if looks_like_auth_failure(message):
            failed.append((version.name, dataset, message))
    facts: list[tuple[str, object]] = [(f"ModelSource {source.name} spec.secretRef", source.secret_ref)]
    for name, dataset, message in failed:
        facts += [
            (f"Dataset {dataset.name} spec.secretRef", dataset.secret_ref or "(not set)"),
            (f"version {name} failure", message),
        ]
    if failed:
        return [
            Finding(
                FindingKind.CREDENTIALS_UNREACHABLE,
                Severity.ERROR,
                f"Download refused: the credentials of ModelSource {source.name} never reach the loader",
                f"{CREDENTIALS_PATH} So a private repository cannot be downloaded, and "
                f"{', '.join(n for n, _, _ in failed)} failed for that.",
                evidence(*facts),
                "With these controllers a private repository cannot be synced through a ModelSource. Use a "
                "public repository or a mirror that needs no credentials, or create a Dataset yourself with "
                "spec.secretRef pointing at the Secret.",
            )
        ]
    return [
        Finding(
            FindingKind.CREDENTIALS_UNREACHABLE,
            Severity.WARNING,
            f"The Secret {source.secret_ref} of ModelSource {source.name} is not used to download",
            f"{CREDENTIALS_PATH} Public repositories download fine; a private or gated one will fail.",
            evidence(*facts),
            "Keep to public repositories with this source, or expect authentication failures.",
        )
    ]


def referenced_by_findings(ev: ModelEvidence) -> list[Finding]:
    """When the source's ``status.referencedBy`` misses this Model (its controller does not watch Models)."""
    source = ev.source
    if source is None or source.invalid:
        return []
    me = f"{ev.model.namespace}/{ev.model.name}"
    if me in source.referenced_by:
        return []
    return [
        Finding(
            FindingKind.REFERENCED_BY_STALE,
            Severity.WARNING,
            f"ModelSource {source.name} does not list this Model in status.referencedBy",
            "The ModelSource controller watches only ModelSources, so referencedBy is rewritten only when the "
            "source itself changes. Until then the source's deletion guard does not know this Model uses it.",
            evidence(
                (f"ModelSource {source.name} status.referencedBy", ", ".join(source.referenced_by) or "(empty)"),
                ("this Model", me),
            ),
            "Touch the ModelSource (any change, e.g. an annotation) to make the controller recount; never delete "
            "a source while the console lists Models that use it.",
        )
    ]


def orphan_findings(ev: ModelEvidence) -> list[Finding]:
    """Datasets the Model owns that no spec version accounts for (a version removed without ABSENT first)."""
    if ev.datasets is None:
        return []
    found = []
    for dataset in orphan_datasets(ev.model, ev.datasets):
        found.append(
            Finding(
                FindingKind.ORPHAN_DATASET,
                Severity.WARNING,
                f"Orphan Dataset {dataset.name}",
                "The Model owns this Dataset, but no version in its spec names it: the version was removed from "
                "spec.versions without being set ABSENT first, and the controller does not clean that up. It "
                "keeps its PVC and the storage it holds.",
                evidence(
                    (f"Dataset {dataset.name} ownerReferences", f"Model {ev.model.name}"),
                    (f"Dataset {dataset.name} status.phase", dataset.phase or "(none)"),
                    (f"Dataset {dataset.name} status.pvcName", dataset.pvc_name or "(none)"),
                ),
                "Delete the Dataset (and with it its PVC) once nothing reads the data.",
                subject=dataset.name,
            )
        )
    return found


def credentials_path(source: ModelSource) -> list[str]:
    """How this source's credentials travel with these controllers, in sentences (for the ModelSource's page)."""
    if not source.secret_ref:
        return ["No secretRef: every Dataset of this source downloads anonymously, so only public repositories work."]
    return [
        f"The Secret {source.secret_ref} does not reach the loader. " + CREDENTIALS_PATH,
        "A private or gated repository therefore fails to download, whatever CredentialsReady says; public "
        "repositories work.",
        "CredentialsReady is rechecked only when this ModelSource itself changes: no controller watches Secrets, "
        "so after creating, emptying or deleting the Secret the condition stays as it was until the source is "
        "edited. The Secret check on this page reads the Secret now.",
        "Every option, the Secret's values included, also becomes an argument of the sync Job's Pod: anyone who may "
        "read Datasets, Jobs or Pods in this namespace can read them.",
    ]
