"""Who may do what in an emulated cluster: deny rules checked on every request and by access reviews.

Requests come from a :class:`Subject`: the console's own identity (the kubeconfig's credentials),
the person a registered bearer token names, or the person named by ``Impersonate-User`` and
``Impersonate-Group`` headers, which the caller must be allowed to ``impersonate``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

CONSOLE_USER = "system:serviceaccount:demo:modelfs-ui"


@dataclass(frozen=True)
class Subject:
    """An authenticated user and the groups it belongs to."""

    user: str
    groups: tuple[str, ...] = ()

    def is_(self, name: str) -> bool:
        """Whether ``name`` is this user or one of its groups."""
        return name == self.user or name in self.groups


CONSOLE = Subject(CONSOLE_USER, ("system:serviceaccounts", "system:authenticated"))
"""Whoever presents the kubeconfig's own credentials."""


@dataclass(frozen=True)
class DenyRule:
    """Forbid ``verb`` on ``group/resource`` (in ``namespace``; None means every namespace).

    ``subject`` limits the rule to one user or group (None: everyone); ``name`` to one object.
    """

    verb: str
    group: str
    resource: str
    namespace: str | None = None
    subject: str | None = None
    name: str | None = None

    def matches(
        self, verb: str, group: str, resource: str, namespace: str | None, subject: Subject = CONSOLE, name: str = ""
    ) -> bool:
        """Whether this rule forbids the request (``*`` matches any verb)."""
        return (
            self.verb in ("*", verb)
            and self.group == group
            and self.resource == resource
            and (self.namespace is None or self.namespace == namespace)
            and (self.subject is None or subject.is_(self.subject))
            and (self.name is None or self.name == name)
        )


class AccessPolicy:
    """Everything is allowed except what a deny rule forbids."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[DenyRule] = []
        self._tokens: dict[str, Subject] = {}

    def deny(
        self,
        verb: str,
        resource: str,
        *,
        group: str = "",
        namespace: str | None = None,
        subject: str | None = None,
        name: str | None = None,
    ) -> DenyRule:
        """Add a deny rule (for one user or group when ``subject`` is given); returns it."""
        rule = DenyRule(verb, group, resource, namespace, subject, name)
        with self._lock:
            self._rules.append(rule)
        return rule

    def snapshot(self) -> tuple[tuple[DenyRule, ...], dict[str, Subject]]:
        """The deny rules and tokens in force now."""
        with self._lock:
            return tuple(self._rules), dict(self._tokens)

    def restore(self, state: tuple[tuple[DenyRule, ...], dict[str, Subject]]) -> None:
        """Put back the rules and tokens of a :meth:`snapshot`."""
        with self._lock:
            self._rules = list(state[0])
            self._tokens = dict(state[1])

    def allows(
        self, verb: str, group: str, resource: str, namespace: str | None, subject: Subject = CONSOLE, name: str = ""
    ) -> bool:
        """Whether no deny rule matches ``subject``'s request."""
        with self._lock:
            return not any(rule.matches(verb, group, resource, namespace, subject, name) for rule in self._rules)

    def add_token(self, token: str, user: str, groups: Iterable[str] = ()) -> None:
        """Accept ``token`` as a bearer token that authenticates ``user`` (as an OIDC-trusting API server would)."""
        with self._lock:
            self._tokens[token] = Subject(user, (*groups, "system:authenticated"))

    def subject_for_token(self, token: str) -> Subject:
        """Who ``token`` authenticates: its registered person, or else the console (the kubeconfig's token)."""
        with self._lock:
            return self._tokens.get(token, CONSOLE)
