"""The build: strict, and a failing cell stops it naming the notebook and the cell."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from metastasis import REPO_ROOT

pytestmark = pytest.mark.build


def test_book_builds_strictly(built_site):
    assert (built_site / "index.html").exists()
    for stem in ("what-is-metastatic-cancer", "glossary", "data-sources", "references"):
        assert (built_site / "book" / f"{stem}.html").exists(), stem


def test_data_sources_page_lists_every_dataset_with_links(built_site):
    from metastasis.core import data

    page = (built_site / "book" / "data-sources.html").read_text(encoding="utf-8")
    for res in data.datapackage()["resources"]:
        assert res["title"] in page.replace("&#8211;", "-")
        for src in res["sources"]:
            path = src["path"]
            href = path if path.startswith("http") else f"https://doi.org/{path.removeprefix('doi:')}"
            assert f'href="{href.replace("&", "&amp;")}"' in page, (res["name"], href)


def _mini_book(tmp_path: Path, cell_source: str) -> Path:
    book = tmp_path / "book"
    (book / "book").mkdir(parents=True)
    config = (REPO_ROOT / "_config.yml").read_text()
    config = config.replace("  - book/references.bib", f"  - {REPO_ROOT / 'book' / 'references.bib'}")
    (book / "_config.yml").write_text(config)
    (book / "_toc.yml").write_text("format: jb-book\nroot: book/broken\n")
    header = (REPO_ROOT / "book" / "what-is-metastatic-cancer.md").read_text().split("\n---\n", 1)[0]
    (book / "book" / "broken.md").write_text(f"{header}\n---\n\n# Broken chapter\n\n```{{code-cell}} ipython3\n"
                                             f"{cell_source}\n```\n")
    return book


def test_failing_cell_fails_the_build_naming_notebook_and_cell(tmp_path):
    book = _mini_book(tmp_path, "raise RuntimeError('deliberately broken cell')")
    jb = Path(sys.executable).parent / "jupyter-book"
    result = subprocess.run([str(jb), "build", str(book), "-W", "-n", "--keep-going"],
                            capture_output=True, text=True, cwd=book)
    output = result.stdout + result.stderr
    shutil.rmtree(book / "_build", ignore_errors=True)
    assert result.returncode != 0
    assert "broken.md" in output
    assert "deliberately broken cell" in output
