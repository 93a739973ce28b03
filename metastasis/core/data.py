"""Load the course's datasets from ``data/datapackage.json``, refusing anything that breaks its schema.

Every number a reader sees comes through :func:`load`. Validation is driven by the Frictionless schema in
the data package, and every problem is reported with the file, the row and the field, so that a broken
file stops the build instead of silently dropping rows.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from metastasis import DATA_DIR

PACKAGE_FILE = "datapackage.json"
REQUIRED_RESOURCE_KEYS = ("name", "path", "title", "description", "sources", "licenses", "chapters", "schema")
REQUIRED_SOURCE_KEYS = ("id", "title", "path", "data_years", "accessed", "verification")
ALLOWED_VERIFICATION = ("verified", "secondary")
MAX_REPORTED = 25


class DataValidationError(ValueError):
    """A data file or the data package breaks a rule; the message names file, row, field and rule."""


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise DataValidationError(f"{path}: the data package descriptor is missing") from err
    except json.JSONDecodeError as err:
        raise DataValidationError(f"{path}: not valid JSON (line {err.lineno}: {err.msg})") from err


def datapackage(data_dir: Path | str = DATA_DIR) -> dict:
    """The parsed data package descriptor (re-read on every call; it is small)."""
    return _read_json(Path(data_dir) / PACKAGE_FILE)


def resource_names(data_dir: Path | str = DATA_DIR) -> list[str]:
    return [r.get("name", "?") for r in datapackage(data_dir).get("resources", [])]


def resource(name: str, data_dir: Path | str = DATA_DIR) -> dict:
    """The descriptor of one dataset, by name."""
    package = datapackage(data_dir)
    for res in package.get("resources", []):
        if res.get("name") == name:
            return res
    known = ", ".join(resource_names(data_dir))
    raise DataValidationError(f"{Path(data_dir) / PACKAGE_FILE}: no dataset named '{name}' (known: {known})")


def check_descriptor(res: dict, where: str) -> list[str]:
    """Metadata rules every resource must meet: sources, licence, chapters, typed and described fields."""
    problems = []
    for key in REQUIRED_RESOURCE_KEYS:
        if not res.get(key):
            problems.append(f"{where}: resource '{res.get('name', '?')}' has no '{key}'")
    for i, src in enumerate(res.get("sources") or []):
        for key in REQUIRED_SOURCE_KEYS:
            if not str(src.get(key, "")).strip():
                problems.append(f"{where}: resource '{res.get('name')}', source {i + 1} has no '{key}'")
        path = str(src.get("path", ""))
        if path and not re.match(r"^(https?://|doi:)", path):
            problems.append(f"{where}: resource '{res.get('name')}', source {i + 1}: path must be a URL or DOI")
    for field in (res.get("schema") or {}).get("fields", []):
        for key in ("name", "type", "title", "description"):
            if not field.get(key):
                problems.append(f"{where}: resource '{res.get('name')}', field {field.get('name', '?')} "
                                f"has no '{key}'")
    return problems


_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_INTEGER = re.compile(r"^[+-]?\d+$")


def _convert(value: str, ftype: str):
    """Convert one CSV cell to the field's type, or raise ValueError with the reason."""
    if ftype == "string":
        return value
    if ftype == "number":
        if not _NUMBER.match(value):
            raise ValueError(f"'{value}' is not a number")
        return float(value)
    if ftype in ("integer", "year"):
        if not _INTEGER.match(value):
            raise ValueError(f"'{value}' is not a whole number")
        return int(value)
    if ftype == "boolean":
        if value.lower() not in ("true", "false"):
            raise ValueError(f"'{value}' is not true or false")
        return value.lower() == "true"
    if ftype == "date":
        if not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
            raise ValueError(f"'{value}' is not a date (YYYY-MM-DD)")
        return pd.Timestamp(value)
    raise ValueError(f"unsupported field type '{ftype}'")


def _check_cell(value, field: dict) -> str | None:
    cons = field.get("constraints", {})
    if "enum" in cons and value not in cons["enum"]:
        return f"'{value}' is not one of the allowed values {cons['enum']}"
    if "minimum" in cons and value < cons["minimum"]:
        return f"{value} is below the minimum {cons['minimum']}"
    if "maximum" in cons and value > cons["maximum"]:
        return f"{value} is above the maximum {cons['maximum']}"
    if "pattern" in cons and not re.fullmatch(cons["pattern"], str(value)):
        return f"'{value}' does not match the pattern {cons['pattern']}"
    return None


_PANDAS_TYPES = {"string": "object", "number": "float64", "integer": "Int64", "year": "Int64",
                 "boolean": "boolean", "date": "datetime64[ns]"}


def load(name: str, data_dir: Path | str = DATA_DIR) -> pd.DataFrame:
    """Return the dataset ``name`` as a typed DataFrame, or raise DataValidationError naming every problem.

    Rules: the header matches the schema exactly; each cell has the field's type and meets its constraints
    (required, enum, minimum, maximum, pattern); the primary key is unique; where a resource has several
    sources, each row's ``source_id`` names one of them.
    """
    data_dir = Path(data_dir)
    res = resource(name, data_dir)
    csv_path = data_dir / res["path"]
    where = f"{csv_path.relative_to(data_dir.parent) if data_dir.parent in csv_path.parents else csv_path}"
    problems = check_descriptor(res, f"{data_dir / PACKAGE_FILE}")
    fields = res.get("schema", {}).get("fields", [])
    names = [f["name"] for f in fields]
    try:
        raw = pd.read_csv(csv_path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8")
    except FileNotFoundError as err:
        raise DataValidationError(f"{where}: file not found (dataset '{name}')") from err
    except pd.errors.ParserError as err:
        raise DataValidationError(f"{where}: not a well-formed CSV ({err})") from err
    header = list(raw.columns)
    if header != names:
        missing = [n for n in names if n not in header]
        extra = [h for h in header if h not in names]
        problems.append(f"{where}: header does not match the schema (missing: {missing or 'none'}, "
                        f"not in schema: {extra or 'none'}, expected order: {names})")
        raise DataValidationError("\n".join(problems))
    source_ids = {s.get("id") for s in res.get("sources", [])}
    if len(source_ids) > 1 and "source_id" not in names:
        problems.append(f"{where}: dataset '{name}' has several sources, so every row needs a 'source_id'")
    columns: dict[str, list] = {n: [] for n in names}
    for i, row in enumerate(raw.itertuples(index=False), start=1):
        line = i + 1  # the header is line 1
        for field, cell in zip(fields, row, strict=True):
            text = cell.strip()
            label = f"{where}: row {i} (line {line}), field '{field['name']}'"
            if text == "":
                if field.get("constraints", {}).get("required"):
                    problems.append(f"{label}: a value is required")
                columns[field["name"]].append(None)
                continue
            try:
                value = _convert(text, field["type"])
            except ValueError as err:
                problems.append(f"{label}: {err} (type {field['type']})")
                columns[field["name"]].append(None)
                continue
            issue = _check_cell(value, field)
            if issue:
                problems.append(f"{label}: {issue}")
            if field["name"] == "source_id" and len(source_ids) > 1 and value not in source_ids:
                problems.append(f"{label}: '{value}' is not a source of this dataset {sorted(source_ids)}")
            if field["name"] == "verification" and value not in ALLOWED_VERIFICATION:
                problems.append(f"{label}: '{value}' is not allowed; only verified or secondary figures "
                                f"may be published")
            columns[field["name"]].append(value)
    key = res.get("schema", {}).get("primaryKey")
    if key:
        key = [key] if isinstance(key, str) else key
        seen: dict[tuple, int] = {}
        for i, values in enumerate(zip(*(columns[k] for k in key), strict=True), start=1):
            if values in seen:
                problems.append(f"{where}: row {i} (line {i + 1}), primary key {key}: {values} repeats row "
                                f"{seen[values]}")
            seen.setdefault(values, i)
    if problems:
        shown = problems[:MAX_REPORTED]
        more = f"\n... and {len(problems) - MAX_REPORTED} more" if len(problems) > MAX_REPORTED else ""
        raise DataValidationError(f"dataset '{name}' is invalid:\n" + "\n".join(shown) + more)
    frame = pd.DataFrame(columns)
    for field in fields:
        frame[field["name"]] = frame[field["name"]].astype(_PANDAS_TYPES[field["type"]])
    frame.attrs["resource"] = res
    return frame


def validate_all(data_dir: Path | str = DATA_DIR) -> list[str]:
    """Every problem in the whole data package (empty when it is valid): used by the build and the tests."""
    data_dir = Path(data_dir)
    try:
        package = datapackage(data_dir)
    except DataValidationError as err:
        return [str(err)]
    problems = []
    names = [r.get("name") for r in package.get("resources", [])]
    for dup in {n for n in names if names.count(n) > 1}:
        problems.append(f"{data_dir / PACKAGE_FILE}: dataset name '{dup}' is used twice")
    listed = {r.get("path") for r in package.get("resources", [])}
    for csv_file in sorted(data_dir.glob("*.csv")):
        if csv_file.name not in listed:
            problems.append(f"{csv_file}: not described in {PACKAGE_FILE}")
    for name in names:
        try:
            load(name, data_dir)
        except DataValidationError as err:
            problems.append(str(err))
    return problems


def source_line(name: str) -> str:
    """A short HTML source note for a dataset: its sources' titles as links, with their data years."""
    res = resource(name)
    parts = []
    for src in res["sources"]:
        href = src["path"] if src["path"].startswith("http") else f"https://doi.org/{src['path'][4:]}"
        parts.append(f'<a href="{href}">{_escape(src["title"])}</a> (data years {_escape(src["data_years"])})')
    return "; ".join(parts)


def _escape(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
