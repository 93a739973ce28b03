"""The source rules: links built in one place, and broken bibliography entries or dataset sources refused by name."""

from __future__ import annotations

import copy

import pytest
from pybtex.database import parse_string

from metastasis.core import data, sources

GOOD_ARTICLE = """@article{good,
  author = {Paget, Stephen},
  title = {The distribution of secondary growths in cancer of the breast},
  journal = {The Lancet},
  year = {1889},
  volume = {133},
  pages = {571--573},
  doi = {10.1016/S0140-6736(00)49915-0}
}"""
GOOD_PAGE = """@misc{page,
  author = {{National Cancer Institute}},
  title = {Metastatic Cancer: When Cancer Spreads},
  howpublished = {Cancer.gov},
  year = {2020},
  url = {https://www.cancer.gov/types/metastatic-cancer}
}"""


def problems(bibtex: str) -> list[sources.Problem]:
    db = parse_string(bibtex, "bibtex")
    found = []
    for key, entry in db.entries.items():
        found += sources.check_entry(key, entry)
    return found


def rules(bibtex: str) -> list[tuple[str, str]]:
    return [(p.field, p.rule) for p in problems(bibtex)]


def test_complete_records_pass():
    assert problems(GOOD_ARTICLE) == []
    assert problems(GOOD_PAGE) == []


@pytest.mark.parametrize("field", ["author", "journal", "year", "volume", "pages"])
def test_an_article_missing_a_field_is_named(field):
    lines = [ln for ln in GOOD_ARTICLE.splitlines() if not ln.strip().startswith(f"{field} =")]
    found = problems("\n".join(lines))
    assert any(p.field == field and "missing" in p.rule for p in found), found
    assert all("entry 'good'" in str(p) for p in found)


def test_a_web_page_needs_its_site_year_and_url():
    bib = GOOD_PAGE.replace("  howpublished = {Cancer.gov},\n", "").replace("  year = {2020},\n", "")
    assert {f for f, r in rules(bib) if "missing" in r} == {"howpublished", "year"}


WEAK_URLS = ["https://www.everydayhealth.com/lung-cancer/x", "https://medworm.com/1/x",
             "https://en.wikipedia.org/wiki/Seed_and_soil", "https://arxivlens.com/x",
             "https://chinahospitalsguide.com/news/x"]
NCI_URL = "https://www.cancer.gov/types/metastatic-cancer"


@pytest.mark.parametrize(("bib", "field", "rule"), [
    pytest.param(GOOD_ARTICLE.replace("Paget, Stephen", "others"), "author", "names no author, only 'others'",
                 id="others-alone"),
    pytest.param(GOOD_ARTICLE.replace("Paget, Stephen", "{The Lancet (editorial)}"), "author", "venue",
                 id="journal-as-author"),
    pytest.param(GOOD_ARTICLE.replace("  doi = {10.1016/S0140-6736(00)49915-0}\n", "  note = {x}\n"), "doi",
                 "needs a DOI", id="no-identifier"),
    pytest.param(GOOD_ARTICLE.replace("Paget, Stephen", "{Authors not captured; see DOI}"), "author",
                 "authoring note", id="work-note-as-author"),
    *[pytest.param(GOOD_PAGE.replace(NCI_URL, url), "url", "weak host", id=f"weak-{i}")
      for i, url in enumerate(WEAK_URLS)],
    pytest.param(GOOD_PAGE.replace(NCI_URL, "https://some-blog.example/x"), "url", "authoritative",
                 id="unlisted-host"),
    pytest.param(GOOD_PAGE.replace("{Cancer.gov}", "{\\url{" + NCI_URL + "}}"), "howpublished", "print twice",
                 id="url-printed-twice"),
])
def test_a_broken_entry_fails_naming_the_field_and_rule(bib, field, rule):
    assert any(f == field and rule in r for f, r in rules(bib)), rules(bib)


@pytest.mark.parametrize("note", ["co-authors not captured", "authors to be filled from the DOI",
                                  "first author from the citation as remembered", "Read on a copy of the record",
                                  "Verified in the course data dossier", "fda.gov page not in the store",
                                  "title, authors and year unchecked"])
def test_work_notes_in_any_shown_field_fail(note):
    bib = GOOD_ARTICLE.replace("  doi =", f"  note = {{{note}}},\n  doi =")
    found = [p for p in problems(bib) if "authoring note" in p.rule]
    assert found and found[0].field == "note"


def test_two_works_with_one_label_fail(tmp_path, monkeypatch):
    bib = tmp_path / "references.bib"
    second = GOOD_PAGE.replace("{page,", "{page2,").replace("When Cancer Spreads", "Advanced Cancer")
    bib.write_text(GOOD_PAGE + "\n\n" + second)
    monkeypatch.setattr(sources, "read_checks", lambda: {})
    found = [str(p) for p in sources.check_bibliography(bib) if "renders the same citation" in p.rule]
    assert found == [f"{bib}: entry 'page2', field 'year': renders the same citation 'National Cancer Institute, "
                     f"2020' as entry 'page': give the years a/b suffixes (e.g. 2024a, 2024b) or cite one work once"]
    bib.write_text(GOOD_PAGE.replace("2020}", "2020a}") + "\n\n" + second.replace("2020}", "2020b}"))
    assert not [p for p in sources.check_bibliography(bib) if "renders the same citation" in p.rule]


def test_every_entry_needs_a_check_record(tmp_path, monkeypatch):
    bib = tmp_path / "references.bib"
    bib.write_text(GOOD_PAGE)
    monkeypatch.setattr(sources, "read_checks", lambda: {"page": {"key": "page", "verification": "read it",
                                                                  "checked_on": "last week"}})
    found = {(p.field, p.rule.split(" is not")[0]) for p in sources.check_bibliography(bib)}
    assert ("verification", "'read it'") in found and ("checked_on", "'last week'") in found
    monkeypatch.setattr(sources, "read_checks", lambda: {})
    assert any("has no row" in p.rule for p in sources.check_bibliography(bib))


def test_the_build_refuses_a_broken_entry_naming_entry_field_and_rule(tmp_path, monkeypatch):
    from sphinx.errors import ExtensionError

    from metastasis.site import sphinx_ext

    bib = tmp_path / "references.bib"
    bib.write_text(GOOD_ARTICLE.replace("  year = {1889},\n", "").replace("{good,", "{broken,"))
    monkeypatch.setattr(sources, "BIB_FILE", bib)
    monkeypatch.setattr(sources, "read_checks", lambda: {"broken": {"verification": "original",
                                                                    "checked_on": "2026-12-06"}})
    with pytest.raises(ExtensionError) as err:
        sphinx_ext.on_builder_inited(app=None)
    assert "entry 'broken' (@article), field 'year': missing" in str(err.value)


def test_the_book_bibliography_and_dataset_sources_are_clean():
    assert sources.validate_all() == []


# ---- links -------------------------------------------------------------------------------------------------------

def test_href_turns_dois_into_links():
    assert sources.href("doi:10.1038/nrc865") == "https://doi.org/10.1038/nrc865"
    assert sources.href("10.1038/nrc865") == "https://doi.org/10.1038/nrc865"
    assert sources.href("https://seer.cancer.gov/statfacts/ (per site)") == "https://seer.cancer.gov/statfacts/"


def test_link_escapes_and_adds_what_is_asked():
    src = {"id": "a", "title": "Growth <fast> & slow", "path": "doi:10.1/x", "publisher": "NCI",
           "data_years": "2010-2014", "verification": "original"}
    out = sources.link(src, who=True, years=True)
    assert out == ('<a href="https://doi.org/10.1/x">Growth &lt;fast&gt; &amp; slow</a> '
                   "(NCI; data years 2010-2014)")
    assert "original publication" in sources.link(src, checked=True)


def test_links_follow_the_requested_order_once():
    srcs = [{"id": i, "title": i.upper(), "path": f"https://cancer.gov/{i}"} for i in "abc"]
    assert sources.links(srcs, ["c", "a", "c"]) == ('<a href="https://cancer.gov/c">C</a>; '
                                                    '<a href="https://cancer.gov/a">A</a>')


def test_dataset_check_line_is_plain_and_counts():
    one = [{"verification": "original"}]
    assert sources.dataset_check_line(one) == ("Its source was checked against the original publication or the "
                                               "publisher's own page.")
    mixed = [{"verification": "original"}, {"verification": "secondary-copy"}, {"verification": "original"}]
    line = sources.dataset_check_line(mixed)
    assert line.startswith("Sources: 2 of 3 checked against the original") and "1 of 3 checked against a copy" in line
    assert not sources.work_notes(line)


# ---- dataset sources ---------------------------------------------------------------------------------------------

def _package_with(change) -> dict:
    package = copy.deepcopy(data.datapackage())
    change(package["resources"][0]["sources"][0])
    return package


def test_dataset_source_check_vocabulary_is_enforced():
    package = _package_with(lambda s: s.update(verification="verified: stored copy"))
    found = [str(p) for p in sources.check_datapackage(package)]
    assert any("field 'verification'" in f and "is not one of" in f for f in found), found


def test_dataset_source_notes_and_weak_hosts_are_refused():
    package = _package_with(lambda s: s.update(title="A study (title not captured)",
                                               path="https://medworm.com/123/x"))
    fields = {p.field for p in sources.check_datapackage(package)}
    assert {"title", "path"} <= fields


def test_dataset_maintainer_notes_stay_off_the_package_and_name_a_real_source(tmp_path):
    package = _package_with(lambda s: s.update(maintainer_note="read on a stored copy"))
    found = [str(p) for p in sources.check_datapackage(package)]
    assert any("field 'maintainer_note'" in f and "dataset-checks.csv" in f for f in found), found
    orphan = tmp_path / "dataset-checks.csv"
    orphan.write_text("dataset,source,maintainer_note\nno_such_data,nowhere,a note\n", encoding="utf-8")
    found = [str(p) for p in sources.check_dataset_checks(path=orphan)]
    assert len(found) == 1 and "row 2" in found[0] and "'no_such_data', 'nowhere'" in found[0], found


def test_chapter_code_builds_no_source_link_by_hand():
    """Every source link comes from metastasis.core.sources (one wording, DOIs made links, no check jargon)."""
    from metastasis import REPO_ROOT

    by_hand = [f"{path.relative_to(REPO_ROOT)}:{number}"
               for path in sorted((REPO_ROOT / "metastasis" / "chapters").rglob("*.py"))
               for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
               if '<a href="{' in line and any(word in line for word in ("path", "source", "url", "verification"))]
    assert by_hand == [], f"source links built by hand (use metastasis.core.sources.link/links): {by_hand}"
