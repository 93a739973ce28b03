"""Figure: palliative care and hospice across the course of illness (a conceptual diagram)."""

from __future__ import annotations

import plotly.graph_objects as go

from metastasis.core import data
from metastasis.core.figures import PALETTE, CourseFigure, base_layout, dropdown

PHASES = ["At diagnosis", "Living with treatment", "When treatment stops helping", "Last months of life",
          "After a death"]
_PHASE_TICKS = ["Diagnosis", "Living<br>with it", "Treatment<br>stops<br>helping", "Last<br>months",
                "After<br>a death"]
_DEATH_X = 3.5
# Schematic shapes (NOT data): the height of each band at x = 0..4 plus the death line. They only show which
# kind of care leads in each phase, as the care_models table says in words.
_X = [0, 1, 2, 3, _DEATH_X]
_SHAPES = {
    "Sequential": {
        "Cancer treatment": ([0, 1, 2, 2.0001], [1, 1, 1, 0]),
        "Hospice": ([2, 3, _DEATH_X], [0.7, 0.9, 0.9]),
    },
    "Integrated": {
        "Cancer treatment": ([0, 1, 2, 3, _DEATH_X], [0.85, 0.7, 0.4, 0.1, 0.05]),
        "Palliative care": ([0, 1, 2, 3, _DEATH_X], [0.15, 0.3, 0.6, 0.9, 0.95]),
        "Hospice": ([2.4, 3, _DEATH_X], [0.0, 0.6, 0.7]),
        "Bereavement support": ([_DEATH_X, 4, 4.4], [0.5, 0.5, 0.35]),
    },
}
_BAND_COLOURS = {"Cancer treatment": PALETTE["blue"], "Palliative care": PALETTE["orange"],
                 "Hospice": PALETTE["green"], "Bereavement support": PALETTE["pink"]}
_MODEL_LABEL = {"Sequential": "Sequential", "Integrated": "Integrated"}
_MODEL_TITLE = {
    "Sequential": "Sequential (older) model:<br>treatment first, then hospice",
    "Integrated": "Integrated (recommended) model:<br>palliative care from diagnosis",
}


def _band_annotations(model: str) -> list[dict]:
    notes = [{"text": "Conceptual model:<br>not data, not to scale", "xref": "paper", "yref": "paper", "x": 0.01,
              "y": 0.99, "xanchor": "left", "yanchor": "top", "showarrow": False, "align": "left",
              "font": {"size": 11, "color": "#444444"}, "bgcolor": "#ffffff", "bordercolor": "#767676"},
             {"text": "Death", "x": _DEATH_X, "y": 1.08, "xref": "x", "yref": "y", "showarrow": False,
              "font": {"size": 11}}]
    if model == "Sequential":
        notes.append({"text": "Little or no<br>support for<br>the family", "x": 4.0, "y": 0.2, "xref": "x",
                      "yref": "y", "showarrow": False, "font": {"size": 11, "color": "#444444"}})
    return notes


def care_across_illness() -> CourseFigure:
    """Where cancer treatment, palliative care, hospice and bereavement support come in: two models."""
    models = data.load("care_models")
    fig = go.Figure()
    owner = []
    for model, bands in _SHAPES.items():
        for band, (xs, ys) in bands.items():
            fig.add_trace(go.Scatter(
                x=xs, y=ys, mode="lines", fill="tozeroy", name=band, line={"color": _BAND_COLOURS[band],
                                                                               "width": 2},
                opacity=0.6, visible=(model == "Integrated"), legendgroup=band,
                hovertemplate=f"{band}<extra>{_MODEL_LABEL[model]}</extra>",
            ))
            owner.append(model)
    fig.add_trace(go.Scatter(x=[_DEATH_X, _DEATH_X], y=[0, 1.02], mode="lines", name="Death",
                             line={"color": "#222222", "dash": "dash", "width": 1.5}, showlegend=False,
                             hoverinfo="skip"))
    owner.append("both")
    buttons = []
    for model in ("Integrated", "Sequential"):
        visible = [o in (model, "both") for o in owner]
        buttons.append({"label": _MODEL_LABEL[model], "method": "update",
                        "args": [{"visible": visible},
                                 {"title.text": _MODEL_TITLE[model], "annotations": _band_annotations(model)}]})
    fig.update_layout(**base_layout(
        title={"text": _MODEL_TITLE["Integrated"], "font": {"size": 15}, "x": 0, "xanchor": "left", "y": 0.97,
               "yanchor": "top"},
        height=480,
        xaxis={"tickvals": list(range(5)), "ticktext": _PHASE_TICKS, "range": [-0.2, 4.5], "tickangle": 0,
               "tickfont": {"size": 11}, "title": {"text": "Course of illness (not to scale)"}, "showgrid": False},
        yaxis={"showticklabels": False, "range": [0, 1.3], "title": {"text": "Focus of care"},
               "showgrid": False, "zeroline": True},
        legend={"orientation": "h", "y": -0.42, "x": 0, "yanchor": "top"},
        annotations=_band_annotations("Integrated"),
        margin={"l": 40, "r": 10, "t": 120, "b": 150},
        updatemenus=[dropdown(buttons, kind="buttons", x=0, y=1.02, yanchor="bottom", label="Model shown")],
    ))
    table = models.rename(columns={
        "model": "Model", "phase": "Phase", "cancer_treatment": "Cancer treatment",
        "palliative_care": "Palliative care", "hospice": "Hospice",
        "bereavement_support": "Support for family after a death",
    })[["Model", "Phase", "Cancer treatment", "Palliative care", "Hospice", "Support for family after a death"]]
    caption = ("A conceptual diagram, not data. In the older sequential model, hospice begins only when cancer "
               "treatment stops. In the integrated model that guidelines now recommend, palliative care starts at "
               "diagnosis alongside treatment and grows as needs grow, followed by hospice and by bereavement "
               "support for the family. Use the buttons to compare the two.")
    return CourseFigure(
        figure=fig, caption=caption, table=table,
        source=data.source_line("care_models"),
        alt=("Conceptual diagram of how cancer treatment, palliative care, hospice and bereavement support fit "
             "along the course of a metastatic cancer, with buttons to compare the sequential and integrated "
             "models."),
        name="care-across-illness",
        table_caption="What each model offers in each phase (conceptual)",
    )
