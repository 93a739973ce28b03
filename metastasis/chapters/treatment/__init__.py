"""Figures for chapter 5, "Treatment".

Five builders, each returning a :class:`~metastasis.core.figures.CourseFigure` whose states are all precomputed:

* :func:`therapy_explorer` - biomarker-matched and cell therapies on a timeline, filtered by cancer or class;
* :func:`resistance_model` - a teaching model of sensitive and resistant cells under treatment (log scale);
* :func:`melanoma_milestones` - survival with metastatic melanoma before and after checkpoint inhibitors;
* :func:`side_effects_matrix` - side effects by class of treatment, one source per cell;
* :func:`sabr_comet` - benefits and harms in the SABR-COMET trial.

:func:`resistance_live` builds the live (ipywidgets) version of the resistance model; it calls the same
builder as the static figure.

The builders live one figure to a module; this package re-exports them, so a notebook cell stays one
call (``treatment.xxx()``).
"""

from __future__ import annotations

from metastasis.chapters.treatment.common import STEM
from metastasis.chapters.treatment.melanoma import (
    ARM_COLOURS,
    MELANOMA_COLOURS,
    MELANOMA_LABELS,
    MELANOMA_MEASURES,
    melanoma_milestones,
)
from metastasis.chapters.treatment.resistance import (
    MODEL_EQUATIONS,
    MODEL_SYMBOLS,
    RESISTANCE_SCENARIOS,
    SCENARIO_COLOURS,
    ResistanceParams,
    resistance_live,
    resistance_model,
    simulate,
    switch_time,
)
from metastasis.chapters.treatment.sabr import (
    ARM_NAMES,
    ARM_ORDER,
    OUTCOME_LABELS,
    OUTCOME_ORDER,
    SABR_COLOURS,
    sabr_comet,
)
from metastasis.chapters.treatment.side_effects import (
    CLASS_ORDER,
    CLASS_SHORT,
    LEVEL_COLOURSCALE,
    LEVEL_TEXT,
    LEVELS,
    side_effects_matrix,
)
from metastasis.chapters.treatment.therapies import CANCER_ORDER, CLASS_COLOURS, therapy_explorer, timeline_examples

__all__ = [
    "timeline_examples",
    "STEM",
    "CLASS_COLOURS", "CANCER_ORDER", "therapy_explorer", "MODEL_EQUATIONS", "MODEL_SYMBOLS", "ResistanceParams",
    "RESISTANCE_SCENARIOS", "simulate", "switch_time", "SCENARIO_COLOURS", "resistance_model",
    "resistance_live", "MELANOMA_MEASURES", "MELANOMA_COLOURS", "ARM_COLOURS", "MELANOMA_LABELS",
    "melanoma_milestones", "CLASS_ORDER", "CLASS_SHORT", "LEVELS", "LEVEL_TEXT", "LEVEL_COLOURSCALE",
    "side_effects_matrix", "ARM_ORDER", "SABR_COLOURS", "OUTCOME_ORDER", "OUTCOME_LABELS", "ARM_NAMES",
    "sabr_comet",
]
