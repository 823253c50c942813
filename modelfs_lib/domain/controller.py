"""Where the modelfs controller runs, and the ``kubectl logs`` command that reads it.

The modelfs Helm chart names the controller's Deployment after its release, in the namespace
it is installed in (``modelfs-system`` by convention), and labels its pods
``control-plane=controller-manager``; its README reads the logs with that label. So the
console finds the controller by namespace and label selector, or by a Deployment name when
the operator sets one, and builds every logs command from that one place.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

from modelfs_lib.domain.labels import label_key_problem, label_value_problem
from modelfs_lib.domain.schema import DNS1123_LABEL, DNS1123_SUBDOMAIN
from modelfs_lib.resources.naming import NAME_LIMIT

DEFAULT_NAMESPACE = "modelfs-system"
DEFAULT_SELECTOR = "control-plane=controller-manager"
TAIL_LINES = 200
"""How many lines of each pod the logs command shows when no time window is given."""

_EQUALITY = re.compile(r"^\s*(?P<key>[^\s=!(),]+)\s*(?P<op>==|=|!=)\s*(?P<value>[^\s=!(),]*)\s*$")
_SET = re.compile(r"^\s*(?P<key>[^\s=!(),]+)\s+(?P<op>in|notin)\s*\((?P<values>[^()]*)\)\s*$")
_EXISTS = re.compile(r"^\s*(?P<negate>!?)\s*(?P<key>[^\s=!(),]+)\s*$")
_DURATION = re.compile(r"^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$")


def namespace_problem(namespace: str) -> str | None:
    """Why ``namespace`` cannot be a namespace name (a DNS-1123 label); None when it can."""
    if not namespace:
        return "the controller's namespace cannot be empty"
    if len(namespace) > NAME_LIMIT or not DNS1123_LABEL.fullmatch(namespace):
        return (
            f"the controller's namespace {namespace!r} is not a namespace name: at most {NAME_LIMIT} lower-case "
            "letters, digits and '-', starting and ending with a letter or digit"
        )
    return None


def deployment_problem(name: str) -> str | None:
    """Why ``name`` cannot be a Deployment name (a DNS-1123 subdomain); None when it can."""
    if len(name) > 253 or not DNS1123_SUBDOMAIN.fullmatch(name):
        return (
            f"the controller's Deployment name {name!r} is not an object name: lower-case letters, digits, "
            "'-' and '.', starting and ending with a letter or digit"
        )
    return None


def _terms(selector: str) -> list[str]:
    """``selector`` split at the commas that are not inside ``in (...)`` sets."""
    terms, depth, current = [], 0, ""
    for char in selector:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            terms.append(current)
            current = ""
        else:
            current += char
    return [*terms, current]


def _term_problem(term: str) -> str | None:
    equality, in_set, exists = _EQUALITY.match(term), _SET.match(term), _EXISTS.match(term)
    if equality:
        return label_key_problem(equality["key"]) or label_value_problem(equality["value"])
    if in_set:
        values = [v.strip() for v in in_set["values"].split(",")]
        if not any(values):
            return f"{term.strip()!r} lists no values"
        return label_key_problem(in_set["key"]) or next(filter(None, map(label_value_problem, values)), None)
    if exists:
        return label_key_problem(exists["key"])
    return (
        f"{term.strip()!r} is not a requirement: use key=value, key!=value, key in (a,b), key notin (a,b), key or !key"
    )


def selector_problem(selector: str) -> str | None:
    """Why ``selector`` is not a label selector as ``kubectl -l`` and the API server read it; None when it is.

    An empty selector is refused too: it would match every pod of the namespace.
    """
    if not selector.strip():
        return "the controller's label selector cannot be empty: it would match every pod of the namespace"
    for term in _terms(selector):
        if not term.strip():
            return f"the controller's label selector {selector!r} has an empty requirement (a stray ',')"
        problem = _term_problem(term)
        if problem:
            return f"the controller's label selector {selector!r}: {problem}"
    return None


@dataclass(frozen=True)
class ControllerLocation:
    """Where the controller runs: a namespace and a label selector, or a Deployment name in that namespace.

    Always valid: construction raises ValueError with the reason otherwise.
    """

    namespace: str = DEFAULT_NAMESPACE
    selector: str = DEFAULT_SELECTOR
    deployment: str | None = None

    def __post_init__(self) -> None:
        problem = (
            namespace_problem(self.namespace)
            or selector_problem(self.selector)
            or (deployment_problem(self.deployment) if self.deployment is not None else None)
        )
        if problem:
            raise ValueError(problem)

    @property
    def target(self) -> str:
        """What ``kubectl logs`` reads: ``deploy/<name>``, or the pods the selector matches."""
        return f"deploy/{self.deployment}" if self.deployment else f"pods labelled {self.selector}"

    @property
    def description(self) -> str:
        """The location in words: ``deploy/modelfs in modelfs-system``."""
        return f"{self.target} in {self.namespace}"


def controller_location(
    namespace: str | None, selector: str | None, deployment: str | None
) -> tuple[ControllerLocation, dict[str, str]]:
    """A location from configured values (None or blank: the default), and the problems found.

    Each invalid value falls back to its default on its own; the problems are keyed by the
    value's name (``namespace``, ``selector``, ``deployment``) and say what is used instead.
    """
    namespace, selector = (namespace or "").strip() or DEFAULT_NAMESPACE, (selector or "").strip() or DEFAULT_SELECTOR
    name = (deployment or "").strip() or None
    problems: dict[str, str] = {}
    if problem := namespace_problem(namespace):
        problems["namespace"] = f"{problem}; using {DEFAULT_NAMESPACE}"
        namespace = DEFAULT_NAMESPACE
    if problem := selector_problem(selector):
        problems["selector"] = f"{problem}; using {DEFAULT_SELECTOR}"
        selector = DEFAULT_SELECTOR
    if name is not None and (problem := deployment_problem(name)):
        problems["deployment"] = f"{problem}; using the label selector instead"
        name = None
    return ControllerLocation(namespace, selector, name), problems


def logs_command(location: ControllerLocation, *, since: str | None = None, grep: str | None = None) -> str:
    """The ``kubectl logs`` command for the controller, every value shell-quoted.

    ``kubectl -n <ns> logs -l <selector> --tail=200``, or ``deploy/<name>`` instead of ``-l``
    when a Deployment name is set. With ``since`` (a duration such as ``1h``) every line of that
    window (``--tail=-1``: a selector otherwise stops at 10 lines a pod); with ``grep`` only the
    lines holding that text (``grep -F``). ValueError for a ``since`` that is not a duration.
    """
    words = ["kubectl", "-n", location.namespace, "logs"]
    words += [f"deploy/{location.deployment}"] if location.deployment else ["-l", location.selector]
    if since is not None:
        if not _DURATION.fullmatch(since):
            raise ValueError(f"{since!r} is not a duration such as 30m or 1h")
        words += ["--tail=-1", f"--since={since}"]
    else:
        words.append(f"--tail={TAIL_LINES}")
    command = shlex.join(words)
    if grep:
        command += " | " + shlex.join(["grep", "-F", "-e", grep])
    return command
