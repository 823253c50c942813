"""Every kubectl command the console prints about a version: its Dataset, its PVC and its sync Jobs.

None of them prints the Dataset's spec (``-o yaml`` would): its options hold the ModelSource Secret's
values in plain text. A round's Job is named as the Dataset controller names it
(:func:`modelfs_lib.resources.naming.sync_job_name`).
"""

from __future__ import annotations

from modelfs_lib.domain.model_versions import current_round
from modelfs_lib.resources.dataset import Dataset
from modelfs_lib.resources.naming import sync_job_name


def job_logs_command(namespace: str, job: str) -> str:
    """``kubectl -n <ns> logs job/<job>``: the logs of one sync Job."""
    return f"kubectl -n {namespace} logs job/{job}"


def round_logs_command(namespace: str, dataset: str, round_: int) -> str:
    """The logs of round ``round_`` of Dataset ``dataset``: its Job ``dataset-<dataset>-round-<N>``."""
    return job_logs_command(namespace, sync_job_name(dataset, round_))


def dataset_logs_command(dataset: Dataset) -> str:
    """The logs of the Job that matters now for ``dataset`` (:func:`current_round`)."""
    return round_logs_command(dataset.namespace, dataset.name, current_round(dataset))


def dataset_status_command(namespace: str, dataset: str) -> str:
    """The Dataset's status only, never its spec."""
    return f"kubectl -n {namespace} get datasets.dataset.baizeai.io {dataset} -o jsonpath='{{.status}}'"


def dataset_commands(dataset: Dataset) -> list[str]:
    """Commands to look at a Dataset: its status and its current round's Job logs."""
    return [dataset_status_command(dataset.namespace, dataset.name), dataset_logs_command(dataset)]


def pvc_commands(namespace: str, name: str) -> list[str]:
    """Commands to look at a PVC."""
    return [f"kubectl -n {namespace} describe pvc {name}"]


LOGS_MAY_HOLD_CREDENTIALS = (
    "Job logs may print credentials: modelfs copies the ModelSource Secret's values into the Dataset's "
    "options, and every option becomes a --options=key=value argument of the sync Job. Read them where "
    "a credential on screen is acceptable, and do not paste them into tickets."
)
"""Said beside every command that reads a sync Job's logs."""


def kubectl_snippets(namespace: str, dataset: str, pvc: str, round_: int | None) -> list[tuple[str, str]]:
    """``(what, command)`` pairs to look at a version's Dataset, its PVC and its current round's Job logs.

    The PVC and logs commands are left out when the PVC or the round is not known.
    """
    events = f"involvedObject.kind=Dataset,involvedObject.name={dataset}"
    snippets = [
        ("Get the Dataset", f"kubectl -n {namespace} get dataset {dataset} -o wide"),
        ("Its status", dataset_status_command(namespace, dataset)),
        ("Its events", f"kubectl -n {namespace} get events --field-selector {events}"),
    ]
    if pvc:
        snippets.append(("Get the PVC", f"kubectl -n {namespace} get pvc {pvc}"))
    if round_:
        snippets.append((f"Logs of round {round_}", round_logs_command(namespace, dataset, round_)))
    return snippets
