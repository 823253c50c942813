"""The console's own check of a ModelSource's Secret, and the command that rotates it.

The controller's check (``CredentialsReady``): the Secret named by ``secretRef`` exists in the
source's namespace and has at least one data key. :func:`check_secret` reads the outcome of a GET
of that Secret the same way. It only ever sees a :class:`~modelfs_lib.resources.secret.Secret`,
which holds key names and never values; :func:`rotate_secret_command` builds a command that takes
the new values from the user's shell, never from the cluster.
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from modelfs_lib.domain.status import CredentialsState, Readiness
from modelfs_lib.domain.times import exact_time
from modelfs_lib.errors import Forbidden, ModelfsError, NotFound
from modelfs_lib.resources.secret import Secret

OPAQUE = "Opaque"
PLACEHOLDER_KEY = "KEY"
"""The key name the rotate command suggests when the Secret has none to go by."""


class SecretVerdict(StrEnum):
    """What the console found when it read the referenced Secret."""

    NO_SECRET = "no_secret"
    VALID = "valid"
    EMPTY = "empty"
    MISSING = "missing"
    FORBIDDEN = "forbidden"
    FAILED = "failed"


@dataclass(frozen=True)
class SecretCheck:
    """One check: the verdict, the Secret's key names (never values) and type, and when it ran."""

    verdict: SecretVerdict
    namespace: str
    secret_ref: str
    checked_at: dt.datetime
    key_names: tuple[str, ...] = ()
    secret_type: str = ""
    detail: str = ""

    @property
    def passes(self) -> bool | None:
        """Whether the controller's check would pass: None when the console could not tell."""
        if self.verdict in (SecretVerdict.NO_SECRET, SecretVerdict.VALID):
            return True
        if self.verdict in (SecretVerdict.EMPTY, SecretVerdict.MISSING):
            return False
        return None

    @property
    def message(self) -> str:
        """The sentence the detail shows."""
        ref, ns = self.secret_ref, self.namespace
        count = len(self.key_names)
        return {
            SecretVerdict.NO_SECRET: "No secretRef: a public source, no secret needed.",
            SecretVerdict.VALID: (
                f"Secret {ref} exists and has {count} key{'' if count == 1 else 's'}: the controller's check passes."
            ),
            SecretVerdict.EMPTY: (
                f"Secret {ref} exists but has no data keys: the controller reports SecretInvalid until one is added."
            ),
            SecretVerdict.MISSING: (
                f"Secret {ref} does not exist in {ns}: the controller reports SecretInvalid until it is created."
            ),
            SecretVerdict.FORBIDDEN: (
                f"You may not read Secret {ref} in {ns}, so the console cannot check it; "
                "the controller's verdict is all that is known."
            ),
            SecretVerdict.FAILED: f"Reading Secret {ref} failed: {self.detail}",
        }[self.verdict]


def check_secret(
    namespace: str, secret_ref: str, outcome: Secret | ModelfsError | None, *, checked_at: dt.datetime
) -> SecretCheck:
    """Read the outcome of GETting Secret ``secret_ref`` in ``namespace`` as the controller would.

    ``outcome`` is the Secret, the error the GET raised, or None when there is no ``secretRef``
    (nothing to read). NotFound is MISSING, Forbidden is FORBIDDEN, any other error FAILED.
    """
    base = SecretCheck(SecretVerdict.FAILED, namespace, secret_ref, checked_at)
    if not secret_ref:
        return replace(base, verdict=SecretVerdict.NO_SECRET)
    if isinstance(outcome, NotFound):
        return replace(base, verdict=SecretVerdict.MISSING)
    if isinstance(outcome, Forbidden):
        return replace(base, verdict=SecretVerdict.FORBIDDEN, detail=outcome.summary)
    if isinstance(outcome, ModelfsError) or outcome is None:
        return replace(base, detail=str(outcome) if outcome is not None else "no answer")
    if outcome.invalid:
        return replace(base, detail=f"the Secret could not be read: {outcome.invalid}")
    verdict = SecretVerdict.VALID if outcome.key_names else SecretVerdict.EMPTY
    return replace(base, verdict=verdict, key_names=outcome.key_names, secret_type=outcome.type)


def disagreement(check: SecretCheck, controller: CredentialsState) -> str | None:
    """A note when the console's check and the controller's last ``CredentialsReady`` differ; else None."""
    if check.passes is None or controller.state is Readiness.UNKNOWN:
        return None
    since = f" (since {exact_time(controller.time)})" if controller.time else ""
    if check.passes and controller.state is Readiness.NOT_READY:
        return (
            f"The Secret passes the check now, but the controller last reported {controller.reason or 'not ready'}"
            f"{since}: it re-checks when it next reconciles the source."
        )
    if not check.passes and controller.state is Readiness.READY:
        return (
            f"The controller last reported the credentials ready{since}, but the Secret fails the check now: "
            "Models using this source fail once it re-checks."
        )
    return None


_NOT_IN_NAME = re.compile(r"[^A-Za-z0-9_]")


def shell_variables(key_names: Sequence[str]) -> list[str]:
    """One shell variable per key: ``NEW_`` + the key upper-cased with other characters as ``_``, made unique.

    The prefix keeps a key such as ``PATH`` or ``HOME`` from clobbering the user's environment.
    """
    names: list[str] = []
    for key in key_names:
        base = "NEW_" + _NOT_IN_NAME.sub("_", key).upper()
        name, n = base, 2
        while name in names:
            name, n = f"{base}_{n}", n + 1
        names.append(name)
    return names


def rotate_secret_command(namespace: str, name: str, key_names: Sequence[str], secret_type: str = "") -> str:
    """A bash script that writes the data of Secret ``name`` anew without showing, reading or copying its values.

    It prompts for each key's new value without echo (``read -rs``) into a ``NEW_*`` variable (or
    uses one already exported), refuses an empty value, and builds the Secret with ``kubectl create
    secret generic --dry-run=client -o yaml``, each value read from a process substitution so it is
    on no command line. The YAML goes to ``kubectl replace -f -`` (``create -f -`` when the Secret
    does not exist): unlike a client-side ``kubectl apply``, neither keeps a copy of the data in the
    ``last-applied-configuration`` annotation, and the replace drops one an earlier apply left. It runs
    in a subshell with ``set -euo pipefail`` (a failure cannot close the user's shell), unsets the
    variables, says whether the Secret was written, and its status is kubectl's. Keys are the
    Secret's (``KEY`` when it has none); a type other than Opaque is kept with ``--type``.
    """
    keys = list(key_names) or [PLACEHOLDER_KEY]
    variables = shell_variables(keys)
    ns, secret = shlex.quote(namespace), shlex.quote(name)
    where = shlex.quote(f"{namespace}/{name}")
    lines = [
        "# Type each new value at its prompt: nothing is echoed, kept in your shell history or put on a command line.",
        "# The Secret is written anew (replace): its data, labels and annotations become exactly these.",
    ]
    if not key_names:
        lines.append(f"# Replace {PLACEHOLDER_KEY} with the key name the loader expects.")
    lines.append("( set -euo pipefail")
    for key, variable in zip(keys, variables, strict=True):
        prompt = shlex.quote(f"New value for {key}: ")
        empty = shlex.quote(f"No value for {key}: nothing changed.")
        lines.append(f'  [ -n "${{{variable}:-}}" ] || {{ read -rs -p {prompt} {variable}; echo >&2; }}')
        lines.append(f'  [ -n "${variable}" ] || {{ echo {empty} >&2; exit 1; }}')
    lines.append(
        f"  if kubectl -n {ns} get secret {secret} -o name >/dev/null 2>&1; then verb=replace; else verb=create; fi"
    )
    create = f"  kubectl -n {ns} create secret generic {secret}"
    if secret_type and secret_type != OPAQUE:
        create += f" --type={shlex.quote(secret_type)}"
    lines.append(create + " \\")
    for key, variable in zip(keys, variables, strict=True):
        lines.append(f"    --from-file={shlex.quote(key)}=<(printf '%s' \"${variable}\") \\")
    lines.append(f'    --dry-run=client -o yaml | kubectl -n {ns} "$verb" -f -')
    lines.append(
        f"); rotated=$?; unset {' '.join(variables)}; "
        f'if [ "$rotated" -eq 0 ]; then echo "Secret "{where}" written."; '
        f'else echo "Secret "{where}" NOT changed: see the kubectl error above." >&2; false; fi'
    )
    return "\n".join(lines)
