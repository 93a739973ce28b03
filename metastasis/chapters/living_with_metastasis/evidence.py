"""Figure: the outcomes of the early palliative care trial (Temel 2010)."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from metastasis.chapters.living_with_metastasis.common import ARM_COLOURS, ARM_NAMES, ARM_TICKS, _fmt
from metastasis.core import data
from metastasis.core.figures import CourseFigure, base_layout, dropdown

_AXIS_RANGE = {"score": [0, 136], "%": [0, 100], "months": [0, 14]}
_AXIS_TITLE = {"score": "Score (0 to 136)", "%": "Percent of patients", "months": "Months"}


def _evidence_title(row) -> str:
    """A short two-line title (it must fit a phone): the outcome and when, then which way is better and
    whether it was the trial's main question."""
    better = "higher is better" if row["better_when"] == "higher" else "lower is better"
    role = "main question" if row["endpoint_role"] == "primary" else "secondary finding"
    when = f", {row['timepoint']}" if row["timepoint"] in ("12 weeks",) else ""
    return f"{row['outcome']}{when}<br><span style='font-size:12px'>{better}; {role}</span>"


def palliative_evidence() -> CourseFigure:
    """Outcomes of the early palliative care trial in metastatic lung cancer, one button per outcome."""
    outcomes = data.load("palliative_care_trial_outcomes")
    facts = data.load("palliative_care_trial_facts").set_index("fact_id")
    fig = go.Figure()
    for i, row in outcomes.iterrows():
        for arm, column in (("early", "early_palliative_care"), ("standard", "standard_care")):
            value = float(row[column])
            fig.add_trace(go.Bar(
                x=[ARM_TICKS[arm]], y=[value], name=ARM_NAMES[arm], marker_color=ARM_COLOURS[arm],
                text=[_fmt(value, row["unit"])], textposition="outside", cliponaxis=False,
                visible=(i == 0), showlegend=False,
                hovertemplate=(f"{ARM_NAMES[arm]}<br>{html.escape(row['measure'])}: "
                               f"{_fmt(value, row['unit'])}<extra></extra>"),
            ))
    n = len(outcomes)
    buttons = []
    for i, row in outcomes.iterrows():
        visible = [False] * (2 * n)
        visible[2 * i] = visible[2 * i + 1] = True
        buttons.append({
            "label": row["outcome"], "method": "update",
            "args": [{"visible": visible},
                     {"title.text": _evidence_title(row), "yaxis.title.text": _AXIS_TITLE[row["unit"]],
                      "yaxis.range": _AXIS_RANGE[row["unit"]]}],
        })
    first = outcomes.iloc[0]
    fig.update_layout(**base_layout(
        title={"text": _evidence_title(first), "font": {"size": 15}, "x": 0, "xanchor": "left", "y": 0.97,
               "yanchor": "top"},
        height=460, bargap=0.4,
        yaxis={"title": {"text": _AXIS_TITLE[first["unit"]]}, "range": _AXIS_RANGE[first["unit"]]},
        xaxis={"tickfont": {"size": 12}, "tickangle": 0},
        margin={"l": 60, "r": 10, "t": 130, "b": 60},
        updatemenus=[dropdown(buttons, kind="dropdown", x=0, y=1.02, yanchor="bottom", label="Outcome shown")],
    ))
    by_id = outcomes.set_index("outcome_id")
    q, d, e = by_id.loc["quality_of_life"], by_id.loc["depressive_symptoms"], by_id.loc["aggressive_eol_care"]
    randomized = int(facts.loc["randomized", "value"])
    caption = (f"In a randomized trial of {randomized} people with newly diagnosed metastatic lung cancer, those "
               f"who had early palliative care alongside usual cancer care reported better quality of life at 12 "
               f"weeks (score {q['early_palliative_care']:.1f} vs {q['standard_care']:.1f}) and fewer had "
               f"depressive symptoms ({d['early_palliative_care']:g}% vs {d['standard_care']:g}%) or aggressive "
               f"end-of-life care ({e['early_palliative_care']:g}% vs {e['standard_care']:g}%) than those with "
               f"usual care alone. Use the buttons to see each outcome.")
    table = pd.DataFrame({
        "Outcome": outcomes["outcome"],
        "Measure": outcomes["measure"],
        "When": outcomes["timepoint"],
        "Early palliative care": [_fmt(v, u) for v, u in
                                  zip(outcomes["early_palliative_care"], outcomes["unit"], strict=True)],
        "Usual care alone": [_fmt(v, u) for v, u in zip(outcomes["standard_care"], outcomes["unit"], strict=True)],
        "P value": [f"{p:g}" for p in outcomes["p_value"]],
        "Main or secondary question": outcomes["endpoint_role"].map({"primary": "main", "secondary": "secondary"}),
    })
    notes = [
        (f"The trial: {randomized} outpatients with newly diagnosed metastatic non-small-cell lung cancer at one "
         f"hospital in Boston were randomly assigned to early palliative care with usual cancer care, or to usual "
         f"cancer care alone. {int(facts.loc['died_by_12_weeks', 'value'])} died before the 12-week assessment; "
         f"{int(facts.loc['completed_12_weeks', 'value'])} ({facts.loc['completed_pct', 'value']:g}% of those "
         f"still alive) completed it. Quality of life was measured with the FACT-L scale and mood with the "
         f"Hospital Anxiety and Depression Scale; end-of-life care came from medical records."),
        ("Limits: one hospital, one kind of cancer, people well enough to attend clinic. Survival was a secondary "
         "finding. Numbers were checked against copies of the published abstract, not the journal's own page."),
    ]
    return CourseFigure(
        figure=fig, caption=caption, table=table,
        source=data.source_line("palliative_care_trial_outcomes"),
        alt=("Bar chart comparing early palliative care with usual care alone in a lung-cancer trial; buttons "
             "switch between quality of life, depressive symptoms, aggressive end-of-life care and survival."),
        name="palliative-evidence",
        table_caption="Outcomes of the early palliative care trial (Temel 2010)",
        notes=notes,
    )
