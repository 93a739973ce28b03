"""Figures for chapter 4, "Survival and prognosis".

- :func:`stage_survival`: SEER five-year relative survival by summary stage for every site (dot plot), with the
  share diagnosed at the distant stage beside it; buttons for the stage and the sort order.
- :func:`km_explorer`: Kaplan-Meier curves from real patient-level trial data, computed with lifelines (never
  by hand), with 95% confidence bands, medians, censor ticks and a number-at-risk table; a dropdown switches
  the grouping. :func:`km_live_panel` lets a reader group by any column and drop censored people (to see the
  bias that creates) in a live kernel; it calls the same builder.
- :func:`median_message`: the spread of survival times behind one median ("the median isn't the message"),
  with a time slider.
- :func:`trial_landmarks`: five-year landmark percentages from CheckMate 067 and SABR-COMET.

The builders live one figure to a module; this package re-exports them, so a notebook cell stays one
call (``survival.xxx()``).
"""

from __future__ import annotations

from metastasis.chapters.survival_and_prognosis.by_stage import (
    STAGE_COLOURS,
    STAGE_SYMBOLS,
    STAGES,
    seer_verification_note,
    stage_survival,
)
from metastasis.chapters.survival_and_prognosis.common import DAYS_PER_MONTH
from metastasis.chapters.survival_and_prognosis.kaplan_meier import GROUPINGS, Grouping, km_explorer, km_live_panel
from metastasis.chapters.survival_and_prognosis.landmarks import TRIAL_VIEWS, trial_landmarks
from metastasis.chapters.survival_and_prognosis.median import median_message
from metastasis.chapters.survival_and_prognosis.patients import (
    CELL_TYPES,
    DATASETS,
    NOT_GROUPINGS,
    WORDED,
    GroupFit,
    column_titles,
    fit_groups,
    group_labels,
    grouping_options,
    km_summary,
    patient_data,
)
from metastasis.chapters.survival_and_prognosis.prose import prose_numbers

__all__ = [
    "seer_verification_note",
    "DAYS_PER_MONTH", "STAGES", "STAGE_COLOURS", "STAGE_SYMBOLS", "stage_survival", "DATASETS", "NOT_GROUPINGS",
    "WORDED", "column_titles", "grouping_options", "CELL_TYPES", "patient_data", "group_labels", "GroupFit",
    "fit_groups", "km_summary", "Grouping", "GROUPINGS", "km_explorer", "km_live_panel", "median_message",
    "TRIAL_VIEWS", "trial_landmarks", "prose_numbers",
]
