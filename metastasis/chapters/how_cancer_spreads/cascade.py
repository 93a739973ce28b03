"""Figures for chapter 2: how many cancer cells survive the steps of metastasis.

- :func:`measured_steps`: the measured numbers (``cascade_measurements``), each experiment kept apart. They come
  from different species, tumours and methods, so they are never chained or multiplied.
- :func:`simulator`: a *teaching model*, labelled as such in the figure. A number of shed cells passes five steps,
  each with a survival probability; 200 seeded binomial runs (numpy) show the spread of outcomes. Presets are
  precomputed for the book; :func:`live_simulator` gives per-step sliders in a live kernel and calls the same
  builder.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from metastasis.chapters.how_cancer_spreads.spread import wrap
from metastasis.core import data
from metastasis.core import sources as source_links
from metastasis.core.figures import PALETTE, CourseFigure, base_layout, dropdown

EXPERIMENT_COLOURS = {"Koop et al. 1995": PALETTE["blue"], "Fidler 1970": PALETTE["orange"],
                      "Butler & Gullino 1975": PALETTE["green"]}
QUALIFIER_TEXT = {"exactly": "", "about": "about ", "more than": "more than ", "average": "on average "}


def _fmt_count(value: float) -> str:
    return f"{value / 1e6:g} million" if value >= 1e6 else f"{value:,.0f}"


def _source_links(name: str, ids: list[str] | None = None) -> str:
    return source_links.resource_links(name, ids)


# ----------------------------------------------------------------------------------------------------------------
# What was measured
# ----------------------------------------------------------------------------------------------------------------
# Which measurements each view draws (top to bottom), with a short axis label (species, study, what); the full
# wording is in the hover, the table and the caption. The 100% starting points are drawn as a dashed line.
VIEW_ROWS = {
    "percent": {"fidler_24h": "Mouse, 1970:<br>alive after<br>1 day",
                "koop_extravasated": "Chick embryo,<br>1995: out of the<br>vessel in 1 day"},
    "count": {"butler_shed_growing": "Rat, 1975:<br>cells shed per<br>gram per day",
              "fidler_day14_cells": "Mouse, 1970:<br>cells left in<br>lungs, day 14",
              "fidler_metastases": "Mouse, 1970:<br>lung tumors<br>formed"},
}
VIEW_TITLES = {
    "percent": "Injected cancer cells: how many<br>were still alive after a day?",
    "count": "Counts: cells shed, cells left<br>in the lungs, tumors formed",
}
VIEW_AXES = {
    "percent": {"yaxis.title.text": "Percent of injected cells", "yaxis.range": [-0.5, 2.45],
                "yaxis.tickvals": [1, 10, 100], "yaxis.ticktext": ["1%", "10%", "100%"]},
    "count": {"yaxis.title.text": "Number (log scale)", "yaxis.range": [1.0, 7.6],
              "yaxis.tickvals": [10, 1e3, 1e5, 1e7], "yaxis.ticktext": ["10", "1,000", "100,000", "10 mill."]},
}
VIEW_BUTTONS = {"percent": "Survival in a day", "count": "Counts"}


def _value_text(row, view: str) -> str:
    value = f"{row['value']:g}%" if view == "percent" else _fmt_count(row["value"])
    return QUALIFIER_TEXT[row["qualifier"]] + value


def measured_steps() -> CourseFigure:
    """What experiments measured, each kept apart: survival in the first day, and counts; log scale."""
    m = data.load("cascade_measurements").set_index("measurement_id", drop=False)
    fig = go.Figure()
    for view, labels in VIEW_ROWS.items():
        rows = m.loc[list(labels)]
        text = [_value_text(r, view) for _, r in rows.iterrows()]
        hover = [f"<b>{html.escape(r['experiment'])}</b><br>{wrap(r['stage'])}: {t}<br>"
                 f"Model: {wrap(r['model_system'])}" for (_, r), t in zip(rows.iterrows(), text, strict=True)]
        fig.add_trace(go.Bar(
            x=list(labels.values()), y=rows["value"], text=text, textposition="auto", cliponaxis=False,
            customdata=hover, hovertemplate="%{customdata}<extra></extra>", name=view, visible=view == "percent",
            showlegend=False,
            marker={"color": [EXPERIMENT_COLOURS[e] for e in rows["experiment"]]}))
    fig.add_trace(go.Scatter(y=[100, 100], x=list(VIEW_ROWS["percent"].values()), mode="lines",
                             line={"color": PALETTE["grey"], "dash": "dash"}, name="All injected cells (100%)",
                             hovertemplate="Start of each experiment: all injected cells = 100%<extra></extra>",
                             showlegend=False))
    visible = {"percent": [True, False, True], "count": [False, True, False]}
    buttons = [{"label": VIEW_BUTTONS[v], "method": "update",
                "args": [{"visible": visible[v]}, {"title.text": VIEW_TITLES[v], **VIEW_AXES[v]}]}
               for v in ("percent", "count")]
    axis = VIEW_AXES["percent"]
    fig.update_layout(**base_layout(
        title={"text": VIEW_TITLES["percent"], "font": {"size": 15}, "x": 0.01, "y": 0.985, "yanchor": "top",
               "xref": "container", "xanchor": "left"},
        height=480, margin={"l": 60, "r": 10, "t": 120, "b": 120}, bargap=0.35,
        yaxis={"type": "log", "title": {"text": axis["yaxis.title.text"]}, "range": axis["yaxis.range"],
               "tickvals": axis["yaxis.tickvals"], "ticktext": axis["yaxis.ticktext"]},
        xaxis={"automargin": True, "tickangle": 0},
        annotations=[{"text": "Separate animal experiments: compare them,<br>never multiply them. Colour = "
                              "experiment.<br>Dashed line: all injected cells (100%).",
                      "xref": "paper", "yref": "paper", "x": 0, "y": -0.28, "xanchor": "left", "yanchor": "top",
                      "showarrow": False, "align": "left", "font": {"size": 12, "color": "#444444"}}],
        updatemenus=[dropdown(buttons, kind="buttons", x=0, y=1.02, label="What to show")],
    ))
    table = m[["experiment", "model_system", "stage", "value", "qualifier", "unit", "verification"]]
    table = table.reset_index(drop=True).set_axis(
        ["Experiment", "Model (animals, not people)", "Measurement", "Value", "As stated", "Unit", "Checked"],
        axis=1)
    fidler = m.loc["fidler_24h"]
    koop = m.loc["koop_extravasated"]
    caption = (f"In mice, an older method found only {_value_text(fidler, 'percent')} of injected melanoma cells "
               f"still alive after a day; filming single cells in chick embryos later showed "
               f"{_value_text(koop, 'percent')} surviving the trip and leaving the vessel. Rat tumors shed "
               f"{_value_text(m.loc['butler_shed_growing'], 'count')} cells per gram each day, yet in mice "
               f"{_value_text(m.loc['fidler_day14_cells'], 'count')} surviving cells made "
               f"{m.loc['fidler_metastases', 'value']:g} lung tumors on average. These are separate animal "
               "experiments and must not be multiplied together.")
    return CourseFigure(
        figure=fig, caption=caption, table=table, source=_source_links("cascade_measurements"),
        alt=("Horizontal bar chart on a log scale comparing separate animal experiments: the percent of injected "
             "cancer cells alive after one day and, in a second view, counts of shed cells, surviving cells and "
             "tumors formed."),
        name="cascade-measured", table_caption="Measured numbers behind the figure, by experiment",
        notes=["Chambers, Groom and MacDonald (2002, Nature Reviews Cancer) concluded from such work that early "
               "steps are efficient and growth in the new organ is the bottleneck."],
    )


# ----------------------------------------------------------------------------------------------------------------
# Teaching model
# ----------------------------------------------------------------------------------------------------------------
STEPS = [
    "Survive the trip and stop in a small vessel",
    "Leave the vessel",
    "Survive alone in the new organ",
    "Start dividing (micrometastasis)",
    "Keep growing, with a blood supply (macrometastasis)",
]
STEP_SHORT = ["Shed", "Trip", "Out", "Alone", "Micro", "Macro"]
STEP_LONG = ["Shed into the blood"] + STEPS
RUNS = 200
SEED = 2002
START_CELLS = 1_000_000  # illustrative (Butler & Gullino measured millions of cells per gram per day in rats)
# Where 0 is drawn on the log axis: counts are whole numbers, so nothing lies between 0 and 1; far enough below 1
# that the "0" and "1" labels do not touch.
ZERO_AT = 0.2
TRACES_PER_PRESET = 5


@dataclass(frozen=True)
class Preset:
    key: str
    label: str
    probabilities: tuple  # one survival probability per step in STEPS
    start_cells: int = START_CELLS
    note: str = ""


# ILLUSTRATIVE settings of a teaching model, not measurements. Only their pattern follows the experiments: early
# steps high because they were efficient (Koop 1995; Chambers 2002), growth steps low because growth is the
# bottleneck (Chambers 2002).
PRESETS = [
    Preset("pattern", "Early easy, growth hard", (0.9, 0.9, 0.02, 0.02, 0.01),
           note="The pattern the experiments found: early steps efficient, growth the bottleneck."),
    Preset("half", "Every step 50%", (0.5, 0.5, 0.5, 0.5, 0.5),
           note="If every step were a coin toss, a million shed cells would make tens of thousands of tumors."),
    Preset("immune", "Evades immune attack", (0.97, 0.9, 0.05, 0.02, 0.01),
           note="More cells survive the blood and their first days in the organ; growth is still hard."),
    Preset("soil", "Welcoming soil", (0.9, 0.9, 0.02, 0.1, 0.05),
           note="Growth steps made easier, as a prepared niche might: the count rises much more."),
]


@dataclass
class Simulation:
    probabilities: tuple
    start_cells: int
    runs: int
    seed: int
    counts: np.ndarray = field(repr=False)  # shape (runs, len(STEPS) + 1)

    @property
    def expected(self) -> np.ndarray:
        return self.start_cells * np.concatenate([[1.0], np.cumprod(self.probabilities)])

    @property
    def final(self) -> np.ndarray:
        return self.counts[:, -1]


def simulate(probabilities, start_cells: int = START_CELLS, runs: int = RUNS, seed: int = SEED) -> Simulation:
    """Run the teaching model: at each step every surviving cell passes with the step's probability (binomial)."""
    probabilities = tuple(float(p) for p in probabilities)
    if len(probabilities) != len(STEPS):
        raise ValueError(f"need {len(STEPS)} step probabilities, got {len(probabilities)}")
    if not all(0.0 <= p <= 1.0 for p in probabilities):
        raise ValueError("every probability must be between 0 and 1")
    rng = np.random.default_rng(seed)
    counts = np.empty((runs, len(STEPS) + 1), dtype=np.int64)
    counts[:, 0] = int(start_cells)
    for k, p in enumerate(probabilities, start=1):
        counts[:, k] = rng.binomial(counts[:, k - 1], p)
    return Simulation(probabilities, int(start_cells), runs, seed, counts)


def _log_safe(values) -> list[float]:
    return [ZERO_AT if v <= 0 else float(v) for v in values]


def histogram(final: np.ndarray) -> tuple[list[str], list[int]]:
    """Bars of the final counts: one bar per value when the range is small, otherwise about 12 equal bins."""
    lo, hi = int(final.min()), int(final.max())
    if hi - lo <= 25:
        values = range(lo, hi + 1)
        return [str(v) for v in values], [int((final == v).sum()) for v in values]
    edges = np.unique(np.linspace(lo, hi + 1, 13).astype(int))
    labels = [f"{a:,}–{b - 1:,}" for a, b in zip(edges[:-1], edges[1:], strict=True)]
    counts = [int(((final >= a) & (final < b)).sum()) for a, b in zip(edges[:-1], edges[1:], strict=True)]
    return labels, counts


def summary(sim: Simulation) -> str:
    zero = int((sim.final == 0).sum())
    lo, med, hi = (int(round(v)) for v in np.percentile(sim.final, [5, 50, 95]))
    return (f"Across {sim.runs} runs: median {med:,} macrometastases; 9 in 10 runs between {lo:,} and {hi:,}; "
            f"{zero} of {sim.runs} runs formed none.")


def _preset_traces(sim: Simulation, label: str, visible: bool) -> list:
    p5, p50, p95 = np.percentile(sim.counts, [5, 50, 95], axis=0)
    hover = [f"<b>{html.escape(s)}</b><br>median {int(m):,} cells; 9 in 10 runs between {int(a):,} and {int(b):,}"
             f"<br>expected (average) {e:,.1f}"
             for s, m, a, b, e in zip(STEP_LONG, p50, p5, p95, sim.expected, strict=True)]
    labels, counts = histogram(sim.final)
    return [
        go.Scatter(x=STEP_SHORT, y=_log_safe(p95), mode="lines", line={"width": 0}, hoverinfo="skip",
                   visible=visible, name="95th percentile"),
        go.Scatter(x=STEP_SHORT, y=_log_safe(p5), mode="lines", line={"width": 0}, fill="tonexty",
                   fillcolor="rgba(0,114,178,0.18)", hoverinfo="skip", visible=visible, name="9 in 10 runs"),
        go.Scatter(x=STEP_SHORT, y=_log_safe(p50), mode="lines+markers", line={"color": PALETTE["blue"], "width": 3},
                   marker={"size": 9}, customdata=hover, visible=visible, name="Median of the runs",
                   hovertemplate="%{customdata}<extra>" + html.escape(label) + "</extra>"),
        go.Scatter(x=STEP_SHORT, y=_log_safe(sim.expected), mode="lines", hoverinfo="skip", visible=visible,
                   line={"color": PALETTE["black"], "dash": "dot"}, name="Expected (average)"),
        go.Bar(x=labels, y=counts, marker_color=PALETTE["vermillion"], name="Runs", visible=visible,
               hovertemplate="%{y} of " + str(sim.runs) + " runs ended with %{x} macrometastases<extra></extra>"),
    ]


MENU_Y = 1.4  # the scenario menu's bottom edge (paper); the note hangs below it


def _annotation(sim: Simulation, note: str, *, below_menu: bool) -> dict:
    """The teaching-model disclaimer and this run's summary: under the scenario menu when there is one (so the
    menu never covers it), else just above the plot."""
    text = wrap(summary(sim), 36) + ("<br>" + wrap(note, 36) if note else "")
    place = ({"y": MENU_Y, "yanchor": "top", "yshift": -8} if below_menu else {"y": 1.08, "yanchor": "bottom"})
    return {"text": "<b>Teaching model: illustrative<br>settings, not measured human values.</b><br>" + text,
            "xref": "paper", "yref": "paper", "x": 0, "xshift": -60, "xanchor": "left", **place,
            "showarrow": False, "align": "left", "font": {"size": 12, "color": "#333333"}}


def _sim_title(preset: Preset) -> str:
    return f"Cascade teaching model:<br>{html.escape(preset.label.lower())}"


def simulator(probabilities=None, *, start_cells: int = START_CELLS, seed: int = SEED) -> CourseFigure:
    """The cascade teaching model on a log scale, with the spread of 200 seeded runs.

    With no ``probabilities`` it draws every preset in :data:`PRESETS`, switched by a dropdown (the static book).
    With ``probabilities`` (five numbers) it draws that one setting (the live panel calls this).
    """
    if probabilities is None:
        chosen = PRESETS
    else:
        chosen = [Preset("custom", "Your settings", tuple(probabilities), int(start_cells))]
    sims = [simulate(p.probabilities, p.start_cells, RUNS, seed) for p in chosen]
    fig = make_subplots(rows=2, cols=1, row_heights=[0.6, 0.4], vertical_spacing=0.2,
                        subplot_titles=("Cells left after each step",
                                        "Macrometastases per run"))
    for i, sim in enumerate(sims):
        for j, trace in enumerate(_preset_traces(sim, chosen[i].label, i == 0)):
            trace.update(showlegend=False)
            fig.add_trace(trace, row=2 if j == TRACES_PER_PRESET - 1 else 1, col=1)
    titles = [a.to_plotly_json() for a in fig.layout.annotations]
    has_menu = len(chosen) > 1
    n = len(fig.data)
    buttons = [{"label": p.label, "method": "update",
                "args": [{"visible": [i * TRACES_PER_PRESET <= k < (i + 1) * TRACES_PER_PRESET for k in range(n)]},
                         {"annotations": titles + [_annotation(sims[i], p.note, below_menu=has_menu)],
                          "title.text": _sim_title(p)}]}
               for i, p in enumerate(chosen)]
    fig.update_layout(**base_layout(
        title={"text": _sim_title(chosen[0]), "font": {"size": 15}, "x": 0.01, "y": 0.99, "yanchor": "top",
               "xref": "container", "xanchor": "left"},
        height=860, margin={"l": 70, "r": 10, "t": 300 if has_menu else 220, "b": 60}, showlegend=False,
        annotations=titles + [_annotation(sims[0], chosen[0].note, below_menu=has_menu)],
        updatemenus=[dropdown(buttons, x=0, y=MENU_Y, label="Scenario")] if has_menu else [],
    ))
    top = max(s.start_cells for s in sims) * 2
    fig.update_yaxes(type="log", range=[np.log10(ZERO_AT) - 0.1, np.log10(top)], row=1, col=1,
                     tickvals=[ZERO_AT, 1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8],
                     ticktext=["0", "1", "10", "100", "1,000", "10,000", "100,000", "1 mill.", "10 mill.",
                               "100 mill."], title={"text": "Cells (log scale)"})
    fig.update_xaxes(tickangle=0, row=1, col=1, title={
        "text": "Line = median of the runs; shaded = 9 in<br>10 runs; dotted = average. Micro/macro =<br>"
                "small/large metastasis", "font": {"size": 12}})
    fig.update_yaxes(title={"text": "Runs"}, rangemode="tozero", row=2, col=1)
    fig.update_xaxes(title={"text": "Number of macrometastases"}, type="category", row=2, col=1)
    return CourseFigure(
        figure=fig, caption=_sim_caption(chosen[0], sims[0]), table=_sim_table(chosen, sims),
        source=(f"Teaching model (binomial simulation with numpy, {RUNS} runs, seed {seed}); every setting is "
                "illustrative. The pattern of efficient early steps and a growth bottleneck: "
                + _source_links("cascade_measurements", ["koop1995"]) + "; "
                + source_links.resource_links("spread_routes", ["chambers2002"]) + "."),
        alt=("Teaching model of the metastatic cascade: a line on a log scale falls from a million shed cells to a "
             "handful of macrometastases, with a shaded band for the spread of 200 random runs and a bar chart of "
             "how many macrometastases each run produced."),
        name="cascade-simulator",
        table_caption="Model settings and results for each scenario (illustrative, not measured)",
        notes=["The number of shed cells and every step probability are illustrative round numbers chosen for "
               "teaching."],
    )


def _sim_table(chosen, sims) -> pd.DataFrame:
    rows = []
    for preset, sim in zip(chosen, sims, strict=True):
        medians = np.percentile(sim.counts, 50, axis=0)
        row = {"Scenario": preset.label, "Cells shed (illustrative)": sim.start_cells}
        for step, p, m in zip(STEPS, sim.probabilities, medians[1:], strict=True):
            row[f"{step}: chance"] = p
            row[f"{step}: median cells"] = int(m)
        row["Runs with no macrometastasis"] = int((sim.final == 0).sum())
        rows.append(row)
    return pd.DataFrame(rows)


def _sim_caption(preset: Preset, sim: Simulation) -> str:
    med = int(np.percentile(sim.final, 50))
    lo, hi = (int(v) for v in np.percentile(sim.final, [5, 95]))
    return (f"In this teaching model, {sim.start_cells:,} shed cells pass five steps. With "
            f"'{preset.label.lower()}' settings, {sim.runs} random runs end with a median of {med} "
            f"macrometastases (9 in 10 runs between {lo} and {hi}). Tiny chances at a few steps, multiplied across "
            "huge numbers of cells, give a handful of tumors, and chance alone makes that handful vary. The "
            "settings are illustrative, not measured.")


def live_simulator():
    """Live version (ipywidgets): a preset menu, sliders for each step's chance and the number of shed cells, a seed
    and a reset button; every change re-runs the seeded simulations through :func:`simulator`."""
    import ipywidgets as widgets

    from metastasis.core.live import FigureView, reset_button

    default = PRESETS[0]
    style = {"description_width": "initial"}
    layout = widgets.Layout(width="100%")
    sliders = {
        f"p{i}": widgets.FloatLogSlider(value=p, base=10, min=-4, max=0, step=0.01, description=step,
                                        readout_format=".4f", continuous_update=False, style=style, layout=layout)
        for i, (step, p) in enumerate(zip(STEPS, default.probabilities, strict=True))
    }
    sliders["start"] = widgets.FloatLogSlider(value=default.start_cells, base=10, min=3, max=8, step=0.5,
                                              description="Cells shed into the blood", readout_format=".3g",
                                              continuous_update=False, style=style, layout=layout)
    sliders["seed"] = widgets.BoundedIntText(value=SEED, min=0, max=99_999, description="Random seed", style=style)
    menu = widgets.Dropdown(options=[(p.label, p.key) for p in PRESETS], value=default.key,
                            description="Start from", style=style)
    view = FigureView()
    status = widgets.HTML()  # the settings and the result in words: the live figure's text alternative
    defaults = {**{f"p{i}": p for i, p in enumerate(default.probabilities)}, "start": default.start_cells,
                "seed": SEED}
    state = {"figure": None, "hold": False}

    def redraw(*_):
        if state["hold"]:
            return
        probabilities = [sliders[f"p{i}"].value for i in range(len(STEPS))]
        start, seed = int(round(sliders["start"].value)), int(sliders["seed"].value)
        state["figure"] = simulator(probabilities, start_cells=start, seed=seed)
        chances = ", ".join(f"{p:.4g}" for p in probabilities)
        status.value = (f"<p><b>Your settings:</b> {start:,} cells shed; chance at each step {chances}; "
                        f"seed {seed}.<br>{html.escape(summary(simulate(probabilities, start, RUNS, seed)))}</p>")
        view.show(state["figure"])

    def apply_preset(change):
        preset = next(p for p in PRESETS if p.key == change["new"])
        state["hold"] = True  # move all five sliders, then draw once
        try:
            for i, p in enumerate(preset.probabilities):
                sliders[f"p{i}"].value = p
        finally:
            state["hold"] = False
        redraw()

    for control in sliders.values():
        control.observe(redraw, names="value")
    menu.observe(apply_preset, names="value")
    warning = widgets.HTML("<p><b>Teaching model.</b> The settings are illustrative, not measured human values. "
                           f"Each change re-runs {RUNS} simulations.</p>")
    redraw()
    box = widgets.VBox([warning, menu, *sliders.values(), reset_button(sliders, defaults), status, view.widget])
    box.current_figure = lambda: state["figure"]
    return box
