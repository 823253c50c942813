"""``python -m tests.access.derive [--write]``: drive the console, print the access it needed, and with
``--write`` rewrite REQUIRED_ACCESS's JSON, the chart's ``files/access.yaml`` and the README table."""

from __future__ import annotations

import sys

from tests.access.artifacts import derive, write_all
from tests.access.drive import record_console_access


def main(argv: list[str]) -> int:
    """Record, print, and write when asked."""
    access = derive(record_console_access())
    for scope, grants in (("cluster", access.cluster), ("controller namespace", access.controller)):
        for verb, group, resource in sorted(grants):
            print(f"{scope}: {verb} {group or 'core'} {resource}")
    if "--write" in argv:
        for path in write_all(access):
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
