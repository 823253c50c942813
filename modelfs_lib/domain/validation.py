"""Input checks the create and edit wizards run BEFORE anything is sent to the cluster.

Every check returns a list of :class:`FieldError` (empty when the input is fine), keyed by the
field the UI shows the message next to. Checks that only advise return findings with severity
WARNING; :func:`~modelfs_lib.domain.field_error.blocking` keeps the ones that must stop a save.
Label, selector and opt-in checks live in :mod:`modelfs_lib.domain.labels`, credential heuristics in
:mod:`modelfs_lib.domain.credentials`; both are re-exported here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from modelfs_lib.domain.credentials import credential_warnings
from modelfs_lib.domain.field_error import FieldError, Severity, blocking, messages_by_field
from modelfs_lib.domain.labels import (
    check_label_selector,
    check_opt_in_label,
    label_key_problem,
    label_value_problem,
    opt_in_label_warnings,
    parse_label_selector_yaml,
)
from modelfs_lib.domain.repos import check_repo, repo_placeholder, repo_warnings
from modelfs_lib.domain.schema import DNS1123_LABEL, DNS1123_SUBDOMAIN, QUANTITY_PATTERN
from modelfs_lib.resources.model_source import SOURCE_TYPES
from modelfs_lib.resources.model_version import ModelVersion, VersionStorage
from modelfs_lib.resources.naming import NAME_LIMIT, dataset_name, reference_name, sync_job_name

__all__ = [
    "ACCESS_MODES",
    "CHECKED_ROUND",
    "JOB_NAME_MAX",
    "PRECISIONS",
    "STATES",
    "FieldError",
    "Severity",
    "blocking",
    "check_config_rows",
    "check_dataset_name_fits",
    "check_dns1123_name",
    "check_label_selector",
    "check_model_name_fits",
    "check_opt_in_label",
    "check_quantity",
    "check_repo",
    "check_source_type",
    "check_versions",
    "credential_warnings",
    "label_key_problem",
    "label_value_problem",
    "longest_version_name",
    "messages_by_field",
    "opt_in_label_warnings",
    "parse_label_selector_yaml",
    "quantity_value",
    "repo_placeholder",
    "repo_warnings",
]

PRECISIONS = ("FP16", "INT4", "INT8")
STATES = ("PRESENT", "ABSENT")
ACCESS_MODES = ("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod")
JOB_NAME_MAX = NAME_LIMIT
"""Kubernetes rejects Job names longer than this (the name becomes a Pod label value)."""
CHECKED_ROUND = 999
"""The sync round whose Job name must still fit: re-runs add digits, so names are planned for 3 of them."""

_QUANTITY = re.compile(QUANTITY_PATTERN)
_QUANTITY_PARTS = re.compile(r"([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(.*)")
_SUFFIXES = {
    "": Decimal(1),
    "n": Decimal("1e-9"),
    "u": Decimal("1e-6"),
    "m": Decimal("1e-3"),
    "k": Decimal("1e3"),
    "M": Decimal("1e6"),
    "G": Decimal("1e9"),
    "T": Decimal("1e12"),
    "P": Decimal("1e15"),
    "E": Decimal("1e18"),
    **{f"{s}i": Decimal(1024) ** (i + 1) for i, s in enumerate("KMGTPE")},
}
_SLOPPY_QUANTITY = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([kKmMgGtTpPeE])[iI]?[bB]?\s*")


def check_dns1123_name(value: str, field: str, *, label: bool = False, max_len: int | None = None) -> list[FieldError]:
    """A Kubernetes object name: a DNS-1123 subdomain (at most 253 characters) or, with ``label``, a
    DNS-1123 label (at most 63; no '.'), as namespaces and version names must be.

    ``max_len`` lowers the limit. The message says what to change (lower case, '-' for '_', ...).
    """
    limit = max_len if max_len is not None else NAME_LIMIT if label else 253
    if not value:
        return [FieldError.empty(field)]
    if len(value) > limit:
        return [FieldError(field, f"must be at most {limit} characters (has {len(value)})")]
    pattern = DNS1123_LABEL if label else DNS1123_SUBDOMAIN
    if pattern.fullmatch(value):
        return []
    allowed = "lower-case letters, digits and '-'" + ("" if label else " ('.' between parts)")
    suggestion = suggest_dns1123_name(value, label=label, max_len=limit)
    try_this = f": {suggestion!r}" if suggestion else ""
    if value != value.lower():
        hint = f"use lower case{try_this}"
    elif "_" in value or " " in value:
        hint = f"'_' and spaces are not allowed; use '-'{try_this}"
    elif label and "." in value:
        hint = f"'.' is not allowed here{try_this}"
    elif not value[0].isalnum() or not value[-1].isalnum():
        hint = f"must start and end with a letter or digit{try_this}"
    else:
        hint = f"use only {allowed}{try_this}"
    return [FieldError(field, f"{hint} (a name is {allowed}, starting and ending with a letter or digit)")]


def suggest_dns1123_name(value: str, *, label: bool = False, max_len: int | None = None) -> str:
    """A valid name close to ``value`` ("My_Model" -> "my-model"), or ``""`` when none can be made.

    Lower case; every run of other characters ('_', spaces, '.' in a label, ...) becomes one '-';
    leading and trailing '-' and '.' dropped; cut to the limit. The result always passes
    :func:`check_dns1123_name` with the same ``label`` and ``max_len``.
    """
    limit = max_len if max_len is not None else 63 if label else 253
    keep = "a-z0-9" if label else "a-z0-9."
    name = re.sub(f"[^{keep}]+", "-", value.lower())
    if not label:
        name = re.sub(r"-*\.-*", ".", name)
        name = re.sub(r"\.{2,}", ".", name)
    name = name.strip("-.")[:limit].strip("-.")
    pattern = DNS1123_LABEL if label else DNS1123_SUBDOMAIN
    return name if name and pattern.fullmatch(name) else ""


def quantity_value(text: str) -> Decimal | None:
    """The number a Kubernetes quantity stands for (``12Gi`` -> 12884901888); None when it is not one."""
    if not _QUANTITY.fullmatch(text):
        return None
    match = _QUANTITY_PARTS.fullmatch(text)
    if match is None:  # pragma: no cover - the quantity pattern implies this one
        return None
    number, suffix = match.groups()
    try:
        if suffix in _SUFFIXES:
            return Decimal(number) * _SUFFIXES[suffix]
        return Decimal(number) * Decimal(10) ** int(suffix[1:])
    except (ArithmeticError, ValueError):
        return None


def check_quantity(value: str, field: str, *, positive: bool = True) -> list[FieldError]:
    """A Kubernetes quantity (``500Mi``, ``12Gi``, ``1Ti``, ``1e9``); with ``positive`` (the default, as
    storage requests need) it must be more than zero. Empty is "is required"; ``12GB`` suggests ``12Gi``.
    """
    if not value.strip():
        return [FieldError.empty(field)]
    amount = quantity_value(value)
    if amount is None:
        sloppy = _SLOPPY_QUANTITY.fullmatch(value)
        hint = f"; did you mean {sloppy.group(1)}{sloppy.group(2).upper()}i?" if sloppy else ""
        return [FieldError(field, f"{value!r} is not a quantity (e.g. 500Mi, 12Gi, 1Ti){hint}")]
    if positive and amount <= 0:
        return [FieldError(field, "must be more than 0")]
    return []


def _job_name(model_name: str, version_name: str) -> str:
    """The sync Job of round :data:`CHECKED_ROUND` (re-runs add digits: the longest name to plan for)."""
    return sync_job_name(dataset_name(model_name, version_name), CHECKED_ROUND)


def longest_version_name(model_name: str) -> int:
    """How many characters a version name of ``model_name`` may have before a derived name is too long."""
    return NAME_LIMIT - len(_job_name(model_name, ""))


def _shortened(version_name: str, room: int) -> str:
    """``version_name`` cut to ``room`` characters, still a DNS-1123 label; ``""`` when none is left."""
    cut = version_name[:room].rstrip("-")
    return cut if cut and DNS1123_LABEL.fullmatch(cut) else ""


def check_model_name_fits(model_name: str, *, field: str = "name") -> list[FieldError]:
    """Whether the Model name leaves room for a version name in every derived name (see
    :func:`check_dataset_name_fits`); an error at ``field`` when even a one-character version is too long."""
    if longest_version_name(model_name) >= 1:
        return []
    job = _job_name(model_name, "v")
    most = NAME_LIMIT - len(_job_name("", "v"))
    message = (
        f"too long for any version: even version 'v' would have the sync Job {job!r} ({len(job)} characters; "
        f"the Job of sync round {CHECKED_ROUND}), over the limit of {NAME_LIMIT}. Use at most {most} characters; "
        "fewer leave room for version names"
    )
    return [FieldError(field, message)]


def check_dataset_name_fits(
    model_name: str, version_name: str, *, field: str = "name", namespace: str = ""
) -> list[FieldError]:
    """Whether the names the controllers derive from a Model and a version stay valid (FACTS item 11).

    The Dataset (and PVC) ``mdl-<model>-<version>`` and the sync Job
    ``dataset-mdl-<model>-<version>-round-<N>`` must have at most :data:`NAME_LIMIT` characters, planned
    for round :data:`CHECKED_ROUND` (re-runs add digits); the message says the limit, the composed name
    and its length, and how long the version name may be. With ``namespace``, the REFERENCE Dataset
    ``share-<ns>-<model>-<version>`` must fit 253 too. Errors are reported at ``field``.
    """
    dataset, job = dataset_name(model_name, version_name), _job_name(model_name, version_name)
    if len(job) > NAME_LIMIT:
        also = f" (the Dataset name {dataset!r} has {len(dataset)})" if len(dataset) > NAME_LIMIT else ""
        room = longest_version_name(model_name)
        short = _shortened(version_name, room)
        if room < 1:
            fix = "the Model name leaves no room for a version name: shorten the Model name"
        else:
            fix = f"shorten the version name to at most {room} characters" + (f", e.g. {short!r}" if short else "")
        message = (
            f"the sync Job name {job!r} (the Job of sync round {CHECKED_ROUND}) would have {len(job)} characters, "
            f"over the limit of {NAME_LIMIT}{also}: {fix}"
        )
        return [FieldError(field, message)]
    names = [("Dataset", dataset), ("sync Job", job)]
    if namespace:
        reference = reference_name(namespace, model_name, version_name)
        if len(reference) > 253:
            message = (
                f"the REFERENCE Dataset name {reference!r} would have {len(reference)} characters, over the limit "
                "of 253: shorten the model or version name"
            )
            return [FieldError(field, message)]
        names.append(("REFERENCE Dataset", reference))
    for what, name in names:
        if not DNS1123_SUBDOMAIN.fullmatch(name):
            return [FieldError(field, f"the {what} name {name!r} would not be a valid name")]
    return []


def _storage_errors(storage: VersionStorage, where: str) -> list[FieldError]:
    """``size`` (requests.storage) is required and positive; other quantities valid; known access modes."""
    errors = check_quantity(storage.requests.get("storage", ""), f"{where}.size")
    for kind, quantities in (("requests", storage.requests), ("limits", storage.limits)):
        for key, value in quantities.items():
            if not (kind == "requests" and key == "storage"):
                errors += check_quantity(value, f"{where}.{kind}.{key}")
    for mode in storage.access_modes:
        if mode not in ACCESS_MODES:
            errors.append(FieldError(f"{where}.accessModes", f"{mode!r} is not one of {', '.join(ACCESS_MODES)}"))
    if storage.storage_class_name:
        errors += check_dns1123_name(storage.storage_class_name, f"{where}.storageClassName")
    return errors


def _version_errors(version: ModelVersion, where: str, model_name: str, source_type: str | None) -> list[FieldError]:
    """Every check of one version except the duplicate-name check."""
    errors = check_dns1123_name(version.name, f"{where}.name", label=True)
    if model_name and not errors:
        errors += check_dataset_name_fits(model_name, version.name, field=f"{where}.name")
    if source_type is None:
        errors += [] if version.repo.strip() else [FieldError.empty(f"{where}.repo")]
    else:
        errors += check_repo(source_type, version.repo, f"{where}.repo")
    if not version.revision.strip() or version.revision != version.revision.strip() or " " in version.revision:
        errors.append(FieldError(f"{where}.revision", "give a branch, tag or commit without spaces (default main)"))
    if version.precision is not None and version.precision not in PRECISIONS:
        errors.append(FieldError(f"{where}.precision", f"must be one of {', '.join(PRECISIONS)} or unset"))
    if version.state not in STATES:
        errors.append(FieldError(f"{where}.state", f"must be {' or '.join(STATES)}"))
    if version.storage is not None:
        errors += _storage_errors(version.storage, f"{where}.storage")
    if version.share is not None:
        errors += check_label_selector(version.share.namespace_selector, f"{where}.share.namespaceSelector")
        errors += check_opt_in_label(version.share.require_opt_in_label, f"{where}.share.requireOptInLabel")
    return errors


def check_versions(
    versions: Sequence[ModelVersion], *, model_name: str = "", source_type: str | None = None
) -> list[FieldError]:
    """A Model's versions before they are sent.

    At least one (error at ``versions``); names unique (the later one is flagged) and DNS-1123 labels;
    with ``model_name``, the derived names fit (:func:`check_dataset_name_fits`); the repo in the
    format of ``source_type`` (:func:`check_repo`; without it only non-empty); a revision; precision
    FP16/INT4/INT8 or unset; state PRESENT/ABSENT; storage (``size`` = requests.storage, required
    and positive when storage is set); the share's selector and opt-in label.
    """
    if not versions:
        return [FieldError.empty("versions", "add at least one version")]
    errors: list[FieldError] = []
    first: dict[str, int] = {}
    for i, version in enumerate(versions):
        where = f"versions[{i}]"
        if version.name and version.name in first:
            errors.append(
                FieldError(f"{where}.name", f"{version.name!r} is already used by version {first[version.name] + 1}")
            )
        first.setdefault(version.name, i)
        errors += _version_errors(version, where, model_name, source_type)
    return errors


def check_config_rows(rows: Sequence[tuple[str, str]]) -> list[FieldError]:
    """A ModelSource's ``config`` rows (key, value) from the editor.

    Rows with both key and value empty are blank and ignored; a value without a key, a key with
    spaces at either end, and a key used twice (the later row is flagged) are errors at ``config[i].key``.
    """
    errors: list[FieldError] = []
    first: dict[str, int] = {}
    for i, (key, value) in enumerate(rows):
        field = f"config[{i}].key"
        if not key:
            if value:
                errors.append(FieldError(field, "a key is required"))
            continue
        if key != key.strip():
            errors.append(FieldError(field, "remove the spaces at the start or end"))
        elif key in first:
            errors.append(FieldError(field, f"{key!r} is already used in row {first[key] + 1}"))
        first.setdefault(key, i)
    return errors


def check_source_type(value: str, field: str) -> list[FieldError]:
    """A ModelSource ``spec.type``: one of :data:`~modelfs_lib.resources.model_source.SOURCE_TYPES`."""
    if value in SOURCE_TYPES:
        return []
    if not value:
        return [FieldError.empty(field)]
    return [FieldError(field, f"choose one of {', '.join(SOURCE_TYPES)}")]
