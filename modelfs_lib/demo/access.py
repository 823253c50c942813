"""Who may do what in an emulated cluster: deny rules checked on every request and by access reviews."""

from __future__ import annotations

import threading
from dataclasses import dataclass


@dataclass(frozen=True)
class DenyRule:
    """Forbid ``verb`` on ``group/resource`` (in ``namespace``; None means every namespace)."""

    verb: str
    group: str
    resource: str
    namespace: str | None = None

    def matches(self, verb: str, group: str, resource: str, namespace: str | None) -> bool:
        """Whether this rule forbids the request (``*`` matches any verb)."""
        return (
            self.verb in ("*", verb)
            and self.group == group
            and self.resource == resource
            and (self.namespace is None or self.namespace == namespace)
        )


class AccessPolicy:
    """Everything is allowed except what a deny rule forbids."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[DenyRule] = []

    def deny(self, verb: str, resource: str, *, group: str = "", namespace: str | None = None) -> DenyRule:
        """Add a deny rule; returns it so a test can lift it again."""
        rule = DenyRule(verb, group, resource, namespace)
        with self._lock:
            self._rules.append(rule)
        return rule

    def lift(self, rule: DenyRule | None = None) -> None:
        """Remove one rule, or every rule."""
        with self._lock:
            if rule is None:
                self._rules.clear()
            elif rule in self._rules:
                self._rules.remove(rule)

    def allows(self, verb: str, group: str, resource: str, namespace: str | None) -> bool:
        """Whether no deny rule matches."""
        with self._lock:
            return not any(rule.matches(verb, group, resource, namespace) for rule in self._rules)
