"""Figure: why early spread hides, growth to a detectable size; its live panel."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from metastasis.chapters.diagnosis.body_map import _wrap
from metastasis.core import data
from metastasis.core import sources as source_links
from metastasis.core.figures import PALETTE, CourseFigure, base_layout, dropdown


def _sphere_cm3(diameter_mm: float) -> float:
    """Volume of a sphere (cm3) from its diameter in millimetres (geometry, not data)."""
    d_cm = diameter_mm / 10.0
    return math.pi / 6.0 * d_cm ** 3


def growth_constants() -> dict:
    """The sourced constants of the growth model, from ``data/tumor_growth_constants.csv``."""
    c = data.load("tumor_growth_constants").set_index("constant_id")
    presets = c[c["kind"] == "doubling_time"].sort_values("value")
    densities = c[c["kind"] == "cells_per_cm3"].sort_values("value", ascending=False)
    rng = c.loc["dt-range-general"]
    pet_hi, pet_lo = c.loc["detect-pet-high-contrast"], c.loc["detect-pet-low-contrast"]
    clinical = c.loc["detect-clinical-1cm"]
    thresholds = [
        {"id": "pet-high", "label": f"PET/CT best case (bright spot, {pet_hi['low']:.0f}-{pet_hi['high']:.0f} mm)",
         "short": pet_hi["short_label"], "cm3_low": _sphere_cm3(pet_hi["low"]),
         "cm3_high": _sphere_cm3(pet_hi["high"]), "colour": PALETTE["green"]},
        {"id": "pet-low", "label": f"PET/CT, faint spot ({pet_lo['low']:.0f}-{pet_lo['high']:.0f} mm)",
         "short": pet_lo["short_label"],
         "cm3_low": _sphere_cm3(pet_lo["low"]), "cm3_high": _sphere_cm3(pet_lo["high"]),
         "colour": PALETTE["orange"]},
        {"id": "clinical", "label": f"About {clinical['value']:g} cm3: 'noticeable size'",
         "short": clinical["short_label"],
         "cm3_low": float(clinical["value"]), "cm3_high": float(clinical["value"]), "colour": PALETTE["pink"]},
    ]
    return {
        "presets": [(row.Index, f"{row.value:g} days: {row.short_label}", float(row.value), row.source_id)
                    for row in presets.itertuples()],
        "densities": [(row.Index, row.label, float(row.value)) for row in densities.itertuples()],
        "range": (float(rng["low"]), float(rng["high"])),
        "thresholds": thresholds,
        "frame": c,
    }


def _cells_words(n: float) -> str:
    """1e9 -> '1 billion', 1e8 -> '100 million' (for labels)."""
    if n >= 1e9:
        return f"{n / 1e9:g} billion"
    if n >= 1e6:
        return f"{n / 1e6:g} million"
    return f"{n:g}"


def _threshold_ys(thresholds: list[dict], density: float) -> list[list[float]]:
    """y values (cells) of each threshold trace: two points for a line, a closed box for a band."""
    out = []
    for th in thresholds:
        lo, hi = th["cm3_low"] * density, th["cm3_high"] * density
        out.append([lo, lo] if lo == hi else [lo, lo, hi, hi, lo])
    return out


def years_to_reach(cells: float, doubling_days: float) -> float:
    """Years for one cell, doubling every ``doubling_days``, to reach ``cells`` (steady doubling)."""
    return math.log2(cells) * doubling_days / 365.25


def _curve(doubling_days: float, years_max: float) -> tuple[np.ndarray, np.ndarray]:
    t = np.linspace(0, years_max, 61)
    return t, np.power(2.0, t * 365.25 / doubling_days)


# On a phone the two menus do not fit side by side: stack them, with a taller figure so the plot keeps its height
# under the legend, which wraps to more rows.
NARROW = {"height": 820, "margin.t": 200, "updatemenus[1].x": 0, "updatemenus[1].xanchor": "left",
          "updatemenus[1].y": 1.14}


def growth_to_detection(doubling_days: float | None = None, cells_per_cm3: float | None = None,
                        years_max: float | None = None) -> CourseFigure:
    """From one cell to a size scans can see, for sourced doubling times (steady-doubling model).

    With no arguments: one curve per sourced doubling time, buttons to pick one, and a menu for the cells
    per cm3 assumption (which moves the detection thresholds). With ``doubling_days`` (the live panel): one
    curve for that doubling time and the thresholds for ``cells_per_cm3``.
    """
    k = growth_constants()
    densities = k["densities"]
    density = cells_per_cm3 if cells_per_cm3 is not None else densities[0][2]
    if doubling_days is not None:
        low, high = k["range"]
        if not low <= doubling_days <= high:
            raise ValueError(f"doubling time {doubling_days} days is outside the sourced range {low}-{high}")
        presets = [("custom", f"Chosen: doubling every {doubling_days:g} days", float(doubling_days), "")]
    else:
        presets = k["presets"]
    top_threshold = max(t["cm3_high"] for t in k["thresholds"]) * max(d[2] for d in densities)
    slowest = max(p[2] for p in presets)
    if years_max is None:
        years_max = math.ceil(years_to_reach(top_threshold * 2, slowest) / 5) * 5
    colours = [PALETTE["blue"], PALETTE["vermillion"], PALETTE["sky"], PALETTE["black"]]

    fig = go.Figure()
    for i, (_, label, days, _src) in enumerate(presets):
        t, cells = _curve(days, years_max)
        fig.add_trace(go.Scatter(
            x=t, y=cells, mode="lines", name=f"{days:g} days", legendgroup="curves",
            line={"color": colours[i % len(colours)], "width": 3, "dash": ["solid", "dash", "dot", "dashdot"][i % 4]},
            meta={"doubling_days": days},
            hovertemplate=(f"{_wrap(label, 40)}<br>After %{{x:.1f}} years: about %{{y:.2s}} cells"
                           "<extra></extra>"),
        ))
    n_curves = len(presets)
    # detection thresholds as horizontal bands (low..high) across the plot
    for th, ys_th in zip(k["thresholds"], _threshold_ys(k["thresholds"], density), strict=True):
        if th["cm3_low"] == th["cm3_high"]:  # a single value: a dashed line
            fig.add_trace(go.Scatter(
                x=[0, years_max], y=ys_th, mode="lines", line={"color": th["colour"], "width": 3, "dash": "dash"},
                name=th["short"], hovertemplate=f"{th['label']}<br>about %{{y:.2s}} cells<extra></extra>",
            ))
        else:  # a range: a shaded band
            fig.add_trace(go.Scatter(
                x=[0, years_max, years_max, 0, 0], y=ys_th, fill="toself", mode="lines",
                line={"color": th["colour"], "width": 1}, fillcolor=th["colour"], opacity=0.4,
                name=th["short"], hovertemplate=f"{th['label']}<br>about %{{y:.2s}} cells<extra></extra>",
            ))
    fig.add_trace(go.Scatter(
        x=[years_max * 0.02] * 2, y=[1, 1e3], mode="text", showlegend=False, hoverinfo="skip",
        text=["one cell", "a thousand cells"], textposition="middle right", textfont={"size": 12},
    ))

    updatemenus = []
    if doubling_days is None:
        curve_buttons = [{"label": "All doubling times", "method": "restyle",
                          "args": [{"opacity": [1.0] * n_curves, "line.width": [3] * n_curves},
                                   list(range(n_curves))]}]
        for i, (_, label, _days, _src) in enumerate(presets):
            curve_buttons.append({
                "label": label, "method": "restyle",
                "args": [{"opacity": [1.0 if j == i else 0.2 for j in range(n_curves)],
                          "line.width": [5 if j == i else 2 for j in range(n_curves)]}, list(range(n_curves))],
            })
        density_buttons = [
            {"label": f"{_cells_words(d)} cells per cm3",
             "method": "restyle",
             "args": [{"y": _threshold_ys(k["thresholds"], d)},
                      list(range(n_curves, n_curves + len(k["thresholds"])))]}
            for _, d_label, d in densities
        ]
        updatemenus = [  # side by side above the plot; stacked on a phone (NARROW below)
            dropdown(curve_buttons, x=0, y=1.02, label="Doubling time", kind="dropdown"),
            {**dropdown(density_buttons, x=1, y=1.02, label="Cells per cubic centimeter", kind="dropdown"),
             "xanchor": "right"},
        ]
    fig.update_layout(**base_layout(
        title={"text": "From one cell to a size scans can see<br>(a steady-doubling model)",
               "font": {"size": 15}, "x": 0.01, "xref": "container", "xanchor": "left", "y": 0.975,
               "yanchor": "top"},
        height=660,
        xaxis={"title": {"text": "Years since the first cancer cell (model)", "font": {"size": 13}},
               "range": [0, years_max], "fixedrange": True},
        yaxis={"title": {"text": "Cancer cells (log scale)", "font": {"size": 13}}, "type": "log",
               "range": [-0.3, math.log10(top_threshold * 4)], "exponentformat": "power", "fixedrange": True},
        legend={"orientation": "h", "y": -0.2, "x": 0, "font": {"size": 12}},
        margin={"l": 70, "r": 16, "t": 120 if updatemenus else 90, "b": 110},
        updatemenus=updatemenus,
    ))

    rows = []
    for _, _label, days, src in presets:
        for _d_id, _d_label, d in densities if cells_per_cm3 is None else [("chosen", "chosen", density)]:
            for th in k["thresholds"]:
                cells = th["cm3_low"] * d
                rows.append({"Doubling time (days)": days, "Doubling time source": src or "chosen",
                             "Cells per cm3": f"{d:.0e}", "Threshold": th["label"],
                             "Cells at threshold": f"{cells:.1e}", "Doublings": round(math.log2(cells), 1),
                             "Years (model)": round(years_to_reach(cells, days), 1)})
    table = pd.DataFrame(rows)
    first = table.iloc[0]
    fastest = min(p[2] for p in presets)
    pet_best = table[(table["Doubling time (days)"] == fastest) & (table["Threshold"] == k["thresholds"][0]["label"])]
    caption = (f"In this model a tumor needs about {table['Doublings'].min():.0f} to "
               f"{table['Doublings'].max():.0f} doublings before it reaches sizes that scans can see; with a "
               f"doubling time of {fastest:g} days that takes about {pet_best['Years (model)'].min():g} years or "
               f"more. Most of a tumor's growth happens while it is too small to detect. A model, not a "
               f"measurement: real growth is not steady.")
    del first
    src_ids = sorted({p[3] for p in presets if p[3]} | {"delmonte2009", "adler2017", "unm-doubling"})
    res = data.resource("tumor_growth_constants")
    links = source_links.links([s for s in res["sources"] if s["id"] in src_ids])
    return CourseFigure(
        figure=fig, caption=caption, table=table, source=links,
        alt=("Line chart on a log scale of cancer cells against years since the first cell, for several "
             "doubling times, with shaded bands where PET/CT and 'about 1 cm' detection limits lie; buttons pick "
             "a doubling time and a menu changes the assumed cells per cubic centimeter."),
        name="growth-to-detection",
        narrow_layout=NARROW if updatemenus else {},
        table_caption="Doublings and years (steady-doubling model) for each doubling time to reach each size",
        notes=["Model: steady doubling from one cell. Sizes are converted to cells with the stated cells per "
               "cm3; spot sizes are treated as spheres. Doubling times were measured on visible primary tumors."],
    )


def growth_live():
    """A live panel: a doubling-time slider and a density menu that re-run :func:`growth_to_detection`."""
    import ipywidgets as widgets

    from metastasis.core import live

    k = growth_constants()
    low, high = k["range"]
    default_days = k["presets"][0][2]
    slider = widgets.IntSlider(value=int(default_days), min=int(low), max=int(high), step=1,
                               description="Doubling (days)", continuous_update=False,
                               style={"description_width": "initial"}, layout={"width": "420px"})
    density = widgets.Dropdown(options=[(f"{label} ({d:.0e} per cm3)", d) for _, label, d in k["densities"]],
                               value=k["densities"][0][2], description="Cells per cm3",
                               style={"description_width": "initial"})
    view = live.FigureView()
    state = {"figure": None}

    def redraw(*_):
        state["figure"] = growth_to_detection(doubling_days=slider.value, cells_per_cm3=density.value)
        view.show(state["figure"])

    slider.observe(redraw, names="value")
    density.observe(redraw, names="value")
    reset = live.reset_button({"days": slider, "density": density},
                              {"days": int(default_days), "density": k["densities"][0][2]})
    redraw()
    box = widgets.VBox([widgets.HBox([slider, density]), reset, view.widget])
    box.state = state  # tests read the current figure here
    box.controls = {"days": slider, "density": density, "reset": reset}
    return box
