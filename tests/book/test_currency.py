"""Currency and consistency (issue 16): every chapter says when it was last reviewed, the maintainers' list of
time-sensitive statements has a check date per item, statements fixed in the December 2026 review stay fixed,
and the share of SEER rows checked on the SEER pages is computed from the data, not typed."""

from __future__ import annotations

import csv
import datetime as dt
import re

import pytest

from metastasis import BOOK_DIR, DATA_DIR, REPO_ROOT
from metastasis.core import book, data
from metastasis.site import sphinx_ext

STATEMENTS = REPO_ROOT / "maintainers" / "time_sensitive_statements.csv"
STATEMENT_COLUMNS = ["id", "page", "statement", "kind", "source", "checked_on", "how_checked", "status",
                     "next_review", "note"]
HOW_CHECKED = {"original", "archived_copy", "publisher_record", "secondary_copy"}
STATUS = {"updated", "current", "check_due", "needs_source", "flagged"}
KINDS = {"approval", "guideline", "trial result", "statistic", "phone number", "organization"}
TODAY = dt.date(2026, 12, 6)


def _reader_text() -> dict[str, str]:
    """Everything a reader sees that is written by hand: chapters, glossary, intro, instructor guide, quizzes."""
    files = [*BOOK_DIR.glob("*.md"), *(BOOK_DIR / "instructor-guide").glob("*.md"),
             *(BOOK_DIR / "quizzes").glob("*.json")]
    return {str(f.relative_to(REPO_ROOT)): f.read_text(encoding="utf-8") for f in files}


def _chapter_prose(stem: str) -> str:
    return " ".join(" ".join(book.markdown_cells(stem)).split())


# --- Last reviewed -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("stem", book.chapter_stems())
def test_every_chapter_has_a_last_reviewed_month(stem):
    assert book.last_reviewed(stem) == "December 2026"


def test_a_chapter_without_a_review_month_is_refused_naming_the_file(tmp_path):
    header = (BOOK_DIR / "treatment.md").read_text(encoding="utf-8")
    (tmp_path / "treatment.md").write_text(header.replace("  last_reviewed: 2026-12\n", ""), encoding="utf-8")
    with pytest.raises(ValueError, match=r"treatment\.md.*last_reviewed: YYYY-MM"):
        book.last_reviewed("treatment", tmp_path)
    (tmp_path / "treatment.md").write_text(header.replace("last_reviewed: 2026-12", "last_reviewed: 2026-13"),
                                           encoding="utf-8")
    with pytest.raises(ValueError, match="2026-13"):
        book.last_reviewed("treatment", tmp_path)


def test_the_line_goes_right_under_the_chapter_title_and_only_on_chapters():
    source = ["---\nmetastasis:\n  last_reviewed: 2026-12\n---\n\n# Treatment\n\nFirst paragraph.\n"]
    sphinx_ext.insert_last_reviewed(None, "book/treatment", source)
    lines = source[0].split("\n")
    title = lines.index("# Treatment")
    assert lines[title + 1:title + 4] == ["", "```{last-reviewed}", "```"]
    assert source[0].count("last-reviewed") == 1
    glossary = ["# Glossary\n"]
    sphinx_ext.insert_last_reviewed(None, "book/glossary", glossary)
    assert glossary == ["# Glossary\n"]


@pytest.mark.build
def test_built_chapters_show_the_last_reviewed_line_under_the_title(built_site):
    for stem in book.chapter_stems():
        page = (built_site / "book" / f"{stem}.html").read_text(encoding="utf-8")
        line = page.index('<p class="last-reviewed">Last reviewed: December 2026</p>')
        assert page[:line].rstrip().endswith("</h1>"), f"{stem}: the line is not right under the title"
        assert page.count('class="last-reviewed"') == 1, stem


# --- The maintainers' list of time-sensitive statements ---------------------------------------------------------

def _statements() -> list[dict[str, str]]:
    with STATEMENTS.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == STATEMENT_COLUMNS
        return list(reader)


def test_time_sensitive_list_has_a_check_date_and_next_review_for_every_item():
    rows = _statements()
    assert len(rows) >= 25
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "statement ids repeat"
    for line, row in enumerate(rows, start=2):
        where = f"{STATEMENTS.name} line {line} ({row['id']})"
        checked = dt.date.fromisoformat(row["checked_on"])
        assert checked <= TODAY, where
        assert dt.date.fromisoformat(row["next_review"]) > checked, where
        assert row["how_checked"] in HOW_CHECKED, where
        assert row["status"] in STATUS, where
        assert row["kind"] in KINDS, where
        assert row["statement"].strip() and row["source"].strip(), where
        if row["status"] == "updated":
            assert "Before:" in row["note"], f"{where}: say what the page said before"


def test_the_list_names_real_pages_and_bibliography_keys():
    bib = (BOOK_DIR / "references.bib").read_text(encoding="utf-8")
    keys = set(re.findall(r"^@\w+\{([^,]+),", bib, flags=re.M))
    stems = set(book.chapter_stems())
    for row in _statements():
        for page in re.split(r";\s*", row["page"]):
            name = page.split(" ")[0]
            assert name in stems or name in {"glossary"} or (REPO_ROOT / name).exists(), (row["id"], name)
        for source in re.split(r";\s*", row["source"]):
            if " " not in source and "(" not in source and ":" not in source:
                assert source in keys, (row["id"], source)


# --- Stale statements stay fixed ---------------------------------------------------------------------------------

STALE = {
    "CTLA-4 as the only other checkpoint": r"\b(?:one|only one) approved drug acts on a checkpoint called CTLA-4",
    "a guideline replaced in 2023 (NICE CG75)": r"nicecg75|\bCG75\b",
    "a helpline sentence that claims every number was checked": r"Each number was checked before publishing",
    "a regulatory status dated by 'the reports we read'": r"reports we read",
    "a pointer to a box that does not exist": r"box on DNA",
    "one breast study generalized to all cancers": r"Most metastatic cancer is in fact a distant recurrence",
    "the ECOG scale ending at 4": r"to 4 \(confined to\s+bed\)",
    "a cut-off instructor sentence": r"has been shown to;",
    "chapters referred to by number": r"\b[Cc]hapters? \d\b",
}


@pytest.mark.parametrize("label", sorted(STALE))
def test_a_fixed_stale_statement_does_not_come_back(label):
    pattern = re.compile(STALE[label])
    found = [name for name, text in _reader_text().items() if pattern.search(text)]
    assert not found, f"{label}: {found}"


def test_lutetium_psma_names_the_2025_widening_with_its_sources():
    prose = _chapter_prose("treatment")
    paragraph = prose[prose.index("Lutetium-177 PSMA therapy"):][:700]
    assert "2025" in paragraph and "fdapluvicto2025" in paragraph
    assert "despite hormone treatment and chemotherapy" not in prose


def test_checkpoint_section_names_tremelimumab_and_relatlimab_with_lag3():
    prose = _chapter_prose("treatment")
    for word in ("tremelimumab", "relatlimab", "LAG-3", "esmotremelimumab", "fdaopdualag"):
        assert word in prose, word


def test_osimertinib_is_described_as_a_first_treatment_since_2018():
    prose = _chapter_prose("treatment")
    sentence = prose[prose.index("approved since 2018 as a first treatment"):][:300]
    assert "{cite:p}`flaura`" in sentence


def test_ctdna_five_year_results_cite_the_2025_paper_and_the_data_say_so_too():
    prose = _chapter_prose("research-frontiers")
    assert "88% and 87% were free of recurrence {cite:p}`dynamic5y`" in prose
    claims = data.load("evidence_claims").set_index("claim_id")
    assert "Nature Medicine 2025" in " ".join(claims.loc["dynamic_2022"].astype(str))
    assert "reports we read" not in " ".join(claims.loc["serena6_2025"].astype(str))


def test_spinal_cord_compression_rests_on_current_nice_guidance():
    assert "{cite:p}`niceng234`" in _chapter_prose("diagnosis")
    pathway = data.load("diagnostic_pathway")
    assert "nice-cg75" not in set(pathway["source_id"])


def test_fatigue_advice_cites_current_sources():
    prose = _chapter_prose("living-with-metastasis")
    assert "ascofatigue2024" in prose and "ncifatiguepdq" in prose
    for stem in book.chapter_stems():
        assert not re.search(r"\{cite:p\}`[^`]*\bncifatigue\b", _chapter_prose(stem)), stem


def test_one_ecog_scale_everywhere():
    glossary = " ".join((BOOK_DIR / "glossary.md").read_text(encoding="utf-8").split())
    entry = glossary[glossary.index("ECOG performance status The"):][:300]
    assert "0 (fully active) to 4" in entry and "5 meaning dead" in entry
    assert "| 5 | Dead |" in " ".join(book.markdown_cells("diagnosis"))
    assert "with 5 used to record death" in _chapter_prose("survival-and-prognosis")


def test_testicular_numbers_are_explained_where_both_appear():
    survival = _chapter_prose("survival-and-prognosis")
    assert "(testicular-numbers)=" in " ".join(book.markdown_cells("survival-and-prognosis"))
    assert "74%" in survival and "80%" in survival and "measure different things" in survival
    for stem in ("what-is-metastatic-cancer", "treatment"):
        assert "testicular-numbers" in _chapter_prose(stem), stem


def test_primary_liver_cancer_cannot_be_read_as_liver_metastases():
    labels = set(data.load("seer_stage_survival")["site_label"])
    assert "Liver" not in labels
    assert "Liver (starts in the liver)" in labels


# --- SEER: the share checked on the SEER pages comes from the data ---------------------------------------------

def test_every_seer_row_has_a_verification_level_and_a_check_date():
    seer = data.load("seer_stage_survival")
    assert seer["verification"].isin(["verified", "secondary"]).all()
    assert seer["checked_on"].notna().all()


def test_seer_share_sentence_is_computed_from_the_rows(tmp_path):
    seer = data.load("seer_stage_survival")
    verified = int((seer["verification"] == "verified").sum())
    sentence = data.seer_verification_sentence()
    share = round(100 * verified / len(seer))
    assert f"Of the {len(seer)} rows" in sentence and f"{verified} ({share}%)" in sentence
    assert f"the other {len(seer) - verified}" in sentence
    # Change the data and the sentence follows: mark one more row verified in a copy of the data package.
    copy = tmp_path / "data"
    copy.mkdir()
    (tmp_path / "book").symlink_to(BOOK_DIR)  # the package's chapters entries must name pages of the book
    for name in (data.PACKAGE_FILE, *(p.name for p in DATA_DIR.glob("*.csv"))):
        (copy / name).write_bytes((DATA_DIR / name).read_bytes())
    csv_path = copy / "seer_stage_survival.csv"
    text = csv_path.read_text(encoding="utf-8")
    csv_path.write_text(text.replace(",secondary,", ",verified,", 1), encoding="utf-8")
    moved = data.seer_verification_sentence(copy)
    assert f"{verified + 1} ({round(100 * (verified + 1) / len(seer))}%)" in moved


def test_pages_with_seer_numbers_state_the_share_without_typing_it():
    survival_md = (BOOK_DIR / "survival-and-prognosis.md").read_text(encoding="utf-8")
    assert "survival.seer_verification_note()" in survival_md
    assert "lung and prostate values were checked" not in survival_md
    from metastasis.chapters import diagnosis, survival_and_prognosis, what_is_metastatic_cancer

    sentence = data.seer_verification_sentence()
    for figure in (survival_and_prognosis.stage_survival(), diagnosis.distant_at_diagnosis(),
                   what_is_metastatic_cancer.stage_at_diagnosis()):
        assert any(sentence in note for note in figure.notes), figure.name
