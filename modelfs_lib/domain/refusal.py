"""The sentence shown when the API server refused a day-2 write to a Dataset (a recreate, a round bump)."""

from __future__ import annotations

from modelfs_lib.errors import Conflict, Forbidden, Invalid, ModelfsError, NotFound


def refusal_sentence(
    error: ModelfsError, *, outcome: str, verb: str, target: str, conflict: str, invalid: str = "", gone: str = ""
) -> str:
    """``<outcome>: <why>``.

    ``conflict`` explains a 409 and ``invalid`` a 422 (when given); a 404 says ``target`` no longer
    exists (then ``gone``); a 403 says the user may not ``verb`` it; anything else is the error itself.
    """
    if isinstance(error, Conflict):
        why = conflict
    elif invalid and isinstance(error, Invalid):
        why = invalid
    elif isinstance(error, NotFound):
        why = f"{target} no longer exists{gone}."
    elif isinstance(error, Forbidden):
        why = f"you may not {verb} {target}. {error.summary}"
    else:
        why = str(error)
    return f"{outcome}: {why}"
