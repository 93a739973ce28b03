"""Chapter "The common cancers when they spread": every approval row has a source, the figures draw the CSVs' rows,
the prose takes its years and numbers from the data (glue), and the chapter meets the chapter template."""

from __future__ import annotations

import re

import pandas as pd
import pytest
import yaml

from metastasis import BOOK_DIR
from metastasis.chapters import common_cancers
from metastasis.core import data, quiz

STEM = "common-cancers"
CHAPTER = BOOK_DIR / f"{STEM}.md"
GUIDE = BOOK_DIR / "instructor-guide" / f"{STEM}.md"
OBJECTIVES = [f"CANCER-{i}" for i in range(1, 7)]
TEMPLATE_HEADINGS = ["## At a glance", "## Learning objectives", "## Prerequisites", "## Key takeaways",
                     "## Check your understanding", "## References", "## What next"]
GLUE = re.compile(r"\{glue:text\}`([^`]+)`")
PERCENT = re.compile(r"\b\d+(?:\.\d+)?%")
# The tumor-agnostic approvals the issue names, with the FDA dates verified for this chapter.
AGNOSTIC = {
    ("pembrolizumab", "2017-05-23"), ("larotrectinib", "2018-11-26"), ("entrectinib", "2019-08-15"),
    ("pembrolizumab", "2020-06-16"), ("dostarlimab", "2021-08-17"), ("dabrafenib + trametinib", "2022-06-22"),
    ("selpercatinib", "2022-09-21"), ("trastuzumab deruxtecan", "2024-04-05"), ("repotrectinib", "2024-06-13"),
}


@pytest.fixture(scope="module")
def approvals():
    return data.load("therapy_approvals")


@pytest.fixture(scope="module")
def text():
    return CHAPTER.read_text(encoding="utf-8")


def _front_matter(text: str) -> dict:
    return yaml.safe_load(text.split("---")[1])


def _prose(text: str) -> str:
    """The markdown a reader sees, without front matter and code cells."""
    body = text.split("---", 2)[2]
    return re.sub(r"```\{code-cell\}.*?```", "", body, flags=re.S)


# ------------------------------------------------------------------------------------------------ the data

def test_every_approval_row_has_a_source_with_a_url_and_a_verification(approvals):
    sources = {s["id"]: s for s in data.resource("therapy_approvals")["sources"]}
    for _, row in approvals.iterrows():
        assert row["source_id"] in sources, row["approval_id"]
        source = sources[row["source_id"]]
        assert source["path"].startswith(("http", "doi:")), row["approval_id"]
        # rows say verified/secondary; a verified row needs a source checked on the original or an archived copy
        assert source["verification"] in ("original", "archived-copy", "secondary-copy"), row["approval_id"]
        checked_on_original = source["verification"] in ("original", "archived-copy")
        assert (row["verification"] == "verified") == checked_on_original, row["approval_id"]
        if pd.notna(row["eu_year"]):
            assert row["eu_source_id"] in sources, f"{row['approval_id']}: an EU year needs its own source"


def test_approval_dates_agree_with_their_years(approvals):
    dated = approvals.dropna(subset=["approval_date"])
    assert (dated["approval_date"].dt.year == dated["year"]).all()


def test_every_tumor_agnostic_approval_the_issue_names_is_in_the_data(approvals):
    agnostic = approvals[approvals["tumor_agnostic"]]
    found = {(d, t.strftime("%Y-%m-%d")) for d, t in zip(agnostic["drug"], agnostic["approval_date"], strict=True)}
    assert found == AGNOSTIC
    assert (agnostic["cancer_group"] == "any solid tumor").all()


def test_the_treatment_timeline_keeps_its_twelve_examples(approvals):
    assert int(approvals["in_treatment_timeline"].sum()) == 12


def test_the_2025_psma_label_widening_is_before_chemotherapy(approvals):
    row = approvals.set_index("approval_id").loc["lu177psma_2025"]
    assert row["approval_date"] == pd.Timestamp("2025-03-28") and "before chemotherapy" in row["cancer"]


def test_breast_survival_keeps_its_two_releases_apart():
    df = data.load("breast_subtype_survival")
    assert set(df.loc[df["stage"] == "All stages", "data_years"]) == {"2014-2020"}
    assert set(df.loc[df["stage"] != "All stages", "data_years"]) == {"2013-2019"}
    distant = df[df["stage"] == "Distant"].set_index("subtype")["relative_survival_5yr_pct"]
    assert distant.idxmin() == "HR-/HER2-"


# ------------------------------------------------------------------------------------------------ the figures

def _states(fig):
    return [t for t in fig.data if t.x is not None and len(t.x) and t.x[0] is not None]


def test_approvals_by_cancer_has_one_state_per_cancer_with_the_csv_rows(approvals):
    fig = common_cancers.approvals_by_cancer().figure
    states = {t.name: t for t in _states(fig)}
    for group in common_cancers.CANCERS:
        rows = approvals[approvals["cancer_group"] == group]
        assert sorted(states[group.capitalize()].x) == sorted(rows["year"]), group
    buttons = fig.layout.updatemenus[0].buttons
    assert [b.label for b in buttons] == [c.capitalize() for c in common_cancers.CANCERS]
    for i, button in enumerate(buttons):
        visible, layout = button.args
        assert visible["visible"][:len(buttons)] == [j == i for j in range(len(buttons))]
        assert "title" not in layout and len(layout["yaxis.ticktext"]) == len(layout["yaxis.tickvals"])


def test_tumor_agnostic_figure_and_table_show_every_row_with_its_source(approvals):
    figure = common_cancers.tumor_agnostic_timeline()
    first = _states(figure.figure)[0]
    assert len(first.x) == int(approvals["tumor_agnostic"].sum())
    assert "Source:" in first.hovertemplate
    assert len(figure.table) == len(first.x)
    assert figure.table["Source"].str.len().min() > 0
    assert "9 uses" in figure.caption


def test_breast_figure_menu_switches_stage_and_distant_comes_first():
    figure = common_cancers.breast_subtype_survival()
    fig = figure.figure
    assert fig.data[0].name == "Distant" and fig.data[0].visible is True
    labels = [b.label for b in fig.layout.updatemenus[0].buttons]
    assert labels == ["Distant (metastatic)", "Regional", "Localized", "All stages"]
    assert "12.8%" in figure.caption and "45.6%" in figure.caption


# ------------------------------------------------------------------------------------------------ prose and data

def test_every_glued_key_in_the_prose_is_a_fact_from_the_data(text):
    facts = common_cancers.facts()
    keys = GLUE.findall(text)
    assert len(keys) >= 40
    missing = [k for k in keys if k not in facts]
    assert not missing, f"prose glues keys the data do not give: {missing}"


def test_no_approval_year_is_typed_into_the_prose(text, approvals):
    """Approval years come from the data through glue: a drug named next to a bare year would bypass it."""
    prose = _prose(text)
    for drug in set(approvals["drug"].str.split(" ").str[0]):
        for match in re.finditer(rf"\b{re.escape(drug)}\b[^.]{{0,40}}?\b(?:in|since) (19|20)\d\d\b", prose):
            pytest.fail(f"typed approval year in the prose: {match.group(0)!r}")


def test_numbers_in_prose_and_quiz_come_from_the_data(text):
    facts = {str(v) for v in common_cancers.facts().values()}
    prose_percents = set(PERCENT.findall(_prose(text)))
    cited = {"60 in 100", "30 to 40 in\n100"}  # cited in the prose, not data: checked against their sources
    assert prose_percents == set(), f"percentages must be glued from the data: {prose_percents}"
    assert all(c.replace("\n", " ") in re.sub(r"\s+", " ", text) for c in cited)
    years = {str(y) for y in data.load("therapy_approvals")["year"]}
    for question in quiz.load_bank(STEM):
        for item in [question["question"]] + [a["answer"] + " " + a["feedback"] for a in question["answers"]]:
            for pct in PERCENT.findall(item):
                assert pct in facts, f"quiz number {pct} is not in the data"
            for year in re.findall(r"\b(?:19|20)\d\d\b", item):
                assert year in years, f"quiz year {year} is not an approval year in the data"


# ------------------------------------------------------------------------------------------------ the template

def test_chapter_follows_the_template(text):
    assert _front_matter(text)["metastasis"]["objectives"] == OBJECTIVES
    from metastasis.core import book

    assert "Educational, not medical advice" in text and book.last_reviewed("common-cancers") == "December 2026"
    positions = [text.find(h) for h in TEMPLATE_HEADINGS]
    assert min(positions) >= 0 and positions == sorted(positions)
    for cell in re.findall(r"```\{code-cell\}\n(.*?)```", text, flags=re.S):
        assert re.search(r":tags: \[remove-(input|cell)\]", cell), cell
    assert "$" not in text


def test_chapter_has_at_least_3000_words_of_readable_prose(text):
    import textstat

    from metastasis.site.readability import ROLE

    lines = [ROLE.sub(r"\1", line) for line in _prose(text).splitlines()
             if line.strip() and not line.startswith((":", "#", "|", "```"))]
    body = "\n".join(lines)
    assert len(body.split()) >= 3000
    assert textstat.flesch_kincaid_grade(body) <= 12


def test_quiz_has_eight_or_more_questions_covering_every_objective():
    questions = quiz.load_bank(STEM, OBJECTIVES)
    assert len(questions) >= 8
    assert {q["objective"] for q in questions} == set(OBJECTIVES)


def test_glossary_defines_every_linked_term(text):
    glossary = (BOOK_DIR / "glossary.md").read_text(encoding="utf-8").lower()
    defined = set(re.findall(r"^([^\s].*?)\s*$", glossary, flags=re.M))
    for term in re.findall(r"\{term\}`([^`]+)`", text + GUIDE.read_text(encoding="utf-8")):
        name = term.split("<")[-1].rstrip(">").strip() if "<" in term else term
        assert name.lower() in defined, f"{name} is not in the glossary"


def test_every_citation_is_in_the_bibliography(text):
    bib = (BOOK_DIR / "references.bib").read_text(encoding="utf-8")
    keys = set(re.findall(r"^@\w+\{([^,]+),", bib, flags=re.M))
    for group in re.findall(r"\{cite:p\}`([^`]+)`", text):
        for key in group.split(","):
            assert key.strip() in keys, key


def test_instructor_page_lists_the_chapters_objectives_and_a_timed_plan():
    guide = GUIDE.read_text(encoding="utf-8")
    objectives_section = guide.split("## Learning objectives")[1].split("## Lesson plan")[0]
    assert re.findall(r"\*\*([A-Z]+-\d+)\*\*", objectives_section) == OBJECTIVES
    steps = re.findall(r"^### +(.+?) \((\d+) min\)\s*$", guide, flags=re.M)
    assert [(s, int(m)) for s, m in steps] == [("Misconception poll", 5), ("Live demo", 20),
                                                ("Small-group task", 15), ("Exit quiz", 10)]
    assert f"```{{quiz-answer-key}} {STEM}" in guide
    assert not PERCENT.findall(guide.split("```{quiz-answer-key}")[0]), "the guide must not give numbers"
