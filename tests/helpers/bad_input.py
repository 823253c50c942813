"""Hostile input that forms and YAML editors must refuse or render inert, in unit and page tests."""

from __future__ import annotations

BOMB = (  # a YAML alias bomb: 9**6 strings from six lines
    'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
)
FIVE_MB = "sourceRef: huggingface\nversions: []\n# " + "x" * (5 * 1024 * 1024)
HTML = "<img src=x onerror=alert(1)>"
"""Markup that would run script if rendered as HTML."""
