"""Figures for chapter 4, "Survival and prognosis".

- :func:`stage_survival`: SEER five-year relative survival by summary stage for every site (dot plot), with the
  share diagnosed at the distant stage beside it; buttons for the stage and the sort order.
- :func:`km_explorer`: Kaplan-Meier curves from real patient-level trial data, computed with lifelines (never
  by hand), with 95% confidence bands, medians, censor ticks and a number-at-risk table; a dropdown switches
  the grouping. :func:`km_live_panel` lets a reader group by any column and drop censored people (to see the
  bias that creates) in a live kernel; it calls the same builder.
- :func:`median_message`: the spread of survival times behind one median ("the median isn't the message"),
  with a time slider.
- :func:`trial_landmarks`: five-year landmark percentages from CheckMate 067 and SABR-COMET.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from lifelines import KaplanMeierFitter
from plotly.subplots import make_subplots

from . import data
from .figures import PALETTE, SEQUENCE, CourseFigure, base_layout, dropdown

DAYS_PER_MONTH = 365.25 / 12
STAGES = ["Localized", "Regional", "Distant", "All stages"]
STAGE_COLOURS = {"Localized": PALETTE["green"], "Regional": PALETTE["orange"], "Distant": PALETTE["blue"],
                 "All stages": PALETTE["black"]}
STAGE_SYMBOLS = {"Localized": "circle", "Regional": "diamond", "Distant": "square", "All stages": "x-thin-open"}


def _hex_to_rgba(colour: str, alpha: float) -> str:
    colour = colour.lstrip("#")
    r, g, b = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def _natural(pct: float) -> str:
    """A percentage as a natural frequency: 'about 34 in 100'."""
    return f"about {round(pct):d} in 100"


# --------------------------------------------------------------------------------------------------------------
# Figure 1: survival by stage and cancer (SEER)
# --------------------------------------------------------------------------------------------------------------

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

    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, column_widths=[0.74, 0.26], horizontal_spacing=0.03,
                        subplot_titles=("Five-year relative survival", "Diagnosed at distant stage"))
    for stage in STAGES:
        rows = staged[staged["stage"] == stage].set_index("site_label").reindex(order_distant).dropna(
            subset=["relative_survival_5yr_pct"])
        custom = np.stack([
            rows["data_years"].astype(str), rows["verification"].astype(str), rows["site"].astype(str),
            rows["source_url"].astype(str), [_natural(v) for v in rows["relative_survival_5yr_pct"]],
        ], axis=-1)
        fig.add_trace(go.Scatter(
            x=rows["relative_survival_5yr_pct"], y=rows.index, mode="markers", name=stage,
            marker={"color": STAGE_COLOURS[stage], "symbol": STAGE_SYMBOLS[stage], "size": 11,
                    "line": {"width": 1.5, "color": STAGE_COLOURS[stage]}},
            customdata=custom,
            hovertemplate=("<b>%{customdata[2]}</b>, " + stage.lower() + " stage<br>"
                           "Five-year relative survival: %{x:g}% (%{customdata[4]})<br>"
                           "People diagnosed %{customdata[0]}, SEER 21 (excluding Illinois)<br>"
                           "Verification: %{customdata[1]}<br>Source: SEER Cancer Stat Facts<extra></extra>"),
        ), row=1, col=1)
    share = distant_share.reindex(order_distant).dropna()
    fig.add_trace(go.Bar(
        x=share.values, y=share.index, orientation="h", name="% diagnosed at distant stage",
        marker_color=PALETTE["sky"], showlegend=False, text=[f"{v:g}%" for v in share.values],
        textposition="outside", cliponaxis=False,
        hovertemplate="%{y}: %{x:g}% of cases diagnosed at the distant stage (2016-2022)<extra></extra>",
    ), row=1, col=2)

    n_stage = len(STAGES)
    stage_buttons = [{"label": "All stages shown", "method": "restyle",
                      "args": [{"visible": [True] * n_stage + [True]}]}]
    for i, stage in enumerate(STAGES):
        stage_buttons.append({"label": stage if stage != "All stages" else "All stages combined",
                              "method": "restyle",
                              "args": [{"visible": [j == i for j in range(n_stage)] + [True]}]})
    sort_buttons = [
        {"label": "Sort: distant-stage survival", "method": "relayout",
         "args": [{"yaxis.categoryarray": order_distant[::-1]}]},
        {"label": "Sort: all stages combined", "method": "relayout",
         "args": [{"yaxis.categoryarray": order_all[::-1]}]},
        {"label": "Sort: A to Z", "method": "relayout", "args": [{"yaxis.categoryarray": order_alpha[::-1]}]},
    ]
    fig.update_layout(**base_layout(
        title={"text": "Five-year relative survival by stage at diagnosis (SEER, people diagnosed 2016-2022)",
               "font": {"size": 15}, "x": 0.01, "xref": "container", "xanchor": "left", "y": 0.99,
               "yanchor": "top"},
        height=max(560, 26 * len(wide) + 220),
        margin={"l": 10, "r": 40, "t": 150, "b": 60},
        legend={"orientation": "h", "x": 0, "y": -0.1, "yanchor": "top", "title": {"text": "Stage: "}},
        updatemenus=[dropdown(stage_buttons, x=0, y=1.085, label="Stage shown"),
                     dropdown(sort_buttons, x=0.42, y=1.085, label="Sort order")],
    ))
    fig.update_yaxes(categoryorder="array", categoryarray=order_distant[::-1], automargin=True, row=1, col=1)
    fig.update_xaxes(range=[0, 103], ticksuffix="%", title_text="Percent, relative to similar people without "
                     "the cancer", row=1, col=1)
    fig.update_xaxes(range=[0, 70], ticksuffix="%", title_text="Percent of cases", row=1, col=2)

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
    verif = seer.groupby("verification")["site_label"].nunique().to_dict()
    notes = [html.escape(c) for c in res.get("caveats", [])]
    notes.append(html.escape(f"Verification: lung and prostate rows were read on captures of the SEER pages "
                             f"(verified); other sites on a reliable copy of the same pages (secondary). "
                             f"Sites by level: {verif}."))
    source = ('<a href="https://seer.cancer.gov/statfacts/">SEER Cancer Stat Facts</a>, National Cancer '
              'Institute: SEER 21 (excluding Illinois), people diagnosed 2016-2022 (pages updated April 2026). '
              'Testicular cancer has no stage table on its SEER page, so only its all-stages value is shown.')
    return CourseFigure(
        figure=fig, caption=caption, table=table, source=source, name="stage-survival",
        alt=("Dot plot of five-year relative survival for about twenty cancers at each stage, sorted by survival "
             "at the distant stage, with a bar chart of the share diagnosed at the distant stage."),
        table_caption="Five-year relative survival (%) by SEER summary stage, people diagnosed 2016-2022",
        notes=notes,
    )


# --------------------------------------------------------------------------------------------------------------
# Patient-level data and Kaplan-Meier fits
# --------------------------------------------------------------------------------------------------------------

DATASETS = {
    "va_lung_trial": {"label": "VA lung cancer trial", "time": "time_days", "unit": "days", "x_max": 34,
                      "at_risk": [0, 6, 12, 18, 24, 30]},
    "ncctg_lung": {"label": "NCCTG advanced lung cancer study", "time": "time_days", "unit": "days", "x_max": 34,
                   "at_risk": [0, 6, 12, 18, 24, 30]},
    "prostate_trial": {"label": "Byar and Green prostate cancer trial", "time": "time_months", "unit": "months",
                       "x_max": 77, "at_risk": [0, 12, 24, 36, 48, 60, 72]},
}
# Columns a reader may group by in the live panel (time, event and provenance columns are not groupings).
NOT_GROUPINGS = {"patient_id", "time_days", "time_months", "died", "source_id", "verification"}
CELL_TYPES = {"squamous": "Squamous cell", "smallcell": "Small cell", "adeno": "Adenocarcinoma",
              "large": "Large cell"}


def patient_data(dataset: str) -> pd.DataFrame:
    """A patient-level dataset with the derived groupings used in the figures and time in months."""
    frame = data.load(dataset).copy()
    spec = DATASETS[dataset]
    time = frame[spec["time"]].astype(float)
    frame["months"] = time / DAYS_PER_MONTH if spec["unit"] == "days" else time
    frame["everyone"] = f"Everyone ({len(frame)} people)"
    if dataset == "va_lung_trial":
        frame["karnofsky_group"] = np.where(frame["karnofsky_score"] >= 60, "Karnofsky 60 or higher",
                                            "Karnofsky below 60")
        frame["cell_type_label"] = frame["cell_type"].map(CELL_TYPES)
        frame["treatment_label"] = frame["treatment"].map({"standard": "Standard treatment",
                                                           "test": "Test treatment"})
    if dataset == "ncctg_lung":
        ecog = frame["ecog_physician"].astype("float").fillna(-1).to_numpy()
        labels = np.select([ecog == 0, ecog == 1, ecog >= 2], ["ECOG 0 (fully active)", "ECOG 1", "ECOG 2-3"],
                           default="")
        frame["ecog_group"] = pd.Series(labels, index=frame.index, dtype=object).replace("", None)
        frame["sex_label"] = frame["sex"].map({"male": "Men", "female": "Women"})
    if dataset == "prostate_trial":
        frame["bone_label"] = frame["bone_metastases"].map({0: "No bone metastases", 1: "Bone metastases"})
        frame["stage_label"] = frame["stage"].map({3: "Stage 3 (no distant spread)", 4: "Stage 4 (distant spread)"})
    return frame


def group_labels(frame: pd.DataFrame, column: str) -> pd.Series:
    """Labels that split ``frame`` into groups: categories as they are; many-valued numbers at their median."""
    values = frame[column]
    if pd.api.types.is_numeric_dtype(values) and values.dropna().nunique() > 6:
        cut = float(values.median())
        label = f"{column} below {cut:g}", f"{column} {cut:g} or more"
        return pd.Series(np.where(values.isna(), None, np.where(values < cut, label[0], label[1])),
                         index=frame.index)
    return values.map(lambda v: None if pd.isna(v) else (v if isinstance(v, str) else f"{column} = {v:g}"))


@dataclass
class GroupFit:
    """One group's Kaplan-Meier fit (lifelines) and the numbers shown for it."""

    label: str
    fitter: KaplanMeierFitter
    durations: pd.Series
    events: pd.Series

    @property
    def median(self) -> float:
        return float(self.fitter.median_survival_time_)

    def at_risk(self, t: float) -> int:
        """People still followed (neither dead nor censored) just before time ``t``."""
        return int((self.durations >= t).sum())


def fit_groups(frame: pd.DataFrame, column: str = "everyone", *, drop_censored: bool = False,
               order: list[str] | None = None) -> list[GroupFit]:
    """Kaplan-Meier fits (lifelines) per group of ``column``, time in months. Rows without a label are left out.

    ``drop_censored=True`` removes everyone whose follow-up ended without death before fitting: the mistake
    the chapter warns about (it makes survival look worse than it is).
    """
    labels = frame[column] if column in frame and frame[column].dtype == object else group_labels(frame, column)
    work = frame.assign(_group=labels).dropna(subset=["_group"])
    if drop_censored:
        work = work[work["died"] == 1]
    groups = order or sorted(work["_group"].unique(), key=str)
    fits = []
    for label in groups:
        sub = work[work["_group"] == label]
        if sub.empty:
            continue
        kmf = KaplanMeierFitter(label=str(label)).fit(sub["months"], event_observed=sub["died"].astype(bool))
        fits.append(GroupFit(str(label), kmf, sub["months"].reset_index(drop=True),
                             sub["died"].astype(int).reset_index(drop=True)))
    return fits


def km_summary(fits: list[GroupFit], at_months=(6, 12)) -> pd.DataFrame:
    """The numbers behind the curves: people, deaths, censored, median (95% CI) and survival at set times."""
    from lifelines.utils import median_survival_times

    rows = []
    for f in fits:
        ci = median_survival_times(f.fitter.confidence_interval_)
        lo, hi = (float(v) for v in ci.iloc[0])
        row = {"Group": f.label, "People": len(f.durations), "Deaths": int(f.events.sum()),
               "Censored": int((f.events == 0).sum()),
               "Median (months)": _round(f.median), "Median 95% CI, lower": _round(lo),
               "Median 95% CI, upper": _round(hi)}
        for m in at_months:
            row[f"Alive at {m} months (%)"] = round(100 * float(f.fitter.survival_function_at_times(m).iloc[0]), 1)
        rows.append(row)
    return pd.DataFrame(rows)


def _round(value: float) -> float | None:
    return None if not np.isfinite(value) else round(value, 1)


def _steps(times: np.ndarray, values: np.ndarray) -> tuple[list, list]:
    """The corners of a right-continuous step function, for drawing a band as one closed polygon."""
    xs, ys = [], []
    for i, (t, v) in enumerate(zip(times, values, strict=True)):
        if i:
            xs.append(t)
            ys.append(ys[-1])
        xs.append(t)
        ys.append(v)
    return xs, ys


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
    Grouping("va_lung_trial", "karnofsky_group", "VA trial: by Karnofsky score",
             "VA lung cancer trial: survival by Karnofsky performance score",
             ["Karnofsky 60 or higher", "Karnofsky below 60"]),
    Grouping("va_lung_trial", "everyone", "VA trial: everyone", "VA lung cancer trial: everyone (137 people)"),
    Grouping("va_lung_trial", "cell_type_label", "VA trial: by cell type",
             "VA lung cancer trial: survival by cell type",
             ["Squamous cell", "Large cell", "Adenocarcinoma", "Small cell"]),
    Grouping("va_lung_trial", "treatment_label", "VA trial: by treatment arm",
             "VA lung cancer trial: standard vs test treatment (assigned at random)",
             ["Standard treatment", "Test treatment"]),
    Grouping("prostate_trial", "bone_label", "Prostate trial: bone metastases",
             "Prostate cancer trial: overall survival with and without bone metastases",
             ["No bone metastases", "Bone metastases"]),
    Grouping("prostate_trial", "stage_label", "Prostate trial: by stage",
             "Prostate cancer trial: overall survival by stage",
             ["Stage 3 (no distant spread)", "Stage 4 (distant spread)"]),
    Grouping("ncctg_lung", "ecog_group", "NCCTG: by ECOG score",
             "NCCTG advanced lung cancer: survival by ECOG performance score",
             ["ECOG 0 (fully active)", "ECOG 1", "ECOG 2-3"]),
    Grouping("ncctg_lung", "sex_label", "NCCTG: by sex", "NCCTG advanced lung cancer: survival by sex",
             ["Women", "Men"]),
    Grouping("ncctg_lung", "everyone", "NCCTG: what if we drop censored people?",
             "NCCTG: the right curve vs the wrong one that drops the 63 censored people", compare_censoring=True),
]


def _state_fits(state: Grouping, drop_censored: bool) -> list[GroupFit]:
    frame = patient_data(state.dataset)
    if state.compare_censoring:
        right = fit_groups(frame, "everyone")[0]
        wrong = fit_groups(frame, "everyone", drop_censored=True)[0]
        right.label = "All 228 people (censoring handled)"
        wrong.label = f"Censored people dropped ({len(wrong.durations)} left)"
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
    xs, ys, texts, cols = [], [], [], []
    for i, (f, c) in enumerate(zip(fits, colours, strict=True)):
        for m in times:
            xs.append(m)
            ys.append(len(fits) - i)
            texts.append(str(f.at_risk(m)))
            cols.append(c)
    return go.Scatter(x=xs, y=ys, mode="text", text=texts, textfont={"color": cols, "size": 13},
                      cliponaxis=False, showlegend=False, hoverinfo="skip", xaxis="x2", yaxis="y2", name="number at risk",
                      meta="at-risk")


def km_explorer(groupings: list[Grouping] | None = None, *, drop_censored: bool = False,
                active: int = 0) -> CourseFigure:
    """Kaplan-Meier curves (lifelines) for each grouping; a dropdown switches between precomputed groupings."""
    groupings = groupings or GROUPINGS
    fig = make_subplots(rows=2, cols=1, row_heights=[0.74, 0.26], vertical_spacing=0.16, shared_xaxes=False)
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
        x_range = [-spec["x_max"] * 0.045, spec["x_max"]]
        tick_layout.append({"yaxis2.tickvals": list(range(len(fits), 0, -1)),
                            "yaxis2.ticktext": [f.label for f in fits],
                            "yaxis2.range": [0.4, len(fits) + 0.6],
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
               "y": 0.985, "yanchor": "top"},
        height=640, margin={"l": 10, "r": 20, "t": 130, "b": 50},
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "font": {"size": 12}},
        updatemenus=[dropdown(buttons, x=0, y=1.16, label="Grouping", active=active)] if len(buttons) > 1 else [],
        hovermode="closest",
    ))
    first_layout = tick_layout[active]
    fig.update_xaxes(range=first_layout["xaxis.range"], dtick=first_layout["xaxis.dtick"],
                     title_text="Months since entering the study", row=1, col=1)
    fig.update_yaxes(range=[0, 102], ticksuffix="%", title_text="Still alive", row=1, col=1)
    fig.update_xaxes(range=first_layout["xaxis.range"], dtick=first_layout["xaxis.dtick"], showgrid=False,
                     zeroline=False, showticklabels=False, row=2, col=1)
    fig.update_yaxes(tickvals=tick_layout[active]["yaxis2.tickvals"],
                     ticktext=tick_layout[active]["yaxis2.ticktext"], range=tick_layout[active]["yaxis2.range"],
                     showgrid=False, zeroline=False, automargin=True, row=2, col=1)
    fig.add_annotation(text=first_layout["annotations[0].text"], xref="paper",
                       yref="paper", x=0, y=0.225, showarrow=False, xanchor="left", yanchor="bottom",
                       font={"size": 12})
    table = pd.concat(tables, ignore_index=True)
    main = tables[0]
    caption = _km_caption(groupings[0], main)
    sources = []
    for key in dict.fromkeys(g.dataset for g in groupings):
        src = data.resource(key)["sources"][0]
        sources.append(f'<a href="https://doi.org/{src["path"][4:]}">{html.escape(src["title"])}</a>')
    source = ("; ".join(sources) + ". Curves, 95% confidence bands (lifelines' default, Greenwood's formula) and "
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
    return f"Number at risk (people still followed) at {', '.join(str(t) for t in times)} months"


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
    """Live extra: group either dataset by any column and toggle 'drop censored people'; same builder."""
    import ipywidgets as widgets
    from IPython.display import display

    from .live import reset_button

    defaults = {"dataset": "va_lung_trial", "column": "karnofsky_score", "drop": False}
    dataset = widgets.Dropdown(options=[(v["label"], k) for k, v in DATASETS.items()], value=defaults["dataset"],
                               description="Data set")
    column = widgets.Dropdown(description="Group by")
    drop = widgets.ToggleButton(value=defaults["drop"], description="Drop censored people",
                                tooltip="Remove everyone whose follow-up ended alive (this is a mistake on purpose)")
    out = widgets.Output()

    def columns_for(name):
        frame = data.load(name)
        return [c for c in frame.columns if c not in NOT_GROUPINGS]

    def redraw(*_):
        if column.value is None:
            return
        state = Grouping(dataset.value, column.value, column.value,
                         f"{DATASETS[dataset.value]['label']}: grouped by {column.value}"
                         + (" (censored people dropped: biased)" if drop.value else ""))
        with out:
            out.clear_output(wait=True)
            display(km_explorer([state], drop_censored=drop.value))

    def on_dataset(change):
        options = columns_for(dataset.value)
        column.options = options
        column.value = defaults["column"] if defaults["column"] in options else options[0]
        redraw()

    dataset.observe(on_dataset, names="value")
    column.observe(redraw, names="value")
    drop.observe(redraw, names="value")
    column.options = columns_for(dataset.value)
    column.value = defaults["column"]
    reset = reset_button({"dataset": dataset, "column": column, "drop": drop}, defaults)
    redraw()
    return widgets.VBox([widgets.HBox([dataset, column, drop, reset]), out])


# --------------------------------------------------------------------------------------------------------------
# Figure 3: the median isn't the message
# --------------------------------------------------------------------------------------------------------------

def median_message(dataset: str = "va_lung_trial") -> CourseFigure:
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
    mids = edges[:-1] + 0.5
    beyond_twice = int((months > 2 * median).sum())
    longest = float(months.max())

    fig = go.Figure()
    fig.add_trace(go.Bar(x=mids, y=dead_counts, width=0.95, name="Died in this month",
                         marker_color=PALETTE["blue"],
                         hovertemplate="Month %{x:.0f}: %{y} people died<extra></extra>"))
    fig.add_trace(go.Bar(x=mids, y=cens_counts, width=0.95, name="Follow-up ended alive (censored)",
                         marker_color=PALETTE["orange"],
                         hovertemplate="Month %{x:.0f}: follow-up ended for %{y} people still alive<extra></extra>"))
    ymax = int(max(dead_counts + cens_counts)) + 6
    shapes = [
        {"type": "line", "x0": median, "x1": median, "y0": 0, "y1": ymax, "line": {"color": PALETTE["black"],
                                                                               "width": 2}},
        {"type": "line", "x0": 2 * median, "x1": 2 * median, "y0": 0, "y1": ymax,
         "line": {"color": PALETTE["black"], "width": 1.5, "dash": "dash"}},
        {"type": "line", "x0": 12, "x1": 12, "y0": 0, "y1": ymax, "line": {"color": PALETTE["vermillion"],
                                                                       "width": 2.5}},
    ]
    annotations = [
        {"x": median, "y": ymax, "text": f"median {median:.1f} months", "showarrow": False, "xanchor": "left",
         "yanchor": "top", "font": {"size": 12}},
        {"x": 2 * median, "y": ymax * 0.9, "text": f"twice the median: {beyond_twice} of {n} people lived longer",
         "showarrow": False, "xanchor": "left", "yanchor": "top", "font": {"size": 12}},
        {"x": 1, "y": 1.0, "xref": "paper", "yref": "paper", "xanchor": "right", "yanchor": "bottom",
         "text": _slider_text(fit, frame, 12), "showarrow": False, "align": "right",
         "font": {"size": 13, "color": PALETTE["vermillion"]}},
    ]
    steps = []
    for t in range(0, top + 1):
        steps.append({"label": str(t), "method": "relayout",
                      "args": [{"shapes[2].x0": t, "shapes[2].x1": t, "annotations[2].text": _slider_text(fit, frame, t)}]})
    fig.update_layout(**base_layout(
        title={"text": f"One median, many different lives: {n} people in the {DATASETS[dataset]['label']}",
               "font": {"size": 15}, "x": 0.01, "xref": "container", "xanchor": "left"},
        barmode="stack", height=520, margin={"l": 60, "r": 20, "t": 110, "b": 140},
        xaxis={"title": {"text": "Months from entering the trial to death or end of follow-up"},
               "range": [0, top + 1], "dtick": 3},
        yaxis={"title": {"text": "Number of people"}, "range": [0, ymax]},
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
        shapes=shapes, annotations=annotations,
        sliders=[{"active": 12, "steps": steps, "x": 0.0, "len": 1.0, "y": -0.18, "yanchor": "top",
                  "currentvalue": {"prefix": "Time line at month ", "font": {"size": 13}},
                  "pad": {"t": 30}, "name": "Time"}],
    ))
    table = pd.DataFrame({
        "Month": np.arange(0, top + 1),
        "Still alive, Kaplan-Meier estimate (%)": [round(100 * float(fit.fitter.survival_function_at_times(t).iloc[0]), 1)
                                                   for t in range(0, top + 1)],
        "Seen alive beyond this month (people)": [int((months > t).sum()) for t in range(0, top + 1)],
    })
    caption = (f"Half of the {n} people in the {DATASETS[dataset]['label']} had died by {median:.1f} months (the "
               f"median), but the times are right-skewed: {beyond_twice} of {n} lived beyond twice the median and "
               f"the longest follow-up was {longest:.0f} months, more than {int(longest // median)} times the "
               f"median.")
    src = data.resource(dataset)["sources"][0]
    source = (f'<a href="https://doi.org/{src["path"][4:]}">{html.escape(src["title"])}</a>. Median and '
              "percentages still alive: Kaplan-Meier estimates computed with lifelines.")
    return CourseFigure(
        figure=fig, caption=caption, table=table, source=source, name="median-message",
        alt=("Histogram of survival times, most in the first few months with a long tail to the right, with the "
             "median, twice the median and a movable time line marked."),
        table_caption="Share still alive and people seen alive beyond each month",
    )


def _slider_text(fit: GroupFit, frame: pd.DataFrame, t: float) -> str:
    pct = 100 * float(fit.fitter.survival_function_at_times(t).iloc[0])
    seen = int((frame["months"] > t).sum())
    return (f"At {t:g} months: {pct:.0f}% still alive (Kaplan-Meier)<br>"
            f"{seen} of {len(frame)} people were seen alive beyond this time")


# --------------------------------------------------------------------------------------------------------------
# Figure 4: the tail, at a landmark (trials)
# --------------------------------------------------------------------------------------------------------------

TRIAL_VIEWS = [
    ("CheckMate 067", "overall survival", "CheckMate 067 (advanced melanoma): alive at 5 years"),
    ("CheckMate 067", "progression-free survival",
     "CheckMate 067: alive without the cancer growing at 5 years"),
    ("SABR-COMET", "overall survival", "SABR-COMET (1 to 5 metastases): alive at 5 years"),
]
TRIAL_DESIGN = {
    "CheckMate 067": "phase 3 randomized trial, 945 people with previously untreated advanced melanoma",
    "SABR-COMET": "randomized phase II trial, 99 people with a controlled primary cancer and 1 to 5 metastases",
}


def trial_landmarks() -> CourseFigure:
    """Five-year landmark percentages by arm for CheckMate 067 (OS and PFS) and SABR-COMET (OS)."""
    trials = data.load("trial_landmarks")
    fig = go.Figure()
    counts = []
    for v, (trial, endpoint, _title) in enumerate(TRIAL_VIEWS):
        rows = trials[(trials["trial"] == trial) & (trials["endpoint"] == endpoint)].iloc[::-1]
        has_ci = rows["ci_low_pct"].notna().all()
        labels = [f"{a} ({int(p)} people)" for a, p in zip(rows["arm_label"], rows["people_randomized"],
                                                            strict=True)]
        custom = np.stack([rows["verification"], rows["source_id"], [_natural(x) for x in rows["survival_pct"]],
                           [TRIAL_DESIGN[trial]] * len(rows)], axis=-1)
        fig.add_trace(go.Bar(
            x=rows["survival_pct"], y=labels, orientation="h", visible=v == 0,
            marker_color=[PALETTE["blue"] if i == len(rows) - 1 else PALETTE["sky"] for i in range(len(rows))],
            text=[f"{x:g}%" for x in rows["survival_pct"]], textposition="outside", cliponaxis=False,
            error_x=({"type": "data", "symmetric": False, "array": rows["ci_high_pct"] - rows["survival_pct"],
                      "arrayminus": rows["survival_pct"] - rows["ci_low_pct"], "color": "#444"} if has_ci else None),
            customdata=custom, name=f"{trial}: {endpoint}",
            hovertemplate=("%{y}<br>" + endpoint.capitalize() + " at 5 years: %{x:g}% (%{customdata[2]})<br>"
                           "%{customdata[3]}<br>Verification: %{customdata[0]}<extra></extra>"),
        ))
        counts.append(len(rows))
    buttons = []
    for v, (_trial, _endpoint, title) in enumerate(TRIAL_VIEWS):
        buttons.append({"label": title.split(":")[0] if v != 1 else "CheckMate 067: progression-free",
                        "method": "update",
                        "args": [{"visible": [i == v for i in range(len(TRIAL_VIEWS))]}, {"title.text": title}]})
    buttons[0]["label"] = "CheckMate 067: overall survival"
    buttons[2]["label"] = "SABR-COMET: overall survival"
    fig.update_layout(**base_layout(
        title={"text": TRIAL_VIEWS[0][2], "font": {"size": 15}, "x": 0.01, "xref": "container", "xanchor": "left"},
        height=400, margin={"l": 10, "r": 40, "t": 120, "b": 60}, showlegend=False,
        xaxis={"range": [0, 100], "ticksuffix": "%", "title": {"text": "Percent of the people in each arm"}},
        yaxis={"automargin": True},
        updatemenus=[dropdown(buttons, x=0, y=1.12, label="Trial and endpoint")],
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
    source = "; ".join(f'<a href="https://doi.org/{s["path"][4:]}">{html.escape(s["title"])}</a> '
                       f"({s['verification']})" for s in res["sources"])
    return CourseFigure(
        figure=fig, caption=caption, table=table, source=source, name="trial-landmarks",
        alt="Bar charts of the percentage of people alive five years after entering two trials, by trial arm.",
        table_caption="Five-year landmark percentages by trial arm",
        notes=[html.escape(c) for c in res.get("caveats", [])],
    )
