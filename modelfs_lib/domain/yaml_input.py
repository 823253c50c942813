"""The one loader for YAML a person types or pastes: bounded in size, depth, aliases and expansion.

Every YAML editor of the console reads through :func:`load_yaml_documents`. A manifest has no
use for aliases beyond a few, for hundreds of nesting levels or for repeated keys, and an alias
bomb of a few hundred bytes would otherwise expand to millions of nodes in every check and
message that walks it. Refusals are short, with the line they stop at.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from modelfs_lib.domain.field_error import FieldError

MAX_BYTES = 256 * 1024
"""The longest text read (UTF-8 bytes)."""
MAX_ALIASES = 50
"""The most ``*alias`` references in one text."""
MAX_DEPTH = 64
"""The deepest nesting of mappings and lists."""
MAX_NODES = 50_000
"""The most values a document may hold once every alias is expanded."""
MAX_MESSAGE = 300
"""Characters of any one message about the text."""

_MERGE_TAG = "tag:yaml.org,2002:merge"


class YamlRefused(yaml.YAMLError):
    """The text is YAML the console will not read; ``line`` is 1-based (0: the text as a whole)."""

    def __init__(self, reason: str, mark: yaml.Mark | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = mark.line + 1 if mark is not None else 0


def _expanded_size(root: Node) -> int:
    """How many nodes ``root`` stands for with every alias expanded (each shared node counted each time)."""
    sizes: dict[int, int] = {}
    visiting: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in sizes:
            continue
        if not done and id(node) in visiting:
            raise YamlRefused("refers to itself through an alias", node.start_mark)
        children: list[Node] = []
        if isinstance(node, SequenceNode):
            children = list(node.value)
        elif isinstance(node, MappingNode):
            children = [part for pair in node.value for part in pair]
        if done or not children:
            visiting.discard(id(node))
            sizes[id(node)] = 1 + sum(sizes.get(id(c), 1) for c in children)
            if sizes[id(node)] > MAX_NODES:
                raise YamlRefused(f"expands to more than {MAX_NODES:,} values through its aliases", node.start_mark)
            continue
        visiting.add(id(node))
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in sizes)
    return sizes[id(root)]


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader with the limits above and duplicate keys refused."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._aliases = 0
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise YamlRefused(f"uses more than {MAX_ALIASES} aliases (*name)", self.peek_event().start_mark)  # type: ignore[no-untyped-call]
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise YamlRefused(f"is nested more than {MAX_DEPTH} levels deep", self.peek_event().start_mark)  # type: ignore[no-untyped-call]
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def compose_document(self) -> Node | None:
        node = super().compose_document()
        if node is not None:
            _expanded_size(node)
        return node

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[tuple[str, str]] = set()
        for key_node, _ in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == _MERGE_TAG:
                continue
            key = (key_node.tag, key_node.value)
            if key in seen:
                raise YamlRefused(f"repeats the key {_short(key_node.value, 60)!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _short(text: str, limit: int = MAX_MESSAGE) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def short_message(text: str) -> str:
    """``text`` cut to :data:`MAX_MESSAGE` characters: a message about input never floods the page."""
    return _short(text)


def load_yaml_documents(text: str, *, field: str) -> tuple[list[Any], list[FieldError]]:
    """The non-empty documents in ``text``, or one short error at ``field`` saying why they cannot be read."""
    size = len(text.encode("utf-8", errors="replace"))
    if size > MAX_BYTES:
        message = f"the text is {size / 1024:,.0f} KiB; at most {MAX_BYTES // 1024} KiB is read"
        return [], [FieldError(field, message)]
    loader: _BoundedLoader | None = None
    try:
        loader = _BoundedLoader(text)
        documents = []
        while loader.check_data():  # type: ignore[no-untyped-call]
            document = loader.get_data()
            if document is not None:
                documents.append(document)
        return documents, []
    except YamlRefused as e:
        where = f" at line {e.line}" if e.line else ""
        return [], [FieldError(field, f"refused{where}: the YAML {e.reason}")]
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = str(getattr(e, "problem", None) or e)
        return [], [FieldError(field, _short(f"not valid YAML{where}: {problem}"))]
    except RecursionError:
        return [], [FieldError(field, f"refused: the YAML is nested more than {MAX_DEPTH} levels deep")]
    finally:
        if loader is not None:
            loader.dispose()
