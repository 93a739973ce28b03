"""Figure: what immunotherapy changed, metastatic melanoma survival milestones."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from metastasis.chapters.treatment.common import _load, _source_html, _sources_by_id
from metastasis.core.figures import PALETTE, CourseFigure, base_layout, dropdown

MELANOMA_MEASURES = {
    "median_os": ("Median survival", "Median overall survival (months)", "months"),
    "os_5y": ("Alive at 5 years", "Alive 5 years later (%)", "%"),
}
MELANOMA_COLOURS = {"before checkpoint inhibitors": PALETTE["grey"]}
ARM_COLOURS = {"ipilimumab": PALETTE["sky"], "nivolumab": PALETTE["blue"], "nivolumab + ipilimumab":
               PALETTE["orange"]}


MELANOMA_LABELS = {"lee2000": "Before: 83 studies<br>up to 1999", "series1991": "Before: one<br>center, 1991",
                   "cm067_ipi": "CheckMate 067:<br>ipilimumab", "cm067_nivo": "CheckMate 067:<br>nivolumab",
                   "cm067_combo": "CheckMate 067:<br>nivo + ipi"}


def _melanoma_label(milestone_id: str) -> str:
    return MELANOMA_LABELS[milestone_id.rsplit("_", 1)[0]]


def _melanoma_colour(row) -> str:
    if row["era"] == "before checkpoint inhibitors":
        return PALETTE["grey"]
    arm = row["group"].split(": ", 1)[-1]
    return ARM_COLOURS.get(arm, PALETTE["blue"])


def melanoma_milestones() -> CourseFigure:
    """Survival with advanced melanoma before and after checkpoint inhibitors, as bars with a measure toggle."""
    df = _load("melanoma_milestones").copy()
    sources = _sources_by_id("melanoma_milestones")
    df["source_title"] = df["source_id"].map(lambda s: sources[s]["title"])
    df["ci_text"] = [f" (95% CI {lo:g}-{hi:g})" if pd.notna(lo) else "" for lo, hi in
                     zip(df["ci_low"], df["ci_high"], strict=True)]
    df["people_text"] = [f"{int(n):,} people" if pd.notna(n) else "arm of a 945-person trial"
                         if str(g).startswith("CheckMate") else "" for n, g in
                         zip(df["people"], df["group"], strict=True)]
    df["ylabel"] = [_melanoma_label(m) for m in df["milestone_id"]]
    groups = list(dict.fromkeys(df["group"]))
    ylabels = dict(zip(df["group"], df["ylabel"], strict=True))
    fig = go.Figure()
    measures = list(MELANOMA_MEASURES)
    for k, measure in enumerate(measures):
        part = df[df["measure"] == measure].set_index("group").reindex(groups).reset_index()
        label, _axis_title, unit = MELANOMA_MEASURES[measure]
        has_ci = part["ci_low"].notna()
        fig.add_trace(go.Bar(
            x=part["value"], y=[ylabels[g] for g in part["group"]], orientation="h", visible=(k == 0), name=label,
            marker_color=[_melanoma_colour(r) for _, r in part.fillna({"era": "", "group": ""}).iterrows()],
            error_x={"type": "data", "symmetric": False, "visible": bool(has_ci.any()),
                     "array": (part["ci_high"] - part["value"]).fillna(0).tolist(),
                     "arrayminus": (part["value"] - part["ci_low"]).fillna(0).tolist(),
                     "color": "#444444", "thickness": 1.2, "width": 4},
            customdata=part[["ci_text", "people_text", "measured_from", "data_years", "source_title",
                             "verification", "era", "group"]].fillna("").values,
            hovertemplate=("<b>%{customdata[7]}</b><br>%{x:g}" + ("" if unit == "%" else " ") + unit
                           + "%{customdata[0]}"
                           "<br>%{customdata[1]}; clock starts at %{customdata[2]}<br>%{customdata[3]}"
                           "<br>Source: %{customdata[4]} (%{customdata[5]})<extra>%{customdata[6]}</extra>"),
        ))
        ends = part["ci_high"].fillna(part["value"]).fillna(0)
        labels = [("not in source" if pd.isna(v) else (f"{v:g}" if unit == "months" else f"{v:g}%"))
                  for v in part["value"]]
        fig.add_trace(go.Scatter(
            x=ends + (1.5 if measure == "median_os" else 1.2), y=[ylabels[g] for g in part["group"]], mode="text",
            text=labels,
            textposition="middle right", visible=(k == 0), hoverinfo="skip", showlegend=False,
            textfont={"size": 13, "color": ["#555555" if pd.isna(v) else "#222222" for v in part["value"]]},
        ))
    titles = {
        "median_os": "Melanoma: half of the group<br>had died by this time",
        "os_5y": "Melanoma: share of the group<br>alive 5 years later",
    }
    buttons = [{"label": MELANOMA_MEASURES[m][0], "method": "update",
                "args": [{"visible": [j // 2 == k for j in range(2 * len(measures))]},
                         {"title.text": titles[m], "xaxis.title.text": MELANOMA_MEASURES[m][1],
                          "xaxis.range": [0, 140 if m == "median_os" else 100]}]}
               for k, m in enumerate(measures)]
    fig.update_layout(**base_layout(
        title={"text": titles["median_os"], "font": {"size": 15}, "x": 0.01, "xref": "container", "y": 0.975,
               "yanchor": "top"},
        height=460,
        xaxis={"title": {"text": MELANOMA_MEASURES["median_os"][1]}, "range": [0, 140]},
        yaxis={"automargin": True, "categoryorder": "array", "categoryarray": [ylabels[g] for g in reversed(groups)]},
        showlegend=False,
        margin={"l": 10, "r": 40, "t": 110, "b": 60},
        updatemenus=[dropdown(buttons, x=0, y=1.02, label="Measure shown")],
    ))
    table = df[["group", "era", "measure", "value", "unit", "ci_low", "ci_high", "people", "measured_from",
                "data_years", "source_title", "verification"]].copy()
    table["measure"] = table["measure"].map({m: v[0] for m, v in MELANOMA_MEASURES.items()})
    table.columns = ["Group", "Era", "Measure", "Value", "Unit", "95% CI low", "95% CI high", "People",
                     "Clock starts at", "Data years", "Source", "Verification"]
    pre = df[(df["era"] == "before checkpoint inhibitors") & (df["measure"] == "median_os")].iloc[0]
    combo_m = df[(df["group"].str.endswith("nivolumab + ipilimumab")) & (df["measure"] == "median_os")].iloc[0]
    combo_5 = df[(df["group"].str.endswith("nivolumab + ipilimumab")) & (df["measure"] == "os_5y")].iloc[0]
    caption = (f"Before checkpoint inhibitors, half of people with stage IV melanoma had died within about "
               f"{pre['value']:g} months of diagnosis (studies published up to 1999). In the CheckMate 067 "
               f"trial, the median was {combo_m['value']:g} months with nivolumab plus ipilimumab, and "
               f"{combo_5['value']:g}% were alive at 5 years. These are different groups of people, so the "
               "comparison shows the size of the change, not an exact measure of it.")
    return CourseFigure(
        figure=fig, caption=caption, table=table,
        source=_source_html("melanoma_milestones", list(df["source_id"])),
        alt=("Horizontal bar chart comparing median overall survival with advanced melanoma before checkpoint "
             "inhibitors and in the three arms of the CheckMate 067 trial, with a button for the share alive "
             "at 5 years."),
        name="melanoma-milestones",
        narrow_layout={"xaxis.title.font.size": 12},  # the axis title fits a phone
        table_caption="Survival milestones for advanced melanoma, with sources",
        notes=["All values are overall survival (death from any cause). The CheckMate 067 10-year survival "
               "percentages could not be checked and are not shown."],
    )
