"""Figure: the median isn't the message (the spread of survival times behind one median)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from metastasis.chapters.survival_and_prognosis.patients import (
    DATASETS,
    GroupFit,
    fit_groups,
    patient_data,
)
from metastasis.core import data
from metastasis.core import sources as source_links
from metastasis.core.figures import PALETTE, CourseFigure, base_layout


def median_message(dataset: str = "va_lung_trial", step: int = 3) -> CourseFigure:
    """The spread of survival times behind one median, with a slider that moves a time line."""
    frame = patient_data(dataset)
    fit = fit_groups(frame, "everyone")[0]
    median = fit.median
    n = len(frame)
    months = frame["months"].to_numpy(dtype=float)
    died = frame["died"].to_numpy(dtype=int)
    top = int(np.ceil(months.max()))
    edges = np.arange(0, top + 1, 1.0)
    dead_counts, _ = np.histogram(months[died == 1], bins=edges)
    cens_counts, _ = np.histogram(months[died == 0], bins=edges)
    starts = edges[:-1]
    beyond_twice = int((months > 2 * median).sum())
    longest = float(months.max())

    fig = go.Figure()
    fig.add_trace(go.Bar(x=starts + 0.5, y=dead_counts, width=0.95, name="Died", marker_color=PALETTE["blue"],
                         customdata=starts,
                         hovertemplate="Month %{customdata:.0f} to %{x:.0f}: %{y} people died<extra></extra>"))
    fig.add_trace(go.Bar(x=starts + 0.5, y=cens_counts, width=0.95, name="Alive when last seen (censored)",
                         marker_color=PALETTE["orange"], customdata=starts,
                         hovertemplate=("Month %{customdata:.0f} to %{x:.0f}: follow-up ended for %{y} people still "
                                        "alive<extra></extra>")))
    ymax = int(max(dead_counts + cens_counts)) + 4
    start_t = 12 if top >= 12 else 0
    shapes = [
        {"type": "line", "x0": median, "x1": median, "y0": 0, "y1": ymax,
         "line": {"color": PALETTE["black"], "width": 2}},
        {"type": "line", "x0": 2 * median, "x1": 2 * median, "y0": 0, "y1": ymax,
         "line": {"color": PALETTE["black"], "width": 1.5, "dash": "dash"}},
        {"type": "line", "x0": start_t, "x1": start_t, "y0": 0, "y1": ymax,
         "line": {"color": PALETTE["vermillion"], "width": 2.5}},
    ]
    annotations = [
        {"x": median, "y": ymax, "text": "median", "showarrow": False, "xanchor": "right", "yanchor": "top",
         "font": {"size": 12}},
        {"x": 2 * median, "y": ymax, "text": "2 x median", "showarrow": False, "xanchor": "left", "yanchor": "top",
         "font": {"size": 12}},
        {"x": 0, "y": -0.2, "xref": "paper", "yref": "paper", "xanchor": "left", "yanchor": "top",
         "text": _slider_text(fit, frame, start_t), "showarrow": False, "align": "left",
         "font": {"size": 13, "color": PALETTE["vermillion"]}},
    ]
    steps = []
    for t in range(0, top + 1, step):
        steps.append({"label": str(t), "method": "relayout",
                      "args": [{"shapes[2].x0": t, "shapes[2].x1": t,
                                "annotations[2].text": _slider_text(fit, frame, t)}]})
    fig.update_layout(**base_layout(
        title={"text": (f"Median {median:.1f} months, yet {beyond_twice} of {n}<br>lived beyond twice the median"),
               "font": {"size": 15}, "x": 0.01, "xref": "container", "xanchor": "left", "y": 0.975,
               "yanchor": "top"},
        barmode="stack", height=600, margin={"l": 50, "r": 20, "t": 110, "b": 200},
        xaxis={"title": {"text": "Months to death or end of follow-up"}, "range": [0, top + 1], "dtick": 6},
        yaxis={"title": {"text": "People"}, "range": [0, ymax]},
        legend={"orientation": "h", "x": 0, "y": 1.01, "yanchor": "bottom", "traceorder": "normal"},
        shapes=shapes, annotations=annotations,
        sliders=[{"active": start_t // step, "steps": steps, "x": 0.0, "len": 1.0, "y": -0.36, "yanchor": "top",
                  "currentvalue": {"prefix": "Red line at month ", "font": {"size": 13}},
                  "pad": {"t": 10}, "name": "Time"}],
    ))
    table = pd.DataFrame({
        "Month": np.arange(0, top + 1),
        "Died in the month after (people)": list(dead_counts) + [0],
        "Follow-up ended alive in the month after (people)": list(cens_counts) + [0],
        "Still alive, Kaplan-Meier estimate (%)": [
            round(100 * float(fit.fitter.survival_function_at_times(t).iloc[0]), 1) for t in range(0, top + 1)],
        "Seen alive beyond this month (people)": [int((months > t).sum()) for t in range(0, top + 1)],
    })
    caption = (f"Half of the {n} people in the {DATASETS[dataset]['label']} had died by {median:.1f} months (the "
               f"median), but the times are right-skewed: {beyond_twice} of {n} lived beyond twice the median, and "
               f"the longest follow-up was {longest:.0f} months, more than {int(longest // median)} times the "
               f"median.")
    src = data.resource(dataset)["sources"][0]
    source = (f"{source_links.link(src)}. Median and "
              "percentages still alive: Kaplan-Meier estimates computed with lifelines.")
    return CourseFigure(
        figure=fig, caption=caption, table=table, source=source, name="median-message",
        alt=("Histogram of survival times, most in the first few months with a long tail to the right, with the "
             "median, twice the median and a movable time line marked."),
        table_caption="People by month of death or end of follow-up, share still alive, and people seen alive "
                      "beyond each month",
    )


def _slider_text(fit: GroupFit, frame: pd.DataFrame, t: float) -> str:
    pct = 100 * float(fit.fitter.survival_function_at_times(t).iloc[0])
    seen = int((frame["months"] > t).sum())
    return (f"At {t:g} months: {pct:.0f}% still alive (Kaplan-Meier);<br>"
            f"{seen} of {len(frame)} people were seen alive beyond it")
