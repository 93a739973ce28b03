"""Repository hygiene: lint-clean code, notebooks without outputs, chapters in the template's shape."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from metastasis import REPO_ROOT
from metastasis.core import book
from metastasis.core.book import chapter_stems

TEMPLATE_HEADINGS = ["## At a glance", "## Learning objectives", "## Prerequisites", "## Key takeaways",
                     "## Check your understanding", "## References", "## What next"]


def test_ruff_is_clean():
    ruff = Path(sys.executable).parent / "ruff"
    result = subprocess.run([str(ruff), "check", "metastasis", "tests"], cwd=REPO_ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout


def test_chapters_are_text_notebooks_and_no_ipynb_is_committed():
    tracked = subprocess.run(["git", "ls-files", "*.ipynb"], cwd=REPO_ROOT, capture_output=True, text=True).stdout
    assert tracked.split() == [], f"commit chapters as MyST text notebooks (book/<stem>.md), not {tracked.split()}"
    for stem in chapter_stems():
        notebook = book.read_chapter(stem)
        assert notebook.metadata.get("kernelspec", {}).get("name") == "python3", f"{stem}.md has no kernelspec"
        assert book.code_cells(stem), f"{stem}.md has no code cell: is its jupytext header missing?"


@pytest.mark.parametrize("stem", chapter_stems())
def test_chapter_follows_the_template(stem):
    markdown = "\n".join(book.markdown_cells(stem))
    assert "Educational, not medical advice" in markdown
    positions = [markdown.find(h) for h in TEMPLATE_HEADINGS]
    missing = [h for h, p in zip(TEMPLATE_HEADINGS, positions, strict=True) if p < 0]
    assert not missing, f"{stem}: missing {missing}"
    assert positions == sorted(positions), f"{stem}: template sections out of order"
    for cell in book.code_cells(stem):
            tags = cell.metadata.get("tags", [])
            assert {"remove-input", "remove-cell", "hide-input"} & set(tags), f"{stem}: a code cell shows input"
    assert "$" not in markdown.replace("US$", ""), f"{stem}: no LaTeX math (MathJax would need a CDN)"


MIN_WORDS = {"what-is-metastatic-cancer": 2000, "treatment": 3000}  # the issues' minimums; 2,500 elsewhere


@pytest.mark.parametrize("stem", chapter_stems())
def test_chapter_prose_is_long_enough_and_readable(stem):
    from metastasis.site import readability

    row = next(r for r in readability.report() if r["chapter"] == stem)
    if not book.chapter_metadata(stem).get("draft"):  # a chapter the scaffold just made is a draft until written
        assert row["words"] >= MIN_WORDS.get(stem, 2500), row
    assert row["fk_grade"] <= 12, f"{stem}: main text reads at grade {row['fk_grade']} (target 8-10)"


def test_readme_table_of_the_repository_matches_the_tree():
    """Every folder the README's table names exists, and every folder of the repository and the package is named."""
    import re

    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## What is in the repository", 1)[1].split("\n## ", 1)[0]
    named = {p.rstrip("/") for p in re.findall(r"^\| `([^`]+)`", table, flags=re.M)}
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO_ROOT, capture_output=True, text=True).stdout.split()
    folders = {f.split("/")[0] for f in tracked if "/" in f and not f.startswith(".")}
    folders |= {"/".join(f.split("/")[:2]) for f in tracked if f.startswith(("metastasis/", "book/"))
                and f.count("/") >= 2}
    folders -= {"book/images"}
    assert not [n for n in named if not (REPO_ROOT / n).exists()], "the README names folders that do not exist"
    missing = sorted(f for f in folders if f not in named and not any(n.startswith(f + "/") for n in named))
    assert not missing, f"the README's table does not say what lives in {missing}"
