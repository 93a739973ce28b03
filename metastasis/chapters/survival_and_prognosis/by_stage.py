"""Figure: five-year relative survival by SEER summary stage for every site."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from metastasis.chapters.survival_and_prognosis.common import _natural
from metastasis.core import data
from metastasis.core import sources as source_links
from metastasis.core.figures import PALETTE, CourseFigure, base_layout, dropdown

STAGES = ["Localized", "Regional", "Distant", "All stages"]
STAGE_COLOURS = {"Localized": PALETTE["green"], "Regional": PALETTE["orange"], "Distant": PALETTE["blue"],
                 "All stages": PALETTE["black"]}
STAGE_SYMBOLS = {"Localized": "circle", "Regional": "diamond", "Distant": "square", "All stages": "x-thin-open"}


def seer_verification_note():
    """The share of SEER rows checked on the SEER pages, as a paragraph computed from the data (not typed)."""
    from IPython.display import Markdown

    return Markdown(data.seer_verification_sentence())


def stage_survival() -> CourseFigure:
    """Five-year relative survival by SEER summary stage for every site, sorted by distant-stage survival."""
    seer = data.load("seer_stage_survival")
    res = data.resource("seer_stage_survival")
    staged = seer[seer["stage"].isin(STAGES)].copy()
    wide = staged.pivot(index="site_label", columns="stage", values="relative_survival_5yr_pct")
    wide = wide.reindex(columns=STAGES)
    distant_share = (staged[staged["stage"] == "Distant"].set_index("site_label")["pct_of_cases_at_stage"]
                     .reindex(wide.index))
    # Order: by distant-stage survival (sites without a distant row, e.g. testis, go last), or by all stages.
    by_distant = wide.sort_values(["Distant", "All stages"], ascending=[False, False], na_position="last")
    order_distant = list(by_distant.index)
    order_all = list(wide.sort_values("All stages", ascending=False).index)
    order_alpha = sorted(wide.index)

    fig = go.Figure()
    share_text = {site: (f"{v:g}% of cases" if pd.notna(v) else "no stage table") for site, v in distant_share.items()}
    for stage in STAGES:
        rows = staged[staged["stage"] == stage].set_index("site_label").reindex(order_distant).dropna(
            subset=["relative_survival_5yr_pct"])
        custom = np.stack([
            rows["data_years"].astype(str), rows["verification"].astype(str), rows["site"].astype(str),
            [_natural(v) for v in rows["relative_survival_5yr_pct"]], [share_text[s] for s in rows.index],
        ], axis=-1)
        fig.add_trace(go.Scatter(
            x=rows["relative_survival_5yr_pct"], y=rows.index, mode="markers", name=stage,
            marker={"color": STAGE_COLOURS[stage], "symbol": STAGE_SYMBOLS[stage], "size": 10,
                    "line": {"width": 1.5, "color": STAGE_COLOURS[stage]}},
            customdata=custom,
            hovertemplate=("<b>%{customdata[2]}</b>, " + stage.lower() + "<br>"
                           "5-year relative survival: %{x:g}%<br>(%{customdata[3]})<br>"
                           "Diagnosed at distant stage: %{customdata[4]}<br>"
                           "Diagnosed %{customdata[0]}, SEER 21 (excl. Illinois)<br>"
                           "Verification: %{customdata[1]}<br>Source: SEER Cancer Stat Facts<extra></extra>"),
        ))

    n_stage = len(STAGES)
    stage_buttons = [{"label": "Stage: all shown", "method": "restyle", "args": [{"visible": [True] * n_stage}]}]
    for i, stage in enumerate(STAGES):
        stage_buttons.append({"label": f"Stage: {stage.lower() if stage != 'All stages' else 'combined'}",
                              "method": "restyle",
                              "args": [{"visible": [j == i for j in range(n_stage)]}]})
    sort_buttons = [
        {"label": "Sort: distant stage", "method": "relayout",
         "args": [{"yaxis.categoryarray": order_distant[::-1]}]},
        {"label": "Sort: all stages", "method": "relayout", "args": [{"yaxis.categoryarray": order_all[::-1]}]},
        {"label": "Sort: A to Z", "method": "relayout", "args": [{"yaxis.categoryarray": order_alpha[::-1]}]},
    ]
    fig.update_layout(**base_layout(
        title={"text": "Five-year relative survival by stage<br>(SEER, people diagnosed 2016-2022)",
               "font": {"size": 15}, "x": 0.01, "xref": "container", "xanchor": "left", "y": 0.975,
               "yanchor": "top"},
        height=max(600, 24 * len(wide) + 250),
        margin={"l": 10, "r": 20, "t": 170, "b": 110},
        legend={"orientation": "h", "x": 0, "y": -0.09, "yanchor": "top", "font": {"size": 13}},
        updatemenus=[dropdown(stage_buttons, x=0, y=1.115, label="Stage shown"),
                     dropdown(sort_buttons, x=0, y=1.02, label="Sort order")],
    ))
    fig.update_yaxes(categoryorder="array", categoryarray=order_distant[::-1], automargin=True)
    fig.update_xaxes(range=[0, 104], ticksuffix="%", dtick=25, title_text="5-year survival")

    table = pd.DataFrame({
        "Cancer site": by_distant.index,
        "Localized (%)": by_distant["Localized"].values,
        "Regional (%)": by_distant["Regional"].values,
        "Distant (%)": by_distant["Distant"].values,
        "All stages (%)": by_distant["All stages"].values,
        "Diagnosed at distant stage (%)": distant_share.reindex(by_distant.index).values,
    })
    staged_only = by_distant.dropna(subset=["Distant"])
    low, high = staged_only.iloc[-1], staged_only.iloc[0]
    lower_everywhere = bool((staged_only["Distant"] < staged_only["Localized"]).all())
    caption = (f"Once a cancer has spread to distant organs, five-year relative survival ranges from "
               f"{low['Distant']:g}% ({low.name.lower()}) to {high['Distant']:g}% ({high.name.lower()}) for people "
               f"diagnosed in 2016-2022"
               + (", and it is lower than at the localized stage for every site shown. " if lower_everywhere
                  else ". ")
               + "These are group statistics from the past, not a prediction for any one person.")
    notes = [html.escape(c) for c in res.get("caveats", [])]
    notes.append(html.escape(data.seer_verification_sentence()))
    seer_link = source_links.link(res["sources"][0], label="SEER Cancer Stat Facts")
    source = (f'{seer_link}, National Cancer Institute: SEER 21 (excluding Illinois), people '
              'diagnosed 2016-2022 (pages updated April 2026). '
              'Testicular cancer has no stage table on its SEER page, so only its all-stages value is shown.')
    return CourseFigure(
        figure=fig, caption=caption, table=table, source=source, name="stage-survival",
        alt=("Dot plot of five-year relative survival for about twenty cancers at each stage, sorted by survival "
             "at the distant stage."),
        table_caption="Five-year relative survival (%) by SEER summary stage, people diagnosed 2016-2022",
        notes=notes,
    )
