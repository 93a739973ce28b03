"""Figure: Kaplan-Meier explorer (precomputed groupings) and its live panel."""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from metastasis.chapters.survival_and_prognosis.common import _hex_to_rgba
from metastasis.chapters.survival_and_prognosis.patients import (
    DATASETS,
    GroupFit,
    _steps,
    fit_groups,
    grouping_options,
    km_summary,
    patient_data,
)
from metastasis.core import data
from metastasis.core import sources as source_links
from metastasis.core.figures import PALETTE, SEQUENCE, CourseFigure, base_layout, dropdown


@dataclass
class Grouping:
    """One state of the Kaplan-Meier explorer: a dataset split by one column."""

    dataset: str
    column: str
    label: str
    title: str
    order: list[str] | None = None
    compare_censoring: bool = False


GROUPINGS = [
    Grouping("va_lung_trial", "karnofsky_group", "VA: Karnofsky score",
             "VA lung cancer trial:<br>survival by Karnofsky score", ["Karnofsky 60 or higher", "Karnofsky below 60"]),
    Grouping("va_lung_trial", "everyone", "VA: everyone", "VA lung cancer trial:<br>everyone"),
    Grouping("va_lung_trial", "cell_type_label", "VA: cell type", "VA lung cancer trial:<br>survival by cell type",
             ["Squamous cell", "Large cell", "Adenocarcinoma", "Small cell"]),
    Grouping("va_lung_trial", "treatment_label", "VA: treatment arm",
             "VA lung cancer trial: standard vs<br>test treatment (assigned at random)",
             ["Standard treatment", "Test treatment"]),
    Grouping("prostate_trial", "bone_label", "Prostate: bone metastases",
             "Prostate cancer trial: survival<br>with and without bone metastases",
             ["No bone metastases", "Bone metastases"]),
    Grouping("prostate_trial", "stage_label", "Prostate: stage", "Prostate cancer trial:<br>survival by stage",
             ["Stage 3 (no distant spread)", "Stage 4 (distant spread)"]),
    Grouping("ncctg_lung", "ecog_group", "NCCTG: ECOG score", "NCCTG lung cancer study:<br>survival by ECOG score",
             ["ECOG 0 (fully active)", "ECOG 1", "ECOG 2-3"]),
    Grouping("ncctg_lung", "sex_label", "NCCTG: sex", "NCCTG lung cancer study:<br>survival by sex",
             ["Women", "Men"]),
    Grouping("ncctg_lung", "everyone", "NCCTG: drop censored?",
             "NCCTG: the right curve, and the wrong<br>one that drops the censored people", compare_censoring=True),
]


def _state_fits(state: Grouping, drop_censored: bool) -> list[GroupFit]:
    frame = patient_data(state.dataset)
    if state.compare_censoring:
        right = fit_groups(frame, "everyone")[0]
        wrong = fit_groups(frame, "everyone", drop_censored=True)[0]
        right.label = f"Right: all {len(right.durations)} people"
        wrong.label = f"Wrong: censored dropped ({len(wrong.durations)} left)"
        return [right, wrong]
    fits = fit_groups(frame, state.column, drop_censored=drop_censored, order=state.order)
    if drop_censored:
        for f in fits:
            f.label = f"{f.label} (censored dropped)"
    return fits


def _curve_traces(fit: GroupFit, colour: str, dash: str = "solid") -> list[go.Scatter]:
    sf = fit.fitter.survival_function_
    times = sf.index.to_numpy(dtype=float)
    surv = 100 * sf.iloc[:, 0].to_numpy(dtype=float)
    ci = fit.fitter.confidence_interval_
    lower = 100 * ci.iloc[:, 0].to_numpy(dtype=float)
    upper = 100 * ci.iloc[:, 1].to_numpy(dtype=float)
    times, surv = np.round(times, 3), np.round(surv, 2)
    lower, upper = np.round(lower, 2), np.round(upper, 2)
    ux, uy = _steps(times.tolist(), upper.tolist())
    lx, ly = _steps(times.tolist(), lower.tolist())
    group = fit.label
    med = fit.median
    med_text = f"median {med:.1f} months" if np.isfinite(med) else "median not reached"
    traces = [
        go.Scatter(x=ux + lx[::-1], y=uy + ly[::-1], fill="toself", fillcolor=_hex_to_rgba(colour, 0.16),
                   line={"width": 0}, hoverinfo="skip", legendgroup=group, showlegend=False,
                   name=f"{group}: 95% confidence band", meta="band"),
        go.Scatter(x=times.tolist(), y=surv.tolist(), mode="lines", line={"shape": "hv", "color": colour, "width": 2.5,
                                                        "dash": dash},
                   name=f"{group} ({med_text})", legendgroup=group, meta="curve",
                   customdata=np.stack([lower, upper], axis=-1).tolist(),
                   hovertemplate=(f"<b>{html.escape(group)}</b><br>%{{x:.1f}} months: %{{y:.1f}}% still alive"
                                  f"<br>95% CI %{{customdata[0]:.1f}}-%{{customdata[1]:.1f}}%<extra></extra>")),
    ]
    censored = fit.durations[fit.events == 0].to_numpy(dtype=float)
    traces.append(go.Scatter(
        x=np.round(censored, 3).tolist(),
        y=np.round(100 * fit.fitter.survival_function_at_times(censored).to_numpy(dtype=float), 2).tolist(),
        mode="markers", marker={"symbol": "line-ns-open", "size": 11, "color": colour, "line": {"width": 2}},
        name=f"{group}: censored", legendgroup=group, showlegend=False, meta="censor",
        hovertemplate=f"{html.escape(group)}: follow-up ended alive at %{{x:.1f}} months (censored)<extra></extra>"))
    if np.isfinite(med):
        traces.append(go.Scatter(
            x=[med, med, 0], y=[0, 50, 50], mode="lines+markers", line={"color": colour, "width": 1, "dash": "dot"},
            marker={"size": [0, 10, 0], "symbol": "diamond", "color": colour}, legendgroup=group,
            showlegend=False, name=f"{group}: median", meta="median",
            hovertemplate=f"{html.escape(group)}: median {med:.1f} months<extra></extra>"))
    return traces


def _at_risk_trace(fits: list[GroupFit], colours: list[str], times: list[int]) -> go.Scatter:
    """The number-at-risk table as text: for each group a label line, then its counts under the time ticks."""
    xs, ys, texts, cols, positions = [], [], [], [], []
    for i, (f, c) in enumerate(zip(fits, colours, strict=True)):
        row = len(fits) - i
        xs.append(times[0])
        ys.append(row + 0.42)
        texts.append(html.escape(f.label))
        cols.append(c)
        positions.append("middle right")
        for m in times:
            xs.append(m)
            ys.append(row)
            texts.append(str(f.at_risk(m)))
            cols.append(c)
            positions.append("middle center")
    return go.Scatter(x=xs, y=ys, mode="text", text=texts, textposition=positions,
                      textfont={"color": cols, "size": 12}, cliponaxis=False, showlegend=False, hoverinfo="skip",
                      xaxis="x2", yaxis="y2", name="number at risk", meta="at-risk")


def km_explorer(groupings: list[Grouping] | None = None, *, drop_censored: bool = False,
                active: int = 0) -> CourseFigure:
    """Kaplan-Meier curves (lifelines) for each grouping; a dropdown switches between precomputed groupings."""
    groupings = groupings or GROUPINGS
    fig = make_subplots(rows=2, cols=1, row_heights=[0.66, 0.34], vertical_spacing=0.15, shared_xaxes=False)
    state_traces: list[list[int]] = []
    tick_layout = []
    tables = []
    for s, state in enumerate(groupings):
        fits = _state_fits(state, drop_censored)
        if state.compare_censoring:
            colours = [PALETTE["blue"], PALETTE["vermillion"]]
            dashes = ["solid", "dash"]
        else:
            colours = SEQUENCE[:len(fits)]
            dashes = ["solid"] * len(fits)
        indices = []
        for fit, colour, dash in zip(fits, colours, dashes, strict=True):
            for tr in _curve_traces(fit, colour, dash):
                tr.visible = s == active
                fig.add_trace(tr, row=1, col=1)
                indices.append(len(fig.data) - 1)
        spec = DATASETS[state.dataset]
        risk = _at_risk_trace(fits, colours, spec["at_risk"])
        risk.visible = s == active
        fig.add_trace(risk, row=2, col=1)
        indices.append(len(fig.data) - 1)
        state_traces.append(indices)
        x_range = [-spec["x_max"] * 0.03, spec["x_max"] * 1.02]
        tick_layout.append({"yaxis2.range": [0.6, len(fits) + 0.75],
                            "xaxis.range": x_range, "xaxis2.range": x_range,
                            "xaxis.dtick": spec["at_risk"][1], "xaxis2.dtick": spec["at_risk"][1],
                            "annotations[0].text": _at_risk_note(spec["at_risk"])})
        summary = km_summary(fits)
        summary.insert(0, "Data set", DATASETS[state.dataset]["label"])
        summary.insert(1, "Grouping", state.label)
        tables.append(summary)
    n = len(fig.data)
    buttons = []
    for s, state in enumerate(groupings):
        visible = [False] * n
        for i in state_traces[s]:
            visible[i] = True
        buttons.append({"label": state.label, "method": "update",
                        "args": [{"visible": visible}, {"title.text": state.title, **tick_layout[s]}]})
    first = groupings[active]
    fig.update_layout(**base_layout(
        title={"text": first.title, "font": {"size": 15}, "x": 0.01, "xref": "container", "xanchor": "left",
               "y": 0.975, "yanchor": "top"},
        height=720, margin={"l": 10, "r": 20, "t": 150, "b": 30},
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "font": {"size": 12}},
        updatemenus=[dropdown(buttons, x=0, y=1.13, label="Grouping", active=active)] if len(buttons) > 1 else [],
        hovermode="closest",
    ))
    first_layout = tick_layout[active]
    fig.update_xaxes(range=first_layout["xaxis.range"], dtick=first_layout["xaxis.dtick"],
                     title_text="Months since entering the study", row=1, col=1)
    fig.update_yaxes(range=[0, 102], ticksuffix="%", title_text="Still alive", row=1, col=1)
    fig.update_xaxes(range=first_layout["xaxis.range"], dtick=first_layout["xaxis.dtick"], showgrid=False,
                     zeroline=False, showticklabels=False, row=2, col=1)
    fig.update_yaxes(range=tick_layout[active]["yaxis2.range"], showticklabels=False, showgrid=False,
                     zeroline=False, row=2, col=1)
    fig.add_annotation(text=first_layout["annotations[0].text"], xref="paper",
                       yref="paper", x=0, y=0.30, showarrow=False, xanchor="left", yanchor="bottom",
                       font={"size": 12})
    table = pd.concat(tables, ignore_index=True)
    main = tables[0]
    caption = _km_caption(groupings[0], main)
    sources = []
    for key in dict.fromkeys(g.dataset for g in groupings):
        src = data.resource(key)["sources"][0]
        sources.append(source_links.link(src))
    source = ("; ".join(sources) + ". Curves, 95% confidence bands (lifelines' default method) and "
              "medians computed with lifelines' KaplanMeierFitter.")
    return CourseFigure(
        figure=fig, caption=caption, table=table, source=source, name="km-explorer",
        alt=("Kaplan-Meier survival curves with shaded 95% confidence bands, tick marks for censored people, "
             "medians marked, and a number-at-risk table below; a menu switches the grouping."),
        table_caption="Kaplan-Meier estimates by group (computed with lifelines)",
        notes=["Censored: the person's follow-up ended while they were still alive (a tick on the curve). "
               "Number at risk: people still being followed at that time."],
    )


def _at_risk_note(times: list[int]) -> str:
    return "<b>Number at risk</b> (people still followed)"


def _km_caption(state: Grouping, summary: pd.DataFrame) -> str:
    if state.column == "karnofsky_group" and len(summary) == 2:
        hi, lo = summary.iloc[0], summary.iloc[1]
        return (f"In the VA lung cancer trial, people who entered with a Karnofsky score of 60 or higher had a "
                f"median survival of {hi['Median (months)']:.1f} months, against {lo['Median (months)']:.1f} months "
                f"for scores below 60. Use the menu to group by cell type, treatment, ECOG score or sex, or to "
                f"see what ignoring censored people does to a curve.")
    med = summary.iloc[0]["Median (months)"]
    return f"Median survival in the first group shown: {med} months. Use the menu to change the grouping."


def km_live_panel():
    """Live extra: group either data set by any column and toggle 'drop censored people'; same builder.

    The returned box keeps the figure it shows last in ``box.course_figure`` (and its controls in
    ``box.controls``), so a test can change a control and check that the figure changed.
    """
    import ipywidgets as widgets

    from metastasis.core.live import FigureView, reset_button

    defaults = {"dataset": "va_lung_trial", "column": "karnofsky_score", "drop": False}
    dataset = widgets.Dropdown(options=[(v["label"], k) for k, v in DATASETS.items()], value=defaults["dataset"],
                               description="Data set")
    column = widgets.Dropdown(description="Group by")
    drop = widgets.ToggleButton(value=defaults["drop"], description="Drop censored people",
                                tooltip="Remove everyone whose follow-up ended alive (a mistake, made on purpose)",
                                layout={"width": "auto"})
    view = FigureView()
    box = widgets.VBox()
    updating = {"busy": False}


    def redraw(*_):
        if updating["busy"] or column.value is None:
            return
        title = dict((value, label) for label, value in column.options)[column.value]
        state = Grouping(dataset.value, column.value, title,
                         f"{DATASETS[dataset.value]['label']}:<br>grouped by {title.lower()}"
                         + (" (censored dropped: biased)" if drop.value else ""))
        figure = km_explorer([state], drop_censored=drop.value)
        box.course_figure = figure
        view.show(figure)

    def on_dataset(_change):
        updating["busy"] = True
        options = grouping_options(dataset.value)
        column.options = options
        values = [value for _, value in options]
        column.value = defaults["column"] if defaults["column"] in values else values[0]
        updating["busy"] = False
        redraw()

    dataset.observe(on_dataset, names="value")
    column.observe(redraw, names="value")
    drop.observe(redraw, names="value")
    updating["busy"] = True
    column.options = grouping_options(dataset.value)
    column.value = defaults["column"]
    updating["busy"] = False
    reset = reset_button({"dataset": dataset, "column": column, "drop": drop}, defaults)
    box.children = [widgets.HBox([dataset, column, drop, reset]), view.widget]
    box.controls = {"dataset": dataset, "column": column, "drop": drop, "reset": reset}
    redraw()
    return box
