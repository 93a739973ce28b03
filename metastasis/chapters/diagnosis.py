"""Figures for chapter 3, "Diagnosis: finding and characterizing spread".

Four figures, every state precomputed from ``data/`` so they work in the static book:

- :func:`symptoms_body_map` — a simple body outline; choosing a site lists its symptoms, emergencies in red.
- :func:`distant_at_diagnosis` — share of cases already at the distant stage when found (SEER), sortable.
- :func:`growth_to_detection` — a doubling model: how long one cell takes to reach sizes scans can see, for
  sourced doubling times; :func:`growth_live` re-runs it with a slider in a live kernel.
- :func:`diagnostic_pathway` — the steps from first signs to a plan; a slider steps through them and a menu
  switches between three labelled illustrative journeys.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from metastasis.core import data
from metastasis.core.figures import PALETTE, CourseFigure, base_layout, dropdown, wrap_text

URGENT_COLOUR = PALETTE["vermillion"]
URGENT_TEXT = "#a63c00"  # vermillion darkened to 5:1 contrast on white, for text
CALM_COLOUR = PALETTE["blue"]
MUTED = "#b9c4cf"

# --------------------------------------------------------------------------------------------------------
# 1. Symptoms by site: body map
# --------------------------------------------------------------------------------------------------------

# Where each site's marker sits on the outline (x, y), its display name, and which side its label goes.
# Positions are drawing coordinates, not data. The person faces the reader, so their right is on the left.
SITE_LAYOUT = {
    "brain": ((3.0, 11.35), "Brain", "right"),
    "lymph nodes": ((3.45, 9.95), "Lymph nodes", "right"),
    "lung": ((3.5, 8.85), "Lungs", "right"),
    "spine": ((3.0, 8.05), "Spine (cord compression)", "right"),
    "liver": ((2.45, 7.55), "Liver", "left"),
    "abdomen": ((3.15, 6.6), "Abdomen (lining)", "right"),
    "bone": ((2.55, 4.2), "Bone", "left"),
    "blood calcium": ((0.3, 10.55), "Blood calcium", "right"),
    "whole body": ((0.3, 11.9), "Whole body", "right"),
}
DEFAULT_SITE = "bone"
LIST_TOP, LIST_STEP, WRAP = 0.25, 0.36, 46


def _body_outline() -> tuple[list[float], list[float]]:
    """A plain front-view outline (head, neck, arms, torso, legs) as one polyline with gaps."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    t = np.linspace(0, 2 * math.pi, 40)
    xs += list(3.0 + 0.62 * np.cos(t)) + [None]
    ys += list(11.3 + 0.72 * np.sin(t)) + [None]
    # neck, shoulders, arms, torso, legs (right half, then mirrored)
    half = [(0.22, 10.55), (0.25, 10.2), (1.15, 9.95), (1.45, 9.5), (1.7, 7.2), (1.9, 5.9), (1.55, 5.9),
            (1.25, 7.3), (1.1, 8.6), (1.05, 7.0), (1.0, 5.6), (0.95, 1.3), (0.35, 1.3), (0.08, 5.3),
            (0.0, 5.3)]
    right = [(3.0 + dx, y) for dx, y in half]
    left = [(3.0 - dx, y) for dx, y in reversed(half)]
    for x, y in right + left:
        xs.append(x)
        ys.append(y)
    return xs, ys


def _wrap(text: str, width: int = WRAP) -> str:
    return wrap_text(text, width, break_on_hyphens=True, break_long_words=True) or text


def symptoms_body_map(default_site: str = DEFAULT_SITE) -> CourseFigure:
    """Choose a site on a body outline to see its symptoms; emergencies are red and start with "Emergency"."""
    symptoms = data.load("symptoms_by_site")
    res = symptoms.attrs["resource"]
    sources = {s["id"]: s for s in res["sources"]}
    sites = [s for s in SITE_LAYOUT if s in set(symptoms["site"])]
    if default_site not in sites:
        raise ValueError(f"unknown site '{default_site}'")

    fig = go.Figure()
    ox, oy = _body_outline()
    fig.add_trace(go.Scatter(x=ox, y=oy, mode="lines", line={"color": "#8a8a8a", "width": 2},
                             hoverinfo="skip", showlegend=False, name="outline"))
    # all site markers (always visible, clickable-looking but driven by the menu)
    fig.add_trace(go.Scatter(
        x=[SITE_LAYOUT[s][0][0] for s in sites], y=[SITE_LAYOUT[s][0][1] for s in sites],
        mode="markers+text", name="sites", showlegend=False,
        marker={"size": 15, "color": PALETTE["sky"], "line": {"color": "#1f1f1f", "width": 1.2}},
        text=[SITE_LAYOUT[s][1] for s in sites],
        textposition=["middle " + SITE_LAYOUT[s][2] for s in sites],
        textfont={"size": 12, "color": "#222222"},
        hovertemplate="%{text}<extra></extra>",
    ))
    first_site_trace = len(fig.data)
    for site in sites:
        rows = symptoms[symptoms["site"] == site]
        (sx, sy), label, _ = SITE_LAYOUT[site]
        visible = site == default_site
        # a ring around the chosen site
        fig.add_trace(go.Scatter(x=[sx], y=[sy], mode="markers", visible=visible, showlegend=False,
                                 hoverinfo="skip", name=f"{label} (chosen)",
                                 marker={"size": 27, "color": "rgba(0,0,0,0)",
                                         "line": {"color": PALETTE["black"], "width": 3}}))
        ys, texts, colours, hovers = [], [], [], []
        top = LIST_TOP
        for row in rows.itertuples():
            prefix = "Emergency: " if row.urgent else ""
            wrapped = _wrap(prefix + row.symptom)
            n_lines = wrapped.count("<br>") + 1
            ys.append(top - (n_lines - 1) * LIST_STEP / 2)  # text is centred on y
            texts.append(wrapped)
            colours.append(URGENT_TEXT if row.urgent else "#222222")
            src = sources[row.source_id]
            flag = f"<br>{_wrap(row.urgent_basis, 60)}" if row.urgent else ""
            hovers.append(f"Source: {src['publisher']}, {_wrap(src['title'], 60)}{flag}")
            top -= LIST_STEP * n_lines + 0.22
        fig.add_trace(go.Scatter(
            x=[0.15] * len(ys), y=ys, mode="markers+text", visible=visible, showlegend=False,
            name=f"{label}: symptoms", text=texts, textposition="middle right",
            textfont={"size": 12.5, "color": colours},
            marker={"symbol": ["diamond" if c == URGENT_TEXT else "circle" for c in colours], "size": 10,
                    "color": [URGENT_COLOUR if c == URGENT_TEXT else CALM_COLOUR for c in colours]},
            hovertext=hovers, hovertemplate="%{hovertext}<extra></extra>",
        ))

    def title_for(site: str) -> str:
        label = SITE_LAYOUT[site][1].split(" (")[0]
        n_urgent = int(symptoms[(symptoms["site"] == site) & symptoms["urgent"]].shape[0])
        word = "an emergency" if n_urgent == 1 else "emergencies"
        tail = f"<br>({n_urgent} marked as {word})" if n_urgent else ""
        return f"Symptoms: {label.lower()}{tail}"

    buttons = []
    for site in sites:
        visible = [True, True]
        for other in sites:
            visible += [other == site, other == site]
        buttons.append({"label": SITE_LAYOUT[site][1], "method": "update",
                        "args": [{"visible": visible}, {"title.text": title_for(site)}]})
    lowest = min(min(t.y) for t in fig.data[first_site_trace + 1::2])
    fig.update_layout(**base_layout(
        title={"text": title_for(default_site), "font": {"size": 15}, "x": 0.01, "xref": "container",
               "xanchor": "left", "y": 0.975, "yanchor": "top"},
        height=940, showlegend=False,
        margin={"l": 8, "r": 8, "t": 96, "b": 8},
        xaxis={"range": [0, 6.2], "visible": False, "fixedrange": True},
        yaxis={"range": [lowest - 0.6, 12.4], "visible": False, "fixedrange": True},
        updatemenus=[dropdown(buttons, x=0, y=1.0, label="Choose a site",
                              active=sites.index(default_site))],
        annotations=[{"text": "Red diamond = described as an emergency by the source", "x": 0.15,
                      "y": LIST_TOP + 0.6, "xref": "x", "yref": "y", "showarrow": False, "xanchor": "left",
                      "font": {"size": 12, "color": URGENT_TEXT}}],
    ))

    table = symptoms.assign(
        Site=symptoms["site"].map(lambda s: SITE_LAYOUT[s][1]),
        Emergency=symptoms["urgent"].map({True: "Yes", False: "No"}),
        Source=symptoms["source_id"].map(lambda s: f"{sources[s]['publisher']}: {sources[s]['title']}"),
    )[["Site", "symptom", "Emergency", "urgent_basis", "Source"]]
    table = table.rename(columns={"symptom": "Symptom", "urgent_basis": "Why flagged (or not)"})
    n_urgent = int(symptoms["urgent"].sum())
    caption = (f"Symptoms depend mostly on where the cancer has spread, and several sites can cause no symptoms "
               f"at all. Of the {len(symptoms)} symptoms listed from patient-information sources, {n_urgent} are "
               f"described as emergencies: signs of spinal cord compression, a seizure, struggling to breathe, "
               f"and late signs of high calcium.")
    links = "; ".join(f'<a href="{s["path"]}">{data._escape(s["publisher"])}: {data._escape(s["title"])}</a>'
                      for s in res["sources"])
    return CourseFigure(
        figure=fig, caption=caption, table=table, source=links,
        alt=("A simple outline of a body with markers for the brain, lymph nodes, lungs, spine, liver, abdomen, "
             "bone, blood calcium and the whole body; a menu chooses a site and lists its symptoms below, "
             "with emergencies in red."),
        name="symptoms-body-map",
        table_caption="Symptoms of metastatic cancer by site, and whether the source calls them emergencies",
        notes=["Educational, not medical advice. If you have an emergency symptom, contact your care team or "
               "emergency services."],
    )


# --------------------------------------------------------------------------------------------------------
# 2. Already spread at diagnosis (SEER distant stage)
# --------------------------------------------------------------------------------------------------------

def distant_at_diagnosis() -> CourseFigure:
    """Share of each cancer's cases already at the SEER distant stage when first diagnosed; sortable."""
    seer = data.load("seer_stage_survival")
    dist = seer[(seer["stage"] == "Distant") & seer["pct_of_cases_at_stage"].notna()].copy()
    dist = dist.sort_values("pct_of_cases_at_stage", ascending=True)
    years = ", ".join(sorted(set(dist["data_years"])))
    labels = list(dist["site_label"])
    values = list(dist["pct_of_cases_at_stage"])
    hover_extra = [f"{'read on the SEER page' if v == 'verified' else 'read on a copy of the SEER page'}"
                   for v in dist["verification"]]
    fig = go.Figure(go.Bar(
        x=values, y=labels, orientation="h", marker_color=PALETTE["blue"],
        text=[f"{v:g}%" for v in values], textposition="outside", cliponaxis=False,
        customdata=np.column_stack([[f"{v:g}" for v in values], hover_extra, dist["data_years"]]),
        hovertemplate=("<b>%{y}</b><br>About %{customdata[0]} in 100 cases were found at the distant stage"
                       "<br>Diagnosed %{customdata[2]}, SEER 21 (%{customdata[1]})<extra></extra>"),
        name="Distant stage at diagnosis",
    ))
    by_share_desc = list(dist.sort_values(["pct_of_cases_at_stage", "site_label"],
                                          ascending=[True, False])["site_label"])
    by_share_asc = list(reversed(by_share_desc))
    alphabetical = sorted(labels, reverse=True)  # plotly draws the first category at the bottom
    orders = [("Most often spread first", by_share_desc), ("A to Z", alphabetical),
              ("Least often spread first", by_share_asc)]
    buttons = [{"label": name, "method": "relayout",
                "args": [{"yaxis.categoryorder": "array", "yaxis.categoryarray": order}]}
               for name, order in orders]
    fig.update_layout(**base_layout(
        title={"text": "Already spread when first found<br>(share of cases at the distant stage)",
               "font": {"size": 15}, "x": 0.01, "xref": "container", "xanchor": "left", "y": 0.975,
               "yanchor": "top"},
        height=max(460, 24 * len(labels) + 170),
        xaxis={"title": {"text": f"% of cases ({years})"}, "range": [0, 68],
               "ticksuffix": "%", "fixedrange": True},
        yaxis={"automargin": True, "categoryorder": "array", "categoryarray": by_share_desc,
               "fixedrange": True},
        showlegend=False,
        margin={"l": 10, "r": 30, "t": 130, "b": 56},
        updatemenus=[dropdown(buttons, x=0, y=1.0, label="Sort the bars", kind="dropdown")],
    ))
    table = dist.sort_values("pct_of_cases_at_stage", ascending=False)[
        ["site_label", "pct_of_cases_at_stage", "data_years", "verification"]]
    table.columns = ["Cancer site", "Distant stage at diagnosis (%)", "Diagnosed", "Verification"]
    top, bottom = table.iloc[0], table.iloc[-1]
    caption = (f"How often a cancer has already spread to distant parts of the body when it is first found "
               f"varies widely: {top['Distant stage at diagnosis (%)']:g}% of {top['Cancer site'].lower()} "
               f"cases but {bottom['Distant stage at diagnosis (%)']:g}% of {bottom['Cancer site'].lower()} "
               f"cases were diagnosed at the distant stage (SEER, {years}). Later spread is not counted.")
    return CourseFigure(
        figure=fig, caption=caption, table=table, source=data.source_line("seer_stage_survival"),
        alt=(f"Horizontal bar chart of the percent of cases already at the distant stage when diagnosed, for "
             f"{len(labels)} cancer sites, with a menu to sort the bars."),
        name="distant-at-diagnosis",
        table_caption=f"Percent of cases diagnosed at the SEER distant stage, {years}",
        notes=["SEER 'distant' is a summary stage at diagnosis, not TNM stage IV, and it does not include "
               "cancers that spread later. Percentages are rounded as SEER shows them."],
    )


# --------------------------------------------------------------------------------------------------------
# 3. Why early spread hides: growth to a detectable size
# --------------------------------------------------------------------------------------------------------

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
        updatemenus = [
            dropdown(curve_buttons, x=0, y=1.0, label="Doubling time", kind="dropdown"),
            dropdown(density_buttons, x=0, y=1.1, label="Cells per cubic centimeter", kind="dropdown"),
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
        margin={"l": 70, "r": 16, "t": 170 if updatemenus else 90, "b": 110},
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
    links = "; ".join(f'<a href="{s["path"]}">{data._escape(s["title"])}</a>' for s in res["sources"]
                      if s["id"] in src_ids)
    return CourseFigure(
        figure=fig, caption=caption, table=table, source=links,
        alt=("Line chart on a log scale of cancer cells against years since the first cell, for several "
             "doubling times, with shaded bands where PET/CT and 'about 1 cm' detection limits lie; buttons pick "
             "a doubling time and a menu changes the assumed cells per cubic centimeter."),
        name="growth-to-detection",
        table_caption="Doublings and years (steady-doubling model) for each doubling time to reach each size",
        notes=["Model: steady doubling from one cell. Sizes are converted to cells with the stated cells per "
               "cm3; spot sizes are treated as spheres. Doubling times were measured on visible primary tumors."],
    )


def growth_live():
    """A live panel: a doubling-time slider and a density menu that re-run :func:`growth_to_detection`."""
    import ipywidgets as widgets
    from IPython.display import display

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
    out = widgets.Output()
    state = {"figure": None}

    def redraw(*_):
        state["figure"] = growth_to_detection(doubling_days=slider.value, cells_per_cm3=density.value)
        out.clear_output(wait=True)
        with out:
            display(state["figure"])

    slider.observe(redraw, names="value")
    density.observe(redraw, names="value")
    reset = live.reset_button({"days": slider, "density": density},
                              {"days": int(default_days), "density": k["densities"][0][2]})
    redraw()
    box = widgets.VBox([widgets.HBox([slider, density]), reset, out])
    box.state = state  # tests read the current figure here
    box.controls = {"days": slider, "density": density, "reset": reset}
    return box


# --------------------------------------------------------------------------------------------------------
# 4. The diagnostic pathway
# --------------------------------------------------------------------------------------------------------

def diagnostic_pathway(default_scenario: str = "all") -> CourseFigure:
    """The steps from first signs to a plan. A slider steps through them (what each step answers and cannot
    tell); a menu shows three labelled illustrative journeys (which steps usually apply, and what happens)."""
    path = data.load("diagnostic_pathway")
    steps = path[path["scenario_id"] == "all"].sort_values("step_order")
    scenario_ids = list(dict.fromkeys(path["scenario_id"]))
    if default_scenario not in scenario_ids:
        raise ValueError(f"unknown scenario '{default_scenario}'")
    n = len(steps)
    ys = [float(n - i) * 1.25 for i in range(n)]  # step 1 at the top
    node_x, text_x = 0.35, 0.75

    fig = go.Figure()
    fig.add_trace(go.Scatter(x=[node_x] * n, y=ys, mode="lines", line={"color": "#8a8a8a", "width": 2},
                             hoverinfo="skip", showlegend=False, name="pathway"))
    for scen in scenario_ids:
        rows = path[path["scenario_id"] == scen].sort_values("step_order")
        visible = scen == default_scenario
        applies = list(rows["applies"])
        fig.add_trace(go.Scatter(
            x=[node_x] * n, y=ys, mode="markers+text", visible=visible, showlegend=False,
            name=f"{rows['scenario'].iloc[0]}: steps",
            text=[str(o) for o in rows["step_order"]], textfont={"color": "#ffffff", "size": 12},
            marker={"size": 24, "color": [PALETTE["blue"] if a else "#ffffff" for a in applies],
                    "line": {"color": PALETTE["blue"], "width": 2}},
            hoverinfo="skip",
        ))
        if scen == "all":
            details = [f"<b>{r.step}</b><br>{_wrap(r.detail.split(' Limit: ')[0], 48)}" for r in rows.itertuples()]
        else:
            details = [f"<b>{r.step}</b>{'' if r.applies else ' (sometimes)'}<br>{_wrap(r.detail, 48)}"
                       for r in rows.itertuples()]
        fig.add_trace(go.Scatter(
            x=[text_x] * n, y=ys, mode="text", visible=visible, showlegend=False,
            name=f"{rows['scenario'].iloc[0]}: details", text=details, textposition="middle right",
            textfont={"size": 11.5, "color": "#222222"}, hoverinfo="skip",
        ))
    ring_index = len(fig.data)
    fig.add_trace(go.Scatter(x=[node_x], y=[ys[0]], mode="markers", showlegend=False, hoverinfo="skip",
                             name="current step",
                             marker={"size": 38, "color": "rgba(0,0,0,0)",
                                     "line": {"color": PALETTE["vermillion"], "width": 4}}))
    info_index = len(fig.data)
    info_y = ys[-1] - 0.9

    def info_text(row) -> str:
        question, _, limit = row.detail.partition(" Limit: ")
        return (f"<b>Step {row.step_order}: {_wrap(row.step, 40)}</b><br>{_wrap('Answers: ' + question, 46)}"
                f"<br>{_wrap('Cannot tell: ' + limit, 46)}")

    first = steps.iloc[0]
    fig.add_trace(go.Scatter(x=[0.05], y=[info_y], mode="text", showlegend=False, hoverinfo="skip",
                             name="step explanation", text=[info_text(first)], textposition="bottom right",
                             textfont={"size": 12, "color": "#222222"}))

    slider_steps = []
    for i, row in enumerate(steps.itertuples()):
        slider_steps.append({
            "label": str(row.step_order), "method": "restyle",
            "args": [{"y": [[ys[i]], [info_y]], "text": [None, [info_text(row)]]}, [ring_index, info_index]],
        })
    scenario_labels = {s: path[path["scenario_id"] == s]["scenario"].iloc[0] for s in scenario_ids}
    menu = []
    for scen in scenario_ids:
        visible = [True]
        for other in scenario_ids:
            visible += [other == scen, other == scen]
        visible += [True, True]
        label = "What each step is for" if scen == "all" else f"Journey: {scenario_labels[scen].lower()}"
        title = ("The diagnostic pathway" if scen == "all"
                 else f"Illustrative journey (not a real person):<br>{scenario_labels[scen].lower()}")
        menu.append({"label": label, "method": "update", "args": [{"visible": visible}, {"title.text": title}]})
    fig.update_layout(**base_layout(
        title={"text": "The diagnostic pathway", "font": {"size": 15}, "x": 0.01, "xref": "container",
               "xanchor": "left", "y": 0.975, "yanchor": "top"},
        height=900, showlegend=False,
        margin={"l": 8, "r": 8, "t": 110, "b": 80},
        xaxis={"range": [0, 6.4], "visible": False, "fixedrange": True},
        yaxis={"range": [info_y - 2.6, ys[0] + 0.8], "visible": False, "fixedrange": True},
        updatemenus=[dropdown(menu, x=0, y=1.0, label="Choose a journey",
                              active=scenario_ids.index(default_scenario))],
        sliders=[{"active": 0, "steps": slider_steps, "x": 0.05, "len": 0.9, "y": 0, "yanchor": "top",
                  "pad": {"t": 10}, "currentvalue": {"prefix": "Step ", "font": {"size": 13}},
                  "name": "Step through the pathway", "font": {"size": 12}}],
    ))
    table = path.assign(Scenario=path["scenario"], Step=path["step"],
                        **{"Usually part of it": path["applies"].map({True: "yes", False: "sometimes"})})
    table = table[["Scenario", "step_order", "Step", "Usually part of it", "detail", "source_id"]]
    table = table.rename(columns={"step_order": "No.", "detail": "What happens / what it answers",
                                  "source_id": "Source id"})
    res = path.attrs["resource"]
    links = "; ".join(f'<a href="{s["path"]}">{data._escape(s["publisher"])}: {data._escape(s["title"])}</a>'
                      for s in res["sources"])
    caption = (f"Finding and characterizing spread usually takes {n} kinds of step, each answering a different "
               f"question; scans find spots, a biopsy shows what they are, and the plan brings everything "
               f"together. The journeys are illustrative composites, not real people, and contain no statistics.")
    return CourseFigure(
        figure=fig, caption=caption, table=table, source=links,
        alt=(f"A vertical pathway of {n} numbered steps from symptoms to a treatment plan; a slider highlights "
             f"one step and explains what it answers and cannot tell, and a menu switches to three illustrative "
             f"journeys."),
        name="diagnostic-pathway",
        table_caption="The diagnostic pathway: each step, and three illustrative journeys",
    )
