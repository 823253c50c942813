"""Hypothesis strategies for names and values, drawn directly rather than through regular expressions."""

from __future__ import annotations

import string

from hypothesis import strategies as st

LOWER_ALNUM = string.ascii_lowercase + string.digits
ALNUM = string.ascii_letters + string.digits


def word(edge: str, middle: str, max_middle: int) -> st.SearchStrategy[str]:
    """Strings matching ``[edge]([middle]{0,max_middle}[edge])?``."""
    ends = st.sampled_from(edge)
    return ends | st.builds("{}{}{}".format, ends, st.text(alphabet=middle, max_size=max_middle), ends)


def dotted(head: st.SearchStrategy[str], part: st.SearchStrategy[str], max_parts: int) -> st.SearchStrategy[str]:
    """``head`` followed by up to ``max_parts`` of ``.part``."""
    return st.builds(lambda h, parts: ".".join([h, *parts]), head, st.lists(part, max_size=max_parts))
