"""Figure: benefits and harms in the SABR-COMET trial."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from metastasis.chapters.treatment.common import _load, _source_html, _sources_by_id
from metastasis.chapters.treatment.melanoma import (
    melanoma_milestones,
)
from metastasis.chapters.treatment.resistance import (
    MODEL_EQUATIONS,
    MODEL_SYMBOLS,
    RESISTANCE_SCENARIOS,
    ResistanceParams,
    resistance_live,
    resistance_model,
    simulate,
    switch_time,
)
from metastasis.chapters.treatment.side_effects import (
    side_effects_matrix,
)
from metastasis.chapters.treatment.therapies import (
    therapy_explorer,
)
from metastasis.core.figures import PALETTE, CourseFigure, base_layout, dropdown

ARM_ORDER = ["standard care", "standard care + SABR"]
SABR_COLOURS = {"standard care": PALETTE["grey"], "standard care + SABR": PALETTE["blue"]}
OUTCOME_ORDER = ["Alive at 5 years", "Side effects of grade 2 or worse", "Deaths caused by treatment"]
OUTCOME_LABELS = {"Alive at 5 years": "Alive at<br>5 years", "Side effects of grade 2 or worse":
                  "Side effects,<br>grade 2 or worse", "Deaths caused by treatment": "Deaths caused<br>by treatment"}
ARM_NAMES = {"standard care": "Standard care", "standard care + SABR": "Standard care + SABR"}


def sabr_comet() -> CourseFigure:
    """SABR-COMET's benefit (5-year survival) and harms side by side, by arm, with a view toggle."""
    df = _load("sabr_comet_outcomes").copy()
    sources = _sources_by_id("sabr_comet_outcomes")
    df["source_title"] = df["source_id"].map(lambda s: sources[s]["title"][:80] + "...")
    df["label"] = [f"{p:g}%" + (f" ({int(e)} of {int(n)})" if pd.notna(e) else f" of {int(n)}")
                   for p, e, n in zip(df["percent"], df["events"], df["arm_size"], strict=True)]
    df["ci_text"] = [f"<br>95% CI {lo:g}-{hi:g}%" if pd.notna(lo) else "" for lo, hi in
                     zip(df["ci_low"], df["ci_high"], strict=True)]
    views = [("Both", set(OUTCOME_ORDER)), ("Benefit", {"Alive at 5 years"}),
             ("Harms", {"Side effects of grade 2 or worse", "Deaths caused by treatment"})]
    fig = go.Figure()
    for v, (_label, keep) in enumerate(views):
        for arm in ARM_ORDER:
            part = df[(df["arm"] == arm) & df["outcome"].isin(keep)]
            part = part.set_index("outcome").reindex([o for o in OUTCOME_ORDER if o in keep]).reset_index()
            fig.add_trace(go.Bar(
                x=part["percent"], y=[OUTCOME_LABELS[o] for o in part["outcome"]], orientation="h",
                name=ARM_NAMES[arm],
                marker_color=SABR_COLOURS[arm], visible=(v == 0), showlegend=True, legendgroup=arm,
                text=part["label"], textposition="outside", cliponaxis=False,
                customdata=part[["arm", "ci_text", "timepoint", "source_title", "verification"]].values,
                hovertemplate=("<b>%{y}</b>, %{customdata[0]}: %{x:g}%%{customdata[1]}<br>%{customdata[2]}"
                               "<br>Source: %{customdata[3]} (%{customdata[4]})<extra></extra>"),
            ))
    n_per_view = len(ARM_ORDER)
    buttons = [{"label": label, "method": "update",
                "args": [{"visible": [i // n_per_view == v for i in range(len(fig.data))]},
                         {"title.text": _sabr_title(label)}]} for v, (label, _keep) in enumerate(views)]
    fig.update_layout(**base_layout(
        title={"text": _sabr_title(views[0][0]), "font": {"size": 15}, "x": 0.01, "xref": "container",
               "y": 0.975, "yanchor": "top"},
        barmode="group", height=440,
        xaxis={"title": {"text": "Percent of each group"}, "range": [0, 60], "ticksuffix": "%"},
        yaxis={"automargin": True, "categoryorder": "array",
               "categoryarray": [OUTCOME_LABELS[o] for o in reversed(OUTCOME_ORDER)]},
        legend={"orientation": "h", "y": -0.22, "x": 0, "traceorder": "normal"},
        margin={"l": 10, "r": 60, "t": 110, "b": 100},
        updatemenus=[dropdown(buttons, x=0, y=1.02, label="Outcomes shown", kind="buttons")],
    ))
    table = df[["outcome", "kind", "arm", "percent", "events", "arm_size", "ci_low", "ci_high", "timepoint",
                "source_title", "verification"]].copy()
    table.columns = ["Outcome", "Benefit or harm", "Group", "Percent", "People with outcome", "People in group",
                     "95% CI low", "95% CI high", "When", "Source", "Verification"]
    get = df.set_index("outcome_id")["percent"]
    deaths = df.set_index("outcome_id").loc["death_sabr"]
    caption = (f"In SABR-COMET (99 people with 1-5 metastases), adding stereotactic radiotherapy raised 5-year "
               f"survival from {get['os5_soc']:g}% to {get['os5_sabr']:g}%, but more people had side effects of "
               f"grade 2 or worse ({get['ae2_sabr']:g}% vs {get['ae2_soc']:g}%) and {deaths['events']} of "
               f"{deaths['arm_size']} died from the treatment. It was a small randomized phase II trial that "
               "counted P < 0.20 as positive, so "
               "larger phase III trials are testing the idea.")
    return CourseFigure(
        figure=fig, caption=caption, table=table, source=_source_html("sabr_comet_outcomes"),
        alt=("Grouped bar chart comparing standard care with standard care plus SABR in SABR-COMET for 5-year "
             "survival, side effects of grade 2 or worse and deaths caused by treatment, with buttons to show "
             "benefit or harms alone."),
        name="sabr-comet",
        table_caption="SABR-COMET outcomes by randomized group",
    )


def _sabr_title(view: str) -> str:
    return {"Both": "SABR-COMET: what adding SABR<br>gained and what it cost",
            "Benefit": "SABR-COMET: alive at 5 years",
            "Harms": "SABR-COMET: harms of treatment"}[view]


__all__ = ["MODEL_EQUATIONS", "MODEL_SYMBOLS", "RESISTANCE_SCENARIOS", "ResistanceParams", "melanoma_milestones",
           "resistance_live", "resistance_model", "sabr_comet", "side_effects_matrix", "simulate",
           "switch_time", "therapy_explorer"]
