"""Reading level per chapter: ``python -m metastasis.site.readability``. A report, not a gate (syllabus §2).

Counts only the prose a reader sees in the markdown cells: MyST roles keep their text, directives' option lines,
code, tables, headings and the quiz are left out. Target for the main text: Flesch-Kincaid grade 8-10.
"""

from __future__ import annotations

import re
import sys

from metastasis.core import book

ROLE = re.compile(r"\{[a-z:]+\}`([^`<]*?)(?:\s*<[^>]*>)?`")


def prose(stem: str) -> str:
    lines = []
    for source in book.markdown_cells(stem):
        in_fence = False
        for line in source.splitlines():
            if line.startswith(("```", ":::")):
                in_fence = not in_fence if line.strip() in ("```", ":::") or not in_fence else in_fence
                continue
            if line.startswith((":", "#", "|")) or not line.strip():
                continue
            lines.append(ROLE.sub(r"\1", line))
    return "\n".join(lines)


def report() -> list[dict]:
    import textstat

    rows = []
    for stem in book.chapter_stems():
        text = prose(stem)
        rows.append({"chapter": stem, "words": len(text.split()),
                     "fk_grade": round(textstat.flesch_kincaid_grade(text), 1),
                     "words_per_sentence": round(textstat.avg_sentence_length(text), 1)})
    return rows


def main() -> int:
    print("| chapter | words | Flesch-Kincaid grade | words per sentence |\n|---|---|---|---|")
    for r in report():
        print(f"| {r['chapter']} | {r['words']} | {r['fk_grade']} | {r['words_per_sentence']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
