"""Figures for chapter 1, "What metastatic cancer is"."""

from __future__ import annotations

import html

import plotly.graph_objects as go

from metastasis.core import data
from metastasis.core.figures import PALETTE, CourseFigure, base_layout, dropdown, wrap_text

STAGE_ORDER = ["Localized", "Regional", "Distant"]
STAGE_COLOURS = {"Localized": PALETTE["green"], "Regional": PALETTE["orange"], "Distant": PALETTE["blue"]}


def stage_at_diagnosis(sites: list[str] | None = None) -> CourseFigure:
    """Where does a cancer stand when it is found? Share of cases at each SEER summary stage, by site.

    Buttons switch the stage shown; bars are sorted by the share diagnosed at the distant stage, because that
    is the point of the figure: how often a cancer has already spread when it is first found.
    """
    seer = data.load("seer_stage_survival")
    staged = seer[seer["stage"].isin(STAGE_ORDER)]
    if sites is not None:
        staged = staged[staged["site"].isin(sites)]
    wide = staged.pivot(index="site_label", columns="stage", values="pct_of_cases_at_stage")[STAGE_ORDER]
    wide = wide.sort_values("Distant", ascending=True)
    verification = staged.groupby("site_label")["verification"].first().reindex(wide.index)
    fig = go.Figure()
    for _i, stage in enumerate(STAGE_ORDER):
        fig.add_trace(go.Bar(
            x=wide[stage], y=wide.index, orientation="h", name=stage, visible=(stage == "Distant"),
            marker_color=STAGE_COLOURS[stage], text=[f"{v:g}%" for v in wide[stage]], textposition="outside",
            customdata=verification.values,
            hovertemplate=("%{y}: %{x:g}% of cases diagnosed at the " + stage.lower() + " stage<br>"
                           "SEER 21, diagnosed 2016-2022 (%{customdata})<extra></extra>"),
        ))
    titles = {
        "Localized": "Found while still where it started<br>(localized)",
        "Regional": "Found with spread to nearby nodes or tissue<br>(regional)",
        "Distant": "Found after spreading to distant organs<br>(distant)",
    }
    buttons = [
        {"label": stage, "method": "update",
         "args": [{"visible": [s == stage for s in STAGE_ORDER]}, {"title.text": titles[stage]}]}
        for stage in STAGE_ORDER
    ]
    fig.update_layout(**base_layout(
        title={"text": titles["Distant"], "font": {"size": 15}, "x": 0.01, "y": 0.985, "yanchor": "top",
               "xref": "container", "xanchor": "left"},
        height=max(420, 24 * len(wide) + 160),
        xaxis={"title": {"text": "Percent of cases"}, "range": [0, 100],
               "ticksuffix": "%"},
        yaxis={"automargin": True},
        showlegend=False,
        margin={"l": 10, "r": 30, "t": 120, "b": 50},
        updatemenus=[dropdown(buttons, x=0, y=1.01, label="Stage shown", active=2)],
    ))
    table = wide.reset_index().sort_values("Distant", ascending=False)
    table.columns = ["Cancer site", "Localized (%)", "Regional (%)", "Distant (%)"]
    most = table.iloc[0]
    least = table.iloc[-1]
    caption = (f"How often a cancer has already spread when it is first found differs greatly by cancer: "
               f"{most['Cancer site'].lower()} {most['Distant (%)']:g}% of cases at the distant stage, "
               f"{least['Cancer site'].lower()} {least['Distant (%)']:g}% (SEER, people diagnosed 2016-2022). "
               f"Use the buttons to see the localized and regional shares.")
    return CourseFigure(
        figure=fig, caption=caption, table=table,
        source=data.source_line("seer_stage_survival"),
        alt=("Horizontal bar chart of the percent of cases diagnosed at the distant stage for "
             f"{len(wide)} cancer sites, with buttons for the localized and regional stages."),
        name="stage-at-diagnosis",
        table_caption="Percent of cases at each SEER summary stage at diagnosis, 2016-2022",
        notes=["SEER's distant stage counts only spread found when the cancer was first diagnosed. Cancers that "
               "spread later are counted in their first stage, so these shares are not the share of people who "
               "ever have metastatic cancer."],
    )


# --- Figure 1: "Primary or secondary?" ------------------------------------------------------------------

PRIMARY_ORDER = ["breast", "lung", "colon", "prostate", "melanoma"]
SITE_ORDER = ["bone", "liver", "lung", "brain"]
# Colour AND marker shape per primary, so the cell icon is told apart without colour vision.
PRIMARY_STYLE = {
    "breast": (PALETTE["pink"], "circle"),
    "lung": (PALETTE["sky"], "diamond"),
    "colon": (PALETTE["orange"], "square"),
    "prostate": (PALETTE["blue"], "hexagon"),
    "melanoma": (PALETTE["black"], "star"),
}
DEFAULT = ("breast", "bone")
LEFT_X, RIGHT_X, ICON_Y = 0.2, 0.8, 0.62


def _wrap(text: str, width: int = 44) -> str:
    return wrap_text(text, width)


def _panel_title(kind: str, label: str) -> str:
    return f"{kind}<br><b>{label}</b>"


def answer_text(row) -> str:
    name = row["correct_name"][0].upper() + row["correct_name"][1:]
    return f"<b>{name}</b><br>{_wrap(row['not_called'])}<br>{_wrap(row['how_we_know'])}"


def primary_or_secondary() -> CourseFigure:
    """Primary or secondary? Pick where a cancer started and where it was found; the figure names it.

    Two independent dropdowns must combine into one answer, but plotly's controls cannot read each other's
    state. The figure composes the two choices through two different properties of the answer traces: the
    "Started in" menu sets ``visible`` (only the chosen primary's answers are drawn) and the "Found in" menu
    sets ``opacity`` (only the chosen site's answers are opaque). Each of the answer traces (one per primary x
    site) therefore shows only when its primary AND its site are chosen. Each menu updates only its own traces
    and annotation (method "update" with trace indices), so choosing one never resets the other. Every state
    comes from the label table ``primary_site_names``: no kernel needed.
    """
    labels = data.load("primary_site_names")
    table = labels.copy()
    labels = labels.set_index(["primary", "site"])
    primaries = [p for p in PRIMARY_ORDER if p in labels.index.get_level_values(0)]
    sites = [s for s in SITE_ORDER if s in labels.index.get_level_values(1)]
    p_label = {p: labels.loc[(p, sites[0]), "primary_label"] for p in primaries}
    s_label = {s: labels.loc[(primaries[0], s), "site_label"] for s in sites}
    p0, s0 = DEFAULT

    fig = go.Figure()
    icon_idx: list[int] = []      # cell icons: owned by the primary dropdown (visible)
    icon_of: list[str] = []
    answer_idx: list[int] = []    # answers: visible <- primary dropdown, opacity <- site dropdown
    answer_of: list[tuple[str, str]] = []

    for p in primaries:
        colour, symbol = PRIMARY_STYLE[p]
        # The same cell icon in both organs: the metastasis is made of the primary's cells.
        fig.add_trace(go.Scatter(
            x=[LEFT_X, RIGHT_X], y=[ICON_Y, ICON_Y], mode="markers",
            marker={"size": 48, "color": colour, "symbol": symbol, "line": {"width": 2, "color": "#222222"}},
            name=f"{p_label[p]} cancer cell", visible=(p == p0), hoverinfo="skip", showlegend=False,
        ))
        icon_idx.append(len(fig.data) - 1)
        icon_of.append(p)
    for p in primaries:
        for s in sites:
            fig.add_trace(go.Scatter(
                x=[0.5], y=[0.2], mode="text", text=[answer_text(labels.loc[(p, s)])],
                textfont={"size": 14, "color": "#222222"}, name=labels.loc[(p, s), "correct_name"],
                visible=(p == p0), opacity=1.0 if s == s0 else 0.0, hoverinfo="skip", showlegend=False,
            ))
            answer_idx.append(len(fig.data) - 1)
            answer_of.append((p, s))

    annotations = [
        {"x": LEFT_X, "y": 0.97, "xref": "x", "yref": "y", "showarrow": False, "font": {"size": 15},
         "text": _panel_title("Where it started", p_label[p0]), "name": "started"},
        {"x": RIGHT_X, "y": 0.97, "xref": "x", "yref": "y", "showarrow": False, "font": {"size": 15},
         "text": _panel_title("Where it was found", s_label[s0]), "name": "found"},
        {"x": RIGHT_X - 0.17, "y": ICON_Y, "ax": LEFT_X + 0.17, "ay": ICON_Y, "xref": "x", "yref": "y",
         "axref": "x", "ayref": "y", "showarrow": True, "arrowhead": 3, "arrowsize": 1.5, "arrowwidth": 2,
         "arrowcolor": PALETTE["grey"], "text": ""},
        {"x": 0.5, "y": ICON_Y + 0.09, "xref": "x", "yref": "y", "showarrow": False, "font": {"size": 13},
         "text": "cells spread", "name": "spread"},
    ]
    primary_targets = icon_idx + answer_idx
    primary_buttons = [
        {"label": f"Started in: {p_label[p]}", "method": "update",
         "args": [{"visible": [icon_of[k] == p for k in range(len(icon_idx))]
                   + [answer_of[k][0] == p for k in range(len(answer_idx))]},
                  {"annotations[0].text": _panel_title("Where it started", p_label[p])},
                  primary_targets]}
        for p in primaries
    ]
    site_buttons = [
        {"label": f"Found in: {s_label[s]}", "method": "update",
         "args": [{"opacity": [1.0 if answer_of[k][1] == s else 0.0 for k in range(len(answer_idx))]},
                  {"annotations[1].text": _panel_title("Where it was found", s_label[s])},
                  answer_idx]}
        for s in sites
    ]
    # Stacked in the top margin, not side by side, so both fit on a phone; the upper list opens over the lower.
    started_menu = dropdown(primary_buttons, x=0.0, y=1.232, yanchor="top", label="Where it started",
                            active=primaries.index(p0))
    found_menu = dropdown(site_buttons, x=0.0, y=1.125, yanchor="top", label="Where it was found",
                          active=sites.index(s0))
    fig.update_layout(**base_layout(
        height=480,
        margin={"l": 10, "r": 10, "t": 95, "b": 10},
        xaxis={"range": [0, 1], "visible": False, "fixedrange": True},
        yaxis={"range": [0, 1.05], "visible": False, "fixedrange": True},
        showlegend=False,
        annotations=annotations,
        updatemenus=[started_menu, found_menu],
    ))

    table = table[["primary_label", "site_label", "correct_name", "not_called"]].rename(columns={
        "primary_label": "Where it started", "site_label": "Where it was found",
        "correct_name": "Correct name", "not_called": "What it is not"})
    return CourseFigure(
        figure=fig,
        caption=("A cancer that has spread keeps the name of the place where it started: breast cancer found in "
                 "a bone is metastatic breast cancer in the bone, not bone cancer. Choose where a cancer started "
                 "and where it was found to see its correct name."),
        table=table,
        source=_label_sources(labels),
        alt=("Two panels joined by an arrow: where a cancer started and where it was found, with the same cell "
             "icon in both, and below them the correct name of the cancer; two dropdown menus choose the "
             "starting place and the site."),
        name="primary-or-secondary",
        table_caption=(f"Correct names for {len(primaries)} primary cancers found in {len(sites)} common sites "
                       "of metastasis"),
    )


def _label_sources(labels) -> str:
    """The label table's sources as links (it has no data years: it is a naming convention, not statistics)."""
    res = labels.attrs["resource"]
    links = []
    for src in res["sources"]:
        href = src["path"] if src["path"].startswith("http") else f"https://doi.org/{src['path'][4:]}"
        who = src.get("publisher") or src.get("authors", "")
        links.append(f'<a href="{href}">{html.escape(src["title"])}</a> ({html.escape(who)})')
    return "Naming rule and how pathologists tell: " + "; ".join(links) + "."
