"""The shared wrapper every course figure goes through.

A builder returns a :class:`CourseFigure`; displaying it emits

1. the plotly figure as ``text/html`` made without plotly.js and without an inline drawing script: a placeholder of
   the figure's height and its data as JSON, which the book's loader (``site/assets/lazy-figures.js``) draws
   once the page's text is on screen and plotly.js has arrived (so the text never waits for the figures); and
   as plotly's own mimetype (which JupyterLab renders); inside a labelled ``role="figure"`` container;
2. the caption that states the finding, and a collapsible data table with the source: the text alternative.

Every state of an interactive figure is precomputed, so the static page needs no kernel.
"""

from __future__ import annotations

import hashlib
import html
import json
import textwrap
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.io.base_renderers import MimetypeRenderer

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "pink": "#CC79A7",
    "sky": "#56B4E9",
    "vermillion": "#D55E00",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#767676",
}
URGENT_TEXT = "#a63c00"  # PALETTE's vermillion darkened to 5:1 contrast on white, for urgent text
SEQUENCE = [PALETTE[k] for k in ("blue", "orange", "green", "pink", "sky", "vermillion", "black")]

PLOTLY_CONFIG = {"displayModeBar": False, "responsive": True, "scrollZoom": False}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


# plotly_white's layout only: the full template also embeds defaults for every trace type in every figure.
SLIM_TEMPLATE = go.layout.Template(layout=pio.templates["plotly_white"].layout)


TITLE_GAP_PX = 8  # from the figure's top edge to the top of the title's first line


def title_lines(text: str) -> int:
    return text.count("<br>") + 1 if text else 0


def base_layout(**overrides) -> dict:
    """Layout defaults shared by every course figure: readable fonts, room for controls, white background.

    A title hangs from the figure's top edge: plotly puts the *baseline* of a top-anchored title's first line at
    the padding, so the padding is the gap plus one line's ascent. (Titles placed at a fraction of the height
    lost their top pixels when they ran to two lines.)
    """
    layout = {
        "template": SLIM_TEMPLATE,
        "font": {"family": FONT, "size": 14, "color": "#222222"},
        "margin": {"l": 60, "r": 20, "t": 70, "b": 60},
        "colorway": SEQUENCE,
        "hoverlabel": {"font": {"family": FONT, "size": 13}},
        "autosize": True,
    }
    layout.update(overrides)
    title = layout.get("title")
    if isinstance(title, dict) and title.get("text"):
        size = title.get("font", {}).get("size", 17)
        layout["title"] = {**title, "yref": "container", "y": 1, "yanchor": "top",
                           "pad": {**title.get("pad", {}), "t": TITLE_GAP_PX + round(0.95 * size)}}
    return layout


def stable_id(fig: go.Figure, name: str) -> str:
    """A div id that depends only on the figure, so rebuilds are byte-identical and tests can find it."""
    digest = hashlib.sha1(fig.to_json().encode("utf-8")).hexdigest()[:10]
    return f"fig-{name}-{digest}"


def wrap_text(text: str, width: int = 48, *, escape: bool = False, break_on_hyphens: bool = False,
              break_long_words: bool = False) -> str:
    """Break text into <br>-separated lines of at most ``width`` characters: plotly's SVG text does not wrap, and
    a phone is 390 px wide. ``escape`` HTML-escapes each line (for text that comes from data)."""
    lines = textwrap.wrap(text, width, break_on_hyphens=break_on_hyphens, break_long_words=break_long_words)
    return "<br>".join(html.escape(line) if escape else line for line in lines)


def trace_types(fig: go.Figure) -> str:
    """The plotly.js trace types a figure needs (its traces and its animation frames), comma-separated."""
    types = {trace.type for trace in fig.data}
    for frame in fig.frames or ():
        types |= {trace.type for trace in frame.data}
    return ",".join(sorted(types))


PLOTLY_DEFAULT_HEIGHT = 450  # px: what plotly.js draws when the layout sets no height


def figure_spec_json(fig: go.Figure) -> str:
    """The figure and its config as JSON that is safe inside ``<script type="application/json">``: every ``<``
    is escaped, so no label text can close the script element."""
    figure = pio.to_json(fig, validate=True, pretty=False)
    spec = f'{{"figure":{figure},"config":{json.dumps(PLOTLY_CONFIG, separators=(",", ":"))}}}'
    return spec.replace("<", "\\u003c")


NARROW_WIDTH_PX = 500  # below this width figure-fit.js draws a figure's phone variant (and course.css its height)


def narrow_height(fig: go.Figure) -> int | None:
    """The height of the figure's phone variant (``narrow_variant``), if it sets one."""
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    narrow = meta.get("narrow")
    return narrow[1].get("height") if narrow else None


def figure_html(fig: go.Figure, div_id: str, label: str) -> str:
    """The figure as HTML without plotly.js, in a labelled container that names its trace types.

    The plot area is a placeholder that already has the figure's height (so nothing below it moves when the figure
    draws); the figure's data follows as JSON for the book's loader, which draws it after the page's text."""
    height = fig.layout.height or PLOTLY_DEFAULT_HEIGHT
    narrow = narrow_height(fig)
    plot_class, style = "course-figure-plot", f"height:{height}px"
    if narrow and narrow != height:  # course.css holds this height where figure-fit.js draws the phone variant
        plot_class, style = f"{plot_class} has-narrow-height", f"{style};--narrow-height:{narrow}px"
    return (f'<div class="course-figure" role="figure" aria-label="{html.escape(label, quote=True)}" '
            f'data-trace-types="{trace_types(fig)}">'
            f'<div class="{plot_class}" style="{style}">'
            f'<div id="{div_id}" class="plotly-graph-div" style="height:100%; width:100%;"></div></div>'
            f'<script type="application/json" class="course-figure-spec" data-figure="{div_id}">'
            f"{figure_spec_json(fig)}</script></div>")


class CourseRenderer(MimetypeRenderer):
    """plotly renderer for a bare ``fig.show()``: the book's HTML (the default emits only plotly's mimetype,
    which the book build drops silently) plus plotly's mimetype for JupyterLab."""

    def to_mimebundle(self, fig_dict):
        fig = go.Figure(fig_dict)
        return {"text/html": figure_html(fig, stable_id(fig, "plot"), "Figure"),
                "application/vnd.plotly.v1+json": fig_dict}


pio.renderers["course"] = CourseRenderer()
pio.renderers.default = "course"


def table_html(table: pd.DataFrame, caption: str) -> str:
    """An accessible HTML table (scoped header cells, a caption) for the text alternative."""
    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in table.columns)
    body = []
    for row in table.itertuples(index=False):
        cells = "".join(f"<td>{_format_cell(v)}</td>" for v in row)
        body.append(f"<tr>{cells}</tr>")
    return (f'<div class="course-table-wrap"><table class="course-data-table">'
            f"<caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table></div>")


def _format_cell(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return "&mdash;"
    if isinstance(value, float):
        return f"{value:g}"
    return html.escape(str(value))


@dataclass
class CourseFigure:
    """A figure with everything a reader needs to use it without seeing it.

    ``caption`` states the finding; ``table`` holds the numbers behind the figure; ``source`` is HTML naming
    the source(s) with links; ``alt`` is a one-sentence description for screen readers; ``name`` is a short
    slug used in the figure's id.
    """

    figure: go.Figure
    caption: str
    table: pd.DataFrame
    source: str
    alt: str
    name: str
    table_caption: str = ""
    notes: list[str] = field(default_factory=list)
    # The phone variant, for a figure that cannot fit 390 px as drawn for a desktop: layout updates (plotly
    # relayout paths) and trace updates (restyle: attribute -> one value per trace). The book's figure-fit.js
    # applies them while the figure is narrower than 500 px and puts the desktop values back when it widens.
    narrow_layout: dict = field(default_factory=dict)
    narrow_traces: dict = field(default_factory=dict)

    def __post_init__(self):
        for attr in ("caption", "source", "alt", "name"):
            if not str(getattr(self, attr)).strip():
                raise ValueError(f"CourseFigure '{self.name}': '{attr}' must not be empty")
        if self.table is None or self.table.empty:
            raise ValueError(f"CourseFigure '{self.name}': a data table is required as the text alternative")
        if self.narrow_layout or self.narrow_traces:
            self.figure.layout.meta = narrow_variant(self.figure, self.narrow_layout, self.narrow_traces)

    @property
    def div_id(self) -> str:
        return stable_id(self.figure, self.name)

    def figure_html(self) -> str:
        return figure_html(self.figure, self.div_id, self.alt)

    def text_html(self) -> str:
        notes = "".join(f"<p class=\"course-figure-note\">{n}</p>" for n in self.notes)
        return (f'<div class="course-figure-text">'
                f'<p class="course-figure-caption">{html.escape(self.caption)}</p>'
                f'<details class="course-figure-data"><summary>Data table and source</summary>'
                f"{table_html(self.table, self.table_caption or self.alt)}{notes}"
                f'<p class="course-figure-source">Source: {self.source}</p></details></div>')

    def bundles(self) -> tuple[dict, dict]:
        """The two displays: the figure (HTML for the book, plotly's mimetype for JupyterLab), then its text."""
        figure = {
            "text/html": self.figure_html(),
            "application/vnd.plotly.v1+json": json.loads(self.figure.to_json()),
            "text/plain": f"<Figure: {self.alt}>",
        }
        return figure, {"text/html": self.text_html(), "text/plain": self.caption}

    def _ipython_display_(self):
        from IPython.display import display

        for bundle in self.bundles():
            display(bundle, raw=True)


def _at_path(tree, path: str):
    """The value at a plotly attribute path such as ``updatemenus[1].y`` (None where it is not set)."""
    for part in path.replace("]", "").split("."):
        name, _, index = part.partition("[")
        tree = tree.get(name) if isinstance(tree, dict) else None
        if index and isinstance(tree, list):
            tree = tree[int(index)] if int(index) < len(tree) else None
        if tree is None:
            return None
    return tree


def narrow_variant(fig: go.Figure, layout: dict, traces: dict) -> dict:
    """``layout.meta`` for figure-fit.js: the phone updates, and the desktop values they replace."""
    drawn = json.loads(fig.to_json())
    wide_layout = {path: _at_path(drawn["layout"], path) for path in layout}
    wide_traces = {attr: [_at_path(trace, attr) for trace in drawn["data"]] for attr in traces}
    return {"narrow": [traces, layout], "wide": [wide_traces, wide_layout]}


def dropdown(buttons: list[dict], *, x: float = 0.0, y: float = 1.02, label: str = "", kind="dropdown",
             yanchor: str = "bottom", active: int = 0) -> dict:
    """An updatemenu with sensible placement; ``label`` names the control for screen readers and the eye."""
    return {
        "type": kind,
        "buttons": buttons,
        "direction": "down" if kind == "dropdown" else "right",
        "x": x,
        "y": y,
        "xanchor": "left",
        "yanchor": yanchor,
        "showactive": True,
        "active": active,
        "bgcolor": "#ffffff",
        "bordercolor": "#555555",
        "font": {"size": 13},
        "pad": {"r": 4, "t": 4},
        "name": label,
    }
