"""Colours shared by the diagnosis chapter's figures."""

from __future__ import annotations

from metastasis.core.figures import PALETTE, URGENT_TEXT  # noqa: F401 (re-exported for the chapter)

URGENT_COLOUR = PALETTE["vermillion"]
CALM_COLOUR = PALETTE["blue"]
MUTED = "#b9c4cf"
