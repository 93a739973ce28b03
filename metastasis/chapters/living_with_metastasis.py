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
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from metastasis.core import data
from metastasis.core.figures import PALETTE, CourseFigure, base_layout, dropdown, wrap_text

ARM_COLOURS = {"early": PALETTE["blue"], "standard": PALETTE["orange"]}
ARM_NAMES = {"early": "Early palliative care + usual cancer care", "standard": "Usual cancer care alone"}
ARM_TICKS = {"early": "Early palliative<br>care + usual care", "standard": "Usual care<br>alone"}


def _fmt(value: float, unit: str) -> str:
    if unit == "%":
        return f"{value:g}%"
    if unit == "months":
        return f"{value:g} months"
    return f"{value:.1f}"


def _wrap(text: str, width: int = 48) -> str:
    return wrap_text(text, width, break_on_hyphens=True, break_long_words=True)


# --------------------------------------------------------------------------------------------------------
# 1. The evidence for early palliative care
# --------------------------------------------------------------------------------------------------------

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
         "finding. Numbers read on copies of the published abstract (verification: secondary)."),
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


# --------------------------------------------------------------------------------------------------------
# 2. Palliative care and hospice across the course of illness (a conceptual diagram)
# --------------------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------------------
# 3. The care team
# --------------------------------------------------------------------------------------------------------

GROUP_ORDER = ["At the center", "Cancer treatment", "Comfort and symptoms", "Practical help and feelings",
               "Body and daily life", "Meaning and spirit"]
GROUP_COLOURS = {"At the center": PALETTE["black"], "Cancer treatment": PALETTE["blue"],
                 "Comfort and symptoms": PALETTE["orange"], "Practical help and feelings": PALETTE["green"],
                 "Body and daily life": PALETTE["sky"], "Meaning and spirit": PALETTE["pink"]}


def _team_positions(roles: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """The person and family at the center; the other roles on a circle, grouped by the help they give."""
    ring = roles[roles["group"] != "At the center"].copy()
    ring["order"] = ring["group"].map(GROUP_ORDER.index)
    ring = ring.sort_values(["order"], kind="stable")
    positions = {r: (0.0, 0.0) for r in roles.loc[roles["group"] == "At the center", "role_id"]}
    n = len(ring)
    for k, role_id in enumerate(ring["role_id"]):
        angle = math.pi / 2 - 2 * math.pi * k / n
        positions[role_id] = (round(math.cos(angle), 4), round(math.sin(angle), 4))
    return positions


def _label_position(x: float, y: float) -> str:
    """Put each label outside its circle, away from the center, so that neighbours do not collide."""
    if (x, y) == (0.0, 0.0):
        return "bottom center"
    if x > 0.3:
        return "middle right"
    if x < -0.3:
        return "middle left"
    return "top center" if y > 0 else "bottom center"


def _role_box(row) -> dict:
    text = (f"<b>{html.escape(row['role'])}</b> ({html.escape(row['group'].lower())})<br>"
            f"{_wrap('What they do: ' + html.escape(row['what_they_do']), 52)}<br>"
            f"{_wrap('You might ask: ' + html.escape(row['you_might_ask_them']), 52)}")
    return {"text": text, "xref": "paper", "yref": "paper", "x": 0, "y": -0.04, "xanchor": "left",
            "yanchor": "top", "align": "left", "showarrow": False, "bgcolor": "#f7f7f7",
            "bordercolor": "#767676", "borderpad": 6, "font": {"size": 13}}


_ALL_ROLES_NOTE = {"text": "Choose a role in the menu above to see<br>what they do. Colors group the roles by<br>"
                           "the kind of help they give.",
                   "xref": "paper", "yref": "paper", "x": 0, "y": -0.04, "xanchor": "left", "yanchor": "top",
                   "showarrow": False, "font": {"size": 13, "color": "#444444"}}


def care_team() -> CourseFigure:
    """Who does what in the care team: a diagram around the person and family, with a dropdown per role."""
    roles = data.load("care_team_roles")
    pos = _team_positions(roles)
    fig = go.Figure()
    spoke_x, spoke_y = [], []
    for x, y in pos.values():
        if (x, y) != (0.0, 0.0):
            spoke_x += [0, x * 0.86, None]
            spoke_y += [0, y * 0.86, None]
    fig.add_trace(go.Scatter(x=spoke_x, y=spoke_y, mode="lines", line={"color": "#bbbbbb", "width": 1},
                             hoverinfo="skip", showlegend=False, name="links"))
    group_traces = []
    for group in GROUP_ORDER:
        members = roles[roles["group"] == group]
        if members.empty:
            continue
        xs = [pos[r][0] for r in members["role_id"]]
        ys = [pos[r][1] for r in members["role_id"]]
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="markers+text", name=group,
            text=[_wrap(r, 13) for r in members["role"]],
            textposition=[_label_position(x, y) for x, y in zip(xs, ys, strict=True)],
            showlegend=False,
            marker={"size": [46 if group == "At the center" else 26] * len(members), "color": GROUP_COLOURS[group],
                    "line": {"width": [1] * len(members), "color": "#222222"}, "opacity": 0.9},
            textfont={"size": 11, "color": "#222222"},
            customdata=[[_wrap(w, 48)] for w in members["what_they_do"]],
            hovertemplate="<b>%{text}</b><br>%{customdata[0]}<extra></extra>",
        ))
        group_traces.append(members)
    # One menu item per role: enlarge and outline its circle, and show its description under the diagram.
    indices = list(range(1, 1 + len(group_traces)))
    buttons = [{"label": "All roles", "method": "update",
                "args": [{"marker.size": [[46 if m["group"].iloc[0] == "At the center" else 26] * len(m)
                                          for m in group_traces],
                          "marker.line.width": [[1] * len(m) for m in group_traces]},
                         {"title.text": "Who does what in the care team", "annotations": [_ALL_ROLES_NOTE]},
                         indices]}]
    ordered = pd.concat(group_traces)
    for _, row in ordered.iterrows():
        sizes, widths = [], []
        for members in group_traces:
            base = 46 if members["group"].iloc[0] == "At the center" else 26
            sizes.append([base + 14 if r == row["role_id"] else base for r in members["role_id"]])
            widths.append([4 if r == row["role_id"] else 1 for r in members["role_id"]])
        buttons.append({"label": row["role"], "method": "update",
                        "args": [{"marker.size": sizes, "marker.line.width": widths},
                                 {"title.text": row["role"], "annotations": [_role_box(row)]}, indices]})
    fig.update_layout(**base_layout(
        title={"text": "Who does what in the care team", "font": {"size": 15}, "x": 0, "xanchor": "left",
               "y": 0.98, "yanchor": "top"},
        height=680,
        xaxis={"visible": False, "range": [-2.3, 2.3]},
        yaxis={"visible": False, "range": [-1.35, 1.3]},
        showlegend=False,
        annotations=[_ALL_ROLES_NOTE],
        margin={"l": 5, "r": 5, "t": 90, "b": 150},
        updatemenus=[dropdown(buttons, kind="dropdown", x=0, y=1.02, yanchor="bottom", label="Choose a role")],
    ))
    table = ordered.rename(columns={"role": "Role", "also_called": "Also called", "group": "Kind of help",
                                    "what_they_do": "What they do",
                                    "you_might_ask_them": "A question you might ask"})[
        ["Role", "Also called", "Kind of help", "What they do", "A question you might ask"]]
    caption = ("A person with metastatic cancer is cared for by a team, with the person and the people close to "
               "them at the center. Choose a role to see what that member of the team does and one question you "
               "might ask them. Not every hospital has every role, and names differ between countries.")
    return CourseFigure(
        figure=fig, caption=caption, table=table.reset_index(drop=True),
        source=data.source_line("care_team_roles"),
        alt=("Diagram of the cancer care team arranged around the person with cancer and their family; a "
             "dropdown shows what each role does."),
        name="care-team",
        table_caption="Members of the care team and what they do",
    )


# --------------------------------------------------------------------------------------------------------
# 5. What patients understood (Weeks 2012)
# --------------------------------------------------------------------------------------------------------

def chemo_understanding() -> CourseFigure:
    """Share of patients on chemotherapy for stage IV lung or colorectal cancer who did not report
    understanding that it was unlikely to cure them."""
    weeks = data.load("chemo_cure_expectations")
    did_not = weeks["pct_not_reporting_understanding"].astype(float)
    did = 100 - did_not
    fig = go.Figure()
    fig.add_trace(go.Bar(
        y=weeks["cancer"], x=did_not, orientation="h", name="Did not report understanding",
        marker_color=PALETTE["vermillion"], text=[f"{v:g}%" for v in did_not], textposition="inside",
        insidetextanchor="middle", textangle=0, textfont={"color": "#ffffff", "size": 14},
        hovertemplate="%{y}: %{x:g}% did not report understanding<extra></extra>",
    ))
    fig.add_trace(go.Bar(
        y=weeks["cancer"], x=did, orientation="h", name="Reported understanding", marker_color=PALETTE["grey"],
        text=[f"{v:g}%" for v in did], textposition="inside", insidetextanchor="middle", textangle=0,
        textfont={"color": "#ffffff", "size": 14},
        hovertemplate="%{y}: %{x:g}% reported understanding<extra></extra>",
    ))
    total = int(weeks["patients_total_study"].iloc[0])
    fig.update_layout(**base_layout(
        barmode="stack", height=300,
        title={"text": "Did people understand that chemotherapy<br>was unlikely to cure their cancer?",
               "font": {"size": 15}, "x": 0, "xanchor": "left"},
        xaxis={"range": [0, 100], "ticksuffix": "%", "title": {"text": f"Percent of {total:,} patients"}},
        yaxis={"automargin": True, "autorange": "reversed"},
        legend={"orientation": "h", "y": -0.35, "x": 0, "traceorder": "normal"},
        margin={"l": 10, "r": 20, "t": 70, "b": 90},
    ))
    lung = weeks.set_index("cancer").loc["Lung cancer", "pct_not_reporting_understanding"]
    crc = weeks.set_index("cancer").loc["Colorectal cancer", "pct_not_reporting_understanding"]
    caption = (f"Among {total:,} US patients having chemotherapy for stage IV lung or colorectal cancer, {lung:g} in "
               f"100 (lung) and {crc:g} in 100 (colorectal) did not report understanding that it was not at all "
               f"likely to cure their cancer.")
    table = pd.DataFrame({"Cancer": weeks["cancer"], "Did not report understanding (%)": did_not,
                          "Reported understanding (%)": did})
    return CourseFigure(
        figure=fig, caption=caption, table=table, source=data.source_line("chemo_cure_expectations"),
        alt=("Stacked bar chart: 69 in 100 people with lung cancer and 81 in 100 with colorectal cancer did not "
             "report understanding that chemotherapy was unlikely to cure them."),
        name="chemo-understanding", table_caption="What patients understood about chemotherapy (Weeks 2012)",
    )


# --------------------------------------------------------------------------------------------------------
# 4. Questions for your care team: a checklist to tick, print or download (no kernel, no network)
# --------------------------------------------------------------------------------------------------------

STORAGE_KEY = "metastasis-ch7-questions"
TOPIC_ORDER = ["Understanding my situation", "Treatment and trade-offs", "Symptoms and side effects",
               "Feelings and support", "Money and work", "Planning ahead", "For family and caregivers",
               "Finding reliable information"]

_CHECKLIST_CSS = """
.course-checklist fieldset{border:1px solid #cccccc;border-radius:6px;margin:0 0 1rem;padding:.5rem 1rem}
.course-checklist legend{font-weight:600;font-size:1.05rem;padding:0 .3rem;margin:0;width:auto}
.course-checklist .q{display:flex;gap:.6rem;align-items:flex-start;margin:.45rem 0}
.course-checklist .q input{margin-top:.3rem;width:1.15rem;height:1.15rem;flex:none}
.course-checklist .why{display:block;font-size:.88em;color:#444444}
.course-checklist .actions{display:flex;flex-wrap:wrap;gap:.5rem;margin:.8rem 0}
.course-checklist button{font:inherit;padding:.35rem .8rem;border:1px solid #555555;border-radius:4px;
  background:#ffffff;color:#111111;cursor:pointer}
.course-checklist button:focus-visible,.course-checklist input:focus-visible{
  outline:3px solid #0072B2;outline-offset:2px}
.course-checklist .mylist{border:2px solid #0072B2;border-radius:6px;padding:.5rem 1rem;background:#f4f9fd}
.course-checklist .mylist h4{margin:.4rem 0 .2rem;font-size:1rem}
.course-checklist .course-checklist-title{font-size:1.15rem}
.course-checklist .note{font-size:.9em;color:#444444}
.course-checklist .own{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center}
.course-checklist .own input{flex:1 1 16rem;font:inherit;padding:.3rem}
@media print{
  body *{visibility:hidden}
  .course-checklist .mylist,.course-checklist .mylist *{visibility:visible}
  .course-checklist .mylist{position:absolute;left:0;top:0;width:100%;border:none;background:#ffffff}
  .course-checklist .print-notes{display:block!important;border-top:1px solid #000000;margin-top:1rem;height:8rem}
}
"""

_CHECKLIST_JS = """
(function(){
  var root = document.getElementById(%(root)s);
  if (!root || root.dataset.ready) { return; }
  root.dataset.ready = "1";
  var KEY = %(key)s, TOPICS = %(topics)s;
  var boxes = Array.prototype.slice.call(root.querySelectorAll('input[type=checkbox]'));
  var own = [];
  function store(){ try { return window.localStorage; } catch (e) { return null; } }
  function save(){
    var s = store(); if (!s) { return; }
    var ticked = boxes.filter(function(b){ return b.checked; }).map(function(b){ return b.value; });
    try { s.setItem(KEY, JSON.stringify({ticked: ticked, own: own})); } catch (e) {}
  }
  function load(){
    var s = store(); if (!s) { return; }
    try {
      var v = JSON.parse(s.getItem(KEY) || 'null');
      if (v) { boxes.forEach(function(b){ b.checked = v.ticked.indexOf(b.value) >= 0; }); own = v.own || []; }
    } catch (e) {}
  }
  function chosen(){
    var groups = {};
    boxes.forEach(function(b){
      if (b.checked) { (groups[b.dataset.topic] = groups[b.dataset.topic] || []).push(b.dataset.text); }
    });
    if (own.length) { groups['My own questions'] = own.slice(); }
    return groups;
  }
  function asText(){
    var g = chosen(), lines = ['Questions for my care team', ''];
    TOPICS.concat(['My own questions']).forEach(function(t){
      if (g[t]) { lines.push(t); g[t].forEach(function(q){ lines.push('[ ] ' + q); }); lines.push(''); }
    });
    if (lines.length === 2) { lines.push('(No questions chosen yet.)'); }
    lines.push('From "Metastasis, explained", chapter 7. Educational, not medical advice.');
    return lines.join('\\n');
  }
  function render(){
    var list = root.querySelector('.mylist-body'), g = chosen();
    list.textContent = '';
    var any = false;
    TOPICS.concat(['My own questions']).forEach(function(t){
      if (!g[t]) { return; }
      any = true;
      var h = document.createElement('h4'); h.textContent = t; list.appendChild(h);
      var ul = document.createElement('ul');
      g[t].forEach(function(q){ var li = document.createElement('li'); li.textContent = q; ul.appendChild(li); });
      list.appendChild(ul);
    });
    if (!any) {
      var p = document.createElement('p');
      p.textContent = 'No questions chosen yet. Tick the ones you want to ask.';
      list.appendChild(p);
    }
    var n = boxes.filter(function(b){ return b.checked; }).length + own.length;
    root.querySelector('.count').textContent = String(n);
  }
  boxes.forEach(function(b){ b.addEventListener('change', function(){ save(); render(); }); });
  root.querySelector('.add-own').addEventListener('click', function(){
    var input = root.querySelector('.own input'), v = input.value.trim();
    if (v) { own.push(v); input.value = ''; save(); render(); }
  });
  root.querySelector('.print').addEventListener('click', function(){ window.print(); });
  root.querySelector('.download').addEventListener('click', function(){
    var blob = new Blob([asText()], {type: 'text/plain;charset=utf-8'});
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob); a.download = 'questions-for-my-care-team.txt';
    document.body.appendChild(a); a.click();
    setTimeout(function(){ URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  });
  root.querySelector('.clear').addEventListener('click', function(){
    boxes.forEach(function(b){ b.checked = false; }); own = [];
    var s = store(); if (s) { try { s.removeItem(KEY); } catch (e) {} }
    render();
  });
  root.asText = asText;
  load(); render();
})();
"""


@dataclass
class HtmlBlock:
    """A piece of HTML for the page (no plotly figure), with the same obligations as a figure: a text
    alternative is the HTML itself, and ``source`` names where its content comes from."""

    html: str
    source: str
    name: str
    alt: str

    def _repr_html_(self) -> str:
        return self.html

    def _ipython_display_(self):
        from IPython.display import display

        display({"text/html": self.html, "text/plain": self.alt}, raw=True)


def questions_checklist() -> HtmlBlock:
    """Questions a reader can tick, then print or download as a text file. Works offline; ticks are kept in
    this browser's localStorage only, and "Clear all" deletes them."""
    qs = data.load("care_questions")
    root = "course-questions-checklist"
    parts = [f"<style>{_CHECKLIST_CSS}</style>",
             f'<section class="course-checklist" id="{root}" aria-labelledby="{root}-title">',
             f'<h3 id="{root}-title" class="course-checklist-title">Your checklist</h3>',
             '<p class="note">Tick the questions you want to ask. Your list appears below; print it or download '
             'it to take to your appointment. Your ticks are stored only in this browser, so that they are still '
             'there if you come back. Nothing is sent anywhere. "Clear all" deletes them.</p>']
    for topic in TOPIC_ORDER:
        group = qs[qs["topic"] == topic]
        if group.empty:
            continue
        parts.append(f"<fieldset><legend>{html.escape(topic)}</legend>")
        for _, row in group.iterrows():
            qid = html.escape(row["question_id"])
            parts.append(
                f'<div class="q"><input type="checkbox" id="{root}-{qid}" value="{qid}" '
                f'data-topic="{html.escape(topic, quote=True)}" data-text="{html.escape(row["question"], quote=True)}">'
                f'<label for="{root}-{qid}">{html.escape(row["question"])}'
                f'<span class="why">{html.escape(row["why_ask"])}</span></label></div>')
        parts.append("</fieldset>")
    parts.append(
        '<div class="own"><label for="' + root + '-own">Add your own question:</label>'
        '<input type="text" id="' + root + '-own" maxlength="300" autocomplete="off">'
        '<button type="button" class="add-own">Add to my list</button></div>'
        '<div class="actions" role="group" aria-label="Your list">'
        '<button type="button" class="print">Print my list</button>'
        '<button type="button" class="download">Download my list (.txt)</button>'
        '<button type="button" class="clear">Clear all</button></div>'
        '<div class="mylist" aria-live="polite"><h4>My questions (<span class="count">0</span>)</h4>'
        '<div class="mylist-body"><p>No questions chosen yet. Tick the ones you want to ask.</p></div>'
        '<div class="print-notes" style="display:none">Notes:</div></div>'
        '<noscript><p class="note">The buttons need JavaScript. You can still print this page and tick the '
        'questions by hand.</p></noscript>')
    script = _CHECKLIST_JS % {"root": json.dumps(root), "key": json.dumps(STORAGE_KEY),
                              "topics": json.dumps(TOPIC_ORDER)}
    parts.append(f"<script>{script}</script></section>")
    src = ("Questions written by the course authors; each is tied to a source cited in this chapter. "
           + data.source_line("care_questions"))
    parts.append('<details class="course-figure-data"><summary>Sources for these questions</summary>'
                 f'<p class="course-figure-source">{src}</p></details>')
    return HtmlBlock(html="".join(parts), source=src, name="questions-checklist",
                     alt=f"A checklist of {len(qs)} questions for the care team, grouped by topic, with print and "
                         f"download buttons.")


# --------------------------------------------------------------------------------------------------------
# 6. Where to find help
# --------------------------------------------------------------------------------------------------------

def _tel(phone: str) -> str:
    """A tel: link target from a written number ('1-800-4-CANCER (1-800-422-6237)' -> the digits in brackets)."""
    inner = phone.split("(")[-1] if "(" in phone and any(c.isdigit() for c in phone.split("(")[-1]) else phone
    digits = "".join(c for c in inner if c.isdigit())
    return digits


def help_organisations() -> HtmlBlock:
    """An accessible table of checked phone lines, grouped by country."""
    orgs = data.load("help_organisations")
    res = data.resource("help_organisations")
    checked = res["sources"][0]["accessed"]
    rows = []
    for country, group in orgs.groupby("country", sort=False):
        rows.append(f'<tr><th scope="rowgroup" colspan="4" class="country">{html.escape(country)}</th></tr>')
        for _, row in group.iterrows():
            note = " (number read on a secondary copy; check the website)" if row["verification"] == "secondary" else ""
            tel = _tel(row["phone"])
            phone = (f'<a href="tel:{tel}">{html.escape(row["phone"])}</a>' if len(tel) >= 3 and not
                     row["phone"].lower().startswith("call or text") else html.escape(row["phone"]))
            rows.append(
                f'<tr><th scope="row"><a href="{html.escape(row["website"], quote=True)}">'
                f'{html.escape(row["organisation"])}</a><br><span class="svc">{html.escape(row["service"])}</span></th>'
                f"<td>{phone}</td><td>{html.escape(row['cost_and_hours'])}</td>"
                f"<td>{html.escape(row['offers'])}{html.escape(note)}</td></tr>")
    # Row headers hold links: keep them on the page background so the theme's link color keeps its contrast.
    style = ("<style>table.course-help-table th[scope=row]{background:transparent}"
             "table.course-help-table .svc{font-weight:normal}</style>")
    table = (style + '<div class="course-table-wrap"><table class="course-data-table course-help-table">'
             f"<caption>Cancer information and support lines, checked {html.escape(checked)}. Numbers change: "
             "check the website before calling. In an emergency, call your local emergency number.</caption>"
             '<thead><tr><th scope="col">Organization and service</th><th scope="col">Phone</th>'
             '<th scope="col">Cost and availability</th><th scope="col">What it offers</th></tr></thead>'
             f"<tbody>{''.join(rows)}</tbody></table></div>")
    src = data.source_line("help_organisations")
    html_out = (table + '<details class="course-figure-data"><summary>How each number was checked</summary>'
                f'<p class="course-figure-source">{src}</p></details>')
    return HtmlBlock(html=html_out, source=src, name="help-organisations",
                     alt=f"Table of {len(orgs)} cancer information and crisis phone lines in "
                         f"{orgs['country'].nunique()} countries.")
