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


def test_wrong_type_names_file_row_and_field(broken_copy):
    copy, edit = broken_copy
    edit("seer_stage_survival", 3, "relative_survival_5yr_pct", "about 30")
    message = _error(copy)
    assert "seer_stage_survival.csv" in message
    assert "row 3 (line 4)" in message
    assert "relative_survival_5yr_pct" in message and "not a number" in message


def test_out_of_range_percentage_fails(broken_copy):
    copy, edit = broken_copy
    edit("seer_stage_survival", 5, "pct_of_cases_at_stage", "120")
    message = _error(copy)
    assert "row 5" in message and "above the maximum 100" in message


def test_unknown_category_fails(broken_copy):
    copy, edit = broken_copy
    edit("seer_stage_survival", 2, "stage", "Stage IV")
    message = _error(copy)
    assert "'Stage IV' is not one of the allowed values" in message and "field 'stage'" in message


def test_unverified_figure_is_refused(broken_copy):
    copy, edit = broken_copy
    edit("seer_stage_survival", 1, "verification", "unverified")
    assert "field 'verification'" in _error(copy)


def test_missing_required_value_fails(broken_copy):
    copy, edit = broken_copy
    edit("seer_stage_survival", 4, "source_url", "")
    assert "row 4 (line 5), field 'source_url': a value is required" in _error(copy)


def test_duplicate_primary_key_fails(broken_copy):
    copy, edit = broken_copy
    edit("seer_stage_survival", 2, "stage", "Localized")
    assert "primary key" in _error(copy)


def test_missing_source_fails(broken_copy):
    copy, _ = broken_copy
    package = json.loads((copy / "datapackage.json").read_text())
    package["resources"][0]["sources"] = []
    (copy / "datapackage.json").write_text(json.dumps(package))
    assert "has no 'sources'" in _error(copy)


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
