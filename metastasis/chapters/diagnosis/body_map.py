"""Figure: symptoms by site on a body map."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from metastasis.chapters.diagnosis.common import CALM_COLOUR, URGENT_COLOUR, URGENT_TEXT
from metastasis.core import data
from metastasis.core import sources as source_links
from metastasis.core.figures import PALETTE, CourseFigure, base_layout, dropdown, wrap_text

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



NOT_ON_CARD = "No row on the card: tell the care team about anything new or getting worse"


def help_level_text(help_id) -> str:
    """What the symptom table says under "When to get help": the level of the when-to-get-help card's row (never
    a bare "no", which a frightened reader would take to mean "this can wait")."""
    from metastasis.chapters import symptoms_pain_and_emergencies as help_chapter

    if help_id is None or help_id is pd.NA or (isinstance(help_id, float) and pd.isna(help_id)) or not help_id:
        return NOT_ON_CARD
    rows = help_chapter.help_rows().set_index("help_id")
    if help_id not in rows.index:
        raise data.DataValidationError(f"data/symptoms_by_site.csv: help_id '{help_id}' is not a row of "
                                       f"data/when_to_get_help.csv")
    row = rows.loc[help_id]
    return f"{row['level_label']} (card: {row['topic']})"


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
        annotations=[{"text": "Red diamond = described as an<br>emergency by the source", "x": 0.15,
                      "y": LIST_TOP + 0.6, "xref": "x", "yref": "y", "showarrow": False, "xanchor": "left",
                      "font": {"size": 12, "color": URGENT_TEXT}}],
    ))

    table = symptoms.assign(
        Site=symptoms["site"].map(lambda s: SITE_LAYOUT[s][1]),
        **{"When to get help": symptoms["help_id"].map(help_level_text)},
        Source=symptoms["source_id"].map(lambda s: f"{sources[s]['publisher']}: {sources[s]['title']}"),
    )[["Site", "symptom", "When to get help", "Source"]]
    table = table.rename(columns={"symptom": "Symptom"})
    n_urgent = int(symptoms["urgent"].sum())
    caption = (f"Symptoms depend mostly on where the cancer has spread, and several sites can cause no symptoms "
               f"at all. Of the {len(symptoms)} symptoms listed from patient-information sources, {n_urgent} are "
               f"described as emergencies: signs of spinal cord compression, a seizure, struggling to breathe, "
               f"and late signs of high calcium.")
    links = source_links.links(res["sources"], who=True)
    return CourseFigure(
        figure=fig, caption=caption, table=table, source=links,
        alt=("A simple outline of a body with markers for the brain, lymph nodes, lungs, spine, liver, abdomen, "
             "bone, blood calcium and the whole body; a menu chooses a site and lists its symptoms below, "
             "with emergencies in red."),
        name="symptoms-body-map",
        table_caption="Symptoms of metastatic cancer by site, and whether the source calls them emergencies",
        notes=["Educational, not medical advice. If you have an emergency symptom, contact your care team or "
               "emergency services.",
               'The levels (call emergency services now; call the care team today, at any hour; mention it at the '
               'next visit) and their sources are on the <a href="symptoms-pain-and-emergencies.html#when-to-get-help">'
               'when-to-get-help card</a>.'],
    )
