"""The instructor guide names only controls a class can see, spelled as the figures spell them.

The visible names come from the figure code itself: the chapter's own cells are read, every figure they build is
built, and every label drawn on a control is collected (button and menu entries, slider labels and their current
value prefix, and in the live panels each widget's description and options). A menu's internal ``name`` is not
drawn, so a guide may not send a class to "the Scenario menu" when no "Scenario" appears on screen.
"""

from __future__ import annotations

import re

import pytest

from metastasis import BOOK_DIR
from metastasis.core import book

GUIDE = BOOK_DIR / "instructor-guide"
BOLD = r"\*\*([^*]+)\*\*"
CONTROL = "(?:menu|menus|buttons?|slider|toggle|checkbox)"
# Where a bold phrase names a control: "Choose **A**, then **B**", "Start on **A**", "switch between **A** and
# **B**", "menu (**A**, **B** or **C**)", "the **A** menu", "a menu, **A**", "Press **A**", "Under **A**, choose".
CHOICE = re.compile(r"(?:\b[Cc]hoose|\b[Ss]tart on|\bswitch(?:es)? between|\b" + CONTROL + r" \()\s*"
                    r"((?:\*\*[^*]+\*\*(?:\s\([^)]*\))?(?:,?\s(?:then|and|or)\s|,\s)?)+)")
NAMED = (re.compile(BOLD + r",? " + CONTROL + r"\b"), re.compile(r"\b" + CONTROL + r",? " + BOLD),
         re.compile(r"\b[Pp]ress " + BOLD), re.compile(r"\b[Uu]nder " + BOLD))


def visible_labels(stem: str) -> set[str]:
    """Every label drawn on a control of the chapter's figures and live panels, built by the figure code."""
    cells = "\n".join(c.source for c in book.code_cells(stem))
    namespace: dict = {}
    exec("\n".join(line for line in cells.splitlines() if line.startswith(("from ", "import "))), namespace)
    labels: set[str] = set()
    for module, builder in re.findall(r"(\w+)\.(\w+)\(\)", cells):
        built = getattr(namespace.get(module), builder, lambda: None)()
        if hasattr(built, "_repr_html_"):  # HTML controls, such as the when-to-get-help card's buttons
            for button in re.findall(r"<button[^>]*>(.*?)</button>", built._repr_html_() or "", flags=re.S):
                labels.add(re.sub(r"\s*\(\d+\)$", "", re.sub(r"<[^>]+>", "", button)).strip())
        figure = getattr(built, "figure", None)
        if figure is None:
            continue
        for menu in figure.layout.updatemenus or ():
            labels |= {button.label for button in menu.buttons}
        for slider in figure.layout.sliders or ():
            labels |= {str(step.label) for step in slider.steps}
            if slider.currentvalue and slider.currentvalue.prefix:
                labels.add(slider.currentvalue.prefix.strip())
    for module, builder in re.findall(r"live\.panel\((\w+)\.(\w+)", cells):
        stack = [getattr(namespace[module], builder)()]
        while stack:
            widget = stack.pop()
            stack += list(getattr(widget, "children", ()) or ())
            if getattr(widget, "description", ""):
                labels.add(widget.description)
            labels |= {o[0] if isinstance(o, tuple) else str(o) for o in getattr(widget, "options", ()) or ()}
    return {" ".join(label.replace("<br>", " ").split()) for label in labels}


def named_controls(text: str) -> list[str]:
    """The bold phrases the guide uses as names of controls or of their entries."""
    names = [name for match in CHOICE.finditer(text) for name in re.findall(BOLD, match.group(1))]
    names += [match.group(1) for pattern in NAMED for match in pattern.finditer(text)]
    return [" ".join(name.split()) for name in names]


def matches(name: str, labels: set[str]) -> bool:
    """Spelled as drawn, or the drawn prefix of entries such as "Stage: distant" ("Stage")."""
    folded = name.casefold()
    return any(folded == label.casefold() or label.casefold().startswith(folded + ":") for label in labels)


@pytest.mark.parametrize("stem", [s for s in book.chapter_stems() if (GUIDE / f"{s}.md").exists()])
def test_guide_names_controls_as_the_figures_draw_them(stem, monkeypatch):
    pytest.importorskip("ipywidgets")
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: None)
    text = (GUIDE / f"{stem}.md").read_text(encoding="utf-8")
    names = named_controls(text)
    labels = visible_labels(stem)
    unknown = sorted({name for name in names if not matches(name, labels)})
    assert unknown == [], (f"instructor-guide/{stem}.md names controls the figures do not show: {unknown}. "
                           f"Drawn labels: {sorted(labels)}")


def test_the_check_reads_the_guides_phrasing():
    text = ("Use the **Scenario** menu. Choose **Liver**, then **Bone**, or **Brain**. The figure has a menu, "
            "**Choose a journey**. Press **Reset to defaults**. Under **Model shown**, choose **Integrated**. "
            "Start on **VA: everyone**. Its buttons switch between **Both** (benefit and harms), **Benefit** and\n"
            "**Harms**. The grouping menu (**VA: cell type** or **Prostate: stage**) and")
    assert set(named_controls(text)) == {"Scenario", "Liver", "Bone", "Brain", "Choose a journey",
                                         "Reset to defaults", "Model shown", "Integrated", "VA: everyone", "Both",
                                         "Benefit", "Harms", "VA: cell type", "Prostate: stage"}
    assert matches("Stage", {"Stage: distant"}) and not matches("Scenario", {"Every step 50%"})
