"""The data package: valid as a whole, and every kind of broken input fails naming file, row and field."""

from __future__ import annotations

import json
import shutil

import pytest

from metastasis import DATA_DIR
from metastasis.core import data


def test_data_package_is_valid():
    assert data.validate_all() == []


def test_frictionless_agrees_the_package_is_valid():
    from frictionless import Package

    report = Package(str(DATA_DIR / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:20]


def test_every_dataset_names_its_sources_and_chapters():
    for res in data.datapackage()["resources"]:
        assert res["sources"], res["name"]
        assert res["chapters"], res["name"]
        for src in res["sources"]:
            assert src["path"].startswith(("http", "doi:")), (res["name"], src)


def test_seer_loads_typed_with_every_site():
    seer = data.load("seer_stage_survival")
    assert seer["relative_survival_5yr_pct"].dtype == "float64"
    assert seer["site"].nunique() == 21
    distant = seer[seer["stage"] == "Distant"].set_index("site")["relative_survival_5yr_pct"]
    assert distant["Pancreas"] == pytest.approx(3.4)
    assert distant["Lung and bronchus"] == pytest.approx(10.5)


@pytest.fixture
def broken_copy(tmp_path):
    """A copy of data/ to break; returns (dir, edit) where edit(name, line_number, field, value) edits a cell."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    shutil.copytree(DATA_DIR.parent / "book", tmp_path / "book")  # the pages the datasets name

    def edit(name: str, row: int, field: str, value: str):
        res = data.resource(name, copy)
        path = copy / res["path"]
        import csv

        rows = list(csv.reader(path.open(encoding="utf-8")))
        col = rows[0].index(field)
        rows[row][col] = value
        with path.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)

    return copy, edit


def _error(copy, name="seer_stage_survival") -> str:
    with pytest.raises(data.DataValidationError) as err:
        data.load(name, copy)
    return str(err.value)


# A broken cell of the SEER table: row, field, the bad value, and what the message must say (file, row, field, rule).
BROKEN_CELLS = [
    (3, "relative_survival_5yr_pct", "about 30",
     ["seer_stage_survival.csv", "row 3 (line 4)", "relative_survival_5yr_pct", "'about 30' is not a number"]),
    (5, "pct_of_cases_at_stage", "120",
     ["row 5 (line 6), field 'pct_of_cases_at_stage': '120' breaks the rule 'maximum'", '"100"']),
    (2, "stage", "Stage IV", ["field 'stage': 'Stage IV' breaks the rule 'enum'", "'Distant'"]),
    (1, "verification", "unverified", ["field 'verification'"]),
    (4, "source_url", "", ["row 4 (line 5), field 'source_url': a value is required"]),
    (2, "stage", "Localized", ["primary key"]),
]


@pytest.mark.parametrize(("row", "field", "value", "expected"), BROKEN_CELLS,
                         ids=[f"{f}={v or 'empty'}" for _, f, v, _ in BROKEN_CELLS])
def test_broken_cell_fails_naming_file_row_field_and_rule(broken_copy, row, field, value, expected):
    copy, edit = broken_copy
    edit("seer_stage_survival", row, field, value)
    message = _error(copy)
    missing = [e for e in expected if e not in message]
    assert not missing, f"the message lacks {missing}: {message}"


def test_missing_source_fails(broken_copy):
    copy, _ = broken_copy
    package = json.loads((copy / "datapackage.json").read_text())
    package["resources"][0]["sources"] = []
    (copy / "datapackage.json").write_text(json.dumps(package))
    assert "has no 'sources'" in _error(copy)


def test_chapter_that_is_not_a_page_fails(broken_copy):
    copy, _ = broken_copy
    package = json.loads((copy / "datapackage.json").read_text())
    package["resources"][0]["chapters"] = ["survival-and-prognosis", "survival"]
    (copy / "datapackage.json").write_text(json.dumps(package))
    assert "chapters: 'survival' is not a page of the book (no book/survival.md)" in _error(copy)


def test_source_without_url_fails(broken_copy):
    copy, _ = broken_copy
    package = json.loads((copy / "datapackage.json").read_text())
    package["resources"][0]["sources"][0]["path"] = "SEER website"
    (copy / "datapackage.json").write_text(json.dumps(package))
    assert "path must be a URL or DOI" in _error(copy)


def test_header_mismatch_fails(broken_copy):
    copy, _ = broken_copy
    path = copy / "seer_stage_survival.csv"
    text = path.read_text().replace("relative_survival_5yr_pct", "survival", 1)
    path.write_text(text)
    message = _error(copy)
    assert "header does not match the schema" in message and "relative_survival_5yr_pct" in message


def test_undescribed_csv_is_reported(broken_copy):
    copy, _ = broken_copy
    (copy / "stray.csv").write_text("a,b\n1,2\n")
    assert any("stray.csv: not described" in p for p in data.validate_all(copy))


def test_nothing_is_dropped_silently():
    seer = data.load("seer_stage_survival")
    lines = (DATA_DIR / "seer_stage_survival.csv").read_text().strip().splitlines()
    assert len(seer) == len(lines) - 1
