"""Figures for chapter 5, "Treatment".

Five builders, each returning a :class:`~metastasis.core.figures.CourseFigure` whose states are all precomputed:

* :func:`therapy_explorer` - biomarker-matched and cell therapies on a timeline, filtered by cancer or class;
* :func:`resistance_model` - a teaching model of sensitive and resistant cells under treatment (log scale);
* :func:`melanoma_milestones` - survival with metastatic melanoma before and after checkpoint inhibitors;
* :func:`side_effects_matrix` - side effects by class of treatment, one source per cell;
* :func:`sabr_comet` - benefits and harms in the SABR-COMET trial.

:func:`resistance_live` builds the live (ipywidgets) version of the resistance model; it calls the same
builder as the static figure.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from metastasis.core import data
from metastasis.core.figures import PALETTE, CourseFigure, base_layout, dropdown

STEM = "treatment"


def _load(name: str) -> pd.DataFrame:
    return data.load(name)


def _resource(name: str) -> dict:
    return data.resource(name)


def _sources_by_id(name: str) -> dict[str, dict]:
    return {s["id"]: s for s in _resource(name)["sources"]}


def _source_html(name: str, ids: list[str] | None = None) -> str:
    """Source titles as links (with data years), for the ids used by a figure, in order of first use."""
    sources = _sources_by_id(name)
    ids = list(dict.fromkeys(ids)) if ids else list(sources)
    parts = []
    for sid in ids:
        src = sources[sid]
        path = src["path"]
        href = path if path.startswith("http") else f"https://doi.org/{path[4:]}"
        parts.append(f'<a href="{html.escape(href)}">{html.escape(src["title"])}</a> '
                     f'({html.escape(src["verification"].split(":")[0])})')
    return "; ".join(parts)


# --------------------------------------------------------------------------------------------------------
# 1. Therapy explorer
# --------------------------------------------------------------------------------------------------------

CLASS_COLOURS = {
    "targeted antibody": PALETTE["sky"],
    "targeted pill": PALETTE["blue"],
    "hormone therapy": PALETTE["green"],
    "checkpoint inhibitor": PALETTE["orange"],
    "cell therapy": PALETTE["pink"],
    "radioligand": PALETTE["vermillion"],
}
CANCER_ORDER = ["breast", "lung", "melanoma", "ovarian", "prostate", "sarcoma", "blood cancer",
                "any solid tumor"]


def _therapy_states(df: pd.DataFrame) -> list[tuple[str, str, pd.Series]]:
    """(menu, label, row mask) for every filter state: all rows, each cancer group, each class."""
    states = [("cancer", "All cancers", pd.Series(True, index=df.index))]
    for group in [g for g in CANCER_ORDER if g in set(df["cancer_group"])]:
        states.append(("cancer", group.capitalize(), df["cancer_group"] == group))
    states.append(("class", "All classes", pd.Series(True, index=df.index)))
    for cls in [c for c in CLASS_COLOURS if c in set(df["therapy_class"])]:
        states.append(("class", cls.capitalize(), df["therapy_class"] == cls))
    return states


def therapy_explorer() -> CourseFigure:
    """Biomarker-matched and cell therapies as a timeline; menus filter by cancer or by class of drug.

    Every filter state is one precomputed trace laid out on its own rows (oldest at the top), so a filter
    leaves no empty rows. Tumor-agnostic approvals are drawn as diamonds.
    """
    df = _load("therapy_approvals").copy()
    df["sort_date"] = df["approval_date"].fillna(pd.to_datetime(df["year"].astype(str) + "-07-01"))
    df = df.sort_values(["sort_date", "drug"]).reset_index(drop=True)
    sources = _sources_by_id("therapy_approvals")
    df["date_text"] = [d.strftime("%-d %b %Y") if pd.notna(d) else f"{y} (month and day not checked)"
                       for d, y in zip(df["approval_date"], df["year"], strict=True)]
    df["label"] = [d if len(d) <= 18 else b for d, b in zip(df["drug"], df["brand"], strict=True)]
    df["full_name"] = df["drug"] + " (" + df["brand"] + ")"
    df["tick"] = [f"{d}<br><span style='font-size:11px'>{_short_biomarker(b)}</span>"
                  for d, b in zip(df["label"], df["biomarker"], strict=True)]
    df["first_text"] = df["fda_first_wording"].fillna("").map(lambda s: f"<br>'{s}'" if s else "")
    df["source_title"] = df["source_id"].map(lambda s: sources[s]["title"])

    states = _therapy_states(df)
    fig = go.Figure()
    for _menu, label, mask in states:
        part = df[mask].reset_index(drop=True)
        n = len(part)
        fig.add_trace(go.Scatter(
            x=part["year"], y=list(range(n)), mode="markers", name=label, showlegend=False,
            visible=(label == "All cancers"),
            marker={"size": 15, "color": [CLASS_COLOURS[c] for c in part["therapy_class"]],
                    "symbol": ["diamond" if a else "circle" for a in part["tumor_agnostic"]],
                    "line": {"width": 1, "color": "#222222"}},
            customdata=part[["full_name", "biomarker", "cancer", "therapy_class", "date_text", "approval_type",
                             "first_text", "source_title", "verification"]].values,
            hovertemplate=("<b>%{customdata[0]}</b><br>Biomarker: %{customdata[1]}<br>Cancer: %{customdata[2]}"
                           "<br>Class: %{customdata[3]}<br>FDA, %{customdata[4]} (%{customdata[5]})"
                           "%{customdata[6]}<br>Source: %{customdata[7]} (%{customdata[8]})<extra></extra>"),
        ))
    # Legend entries (always visible, no data): colours by class, diamond for tumor-agnostic.
    for cls, colour in CLASS_COLOURS.items():
        if cls in set(df["therapy_class"]):
            fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=cls.capitalize(),
                                     marker={"size": 12, "color": colour, "line": {"width": 1, "color": "#222"}},
                                     hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name="Any solid tumor (tumor-agnostic)",
                             marker={"size": 12, "color": "#ffffff", "symbol": "diamond",
                                     "line": {"width": 1.5, "color": "#222"}}, hoverinfo="skip"))
    n_legend = len(fig.data) - len(states)

    def layout_for(label: str, mask: pd.Series) -> dict:
        part = df[mask].reset_index(drop=True)
        n = len(part)
        return {"yaxis.tickvals": list(range(n)), "yaxis.ticktext": list(part["tick"]),
                "yaxis.range": [n - 0.5, -0.5], "title.text": _therapy_title(label, n)}

    menus = {"cancer": [], "class": []}
    for i, (menu, label, mask) in enumerate(states):
        visible = [j == i for j in range(len(states))] + [True] * n_legend
        menus[menu].append({"label": label, "method": "update",
                            "args": [{"visible": visible}, layout_for(label, mask)]})
    first = layout_for("All cancers", states[0][2])
    fig.update_layout(**base_layout(
        title={"text": first["title.text"], "font": {"size": 15}, "x": 0.01, "xref": "container",
               "y": 0.975, "yanchor": "top"},
        height=820,
        xaxis={"title": {"text": "Year of first FDA approval"}, "range": [1995.5, 2026.5],
               "dtick": 5, "showgrid": True},
        yaxis={"tickvals": first["yaxis.tickvals"], "ticktext": first["yaxis.ticktext"],
               "range": first["yaxis.range"], "automargin": True, "showgrid": False, "zeroline": False},
        legend={"orientation": "h", "y": -0.14, "x": 0, "font": {"size": 12}},
        margin={"l": 10, "r": 20, "t": 165, "b": 150},
        updatemenus=[
            dropdown(menus["class"], x=0.0, y=1.02, label="Filter by class of drug"),
            dropdown(menus["cancer"], x=0.0, y=1.095, label="Filter by cancer"),
        ],
    ))
    table = df[["year", "full_name", "therapy_class", "biomarker", "cancer", "approval_type", "tumor_agnostic",
                "fda_first_wording", "source_title", "verification"]].copy()
    table["tumor_agnostic"] = table["tumor_agnostic"].map({True: "yes", False: "no"})
    table.columns = ["Year", "Drug", "Class", "Biomarker", "Cancer", "Approval", "Any solid tumor",
                     "'First' as worded", "Source", "Verification"]
    n_agnostic = int(df["tumor_agnostic"].sum())
    agnostic = df[df["tumor_agnostic"]]
    caption = (f"From {df['year'].min()} to {df['year'].max()}, these {len(df)} example FDA approvals each name "
               f"a tumor feature, or a cell therapy, rather than only an organ. {n_agnostic} of them "
               f"({' and '.join(f'{d} in {y}' for d, y in zip(agnostic['drug'], agnostic['year'], strict=True))}) "
               f"cover any solid tumor with the feature. Use the menus to filter by cancer or by class of drug; "
               f"the most recent choice applies.")
    return CourseFigure(
        figure=fig, caption=caption, table=table, source=_source_html("therapy_approvals", list(df["source_id"])),
        alt=(f"Timeline of {len(df)} FDA approvals from {df['year'].min()} to {df['year'].max()}, one row per "
             "drug, coloured by class, with menus to filter by cancer or by class."),
        name="therapy-explorer",
        table_caption="Examples of biomarker-matched and cell therapies: first FDA approval for each use",
        notes=["Examples, not a complete list. Each row is the first approval for the use shown; many drugs were "
               "later approved for more cancers. 'Secondary' means the date was read on a reliable copy, not "
               "on the FDA's own page."],
    )


def _short_biomarker(text: str) -> str:
    """A short label for the marker: the biomarker without its explanation in brackets."""
    if text.startswith("none"):
        return "no biomarker needed"
    text = text.split(" (")[0]
    return text.replace(" protein plus a matching HLA-A*02 type", " + HLA-A*02").replace(" needed", "")


def _therapy_title(label: str, n: int) -> str:
    noun = "approval" if n == 1 else "approvals"
    return f"Matched treatments<br>{label}: {n} {noun}"


# --------------------------------------------------------------------------------------------------------
# 2. Why a drug stops working: a teaching model
# --------------------------------------------------------------------------------------------------------

MODEL_EQUATIONS = [
    "Sensitive cells while drug A is given:  S(t) = S0 × exp((g − kA) × t)",
    "Resistant cells while drug A is given:  R(t) = R0 × exp(g × t)   (drug A does not touch them)",
    "After a switch to drug B at time ts:    S(t) = S(ts) × exp((g − kB) × (t − ts)), and the same for R",
    "Tumor size:                             N(t) = S(t) + R(t),  with S0 + R0 = 1 at the start",
]
MODEL_SYMBOLS = [
    "g = growth rate of every cell (per week)",
    "kA = extra death rate that drug A causes in sensitive cells (per week)",
    "kB = extra death rate that drug B causes in all cells (per week)",
    "R0 = share of resistant cells at the start",
]


@dataclass(frozen=True)
class ResistanceParams:
    """Parameters of the teaching model. ILLUSTRATIVE values chosen to show the shapes, not measurements."""

    growth_rate: float = 0.10        # g, per week
    kill_a: float = 0.30             # kA, per week (sensitive cells only)
    kill_b: float = 0.30             # kB, per week (all cells)
    resistant_fraction: float = 1e-3  # R0, share of cells at the start
    switch: bool = False             # switch to drug B when the tumor is back to its starting size
    weeks: float = 104.0
    step: float = 1.0

    def __post_init__(self):
        for name in ("growth_rate", "kill_a", "kill_b"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        if not 0 <= self.resistant_fraction <= 1:
            raise ValueError("resistant_fraction must be between 0 and 1")
        if self.weeks <= 0 or self.step <= 0:
            raise ValueError("weeks and step must be positive")


RESISTANCE_SCENARIOS = {
    "No resistant cells": ResistanceParams(resistant_fraction=0.0),
    "A few resistant cells (1 in 1,000)": ResistanceParams(resistant_fraction=1e-3),
    "Switch to a second drug": ResistanceParams(resistant_fraction=1e-3, switch=True),
}


def simulate(params: ResistanceParams = ResistanceParams()) -> pd.DataFrame:
    """Exact solution of the model on a time grid: week, sensitive, resistant, total, drug.

    With the switch on, drug B starts at the first time point after the smallest size at which the tumor is
    at least as big as at the start of treatment (if the tumor never shrinks, that is the first step).
    """
    g, ka, kb = params.growth_rate, params.kill_a, params.kill_b
    t = np.arange(0.0, params.weeks + params.step / 2, params.step)
    s0, r0 = 1.0 - params.resistant_fraction, params.resistant_fraction
    sens = s0 * np.exp((g - ka) * t)
    res = r0 * np.exp(g * t)
    total = sens + res
    drug = np.array(["A"] * len(t), dtype=object)
    switch_week = switch_time(params, t, total)
    if switch_week is not None:
        after = t >= switch_week
        s_ts = s0 * math.exp((g - ka) * switch_week)
        r_ts = r0 * math.exp(g * switch_week)
        sens = np.where(after, s_ts * np.exp((g - kb) * (t - switch_week)), sens)
        res = np.where(after, r_ts * np.exp((g - kb) * (t - switch_week)), res)
        total = sens + res
        drug[after] = "B"
    frame = pd.DataFrame({"week": t, "sensitive": sens, "resistant": res, "total": total, "drug": drug})
    frame.attrs["switch_week"] = switch_week
    return frame


def switch_time(params: ResistanceParams, t: np.ndarray | None = None,
                total: np.ndarray | None = None) -> float | None:
    """The week drug B starts (None without a switch, or if the tumor never returns to its start size)."""
    if not params.switch:
        return None
    if t is None or total is None:
        t = np.arange(0.0, params.weeks + params.step / 2, params.step)
        s0, r0 = 1.0 - params.resistant_fraction, params.resistant_fraction
        total = s0 * np.exp((params.growth_rate - params.kill_a) * t) + r0 * np.exp(params.growth_rate * t)
    nadir = int(np.argmin(total))
    for i in range(max(nadir, 1), len(t)):
        if total[i] >= total[0]:
            return float(t[i])
    return None


SCENARIO_COLOURS = [PALETTE["blue"], PALETTE["vermillion"], PALETTE["green"], PALETTE["pink"]]


def resistance_model(scenarios: dict[str, ResistanceParams] | None = None) -> CourseFigure:
    """Tumor size over time (log scale) under treatment, for one or more scenarios of the teaching model.

    With several scenarios, buttons show one at a time (plus 'Compare all'); each shows the total (solid),
    sensitive cells (dashed) and resistant cells (dotted). The live panel passes a single custom scenario.
    """
    scenarios = dict(scenarios or RESISTANCE_SCENARIOS)
    names = list(scenarios)
    runs = {name: simulate(p) for name, p in scenarios.items()}
    fig = go.Figure()
    owner: list[str] = []
    for k, name in enumerate(names):
        run = runs[name]
        colour = SCENARIO_COLOURS[k % len(SCENARIO_COLOURS)]
        first = k == 0
        fig.add_trace(go.Scatter(
            x=run["week"], y=run["total"], mode="lines", name=f"{name}: whole tumor",
            line={"color": colour, "width": 3}, visible=first, legendgroup=name,
            hovertemplate="Week %{x:.0f}: tumor size %{y:.3g} × the starting size<extra>" + html.escape(name)
                          + "</extra>"))
        owner.append(name)
        for part, dash in (("sensitive", "dash"), ("resistant", "dot")):
            y = run[part].where(run[part] > 0)
            fig.add_trace(go.Scatter(
                x=run["week"], y=y, mode="lines", name=f"{name}: {part} cells",
                line={"color": colour, "width": 1.5, "dash": dash}, visible=first, legendgroup=name,
                hovertemplate="Week %{x:.0f}: " + part + " cells %{y:.3g}<extra></extra>"))
            owner.append(name)
    switch_shapes = {name: _switch_shape(runs[name].attrs["switch_week"]) for name in names}
    switch_notes = {name: _switch_note(runs[name].attrs["switch_week"]) for name in names}
    start_line = {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": 1, "y1": 1,
                  "line": {"color": "#555555", "width": 1, "dash": "dashdot"}}

    def shapes_for(shown: list[str]) -> list[dict]:
        return [start_line] + [s for n in shown for s in switch_shapes[n] if s]

    def notes_for(shown: list[str]) -> list[dict]:
        return [a for n in shown for a in switch_notes[n]]

    buttons = []
    for name in names:
        buttons.append({"label": name, "method": "update",
                        "args": [{"visible": [o == name for o in owner]},
                                 {"title.text": _resistance_title(name), "shapes": shapes_for([name]),
                                  "annotations": notes_for([name])}]})
    if len(names) > 1:
        whole = [i % 3 == 0 for i in range(len(owner))]  # the whole-tumor line of every scenario
        buttons.append({"label": "Compare all", "method": "update",
                        "args": [{"visible": whole},
                                 {"title.text": "Teaching model:<br>all scenarios, whole tumor",
                                  "shapes": shapes_for(names), "annotations": notes_for(names)}]})
    fig.update_layout(**base_layout(
        title={"text": _resistance_title(names[0]), "font": {"size": 15}, "x": 0.01, "xref": "container",
               "y": 0.975, "yanchor": "top"},
        height=520,
        xaxis={"title": {"text": "Weeks since treatment started"}, "range": [0, max(p.weeks for p in
                                                                                    scenarios.values())]},
        yaxis={"title": {"text": "Tumor size (1 = at the start)"}, "type": "log", "range": [-6, 1.3],
               "exponentformat": "power"},
        legend={"orientation": "h", "y": -0.2, "x": 0, "font": {"size": 12}},
        margin={"l": 70, "r": 20, "t": 110, "b": 110},
        shapes=shapes_for([names[0]]),
        annotations=notes_for([names[0]]),
        updatemenus=[dropdown(buttons, x=0, y=1.02, label="Scenario")] if len(names) > 1 else [],
    ))
    rows = []
    for name in names:
        run, p = runs[name], scenarios[name]
        nadir = run.loc[run["total"].idxmin()]
        rows.append({
            "Scenario": name, "Growth rate g (per week)": p.growth_rate, "Drug A kill rate kA": p.kill_a,
            "Drug B kill rate kB": p.kill_b if p.switch else None,
            "Resistant share at start": p.resistant_fraction,
            "Smallest size": float(f"{nadir['total']:.3g}"), "Week of smallest size": float(nadir["week"]),
            "Week drug B starts": run.attrs["switch_week"],
            f"Size at week {p.weeks:g}": float(f"{run['total'].iloc[-1]:.3g}"),
        })
    table = pd.DataFrame(rows)
    caption = _resistance_caption(runs, scenarios)
    return CourseFigure(
        figure=fig, caption=caption, table=table,
        source=("A teaching model written for this course (equations below the figure). Its parameters are "
                "illustrative values chosen to show the shapes, not measurements from patients or trials."),
        alt=("Line chart on a logarithmic scale of tumor size over two years of treatment in a simple model of "
             "sensitive and resistant cells, with buttons for three scenarios."),
        name="resistance-model",
        table_caption="Teaching model: illustrative parameters and what the model gives for each scenario",
        notes=["Equations (plain text): " + " | ".join(MODEL_EQUATIONS), "Symbols: " + "; ".join(MODEL_SYMBOLS),
               "A teaching model, not a prediction for any person: real tumors have many kinds of cells, "
               "drug levels vary and the immune system plays a part."],
    )


def _switch_shape(week: float | None) -> list[dict]:
    if week is None:
        return []
    return [{"type": "line", "xref": "x", "x0": week, "x1": week, "yref": "paper", "y0": 0, "y1": 1,
             "line": {"color": PALETTE["black"], "width": 1.5, "dash": "dot"}}]


def _switch_note(week: float | None) -> list[dict]:
    if week is None:
        return []
    return [{"text": f"drug B from week {week:g}", "x": week, "xref": "x", "y": 0.04, "yref": "paper",
             "xanchor": "left", "showarrow": False, "font": {"size": 12}, "bgcolor": "rgba(255,255,255,0.8)"}]


def _resistance_title(name: str) -> str:
    return f"Teaching model:<br>{name.lower() if not name.startswith('Your') else name.lower()}"


def _resistance_caption(runs: dict[str, pd.DataFrame], scenarios: dict[str, ResistanceParams]) -> str:
    if list(scenarios) == list(RESISTANCE_SCENARIOS):
        few = runs["A few resistant cells (1 in 1,000)"]
        nadir_week = few.loc[few["total"].idxmin(), "week"]
        back = few[(few["week"] > nadir_week) & (few["total"] >= 1)]["week"]
        back_week = f"{back.iloc[0]:g}" if len(back) else "never"
        return ("In this teaching model, a drug that kills sensitive cells faster than they grow shrinks a tumor "
                "with no resistant cells steadily. If even 1 in 1,000 cells resists, the tumor shrinks at first, "
                f"reaches its smallest size around week {nadir_week:g} and is back to its starting size by week "
                f"{back_week}, now made almost entirely of resistant cells. Switching to a second drug that "
                "works on those cells shrinks it again.")
    name, run = next(iter(runs.items()))
    end = run["total"].iloc[-1]
    trend = "smaller" if end < 1 else "larger"
    return (f"With these settings the model tumor ends {end:.3g} times its starting size ({trend}) after "
            f"{run['week'].iloc[-1]:g} weeks; its smallest size is {run['total'].min():.3g}.")


def resistance_live():
    """Live panel: sliders for the model's rates and resistant share; redraws with :func:`resistance_model`."""
    import ipywidgets as widgets
    from IPython.display import display

    from metastasis.core.live import reset_button

    defaults = ResistanceParams(switch=True)
    style = {"description_width": "15em"}
    layout = widgets.Layout(width="34em")
    controls = {
        "growth_rate": widgets.FloatSlider(value=defaults.growth_rate, min=0.0, max=0.4, step=0.01,
                                           description="Growth rate g (per week)", style=style, layout=layout),
        "kill_a": widgets.FloatSlider(value=defaults.kill_a, min=0.0, max=0.8, step=0.01,
                                      description="Drug A kill rate kA (per week)", style=style, layout=layout),
        "kill_b": widgets.FloatSlider(value=defaults.kill_b, min=0.0, max=0.8, step=0.01,
                                      description="Drug B kill rate kB (per week)", style=style, layout=layout),
        "log_resistant": widgets.FloatSlider(value=math.log10(defaults.resistant_fraction), min=-6, max=-1,
                                             step=0.5, description="Resistant share (power of 10)", style=style,
                                             layout=layout, readout_format=".1f"),
        "no_resistant": widgets.Checkbox(value=False, description="No resistant cells at all"),
        "switch": widgets.Checkbox(value=True, description="Switch to drug B when the tumor is back to its "
                                                           "starting size"),
    }
    default_values = {"growth_rate": defaults.growth_rate, "kill_a": defaults.kill_a, "kill_b": defaults.kill_b,
                      "log_resistant": math.log10(defaults.resistant_fraction), "no_resistant": False,
                      "switch": True}
    out = widgets.Output()
    state: dict = {}

    def params_now() -> ResistanceParams:
        fraction = 0.0 if controls["no_resistant"].value else 10 ** controls["log_resistant"].value
        return ResistanceParams(growth_rate=controls["growth_rate"].value, kill_a=controls["kill_a"].value,
                                kill_b=controls["kill_b"].value, resistant_fraction=fraction,
                                switch=controls["switch"].value)

    def redraw(_=None):
        params = params_now()
        figure = resistance_model({"Your settings": params})
        state["params"], state["figure"] = params, figure
        out.clear_output(wait=True)
        with out:
            display(figure)

    for control in controls.values():
        control.observe(redraw, names="value")
    redraw()
    box = widgets.VBox([*controls.values(), reset_button(controls, default_values), out])
    box.state = state  # exposed for tests: the parameters and figure last drawn
    box.controls = controls
    return box


# --------------------------------------------------------------------------------------------------------
# 3. What immunotherapy changed: metastatic melanoma milestones
# --------------------------------------------------------------------------------------------------------

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
        table_caption="Survival milestones for advanced melanoma, with sources",
        notes=["All values are overall survival (death from any cause). The CheckMate 067 10-year survival "
               "percentages could not be checked and are not shown."],
    )


# --------------------------------------------------------------------------------------------------------
# 4. Side effects by class of treatment
# --------------------------------------------------------------------------------------------------------

CLASS_ORDER = ["Chemotherapy", "Hormone therapy", "Targeted therapy (pills)", "Checkpoint inhibitors",
               "CAR T-cell therapy", "Antibody-drug conjugates", "Radioligand therapy", "Bone-modifying drugs"]
CLASS_SHORT = {"Chemotherapy": "Chemo-<br>therapy", "Hormone therapy": "Hormone<br>therapy",
               "Targeted therapy (pills)": "Targeted<br>pills", "Checkpoint inhibitors": "Checkpoint<br>inhibitors",
               "CAR T-cell therapy": "CAR T<br>cells", "Antibody-drug conjugates": "Antibody-drug<br>conjugates",
               "Radioligand therapy": "Radio-<br>ligand", "Bone-modifying drugs": "Bone<br>drugs"}
LEVELS = {"listed": 1, "common": 2, "serious": 3}
LEVEL_TEXT = {"listed": "Listed", "common": "Common", "serious": "Serious"}
LEVEL_COLOURSCALE = [  # discrete steps for z = 0 (blank), 1 (listed), 2 (common), 3 (serious) on [0, 3]
    [0.0, "#f4f4f4"], [1 / 6, "#f4f4f4"], [1 / 6, "#cfe6f7"], [0.5, "#cfe6f7"], [0.5, PALETTE["blue"]],
    [5 / 6, PALETTE["blue"]], [5 / 6, PALETTE["vermillion"]], [1.0, PALETTE["vermillion"]],
]


def side_effects_matrix() -> CourseFigure:
    """A readable class x side-effect matrix: each filled cell says what its source says; a menu filters.

    The menu shows every class (all cells, common only or serious only) or one class at a time, which keeps the
    matrix readable on a phone.
    """
    df = _load("side_effects_by_class").copy()
    sources = _sources_by_id("side_effects_by_class")
    effects = list(dict.fromkeys(df["side_effect"]))
    classes = [c for c in CLASS_ORDER if c in set(df["therapy_class"])]
    cell = df.set_index(["side_effect", "therapy_class"])

    def grids(keep: set[str], shown: list[str], short: bool = True):
        z, text, hover = [], [], []
        for eff in effects:
            zr, tr, hr = [], [], []
            for cls in shown:
                if (eff, cls) in cell.index and cell.loc[(eff, cls), "level"] in keep:
                    row = cell.loc[(eff, cls)]
                    src = sources[row["source_id"]]
                    zr.append(LEVELS[row["level"]])
                    tr.append(LEVEL_TEXT[row["level"]])
                    hr.append(f"<b>{html.escape(cls)}: {html.escape(eff)}</b><br>{html.escape(row['detail'])}"
                              f"<br>Source: {html.escape(src['title'][:90])} ({row['verification']})")
                else:
                    zr.append(0)
                    tr.append("")
                    hr.append(f"{html.escape(cls)}: {html.escape(eff)}<br>not listed by the source used here "
                              "(this does not mean it never happens)")
            z.append(zr)
            text.append(tr)
            hover.append(hr)
        x = [CLASS_SHORT[c] for c in shown] if short else [c.replace(" (", "<br>(") for c in shown]
        return z, x, text, hover

    z, x, text, hover = grids(set(LEVELS), classes)
    fig = go.Figure(go.Heatmap(
        z=z, x=x, y=[e.split(" (")[0] for e in effects], text=text,
        texttemplate="%{text}", textfont={"size": 12}, customdata=hover, hovertemplate="%{customdata}<extra></extra>",
        colorscale=LEVEL_COLOURSCALE, zmin=0, zmax=3, showscale=False, xgap=2, ygap=2,
    ))
    views = [("All classes", set(LEVELS), classes, "All side effects by class"),
             ("All classes: common only", {"common"}, classes, "Common side effects by class"),
             ("All classes: serious only", {"serious"}, classes, "Serious side effects by class")]
    views += [(cls, set(LEVELS), [cls], f"Side effects: {cls.lower()}") for cls in classes]
    buttons = []
    for label, keep, shown, title in views:
        zz, xx, tt, hh = grids(keep, shown, short=len(shown) > 1)
        buttons.append({"label": label, "method": "update",
                        "args": [{"z": [zz], "x": [xx], "text": [tt], "customdata": [hh]},
                                 {"title.text": title + ",<br>as each source describes them"}]})
    fig.update_layout(**base_layout(
        title={"text": "All side effects by class,<br>as each source describes them", "font": {"size": 15},
               "x": 0.01, "xref": "container", "y": 0.975, "yanchor": "top"},
        height=38 * len(effects) + 250,
        xaxis={"side": "top", "tickangle": 0, "tickfont": {"size": 12}},
        yaxis={"autorange": "reversed", "automargin": True, "tickfont": {"size": 12}},
        margin={"l": 10, "r": 10, "t": 170, "b": 30},
        updatemenus=[{**dropdown(buttons, x=1, y=1.11, label="Classes and cells shown"), "xanchor": "right"}],
    ))
    table = df.copy()
    table["source"] = table["source_id"].map(lambda s: sources[s]["title"])
    table = table[["therapy_class", "side_effect", "level", "detail", "source", "verification"]]
    table.columns = ["Class", "Side effect", "How the source describes it", "What the source says", "Source",
                     "Verification"]
    n_serious = int((df["level"] == "serious").sum())
    caption = ("Each class of treatment has its own pattern of side effects: chemotherapy affects fast-dividing "
               "normal cells (blood counts, hair, gut), hormone therapy causes hot flashes and bone thinning, and "
               "checkpoint inhibitors can inflame almost any organ. "
               f"{n_serious} cells are flagged as serious by their sources. A blank cell means the source used "
               "here did not list that effect, not that it never happens. The menu shows only common or only "
               "serious effects, or one class at a time (easier on a phone).")
    return CourseFigure(
        figure=fig, caption=caption, table=table,
        source=_source_html("side_effects_by_class", list(df["source_id"])),
        alt=(f"Grid of {len(effects)} side effects by {len(classes)} classes of treatment; filled cells read "
             "Common, Listed or Serious, with a menu to show only common or serious effects or one class."),
        name="side-effects-matrix",
        table_caption="Side effects by class of treatment, one source per cell",
        notes=["Common = the source calls it common, or more than about 1 in 5 people had it in the cited trial; "
               "Listed = named as possible without a frequency; Serious = flagged as serious or potentially "
               "life-threatening (usually less common)."],
    )


# --------------------------------------------------------------------------------------------------------
# 5. SABR-COMET: benefits and harms
# --------------------------------------------------------------------------------------------------------

ARM_ORDER = ["standard care", "standard care + SABR"]
SABR_COLOURS = {"standard care": PALETTE["grey"], "standard care + SABR": PALETTE["blue"]}
OUTCOME_ORDER = ["Alive at 5 years", "Side effects of grade 2 or worse", "Deaths caused by treatment"]
OUTCOME_LABELS = {"Alive at 5 years": "Alive at<br>5 years", "Side effects of grade 2 or worse":
                  "Side effects,<br>grade 2 or worse", "Deaths caused by treatment": "Deaths caused<br>by treatment"}
ARM_NAMES = {"standard care": "Standard care", "standard care + SABR": "Standard care + SABR"}


def sabr_comet() -> CourseFigure:
    """SABR-COMET's benefit (5-year survival) and harms side by side, by arm, with a view toggle."""
    df = _load("sabr_comet_outcomes").copy()
    sources = _sources_by_id("sabr_comet_outcomes")
    df["source_title"] = df["source_id"].map(lambda s: sources[s]["title"][:80] + "...")
    df["label"] = [f"{p:g}%" + (f" ({int(e)} of {int(n)})" if pd.notna(e) else f" of {int(n)}")
                   for p, e, n in zip(df["percent"], df["events"], df["arm_size"], strict=True)]
    df["ci_text"] = [f"<br>95% CI {lo:g}-{hi:g}%" if pd.notna(lo) else "" for lo, hi in
                     zip(df["ci_low"], df["ci_high"], strict=True)]
    views = [("Both", set(OUTCOME_ORDER)), ("Benefit", {"Alive at 5 years"}),
             ("Harms", {"Side effects of grade 2 or worse", "Deaths caused by treatment"})]
    fig = go.Figure()
    for v, (_label, keep) in enumerate(views):
        for arm in ARM_ORDER:
            part = df[(df["arm"] == arm) & df["outcome"].isin(keep)]
            part = part.set_index("outcome").reindex([o for o in OUTCOME_ORDER if o in keep]).reset_index()
            fig.add_trace(go.Bar(
                x=part["percent"], y=[OUTCOME_LABELS[o] for o in part["outcome"]], orientation="h",
                name=ARM_NAMES[arm],
                marker_color=SABR_COLOURS[arm], visible=(v == 0), showlegend=True, legendgroup=arm,
                text=part["label"], textposition="outside", cliponaxis=False,
                customdata=part[["arm", "ci_text", "timepoint", "source_title", "verification"]].values,
                hovertemplate=("<b>%{y}</b>, %{customdata[0]}: %{x:g}%%{customdata[1]}<br>%{customdata[2]}"
                               "<br>Source: %{customdata[3]} (%{customdata[4]})<extra></extra>"),
            ))
    n_per_view = len(ARM_ORDER)
    buttons = [{"label": label, "method": "update",
                "args": [{"visible": [i // n_per_view == v for i in range(len(fig.data))]},
                         {"title.text": _sabr_title(label)}]} for v, (label, _keep) in enumerate(views)]
    fig.update_layout(**base_layout(
        title={"text": _sabr_title(views[0][0]), "font": {"size": 15}, "x": 0.01, "xref": "container",
               "y": 0.975, "yanchor": "top"},
        barmode="group", height=440,
        xaxis={"title": {"text": "Percent of each group"}, "range": [0, 60], "ticksuffix": "%"},
        yaxis={"automargin": True, "categoryorder": "array",
               "categoryarray": [OUTCOME_LABELS[o] for o in reversed(OUTCOME_ORDER)]},
        legend={"orientation": "h", "y": -0.22, "x": 0, "traceorder": "normal"},
        margin={"l": 10, "r": 60, "t": 110, "b": 100},
        updatemenus=[dropdown(buttons, x=0, y=1.02, label="Outcomes shown", kind="buttons")],
    ))
    table = df[["outcome", "kind", "arm", "percent", "events", "arm_size", "ci_low", "ci_high", "timepoint",
                "source_title", "verification"]].copy()
    table.columns = ["Outcome", "Benefit or harm", "Group", "Percent", "People with outcome", "People in group",
                     "95% CI low", "95% CI high", "When", "Source", "Verification"]
    get = df.set_index("outcome_id")["percent"]
    deaths = df.set_index("outcome_id").loc["death_sabr"]
    caption = (f"In SABR-COMET (99 people with 1-5 metastases), adding stereotactic radiotherapy raised 5-year "
               f"survival from {get['os5_soc']:g}% to {get['os5_sabr']:g}%, but more people had side effects of "
               f"grade 2 or worse ({get['ae2_sabr']:g}% vs {get['ae2_soc']:g}%) and {deaths['events']} of "
               f"{deaths['arm_size']} died from the treatment. It was a small randomized phase II trial that "
               "counted P < 0.20 as positive, so "
               "larger phase III trials are testing the idea.")
    return CourseFigure(
        figure=fig, caption=caption, table=table, source=_source_html("sabr_comet_outcomes"),
        alt=("Grouped bar chart comparing standard care with standard care plus SABR in SABR-COMET for 5-year "
             "survival, side effects of grade 2 or worse and deaths caused by treatment, with buttons to show "
             "benefit or harms alone."),
        name="sabr-comet",
        table_caption="SABR-COMET outcomes by randomized group",
    )


def _sabr_title(view: str) -> str:
    return {"Both": "SABR-COMET: what adding SABR<br>gained and what it cost",
            "Benefit": "SABR-COMET: alive at 5 years",
            "Harms": "SABR-COMET: harms of treatment"}[view]


__all__ = ["MODEL_EQUATIONS", "MODEL_SYMBOLS", "RESISTANCE_SCENARIOS", "ResistanceParams", "melanoma_milestones",
           "resistance_live", "resistance_model", "sabr_comet", "side_effects_matrix", "simulate",
           "switch_time", "therapy_explorer"]
