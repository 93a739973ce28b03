"""Figure: share of cases already at the distant stage when found (SEER)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from metastasis.core import data
from metastasis.core.figures import PALETTE, CourseFigure, base_layout, dropdown


def distant_at_diagnosis() -> CourseFigure:
    """Share of each cancer's cases already at the SEER distant stage when first diagnosed; sortable."""
    seer = data.load("seer_stage_survival")
    dist = seer[(seer["stage"] == "Distant") & seer["pct_of_cases_at_stage"].notna()].copy()
    dist = dist.sort_values("pct_of_cases_at_stage", ascending=True)
    years = ", ".join(sorted(set(dist["data_years"])))
    labels = list(dist["site_label"])
    values = list(dist["pct_of_cases_at_stage"])
    hover_extra = ["checked on the SEER page" if v == "verified"
                   else "checked against another publication of the SEER statistics" for v in dist["verification"]]
    fig = go.Figure(go.Bar(
        x=values, y=labels, orientation="h", marker_color=PALETTE["blue"],
        text=[f"{v:g}%" for v in values], textposition="outside", cliponaxis=False,
        customdata=np.column_stack([[f"{v:g}" for v in values], hover_extra, dist["data_years"]]),
        hovertemplate=("<b>%{y}</b><br>About %{customdata[0]} in 100 cases were found at the distant stage"
                       "<br>Diagnosed %{customdata[2]}, SEER 21 (%{customdata[1]})<extra></extra>"),
        name="Distant stage at diagnosis",
    ))
    by_share_desc = list(dist.sort_values(["pct_of_cases_at_stage", "site_label"],
                                          ascending=[True, False])["site_label"])
    by_share_asc = list(reversed(by_share_desc))
    alphabetical = sorted(labels, reverse=True)  # plotly draws the first category at the bottom
    orders = [("Most spread first", by_share_desc), ("A to Z", alphabetical),
              ("Least spread first", by_share_asc)]
    buttons = [{"label": name, "method": "relayout",
                "args": [{"yaxis.categoryorder": "array", "yaxis.categoryarray": order}]}
               for name, order in orders]
    fig.update_layout(**base_layout(
        title={"text": "Already spread when first found<br>(share of cases at the distant stage)",
               "font": {"size": 15}, "x": 0.01, "xref": "container", "xanchor": "left", "y": 0.975,
               "yanchor": "top"},
        height=max(460, 24 * len(labels) + 170),
        xaxis={"title": {"text": f"% of cases ({years})"}, "range": [0, 68],
               "ticksuffix": "%", "fixedrange": True},
        yaxis={"automargin": True, "categoryorder": "array", "categoryarray": by_share_desc,
               "fixedrange": True},
        showlegend=False,
        margin={"l": 10, "r": 30, "t": 130, "b": 56},
        updatemenus=[dropdown(buttons, x=0, y=1.0, label="Sort the bars", kind="dropdown")],
    ))
    table = dist.sort_values("pct_of_cases_at_stage", ascending=False)[
        ["site_label", "pct_of_cases_at_stage", "data_years", "verification"]]
    table.columns = ["Cancer site", "Distant stage at diagnosis (%)", "Diagnosed", "Verification"]
    top, bottom = table.iloc[0], table.iloc[-1]
    caption = (f"How often a cancer has already spread to distant parts of the body when it is first found "
               f"varies widely: {top['Distant stage at diagnosis (%)']:g}% of {top['Cancer site'].lower()} "
               f"cases but {bottom['Distant stage at diagnosis (%)']:g}% of {bottom['Cancer site'].lower()} "
               f"cases were diagnosed at the distant stage (SEER, {years}). Later spread is not counted.")
    return CourseFigure(
        figure=fig, caption=caption, table=table, source=data.source_line("seer_stage_survival"),
        alt=(f"Horizontal bar chart of the percent of cases already at the distant stage when diagnosed, for "
             f"{len(labels)} cancer sites, with a menu to sort the bars."),
        name="distant-at-diagnosis",
        table_caption=f"Percent of cases diagnosed at the SEER distant stage, {years}",
        notes=["SEER 'distant' is a summary stage at diagnosis, not TNM stage IV, and it does not include "
               "cancers that spread later. Percentages are rounded as SEER shows them.",
               data.seer_verification_sentence()],
    )
