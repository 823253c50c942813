"""What a check says about one input field: the value every wizard check returns a list of."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from enum import StrEnum


class Severity(StrEnum):
    """How much a finding weighs: only ERROR blocks sending; WARNING and NOTE are shown beside the field."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True)
class FieldError:
    """One message for one field.

    ``field`` is a stable key the UI shows the message next to: ``name``, ``versions[1].repo``,
    ``versions[0].storage.size``, ``versions[2].share.namespaceSelector``, ``config[3].key``, or a
    manifest path (``spec.versions[0].precision``) for the YAML editor. ``message`` is a sentence
    for people and never repeats a value that may be a credential. ``required``: the finding only
    says that the field is still empty (a form shows it once the user tries to go on).
    """

    field: str
    message: str
    severity: Severity = Severity.ERROR
    required: bool = dataclass_field(default=False, compare=False)

    @classmethod
    def empty(cls, field: str, message: str = "is required") -> FieldError:
        """The error for a field that is still empty: blocking, and marked :attr:`required`."""
        return cls(field, message, required=True)

    @property
    def blocking(self) -> bool:
        """Whether this finding must stop a save (only errors do)."""
        return self.severity is Severity.ERROR


def blocking(findings: Iterable[FieldError]) -> list[FieldError]:
    """The findings that must stop a save: the errors, in order."""
    return [f for f in findings if f.blocking]


def messages_by_field(findings: Iterable[FieldError]) -> dict[str, list[str]]:
    """Messages grouped by field key, in order of first appearance (what a form shows under each input)."""
    grouped: dict[str, list[str]] = {}
    for finding in findings:
        grouped.setdefault(finding.field, []).append(finding.message)
    return grouped
