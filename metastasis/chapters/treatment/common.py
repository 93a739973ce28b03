"""Data and source-link helpers shared by the treatment chapter's figures."""

from __future__ import annotations

import pandas as pd

from metastasis.core import data
from metastasis.core import sources as source_links

STEM = "treatment"


def _load(name: str) -> pd.DataFrame:
    return data.load(name)


def _resource(name: str) -> dict:
    return data.resource(name)


def _sources_by_id(name: str) -> dict[str, dict]:
    return {s["id"]: s for s in _resource(name)["sources"]}


def _source_html(name: str, ids: list[str] | None = None) -> str:
    """Source titles as links (with data years), for the ids used by a figure, in order of first use."""
    return source_links.links(_resource(name)["sources"], ids or None)
