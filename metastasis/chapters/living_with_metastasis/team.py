"""Figure: who does what in the care team."""

from __future__ import annotations

import html
import math

import pandas as pd
import plotly.graph_objects as go

from metastasis.chapters.living_with_metastasis.common import _wrap
from metastasis.core import data
from metastasis.core.figures import PALETTE, CourseFigure, base_layout, dropdown

GROUP_ORDER = ["At the center", "Cancer treatment", "Comfort and symptoms", "Practical help and feelings",
               "Body and daily life", "Meaning and spirit"]
GROUP_COLOURS = {"At the center": PALETTE["black"], "Cancer treatment": PALETTE["blue"],
                 "Comfort and symptoms": PALETTE["orange"], "Practical help and feelings": PALETTE["green"],
                 "Body and daily life": PALETTE["sky"], "Meaning and spirit": PALETTE["pink"]}


def _team_positions(roles: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """The person and family at the center; the other roles on a circle, grouped by the help they give."""
    ring = roles[roles["group"] != "At the center"].copy()
    ring["order"] = ring["group"].map(GROUP_ORDER.index)
    ring = ring.sort_values(["order"], kind="stable")
    positions = {r: (0.0, 0.0) for r in roles.loc[roles["group"] == "At the center", "role_id"]}
    n = len(ring)
    for k, role_id in enumerate(ring["role_id"]):
        angle = math.pi / 2 - 2 * math.pi * k / n
        positions[role_id] = (round(math.cos(angle), 4), round(math.sin(angle), 4))
    return positions


def _label_position(x: float, y: float) -> str:
    """Put each label outside its circle, away from the center, so that neighbours do not collide."""
    if (x, y) == (0.0, 0.0):
        return "bottom center"
    if x > 0.3:
        return "middle right"
    if x < -0.3:
        return "middle left"
    return "top center" if y > 0 else "bottom center"


def _role_box(row) -> dict:
    text = (f"<b>{html.escape(row['role'])}</b> ({html.escape(row['group'].lower())})<br>"
            f"{_wrap('What they do: ' + html.escape(row['what_they_do']), 52)}<br>"
            f"{_wrap('You might ask: ' + html.escape(row['you_might_ask_them']), 52)}")
    return {"text": text, "xref": "paper", "yref": "paper", "x": 0, "y": -0.04, "xanchor": "left",
            "yanchor": "top", "align": "left", "showarrow": False, "bgcolor": "#f7f7f7",
            "bordercolor": "#767676", "borderpad": 6, "font": {"size": 13}}


_ALL_ROLES_NOTE = {"text": "Choose a role in the menu above to see<br>what they do. Colors group the roles by<br>"
                           "the kind of help they give.",
                   "xref": "paper", "yref": "paper", "x": 0, "y": -0.04, "xanchor": "left", "yanchor": "top",
                   "showarrow": False, "font": {"size": 13, "color": "#444444"}}


def care_team() -> CourseFigure:
    """Who does what in the care team: a diagram around the person and family, with a dropdown per role."""
    roles = data.load("care_team_roles")
    pos = _team_positions(roles)
    fig = go.Figure()
    spoke_x, spoke_y = [], []
    for x, y in pos.values():
        if (x, y) != (0.0, 0.0):
            spoke_x += [0, x * 0.86, None]
            spoke_y += [0, y * 0.86, None]
    fig.add_trace(go.Scatter(x=spoke_x, y=spoke_y, mode="lines", line={"color": "#bbbbbb", "width": 1},
                             hoverinfo="skip", showlegend=False, name="links"))
    group_traces = []
    for group in GROUP_ORDER:
        members = roles[roles["group"] == group]
        if members.empty:
            continue
        xs = [pos[r][0] for r in members["role_id"]]
        ys = [pos[r][1] for r in members["role_id"]]
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="markers+text", name=group,
            text=[_wrap(r, 13) for r in members["role"]],
            textposition=[_label_position(x, y) for x, y in zip(xs, ys, strict=True)],
            showlegend=False,
            marker={"size": [46 if group == "At the center" else 26] * len(members), "color": GROUP_COLOURS[group],
                    "line": {"width": [1] * len(members), "color": "#222222"}, "opacity": 0.9},
            textfont={"size": 11, "color": "#222222"},
            customdata=[[_wrap(w, 48)] for w in members["what_they_do"]],
            hovertemplate="<b>%{text}</b><br>%{customdata[0]}<extra></extra>",
        ))
        group_traces.append(members)
    # One menu item per role: enlarge and outline its circle, and show its description under the diagram.
    indices = list(range(1, 1 + len(group_traces)))
    buttons = [{"label": "All roles", "method": "update",
                "args": [{"marker.size": [[46 if m["group"].iloc[0] == "At the center" else 26] * len(m)
                                          for m in group_traces],
                          "marker.line.width": [[1] * len(m) for m in group_traces]},
                         {"title.text": "Who does what in the care team", "annotations": [_ALL_ROLES_NOTE]},
                         indices]}]
    ordered = pd.concat(group_traces)
    for _, row in ordered.iterrows():
        sizes, widths = [], []
        for members in group_traces:
            base = 46 if members["group"].iloc[0] == "At the center" else 26
            sizes.append([base + 14 if r == row["role_id"] else base for r in members["role_id"]])
            widths.append([4 if r == row["role_id"] else 1 for r in members["role_id"]])
        buttons.append({"label": row["role"], "method": "update",
                        "args": [{"marker.size": sizes, "marker.line.width": widths},
                                 {"title.text": row["role"], "annotations": [_role_box(row)]}, indices]})
    fig.update_layout(**base_layout(
        title={"text": "Who does what in the care team", "font": {"size": 15}, "x": 0, "xanchor": "left",
               "y": 0.98, "yanchor": "top"},
        height=680,
        xaxis={"visible": False, "range": [-2.3, 2.3]},
        yaxis={"visible": False, "range": [-1.35, 1.3]},
        showlegend=False,
        annotations=[_ALL_ROLES_NOTE],
        margin={"l": 5, "r": 5, "t": 90, "b": 150},
        updatemenus=[dropdown(buttons, kind="dropdown", x=0, y=1.02, yanchor="bottom", label="Choose a role")],
    ))
    table = ordered.rename(columns={"role": "Role", "also_called": "Also called", "group": "Kind of help",
                                    "what_they_do": "What they do",
                                    "you_might_ask_them": "A question you might ask"})[
        ["Role", "Also called", "Kind of help", "What they do", "A question you might ask"]]
    caption = ("A person with metastatic cancer is cared for by a team, with the person and the people close to "
               "them at the center. Choose a role to see what that member of the team does and one question you "
               "might ask them. Not every hospital has every role, and names differ between countries.")
    return CourseFigure(
        figure=fig, caption=caption, table=table.reset_index(drop=True),
        source=data.source_line("care_team_roles"),
        alt=("Diagram of the cancer care team arranged around the person with cancer and their family; a "
             "dropdown shows what each role does."),
        name="care-team",
        table_caption="Members of the care team and what they do",
    )
