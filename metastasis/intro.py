"""Figures for chapter 1, "What metastatic cancer is"."""

from __future__ import annotations

import plotly.graph_objects as go

from . import data
from .figures import PALETTE, CourseFigure, base_layout, dropdown

STAGE_ORDER = ["Localized", "Regional", "Distant"]
STAGE_COLOURS = {"Localized": PALETTE["green"], "Regional": PALETTE["orange"], "Distant": PALETTE["blue"]}


def stage_at_diagnosis(sites: list[str] | None = None) -> CourseFigure:
    """Where does a cancer stand when it is found? Share of cases at each SEER summary stage, by site.

    Buttons switch the stage shown; bars are sorted by the share diagnosed at the distant stage, because that
    is the point of the figure: how often a cancer has already spread when it is first found.
    """
    seer = data.load("seer_stage_survival")
    staged = seer[seer["stage"].isin(STAGE_ORDER)]
    if sites is not None:
        staged = staged[staged["site"].isin(sites)]
    wide = staged.pivot(index="site_label", columns="stage", values="pct_of_cases_at_stage")[STAGE_ORDER]
    wide = wide.sort_values("Distant", ascending=True)
    verification = staged.groupby("site_label")["verification"].first().reindex(wide.index)
    fig = go.Figure()
    for _i, stage in enumerate(STAGE_ORDER):
        fig.add_trace(go.Bar(
            x=wide[stage], y=wide.index, orientation="h", name=stage, visible=(stage == "Distant"),
            marker_color=STAGE_COLOURS[stage], text=[f"{v:g}%" for v in wide[stage]], textposition="outside",
            customdata=verification.values,
            hovertemplate=("%{y}: %{x:g}% of cases diagnosed at the " + stage.lower() + " stage<br>"
                           "SEER 21, diagnosed 2016-2022 (%{customdata})<extra></extra>"),
        ))
    titles = {
        "Localized": "Found while still where it started<br>(localized)",
        "Regional": "Found with spread to nearby nodes or tissue<br>(regional)",
        "Distant": "Found after spreading to distant organs<br>(distant)",
    }
    buttons = [
        {"label": stage, "method": "update",
         "args": [{"visible": [s == stage for s in STAGE_ORDER]}, {"title.text": titles[stage]}]}
        for stage in STAGE_ORDER
    ]
    fig.update_layout(**base_layout(
        title={"text": titles["Distant"], "font": {"size": 15}, "x": 0.01, "y": 0.985, "yanchor": "top",
               "xref": "container", "xanchor": "left"},
        height=max(420, 24 * len(wide) + 160),
        xaxis={"title": {"text": "Percent of cases"}, "range": [0, 100],
               "ticksuffix": "%"},
        yaxis={"automargin": True},
        showlegend=False,
        margin={"l": 10, "r": 30, "t": 120, "b": 50},
        updatemenus=[dropdown(buttons, x=0, y=1.01, label="Stage shown", active=2)],
    ))
    table = wide.reset_index().sort_values("Distant", ascending=False)
    table.columns = ["Cancer site", "Localized (%)", "Regional (%)", "Distant (%)"]
    most = table.iloc[0]
    least = table.iloc[-1]
    caption = (f"How often a cancer has already spread when it is first found differs greatly by cancer: "
               f"{most['Cancer site'].lower()} {most['Distant (%)']:g}% of cases at the distant stage, "
               f"{least['Cancer site'].lower()} {least['Distant (%)']:g}% (SEER, people diagnosed 2016-2022). "
               f"Use the buttons to see the localized and regional shares.")
    return CourseFigure(
        figure=fig, caption=caption, table=table,
        source=data.source_line("seer_stage_survival"),
        alt=("Horizontal bar chart of the percent of cases diagnosed at the distant stage for "
             f"{len(wide)} cancer sites, with buttons for the localized and regional stages."),
        name="stage-at-diagnosis",
        table_caption="Percent of cases at each SEER summary stage at diagnosis, 2016-2022",
    )
