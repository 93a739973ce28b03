"""Figure: the tail at a landmark, five-year percentages by trial arm."""

from __future__ import annotations

import html

import numpy as np
import plotly.graph_objects as go

from metastasis.chapters.survival_and_prognosis.common import _natural
from metastasis.core import data
from metastasis.core import sources as source_links
from metastasis.core.figures import PALETTE, CourseFigure, base_layout, dropdown

TRIAL_VIEWS = [
    ("CheckMate 067", "overall survival", "CheckMate 067, alive",
     "CheckMate 067 (advanced melanoma):<br>alive at 5 years"),
    ("CheckMate 067", "progression-free survival", "CheckMate 067, no growth",
     "CheckMate 067: alive without the<br>cancer growing at 5 years"),
    ("SABR-COMET", "overall survival", "SABR-COMET, alive", "SABR-COMET (1 to 5 metastases):<br>alive at 5 years"),
]


def _arm_tick(label: str, people: int) -> str:
    words = label.replace(" + ", " +<br>").replace(" alone", "<br>alone").replace(" care", "<br>care")
    return f"{words}<br>({people} people)"


def trial_landmarks() -> CourseFigure:
    """Five-year landmark percentages by arm for CheckMate 067 (OS and PFS) and SABR-COMET (OS)."""
    trials = data.load("trial_landmarks")
    fig = go.Figure()
    layouts = []
    for v, (trial, endpoint, _label, _title) in enumerate(TRIAL_VIEWS):
        rows = trials[(trials["trial"] == trial) & (trials["endpoint"] == endpoint)]
        has_ci = bool(rows["ci_low_pct"].notna().all())
        xs = list(range(len(rows)))
        custom = np.stack([rows["arm_label"], rows["verification"], [_natural(x) for x in rows["survival_pct"]],
                           rows["design"], rows["people_randomized"].astype(str)], axis=-1)
        fig.add_trace(go.Bar(
            x=xs, y=rows["survival_pct"], visible=v == 0,
            marker_color=[PALETTE["blue"] if i == 0 else PALETTE["sky"] for i in xs],
            text=[f"{x:g}%" for x in rows["survival_pct"]], textposition="outside", cliponaxis=False,
            error_y=({"type": "data", "symmetric": False, "array": rows["ci_high_pct"] - rows["survival_pct"],
                      "arrayminus": rows["survival_pct"] - rows["ci_low_pct"], "color": "#444"} if has_ci else None),
            customdata=custom, name=f"{trial}: {endpoint}",
            hovertemplate=("<b>%{customdata[0]}</b> (%{customdata[4]} people)<br>"
                           + endpoint.capitalize() + " at 5 years: %{y:g}%<br>(%{customdata[2]})<br>"
                           "%{customdata[3]}<br>Verification: %{customdata[1]}<extra></extra>"),
        ))
        layouts.append({"xaxis.tickvals": xs,
                        "xaxis.ticktext": [_arm_tick(a, int(p)) for a, p in zip(rows["arm_label"],
                                                                             rows["people_randomized"], strict=True)],
                        "xaxis.range": [-0.6, len(xs) - 0.4]})
    buttons = []
    for v, (_trial, _endpoint, label, title) in enumerate(TRIAL_VIEWS):
        buttons.append({"label": label, "method": "update",
                        "args": [{"visible": [i == v for i in range(len(TRIAL_VIEWS))]},
                                 {"title.text": title, **layouts[v]}]})
    fig.update_layout(**base_layout(
        title={"text": TRIAL_VIEWS[0][3], "font": {"size": 15}, "x": 0.01, "xref": "container", "xanchor": "left",
               "y": 0.975, "yanchor": "top"},
        height=480, margin={"l": 50, "r": 20, "t": 140, "b": 90}, showlegend=False,
        yaxis={"range": [0, 100], "ticksuffix": "%", "title": {"text": "Percent of each arm"}},
        xaxis={"tickvals": layouts[0]["xaxis.tickvals"], "ticktext": layouts[0]["xaxis.ticktext"],
               "range": layouts[0]["xaxis.range"], "tickangle": 0, "tickfont": {"size": 12}},
        updatemenus=[dropdown(buttons, x=0, y=1.04, label="Trial and endpoint")],
    ))
    table = trials[["trial", "arm_label", "people_randomized", "endpoint", "years", "survival_pct", "ci_low_pct",
                    "ci_high_pct", "verification"]].rename(columns={
        "trial": "Trial", "arm_label": "Arm", "people_randomized": "People", "endpoint": "Endpoint",
        "years": "Years", "survival_pct": "Percent", "ci_low_pct": "95% CI lower", "ci_high_pct": "95% CI upper",
        "verification": "Verification"})
    cm = trials[(trials["trial"] == "CheckMate 067") & (trials["endpoint"] == "overall survival")]
    sc = trials[trials["trial"] == "SABR-COMET"]
    caption = (f"Five years after entering CheckMate 067, {cm['survival_pct'].iloc[0]:g}% of people given "
               f"nivolumab plus ipilimumab were alive, against {cm['survival_pct'].iloc[-1]:g}% given ipilimumab "
               f"alone; in SABR-COMET, {sc['survival_pct'].iloc[0]:g}% vs {sc['survival_pct'].iloc[-1]:g}%. Both "
               f"trials enrolled selected, fit people.")
    res = data.resource("trial_landmarks")
    source = source_links.links(res["sources"])
    return CourseFigure(
        figure=fig, caption=caption, table=table, source=source, name="trial-landmarks",
        alt="Bar charts of the percentage of people alive five years after entering two trials, by trial arm.",
        table_caption="Five-year landmark percentages by trial arm",
        notes=[html.escape(c) for c in res.get("caveats", [])],
    )
