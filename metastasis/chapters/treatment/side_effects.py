"""Figure: side effects by class of treatment, one source per cell."""

from __future__ import annotations

import html

import plotly.graph_objects as go

from metastasis.chapters.treatment.common import _load, _source_html, _sources_by_id
from metastasis.core.figures import PALETTE, CourseFigure, base_layout, dropdown

CLASS_ORDER = ["Chemotherapy", "Hormone therapy", "Targeted therapy (pills)", "Checkpoint inhibitors",
               "CAR T-cell therapy", "Antibody-drug conjugates", "Radioligand therapy", "Bone-modifying drugs"]
# Column labels of at most about 9 characters a line: eight columns side by side fit the book's text width
CLASS_SHORT = {"Chemotherapy": "Chemo-<br>therapy", "Hormone therapy": "Hormone<br>therapy",
               "Targeted therapy (pills)": "Targeted<br>pills",
               "Checkpoint inhibitors": "Check-<br>point<br>inhibitors", "CAR T-cell therapy": "CAR T<br>cells",
               "Antibody-drug conjugates": "Antibody-<br>drug<br>conjugates", "Radioligand therapy": "Radio-<br>ligand",
               "Bone-modifying drugs": "Bone<br>drugs"}
LEVELS = {"listed": 1, "common": 2, "serious": 3}
LEVEL_TEXT = {"listed": "Listed", "common": "Common", "serious": "Serious"}
LEVEL_COLOURSCALE = [  # discrete steps for z = 0 (blank), 1 (listed), 2 (common), 3 (serious) on [0, 3]
    [0.0, "#f4f4f4"], [1 / 6, "#f4f4f4"], [1 / 6, "#cfe6f7"], [0.5, "#cfe6f7"], [0.5, PALETTE["blue"]],
    [5 / 6, PALETTE["blue"]], [5 / 6, PALETTE["vermillion"]], [1.0, PALETTE["vermillion"]],
]


PHONE_VIEW = 3  # the first single-class view of the menu (after all, common only, serious only)


def side_effects_matrix() -> CourseFigure:
    """A readable class x side-effect matrix: each filled cell says what its source says; a menu filters.

    The menu shows every class (all cells, common only or serious only) or one class at a time, which keeps the
    matrix readable on a phone.
    """
    df = _load("side_effects_by_class").copy()
    sources = _sources_by_id("side_effects_by_class")
    effects = list(dict.fromkeys(df["side_effect"]))
    classes = [c for c in CLASS_ORDER if c in set(df["therapy_class"])]
    cell = df.set_index(["side_effect", "therapy_class"])

    def grids(keep: set[str], shown: list[str], short: bool = True):
        z, text, hover = [], [], []
        for eff in effects:
            zr, tr, hr = [], [], []
            for cls in shown:
                if (eff, cls) in cell.index and cell.loc[(eff, cls), "level"] in keep:
                    row = cell.loc[(eff, cls)]
                    src = sources[row["source_id"]]
                    zr.append(LEVELS[row["level"]])
                    tr.append(LEVEL_TEXT[row["level"]])
                    hr.append(f"<b>{html.escape(cls)}: {html.escape(eff)}</b><br>{html.escape(row['detail'])}"
                              f"<br>Source: {html.escape(src['title'][:90])} ({row['verification']})")
                else:
                    zr.append(0)
                    tr.append("")
                    hr.append(f"{html.escape(cls)}: {html.escape(eff)}<br>not listed by the source used here "
                              "(this does not mean it never happens)")
            z.append(zr)
            text.append(tr)
            hover.append(hr)
        x = [CLASS_SHORT[c] for c in shown] if short else [c.replace(" (", "<br>(") for c in shown]
        return z, x, text, hover

    z, x, text, hover = grids(set(LEVELS), classes)
    fig = go.Figure(go.Heatmap(
        z=z, x=x, y=[e.split(" (")[0] for e in effects], text=text,
        texttemplate="%{text}", textfont={"size": 12}, customdata=hover, hovertemplate="%{customdata}<extra></extra>",
        colorscale=LEVEL_COLOURSCALE, zmin=0, zmax=3, showscale=False, xgap=2, ygap=2,
    ))
    views = [("All classes", set(LEVELS), classes, "All side effects by class"),
             ("All classes: common only", {"common"}, classes, "Common side effects by class"),
             ("All classes: serious only", {"serious"}, classes, "Serious side effects by class")]
    views += [(cls, set(LEVELS), [cls], f"Side effects: {cls.lower()}") for cls in classes]
    buttons = []
    for label, keep, shown, title in views:
        zz, xx, tt, hh = grids(keep, shown, short=len(shown) > 1)
        buttons.append({"label": label, "method": "update",
                        "args": [{"z": [zz], "x": [xx], "text": [tt], "customdata": [hh]},
                                 {"title.text": title + ",<br>as each source describes them"}]})
    fig.update_layout(**base_layout(
        title={"text": "All side effects by class,<br>as each source describes them", "font": {"size": 15},
               "x": 0.01, "xref": "container", "y": 0.975, "yanchor": "top"},
        height=38 * len(effects) + 250,
        xaxis={"side": "top", "tickangle": 0, "tickfont": {"size": 12}},
        yaxis={"autorange": "reversed", "automargin": True, "tickfont": {"size": 12}},
        margin={"l": 10, "r": 10, "t": 170, "b": 30},
        updatemenus=[{**dropdown(buttons, x=1, y=1.11, label="Classes and cells shown"), "xanchor": "right"}],
    ))
    table = df.copy()
    table["source"] = table["source_id"].map(lambda s: sources[s]["title"])
    table = table[["therapy_class", "side_effect", "level", "detail", "source", "verification"]]
    table.columns = ["Class", "Side effect", "How the source describes it", "What the source says", "Source",
                     "Verification"]
    n_serious = int((df["level"] == "serious").sum())
    caption = ("Each class of treatment has its own pattern of side effects: chemotherapy affects fast-dividing "
               "normal cells (blood counts, hair, gut), hormone therapy causes hot flashes and bone thinning, and "
               "checkpoint inhibitors can inflame almost any organ. "
               f"{n_serious} cells are flagged as serious by their sources. A blank cell means the source used "
               "here did not list that effect, not that it never happens. The menu shows only common or only "
               "serious effects, or one class at a time (easier on a phone).")
    return CourseFigure(
        figure=fig, caption=caption, table=table,
        source=_source_html("side_effects_by_class", list(df["source_id"])),
        alt=(f"Grid of {len(effects)} side effects by {len(classes)} classes of treatment; filled cells read "
             "Common, Listed or Serious, with a menu to show only common or serious effects or one class."),
        name="side-effects-matrix",
        # On a phone the words in the cells of nine classes side by side cannot be read: it opens on one class
        # (the menu's first single-class view), and the menu still offers every view.
        narrow_traces=buttons[PHONE_VIEW]["args"][0],
        narrow_layout={**buttons[PHONE_VIEW]["args"][1], "updatemenus[0].active": PHONE_VIEW},
        table_caption="Side effects by class of treatment, one source per cell",
        notes=["Common = the source calls it common, or more than about 1 in 5 people had it in the cited trial; "
               "Listed = named as possible without a frequency; Serious = flagged as serious or potentially "
               "life-threatening (usually less common)."],
    )
