"""Arm names, colours and text helpers shared by the living-with-metastasis figures."""

from __future__ import annotations

from metastasis.core.figures import PALETTE, wrap_text

ARM_COLOURS = {"early": PALETTE["blue"], "standard": PALETTE["orange"]}
ARM_NAMES = {"early": "Early palliative care + usual cancer care", "standard": "Usual cancer care alone"}
ARM_TICKS = {"early": "Early palliative<br>care + usual care", "standard": "Usual care<br>alone"}


def _fmt(value: float, unit: str) -> str:
    if unit == "%":
        return f"{value:g}%"
    if unit == "months":
        return f"{value:g} months"
    return f"{value:.1f}"


def _wrap(text: str, width: int = 48) -> str:
    return wrap_text(text, width, break_on_hyphens=True, break_long_words=True)
