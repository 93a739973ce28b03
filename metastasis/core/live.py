"""Live extras: ipywidgets panels in a running kernel, and an honest pointer in the static book.

Widgets in static HTML are dead (and heavy): a slider that moves while the figure stays put misleads the
reader. So while the book is being built (the Sphinx extension sets ``METASTASIS_STATIC=1`` for the kernels it
starts) :func:`panel` shows a short note with a link to the live notebook instead.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Callable
from functools import lru_cache

from metastasis import REPO_ROOT

STATIC_ENV = "METASTASIS_STATIC"
PANELS: list[tuple[str, object]] = []  # every live panel shown in this kernel, for exercise_panels()


def is_static() -> bool:
    """True while the book's HTML is being built (no reader can interact with a widget there)."""
    return os.environ.get(STATIC_ENV) == "1"


@lru_cache(maxsize=1)
def _repository() -> tuple[str, str]:
    """Repository URL and branch, read from ``_config.yml`` so that there is one place to change them."""
    import yaml

    config = yaml.safe_load((REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))
    repo = config.get("repository", {})
    return repo.get("url", ""), repo.get("branch", "main")


def binder_url(stem: str) -> str:
    """The Binder link that opens ``book/<stem>.md`` in JupyterLab (as a notebook, through jupytext)."""
    url, branch = _repository()
    match = re.match(r"https://github\.com/([^/]+)/([^/]+?)/?$", url)
    if not match:
        return ""
    owner, name = match.groups()
    return f"https://mybinder.org/v2/gh/{owner}/{name}/{branch}?urlpath=lab/tree/book/{stem}.md"


def static_note(title: str, stem: str, what: str) -> str:
    link = binder_url(stem)
    launch = (f'<a href="{html.escape(link)}">open this chapter on Binder</a>' if link
              else "open this chapter on Binder")
    return (f'<aside class="course-live-note" aria-label="Live version: {html.escape(title)}">'
            f"<p><strong>Try it live: {html.escape(title)}.</strong> {html.escape(what)} "
            f"This needs Python running, so it is not part of the web page: {launch} (the rocket button at the "
            f"top of the page), or run the notebook in JupyterLab as the README describes.</p></aside>")


def panel(build: Callable[[], object], *, title: str, stem: str, what: str):
    """Show ``build()``'s widget in a live kernel, or the note pointing to the live version in the book.

    ``build`` returns an ipywidgets widget that calls the same figure builder as the static figure.
    ``what`` says in one sentence what the reader can do with the panel.
    """
    from IPython.display import HTML, display

    if is_static():
        display(HTML(static_note(title, stem, what)))
        return None
    import ipywidgets as widgets

    header = widgets.HTML(f"<h4 style='margin:0.2em 0'>{html.escape(title)}</h4><p>{html.escape(what)}</p>")
    box = widgets.VBox([header, build()])
    PANELS.append((title, box))
    display(box)
    return box


def reset_button(controls: dict, defaults: dict, description: str = "Reset to defaults"):
    """A button that puts every control back to its default value (the callbacks then redraw)."""
    import ipywidgets as widgets

    button = widgets.Button(description=description, icon="undo", tooltip="Put every control back")

    def _reset(_):
        for key, control in controls.items():
            control.value = defaults[key]

    button.on_click(_reset)
    return button


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from _walk(child)


def _is_control(widget) -> bool:
    import ipywidgets as widgets

    # Every widget a reader sets a value with; the value-holding widgets that only display text are not controls.
    shows_only = (widgets.HTML, widgets.HTMLMath, widgets.Label, widgets.Valid)
    return (isinstance(widget, widgets.ValueWidget) and not isinstance(widget, shows_only)
            and not getattr(widget, "disabled", False))


def _view_state(box) -> list:
    """What a reader sees change: HTML text, Output areas and figures, everything but the controls."""
    import ipywidgets as widgets

    state = []
    for w in _walk(box):
        if _is_control(w) or isinstance(w, widgets.Button):
            continue
        if isinstance(w, widgets.Output):
            state.append(repr(w.outputs))
        elif hasattr(w, "to_plotly_json"):
            state.append(repr(w.to_plotly_json()))
        elif isinstance(w, (widgets.HTML, widgets.Label, widgets.HTMLMath)):
            state.append(w.value)
    return state


def _other_value(control):
    """A valid value different from the control's current one."""
    if hasattr(control, "options") and not hasattr(control, "max"):
        values = [o[1] if isinstance(o, tuple) else o for o in control.options]
        if isinstance(control.value, tuple):  # multiple selection
            return tuple(values[:1]) if control.value != tuple(values[:1]) else tuple(values[-1:])
        others = [v for v in values if v != control.value]
        return others[len(others) // 2] if others else control.value
    if isinstance(control.value, bool):
        return not control.value
    low, high = control.min, control.max
    middle = low + (high - low) / 2
    if isinstance(control.value, tuple):  # range slider
        return (low, middle)
    target = middle if abs(control.value - middle) > (high - low) / 10 else low + (high - low) * 0.9
    if isinstance(control.value, int):
        target = int(round(target))
    step = getattr(control, "step", None)
    if step:
        target = low + round((target - low) / step) * step
        if isinstance(control.value, int):
            target = int(target)
    return target


def exercise_panels() -> list[dict]:
    """Move every control of every live panel in this kernel; report whether the view changed and how fast.

    "Changed" means the panel published new output (a figure redrawn into its Output area) different from its
    previous redraw, or a text widget in it changed. Without a browser the kernel-side Output widget records
    nothing, so what the kernel publishes is recorded instead. Used by ``python -m metastasis.site.live_run``, which
    stands in for a reader on Binder.
    """
    import json
    import time

    from IPython import get_ipython

    publisher = get_ipython().display_pub
    original = publisher.publish
    published: list[str] = []

    def record(data, *args, **kwargs):
        published.append(json.dumps(data, sort_keys=True, default=str))
        return original(data, *args, **kwargs)

    publisher.publish = record
    report = []
    try:
        for title, box in PANELS:
            controls = [w for w in _walk(box) if _is_control(w)]
            previous: list[str] | None = None
            for control in controls:
                before = _view_state(box)
                original_value = control.value
                published.clear()
                start = time.perf_counter()
                control.value = _other_value(control)
                seconds = time.perf_counter() - start
                redrawn = list(published)
                changed = (bool(redrawn) and redrawn != previous) or _view_state(box) != before
                previous = redrawn or previous
                report.append({"panel": title, "control": control.description or type(control).__name__,
                               "from": repr(original_value), "to": repr(control.value), "changed": changed,
                               "seconds": round(seconds, 3)})
            resets = [w for w in _walk(box) if getattr(w, "description", "") == "Reset to defaults"]
            if resets and controls:
                resets[0].click()
    finally:
        publisher.publish = original
    return report
