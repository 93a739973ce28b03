"""Figures for chapter 2, "How cancer spreads": where cancers had spread at diagnosis, and by which route.

Two figures share one set of states (a primary cancer and a denominator), chosen from ``metastasis_sites``:

- :func:`route_diagram`: a flow (Sankey) diagram of primary -> usual route -> organ, drawn with filled scatter
  shapes, one precomputed state per dropdown entry;
- :func:`body_map`: the same numbers as arrows on a simple body outline.

Which study row each state shows is written out in :data:`STATES` (one study per primary where the data allow), so
the choice is reviewable and the tests can check every drawn number against the CSV. The route comes from
``spread_routes``: a teaching label from anatomy, never a measured quantity (the registries do not record routes).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from metastasis.core import data
from metastasis.core.figures import PALETTE, CourseFigure, base_layout, dropdown, wrap_text

ALL = "all patients with that primary"
SPREAD = "patients with metastatic disease at diagnosis"
DENOMINATOR_TEXT = {
    ALL: "of everyone diagnosed with {who}",
    SPREAD: "of people with {who} whose cancer had already spread when it was diagnosed",
}
WHOLE_BAR = {ALL: "everyone diagnosed", SPREAD: "everyone whose cancer had spread"}
SITES = ["Liver", "Lung", "Bone", "Brain"]
SITE_COLOURS = {"Liver": PALETTE["orange"], "Lung": PALETTE["sky"], "Bone": PALETTE["black"],
                "Brain": PALETTE["pink"]}
ROUTE_COLOURS = {"blood": PALETTE["vermillion"], "lymph": PALETTE["green"], "body cavity": PALETTE["blue"]}


@dataclass(frozen=True)
class State:
    """One dropdown entry: a primary cancer, a denominator and the study row shown for each organ."""

    key: str
    label: str          # menu label
    who: str            # "colorectal cancer", used in sentences
    primary: str        # value of metastasis_sites.primary
    denominator: str
    rows: tuple         # ((site, source_id, primary_detail or None), ...)


# One row per organ. Preference: one study covering all organs for that primary; otherwise verified rows; the
# whole primary rather than one histological type. Lung-to-lung (Chen 2021) is left out: the source does not say
# what SEER's "lung metastasis" from a lung primary covers.
STATES: list[State] = [
    State("colorectum", "Colon and rectum", "colorectal cancer", "Colorectum", ALL, (
        ("Liver", "wjso2021_crc", None), ("Lung", "wjso2021_crc", None), ("Bone", "wjso2021_crc", None),
        ("Brain", "wjso2021_crc", None))),
    State("pancreas", "Pancreas", "pancreatic cancer", "Pancreas", ALL, (
        ("Liver", "ajcr2020_liver", None), ("Lung", "liang2021_lung", None))),
    State("stomach", "Stomach", "stomach cancer", "Stomach", ALL, (
        ("Liver", "sun2019_gastric_liver", None), ("Lung", "sun2019_gastric_lung", None),
        ("Brain", "rehman2023_gastric_brain", None))),
    State("esophagus", "Esophagus", "esophageal cancer", "Esophagus", ALL, (
        ("Liver", "eso_liver2021", None), ("Lung", "guo2021_eso_lung", None), ("Bone", "zhang2019_eso_bone", None),
        ("Brain", "kromer2017_brain", None))),
    State("lung", "Lung", "lung cancer", "Lung", ALL, (
        ("Liver", "ajcr2020_liver", None), ("Bone", "zhang2023_bone", None), ("Brain", "kromer2017_brain", None))),
    State("breast", "Breast", "breast cancer", "Breast", ALL, (
        ("Liver", "xiao2018_breast", None), ("Lung", "xiao2018_breast", None), ("Bone", "xiao2018_breast", None),
        ("Brain", "xiao2018_breast", None))),
    State("prostate", "Prostate", "prostate cancer", "Prostate", ALL, (
        ("Lung", "chen2021_lung", None), ("Bone", "prostate_bone_pmc6021002", None))),
    State("kidney", "Kidney", "kidney cancer", "Kidney", ALL, (
        ("Bone", "zhang2023_bone", None), ("Brain", "kromer2017_brain", None))),
    State("melanoma", "Melanoma (skin)", "melanoma", "Melanoma (skin)", ALL, (
        ("Brain", "kromer2017_brain", None),)),
    State("all", "All cancers together", "any cancer", "All cancers", ALL, (
        ("Liver", "horn2020_liver", None), ("Lung", "chen2021_lung", None), ("Bone", "ryan2020_bone", None),
        ("Brain", "kromer2017_brain", None))),
    # Second denominator: among people whose cancer had already spread at diagnosis.
    State("prostate-spread", "Prostate, if already spread", "prostate cancer", "Prostate", SPREAD, (
        ("Bone", "huang2020_bone", None),)),
    State("breast-spread", "Breast, if already spread", "breast cancer", "Breast", SPREAD, (
        ("Bone", "huang2020_bone", None),)),
    State("lung-adeno-spread", "Lung adenocarcinoma, if spread", "lung adenocarcinoma", "Lung", SPREAD, (
        ("Bone", "huang2020_bone", "Lung adenocarcinoma"), ("Brain", "cagney2017_brain", "Lung adenocarcinoma"))),
    State("kidney-spread", "Kidney, if already spread", "kidney cancer", "Kidney", SPREAD, (
        ("Bone", "huang2020_bone", None), ("Brain", "cagney2017_brain", None))),
    State("stomach-spread", "Stomach, if already spread", "stomach cancer", "Stomach", SPREAD, (
        ("Liver", "qiu2018_gastric", None), ("Lung", "qiu2018_gastric", None), ("Bone", "qiu2018_gastric", None),
        ("Brain", "qiu2018_gastric", None))),
    State("melanoma-spread", "Melanoma, if already spread", "melanoma", "Melanoma (skin)", SPREAD, (
        ("Brain", "cagney2017_brain", None),)),
]
DEFAULT_STATE = "colorectum"


def wrap(text: str, width: int = 48) -> str:
    return wrap_text(text, width, escape=True)


def state_rows(state: State, sites: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rows of ``metastasis_sites`` a state shows, one per organ, in :data:`SITES` order.

    Raises if a row named in :data:`STATES` is missing or ambiguous, so a change in the data cannot silently
    change a figure.
    """
    sites = data.load("metastasis_sites") if sites is None else sites
    picked = []
    for site, source_id, detail in state.rows:
        mask = ((sites["primary"] == state.primary) & (sites["site"] == site)
                & (sites["denominator"] == state.denominator) & (sites["source_id"] == source_id))
        if detail is not None:
            mask &= sites["primary_detail"] == detail
        match = sites[mask]
        if len(match) != 1:
            raise ValueError(f"spread state '{state.key}': expected one row for {state.primary} -> {site} "
                             f"({source_id}, {state.denominator}), found {len(match)}")
        picked.append(match.iloc[0])
    frame = pd.DataFrame(picked)
    order = {site: i for i, site in enumerate(SITES)}
    return frame.sort_values("site", key=lambda s: s.map(order)).reset_index(drop=True)


def _sources() -> dict:
    return {s["id"]: s for s in data.resource("metastasis_sites")["sources"]}


def _routes() -> dict:
    return {r.site: r for r in data.load("spread_routes").itertuples(index=False)}


def _short_title(src: dict) -> str:
    """'Kromer C 2017' style: first author (or the title when authors were not captured) and the year."""
    first = src.get("authors", "").split(",")[0].split(" et al")[0].strip()
    if not first or first.startswith("authors not captured"):
        first = src["title"].split("(")[0].strip()
        first = first if len(first) <= 50 else first[:47].rsplit(" ", 1)[0] + "..."
    year = "".join(ch for ch in src["id"] if ch.isdigit())[:4]
    return f"{first} {year}".strip()


def _href(path: str) -> str:
    path = path.split(" ")[0]
    return path if path.startswith("http") else f"https://doi.org/{path[4:]}"


def _fmt(pct: float) -> str:
    return f"{pct:g}%"


def _hover(state: State, row, sources: dict, route_label: str) -> str:
    who = DENOMINATOR_TEXT[state.denominator].format(who=state.who)
    n = "" if pd.isna(row["n_cohort"]) else f", {int(row['n_cohort']):,} people in the study"
    years = f", diagnosed {row['years']}" if row["years"] else ", diagnosis years not stated in the abstract"
    return (f"<b>{html.escape(state.label)} → {row['site'].lower()}: {_fmt(row['pct'])}</b><br>"
            f"{wrap(who)}<br>had metastases in the {row['site'].lower()} when first diagnosed<br>"
            f"Usual route: {html.escape(route_label.lower())}<br>"
            f"{wrap(row['cohort'] + n + years)}<br>"
            f"Source: {html.escape(_short_title(sources[row['source_id']]))} ({row['verification']})")


def _title(state: State) -> str:
    """Two short lines and a small subtitle (a phone is 390 px wide): where it had spread, and of whom."""
    who = DENOMINATOR_TEXT[state.denominator].format(who=state.who)
    return (f"{wrap(f'Where {state.who} had spread at diagnosis', 32)}<br>"
            f"<span style='font-size:12px'>{wrap('Percent ' + who, 46)}</span>")


def _unrecorded_note(routes: dict) -> str:
    missing = [f"{site.lower()} ({r.route_label.split(' (')[0].lower()})" for site, r in routes.items()
               if not r.recorded_in_seer_site_fields]
    return "Not recorded in these registry studies, so not shown: " + ", ".join(missing) + "."


def _rgba(colour: str, alpha: float) -> str:
    return f"rgba({int(colour[1:3], 16)},{int(colour[3:5], 16)},{int(colour[5:7], 16)},{alpha})"


# The flow diagram is drawn with filled scatter shapes (a Sankey made by hand): plotly's own sankey trace would add
# about 50 KB gzip of JavaScript to the page for this one figure. Units: x runs 0-1 from primary to organ; y is in
# percentage points, so the primary bar is exactly 100 high and a ribbon is exactly as thick as its percent.
X_PRIMARY, X_ROUTE, X_ORGAN, BAR = 0.0, 0.47, 0.97, 0.03
ROUTE_TOP = 96.0
ORGAN_GAP = 14.0
CURVE_POINTS = 16


def _curve(x0: float, y0: float, x1: float, y1: float) -> tuple[list[float], list[float]]:
    """A smooth S-curve (cubic Bezier with horizontal tangents) from (x0, y0) to (x1, y1)."""
    xs, ys = [], []
    for i in range(CURVE_POINTS + 1):
        t = i / CURVE_POINTS
        a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t ** 2, t ** 3
        mid = (x0 + x1) / 2
        xs.append(round(a * x0 + b * mid + c * mid + d * x1, 4))
        ys.append(round(a * y0 + b * y0 + c * y1 + d * y1, 3))
    return xs, ys


def ribbon(tops: tuple[float, float, float], pct: float) -> tuple[list[float], list[float]]:
    """The closed outline of one flow: from the primary bar through the route bar to the organ bar, ``pct`` thick.
    ``tops`` are the ribbon's top edge at the primary, the route and the organ."""
    top_xs, top_ys, bottom_xs, bottom_ys = [], [], [], []
    for (xa, ya), (xb, yb) in (((X_PRIMARY + BAR, tops[0]), (X_ROUTE, tops[1])),
                               ((X_ROUTE + BAR, tops[1]), (X_ORGAN, tops[2]))):
        xs, ys = _curve(xa, ya, xb, yb)
        top_xs += xs
        top_ys += ys
        xs, ys = _curve(xa, ya - pct, xb, yb - pct)
        bottom_xs += xs
        bottom_ys += ys
    return top_xs + bottom_xs[::-1] + [top_xs[0]], top_ys + bottom_ys[::-1] + [top_ys[0]]


def _bar(x: float, top: float, height: float) -> tuple[list[float], list[float]]:
    bottom = top - max(height, 0.4)  # a 0.3% bar stays visible
    return [x, x + BAR, x + BAR, x, x], [top, top, bottom, bottom, top]


def organ_tops(pcts: list[float]) -> list[float]:
    """Where each organ bar starts: stacked from the top with gaps, so labels never collide."""
    tops, y = [], 100.0
    for pct in pcts:
        tops.append(round(y, 3))
        y -= max(pct, 0.4) + ORGAN_GAP
    return tops


def _flow_traces(state: State, frame: pd.DataFrame, sources: dict, routes: dict, visible: bool) -> list:
    """One state's traces: a ribbon per organ, the bars (primary, route, organs) and their labels."""
    total = float(frame["pct"].sum())
    if total > 100:
        raise ValueError(f"spread state '{state.key}': flows add up to {total}% (> 100); the bar would overflow")
    if frame["site"].map(lambda site: routes[site].route).nunique() != 1:
        raise ValueError(f"spread state '{state.key}': one route column per state is drawn; found several")
    route = routes[frame["site"].iloc[0]]
    pcts = [float(p) for p in frame["pct"]]
    tops = organ_tops(pcts)
    common = {"visible": visible, "showlegend": False, "legendgroup": state.key, "mode": "lines",
              "hoveron": "fills", "hoverinfo": "text"}
    traces = []
    cum = 0.0
    for (_, row), pct, organ_top in zip(frame.iterrows(), pcts, tops, strict=True):
        xs, ys = ribbon((100.0 - cum, ROUTE_TOP - cum, organ_top), pct)
        colour = SITE_COLOURS[row["site"]]
        traces.append(go.Scatter(x=xs, y=ys, fill="toself", fillcolor=_rgba(colour, 0.45),
                                 line={"width": 0.6, "color": _rgba(colour, 0.7)},
                                 text=_hover(state, row, sources, route.route_label),
                                 name=f"{state.key}: {row['site']}", meta={"site": row["site"], "pct": pct},
                                 **common))
        cum += pct
    bars = [(X_PRIMARY, 100.0, 100.0, PALETTE["grey"], wrap(
                 f"{state.label}: the whole bar stands for 100% "
                 + DENOMINATOR_TEXT[state.denominator].format(who=state.who)
                 + ". Flows can overlap: one person can have metastases in several organs.")),
            (X_ROUTE, ROUTE_TOP, total, ROUTE_COLOURS[route.route], wrap(
                 f"{route.route_label}: the usual route to these organs. A teaching label: the registries do not "
                 "record routes."))]
    bars += [(X_ORGAN, top, pct, SITE_COLOURS[site], f"{site} {_fmt(pct)}")
             for site, pct, top in zip(frame["site"], pcts, tops, strict=True)]
    for x, top, height, colour, text in bars:
        xs, ys = _bar(x, top, height)
        traces.append(go.Scatter(x=xs, y=ys, fill="toself", fillcolor=colour, line={"width": 0, "color": colour},
                                 text=text, name=f"{state.key}: bar", **common))
    label_x = [X_PRIMARY + BAR + 0.01, X_ROUTE + BAR + 0.01] + [X_ORGAN - 0.01] * len(pcts)
    label_y = [2.0, ROUTE_TOP + 4] + [top - max(p, 0.4) / 2 for top, p in zip(tops, pcts, strict=True)]
    labels = ([f"{html.escape(state.label)}<br>(whole bar = {WHOLE_BAR[state.denominator]})", route.route_label]
              + [f"{site} {_fmt(pct)}" for site, pct in zip(frame["site"], pcts, strict=True)])
    positions = ["middle right", "middle right"] + ["middle left"] * len(pcts)
    traces.append(go.Scatter(x=label_x, y=label_y, mode="text", text=labels, textposition=positions,
                             textfont={"size": 12}, hoverinfo="skip", visible=visible, showlegend=False,
                             name=f"{state.key}: labels"))
    return traces


def _table(states, frames, routes, sources) -> pd.DataFrame:
    rows = []
    for state, frame in zip(states, frames, strict=True):
        for _, row in frame.iterrows():
            rows.append({
                "Primary cancer": state.label,
                "Organ": row["site"],
                "Percent": row["pct"],
                "Percent of whom": DENOMINATOR_TEXT[state.denominator].format(who=state.who),
                "Usual route": routes[row["site"]].route_label,
                "Cohort": row["cohort"],
                "People in study": None if pd.isna(row["n_cohort"]) else int(row["n_cohort"]),
                "Diagnosed": row["years"] or "not stated",
                "Source": _short_title(sources[row["source_id"]]),
                "Checked": row["verification"],
            })
    return pd.DataFrame(rows)


def _source_html(frames, sources) -> str:
    used = list(dict.fromkeys(sid for f in frames for sid in f["source_id"]))
    studies = "; ".join(f'<a href="{html.escape(_href(sources[s]["path"]))}">{html.escape(sources[s]["title"])}</a>'
                        for s in used)
    routes = "; ".join(f'<a href="{html.escape(_href(s["path"]))}">{html.escape(s["title"])}</a>'
                       for s in data.resource("spread_routes")["sources"])
    return (f"US SEER-based studies of metastases present at diagnosis: {studies}. "
            f"Usual routes (teaching labels from anatomy, not measured): {routes}.")


def _caption(states, frames) -> str:
    tops = []
    for state, frame in zip(states, frames, strict=True):
        if state.denominator != ALL or state.key == "all" or len(frame) < 2:
            continue
        top = frame.sort_values("pct", ascending=False).iloc[0]
        tops.append(f"{state.who} → {top['site'].lower()} ({_fmt(top['pct'])})")
    years = sorted({y for f in frames for y in f["years"] if y})
    span = f"{years[0][:4]}-{max(y[5:] for y in years)}"
    return ("Among everyone diagnosed, the commonest recorded site of spread differs by cancer: "
            + "; ".join(tops) + ". Every one of these organs is usually reached through the blood. The numbers "
            f"count only metastases already present at diagnosis (US SEER studies of people diagnosed {span}), so "
            "metastases found later are missed.")


def _states(keys: list[str] | None) -> list[State]:
    if keys is None:
        return STATES
    by_key = {s.key: s for s in STATES}
    return [by_key[k] for k in keys]


def _default(chosen: list[State]) -> int:
    return next((i for i, s in enumerate(chosen) if s.key == DEFAULT_STATE), 0)


def route_diagram(states: list[str] | None = None) -> CourseFigure:
    """Spread-route diagram: primary -> usual route -> organ, sized by the share with metastases there at diagnosis.

    A dropdown chooses the primary cancer (and, for some, the "already spread" denominator). Every state is
    precomputed; hover gives the percent, what it is a percent of, the cohort and the source.
    """
    chosen = _states(states)
    sites = data.load("metastasis_sites")
    sources, routes = _sources(), _routes()
    frames = [state_rows(s, sites) for s in chosen]
    default = _default(chosen)
    fig = go.Figure()
    owner = []  # which state each trace belongs to
    for i, (state, frame) in enumerate(zip(chosen, frames, strict=True)):
        for trace in _flow_traces(state, frame, sources, routes, i == default):
            fig.add_trace(trace)
            owner.append(i)
    buttons = [{"label": s.label, "method": "update",
                "args": [{"visible": [o == i for o in owner]}, {"title.text": _title(s)}]}
               for i, s in enumerate(chosen)]
    note = _unrecorded_note(routes)
    fig.update_layout(**base_layout(
        title={"text": _title(chosen[default]), "font": {"size": 15}, "x": 0.01, "y": 0.985, "yanchor": "top",
               "xref": "container", "xanchor": "left"},
        height=600, margin={"l": 10, "r": 10, "t": 150, "b": 140}, hovermode="closest",
        xaxis={"range": [-0.01, 1.01], "visible": False, "fixedrange": True},
        yaxis={"range": [-4, 104], "visible": False, "fixedrange": True},
        updatemenus=[dropdown(buttons, x=0, y=1.02, label="Primary cancer", active=default)],
        annotations=[{"text": wrap(note + " Percentages come from different studies and years; a person can have "
                                   "several sites, so flows overlap.", 46),
                      "showarrow": False, "xref": "paper", "yref": "paper", "x": 0, "y": -0.04,
                      "xanchor": "left", "yanchor": "top", "align": "left",
                      "font": {"size": 12, "color": "#444444"}}],
    ))
    return CourseFigure(
        figure=fig, caption=_caption(chosen, frames), table=_table(chosen, frames, routes, sources),
        source=_source_html(frames, sources),
        alt=("Flow diagram from a chosen primary cancer, through its usual route of spread, to the organs where "
             "metastases were found at diagnosis, with ribbon widths proportional to the percentages."),
        name="spread-routes",
        table_caption=("Share of people with metastases in each organ at diagnosis, by primary cancer, with "
                       "denominator, cohort and source"),
        notes=[html.escape(note)],
    )


# ----------------------------------------------------------------------------------------------------------------
# Body map
# ----------------------------------------------------------------------------------------------------------------
# A simple front-view outline (the viewer's left is the person's right), in data coordinates x 0-10, y 0-20.
BODY_PATH = (
    "M 4.35 16.9 L 4.35 16.3 Q 3.0 16.1 2.6 15.4 L 1.5 10.2 L 1.1 7.6 L 1.8 7.5 L 2.6 10.1 L 3.2 13.0 "
    "L 3.3 9.0 L 3.0 7.6 L 3.1 1.0 L 4.6 1.0 L 4.9 7.2 L 5.1 7.2 L 5.4 1.0 L 6.9 1.0 L 7.0 7.6 L 6.7 9.0 "
    "L 6.8 13.0 L 7.4 10.1 L 8.2 7.5 L 8.9 7.6 L 8.5 10.2 L 7.4 15.4 Q 7.0 16.1 5.65 16.3 L 5.65 16.9 Z"
)
HEAD = {"x0": 4.1, "y0": 16.8, "x1": 5.9, "y1": 19.2}
ORGAN_XY = {"Brain": (5.0, 18.3), "Lung": (4.1, 14.0), "Liver": (3.95, 11.7), "Bone": (3.85, 4.6)}
ORGAN_LABEL = {"Bone": "Bone (any bone)", "Lung": "Lung", "Liver": "Liver", "Brain": "Brain"}
PRIMARY_XY = {"Colorectum": (5.55, 8.7), "Pancreas": (6.05, 10.6), "Stomach": (5.9, 11.9),
              "Esophagus": (5.0, 15.2), "Lung": (5.75, 13.9), "Breast": (6.2, 14.6), "Prostate": (5.0, 7.45),
              "Kidney": (6.2, 10.3), "Melanoma (skin)": (8.1, 8.6), "All cancers": (5.0, 9.9)}
LEGEND_NOTE = "Arrow width grows with the percent.<br>Colour = usual route (vermillion: blood)."


def arrow_width(pct: float) -> float:
    """Arrow width in pixels: 1.5 px plus 0.17 px per percentage point (0.3% stays visible; 40% is 8.3 px)."""
    return round(1.5 + pct * 0.17, 2)


def _arrow(start, end, width: float, colour: str) -> dict:
    return {"x": end[0], "y": end[1], "ax": start[0], "ay": start[1], "xref": "x", "yref": "y", "axref": "x",
            "ayref": "y", "showarrow": True, "arrowhead": 2, "arrowsize": 1.0 if width < 4 else 0.5,
            "arrowwidth": width, "arrowcolor": colour, "standoff": 6, "startstandoff": 4, "text": ""}


def _legend_note() -> dict:
    return {"text": LEGEND_NOTE, "xref": "paper", "yref": "paper", "x": 0, "y": 0.0,
            "xanchor": "left", "yanchor": "top", "showarrow": False, "font": {"size": 12, "color": "#444444"}}


def body_map(states: list[str] | None = None) -> CourseFigure:
    """Anatomical map: the primary cancer and the organs with metastases at diagnosis on a body outline, with arrows
    sized by frequency. Same states as :func:`route_diagram`; the organ markers carry the hover text."""
    chosen = _states(states)
    sites = data.load("metastasis_sites")
    sources, routes = _sources(), _routes()
    frames = [state_rows(s, sites) for s in chosen]
    default = _default(chosen)
    fig = go.Figure()
    arrows_per_state = []
    for i, (state, frame) in enumerate(zip(chosen, frames, strict=True)):
        start = PRIMARY_XY[state.primary]
        visible = i == default
        fig.add_trace(go.Scatter(
            x=[ORGAN_XY[s][0] for s in frame["site"]], y=[ORGAN_XY[s][1] for s in frame["site"]],
            mode="markers+text", name=f"{state.key}: organs", visible=visible, showlegend=False,
            marker={"size": [10 + p * 0.6 for p in frame["pct"]], "color": [SITE_COLOURS[s] for s in frame["site"]],
                    "line": {"width": 1, "color": "#ffffff"}},
            text=[f"{ORGAN_LABEL[s]} {_fmt(p)}" for s, p in zip(frame["site"], frame["pct"], strict=True)],
            textposition=["middle right" if s == "Bone" else "middle left" for s in frame["site"]],
            textfont={"size": 12},
            customdata=[_hover(state, r, sources, routes[r["site"]].route_label) for _, r in frame.iterrows()],
            hovertemplate="%{customdata}<extra></extra>"))
        fig.add_trace(go.Scatter(
            x=[start[0]], y=[start[1]], mode="markers+text", name=f"{state.key}: primary", visible=visible,
            showlegend=False, text=[f"Primary: {state.label}"], textposition="bottom center", textfont={"size": 12},
            marker={"size": 16, "symbol": "star", "color": PALETTE["grey"], "line": {"width": 1, "color": "#000"}},
            hovertemplate=f"Where the cancer started: {html.escape(state.label)}<extra></extra>"))
        arrows_per_state.append([_arrow(start, ORGAN_XY[r["site"]], arrow_width(r["pct"]),
                                        ROUTE_COLOURS[routes[r["site"]].route]) for _, r in frame.iterrows()])
    buttons = [{"label": s.label, "method": "update",
                "args": [{"visible": [j // 2 == i for j in range(2 * len(chosen))]},
                         {"title.text": _title(s), "annotations": arrows_per_state[i] + [_legend_note()]}]}
               for i, s in enumerate(chosen)]
    fig.update_layout(**base_layout(
        title={"text": _title(chosen[default]), "font": {"size": 15}, "x": 0.01, "y": 0.985, "yanchor": "top",
               "xref": "container", "xanchor": "left"},
        height=660, margin={"l": 10, "r": 10, "t": 150, "b": 50},
        xaxis={"range": [-1.5, 11.5], "visible": False, "fixedrange": True},
        yaxis={"range": [0.5, 19.6], "visible": False, "fixedrange": True, "scaleanchor": "x", "scaleratio": 1},
        shapes=[{"type": "path", "path": BODY_PATH, "fillcolor": "#f2f2f2", "line": {"color": "#9a9a9a"},
                 "layer": "below"},
                {"type": "circle", **HEAD, "fillcolor": "#f2f2f2", "line": {"color": "#9a9a9a"},
                 "layer": "below"}],
        annotations=arrows_per_state[default] + [_legend_note()],
        updatemenus=[dropdown(buttons, x=0, y=1.02, label="Primary cancer", active=default)],
        showlegend=False,
    ))
    return CourseFigure(
        figure=fig,
        caption=("The same numbers on a body outline: arrows run from where the cancer started to each organ that "
                 "already held metastases at diagnosis, wider for higher percentages. " + _caption(chosen, frames)),
        table=_table(chosen, frames, routes, sources), source=_source_html(frames, sources),
        alt=("Outline of a human body with a star at the chosen primary cancer and arrows to the liver, lungs, "
             "bones or brain, each arrow as wide as the share of people with metastases there at diagnosis."),
        name="spread-body-map",
        table_caption="Numbers drawn on the body map (the same as the spread-route diagram)",
    )
