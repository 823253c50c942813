"""Acting as a person: Kubernetes impersonation headers, or the person's own bearer token.

Behind an authenticating proxy the console keeps its own credentials and adds
``Impersonate-User`` and one ``Impersonate-Group`` header per group; the API server then
authorizes the request as that person (the console's identity needs ``impersonate`` on
``users`` and ``groups``). With OpenID Connect sign-in the console sends the person's ID
token instead of its own, to an API server that trusts the same issuer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

IMPERSONATE_USER = "Impersonate-User"
IMPERSONATE_GROUP = "Impersonate-Group"

IMPERSONATE_ACCESS: frozenset[tuple[str, str, str]] = frozenset(
    {("impersonate", "", "users"), ("impersonate", "", "groups")}
)
"""What the console's own identity needs to act as the people behind a proxy, and nothing else."""


@dataclass(frozen=True)
class ActingAs:
    """Whom requests are made for: ``user`` and ``groups`` impersonated, or ``token`` sent as the bearer.

    The token never appears in ``repr`` (and so never in a log or an error message).
    """

    user: str = ""
    groups: tuple[str, ...] = ()
    token: str = field(default="", repr=False)

    def headers(self) -> list[tuple[str, str]]:
        """The request headers, in order; a header name may repeat (one ``Impersonate-Group`` per group)."""
        if self.token:
            return [("Authorization", f"Bearer {self.token}")]
        if not self.user:
            return []
        return [(IMPERSONATE_USER, self.user)] + [(IMPERSONATE_GROUP, group) for group in self.groups]
