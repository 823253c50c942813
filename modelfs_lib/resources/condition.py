"""Status conditions (``metav1.Condition``) as the controllers write them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from modelfs_lib.resources.base import as_int, as_list, as_mapping, as_required_str, as_str, parse_time


@dataclass(frozen=True, slots=True)
class Condition:
    """One entry of ``status.conditions``; ``status`` is the raw "True", "False" or "Unknown"."""

    type: str = ""
    status: str = "Unknown"
    reason: str = ""
    message: str = ""
    last_transition_time: dt.datetime | None = None
    observed_generation: int | None = None

    @property
    def is_true(self) -> bool:
        """Whether ``status`` is "True"."""
        return self.status == "True"

    @property
    def is_false(self) -> bool:
        """Whether ``status`` is "False"."""
        return self.status == "False"

    @classmethod
    def from_dict(cls, data: Any, what: str = "condition") -> Condition:
        """Parse one condition strictly (raises ParseError); ``type`` is required."""
        data = as_mapping(data, what)
        return cls(
            type=as_required_str(data.get("type"), f"{what}.type"),
            status=as_str(data.get("status"), f"{what}.status", "Unknown"),
            reason=as_str(data.get("reason"), f"{what}.reason"),
            message=as_str(data.get("message"), f"{what}.message"),
            last_transition_time=parse_time(data.get("lastTransitionTime"), f"{what}.lastTransitionTime"),
            observed_generation=as_int(data.get("observedGeneration"), f"{what}.observedGeneration"),
        )


def parse_conditions(value: Any, what: str = "status.conditions") -> tuple[Condition, ...]:
    """A ``conditions`` list (None counts as empty) as a tuple; raises ParseError when malformed."""
    return tuple(Condition.from_dict(item, f"{what}[{i}]") for i, item in enumerate(as_list(value, what)))
