"""Figures for chapter 7, "Living with metastasis".

- :func:`palliative_evidence`: the outcomes of the early palliative care trial (Temel 2010), one button per
  outcome.
- :func:`care_across_illness`: a conceptual diagram (labelled as such) of cancer treatment, palliative care,
  hospice and bereavement support along the course of illness, toggling the sequential and integrated models.
- :func:`care_team`: who does what in the care team, with a dropdown per role.
- :func:`chemo_understanding`: what patients understood about chemotherapy (Weeks 2012).
- :func:`questions_checklist`: a printable, downloadable checklist of questions for the care team (HTML and a
  little JavaScript; ticks are kept in the reader's own browser only).
- :func:`help_organisations`: where to find help, by country (an HTML table).

Every number comes from ``data/``; every state of every control is precomputed.

The builders live one figure to a module; this package re-exports them, so a notebook cell stays one
call (``living.xxx()``).
"""

from __future__ import annotations

from metastasis.chapters.living_with_metastasis.care_phases import PHASES, care_across_illness
from metastasis.chapters.living_with_metastasis.checklist import (
    STORAGE_KEY,
    TOPIC_ORDER,
    HtmlBlock,
    questions_checklist,
)
from metastasis.chapters.living_with_metastasis.common import ARM_COLOURS, ARM_NAMES, ARM_TICKS
from metastasis.chapters.living_with_metastasis.evidence import palliative_evidence
from metastasis.chapters.living_with_metastasis.organisations import help_organisations
from metastasis.chapters.living_with_metastasis.team import GROUP_COLOURS, GROUP_ORDER, care_team
from metastasis.chapters.living_with_metastasis.understanding import chemo_understanding

__all__ = [
    "ARM_COLOURS", "ARM_NAMES", "ARM_TICKS",
    "palliative_evidence", "PHASES", "care_across_illness", "GROUP_ORDER", "GROUP_COLOURS", "care_team",
    "chemo_understanding", "STORAGE_KEY", "TOPIC_ORDER", "HtmlBlock", "questions_checklist",
    "help_organisations",
]
