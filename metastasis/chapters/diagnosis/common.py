"""Colours shared by the diagnosis chapter's figures."""

from __future__ import annotations

from metastasis.core.figures import PALETTE

URGENT_COLOUR = PALETTE["vermillion"]
URGENT_TEXT = "#a63c00"  # vermillion darkened to 5:1 contrast on white, for text
CALM_COLOUR = PALETTE["blue"]
MUTED = "#b9c4cf"
