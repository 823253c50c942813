"""The Model wizard's input as people type it, and the one function that turns it into a manifest.

:class:`ModelInput` and :class:`VersionInput` hold the raw text of every field (a selector as
YAML, a size as typed); :func:`build_model` checks them all and, only when nothing blocks, builds
the manifest with :func:`~modelfs_lib.domain.manifests.model_manifest`. The wizard, its tests and
the property test that every manifest it can produce validates against the Model CRD all go
through :func:`build_model`.

Field keys follow :mod:`modelfs_lib.domain.validation`: ``name``, ``sourceRef``, ``tags``,
``logoURL``, ``versions``, ``versions[1].repo``, ``versions[0].storage.size``,
``versions[2].share.namespaceSelector`` ...
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from modelfs_lib.domain.field_error import FieldError, Severity, blocking
from modelfs_lib.domain.live_versions import UNCHANGED_SUFFIX, live_version_findings
from modelfs_lib.domain.manifest_text import dump_yaml
from modelfs_lib.domain.manifests import manifest_errors, model_manifest
from modelfs_lib.domain.status import Readiness, credentials_state
from modelfs_lib.domain.uri_guard import uri_change_findings, uri_changes
from modelfs_lib.domain.validation import (
    check_dataset_name_fits,
    check_dns1123_name,
    check_model_name_fits,
    check_versions,
    opt_in_label_warnings,
    parse_label_selector_yaml,
    repo_warnings,
)
from modelfs_lib.resources.label_selector import LabelSelector
from modelfs_lib.resources.model import Model
from modelfs_lib.resources.model_source import ModelSource
from modelfs_lib.resources.model_version import PRESENT, ModelVersion, ShareConfig, VersionStorage
from modelfs_lib.resources.naming import DEFAULT_REVISION, DEFAULT_STORAGE

STORAGE_REQUEST = "storage"
"""The ``resources.requests`` key the wizard's size field edits."""
NO_SIZE_WARNING = (
    f"no size: the controller will silently ask for {DEFAULT_STORAGE} (ReadWriteMany) for this version's "
    "volume, more than many clusters can provide. Set a size, e.g. 20Gi"
)


@dataclass(frozen=True)
class VersionInput:
    """One version card as typed.

    ``precision`` ``""`` means unset; ``selector_yaml`` is the namespace selector as YAML (blank: none).
    ``live_name`` is the name of the live version this card edits (``""`` for a new card). The
    ``kept_*`` fields carry what the wizard does not edit (the version's ``metadata`` map, storage
    requests other than ``storage``, storage limits, a ``share`` block with everything off), so
    that an edit sends them back unchanged.
    """

    name: str = ""
    repo: str = ""
    revision: str = DEFAULT_REVISION
    precision: str = ""
    size: str = ""
    storage_class: str = ""
    access_modes: tuple[str, ...] = ()
    state: str = PRESENT
    share_enabled: bool = False
    selector_yaml: str = ""
    opt_in_label: str = ""
    live_name: str = ""
    kept_metadata: dict[str, str] = field(default_factory=dict)
    kept_requests: dict[str, str] = field(default_factory=dict)
    kept_limits: dict[str, str] = field(default_factory=dict)
    kept_share: bool = False

    @property
    def is_new(self) -> bool:
        """Whether this card adds a version (rather than editing a live one)."""
        return not self.live_name


@dataclass(frozen=True)
class ModelInput:
    """The whole wizard as typed: basics and version cards."""

    name: str = ""
    source_ref: str = ""
    description: str = ""
    tags: tuple[str, ...] = ()
    logo_url: str = ""
    versions: tuple[VersionInput, ...] = ()


@dataclass(frozen=True)
class Built:
    """What :func:`build_model` made of an input: the manifest (None while anything blocks) and every finding."""

    manifest: dict[str, Any] | None
    findings: tuple[FieldError, ...] = ()

    @property
    def errors(self) -> list[FieldError]:
        """The findings that block sending."""
        return blocking(self.findings)


def selector_text(selector: LabelSelector | None) -> str:
    """A namespace selector as the YAML the editor shows; ``""`` for none, ``{}`` for the match-all one."""
    return "" if selector is None else dump_yaml(selector.to_dict(), "namespaceSelector")


def version_input(version: ModelVersion) -> VersionInput:
    """A card filled from a live version, with what the wizard does not edit kept aside."""
    storage = version.storage or VersionStorage()
    share = version.share
    return VersionInput(
        name=version.name,
        repo=version.repo,
        revision=version.revision,
        precision=version.precision or "",
        size=storage.requests.get(STORAGE_REQUEST, ""),
        storage_class=storage.storage_class_name,
        access_modes=storage.access_modes,
        state=version.state,
        share_enabled=share.enabled if share else False,
        selector_yaml=selector_text(share.namespace_selector) if share else "",
        opt_in_label=share.require_opt_in_label if share else "",
        live_name=version.name,
        kept_metadata=dict(version.metadata),
        kept_requests={k: v for k, v in storage.requests.items() if k != STORAGE_REQUEST},
        kept_limits=dict(storage.limits),
        kept_share=share is not None,
    )


def model_input(model: Model) -> ModelInput:
    """The wizard filled from a live Model."""
    return ModelInput(
        name=model.name,
        source_ref=model.source_ref,
        description=model.display.description,
        tags=model.display.tags,
        logo_url=model.display.logo_url,
        versions=tuple(version_input(v) for v in model.versions),
    )


def _storage(card: VersionInput) -> VersionStorage | None:
    """The storage block, or None when nothing about storage is set (the controller's default then)."""
    requests = dict(card.kept_requests)
    if card.size.strip() or card.kept_requests or card.kept_limits or card.storage_class or card.access_modes:
        requests[STORAGE_REQUEST] = card.size.strip()
    if not requests and not card.kept_limits:
        return None
    return VersionStorage(
        access_modes=tuple(card.access_modes),
        requests=requests,
        limits=dict(card.kept_limits),
        storage_class_name=card.storage_class.strip(),
    )


def to_version(card: VersionInput, where: str) -> tuple[ModelVersion, list[FieldError]]:
    """The version a card stands for, and the errors of its selector YAML (then left out of the version).

    Text fields are taken as typed except the size and storage class, which are trimmed; the
    checks of :func:`~modelfs_lib.domain.validation.check_versions` say what is wrong with the rest.
    """
    selector, errors = parse_label_selector_yaml(card.selector_yaml, f"{where}.share.namespaceSelector")
    opt_in = card.opt_in_label.strip()
    share = None
    if card.share_enabled or selector is not None or opt_in or card.kept_share:
        share = ShareConfig(enabled=card.share_enabled, namespace_selector=selector, require_opt_in_label=opt_in)
    version = ModelVersion(
        name=card.name.strip(),
        repo=card.repo,
        revision=card.revision if card.revision.strip() else DEFAULT_REVISION,
        precision=card.precision or None,
        metadata=dict(card.kept_metadata),
        storage=_storage(card),
        state=card.state,
        share=share,
    )
    return version, errors


def _logo_problem(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return "not a URL"
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in url:
        return "expected an http:// or https:// URL, e.g. https://example.com/logo.png"
    return None


def source_type_of(source_ref: str, sources: Sequence[ModelSource] | None) -> str | None:
    """The type of the named ModelSource; None when the sources are unknown or it is not among them."""
    found = next((s for s in sources or () if s.name == source_ref), None)
    return found.source_type if found is not None and not found.invalid else None


def check_basics(
    form: ModelInput,
    *,
    namespace: str = "",
    sources: Sequence[ModelSource] | None = None,
    taken_names: Collection[str] = (),
) -> list[FieldError]:
    """Step 1: the name, the ModelSource, the logo URL.

    The name is a DNS-1123 subdomain short enough for the derived Dataset, PVC and Job names, and
    not ``taken_names`` (Models that already exist: a server-side apply would silently change
    them). The source is required; one not among ``sources`` (when known) or with credentials that
    are not ready gets a warning, since the Model can still be saved.
    """
    errors = check_dns1123_name(form.name, "name")
    if not errors:
        errors = check_model_name_fits(form.name, field="name")
    if not errors:
        errors = check_dataset_name_fits(form.name, "x", field="name", namespace=namespace)
    if not errors and form.name in taken_names:
        errors = [FieldError("name", f"a Model named {form.name!r} already exists here: edit it instead")]
    if not form.source_ref:
        errors.append(FieldError.empty("sourceRef", "choose the ModelSource the weights come from"))
    elif sources is not None:
        errors += source_findings(form.source_ref, sources, namespace)
    logo = form.logo_url.strip()
    problem = _logo_problem(logo) if logo else None
    if problem:
        errors.append(FieldError("logoURL", problem))
    return errors


def source_findings(
    source_ref: str, sources: Sequence[ModelSource], namespace: str = "", *, field: str = "sourceRef"
) -> list[FieldError]:
    """Warnings about the chosen ModelSource: missing from ``sources``, or credentials not ready."""
    source = next((s for s in sources if s.name == source_ref), None)
    where = f" in {namespace}" if namespace else ""
    if source is None:
        message = (
            f"there is no ModelSource {source_ref!r}{where}: the controller reports ModelSourceNotFound "
            "and syncs nothing until it exists"
        )
        return [FieldError(field, message, Severity.WARNING)]
    credentials = credentials_state(source)
    if credentials.state is Readiness.NOT_READY:
        reason = f" ({credentials.message})" if credentials.message else ""
        message = (
            f"its credentials are not ready{reason}: the controller reports ModelSourceNotReady and "
            "syncs nothing until the Secret is fixed"
        )
        return [FieldError(field, message, Severity.WARNING)]
    return []


def version_notes(version: ModelVersion, where: str, source_type: str | None) -> list[FieldError]:
    """Advice that does not block: repo format hints, the opt-in label's two readings, and a warning for a
    PRESENT version without storage (the controller then silently asks for 100Ti ReadWriteMany)."""
    notes = repo_warnings(source_type, version.repo, f"{where}.repo") if source_type else []
    opt_in = version.share.require_opt_in_label if version.share else ""
    notes += opt_in_label_warnings(opt_in, f"{where}.share.requireOptInLabel")
    if version.storage is None and not version.is_absent:
        notes.append(FieldError(f"{where}.storage.size", NO_SIZE_WARNING, Severity.WARNING))
    return notes


def check_cards(
    form: ModelInput,
    *,
    source_type: str | None = None,
    live: Model | None = None,
    sources: Sequence[ModelSource] | None = None,
    datasets: Collection[str] | None = None,
) -> tuple[tuple[ModelVersion, ...], list[FieldError]]:
    """Step 2: the versions the cards stand for, and every finding about them.

    :func:`~modelfs_lib.domain.validation.check_versions` (names, repo for ``source_type``,
    revision, precision, state, storage, selector, opt-in label) plus selector YAML errors, plus,
    when editing (``live``), :func:`~modelfs_lib.domain.live_versions.live_version_findings`: no
    renaming of a live version, no dropping one whose Dataset may still exist, and findings on
    values that are unchanged from the live object only warn; and no change of the immutable uri of
    a version that has a Dataset (:func:`~modelfs_lib.domain.uri_guard.uri_changes`, with ``sources``
    and ``datasets``, the names of Datasets known to exist), blamed on the repo, the revision or the
    ``sourceRef``.
    """
    versions: list[ModelVersion] = []
    findings: list[FieldError] = []
    for i, card in enumerate(form.versions):
        version, selector_errors = to_version(card, f"versions[{i}]")
        versions.append(version)
        findings += selector_errors
    findings += check_versions(versions, model_name=form.name, source_type=source_type)
    for i, version in enumerate(versions):
        findings += version_notes(version, f"versions[{i}]", source_type)
    if live is not None:
        origins = [card.live_name for card in form.versions]
        findings = live_version_findings(findings, versions, origins, live, prefix="versions")
        changes = uri_changes(live, versions, origins, source_ref=form.source_ref, sources=sources, datasets=datasets)
        findings += uri_change_findings(changes, prefix="versions")
    return tuple(versions), findings


def _soften_name(findings: list[FieldError], form: ModelInput, live: Model | None) -> list[FieldError]:
    """On an edit the name cannot change, so a finding about it only warns (it must not lock the Model out)."""
    if live is None or form.name != live.name:
        return findings
    return [
        replace(f, message=f.message + UNCHANGED_SUFFIX, severity=Severity.WARNING)
        if f.field == "name" and f.blocking
        else f
        for f in findings
    ]


def build_model(
    form: ModelInput,
    *,
    namespace: str,
    sources: Sequence[ModelSource] | None = None,
    live: Model | None = None,
    taken_names: Collection[str] = (),
    datasets: Collection[str] | None = None,
) -> Built:
    """The manifest of a wizard's input, or None with the reasons; every finding either way.

    Checks :func:`check_basics` and :func:`check_cards`; only when no finding blocks is the
    manifest built (:func:`~modelfs_lib.domain.manifests.model_manifest`: no status; labels,
    annotations and resourceVersion from ``live`` when editing) and checked against the CRD, whose
    complaints (there should be none) block too.
    """
    findings = _soften_name(
        check_basics(form, namespace=namespace, sources=sources, taken_names=taken_names), form, live
    )
    versions, version_findings = check_cards(
        form, source_type=source_type_of(form.source_ref, sources), live=live, sources=sources, datasets=datasets
    )
    findings += version_findings
    if blocking(findings):
        return Built(None, tuple(findings))
    manifest = model_manifest(
        name=form.name,
        namespace=namespace,
        source_ref=form.source_ref,
        versions=versions,
        description=form.description,
        tags=form.tags,
        logo_url=form.logo_url,
        live=live,
    )
    schema = manifest_errors(manifest)
    if schema:
        return Built(None, tuple(findings + schema))
    return Built(manifest, tuple(findings))


def lingering_fields(manifest: Mapping[str, Any], applied: Mapping[str, Any]) -> list[str]:
    """Fields the edit dropped that server-side apply left in place, as ``spec.display.description``.

    An apply removes only fields its own field manager set before; one another manager set (kubectl,
    say) stays. Of a Model's spec only ``display``'s fields can stay behind: ``sourceRef`` is
    required and ``versions`` is an atomic list, sent whole.
    """
    sent = (manifest.get("spec") or {}).get("display") or {}
    kept = (applied.get("spec") or {}).get("display") or {}
    return [f"spec.display.{key}" for key in sorted(kept) if key not in sent]


def removal_patch(fields: Sequence[str]) -> dict[str, Any]:
    """The JSON merge patch that removes :func:`lingering_fields` (a null removes a field whoever set it)."""
    display: dict[str, Any] = {path.removeprefix("spec.display."): None for path in fields}
    return {"spec": {"display": display}}
