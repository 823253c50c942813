"""Typed resources: one frozen dataclass per kind, parsed tolerantly from API objects."""

from modelfs_lib.resources.base import (
    Kind,
    ObjectMeta,
    OwnerReference,
    ParseError,
    Resource,
    format_time,
    parse_time,
)
from modelfs_lib.resources.condition import Condition, parse_conditions
from modelfs_lib.resources.dataset import Dataset, SyncRoundStatus, VolumeClaimSummary
from modelfs_lib.resources.event import Event
from modelfs_lib.resources.label_selector import LabelSelector, LabelSelectorRequirement
from modelfs_lib.resources.model import Model, ModelDisplay, SyncedVersion
from modelfs_lib.resources.model_source import (
    ANY_KEY_CONFIG_TYPES,
    LOADER_CONFIG_KEYS,
    SOURCE_TYPES,
    ModelSource,
)
from modelfs_lib.resources.model_version import ModelVersion, ShareConfig, VersionStorage
from modelfs_lib.resources.namespace import Namespace
from modelfs_lib.resources.pod import Pod
from modelfs_lib.resources.pvc import PersistentVolumeClaim
from modelfs_lib.resources.secret import Secret

__all__ = [
    "ANY_KEY_CONFIG_TYPES",
    "LOADER_CONFIG_KEYS",
    "SOURCE_TYPES",
    "Condition",
    "Dataset",
    "Event",
    "Kind",
    "LabelSelector",
    "LabelSelectorRequirement",
    "Model",
    "ModelDisplay",
    "ModelSource",
    "ModelVersion",
    "Namespace",
    "ObjectMeta",
    "OwnerReference",
    "ParseError",
    "PersistentVolumeClaim",
    "Pod",
    "Resource",
    "Secret",
    "ShareConfig",
    "SyncRoundStatus",
    "SyncedVersion",
    "VersionStorage",
    "VolumeClaimSummary",
    "format_time",
    "parse_conditions",
    "parse_time",
]
