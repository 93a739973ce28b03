"""Figures for chapter 3, "Diagnosis: finding and characterizing spread".

Four figures, every state precomputed from ``data/`` so they work in the static book:

- :func:`symptoms_body_map` — a simple body outline; choosing a site lists its symptoms, emergencies in red.
- :func:`distant_at_diagnosis` — share of cases already at the distant stage when found (SEER), sortable.
- :func:`growth_to_detection` — a doubling model: how long one cell takes to reach sizes scans can see, for
  sourced doubling times; :func:`growth_live` re-runs it with a slider in a live kernel.
- :func:`diagnostic_pathway` — the steps from first signs to a plan; a slider steps through them and a menu
  switches between three labelled illustrative journeys.

The builders live one figure to a module; this package re-exports them, so a notebook cell stays one
call (``diagnosis.xxx()``).
"""

from __future__ import annotations

from metastasis.chapters.diagnosis.at_diagnosis import distant_at_diagnosis
from metastasis.chapters.diagnosis.body_map import (
    DEFAULT_SITE,
    NOT_ON_CARD,
    SITE_LAYOUT,
    help_level_text,
    symptoms_body_map,
)
from metastasis.chapters.diagnosis.common import CALM_COLOUR, MUTED, URGENT_COLOUR, URGENT_TEXT
from metastasis.chapters.diagnosis.growth import growth_constants, growth_live, growth_to_detection, years_to_reach
from metastasis.chapters.diagnosis.pathway import diagnostic_pathway

__all__ = [
    "NOT_ON_CARD", "help_level_text",
    "CALM_COLOUR", "MUTED", "URGENT_COLOUR", "URGENT_TEXT",
    "SITE_LAYOUT", "DEFAULT_SITE", "symptoms_body_map", "distant_at_diagnosis", "growth_constants",
    "years_to_reach", "growth_to_detection", "growth_live", "diagnostic_pathway",
]
