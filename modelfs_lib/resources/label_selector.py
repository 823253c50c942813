"""Standard Kubernetes label selectors (used by Model sharing and Dataset sharing)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from modelfs_lib.resources.base import as_list, as_mapping, as_required_str, as_str_map, as_str_tuple


@dataclass(frozen=True, slots=True)
class LabelSelectorRequirement:
    """``key operator values``, e.g. ``team In (ml, research)``; the operator is kept raw."""

    key: str = ""
    operator: str = ""
    values: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data: Any, what: str) -> LabelSelectorRequirement:
        """Parse one requirement strictly; ``key`` and ``operator`` are required."""
        data = as_mapping(data, what)
        return cls(
            key=as_required_str(data.get("key"), f"{what}.key"),
            operator=as_required_str(data.get("operator"), f"{what}.operator"),
            values=as_str_tuple(data.get("values"), f"{what}.values"),
        )

    def to_dict(self) -> dict[str, Any]:
        """The wire form; ``values`` only when non-empty."""
        result: dict[str, Any] = {"key": self.key, "operator": self.operator}
        if self.values:
            result["values"] = list(self.values)
        return result

    def matches(self, labels: Mapping[str, str]) -> bool:
        """Kubernetes semantics; an unknown operator matches nothing."""
        if self.operator == "In":
            return self.key in labels and labels[self.key] in self.values
        if self.operator == "NotIn":
            return self.key not in labels or labels[self.key] not in self.values
        if self.operator == "Exists":
            return self.key in labels
        if self.operator == "DoesNotExist":
            return self.key not in labels
        return False


@dataclass(frozen=True, slots=True)
class LabelSelector:
    """``matchLabels`` and ``matchExpressions``, ANDed; an empty selector matches everything."""

    match_labels: dict[str, str] = field(default_factory=dict)
    match_expressions: tuple[LabelSelectorRequirement, ...] = ()

    @classmethod
    def from_dict(cls, data: Any, what: str = "selector") -> LabelSelector:
        """Parse a selector strictly (raises ParseError)."""
        data = as_mapping(data, what)
        expressions = as_list(data.get("matchExpressions"), f"{what}.matchExpressions")
        return cls(
            match_labels=as_str_map(data.get("matchLabels"), f"{what}.matchLabels"),
            match_expressions=tuple(
                LabelSelectorRequirement.from_dict(item, f"{what}.matchExpressions[{i}]")
                for i, item in enumerate(expressions)
            ),
        )

    @property
    def is_empty(self) -> bool:
        """True when the selector has no terms (and so selects every namespace)."""
        return not self.match_labels and not self.match_expressions

    def to_dict(self) -> dict[str, Any]:
        """The wire form, omitting empty parts."""
        result: dict[str, Any] = {}
        if self.match_labels:
            result["matchLabels"] = dict(self.match_labels)
        if self.match_expressions:
            result["matchExpressions"] = [e.to_dict() for e in self.match_expressions]
        return result

    def matches(self, labels: Mapping[str, str]) -> bool:
        """Whether a set of labels satisfies every term."""
        if any(labels.get(key) != value for key, value in self.match_labels.items()):
            return False
        return all(e.matches(labels) for e in self.match_expressions)
