"""Figures for chapter 6, "Research frontiers": the evidence ladder and the milestones timeline.

Both are plotly figures whose every state is precomputed from ``data/evidence_claims.csv`` and
``data/milestones.csv``, so their menus and buttons work in the static book with no kernel.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from metastasis.core import data
from metastasis.core.figures import PALETTE, CourseFigure, base_layout, dropdown, wrap_text

# Short names of the six rungs for the bands and the menu titles (the full names come from the data).
RUNG_SHORT = {1: "lab", 2: "animals", 3: "phase I", 4: "phase II", 5: "phase III", 6: "approved"}
RUNG_TAG = {1: "1 Lab", 2: "2 Animals", 3: "3 Phase I", 4: "4 Phase II", 5: "5 Phase III", 6: "6 Approved"}
YEAR_RANGE = [1976, 2028]  # the years before 1990 hold the rung names; the first claim is later
KIND_ORDER = ["biology", "diagnosis", "treatment"]
KIND_STYLE = {
    "biology": {"color": PALETTE["blue"], "symbol": "circle", "label": "Biology"},
    "diagnosis": {"color": PALETTE["green"], "symbol": "diamond", "label": "Diagnosis"},
    "treatment": {"color": PALETTE["vermillion"], "symbol": "square", "label": "Treatment"},
}
WRAP = 44  # characters per line in the explanation box, so it fits a 390 px phone
SPREAD = 0.22  # vertical offset between claims that share a year and a rung (fraction of a rung)
MIN_ROWS = 10  # a filtered timeline keeps at least this many row slots, so rows stay evenly spaced
LADDER_TITLE = "The evidence ladder"


def _load(name: str, data_dir: Path | str | None) -> pd.DataFrame:
    return data.load(name) if data_dir is None else data.load(name, data_dir)


def _source_html(name: str, frame: pd.DataFrame, data_dir: Path | str | None, extra: str = "") -> str:
    """Links to the sources the rows actually use."""
    res = data.resource(name) if data_dir is None else data.resource(name, data_dir)
    used = set(frame["source_id"])
    parts = []
    for src in res["sources"]:
        if src["id"] in used:
            href = src["path"] if src["path"].startswith("http") else f"https://doi.org/{src['path'][4:]}"
            parts.append(f'<a href="{html.escape(href, quote=True)}">{html.escape(src["title"])}</a>')
    return "; ".join(parts) + (f". {extra}" if extra else "")


def _wrap(text: str, width: int = WRAP) -> str:
    return wrap_text(text, width, escape=True, break_long_words=True)


def explanation(row) -> str:
    """The explanation box for one claim: claim, rung, what was done, why this rung, what next, source."""
    return "<br>".join([
        "<b>" + _wrap(f"{row['claim']} ({row['year']})") + "</b>",
        "<b>" + _wrap(f"Rung {row['rung']} of 6: {row['rung_label']}") + "</b>",
        _wrap("What was done: " + row["study"]),
        _wrap("Why this rung: " + row["why"]),
        _wrap("What would move it up: " + row["next_step"]),
        _wrap("Source: " + row["source"]),
    ])


def _annotations(text: str) -> list[dict]:
    """The rung names (inside the plot, so the plot can use the full width of a phone) and the explanation box."""
    tags = [{"text": RUNG_TAG[r], "xref": "x", "yref": "y", "x": YEAR_RANGE[0] + 0.5, "y": r, "xanchor": "left",
             "showarrow": False, "font": {"size": 12, "color": "#333333"}} for r in range(1, 7)]
    box = {"text": text, "xref": "paper", "yref": "paper", "x": 0, "y": -0.14, "xanchor": "left",
           "yanchor": "top", "align": "left", "showarrow": False, "font": {"size": 12},
           "bgcolor": "#f7f7f7", "bordercolor": PALETTE["grey"], "borderwidth": 1, "borderpad": 6}
    return tags + [box]


def evidence_ladder(data_dir: Path | str | None = None) -> CourseFigure:
    """Where does a claim stand? Published claims placed on a six-rung ladder of evidence.

    A menu picks one claim: a star marks it on the ladder and a box below says what was done, why it sits on
    that rung and what would move it up. "All claims" shows every claim as a grey dot.
    """
    claims = _load("evidence_claims", data_dir).sort_values(["rung", "year", "claim_id"]).reset_index(drop=True)
    n = len(claims)
    # Claims with the same year and rung are spread a little up and down their band so that none hides another.
    same = claims.groupby(["rung", "year"])
    claims["y"] = claims["rung"] + SPREAD * (same.cumcount() - (same["rung"].transform("size") - 1) / 2)
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=claims["year"], y=claims["y"], mode="markers", name="All claims",
        marker={"size": 11, "color": PALETTE["grey"], "line": {"width": 1, "color": "#ffffff"}},
        text=claims["label"], customdata=claims["rung_label"],
        hovertemplate="%{text}<br>Rung: %{customdata}<extra></extra>",
    ))
    for _, row in claims.iterrows():
        fig.add_trace(go.Scatter(
            x=[row["year"]], y=[row["y"]], mode="markers", name=row["label"], visible=False,
            marker={"size": 24, "color": PALETTE["vermillion"], "symbol": "star",
                    "line": {"width": 1.5, "color": PALETTE["black"]}},
            hovertemplate=f"{html.escape(row['label'])}<br>Rung {row['rung']}: "
                          f"{html.escape(row['rung_label'])}<extra></extra>",
        ))
    overview = "<br>".join([
        "<b>All claims</b>",
        _wrap("Each grey dot is one published claim, placed by its year and by how far up the ladder its "
              "evidence has climbed. Choose a claim in the menu to see what was done, why it sits on its rung "
              "and what would move it up."),
    ])
    buttons = [{"label": "All claims", "method": "update",
                "args": [{"visible": [True] + [False] * n},
                         {"title.text": LADDER_TITLE, "annotations": _annotations(overview)}]}]
    for i, (_, row) in enumerate(claims.iterrows()):
        buttons.append({"label": row["label"], "method": "update",
                        "args": [{"visible": [True] + [j == i for j in range(n)]},
                                 {"title.text": f"Rung {row['rung']} of 6: {RUNG_SHORT[row['rung']]}",
                                  "annotations": _annotations(explanation(row))}]})
    bands = [{"type": "rect", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": r - 0.42, "y1": r + 0.42,
              "fillcolor": "#eef3f8" if r % 2 else "#f6f6f6", "line": {"width": 0}, "layer": "below"}
             for r in range(1, 7)]
    fig.update_layout(**base_layout(
        title={"text": LADDER_TITLE, "font": {"size": 15}, "x": 0.01, "y": 0.99, "yanchor": "top",
               "xref": "container", "xanchor": "left"},
        height=820,
        showlegend=False,
        shapes=bands,
        annotations=_annotations(overview),
        xaxis={"title": {"text": "Year of the result"}, "range": YEAR_RANGE, "tickvals": [1990, 2000, 2010, 2020],
               "showgrid": False},
        yaxis={"range": [0.45, 6.55], "visible": False},
        margin={"l": 10, "r": 15, "t": 95, "b": 400},
        updatemenus=[dropdown(buttons, x=0, y=1.02, label="Claim shown")],
    ))
    counts = claims.groupby("rung").size().reindex(range(1, 7), fill_value=0)
    accelerated = int(((claims["rung"] == 6) & claims["why"].str.contains("accelerated approval", case=False)).sum())
    caption = (
        f"The {n} claims sit on very different rungs: {counts[1] + counts[2]} come only from cells or animals, "
        f"{counts[3] + counts[4]} from early trials in people, {counts[5]} from randomized phase III trials, and "
        f"{counts[6]} have been approved, {accelerated} of them through accelerated approval on early evidence. "
        f"Choose a claim to see why it sits where it does.")
    table = claims[["claim", "rung", "rung_label", "year", "why", "source"]].copy()
    table.columns = ["Claim", "Rung", "Rung name", "Year", "Why this rung", "Source"]
    return CourseFigure(
        figure=fig, caption=caption, table=table,
        source=_source_html("evidence_claims", claims, data_dir,
                            "Rungs and wording: the course authors' classification of each cited study."),
        alt=(f"A ladder with six rungs, from lab studies at the bottom to approval by a regulator at the top, with "
             f"{n} published claims placed on it by year; a menu marks one claim and explains its rung."),
        name="evidence-ladder",
        table_caption="Every claim on the evidence ladder, with its rung and why",
    )


def _label_side(year: int) -> str:
    """Labels of early milestones go to the right of the marker, later ones to the left, so none runs off."""
    return "middle right" if year < 1950 else "middle left"


def milestones_timeline(data_dir: Path | str | None = None) -> CourseFigure:
    """Milestones in understanding, finding and treating metastasis, with buttons to show one kind.

    One trace per kind. Rows run in date order from top to bottom; each button's state re-numbers the rows of
    the kind it shows, so a filtered timeline has no gaps.
    """
    ms = _load("milestones", data_dir).sort_values(["year", "milestone_id"]).reset_index(drop=True)
    ms["row_all"] = range(len(ms))
    ms["row_kind"] = ms.groupby("kind").cumcount()
    fig = go.Figure()
    for kind in KIND_ORDER:
        part = ms[ms["kind"] == kind]
        style = KIND_STYLE[kind]
        fig.add_trace(go.Scatter(
            x=part["year"], y=part["row_all"], mode="markers+text", name=style["label"],
            marker={"size": 12, "color": style["color"], "symbol": style["symbol"],
                    "line": {"width": 1, "color": "#ffffff"}},
            text=[f"{y}  {e}" for y, e in zip(part["year"], part["event"], strict=True)],
            textposition=[_label_side(y) for y in part["year"]], textfont={"size": 11, "color": "#222222"},
            customdata=list(zip(part["detail"], part["source"], strict=True)),
            hovertemplate="<b>%{text}</b><br>%{customdata[0]}<br>Source: %{customdata[1]}<extra>"
                          + style["label"] + "</extra>",
        ))

    def state(show: str) -> list[dict]:
        ys = [list(ms.loc[ms["kind"] == kind, "row_all" if show == "all" else "row_kind"]) for kind in KIND_ORDER]
        rows = len(ms) if show == "all" else int((ms["kind"] == show).sum())
        title = "Milestones: all kinds" if show == "all" else f"Milestones: {show}"
        return [{"visible": [show in ("all", kind) for kind in KIND_ORDER], "y": ys},
                {"title.text": title, "yaxis.range": [max(rows, MIN_ROWS) - 0.5, -0.8]}]

    buttons = [{"label": "All", "method": "update", "args": state("all")}]
    buttons += [{"label": KIND_STYLE[k]["label"], "method": "update", "args": state(k)} for k in KIND_ORDER]
    first, last = int(ms["year"].min()), int(ms["year"].max())
    fig.update_layout(**base_layout(
        title={"text": "Milestones: all kinds", "font": {"size": 15}, "x": 0.01, "y": 0.99, "yanchor": "top",
               "xref": "container", "xanchor": "left"},
        height=max(560, 26 * len(ms) + 170),
        showlegend=True,
        legend={"orientation": "h", "x": 0, "y": -0.02, "yanchor": "top"},
        xaxis={"range": [first - 9, last + 5], "dtick": 20, "showgrid": True, "gridcolor": "#eeeeee",
               "side": "top"},
        yaxis={"range": [len(ms) - 0.5, -0.8], "visible": False},
        margin={"l": 10, "r": 15, "t": 110, "b": 50},
        updatemenus=[dropdown(buttons, x=0, y=1.05, label="Kind of milestone", kind="buttons")],
    ))
    per_kind = ms.groupby("kind").size()
    caption = (
        f"{len(ms)} milestones from {first} ({ms.iloc[0]['event']}) to {last}: "
        f"{per_kind.get('biology', 0)} in biology, {per_kind.get('diagnosis', 0)} in diagnosis and "
        f"{per_kind.get('treatment', 0)} in treatment. Mouse and early-trial results are labelled as such. Use the "
        f"buttons to show one kind.")
    table = ms[["year", "kind", "event", "detail", "source"]].copy()
    table["kind"] = table["kind"].map(lambda k: KIND_STYLE[k]["label"])
    table.columns = ["Year", "Kind", "Milestone", "What happened", "Source"]
    return CourseFigure(
        figure=fig, caption=caption, table=table,
        source=_source_html("milestones", ms, data_dir),
        alt=(f"A timeline of {len(ms)} milestones from {first} to {last}, coloured and shaped by kind (biology, "
             "diagnosis, treatment), with buttons to show one kind."),
        name="milestones-timeline",
        table_caption="Every milestone on the timeline, with its kind and source",
    )
