"""Figures for the chapter "Symptoms, pain and emergencies", and the when-to-get-help card.

- :func:`help_card` — the when-to-get-help explorer: every warning sign of ``data/when_to_get_help.csv`` with its
  level, why, and the source that sets the level. It is an HTML table (readable with no script, no kernel and on
  paper) with filter buttons that a small script (``help-explorer.js``) wires up; the start-here page shows the
  same card through the ``help-card`` directive.
- :func:`pain_prevalence` — how common pain is at each stage of illness, from two systematic reviews.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from metastasis.core import data
from metastasis.core import sources as source_links
from metastasis.core.figures import PALETTE, CourseFigure, base_layout, dropdown, wrap_text

STEM = "symptoms-pain-and-emergencies"


@dataclass(frozen=True)
class Level:
    """One of the three levels of help: its label on the card, what to do, and its badge class."""

    key: str
    label: str
    action: str
    badge: str


LEVELS = {
    "emergency": Level(
        "emergency", "Call emergency services now",
        "Call 911 in the US or 999 in the UK, or your local emergency number (112 in the EU). Do not wait for a call "
        "back.", "help-level-emergency"),
    "care-team-today": Level(
        "care-team-today", "Call the care team today, at any hour",
        "Use the 24-hour number the cancer team gave you, straight away, even at night or at the weekend. "
        "If you cannot reach anyone, call NHS 111 (UK) or go to an emergency department.", "help-level-today"),
    "next-visit": Level(
        "next-visit", "Mention it at the next visit",
        "Write it down and tell the team at the next appointment. If it gets worse quickly, move up a level.",
        "help-level-next"),
}
LEVEL_ORDER = list(LEVELS)


def level_label(level: str) -> str:
    """The label a reader sees for a level key (raises for an unknown level, naming it)."""
    if level not in LEVELS:
        raise ValueError(f"unknown help level '{level}' (known: {LEVEL_ORDER})")
    return LEVELS[level].label


def help_rows() -> pd.DataFrame:
    """The warning signs in card order, with each level's label and each source's publisher and title."""
    rows = data.load("when_to_get_help")
    sources = {s["id"]: s for s in rows.attrs["resource"]["sources"]}
    problems = []
    for row in rows.itertuples():
        ids = [row.source_id, *filter(None, (row.other_source_ids or "").split(";"))]
        problems += [f"data/when_to_get_help.csv: row '{row.help_id}': source '{i}' is not a source of the dataset"
                     for i in ids if i not in sources]
    if problems:
        raise data.DataValidationError("\n".join(problems))
    rows = rows.sort_values("card_order").reset_index(drop=True)
    rows["level_label"] = rows["level"].map(level_label)
    rows["source_publisher"] = rows["source_id"].map(lambda i: sources[i]["publisher"])
    rows["source_title"] = rows["source_id"].map(lambda i: sources[i]["title"])
    rows["source_url"] = rows["source_id"].map(lambda i: source_links.href(sources[i]["path"]))
    rows.attrs["sources"] = sources
    return rows




def _e(text) -> str:
    return html.escape(str(text), quote=True)


@dataclass
class HelpCard:
    """The when-to-get-help card as HTML: works with no script (a full table), filters with one, prints alone."""

    html: str
    rows: pd.DataFrame

    def _repr_html_(self) -> str:
        return self.html


def help_card(*, compact: bool = False, card_id: str = "help-card") -> HelpCard:
    """Build the card. ``compact`` (for the start-here page) leaves out the 'where sources differ' notes."""
    rows = help_rows()
    sources = rows.attrs["sources"]
    counts = rows["level"].value_counts()
    buttons = [f'<button type="button" class="help-filter" data-level="all" aria-pressed="true">'
               f'All signs <span class="help-count">({len(rows)})</span></button>']
    for key in LEVEL_ORDER:
        buttons.append(f'<button type="button" class="help-filter" data-level="{key}" aria-pressed="false">'
                       f'{_e(LEVELS[key].label)} <span class="help-count">({int(counts.get(key, 0))})</span>'
                       f'</button>')
    legend = "".join(f'<li><span class="help-badge {LEVELS[k].badge}">{_e(LEVELS[k].label)}</span> '
                     f'{_e(LEVELS[k].action)}</li>' for k in LEVEL_ORDER)
    body = []
    for row in rows.itertuples():
        level = LEVELS[row.level]
        differ = ("" if compact or not row.sources_differ else
                  f'<p class="help-differ"><strong>Where sources differ:</strong> {_e(row.sources_differ)}</p>')
        body.append(
            f'<tr data-level="{row.level}" id="{card_id}-{row.help_id}">'
            f'<th scope="row" data-label="Sign"><span class="help-topic">{_e(row.topic)}</span>'
            f'<span class="help-signs">{_e(row.signs)}</span></th>'
            f'<td data-label="Level"><span class="help-badge {level.badge}">{_e(level.label)}</span></td>'
            f'<td data-label="Why">{_e(row.why)}{differ}</td>'
            f'<td data-label="Source">{source_links.link(sources[row.source_id], label=row.source_publisher)}: '
            f'{_e(row.source_title)}</td></tr>')
    card = (
        f'<section class="help-card" id="{card_id}" data-help-card aria-labelledby="{card_id}-title">'
        f'<h3 class="help-card-title" id="{card_id}-title">The when-to-get-help card</h3>'
        f'<p class="help-card-lede">Educational, not medical advice. If your own care team has told you what to do, '
        f'follow their instructions. If you are unsure which level fits, choose the more urgent one.</p>'
        f'<ul class="help-legend">{legend}</ul>'
        f'<div class="help-filters" role="group" aria-label="Show warning signs by level" hidden>'
        f'{"".join(buttons)}<button type="button" class="help-print">Print this card</button></div>'
        f'<p class="help-status" role="status" aria-live="polite"></p>'
        f'<div class="help-table-wrap"><table class="help-table">'
        f'<caption>Warning signs, the level of help each needs, why, and the source that sets the level'
        f'</caption><thead><tr><th scope="col">Sign</th><th scope="col">Level</th><th scope="col">Why</th>'
        f'<th scope="col">Source</th></tr></thead><tbody>{"".join(body)}</tbody></table></div>'
        f'<p class="help-card-foot">US: 911, and the 988 Suicide &amp; Crisis Lifeline. UK: 999, NHS 111, and '
        f'Samaritans on 116 123. EU: 112. Data: <code>data/when_to_get_help.csv</code>, with every source.</p>'
        f'</section>')
    return HelpCard(html=card, rows=rows)


def level_summary() -> pd.DataFrame:
    """How many warning signs the card puts at each level (used in the chapter's text and tests)."""
    rows = help_rows()
    return (rows.groupby("level", sort=False).size().reindex(LEVEL_ORDER, fill_value=0)
            .rename("signs").reset_index().assign(label=lambda d: d["level"].map(level_label)))


# --------------------------------------------------------------------------------------------------------
# How common pain is (two systematic reviews)
# --------------------------------------------------------------------------------------------------------

REVIEW_STYLE = {"vdb2016": PALETTE["blue"], "vdb2007": PALETTE["orange"]}
GROUP_ORDER = ["advanced", "during-treatment", "after-curative", "all-stages", "moderate-severe-all"]


def pain_prevalence() -> CourseFigure:
    """Share of people with cancer who have pain, by stage of illness, in the 2007 review and its 2016 update;
    a menu shows either review or both."""
    pain = data.load("cancer_pain_prevalence")
    res = pain.attrs["resource"]
    labels = {g: pain.loc[pain["group"] == g, "group_label"].iloc[0] for g in GROUP_ORDER}
    fig = go.Figure()
    reviews = ["vdb2016", "vdb2007"]
    for review in reviews:
        rows = pain[pain["review"] == review].set_index("group")
        groups = [g for g in GROUP_ORDER if g in rows.index]
        fig.add_trace(go.Bar(
            y=[wrap_text(labels[g], 26) for g in groups], x=[rows.loc[g, "prevalence_pct"] for g in groups],
            orientation="h", name=f"{rows['review_label'].iloc[0]} ({int(rows['studies_in_review'].iloc[0])} "
                                  f"studies)",
            marker_color=REVIEW_STYLE[review], text=[f"{rows.loc[g, 'prevalence_pct']:g}%" for g in groups],
            textposition="outside", cliponaxis=False,
            customdata=[[labels[g], rows["review_label"].iloc[0]] for g in groups],
            hovertemplate="<b>%{customdata[0]}</b><br>%{x:g}% had pain<br>%{customdata[1]}<extra></extra>",
        ))
    title = "How many people with cancer have pain<br>({})"
    studies = pain.groupby("review")["studies_in_review"].first()
    states = [("Both reviews", [True, True], "pooled from many studies, two reviews"),
              ("2016 update only", [True, False], f"2016 update, {studies['vdb2016']} studies"),
              ("2007 review only", [False, True], f"2007 review, {studies['vdb2007']} studies")]
    buttons = [{"label": label, "method": "update", "args": [{"visible": visible}, {"title.text": title.format(what)}]}
               for label, visible, what in states]
    category_order = [wrap_text(labels[g], 26) for g in reversed(GROUP_ORDER)]
    fig.update_layout(**base_layout(
        title={"text": title.format(states[0][2]),
               "font": {"size": 15}, "x": 0.01, "xref": "container", "xanchor": "left", "y": 0.975,
               "yanchor": "top"},
        barmode="group", height=560, bargap=0.25,
        xaxis={"title": {"text": "% of people with pain"}, "range": [0, 82], "ticksuffix": "%", "fixedrange": True},
        yaxis={"automargin": True, "categoryorder": "array", "categoryarray": category_order, "fixedrange": True},
        legend={"orientation": "h", "x": 0, "y": -0.16, "font": {"size": 12}},
        margin={"l": 10, "r": 30, "t": 120, "b": 110},
        updatemenus=[dropdown(buttons, x=0, y=1.0, label="Choose a review")],
    ))
    table = pain[["review_label", "group_label", "prevalence_pct", "studies_in_review"]].rename(columns={
        "review_label": "Review", "group_label": "Group", "prevalence_pct": "Had pain (%)",
        "studies_in_review": "Studies pooled"})
    new = pain[pain["review"] == "vdb2016"].set_index("group")["prevalence_pct"]
    caption = (f"Pain is common in cancer and most common when the cancer is advanced: in the 2016 update, "
               f"{new['advanced']:g}% of people with advanced, metastatic or terminal disease had pain, against "
               f"{new['during-treatment']:g}% during treatment and {new['after-curative']:g}% after curative "
               f"treatment, and {new['moderate-severe-all']:g}% of all patients rated their pain moderate to "
               f"severe. The 2007 review found much the same, so pain was no rarer after a decade of attention.")
    links = source_links.links(res["sources"])
    return CourseFigure(
        figure=fig, caption=caption, table=table, source=links,
        alt=("Horizontal bar chart of the percent of people with cancer who have pain, for people after curative "
             "treatment, during treatment and with advanced disease, from a 2007 systematic review and its 2016 "
             "update; a menu shows either review or both."),
        name="pain-prevalence",
        table_caption="Pooled prevalence of pain in people with cancer, by group, in two systematic reviews",
        notes=["Pooled figures describe groups of people in many studies, not any one person. Pain can nearly "
               "always be eased: tell the care team about it."],
    )
