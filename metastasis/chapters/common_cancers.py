"""Figures and facts for chapter "The common cancers when they spread".

* :func:`approvals_by_cancer` - FDA approvals for the five common cancers on a timeline, one menu state per cancer;
* :func:`tumor_agnostic_timeline` - every verified tumor-agnostic approval, filtered by class of drug;
* :func:`breast_subtype_survival` - SEER five-year relative survival by breast-cancer subtype, one state per stage;
* :func:`glue_facts` - glues every approval's year (and a few counts) so the prose takes them from the data.

All states are precomputed plotly states, so the figures work in the static book without a kernel.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from metastasis.core import data
from metastasis.core import sources as source_links
from metastasis.core.figures import PALETTE, CourseFigure, base_layout, dropdown, wrap_text

STEM = "common-cancers"
CANCERS = ["breast", "prostate", "lung", "colorectal", "melanoma"]
CLASS_COLOURS = {
    "hormone therapy": PALETTE["green"],
    "targeted pill": PALETTE["blue"],
    "targeted antibody": PALETTE["sky"],
    "antibody-drug conjugate": PALETTE["yellow"],
    "checkpoint inhibitor": PALETTE["orange"],
    "bispecific T-cell engager": PALETTE["pink"],
    "cell therapy": PALETTE["pink"],
    "chemotherapy": PALETTE["grey"],
    "radioligand": PALETTE["vermillion"],
    "radiopharmaceutical": PALETTE["vermillion"],
}
SYMBOLS = {"accelerated": "diamond", "label change": "square"}  # everything else: circle


def approvals() -> pd.DataFrame:
    """Every approval row, oldest first, with the text the figures and tables show."""
    df = data.load("therapy_approvals").copy()
    sources = {s["id"]: s for s in data.resource("therapy_approvals")["sources"]}
    df["sort_date"] = df["approval_date"].fillna(pd.to_datetime(df["year"].astype(str) + "-07-01"))
    df = df.sort_values(["sort_date", "drug"]).reset_index(drop=True)
    df["date_text"] = [d.strftime("%-d %b %Y") if pd.notna(d) else f"{y} (day not confirmed)"
                       for d, y in zip(df["approval_date"], df["year"], strict=True)]
    df["eu_text"] = [str(int(y)) if pd.notna(y) else "not stated here" for y in df["eu_year"]]
    df["source_title"] = df["source_id"].map(lambda s: sources[s]["title"])
    df["source_href"] = df["source_id"].map(lambda s: source_links.href(sources[s]["path"]))
    return df


def _source_html(ids: list[str]) -> str:
    """The approvals' sources as links, in order of first use."""
    return source_links.resource_links("therapy_approvals", ids)


def _label(row: pd.Series) -> str:
    """The row's tick label: the drug (at most two short lines) over its class in small type, so the colours need
    no legend (a legend of ten classes would not fit a phone)."""
    drug = "<br>".join(wrap_text(row["drug"], 22).split("<br>")[:2])
    return f"{drug}<br><span style='font-size:10px'>{row['therapy_class']}</span>"


def _timeline(df: pd.DataFrame, states: list[tuple[str, pd.Series]], *, title: str, menu_label: str,
              name: str, caption: str, alt: str, table_caption: str) -> CourseFigure:
    """One timeline figure: a trace per menu state (rows laid out oldest at the top), a menu to switch states.

    The same helper draws both approval figures, so both share hover text, colours, symbols and the table.
    """
    fig = go.Figure()
    layouts = []
    for i, (label, mask) in enumerate(states):
        part = df[mask].reset_index(drop=True)
        n = len(part)
        fig.add_trace(go.Scatter(
            x=part["year"], y=list(range(n)), mode="markers", name=label, showlegend=False, visible=(i == 0),
            marker={"size": 14, "color": [CLASS_COLOURS[c] for c in part["therapy_class"]],
                    "symbol": [SYMBOLS.get(t, "circle") for t in part["approval_type"]],
                    "line": {"width": 1, "color": "#222222"}},
            customdata=part[["drug", "brand", "therapy_class", "target", "biomarker", "cancer", "line", "date_text",
                             "approval_type", "eu_text", "source_title", "verification"]].values,
            hovertemplate=("<b>%{customdata[0]}</b> (%{customdata[1]})<br>%{customdata[2]}, acts on "
                           "%{customdata[3]}<br>Tumor feature: %{customdata[4]}<br>Cancer: %{customdata[5]}"
                           "<br>Line: %{customdata[6]}<br>FDA: %{customdata[7]} (%{customdata[8]})"
                           "<br>EU year: %{customdata[9]}<br>Source: %{customdata[10]} (%{customdata[11]})"
                           "<extra></extra>"),
        ))
        noun = "approval" if n == 1 else "approvals"
        layouts.append({"yaxis.tickvals": list(range(n)), "yaxis.ticktext": [_label(r) for _, r in part.iterrows()],
                        "yaxis.range": [n - 0.5, -0.5], "title.text": f"{title}<br>{label}: {n} {noun}",
                        "height": max(340, 140 + 46 * n)})
    buttons = [{"label": label, "method": "update",
                "args": [{"visible": [j == i for j in range(len(states))]}, layouts[i]]}
               for i, (label, _mask) in enumerate(states)]
    first = layouts[0]
    fig.update_layout(**base_layout(
        title={"text": first["title.text"], "font": {"size": 15}, "x": 0.01, "xref": "container", "y": 1,
               "yref": "container", "yanchor": "top", "pad": {"t": 26}},
        height=first["height"], showlegend=False,
        xaxis={"title": {"text": "Year of FDA approval"}, "range": [min(df["year"]) - 1.5, 2026.5], "dtick": 5,
               "showgrid": True},
        yaxis={"tickvals": first["yaxis.tickvals"], "ticktext": first["yaxis.ticktext"],
               "range": first["yaxis.range"], "automargin": True, "showgrid": False, "zeroline": False,
               "tickfont": {"size": 12}},
        margin={"l": 10, "r": 15, "t": 110, "b": 55},
        # anchored at the right: the drug names make the left margin wide, and the menu must fit a phone
        updatemenus=[{**dropdown(buttons, x=1.0, y=1.0, label=menu_label), "xanchor": "right"}],
    ))
    table = df[["date_text", "drug", "brand", "therapy_class", "target", "biomarker", "cancer", "line",
                "approval_type", "eu_text", "source_title", "verification"]].copy()
    table.columns = ["FDA approval", "Drug", "Brand", "Class", "Acts on", "Tumor feature", "Cancer", "Line",
                     "Approval type", "EU year", "Source", "Verification"]
    caption += " Colours show the class of drug (named under each drug); diamonds mark accelerated approvals."
    return CourseFigure(figure=fig, caption=caption, table=table, source=_source_html(list(df["source_id"])),
                        alt=alt, name=name, table_caption=table_caption,
                        notes=["'Secondary' means the date was checked against a reliable copy of the FDA notice or a "
                               "report of it, not against the FDA's own page. Approvals keep changing: ask the care "
                               "team what applies now."])


def approvals_by_cancer() -> CourseFigure:
    """FDA approvals for the five common cancers, one menu state per cancer (tumor-agnostic rows shown apart)."""
    df = approvals()
    df = df[df["cancer_group"].isin(CANCERS)].reset_index(drop=True)
    states = [(c.capitalize(), df["cancer_group"] == c) for c in CANCERS]
    counts = ", ".join(f"{int(m.sum())} for {label.lower()}" for label, m in states)
    return _timeline(
        df, states, title="Selected FDA approvals", menu_label="Choose a cancer", name="approvals-by-cancer",
        caption=(f"The approvals in this chapter's data, by cancer ({counts}), from {df['year'].min()} to "
                 f"{df['year'].max()}. Each row is one approved use: the drug, what it acts on, the tumor feature it "
                 "needs and the line of treatment. Choose a cancer in the menu; hover or tap a marker for details."),
        alt=(f"Timeline of {len(df)} FDA approvals for breast, prostate, lung and colorectal cancer and melanoma, one "
             "row per drug, coloured by class, with a menu to choose the cancer."),
        table_caption="Selected FDA approvals for the five common cancers (one row per approved use)",
    )


def tumor_agnostic() -> pd.DataFrame:
    df = approvals()
    return df[df["tumor_agnostic"]].reset_index(drop=True)


def tumor_agnostic_timeline() -> CourseFigure:
    """Every verified tumor-agnostic approval, with a menu to show all of them or one class of drug."""
    df = tumor_agnostic()
    states = [("All classes", pd.Series(True, index=df.index))]
    states += [(c.capitalize(), df["therapy_class"] == c) for c in CLASS_COLOURS if c in set(df["therapy_class"])]
    features = sorted(set(df["biomarker"].str.split(" \\(").str[0]))
    return _timeline(
        df, states, title="Tumor-agnostic FDA approvals", menu_label="Filter by class of drug",
        name="tumor-agnostic",
        caption=(f"From {df['year'].min()} to {df['year'].max()} the FDA approved {len(df)} uses of drugs for any "
                 f"solid tumor with a given feature, whatever organ it started in ({', '.join(features)}). "
                 f"{int((df['approval_type'] == 'accelerated').sum())} of the {len(df)} were accelerated approvals. "
                 "Use the menu to show one class of drug."),
        alt=(f"Timeline of {len(df)} tumor-agnostic FDA approvals from {df['year'].min()} to {df['year'].max()}, "
             "one row per drug, with a menu to filter by class of drug."),
        table_caption="Tumor-agnostic FDA approvals, with dates and sources",
    )


# --------------------------------------------------------------------------------------------------------------
# Breast cancer: survival by subtype and stage
# --------------------------------------------------------------------------------------------------------------

SUBTYPE_ORDER = ["HR+/HER2-", "HR+/HER2+", "HR-/HER2+", "HR-/HER2-", "Unknown", "Total"]
STAGE_ORDER = ["Distant", "Regional", "Localized", "All stages"]
SHORT_LABELS = {"HR+/HER2-": "HR+ / HER2−", "HR+/HER2+": "HR+ / HER2+", "HR-/HER2+": "HR− / HER2+",
                "HR-/HER2-": "Triple-negative", "Unknown": "Unknown", "Total": "All subtypes"}
SUBTYPE_COLOURS = [PALETTE["blue"], PALETTE["green"], PALETTE["sky"], PALETTE["vermillion"], PALETTE["grey"],
                   PALETTE["black"]]


def breast_survival_table() -> pd.DataFrame:
    df = data.load("breast_subtype_survival").copy()
    df["order"] = df["subtype"].map(SUBTYPE_ORDER.index)
    return df.sort_values(["order"]).reset_index(drop=True)


def _stage_title(stage: str, years: str) -> str:
    where = "Distant spread at diagnosis" if stage == "Distant" else stage
    return f"Breast cancer, 5-year relative survival<br>{where} ({years})"


def breast_subtype_survival() -> CourseFigure:
    """Five-year relative survival by subtype, one menu state per SEER stage (distant first)."""
    df = breast_survival_table()
    fig = go.Figure()
    layouts = []
    for i, stage in enumerate(STAGE_ORDER):
        part = df[df["stage"] == stage]
        years = part["data_years"].iloc[0]
        fig.add_trace(go.Bar(
            y=part["subtype"].map(SHORT_LABELS), x=part["relative_survival_5yr_pct"], orientation="h", name=stage,
            visible=(i == 0), marker={"color": [SUBTYPE_COLOURS[SUBTYPE_ORDER.index(s)] for s in part["subtype"]]},
            text=[f"{v:.1f}%" for v in part["relative_survival_5yr_pct"]], textposition="outside",
            cliponaxis=False, customdata=part[["subtype_label", "data_years", "verification"]].values,
            hovertemplate=("<b>%{customdata[0]}</b><br>%{x:.1f}% five-year relative survival"
                           "<br>Diagnosed %{customdata[1]} (%{customdata[2]})<extra></extra>")))
        layouts.append({"title.text": _stage_title(stage, years)})
    buttons = [{"label": stage if stage != "Distant" else "Distant (metastatic)", "method": "update",
                "args": [{"visible": [j == i for j in range(len(STAGE_ORDER))]}, layouts[i]]}
               for i, stage in enumerate(STAGE_ORDER)]
    fig.update_layout(**base_layout(
        title={"text": layouts[0]["title.text"], "font": {"size": 15}, "x": 0.01, "xref": "container",
               "y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 26}},
        height=470, showlegend=False,
        xaxis={"title": {"text": "Five-year relative survival (%)"}, "range": [0, 112], "dtick": 20},
        yaxis={"autorange": "reversed", "automargin": True, "tickfont": {"size": 12}},
        margin={"l": 10, "r": 20, "t": 120, "b": 60},
        updatemenus=[dropdown(buttons, x=0.0, y=1.0, label="Choose the stage at diagnosis")],
    ))
    distant = df[df["stage"] == "Distant"].set_index("subtype")["relative_survival_5yr_pct"]
    table = df[["subtype_label", "subtype", "stage", "relative_survival_5yr_pct", "data_years", "verification"]]
    table = table.sort_values(["stage", "subtype"], key=lambda s: s.map(
        {v: k for k, v in enumerate(STAGE_ORDER + SUBTYPE_ORDER)})).copy()
    table.columns = ["Subtype", "SEER label", "Stage at diagnosis", "5-year relative survival (%)",
                     "Years of diagnosis", "Verification"]
    sources = data.resource("breast_subtype_survival")["sources"]
    return CourseFigure(
        figure=fig,
        caption=(f"For breast cancer that had already spread to distant organs when it was found (women diagnosed "
                 f"2013-2019), five-year relative survival ranged from {distant['HR-/HER2-']:.1f}% for triple-negative "
                 f"cancer to {distant['HR+/HER2+']:.1f}% for hormone receptor-positive, HER2-positive cancer. Use the "
                 "menu to compare stages: the subtype matters at every stage, but the stage matters most."),
        table=table,
        source=source_links.links(sources),
        alt=("Horizontal bar chart of five-year relative survival for four breast-cancer subtypes, unknown subtype and "
             "all subtypes, with a menu to choose the stage at diagnosis."),
        name="breast-subtype-survival",
        table_caption="Five-year relative survival, female breast cancer, by subtype and SEER stage",
        notes=["Relative survival compares women with breast cancer to similar women without it. 'Distant' counts only "
               "spread found at diagnosis. The stage table (2013-2019) and the all-stages values (2014-2020) come "
               "from two SEER releases."],
    )


# --------------------------------------------------------------------------------------------------------------
# Facts for the prose
# --------------------------------------------------------------------------------------------------------------

SEER_SITES = {"Prostate": "prostate", "Melanoma": "melanoma", "Breast (female)": "breast", "Colorectal": "colorectal",
              "Lung": "lung"}


def facts() -> dict[str, object]:
    """Every approval's year and date (keys '<approval_id>_year' and '_date'), and counts the prose uses."""
    df = approvals()
    out: dict[str, object] = {}
    for _, row in df.iterrows():
        out[f"{row['approval_id']}_year"] = int(row["year"])
        out[f"{row['approval_id']}_date"] = row["date_text"]
    agnostic = df[df["tumor_agnostic"]]
    out["n_agnostic"] = len(agnostic)
    out["n_agnostic_accelerated"] = int((agnostic["approval_type"] == "accelerated").sum())
    out["first_agnostic_year"] = int(agnostic["year"].min())
    out["last_agnostic_year"] = int(agnostic["year"].max())
    seer = data.load("seer_stage_survival")
    distant = seer[seer["stage"] == "Distant"].set_index("site_label")["relative_survival_5yr_pct"]
    for label, key in SEER_SITES.items():
        out[f"seer_distant_{key}"] = f"{distant[label]:.1f}%"
    breast = breast_survival_table().set_index(["subtype", "stage"])["relative_survival_5yr_pct"]
    for subtype, key in [("HR+/HER2-", "hrpos_her2neg"), ("HR-/HER2-", "tnbc"), ("HR+/HER2+", "hrpos_her2pos"),
                         ("HR-/HER2+", "hrneg_her2pos"), ("Total", "all")]:
        for stage in ("Localized", "Distant"):
            out[f"breast_{key}_{stage.lower()}"] = f"{breast[(subtype, stage)]:.1f}%"
    return out


def glue_facts() -> None:
    """Glue every fact for the prose ({glue:text}`key`), without displaying anything."""
    from myst_nb import glue

    for key, value in facts().items():
        glue(key, value, display=False)
