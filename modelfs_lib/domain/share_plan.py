"""Switching sharing on: which namespaces a version goes to, chosen before anything is sent.

A version without ``share`` shared as ``{enabled: true}`` goes to EVERY namespace. The share
dialog therefore offers three scopes: every namespace (the default), namespaces carrying labels
(``namespaceSelector.matchLabels``), or namespaces picked by name (``matchExpressions`` on the
label ``kubernetes.io/metadata.name``, which the API server sets on every namespace). The
version's ``requireOptInLabel`` is kept as it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from modelfs_lib.resources.label_selector import LabelSelector, LabelSelectorRequirement
from modelfs_lib.resources.model_version import ShareConfig
from modelfs_lib.resources.naming import dataset_name

NAME_LABEL = "kubernetes.io/metadata.name"
"""The label the API server puts on every namespace, holding its name."""

_KEY = re.compile(r"^([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")
_VALUE = re.compile(r"^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$")


class ShareScope(StrEnum):
    """Where a version is shared."""

    EVERY = "Every namespace"
    LABELS = "Namespaces with labels"
    NAMED = "Chosen namespaces"


@dataclass(frozen=True)
class SharePlan:
    """The ``share`` block to apply, or why none can be built yet."""

    share: ShareConfig | None
    problem: str = ""


def parse_match_labels(text: str) -> tuple[dict[str, str], str]:
    """``"team=serving, tier=gpu"`` -> the labels and ``""``, or ``{}`` and what is wrong."""
    labels: dict[str, str] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        key, sep, value = part.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not key:
            return {}, f"“{part}” is not key=value."
        if len(key.rpartition("/")[2]) > 63 or not _KEY.match(key):
            return {}, f"“{key}” is not a valid label key."
        if len(value) > 63 or not _VALUE.match(value):
            return {}, f"“{value}” is not a valid label value."
        labels[key] = value
    if not labels:
        return {}, "Give at least one label, as key=value."
    return labels, ""


def current_scope(share: ShareConfig | None) -> ShareScope:
    """The scope the dialog starts from: what the version's ``share`` already says."""
    selector = share.namespace_selector if share is not None else None
    if selector is None or selector.is_empty:
        return ShareScope.EVERY
    names = [e for e in selector.match_expressions if e.key == NAME_LABEL and e.operator == "In"]
    if names and not selector.match_labels and len(selector.match_expressions) == 1:
        return ShareScope.NAMED
    return ShareScope.LABELS


def plan_share(
    current: ShareConfig | None, scope: ShareScope, *, labels_text: str = "", namespaces: Sequence[str] = ()
) -> SharePlan:
    """The enabled ``share`` block for ``scope``; ``requireOptInLabel`` is kept from ``current``."""
    opt_in = current.require_opt_in_label if current is not None else ""
    if scope is ShareScope.EVERY:
        return SharePlan(ShareConfig(enabled=True, require_opt_in_label=opt_in))
    if scope is ShareScope.LABELS:
        labels, problem = parse_match_labels(labels_text)
        if problem:
            return SharePlan(None, problem)
        return SharePlan(ShareConfig(True, LabelSelector(match_labels=labels), opt_in))
    chosen = tuple(sorted(set(namespaces)))
    if not chosen:
        return SharePlan(None, "Choose at least one namespace.")
    requirement = LabelSelectorRequirement(NAME_LABEL, "In", chosen)
    return SharePlan(ShareConfig(True, LabelSelector(match_expressions=(requirement,)), opt_in))


def share_outcome(namespace: str, model: str, version: str, *, source_shared: bool) -> str:
    """What the controllers really make of a share, in one paragraph for the dialog.

    The model label ``<ns>/<model>`` holds '/', which a real API server rejects, so the controller
    fails to create the references; and the Dataset controller refuses a reference while the source
    Dataset lacks ``spec.share: true``, which modelfs never sets (``source_shared``: it has it now).
    """
    blockers = [
        f"a real API server rejects the label `modelfs.samzong.dev/model: {namespace}/{model}` the controller puts "
        "on each reference (a label value may not hold '/'), so creating them fails"
    ]
    if not source_shared:
        blockers.append(
            f'the Dataset controller marks a reference FAILED ("source dataset is not shared") while '
            f"`{dataset_name(model, version)}` lacks spec.share: true, which modelfs never sets"
        )
    return (
        "With the current controllers sharing does not work end to end: "
        + "; and ".join(blockers)
        + ". Until the operator is fixed, set spec.share: true on the source Dataset and create the REFERENCE "
        "Datasets yourself, without that label; the Sharing tab audits what exists."
    )
