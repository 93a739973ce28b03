"""Every figure control a chapter asks readers to use works from the keyboard alone (Tab to it, Enter to open or
press, Tab to an option, Enter to choose), and the figure then shows what the choice promises. One row per
control: a chapter's figures add rows here instead of writing another copy of the steps."""

from __future__ import annotations

import pytest
from conftest import choose_from_menu, figure_selector, press_figure_button, wait_for_figure_text

from metastasis.core import data

pytestmark = pytest.mark.browser


def _claim_label(claim_id: str) -> str:
    return str(data.load("evidence_claims").set_index("claim_id").loc[claim_id, "label"])


# chapter, figure id prefix, control kind, its label, where the change shows ("" = anywhere in the figure), text
KEYBOARD = [
    ("what-is-metastatic-cancer", "stage-at-diagnosis", "menu", "Regional", ".gtitle", "Regional"),
    ("diagnosis", "symptoms-body-map", "menu", "Liver", ".gtitle", "liver"),
    ("how-cancer-spreads", "spread-routes", "menu", "Breast", "", "Bone 3.28%"),
    ("survival-and-prognosis", "km-explorer", "menu", "NCCTG: ECOG score", ".gtitle", "ECOG"),
    ("research-frontiers", "evidence-ladder", "menu", _claim_label("checkmate_067"), ".gtitle", "phase III"),
    ("research-frontiers", "milestones-timeline", "button", "Biology", ".gtitle", "Milestones: biology"),
    ("living-with-metastasis", "palliative-evidence", "menu", "Aggressive end-of-life care", "", "54%"),
    ("symptoms-pain-and-emergencies", "pain-prevalence", "menu", "2007 review only", ".gtitle", "2007 review"),
    ("common-cancers", "breast-subtype-survival", "menu", "Localized", ".gtitle", "Localized"),
    ("common-cancers", "approvals-by-cancer", "menu", "Prostate", ".gtitle", "Prostate:"),
    ("common-cancers", "tumor-agnostic", "menu", "Checkpoint inhibitor", ".gtitle", "Checkpoint inhibitor: 3"),
]


@pytest.mark.parametrize(("chapter", "figure_id", "kind", "label", "part", "shows"), KEYBOARD,
                         ids=[f"{row[0]}:{row[1]}:{row[3][:20]}" for row in KEYBOARD])
def test_control_works_from_the_keyboard(open_page, chapter, figure_id, kind, label, part, shows):
    page, log = open_page(f"book/{chapter}.html")
    figure = page.locator(figure_selector(figure_id))
    figure.scroll_into_view_if_needed()
    if kind == "menu":
        choose_from_menu(page, figure, label, keyboard=True)
    else:
        press_figure_button(page, figure, label, keyboard=True)
    wait_for_figure_text(page, figure, shows.lower() if part == ".gtitle" else shows, part,
                         lower=part == ".gtitle")
    assert log.page_errors == []
