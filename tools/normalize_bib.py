"""Fix the mechanical problems the bibliography validator reports, for maintainers merging new entries:

- a web address in ``howpublished`` moves to ``url`` (so it prints once), and a web page names its site;
- works that would render the same in-text label ("Cancer Research UK, 2024") get year suffixes (2024a, 2024b),
  keeping suffixes already given and lettering the rest in file order;
- a ``note`` that says how the source was read moves to the maintainers' check record;
- every entry without a row in ``data/maintainers/source-checks.csv`` gets one, with the verification level and
  note given on the command line (``--verification archived-copy --note "..."``), so nothing is recorded as
  checked that was not.

Usage: ``python tools/normalize_bib.py [--verification LEVEL --note TEXT]``; then run the validator (the build).
"""

from __future__ import annotations

import argparse
import csv
import re
import string
from collections import defaultdict
from datetime import date

from metastasis.core import sources

ENTRY = re.compile(r"^@(\w+)\{([^,\s]+),(.*?)^\}\s*$", re.S | re.M)


def move_urls(text: str) -> str:
    """A web address goes in ``url`` only; ``howpublished`` keeps the site's name (from its text, else the
    organization that is the author, else the host); ``pmid`` is spelled ``pubmed``."""
    def fix(match):
        body = match.group(3)
        body = re.sub(r"^(\s*)pmid(\s*=)", r"\1pubmed\2", body, flags=re.M)
        found = re.search(r"^(\s*)howpublished\s*=\s*\{(.*?)\\url\{([^}]*)\}\}\s*,?\s*$", body, re.M)
        url = found.group(3) if found else None
        if found:
            indent, before = found.group(1), found.group(2).strip().rstrip(",").strip()
            has_url = re.search(r"^\s*url\s*=", body, re.M)
            lines = [f"{indent}howpublished = {{{before}}},"] if before else []
            lines += [] if has_url else [f"{indent}url = {{{url}}},"]
            body = body.replace(found.group(0), "\n".join(lines))
        if match.group(1).lower() == "misc" and not re.search(r"^\s*howpublished\s*=", body, re.M):
            org = re.search(r"^\s*author\s*=\s*\{\{([^}]*)\}\}", body, re.M)
            site = re.search(r"^\s*url\s*=\s*\{https?://(?:www\.)?([^/}]+)", body, re.M)
            name = f"{org.group(1)} website" if org else (site.group(1) if site else "")
            if name:
                body = re.sub(r"^(\s*)(title\s*=.*?),?\s*$", rf"\g<0>\n\1howpublished = {{{name}}},", body, count=1,
                              flags=re.M)
        body = re.sub(r"\n\s*\n", "\n", body)
        return f"@{match.group(1)}{{{match.group(2)},{body}}}\n"
    return ENTRY.sub(fix, text)


def suffix_years(text: str) -> str:
    from pybtex.database import parse_string

    db = parse_string(text, "bibtex")
    groups = defaultdict(list)
    for key, entry in db.entries.items():
        if "year" not in entry.fields:
            continue  # the validator names it; there is no label to compare
        label = sources.citation_label(entry)
        groups[re.sub(r"(\d{4})[a-z]$", r"\1", label)].append((key, entry.fields.get("year", "")))
    for members in groups.values():
        if len(members) < 2:
            continue
        taken = {y[-1] for _, y in members if re.match(r"^\d{4}[a-z]$", y)}
        letters = iter(c for c in string.ascii_lowercase if c not in taken)
        for key, year in members:
            if re.match(r"^\d{4}$", year):
                new = f"{year}{next(letters)}"
                text = re.sub(rf"(@\w+\{{{re.escape(key)},.*?year\s*=\s*\{{){year}(\}})", rf"\g<1>{new}\2", text,
                              count=1, flags=re.S)
    return text


def move_work_notes(text: str) -> tuple[str, dict[str, str]]:
    """A ``note`` field that says how the source was read is a maintainer's note: it leaves the entry (readers
    would see it) and goes to the entry's check record."""
    moved: dict[str, str] = {}

    def fix(match):
        body = match.group(3)
        found = re.search(r"^\s*note\s*=\s*\{(.*?)\},?\s*$", body, re.M | re.S)
        if not found or not sources.work_notes(found.group(1)):
            return match.group(0)
        moved[match.group(2)] = " ".join(found.group(1).split())
        body = body.replace(found.group(0), "")
        body = re.sub(r"\n\s*\n", "\n", body)
        return f"@{match.group(1)}{{{match.group(2)},{body}}}\n"
    return ENTRY.sub(fix, text), moved


def add_check_rows(text: str, verification: str, note: str, notes: dict[str, str] | None = None) -> list[str]:
    keys = [m.group(2) for m in ENTRY.finditer(text)]
    checks = sources.read_checks()
    missing = [k for k in keys if k not in checks]
    if missing:
        with sources.CHECKS_FILE.open("a", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            for key in missing:
                writer.writerow([key, verification, date.today().isoformat(), (notes or {}).get(key, note)])
    return missing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verification", choices=sorted(sources.VERIFICATION), default="unverified")
    parser.add_argument("--note", default="added without a recorded check: confirm at the next review")
    args = parser.parse_args()
    text = sources.BIB_FILE.read_text(encoding="utf-8")
    text, notes = move_work_notes(text)
    text = suffix_years(move_urls(text))
    sources.BIB_FILE.write_text(text, encoding="utf-8")
    added = add_check_rows(text, args.verification, args.note, notes)
    print(f"normalized {sources.BIB_FILE.name}; check rows added for {len(added)} entries: {', '.join(added)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
