"""The instructor guide: a page for every chapter of the course, each with the required sections, a 50-minute
lesson plan, the chapter's own objectives and numbers, and an answer key that shows every question of the bank."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from metastasis import REPO_ROOT
from metastasis.core import book, quiz
from metastasis.core.book import chapter_stems

GUIDE_DIR = REPO_ROOT / "book" / "instructor-guide"
GUIDE_INDEX = "book/instructor-guide/index"
REQUIRED_SECTIONS = ["Learning objectives", "Lesson plan", "Discussion prompts", "Misconceptions", "Answer key",
                     "Assignment"]
LESSON_STEPS = [("Misconception poll", 5), ("Live demo", 20), ("Small-group task", 15), ("Exit quiz", 10)]
OBJECTIVE_ID = re.compile(r"\*\*([A-Z]+-\d+)\*\*")
# A statistic: a percentage, or a natural frequency such as "3 in 4" or "69 in 100".
STATISTIC = re.compile(r"\b\d+(?:\.\d+)?\s?%|\b\d[\d,]* in \d+(?:,\d{3})*\b")


def _toc() -> dict:
    import yaml

    return yaml.safe_load((REPO_ROOT / "_toc.yml").read_text(encoding="utf-8"))


def course_chapters() -> list[str]:
    """The chapters of the course, in book order, from the toc's "The course" part."""
    for part in _toc().get("parts", []):
        if part.get("caption") == "The course":
            return [Path(c["file"]).name for c in part["chapters"]]
    return []


def guide_sections() -> list[str]:
    for part in _toc().get("parts", []):
        for chapter in part.get("chapters", []):
            if chapter["file"] == GUIDE_INDEX:
                return [Path(s["file"]).name for s in chapter.get("sections", [])]
    return []


COURSE = list(dict.fromkeys(course_chapters() + chapter_stems()))


def _page(stem: str) -> str:
    path = GUIDE_DIR / f"{stem}.md"
    assert path.exists(), f"chapter {stem} has no instructor page ({path.relative_to(REPO_ROOT)})"
    return path.read_text(encoding="utf-8")


def _sections(text: str) -> dict[str, str]:
    """The page's level-2 sections, by heading, with their text."""
    parts = re.split(r"^## +(.+?) *$", text, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def _chapter_markdown(stem: str) -> str | None:
    if not book.chapter_path(stem).exists():
        return None
    return "\n".join(book.markdown_cells(stem))


def test_the_guide_is_a_part_of_the_book_with_a_page_per_chapter_in_book_order():
    part = next((p for p in _toc()["parts"] if p.get("caption") == "Instructor guide"), None)
    assert part is not None, "_toc.yml has no 'Instructor guide' part"
    captions = [p.get("caption") for p in _toc()["parts"]]
    assert captions.index("Instructor guide") == captions.index("Appendices") + 1
    assert part["chapters"][0]["file"] == GUIDE_INDEX
    sections = guide_sections()
    missing = [s for s in COURSE if s not in sections]
    assert not missing, f"the guide's sections in _toc.yml lack {missing}"
    assert [s for s in sections if s in course_chapters()] == course_chapters(), \
        "the guide's pages are not in the course's order"
    for stem in sections:
        assert (GUIDE_DIR / f"{stem}.md").exists(), f"_toc.yml lists a missing page {stem}.md"


def test_the_index_covers_running_the_course_care_and_access():
    text = (GUIDE_DIR / "index.md").read_text(encoding="utf-8")
    for needle in ("make book", ".venv/bin/jupyter lab book/", "Binder", "Offline", "Content notes",
                   "cold-calling", "opt-out", "support", "Accessibility", "slow"):
        assert needle.lower() in text.lower(), f"the guide's index does not cover '{needle}'"
    outline = next(body for heading, body in _sections(text).items() if re.fullmatch(r"A [a-z-]+-session course",
                                                                                      heading))
    for stem in COURSE:
        assert f"{{doc}}`../{stem}`" in outline, f"the course outline does not list {stem}"


@pytest.mark.parametrize("stem", COURSE)
def test_every_chapter_has_a_page_with_the_required_sections_in_order(stem):
    text = _page(stem)
    headings = list(_sections(text))
    missing = [h for h in REQUIRED_SECTIONS if h not in headings]
    assert not missing, f"{stem}: the instructor page lacks the sections {missing}"
    order = [headings.index(h) for h in REQUIRED_SECTIONS]
    assert order == sorted(order), f"{stem}: the required sections are out of order"
    assert f"{{doc}}`../{stem}`" in text, f"{stem}: the page does not link to its chapter"
    answer_key = _sections(text)["Answer key"]
    assert re.search(rf"^```{{quiz-answer-key}} {re.escape(stem)}\s*$", answer_key, flags=re.M), \
        f"{stem}: the Answer key section must render the bank with ```{{quiz-answer-key}} {stem}"
    assert "$" not in text, f"{stem}: no LaTeX math (MathJax would need a CDN)"


@pytest.mark.parametrize("stem", COURSE)
def test_lesson_plan_is_fifty_minutes_in_the_four_steps(stem):
    plan = _sections(_page(stem))["Lesson plan"]
    steps = re.findall(r"^### +(.+?) \((\d+) min\)\s*$", plan, flags=re.M)
    assert [(name, int(minutes)) for name, minutes in steps] == LESSON_STEPS, f"{stem}: lesson plan steps {steps}"
    demo = re.split(r"^### ", plan, flags=re.M)[2]
    assert re.search(r"\*\*[^*\n]+ figure\*\*", demo), f"{stem}: the live demo must name the figure to show, in bold"
    assert len(re.findall(r"\*\*[^*\n]+\*\*", demo)) >= 3, f"{stem}: the live demo must name the controls to move"
    assert "Ask" in demo, f"{stem}: the live demo must say what to ask"


@pytest.mark.parametrize("stem", COURSE)
def test_objectives_are_the_chapters_own(stem):
    listed = OBJECTIVE_ID.findall(_sections(_page(stem))["Learning objectives"])
    assert listed, f"{stem}: no objective IDs listed"
    declared = quiz.chapter_objectives(stem)
    if not declared:
        pytest.skip(f"book/{stem}.md is not in this tree yet")
    assert listed == declared, f"{stem}: the page lists {listed}, the chapter declares {declared}"


@pytest.mark.parametrize("stem", COURSE)
def test_no_statistic_that_the_chapter_does_not_give(stem):
    chapter = _chapter_markdown(stem)
    if chapter is None:
        pytest.skip(f"book/{stem}.md is not in this tree yet")
    plain = re.sub(r"\s+", " ", chapter)
    text = _page(stem).split("```{quiz-answer-key}")[0]
    new = [s for s in STATISTIC.findall(text) if re.sub(r"\s+", " ", s) not in plain]
    assert not new, f"{stem}: the instructor page gives numbers the chapter does not: {new}"


def _normalize(text: str) -> str:
    """Text as a reader sees it: no tags or markup, straight quotes and dashes, single spaces."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = html.unescape(text)
    for curly, plain in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'),
                         ("\u2013", "-"), ("\u2014", "-"), ("\u2026", "..."), ("\u00a0", " ")):
        text = text.replace(curly, plain)
    text = text.replace("--", "-").replace("*", "").replace("`", "")
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.build
@pytest.mark.parametrize("stem", COURSE)
def test_built_answer_key_shows_every_question_of_the_bank(built_site, stem):
    page = built_site / "book" / "instructor-guide" / f"{stem}.html"
    assert page.exists(), f"{page} was not built"
    raw = page.read_text(encoding="utf-8")
    match = re.search(r'<section id="answer-key">(.*?)</section>', raw, flags=re.S)
    assert match, f"{stem}: the built page has no answer key"
    shown = _normalize(match.group(1))
    questions = quiz.load_bank(stem)
    for number, q in enumerate(questions, start=1):
        assert _normalize(q["question"]) in shown, f"{stem}: question {number} is missing from the answer key"
        assert q["objective"] in shown
        for a in q["answers"]:
            assert _normalize(a["answer"]) in shown, f"{stem}: question {number}: an answer is missing"
            assert _normalize(a["feedback"]) in shown, f"{stem}: question {number}: feedback is missing"
    correct = sum(a["correct"] for q in questions for a in q["answers"])
    assert shown.count("Correct:") == correct, f"{stem}: the key marks a different number of correct answers"
