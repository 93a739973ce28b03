"""Figures for the chapter "Metastases by site".

Two figures, every state precomputed from ``data/`` so they work in the static book:

- :func:`local_options_map` — a body outline with the sites of spread; a menu chooses a site and lists its local
  options (and where drug treatment matters more), each with its source, from ``site_local_treatments``.
- :func:`organ_by_primary` — for one organ at a time, how often each primary cancer had already reached it at
  diagnosis. It reuses the study rows the "How cancer spreads" chapter shows (its ``STATES``), turned the other way
  round, so both chapters draw the same numbers.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from metastasis.chapters.how_cancer_spreads import spread
from metastasis.core import data
from metastasis.core import sources as source_links
from metastasis.core.figures import PALETTE, URGENT_TEXT, CourseFigure, base_layout, dropdown, wrap_text

# --------------------------------------------------------------------------------------------------------
# 1. Local options by site: body map
# --------------------------------------------------------------------------------------------------------

# Marker position on the shared body outline (spread.BODY_PATH coordinates), menu label, label side.
# Drawing coordinates, not data. The person faces the reader.
SITE_LAYOUT = {
    "brain": ((4.6, 18.4), "Brain", "left"),
    "meninges": ((5.5, 17.4), "Brain and spinal cord linings", "right"),
    "lymph nodes": ((5.35, 15.7), "Lymph nodes", "right"),
    "lung": ((4.1, 14.0), "Lungs", "left"),
    "pleura": ((6.6, 14.0), "Pleura (fluid around the lungs)", "right"),
    "liver": ((3.95, 11.7), "Liver", "left"),
    "adrenal glands": ((6.2, 11.0), "Adrenal glands", "right"),
    "peritoneum": ((5.6, 9.0), "Peritoneum (fluid in the abdomen)", "right"),
    "bone": ((3.85, 4.6), "Bone and spine", "left"),
}
DEFAULT_SITE = "brain"
# How each kind of option is drawn: marker symbol, colour, and the word the legend uses.
KIND_STYLE = {
    "drug treatment": ("diamond", PALETTE["orange"], "Drug treatment for the whole body"),
    "urgent assessment": ("triangle-up", PALETTE["vermillion"], "Urgent"),
    "medicine": ("square", PALETTE["green"], "Medicine for symptoms or side effects"),
}
LOCAL_STYLE = ("circle", PALETTE["blue"], "Local treatment")
WRAP, LINE = 44, 1.0


def _style(kind: str) -> tuple[str, str, str]:
    return KIND_STYLE.get(kind, LOCAL_STYLE)


def _publisher(sources: dict, source_id: str) -> str:
    return sources[source_id]["publisher"]


def _option_text(row, sources: dict) -> tuple[str, int]:
    """One option as wrapped SVG text (name in bold, what it does, the source), and its number of lines."""
    prefix = "Urgent: " if row.kind == "urgent assessment" else ""
    name = wrap_text(prefix + row.option, WRAP, escape=True)
    body = wrap_text(row.what_it_does, WRAP, escape=True)
    source = wrap_text(f"Source: {_publisher(sources, row.source_id)}", WRAP, escape=True)
    text = f"<b>{name}</b><br>{body}<br><i>{source}</i>"
    return text, text.count("<br>") + 1


def _site_list(rows: pd.DataFrame, sources: dict) -> tuple[list[float], list[str], list[int]]:
    """y positions (top down, centred on each item), texts and line counts for one site's options."""
    ys, texts, lines = [], [], []
    top = 0.0
    for row in rows.itertuples():
        text, n = _option_text(row, sources)
        ys.append(top - (n - 1) * LINE / 2)
        texts.append(text)
        lines.append(n)
        top -= n * LINE + 0.7
    return ys, texts, lines


def _title(site: str, rows: pd.DataFrame) -> str:
    n_local = int((~rows["kind"].isin(["drug treatment", "medicine", "urgent assessment"])).sum())
    label = SITE_LAYOUT[site][1]
    return f"{label}: {len(rows)} options<br>({n_local} local treatments)"


def local_options_map(default_site: str = DEFAULT_SITE) -> CourseFigure:
    """Choose a site on a body outline to list its local options and where drug treatment matters more."""
    options = data.load("site_local_treatments")
    res = options.attrs["resource"]
    sources = {s["id"]: s for s in res["sources"]}
    sites = [s for s in SITE_LAYOUT if s in set(options["site"])]
    missing = sorted(set(options["site"]) - set(SITE_LAYOUT))
    if missing:
        raise ValueError(f"site_local_treatments: no place on the body map for {missing}")
    if default_site not in sites:
        raise ValueError(f"unknown site '{default_site}'")

    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=[SITE_LAYOUT[s][0][0] for s in sites], y=[SITE_LAYOUT[s][0][1] for s in sites],
        mode="markers+text", name="sites", showlegend=False,
        marker={"size": 14, "color": PALETTE["sky"], "line": {"color": "#1f1f1f", "width": 1.2}},
        text=[wrap_text(SITE_LAYOUT[s][1], 16) for s in sites],
        textposition=["middle " + SITE_LAYOUT[s][2] for s in sites],
        textfont={"size": 11.5, "color": "#222222"}, cliponaxis=False,
        hovertemplate="%{text}<extra></extra>",
    ))
    lowest = 0.0
    for site in sites:
        rows = options[options["site"] == site]
        (sx, sy), label, _ = SITE_LAYOUT[site]
        visible = site == default_site
        fig.add_trace(go.Scatter(
            x=[sx], y=[sy], mode="markers", visible=visible, showlegend=False, hoverinfo="skip",
            name=f"{label} (chosen)",
            marker={"size": 26, "color": "rgba(0,0,0,0)", "line": {"color": PALETTE["black"], "width": 3}}))
        ys, texts, lines = _site_list(rows, sources)
        lowest = min(lowest, ys[-1] - lines[-1] * LINE / 2)
        styles = [_style(k) for k in rows["kind"]]
        fig.add_trace(go.Scatter(
            x=[0.02] * len(ys), y=ys, xaxis="x2", yaxis="y2", mode="markers+text", visible=visible,
            showlegend=False, name=f"{label}: options", text=texts, textposition="middle right",
            textfont={"size": 12, "color": [URGENT_TEXT if k == "urgent assessment" else "#222222"
                                            for k in rows["kind"]]},
            marker={"symbol": [s[0] for s in styles], "color": [s[1] for s in styles], "size": 11},
            customdata=[sources[s]["title"] for s in rows["source_id"]],
            hovertemplate="Source: %{customdata}<extra></extra>", cliponaxis=False,
        ))

    buttons = []
    for site in sites:
        visible = [True]
        for other in sites:
            visible += [other == site, other == site]
        rows = options[options["site"] == site]
        buttons.append({"label": SITE_LAYOUT[site][1], "method": "update",
                        "args": [{"visible": visible}, {"title.text": _title(site, rows)}]})
    legend = " · ".join(f"{'◆▲■●'[i]} {name}" for i, (_, _, name) in
                        enumerate([KIND_STYLE["drug treatment"], KIND_STYLE["urgent assessment"],
                                   KIND_STYLE["medicine"], LOCAL_STYLE]))
    default_rows = options[options["site"] == default_site]
    fig.update_layout(**base_layout(
        title={"text": _title(default_site, default_rows), "font": {"size": 15}, "x": 0.01, "xref": "container",
               "xanchor": "left", "y": 0.985, "yanchor": "top"},
        height=1500, showlegend=False,
        margin={"l": 8, "r": 8, "t": 110, "b": 8},
        xaxis={"range": [-1.5, 11.5], "visible": False, "fixedrange": True, "domain": [0, 1]},
        yaxis={"range": [0.5, 19.6], "visible": False, "fixedrange": True, "domain": [0.66, 1],
               "scaleanchor": "x", "scaleratio": 1, "constrain": "domain"},
        xaxis2={"range": [0, 1], "visible": False, "fixedrange": True, "domain": [0, 1], "anchor": "y2"},
        yaxis2={"range": [lowest - 0.5, 1.6], "visible": False, "fixedrange": True, "domain": [0, 0.63],
                "anchor": "x2"},
        shapes=[{"type": "path", "path": spread.BODY_PATH, "fillcolor": "#f2f2f2", "line": {"color": "#9a9a9a"},
                 "layer": "below", "xref": "x", "yref": "y"},
                {"type": "circle", **spread.HEAD, "fillcolor": "#f2f2f2", "line": {"color": "#9a9a9a"},
                 "layer": "below", "xref": "x", "yref": "y"}],
        annotations=[{"text": wrap_text(legend, 52), "x": 0.0, "y": 1.0, "xref": "x2", "yref": "y2",
                      "xanchor": "left", "yanchor": "bottom", "showarrow": False, "align": "left",
                      "font": {"size": 11.5, "color": "#444444"}}],
        updatemenus=[dropdown(buttons, x=0, y=1.0, label="Choose a site", active=sites.index(default_site))],
    ))

    table = options.assign(
        Site=options["site"].map(lambda s: SITE_LAYOUT[s][1]),
        Source=options["source_id"].map(lambda s: f"{sources[s]['publisher']}: {sources[s]['title']}"),
    )[["Site", "option", "kind", "what_it_does", "Source", "verification"]]
    table = table.rename(columns={"option": "Option", "kind": "Kind", "what_it_does": "What it does",
                                  "verification": "Checked"})
    n_local = int((~options["kind"].isin(["drug treatment", "medicine", "urgent assessment"])).sum())
    n_drug = int((options["kind"] == "drug treatment").sum())
    caption = (f"Every site has local options: {n_local} local treatments across {len(sites)} sites, from "
               f"radiosurgery in the brain to drains for fluid around the lungs or in the abdomen. For {n_drug} "
               f"sites the sources say drug treatment for the whole body is the main or an important treatment.")
    links = source_links.links(res["sources"], who=True)
    return CourseFigure(
        figure=fig, caption=caption, table=table, source=links,
        alt=("A simple outline of a body with markers for the brain, the linings of the brain and spinal cord, "
             "lymph nodes, lungs, pleura, liver, adrenal glands, peritoneum and bone; a menu chooses a site and "
             "lists its local treatment options below, each with what it does and its source."),
        name="site-local-options",
        table_caption="Local treatment options for metastases by site, with what each does and its source",
        notes=["Educational, not medical advice: which options fit depends on the cancer, the number of "
               "metastases, earlier treatment and the person's health and wishes."],
    )


# --------------------------------------------------------------------------------------------------------
# 2. Which cancers reach each organ (metastases present at diagnosis)
# --------------------------------------------------------------------------------------------------------

ORGANS = ["Brain", "Bone", "Liver", "Lung"]
DEFAULT_ORGAN = "Brain"


def organ_rows() -> pd.DataFrame:
    """One row per (organ, primary): the study row the spread chapter shows for that primary, among everyone
    diagnosed with it. Primaries whose study has no row for an organ are left out of that organ."""
    sites = data.load("metastasis_sites")
    frames = []
    for state in spread.STATES:
        if state.denominator != spread.ALL or state.key == "all":
            continue
        rows = spread.state_rows(state, sites).assign(primary_label=state.label, who=state.who)
        frames.append(rows)
    return pd.concat(frames, ignore_index=True)


def _study_links(source_ids, sources: dict) -> str:
    """The studies behind the bars, as links, each once."""
    links = source_links.links(sources.values(), source_ids)
    return f"US SEER-based studies of metastases present at diagnosis: {links}."


def organ_by_primary(default_organ: str = DEFAULT_ORGAN) -> CourseFigure:
    """Choose an organ; bars show how often each primary cancer had already reached it at diagnosis."""
    if default_organ not in ORGANS:
        raise ValueError(f"unknown organ '{default_organ}'")
    rows = organ_rows()
    sources = {s["id"]: s for s in data.resource("metastasis_sites")["sources"]}
    fig = go.Figure()
    for organ in ORGANS:
        part = rows[rows["site"] == organ].sort_values("pct")
        fig.add_trace(go.Bar(
            x=list(part["pct"]), y=list(part["primary_label"]), orientation="h", visible=organ == default_organ,
            name=organ, marker_color=spread.SITE_COLOURS[organ],
            text=[f"{p:g}%" for p in part["pct"]], textposition="outside", cliponaxis=False,
            customdata=[wrap_text(sources[s]["title"], 50, escape=True) for s in part["source_id"]],
            hovertemplate=(f"<b>%{{y}}</b>: %{{x:g}}% of everyone diagnosed had {organ.lower()} metastases "
                           "at diagnosis<br>%{customdata}<extra></extra>"),
        ))
    def x_range(organ: str) -> list[float]:
        """Each organ on its own scale, with room for the value labels."""
        return [0, float(rows.loc[rows["site"] == organ, "pct"].max()) * 1.3]

    def title(organ: str) -> str:
        return f"Already in the {organ.lower()} at diagnosis<br>(% of everyone diagnosed with each cancer)"

    buttons = [{"label": organ, "method": "update",
                "args": [{"visible": [o == organ for o in ORGANS]},
                         {"title.text": title(organ), "xaxis.range": x_range(organ)}]}
               for organ in ORGANS]
    fig.update_layout(**base_layout(
        title={"text": title(default_organ), "font": {"size": 15}, "x": 0.01, "xref": "container",
               "xanchor": "left", "y": 0.975, "yanchor": "top"},
        height=480, showlegend=False, margin={"l": 10, "r": 40, "t": 130, "b": 56},
        xaxis={"title": {"text": "% of everyone diagnosed"}, "range": x_range(default_organ), "ticksuffix": "%",
               "fixedrange": True},
        yaxis={"automargin": True, "fixedrange": True},
        updatemenus=[dropdown(buttons, x=0, y=1.0, label="Choose an organ", active=ORGANS.index(default_organ))],
    ))
    table = rows[["site", "primary_label", "pct", "source_id", "verification"]].copy()
    table["source_id"] = table["source_id"].map(lambda s: sources[s]["title"])
    table = table.sort_values(["site", "pct"], ascending=[True, False])
    table.columns = ["Organ", "Primary cancer", "% with metastases there at diagnosis", "Study", "Checked"]
    liver = rows[rows["site"] == "Liver"].sort_values("pct", ascending=False).iloc[0]
    bone = rows[rows["site"] == "Bone"].sort_values("pct", ascending=False).iloc[0]
    caption = (f"Each organ is reached by a different mix of cancers: at diagnosis, {liver['pct']:g}% of people "
               f"with {liver['who']} already had liver metastases, and {bone['pct']:g}% "
               f"of people with {bone['who']} had bone metastases (US SEER studies). "
               f"Spread that appears later is not counted.")
    return CourseFigure(
        figure=fig, caption=caption, table=table, source=_study_links(rows["source_id"], sources),
        alt=("Horizontal bar chart of the percent of people with each primary cancer who already had metastases "
             "in the chosen organ when diagnosed; a menu chooses the brain, bone, liver or lung."),
        name="organ-by-primary",
        table_caption="Metastases present at diagnosis, by organ and primary cancer (the rows the spread "
                      "chapter shows)",
        notes=["Counts only metastases found at diagnosis (synchronous), among everyone diagnosed with that "
               "cancer; later spread is not included."],
    )


__all__ = ["KIND_STYLE", "ORGANS", "SITE_LAYOUT", "local_options_map", "organ_by_primary", "organ_rows"]
