"""Figure: what patients understood about chemotherapy (Weeks 2012)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from metastasis.core import data
from metastasis.core.figures import PALETTE, CourseFigure, base_layout


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
