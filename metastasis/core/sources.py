"""Sources: one place that turns a source into a link, and the rules a citable source must meet.

Two kinds of source feed the book: the bibliography (``book/references.bib``, cited in the text) and the
sources of each dataset (``data/datapackage.json``, shown under figures and on the Data sources page).
Readers see both, so both obey the same rules, checked here and enforced by the Sphinx extension when the
build starts:

- a complete record for its type (who, title, venue or publisher, year, volume/pages for articles, and a
  DOI, PMID or stable URL);
- an original or authoritative host, never a news site, content farm, abstract mirror or encyclopedia;
- no authoring notes in anything a reader sees ("not captured", "read on a copy", ...): how a source was
  checked is kept for maintainers: for the bibliography in ``data/maintainers/source-checks.csv``; for dataset
  sources as ``verification`` and ``checked_on`` in the data package (the Data sources page turns them into a
  plain line) with the notes on what was read where in ``data/maintainers/dataset-checks.csv``;
- one label per work: two entries may not render the same "Author, Year" citation.
"""

from __future__ import annotations

import csv
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlparse

from metastasis import BOOK_DIR, DATA_DIR

BIB_FILE = BOOK_DIR / "references.bib"
CHECKS_FILE = DATA_DIR / "maintainers" / "source-checks.csv"
CHECKS_COLUMNS = ("key", "verification", "checked_on", "maintainer_note")
DATASET_CHECKS_FILE = DATA_DIR / "maintainers" / "dataset-checks.csv"  # dataset, source, maintainer_note

# How a source was checked, in a fixed vocabulary, and the plain sentence a reader sees for it.
VERIFICATION = {
    "original": "checked against the original publication or the publisher's own page",
    "archived-copy": "checked against an archived copy of the publisher's own page",
    "secondary-copy": "checked against a copy published elsewhere, not the original",
    "unverified": "not yet checked against its source",
}

# Hosts that never carry a fact in this book: news and syndication, content farms, abstract mirrors and
# aggregators, encyclopedias, medical tourism. Matched against the host and its parent domains.
WEAK_HOSTS = (
    "everydayhealth.com", "medworm.com", "wikipedia.org", "wikimedia.org", "arxivlens.com", "booksci.cn",
    "bohrium.com", "bohrium.dp.tech", "htsyndication.com", "menafn.com", "prnewswire.com", "eurekalert.org",
    "thepharmaletter.com", "chinahospitalsguide.com", "chinamedwaypoint.com", "maestrodatabase.com",
    "oncologytube.com", "medluna.com", "ouci.dntb.gov.ua", "discovery.researcher.life", "scilit.net",
    "scilit.com", "deepdyve.com", "mendeley.com", "paperexplained.cn", "epage.pub", "sfltimes.com",
    "wmar2news.com", "medscape.com", "mdedge.com", "chemdiv.com", "cancertherapyadvisor.com",
    "breastcancer.org", "iccnconnect.com", "medwirenews.com", "scite.ai", "semanticscholar.org",
    "researchgate.net", "academia.edu", "healthline.com", "webmd.com", "verywellhealth.com", "medicalnewstoday.com",
    "news-medical.net", "sciencedaily.com", "cancer.com", "rlthub.co.uk", "questdiagnostics.com",
    "thechristieprivatecare.com", "health.omgcb.com", "ebusca.uv.mx", "searchworks.jioinstitute.edu.in",
    "pathwayhospicecare.com", "prod-www.ons.org",
)
# Kinds of host a web page (an entry without a DOI or PMID) may come from: government and public health
# bodies, registries, guideline bodies, national cancer charities and societies, NCI-designated and public
# cancer centres, the national library's books and records, and the journals themselves.
AUTHORITATIVE_SUFFIXES = (".gov", ".nhs.uk", ".gov.uk", ".who.int", ".europa.eu", ".edu", ".ac.uk")
AUTHORITATIVE_HOSTS = (
    "who.int", "cancer.org", "cancer.net", "asco.org", "cancerresearchuk.org", "macmillan.org.uk",
    "mariecurie.org.uk", "nice.org.uk", "esmo.org", "cancer.ca", "cancernz.org.nz", "cancercouncil.com.au",
    "cancercare.org", "lls.org", "mskcc.org", "mdanderson.org", "uhn.ca", "nationalacademies.org",
    "eupati.eu", "msdmanuals.com", "merckmanuals.com", "nccn.org", "jnccn.org", "aacr.org", "aacrjournals.org",
    "ecog-acrin.org", "facingourrisk.org", "mypcnow.org", "lmhpco.org", "uvahealth.com", "jax.org",
    "oncolink.org", "christie.nhs.uk", "massgeneral.org", "hbiostat.org", "fda.gov", "ema.europa.eu", "nmpa.gov.cn",
    "988lifeline.org", "samaritans.org", "macmillan.org.uk", "ons.org", "nature.com", "cell.com",
    "nejm.org", "thelancet.com", "ashpublications.org", "mayoclinicproceedings.org", "ecancer.org",
    "hematologyandoncology.net", "amegroups.com", "amegroups.org", "springer.com", "wiley.com",
    "bmj.com", "oup.com", "frontiersin.org", "mdpi.com", "dovepress.com", "jcancer.org", "oncotarget.com",
    "biomedcentral.com", "tandfonline.com", "jstor.org", "clevelandclinic.org", "hopkinsmedicine.org",
    "mayoclinic.org", "nhs.uk", "stat.berkeley.edu", "cancer.gov", "nih.gov", "fda.gov", "cdc.gov",
    # professional societies' guideline and patient pages; UK national patient charities
    "astro.org", "bsir.org", "patients-association.org.uk", "pancreaticcancer.org.uk",
)
# Authoring language: how a source was read, found or left unfinished. Never shown to readers.
WORK_NOTE_PHRASES = (
    "not captured", "to be filled", "as remembered", "from memory", "read on a", "read on the", "read on copies",
    "read on two", "read on three", "read on stored", "read on an", "read in news", "read in a copy",
    "read in a news", "read in the pmc", "read in pmc", "read in two", "read in the cord",
    "read as quoted", "verified in", "not in the store", "unchecked", "not checked",
    "stored copy", "stored copies", "stored page", "data dossier", "course dossier", "dossier", "syndicat",
    "paraphrased", "not read here", "was not read", "were not read", "from the syllabus", "via the course",
    "may share a key", "at integration", "(secondary)", "url not fetched", "not seen on",
    "not re-read", "in this session", "must be filled", "before citing", "author not captured",
    "title not captured", "abstract mirror", "news reports of", "a copy (", "on a copy", "on copies",
    "first author from", "year inferred", "doi not", "through a translation proxy", "proxied",
    "secondary-copy", "archived-copy",  # the check vocabulary itself is for maintainers
)
# Who, what and where, per entry type; ``author`` may be an organization written in braces.
REQUIRED_FIELDS = {
    "article": ("author", "title", "journal", "year", "volume", "pages"),
    "book": ("author", "title", "publisher", "year"),
    "incollection": ("author", "title", "booktitle", "publisher", "year", "pages"),
    "misc": ("author", "title", "howpublished", "year", "url"),
    "techreport": ("author", "title", "institution", "year", "url"),
}
IDENTIFIER_FIELDS = ("doi", "pubmed", "url")
# Entries still missing a field that could not be confirmed against a stored record by the 2026-12-06 review.
# Listed here, by name, so the build stays green while they are looked up; every other entry must be complete,
# and an entry listed here that has become complete fails the build until it is removed from this list.
KNOWN_GAPS: dict[str, str] = {}  # entry key -> what it still lacks (empty: every record is complete)
YEAR = re.compile(r"^(1[89]|20)\d\d[a-z]?$")
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Problem:
    """One broken rule: where (file and entry or dataset/source), which field, and the rule."""

    where: str
    item: str
    field: str
    rule: str

    def __str__(self) -> str:
        return f"{self.where}: {self.item}, field '{self.field}': {self.rule}"


# --------------------------------------------------------------------------------------------------------------
# Links
# --------------------------------------------------------------------------------------------------------------

def href(path: str) -> str:
    """The URL a source path points to: ``doi:10.x/y`` and bare DOIs become doi.org links; URLs pass through."""
    path = str(path).strip().split(" ")[0]
    if path.startswith("doi:"):
        return f"https://doi.org/{path[4:]}"
    if DOI.match(path):
        return f"https://doi.org/{path}"
    return path


def link(src: dict, *, label: str | None = None, who: bool = False, years: bool = False,
         checked: bool = False) -> str:
    """One source as an HTML link, optionally followed by its publisher or authors, data years and check line.

    Every figure source note and the Data sources page build their links here, so a source reads the same
    everywhere and the check wording comes from one vocabulary.
    """
    text = label if label is not None else src["title"]
    out = f'<a href="{html.escape(href(src["path"]), quote=True)}">{html.escape(text)}</a>'
    extras = []
    if who and (src.get("publisher") or src.get("authors")):
        extras.append(html.escape(src.get("publisher") or src.get("authors")))
    if years and src.get("data_years"):
        extras.append(f"data years {html.escape(src['data_years'])}")
    if checked:
        extras.append(html.escape(checked_line(src)))
    return out + (f" ({'; '.join(extras)})" if extras else "")


def links(sources: Iterable[dict], ids: Iterable[str] | None = None, *, sep: str = "; ", **options) -> str:
    """Several sources as links, in the order of ``ids`` (each once) or of the list; options as in :func:`link`."""
    sources = list(sources)
    if ids is not None:
        by_id = {s["id"]: s for s in sources}
        sources = [by_id[i] for i in dict.fromkeys(ids)]
    return sep.join(link(s, **options) for s in sources)


def resource_links(name: str, ids: Iterable[str] | None = None, **options) -> str:
    """The links of one dataset's sources (all, or those in ``ids``)."""
    from metastasis.core import data

    return links(data.resource(name)["sources"], ids, **options)


def checked_line(src: dict) -> str:
    """The plain reader-facing sentence for how one source was checked."""
    return VERIFICATION.get(src.get("verification", "unverified"), VERIFICATION["unverified"])


def dataset_check_line(sources: list[dict]) -> str:
    """One honest line for a dataset: how many of its sources were checked in which way."""
    counts: dict[str, int] = {}
    for src in sources:
        kind = src.get("verification", "unverified")
        counts[kind] = counts.get(kind, 0) + 1
    total = len(sources)
    if len(counts) == 1:
        kind = next(iter(counts))
        subject = "Its source was" if total == 1 else f"All {total} sources were"
        return f"{subject} {VERIFICATION[kind]}."
    parts = [f"{n} of {total} {VERIFICATION[kind]}" for kind, n in counts.items() if kind in VERIFICATION]
    return "Sources: " + "; ".join(parts) + "."


# --------------------------------------------------------------------------------------------------------------
# Rules shared by bibliography entries and dataset sources
# --------------------------------------------------------------------------------------------------------------

def host(url: str) -> str:
    return (urlparse(url).hostname or "").lower().removeprefix("www.")


def _on(host_name: str, domains: Iterable[str]) -> bool:
    return any(host_name == d or host_name.endswith("." + d) for d in domains)


def weak_host(url: str) -> str | None:
    """The deny-listed domain a URL is on, if any."""
    name = host(url)
    for domain in WEAK_HOSTS:
        if _on(name, (domain,)):
            return domain
    return None


def authoritative_host(url: str) -> bool:
    name = host(url)
    return _on(name, AUTHORITATIVE_HOSTS) or any(name.endswith(s) for s in AUTHORITATIVE_SUFFIXES)


def work_notes(text: str) -> list[str]:
    """The authoring phrases in a text a reader will see."""
    lowered = " ".join(str(text).lower().split())
    return [p for p in WORK_NOTE_PHRASES if p in lowered]


URL_IN_TEXT = re.compile(r"https?://[^\s}{,;)]+")


# --------------------------------------------------------------------------------------------------------------
# Bibliography
# --------------------------------------------------------------------------------------------------------------

def _plain(value: str) -> str:
    return re.sub(r"[{}]", "", re.sub(r"\\url\{([^}]*)\}", r"\1", value)).strip()


def citation_label(entry) -> str:
    """The in-text citation sphinxcontrib-bibtex's author_year style renders for an entry ("Author, Year")."""
    from sphinxcontrib.bibtex.style.referencing import PersonStyle
    from sphinxcontrib.bibtex.style.template import field, join

    style = SimpleNamespace(person=PersonStyle())
    template = join(sep=", ")[style.person.author_or_editor_or_title(full=False), field("year", raw=True)]
    return template.format_data({"entry": entry, "style": style}).render_as("text")


def _authors(entry) -> list[str]:
    return [str(p) for p in entry.persons.get("author", [])] + [str(p) for p in entry.persons.get("editor", [])]


def check_entry(key: str, entry, where: str = "book/references.bib") -> list[Problem]:
    """Every rule one bibliography entry breaks."""
    item = f"entry '{key}' (@{entry.type})"
    problems: list[Problem] = []
    fields = {k.lower(): v for k, v in entry.fields.items()}
    people = _authors(entry)
    required = REQUIRED_FIELDS.get(entry.type)
    if required is None:
        problems.append(Problem(where, item, "type", f"use one of {sorted(REQUIRED_FIELDS)}"))
        required = ()
    for name in required:
        present = bool(people) if name == "author" else bool(str(fields.get(name, "")).strip())
        if not present:
            problems.append(Problem(where, item, name, "missing (a complete record needs it)"))
    if people and all(p.lower() in ("others", "{others}") for p in people):
        problems.append(Problem(where, item, "author", "names no author, only 'others'"))
    if not any(str(fields.get(f, "")).strip() for f in IDENTIFIER_FIELDS):
        problems.append(Problem(where, item, "doi", "needs a DOI, a PMID (field 'pubmed') or a stable URL"))
    year = str(fields.get("year", "")).strip()
    if year and not YEAR.match(year):
        problems.append(Problem(where, item, "year", f"'{year}' is not a four-digit year (with a/b suffix)"))
    doi = str(fields.get("doi", "")).strip()
    if doi and not DOI.match(doi):
        problems.append(Problem(where, item, "doi", f"'{doi}' is not a bare DOI (10.xxxx/...)"))
    pmid = str(fields.get("pubmed", "")).strip()
    if pmid and not pmid.isdigit():
        problems.append(Problem(where, item, "pubmed", f"'{pmid}' is not a PMID (digits only)"))
    urldate = str(fields.get("urldate", "")).strip()
    if urldate and not DATE.match(urldate):
        problems.append(Problem(where, item, "urldate", f"'{urldate}' is not YYYY-MM-DD"))
    # Web addresses live in 'url' only: a URL in another field prints a second time.
    for name, value in fields.items():
        if name != "url" and URL_IN_TEXT.search(str(value)):
            problems.append(Problem(where, item, name, "holds a web address; put it in 'url' only (it would "
                                                       "print twice)"))
    venues = {_plain(fields.get(v, "")).lower() for v in ("journal", "booktitle", "series") if fields.get(v)}
    for person in people:
        name = _plain(person).lower()
        if any(v and v in name for v in venues):
            problems.append(Problem(where, item, "author", f"'{_plain(person)}' is the venue, not an author"))
    for name, value in list(fields.items()) + [("author", " and ".join(people))]:
        for phrase in work_notes(_plain(value)):
            problems.append(Problem(where, item, name, f"authoring note '{phrase}' would be shown to readers "
                                                       f"(move it to {CHECKS_FILE.name})"))
    for name, value in fields.items():
        for url in URL_IN_TEXT.findall(str(value)) + ([str(value)] if name == "url" else []):
            domain = weak_host(url)
            if domain:
                problems.append(Problem(where, item, name, f"'{domain}' is a weak host (news, mirror, "
                                                           f"encyclopedia or syndication): cite the original"))
    url = str(fields.get("url", "")).strip()
    if url and not doi and not pmid and entry.type == "misc" and not authoritative_host(url) \
            and not weak_host(url):
        problems.append(Problem(where, item, "url", f"'{host(url)}' is not on the list of authoritative hosts "
                                                    f"(metastasis/core/sources.py AUTHORITATIVE_HOSTS)"))
    return problems


def check_bibliography(path: Path | str = BIB_FILE) -> list[Problem]:
    """Every rule the bibliography breaks, including two works sharing one rendered label."""
    from pybtex.database import parse_file
    from pybtex.database.input.bibtex import DuplicateField

    path = Path(path)
    where = str(path.relative_to(BOOK_DIR.parent)) if path.is_relative_to(BOOK_DIR.parent) else str(path)
    try:
        db = parse_file(str(path), bib_format="bibtex")
    except (DuplicateField, Exception) as err:  # pybtex raises several unrelated types for malformed input
        return [Problem(where, "file", "-", f"cannot be parsed: {err}")]
    problems: list[Problem] = []
    labels: dict[str, str] = {}
    for key, entry in db.entries.items():
        found = check_entry(key, entry, where)
        if key in KNOWN_GAPS:
            gaps = [p for p in found if _is_gap(p)]
            if not gaps:
                problems.append(Problem(where, f"entry '{key}'", "-", "is complete now: remove it from KNOWN_GAPS "
                                                                      "in metastasis/core/sources.py"))
            found = [p for p in found if not _is_gap(p)]
        problems += found
        try:
            label = citation_label(entry)
        except Exception:  # a missing field is already reported above
            continue
        if label in labels:
            problems.append(Problem(where, f"entry '{key}'", "year",
                                    f"renders the same citation '{label}' as entry '{labels[label]}': give the "
                                    f"years a/b suffixes (e.g. 2024a, 2024b) or cite one work once"))
        labels.setdefault(label, key)
    checked = read_checks()
    checks_where = f"data/maintainers/{CHECKS_FILE.name}"
    for key in db.entries:
        if key not in checked:
            problems.append(Problem(where, f"entry '{key}'", "-", f"has no row in data/maintainers/{CHECKS_FILE.name} "
                                                                  f"(how it was checked)"))
    for key, row in checked.items():
        if key not in db.entries:
            problems.append(Problem(checks_where, f"row '{key}'", "key", "names no bibliography entry"))
        problems += _check_provenance(row, checks_where, f"row '{key}'")
    return problems


def _is_gap(problem: Problem) -> bool:
    return "missing" in problem.rule or "needs a DOI" in problem.rule


def incomplete_entries(path: Path | str = BIB_FILE) -> list[str]:
    """Keys of bibliography entries that still lack a required field (the known gaps, if the rest is clean)."""
    from pybtex.database import parse_file

    db = parse_file(str(path), bib_format="bibtex")
    return sorted(k for k, e in db.entries.items() if any(_is_gap(p) for p in check_entry(k, e)))


def read_checks(path: Path | str = CHECKS_FILE) -> dict[str, dict]:
    """The maintainers' record of how each bibliography entry was checked, by key."""
    path = Path(path)
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["key"]: row for row in csv.DictReader(handle)}


def _check_provenance(record: dict, where: str, item: str) -> list[Problem]:
    problems = []
    if record.get("verification") not in VERIFICATION:
        problems.append(Problem(where, item, "verification", f"'{record.get('verification')}' is not one of "
                                                             f"{list(VERIFICATION)}"))
    if not DATE.match(str(record.get("checked_on", ""))):
        problems.append(Problem(where, item, "checked_on", f"'{record.get('checked_on')}' is not YYYY-MM-DD"))
    return problems


# --------------------------------------------------------------------------------------------------------------
# Dataset sources
# --------------------------------------------------------------------------------------------------------------

SHOWN_SOURCE_FIELDS = ("title", "authors", "publisher", "data_years")


def check_datapackage(package: dict | None = None, where: str = "data/datapackage.json") -> list[Problem]:
    """Rules for every dataset's sources: fixed check vocabulary, a check date, no notes or weak hosts shown."""
    from metastasis.core import data

    package = data.datapackage() if package is None else package
    problems: list[Problem] = [Problem(where, "package", "description", f"authoring note '{phrase}' would be shown "
                                                                         f"to readers")
                               for phrase in work_notes(package.get("description", ""))]
    for res in package.get("resources", []):
        name = res.get("name", "?")
        for text_field in ("title", "description"):
            for phrase in work_notes(res.get(text_field, "")):
                problems.append(Problem(where, f"dataset '{name}'", text_field,
                                        f"authoring note '{phrase}' would be shown to readers"))
        for field in (res.get("schema") or {}).get("fields", []):
            for phrase in work_notes(field.get("description", "")):
                problems.append(Problem(where, f"dataset '{name}'", f"schema field '{field.get('name')}'",
                                        f"authoring note '{phrase}' would be shown to readers"))
        for i, caveat in enumerate(res.get("caveats", []), start=1):
            for phrase in work_notes(caveat):
                problems.append(Problem(where, f"dataset '{name}'", f"caveats[{i}]",
                                        f"authoring note '{phrase}' would be shown to readers"))
        for src in res.get("sources", []):
            item = f"dataset '{name}', source '{src.get('id', '?')}'"
            problems += _check_provenance(src, where, item)
            if "maintainer_note" in src:  # the package is data readers download: notes live with the maintainers
                problems.append(Problem(where, item, "maintainer_note", f"move it to data/maintainers/"
                                                                        f"{DATASET_CHECKS_FILE.name}"))
            for text_field in SHOWN_SOURCE_FIELDS:
                for phrase in work_notes(src.get(text_field, "")):
                    problems.append(Problem(where, item, text_field, f"authoring note '{phrase}' would be shown "
                                                                     f"to readers (move it to data/maintainers/"
                                                                     f"{DATASET_CHECKS_FILE.name})"))
            domain = weak_host(href(src.get("path", "")))
            if domain:
                problems.append(Problem(where, item, "path", f"'{domain}' is a weak host: cite the original"))
    return problems


def check_dataset_checks(package: dict | None = None, path: Path | str = DATASET_CHECKS_FILE) -> list[Problem]:
    """Every row of the maintainers' dataset notes names a source the data package has (none is left orphaned)."""
    from metastasis.core import data

    package = data.datapackage() if package is None else package
    known = {(res.get("name"), src.get("id")) for res in package.get("resources", []) for src in res.get("sources", [])}
    where = f"data/maintainers/{Path(path).name}"
    with Path(path).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [Problem(where, f"row {i}", "dataset, source", f"'{row.get('dataset')}', '{row.get('source')}' is no "
                                                            f"dataset source in data/datapackage.json")
            for i, row in enumerate(rows, start=2) if (row.get("dataset"), row.get("source")) not in known]


def validate_all() -> list[str]:
    """Every problem in the bibliography and the dataset sources (empty when both are clean)."""
    return [str(p) for p in check_bibliography(BIB_FILE) + check_datapackage() + check_dataset_checks()]
