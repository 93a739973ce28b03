"""Helpers shared by the survival chapter's figures."""

from __future__ import annotations

DAYS_PER_MONTH = 365.25 / 12


def _hex_to_rgba(colour: str, alpha: float) -> str:
    colour = colour.lstrip("#")
    r, g, b = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def _natural(pct: float) -> str:
    """A percentage as a natural frequency: 'about 34 in 100'."""
    return f"about {round(pct):d} in 100"
