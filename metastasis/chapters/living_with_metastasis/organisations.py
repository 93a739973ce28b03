"""Where to find help, by country (an HTML table)."""

from __future__ import annotations

import html

from metastasis.chapters.living_with_metastasis.checklist import (
    HtmlBlock,
)
from metastasis.core import data


def _tel(phone: str) -> str:
    """A tel: link target from a written number ('1-800-4-CANCER (1-800-422-6237)' -> the digits in brackets)."""
    inner = phone.split("(")[-1] if "(" in phone and any(c.isdigit() for c in phone.split("(")[-1]) else phone
    digits = "".join(c for c in inner if c.isdigit())
    return digits


def help_organisations() -> HtmlBlock:
    """An accessible table of checked phone lines, grouped by country."""
    orgs = data.load("help_organisations")
    res = data.resource("help_organisations")
    checked = res["sources"][0]["accessed"]
    rows = []
    for country, group in orgs.groupby("country", sort=False):
        rows.append(f'<tr><th scope="rowgroup" colspan="4" class="country">{html.escape(country)}</th></tr>')
        for _, row in group.iterrows():
            # a number not confirmed on the organization's own page: say so plainly, without the check jargon
            note = " (confirm this number on the website before calling)" if row["verification"] == "secondary" else ""
            tel = _tel(row["phone"])
            phone = (f'<a href="tel:{tel}">{html.escape(row["phone"])}</a>' if len(tel) >= 3 and not
                     row["phone"].lower().startswith("call or text") else html.escape(row["phone"]))
            rows.append(
                f'<tr><th scope="row"><a href="{html.escape(row["website"], quote=True)}">'
                f'{html.escape(row["organisation"])}</a><br><span class="svc">{html.escape(row["service"])}</span></th>'
                f"<td>{phone}</td><td>{html.escape(row['cost_and_hours'])}</td>"
                f"<td>{html.escape(row['offers'])}{html.escape(note)}</td></tr>")
    # Row headers hold links: keep them on the page background so the theme's link color keeps its contrast.
    style = ("<style>table.course-help-table th[scope=row]{background:transparent}"
             "table.course-help-table .svc{font-weight:normal}</style>")
    table = (style + '<div class="course-table-wrap"><table class="course-data-table course-help-table">'
             f"<caption>Cancer information and support lines, checked {html.escape(checked)}. Numbers change: "
             "check the website before calling. In an emergency, call your local emergency number.</caption>"
             '<thead><tr><th scope="col">Organization and service</th><th scope="col">Phone</th>'
             '<th scope="col">Cost and availability</th><th scope="col">What it offers</th></tr></thead>'
             f"<tbody>{''.join(rows)}</tbody></table></div>")
    src = data.source_line("help_organisations")
    html_out = (table + '<details class="course-figure-data"><summary>How each number was checked</summary>'
                f'<p class="course-figure-source">{src}</p></details>')
    return HtmlBlock(html=html_out, source=src, name="help-organisations",
                     alt=f"Table of {len(orgs)} cancer information and crisis phone lines in "
                         f"{orgs['country'].nunique()} countries.")
