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

from metastasis.core import data
from metastasis.core.figures import PALETTE, SEQUENCE, CourseFigure, base_layout, dropdown

DAYS_PER_MONTH = 365.25 / 12
STAGES = ["Localized", "Regional", "Distant", "All stages"]
STAGE_COLOURS = {"Localized": PALETTE["green"], "Regional": PALETTE["orange"], "Distant": PALETTE["blue"],
                 "All stages": PALETTE["black"]}
STAGE_SYMBOLS = {"Localized": "circle", "Regional": "diamond", "Distant": "square", "All stages": "x-thin-open"}


def _hex_to_rgba(colour: str, alpha: float) -> str:
    colour = colour.lstrip("#")
    r, g, b = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def _href(path: str) -> str:
    """A source's URL: DOIs written as 'doi:10...' become doi.org links."""
    return f"https://doi.org/{path[4:]}" if path.startswith("doi:") else path


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
    fig.update_xaxes(range=[0, 104], ticksuffix="%", dtick=25, title_text="Five-year relative survival")

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
             "at the distant stage."),
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
        values = values.astype(float)
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
        sources.append(f'<a href="{_href(src["path"])}">{html.escape(src["title"])}</a>')
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
    from IPython.display import display

    from metastasis.core.live import reset_button

    defaults = {"dataset": "va_lung_trial", "column": "karnofsky_score", "drop": False}
    dataset = widgets.Dropdown(options=[(v["label"], k) for k, v in DATASETS.items()], value=defaults["dataset"],
                               description="Data set")
    column = widgets.Dropdown(description="Group by")
    drop = widgets.ToggleButton(value=defaults["drop"], description="Drop censored people",
                                tooltip="Remove everyone whose follow-up ended alive (a mistake, made on purpose)")
    out = widgets.Output()
    box = widgets.VBox()
    updating = {"busy": False}

    def columns_for(name):
        return [c for c in data.load(name).columns if c not in NOT_GROUPINGS]

    def redraw(*_):
        if updating["busy"] or column.value is None:
            return
        state = Grouping(dataset.value, column.value, column.value,
                         f"{DATASETS[dataset.value]['label']}:<br>grouped by {column.value}"
                         + (" (censored dropped: biased)" if drop.value else ""))
        figure = km_explorer([state], drop_censored=drop.value)
        box.course_figure = figure
        out.clear_output(wait=True)
        with out:
            display(figure)

    def on_dataset(_change):
        updating["busy"] = True
        options = columns_for(dataset.value)
        column.options = options
        column.value = defaults["column"] if defaults["column"] in options else options[0]
        updating["busy"] = False
        redraw()

    dataset.observe(on_dataset, names="value")
    column.observe(redraw, names="value")
    drop.observe(redraw, names="value")
    updating["busy"] = True
    column.options = columns_for(dataset.value)
    column.value = defaults["column"]
    updating["busy"] = False
    reset = reset_button({"dataset": dataset, "column": column, "drop": drop}, defaults)
    box.children = [widgets.HBox([dataset, column, drop, reset]), out]
    box.controls = {"dataset": dataset, "column": column, "drop": drop, "reset": reset}
    redraw()
    return box


# --------------------------------------------------------------------------------------------------------------
# Figure 3: the median isn't the message
# --------------------------------------------------------------------------------------------------------------

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
    source = (f'<a href="{_href(src["path"])}">{html.escape(src["title"])}</a>. Median and '
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


# --------------------------------------------------------------------------------------------------------------
# Figure 4: the tail, at a landmark (trials)
# --------------------------------------------------------------------------------------------------------------

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
    source = "; ".join(f'<a href="{_href(s["path"])}">{html.escape(s["title"])}</a> '
                       f"({s['verification']})" for s in res["sources"])
    return CourseFigure(
        figure=fig, caption=caption, table=table, source=source, name="trial-landmarks",
        alt="Bar charts of the percentage of people alive five years after entering two trials, by trial arm.",
        table_caption="Five-year landmark percentages by trial arm",
        notes=[html.escape(c) for c in res.get("caveats", [])],
    )


def prose_numbers() -> dict[str, float | int]:
    """Every number the chapter's prose quotes, computed from the data, by name: the notebook glues them and the
    text inserts them (``{glue:text}`name:.1f```), so the prose cannot drift from the data."""
    from lifelines import KaplanMeierFitter

    medians = km_explorer().table.set_index(["Grouping", "Group"])["Median (months)"]
    censor = medians.loc["NCCTG: drop censored?"].tolist()
    va, ncctg = data.load("va_lung_trial"), data.load("ncctg_lung")
    high, low = va[va["karnofsky_score"] >= 60], va[va["karnofsky_score"] < 60]
    high_median_days = KaplanMeierFitter().fit(high["time_days"], high["died"]).median_survival_time_
    months = va["time_days"] / DAYS_PER_MONTH
    everyone = float(KaplanMeierFitter().fit(months, va["died"]).median_survival_time_)
    return {
        "va_karnofsky_high_median": float(medians.loc[("VA: Karnofsky score", "Karnofsky 60 or higher")]),
        "va_karnofsky_low_median": float(medians.loc[("VA: Karnofsky score", "Karnofsky below 60")]),
        "ncctg_ecog0_median": float(medians.loc[("NCCTG: ECOG score", "ECOG 0 (fully active)")]),
        "ncctg_ecog1_median": float(medians.loc[("NCCTG: ECOG score", "ECOG 1")]),
        "ncctg_ecog23_median": float(medians.loc[("NCCTG: ECOG score", "ECOG 2-3")]),
        "prostate_stage4_median": float(medians.loc[("Prostate: stage", "Stage 4 (distant spread)")]),
        "prostate_stage3_median": float(medians.loc[("Prostate: stage", "Stage 3 (no distant spread)")]),
        "prostate_bone_median": float(medians.loc[("Prostate: bone metastases", "Bone metastases")]),
        "prostate_no_bone_median": float(medians.loc[("Prostate: bone metastases", "No bone metastases")]),
        "ncctg_censored_kept_median": float(censor[0]),
        "ncctg_censored_dropped_median": float(censor[1]),
        "va_test_arm_median": float(medians.loc[("VA: treatment arm", "Test treatment")]),
        "va_standard_arm_median": float(medians.loc[("VA: treatment arm", "Standard treatment")]),
        "va_low_beyond_high_median": int((low["time_days"] > high_median_days).sum()),
        "va_low_count": len(low),
        "prostate_median_age": float(data.load("prostate_trial")["age_years"].median()),
        "va_median_months": everyone,
        "va_count": len(va),
        "va_beyond_twice_median": int((months > 2 * everyone).sum()),
        "va_longest_followup_months": float(months.max()),
        "va_followup_multiple": int(months.max() // everyone),
        "va_died": int(va["died"].sum()),
        "ncctg_count": len(ncctg),
        "ncctg_censored": int((ncctg["died"] == 0).sum()),
    }
