"""Data and source-link helpers shared by the treatment chapter's figures."""

from __future__ import annotations

import html

import pandas as pd

from metastasis.core import data

STEM = "treatment"


def _load(name: str) -> pd.DataFrame:
    return data.load(name)


def _resource(name: str) -> dict:
    return data.resource(name)


def _sources_by_id(name: str) -> dict[str, dict]:
    return {s["id"]: s for s in _resource(name)["sources"]}


def _source_html(name: str, ids: list[str] | None = None) -> str:
    """Source titles as links (with data years), for the ids used by a figure, in order of first use."""
    sources = _sources_by_id(name)
    ids = list(dict.fromkeys(ids)) if ids else list(sources)
    parts = []
    for sid in ids:
        src = sources[sid]
        path = src["path"]
        href = path if path.startswith("http") else f"https://doi.org/{path[4:]}"
        parts.append(f'<a href="{html.escape(href)}">{html.escape(src["title"])}</a> '
                     f'({html.escape(src["verification"].split(":")[0])})')
    return "; ".join(parts)
