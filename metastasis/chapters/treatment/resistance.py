"""Figure: why a drug stops working, a teaching model of sensitive and resistant cells; its live panel."""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from metastasis.core.figures import PALETTE, CourseFigure, base_layout, dropdown

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

    from metastasis.core.live import FigureView, reset_button

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
    view = FigureView()
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
        view.show(figure)

    for control in controls.values():
        control.observe(redraw, names="value")
    redraw()
    box = widgets.VBox([*controls.values(), reset_button(controls, default_values), view.widget])
    box.state = state  # exposed for tests: the parameters and figure last drawn
    box.controls = controls
    return box
