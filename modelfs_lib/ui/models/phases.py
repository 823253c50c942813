"""How a phase looks, the same in every table, badge and filter: an icon, a colour and its label.

Tables show the plain label, coloured through a pandas Styler; badges use Material icons,
so nothing depends on an emoji font being installed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import pandas as pd
from pandas.io.formats.style import Styler

from modelfs_lib.domain.status import Phase, dataset_phase, synced_round_despite_failed
from modelfs_lib.resources import Dataset

BadgeColor = Literal["red", "blue", "orange", "gray", "green"]

PHASE_ICONS: dict[Phase, str] = {
    Phase.FAILED: ":material/error:",
    Phase.PROCESSING: ":material/sync:",
    Phase.PENDING: ":material/schedule:",
    Phase.UNKNOWN: ":material/help:",
    Phase.READY: ":material/check_circle:",
}
PHASE_COLORS: dict[Phase, BadgeColor] = {
    Phase.FAILED: "red",
    Phase.PROCESSING: "blue",
    Phase.PENDING: "orange",
    Phase.UNKNOWN: "gray",
    Phase.READY: "green",
}
_CSS: dict[Phase, str] = {
    Phase.FAILED: "#e03131",
    Phase.PROCESSING: "#1c7ed6",
    Phase.PENDING: "#d9480f",
    Phase.UNKNOWN: "#868e96",
    Phase.READY: "#2b8a3e",
}
_BY_LABEL = {phase.label: phase for phase in Phase}
NO_PHASE = "—"


def phase_label(phase: Phase | None) -> str:
    """``"Failed"``; ``"—"`` for no phase."""
    return NO_PHASE if phase is None else phase.label


def phase_markdown(phase: Phase) -> str:
    """A coloured badge with the phase's icon, for st.markdown: ``:red-badge[:material/error: Failed]``."""
    return f":{PHASE_COLORS[phase]}-badge[{PHASE_ICONS[phase]} {phase.label}]"


def _cell_style(value: object) -> str:
    phase = _BY_LABEL.get(str(value))
    return f"color: {_CSS[phase]}; font-weight: 600" if phase is not None else ""


def styled_phases(frame: pd.DataFrame, columns: Sequence[str]) -> Styler:
    """``frame`` with the phase labels in ``columns`` coloured."""
    return frame.style.map(_cell_style, subset=list(columns))


def dataset_phase_markdown(dataset: Dataset) -> str:
    """A Dataset's phase badge; a counter-reset Dataset reads Ready, with its own FAILED phase explained."""
    reset_round = synced_round_despite_failed(dataset)
    if reset_round is None:
        return phase_markdown(dataset_phase(dataset))
    return (
        f"{phase_markdown(Phase.READY)} (synced in round {reset_round}; status.phase says FAILED only because "
        "the Model controller reset spec.dataSyncRound)"
    )
