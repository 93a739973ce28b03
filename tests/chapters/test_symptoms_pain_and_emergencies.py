"""The symptoms chapter: the when-to-get-help data and card, the pain figure, the start-here page, and the
diagnosis chapter's symptom table, which now links every symptom to a level of the card instead of saying "No"."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from metastasis import BOOK_DIR, REPO_ROOT
from metastasis.chapters import diagnosis
from metastasis.chapters import symptoms_pain_and_emergencies as help_chapter
from metastasis.core import book, data, quiz

STEM = "symptoms-pain-and-emergencies"
URGENT_LEVELS = ("emergency", "care-team-today")
# The warning signs issue 17 asks for, by row id, with the level a clinician would expect at least.
REQUIRED_ROWS = {
    "fever": "care-team-today",  # neutropenic sepsis
    "mscc-nerves": "care-team-today",  # spinal cord compression
    "calcium-late": "care-team-today",  # hypercalcemia
    "svco": "care-team-today",  # superior vena cava obstruction
    "seizure": "emergency",
    "stroke-signs": "emergency",
    "breathing-chest": "emergency",  # sudden breathlessness or chest pain
    "bleeding-heavy": "emergency",
    "jaundice": "care-team-today",
    "pain-uncontrolled": "care-team-today",
}
RANK = {"emergency": 0, "care-team-today": 1, "next-visit": 2}


@pytest.fixture(scope="module")
def rows() -> pd.DataFrame:
    return help_chapter.help_rows()


@pytest.fixture(scope="module")
def card():
    return help_chapter.help_card()


# ------------------------------------------------------------------------------------------ the data


def test_every_urgent_row_has_a_source_that_says_so(rows):
    sources = rows.attrs["sources"]
    urgent = rows[rows["level"].isin(URGENT_LEVELS)]
    assert len(urgent) >= len(REQUIRED_ROWS)
    for row in urgent.itertuples():
        source = sources[row.source_id]
        assert re.match(r"^(https?://|doi:)", source["path"]), row.help_id
        assert source["verification"] in ("original", "archived-copy", "secondary-copy"), row.help_id
        assert len(row.source_says.split()) >= 5, f"{row.help_id}: say what the source advises"
        assert row.why.strip(), row.help_id


def test_the_issue_s_warning_signs_are_all_there_at_a_safe_level(rows):
    levels = rows.set_index("help_id")["level"]
    for help_id, at_least in REQUIRED_ROWS.items():
        assert help_id in levels.index, f"no row for {help_id}"
        assert RANK[levels[help_id]] <= RANK[at_least], f"{help_id} is at {levels[help_id]}, below {at_least}"


def test_all_three_levels_are_used_and_most_urgent_come_first(rows):
    assert set(rows["level"]) == set(help_chapter.LEVEL_ORDER)
    ranks = [RANK[level] for level in rows["level"]]
    assert ranks == sorted(ranks), "the card lists emergencies first, then call-today, then next-visit"
    assert list(rows["card_order"]) == sorted(rows["card_order"])


def test_where_sources_differ_the_row_names_both_and_the_safer_choice(rows):
    differ = rows[rows["sources_differ"].notna() & (rows["sources_differ"] != "")]
    assert len(differ) >= 4
    for row in differ.itertuples():
        assert row.other_source_ids, f"{row.help_id}: a disagreement needs a second source"
    fever = rows.set_index("help_id").loc["fever"]
    assert "37.5" in fever["signs"] and "38" in fever["sources_differ"] and "lower" in fever["sources_differ"]


def test_an_unknown_source_id_fails_naming_file_and_row(monkeypatch, rows):
    real = data.load

    def broken(name, *args, **kwargs):
        frame = real(name, *args, **kwargs)
        if name == "when_to_get_help":
            frame.loc[frame["help_id"] == "svco", "other_source_ids"] = "cruk-svco;no-such-source"
        return frame

    monkeypatch.setattr(data, "load", broken)
    with pytest.raises(data.DataValidationError, match=r"when_to_get_help\.csv: row 'svco': source 'no-such-source'"):
        help_chapter.help_rows()


def test_level_labels_are_the_three_levels_and_unknown_levels_fail():
    assert help_chapter.level_label("emergency") == "Call emergency services now"
    assert help_chapter.level_label("care-team-today") == "Call the care team today, at any hour"
    assert help_chapter.level_label("next-visit") == "Mention it at the next visit"
    with pytest.raises(ValueError, match="unknown help level 'soon'"):
        help_chapter.level_label("soon")


# ------------------------------------------------------------------------------------------ the card


def test_card_is_a_full_table_without_script_with_one_row_per_sign(card, rows):
    html = card.html
    assert html.count('<tr data-level="') == len(rows)
    assert re.search(r'<div class="help-filters"[^>]*\bhidden\b', html), "buttons stay hidden until the script runs"
    assert "<caption>" in html and '<th scope="row"' in html
    for row in rows.itertuples():
        assert f'id="help-card-{row.help_id}"' in html
        assert f'data-level="{row.level}"' in html


def test_card_buttons_cover_every_level_and_start_with_all_pressed(card, rows):
    buttons = re.findall(r'<button type="button" class="help-filter" data-level="([a-z-]+)" '
                         r'aria-pressed="(true|false)">', card.html)
    assert buttons == [("all", "true")] + [(level, "false") for level in help_chapter.LEVEL_ORDER]
    for level in help_chapter.LEVEL_ORDER:
        n = int((rows["level"] == level).sum())
        assert f"{help_chapter.level_label(level)} <span class=\"help-count\">({n})</span>" in card.html
    assert 'class="help-print"' in card.html
    assert 'role="status"' in card.html


def test_card_links_every_source_and_gives_the_emergency_numbers(card, rows):
    for url in set(rows["source_url"]):
        assert f'href="{url.replace("&", "&amp;")}"' in card.html
    for number in ("911", "999", "112", "988", "116 123", "111"):
        assert number in card.html
    assert "Educational, not medical advice" in card.html


def _reader_texts_naming_999(rows) -> list[tuple[str, str]]:
    """Every piece of text a reader sees that names the UK emergency number: card cells and level actions,
    paragraphs of the chapter and start-here pages, and quiz feedback."""
    texts = [(f"level '{key}'", level.action) for key, level in help_chapter.LEVELS.items()]
    for row in rows.itertuples():
        texts += [(f"card row '{row.help_id}' {column}", str(getattr(row, column) or ""))
                  for column in ("signs", "why", "sources_differ", "source_title")]
    for page in (f"{STEM}.md", "start-here.md"):
        paragraphs = re.split(r"\n\s*\n", (BOOK_DIR / page).read_text(encoding="utf-8"))
        texts += [(f"{page} paragraph {i}", p) for i, p in enumerate(paragraphs)]
    for question in quiz.load_bank(STEM):
        texts += [(f"quiz {question['question'][:40]!r}", answer.get("feedback", ""))
                  for answer in question.get("answers", [])]
    return [(where, text) for where, text in texts if re.search(r"\b999\b", text)]


def test_wherever_999_appears_a_us_reader_also_sees_911(rows):
    texts = _reader_texts_naming_999(rows)
    assert len(texts) >= 5, "the check must see the card, the chapter, start-here and the quiz"
    missing = [where for where, text in texts if not re.search(r"\b911\b", text)]
    assert not missing, f"999 without 911 in: {missing}"


def test_compact_card_for_start_here_leaves_out_the_source_notes(card):
    compact = help_chapter.help_card(compact=True, card_id="start-help-card")
    assert "Where sources differ" in card.html and "Where sources differ" not in compact.html
    assert 'id="start-help-card"' in compact.html and 'id="start-help-card-fever"' in compact.html
    assert compact.html.count("<tr data-level=") == card.html.count("<tr data-level=")


def test_card_text_comes_from_the_data_escaped(card, rows):
    fever = rows.set_index("help_id").loc["fever"]
    assert fever["why"].replace("'", "&#x27;") in card.html
    assert "<script" not in card.html


# ------------------------------------------------------------------------------------------ the pain figure


def test_pain_figure_matches_both_reviews():
    fig = help_chapter.pain_prevalence()
    pain = data.load("cancer_pain_prevalence")
    assert [t.type for t in fig.figure.data] == ["bar", "bar"]
    for trace, review in zip(fig.figure.data, ["vdb2016", "vdb2007"], strict=True):
        assert sorted(trace.x) == sorted(pain.loc[pain["review"] == review, "prevalence_pct"])
    assert len(fig.table) == len(pain)
    advanced = pain.query("review == 'vdb2016' and group == 'advanced'")["prevalence_pct"].item()
    assert f"{advanced:g}%" in fig.caption
    buttons = fig.figure.layout.updatemenus[0].buttons
    assert [b.args[0]["visible"] for b in buttons] == [[True, True], [True, False], [False, True]]
    studies = pain.groupby("review")["studies_in_review"].first()
    assert f"2007 review, {studies['vdb2007']} studies" in buttons[2].args[1]["title.text"]
    assert "doi.org/10.1016/j.jpainsymman.2015.12.340" in fig.source


# ------------------------------------------------------------------------------------------ the diagnosis table


def test_no_red_flag_symptom_is_marked_no_in_the_diagnosis_table(rows):
    symptoms = data.load("symptoms_by_site")
    known = set(rows["help_id"])
    linked = symptoms["help_id"].dropna()
    assert set(linked) <= known, f"symptoms_by_site links to rows the card does not have: {set(linked) - known}"
    levels = rows.set_index("help_id")["level"]
    for row in symptoms.itertuples():
        if row.urgent:
            assert row.help_id and levels[row.help_id] in URGENT_LEVELS, row.symptom_id
    red_flags = {"brain-3": "emergency", "lung-3": "care-team-today", "lung-5": "emergency", "spine-2":
                 "care-team-today", "calcium-2": "care-team-today", "liver-4": "care-team-today"}
    by_id = symptoms.set_index("symptom_id")["help_id"]
    for symptom_id, at_least in red_flags.items():
        assert RANK[levels[by_id[symptom_id]]] <= RANK[at_least], symptom_id
    table = diagnosis.symptoms_body_map().table
    assert not table.isin(["No", "no"]).any().any()
    assert (table["When to get help"] == diagnosis.NOT_ON_CARD).sum() == symptoms["help_id"].isna().sum()


# ------------------------------------------------------------------------------------------ chapter and pages


def test_chapter_declares_its_objectives_and_the_quiz_covers_them():
    objectives = quiz.chapter_objectives(STEM)
    assert objectives == [f"HELP-{i}" for i in range(1, 6)]
    bank = quiz.load_bank(STEM)
    assert len(bank) >= 8
    assert {q["objective"] for q in bank} == set(objectives)


def test_chapter_is_sixth_after_treatment_and_start_here_comes_first():
    stems = book.chapter_stems()
    assert stems.index(STEM) == stems.index("treatment") + 1
    parts = book.toc()["parts"]
    assert parts[0]["caption"] == "Start here"
    assert parts[0]["chapters"] == [{"file": "book/start-here"}]


def test_chapter_uses_the_card_and_the_figure_and_is_reviewed():
    text = book.chapter_path(STEM).read_text(encoding="utf-8")
    assert "help_chapter.help_card()" in text and "help_chapter.pain_prevalence()" in text
    assert book.last_reviewed("symptoms-pain-and-emergencies") == "December 2026"
    for word in ("opioid", "addiction", "second opinion", "ClinicalTrials.gov", "watchful waiting",
                 "breakthrough pain", "pleural effusion", "superior vena cava", "neutropenic sepsis"):
        assert word.lower() in text.lower(), word


def test_start_here_is_short_has_the_card_and_is_linked_first_from_the_landing_page():
    text = (BOOK_DIR / "start-here.md").read_text(encoding="utf-8")
    prose = [line for line in text.splitlines() if line.strip() and not line.startswith(("```", ":", "#", "|"))]
    words = len(" ".join(prose).split())
    assert 600 <= words <= 1200, words
    assert re.search(r"^```\{help-card\}\n:compact:", text, flags=re.M)
    for heading in ("What the words mean", "What usually happens next", "Questions you might ask",
                    "Where to go in this book", "When to get help"):
        assert f"## {heading}" in text
    intro = (REPO_ROOT / "book" / "intro.md").read_text(encoding="utf-8")
    first_doc = re.search(r"\{doc\}`([^`]+)`", intro).group(1)
    assert first_doc == "start-here"
