"""Figure: the diagnostic pathway from first signs to a plan."""

from __future__ import annotations

import plotly.graph_objects as go

from metastasis.chapters.diagnosis.body_map import _wrap
from metastasis.core import data
from metastasis.core import sources as source_links
from metastasis.core.figures import PALETTE, CourseFigure, base_layout, dropdown


def diagnostic_pathway(default_scenario: str = "all") -> CourseFigure:
    """The steps from first signs to a plan. A slider steps through them (what each step answers and cannot
    tell); a menu shows three labelled illustrative journeys (which steps usually apply, and what happens)."""
    path = data.load("diagnostic_pathway")
    steps = path[path["scenario_id"] == "all"].sort_values("step_order")
    scenario_ids = list(dict.fromkeys(path["scenario_id"]))
    if default_scenario not in scenario_ids:
        raise ValueError(f"unknown scenario '{default_scenario}'")
    n = len(steps)
    ys = [float(n - i) * 1.25 for i in range(n)]  # step 1 at the top
    node_x, text_x = 0.35, 0.75

    fig = go.Figure()
    fig.add_trace(go.Scatter(x=[node_x] * n, y=ys, mode="lines", line={"color": "#8a8a8a", "width": 2},
                             hoverinfo="skip", showlegend=False, name="pathway"))
    for scen in scenario_ids:
        rows = path[path["scenario_id"] == scen].sort_values("step_order")
        visible = scen == default_scenario
        applies = list(rows["applies"])
        fig.add_trace(go.Scatter(
            x=[node_x] * n, y=ys, mode="markers+text", visible=visible, showlegend=False,
            name=f"{rows['scenario'].iloc[0]}: steps",
            text=[str(o) for o in rows["step_order"]], textfont={"color": "#ffffff", "size": 12},
            marker={"size": 24, "color": [PALETTE["blue"] if a else "#ffffff" for a in applies],
                    "line": {"color": PALETTE["blue"], "width": 2}},
            hoverinfo="skip",
        ))
        if scen == "all":
            details = [f"<b>{_wrap(r.step, 40)}</b><br>{_wrap(r.detail.split(' Limit: ')[0], 48)}"
                       for r in rows.itertuples()]
        else:
            details = [f"<b>{_wrap(r.step, 40)}</b>{'' if r.applies else ' (sometimes)'}<br>{_wrap(r.detail, 48)}"
                       for r in rows.itertuples()]
        fig.add_trace(go.Scatter(
            x=[text_x] * n, y=ys, mode="text", visible=visible, showlegend=False,
            name=f"{rows['scenario'].iloc[0]}: details", text=details, textposition="middle right",
            textfont={"size": 11.5, "color": "#222222"}, hoverinfo="skip",
        ))
    ring_index = len(fig.data)
    fig.add_trace(go.Scatter(x=[node_x], y=[ys[0]], mode="markers", showlegend=False, hoverinfo="skip",
                             name="current step",
                             marker={"size": 38, "color": "rgba(0,0,0,0)",
                                     "line": {"color": PALETTE["vermillion"], "width": 4}}))
    info_index = len(fig.data)
    info_y = ys[-1] - 0.9

    def info_text(row) -> str:
        question, _, limit = row.detail.partition(" Limit: ")
        return (f"<b>Step {row.step_order}: {_wrap(row.step, 40)}</b><br>{_wrap('Answers: ' + question, 46)}"
                f"<br>{_wrap('Cannot tell: ' + limit, 46)}")

    first = steps.iloc[0]
    fig.add_trace(go.Scatter(x=[0.05], y=[info_y], mode="text", showlegend=False, hoverinfo="skip",
                             name="step explanation", text=[info_text(first)], textposition="bottom right",
                             textfont={"size": 12, "color": "#222222"}))

    slider_steps = []
    for i, row in enumerate(steps.itertuples()):
        slider_steps.append({
            "label": str(row.step_order), "method": "restyle",
            "args": [{"y": [[ys[i]], [info_y]], "text": [None, [info_text(row)]]}, [ring_index, info_index]],
        })
    scenario_labels = {s: path[path["scenario_id"] == s]["scenario"].iloc[0] for s in scenario_ids}
    menu = []
    for scen in scenario_ids:
        visible = [True]
        for other in scenario_ids:
            visible += [other == scen, other == scen]
        visible += [True, True]
        label = "What each step is for" if scen == "all" else f"Journey: {scenario_labels[scen].lower()}"
        title = ("The diagnostic pathway" if scen == "all"
                 else f"Illustrative journey (not a real person):<br>{scenario_labels[scen].lower()}")
        menu.append({"label": label, "method": "update", "args": [{"visible": visible}, {"title.text": title}]})
    fig.update_layout(**base_layout(
        title={"text": "The diagnostic pathway", "font": {"size": 15}, "x": 0.01, "xref": "container",
               "xanchor": "left", "y": 0.975, "yanchor": "top"},
        height=900, showlegend=False,
        margin={"l": 8, "r": 8, "t": 110, "b": 80},
        xaxis={"range": [0, 6.4], "visible": False, "fixedrange": True},
        yaxis={"range": [info_y - 2.6, ys[0] + 0.8], "visible": False, "fixedrange": True},
        updatemenus=[dropdown(menu, x=0, y=1.0, label="Choose a journey",
                              active=scenario_ids.index(default_scenario))],
        sliders=[{"active": 0, "steps": slider_steps, "x": 0.05, "len": 0.9, "y": 0, "yanchor": "top",
                  "pad": {"t": 10}, "currentvalue": {"prefix": "Step ", "font": {"size": 13}},
                  "name": "Step through the pathway", "font": {"size": 12}}],
    ))
    table = path.assign(Scenario=path["scenario"], Step=path["step"],
                        **{"Usually part of it": path["applies"].map({True: "yes", False: "sometimes"})})
    table = table[["Scenario", "step_order", "Step", "Usually part of it", "detail", "source_id"]]
    table = table.rename(columns={"step_order": "No.", "detail": "What happens / what it answers",
                                  "source_id": "Source id"})
    res = path.attrs["resource"]
    links = source_links.links(res["sources"], who=True)
    caption = (f"Finding and characterizing spread usually takes {n} kinds of step, each answering a different "
               f"question; scans find spots, a biopsy shows what they are, and the plan brings everything "
               f"together. The journeys are illustrative composites, not real people, and contain no statistics.")
    return CourseFigure(
        figure=fig, caption=caption, table=table, source=links,
        alt=(f"A vertical pathway of {n} numbered steps from symptoms to a treatment plan; a slider highlights "
             f"one step and explains what it answers and cannot tell, and a menu switches to three illustrative "
             f"journeys."),
        name="diagnostic-pathway",
        table_caption="The diagnostic pathway: each step, and three illustrative journeys",
    )
