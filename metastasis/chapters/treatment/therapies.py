"""Figure: biomarker-matched and cell therapies on a timeline, filtered by cancer or class."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from metastasis.chapters.treatment.common import _load, _source_html, _sources_by_id
from metastasis.core.figures import PALETTE, CourseFigure, base_layout, dropdown

CLASS_COLOURS = {
    "targeted antibody": PALETTE["sky"],
    "targeted pill": PALETTE["blue"],
    "hormone therapy": PALETTE["green"],
    "checkpoint inhibitor": PALETTE["orange"],
    "cell therapy": PALETTE["pink"],
    "radioligand": PALETTE["vermillion"],
}
CANCER_ORDER = ["breast", "lung", "melanoma", "ovarian", "prostate", "sarcoma", "blood cancer",
                "any solid tumor"]



def timeline_examples() -> pd.DataFrame:
    """The approvals this chapter's timeline shows (the dataset also serves the common-cancers chapter)."""
    df = _load("therapy_approvals")
    return df[df["in_treatment_timeline"]].reset_index(drop=True).copy()

def _therapy_states(df: pd.DataFrame) -> list[tuple[str, str, pd.Series]]:
    """(menu, label, row mask) for every filter state: all rows, each cancer group, each class."""
    states = [("cancer", "All cancers", pd.Series(True, index=df.index))]
    for group in [g for g in CANCER_ORDER if g in set(df["cancer_group"])]:
        states.append(("cancer", group.capitalize(), df["cancer_group"] == group))
    states.append(("class", "All classes", pd.Series(True, index=df.index)))
    for cls in [c for c in CLASS_COLOURS if c in set(df["therapy_class"])]:
        states.append(("class", cls.capitalize(), df["therapy_class"] == cls))
    return states


def therapy_explorer() -> CourseFigure:
    """Biomarker-matched and cell therapies as a timeline; menus filter by cancer or by class of drug.

    Every filter state is one precomputed trace laid out on its own rows (oldest at the top), so a filter
    leaves no empty rows. Tumor-agnostic approvals are drawn as diamonds.
    """
    df = timeline_examples()
    df["sort_date"] = df["approval_date"].fillna(pd.to_datetime(df["year"].astype(str) + "-07-01"))
    df = df.sort_values(["sort_date", "drug"]).reset_index(drop=True)
    sources = _sources_by_id("therapy_approvals")
    df["date_text"] = [d.strftime("%-d %b %Y") if pd.notna(d) else f"{y} (month and day not confirmed)"
                       for d, y in zip(df["approval_date"], df["year"], strict=True)]
    df["label"] = [d if len(d) <= 18 else b for d, b in zip(df["drug"], df["brand"], strict=True)]
    df["full_name"] = df["drug"] + " (" + df["brand"] + ")"
    df["tick"] = [f"{d}<br><span style='font-size:11px'>{_short_biomarker(b)}</span>"
                  for d, b in zip(df["label"], df["biomarker"], strict=True)]
    df["first_text"] = df["fda_first_wording"].fillna("").map(lambda s: f"<br>'{s}'" if s else "")
    df["source_title"] = df["source_id"].map(lambda s: sources[s]["title"])

    states = _therapy_states(df)
    fig = go.Figure()
    for _menu, label, mask in states:
        part = df[mask].reset_index(drop=True)
        n = len(part)
        fig.add_trace(go.Scatter(
            x=part["year"], y=list(range(n)), mode="markers", name=label, showlegend=False,
            visible=(label == "All cancers"),
            marker={"size": 15, "color": [CLASS_COLOURS[c] for c in part["therapy_class"]],
                    "symbol": ["diamond" if a else "circle" for a in part["tumor_agnostic"]],
                    "line": {"width": 1, "color": "#222222"}},
            customdata=part[["full_name", "biomarker", "cancer", "therapy_class", "date_text", "approval_type",
                             "first_text", "source_title", "verification"]].values,
            hovertemplate=("<b>%{customdata[0]}</b><br>Biomarker: %{customdata[1]}<br>Cancer: %{customdata[2]}"
                           "<br>Class: %{customdata[3]}<br>FDA, %{customdata[4]} (%{customdata[5]})"
                           "%{customdata[6]}<br>Source: %{customdata[7]} (%{customdata[8]})<extra></extra>"),
        ))
    # Legend entries (always visible, no data): colours by class, diamond for tumor-agnostic.
    for cls, colour in CLASS_COLOURS.items():
        if cls in set(df["therapy_class"]):
            fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=cls.capitalize(),
                                     marker={"size": 12, "color": colour, "line": {"width": 1, "color": "#222"}},
                                     hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name="Any solid tumor (tumor-agnostic)",
                             marker={"size": 12, "color": "#ffffff", "symbol": "diamond",
                                     "line": {"width": 1.5, "color": "#222"}}, hoverinfo="skip"))
    n_legend = len(fig.data) - len(states)

    def layout_for(label: str, mask: pd.Series) -> dict:
        part = df[mask].reset_index(drop=True)
        n = len(part)
        return {"yaxis.tickvals": list(range(n)), "yaxis.ticktext": list(part["tick"]),
                "yaxis.range": [n - 0.5, -0.5], "title.text": _therapy_title(label, n)}

    menus = {"cancer": [], "class": []}
    for i, (menu, label, mask) in enumerate(states):
        visible = [j == i for j in range(len(states))] + [True] * n_legend
        menus[menu].append({"label": label, "method": "update",
                            "args": [{"visible": visible}, layout_for(label, mask)]})
    first = layout_for("All cancers", states[0][2])
    fig.update_layout(**base_layout(
        title={"text": first["title.text"], "font": {"size": 15}, "x": 0.01, "xref": "container",
               "y": 0.975, "yanchor": "top"},
        height=820,
        xaxis={"title": {"text": "Year of first FDA approval"}, "range": [1995.5, 2026.5],
               "dtick": 5, "showgrid": True},
        yaxis={"tickvals": first["yaxis.tickvals"], "ticktext": first["yaxis.ticktext"],
               "range": first["yaxis.range"], "automargin": True, "showgrid": False, "zeroline": False},
        legend={"orientation": "h", "y": -0.14, "x": 0, "font": {"size": 12}},
        margin={"l": 10, "r": 20, "t": 165, "b": 150},
        updatemenus=[
            dropdown(menus["class"], x=0.0, y=1.02, label="Filter by class of drug"),
            dropdown(menus["cancer"], x=0.0, y=1.095, label="Filter by cancer"),
        ],
    ))
    table = df[["year", "full_name", "therapy_class", "biomarker", "cancer", "approval_type", "tumor_agnostic",
                "fda_first_wording", "source_title", "verification"]].copy()
    table["tumor_agnostic"] = table["tumor_agnostic"].map({True: "yes", False: "no"})
    table.columns = ["Year", "Drug", "Class", "Biomarker", "Cancer", "Approval", "Any solid tumor",
                     "'First' as worded", "Source", "Verification"]
    n_agnostic = int(df["tumor_agnostic"].sum())
    agnostic = df[df["tumor_agnostic"]]
    caption = (f"From {df['year'].min()} to {df['year'].max()}, these {len(df)} example FDA approvals each name "
               f"a tumor feature, or a cell therapy, rather than only an organ. {n_agnostic} of them "
               f"({' and '.join(f'{d} in {y}' for d, y in zip(agnostic['drug'], agnostic['year'], strict=True))}) "
               f"cover any solid tumor with the feature. Use the menus to filter by cancer or by class of drug; "
               f"the most recent choice applies.")
    return CourseFigure(
        figure=fig, caption=caption, table=table, source=_source_html("therapy_approvals", list(df["source_id"])),
        alt=(f"Timeline of {len(df)} FDA approvals from {df['year'].min()} to {df['year'].max()}, one row per "
             "drug, coloured by class, with menus to filter by cancer or by class."),
        name="therapy-explorer",
        narrow_layout={"xaxis.title.font.size": 12},  # the axis title fits a phone
        table_caption="Examples of biomarker-matched and cell therapies: first FDA approval for each use",
        notes=["Examples, not a complete list. Each row is the first approval for the use shown; many drugs were "
               "later approved for more cancers. 'Secondary' means the date was checked on a reliable copy, not "
               "on the FDA's own page."],
    )


def _short_biomarker(text: str) -> str:
    """A short label for the marker: the biomarker without its explanation in brackets."""
    if text.startswith("none"):
        return "no biomarker needed"
    text = text.split(" (")[0]
    return text.replace(" protein plus a matching HLA-A*02 type", " + HLA-A*02").replace(" needed", "")


def _therapy_title(label: str, n: int) -> str:
    noun = "approval" if n == 1 else "approvals"
    return f"Matched treatments<br>{label}: {n} {noun}"
