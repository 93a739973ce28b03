"""Load the course's datasets from ``data/datapackage.json``, refusing anything that breaks its schema.

Every number a reader sees comes through :func:`load`. Validation is driven by the Frictionless schema in
the data package, and every problem is reported with the file, the row and the field, so that a broken
file stops the build instead of silently dropping rows.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pandas as pd

from metastasis import DATA_DIR, REPO_ROOT

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
    book_dir = Path(where).parent.parent / "book"
    for chapter in res.get("chapters") or []:
        if not (book_dir / f"{chapter}.md").exists():
            problems.append(f"{where}: resource '{res.get('name')}', chapters: '{chapter}' is not a page of the book "
                            f"(no book/{chapter}.md)")
    for field in (res.get("schema") or {}).get("fields", []):
        for key in ("name", "type", "title", "description"):
            if not field.get(key):
                problems.append(f"{where}: resource '{res.get('name')}', field {field.get('name', '?')} "
                                f"has no '{key}'")
    return problems


_PANDAS_TYPES = {"string": "object", "number": "float64", "integer": "Int64", "year": "Int64",
                 "boolean": "boolean", "date": "datetime64[ns]"}


# Frictionless takes seconds to import and to check a table, so a table that passed is recorded by a hash of its
# bytes and its schema: the build validates every table once, and notebook kernels reuse the verdict.
VALIDATED_DIR = REPO_ROOT / "_build" / ".validated-data"


def _fingerprint(res: dict, csv_path: Path) -> str:
    digest = hashlib.sha256(json.dumps(res.get("schema", {}), sort_keys=True).encode())
    digest.update(csv_path.read_bytes())
    return digest.hexdigest()


def _table_problems(res: dict, csv_path: Path, where: str) -> list[str]:
    """Types, constraints (required, enum, minimum, maximum, pattern) and the primary key, checked by Frictionless
    against the resource's Table Schema; each problem names the file, row, field and rule."""
    stamp = VALIDATED_DIR / _fingerprint(res, csv_path)
    if stamp.exists():
        return []
    problems = _frictionless_problems(res, csv_path, where)
    if not problems:
        VALIDATED_DIR.mkdir(parents=True, exist_ok=True)
        stamp.touch()
    return problems


def _frictionless_problems(res: dict, csv_path: Path, where: str) -> list[str]:
    from frictionless import Resource, Schema

    table = Resource(path=csv_path.name, basepath=str(csv_path.parent), schema=Schema.from_descriptor(res["schema"]))
    problems = []
    for error in table.validate().flatten(["type", "rowNumber", "fieldName", "cell", "note", "message"]):
        kind, line, field, cell, note, message = error
        label = f"{where}: row {line - 1} (line {line}), field '{field}'" if line else f"{where}"
        if kind == "type-error":
            ftype = next(f["type"] for f in res["schema"]["fields"] if f["name"] == field)
            problems.append(f"{label}: '{cell}' is not a {ftype} (rule: type {ftype})")
        elif kind == "constraint-error" and '"required"' in note:
            problems.append(f"{label}: a value is required")
        elif kind == "constraint-error":
            rule, _, limit = note.removeprefix('constraint "').partition('" is ')
            problems.append(f"{label}: '{cell}' breaks the rule '{rule}' ({rule} is {limit})")
        elif kind in ("primary-key", "unique-error"):
            key = res["schema"].get("primaryKey")
            problems.append(f"{where}: row {line - 1} (line {line}), primary key {key}: {note}")
        else:
            problems.append(f"{label}: {message}")
    return problems


def _typed(raw: pd.DataFrame, fields: list[dict]) -> pd.DataFrame:
    """The validated text table as typed columns (empty cells become missing values)."""
    frame = pd.DataFrame(index=raw.index)
    for field in fields:
        text = raw[field["name"]].str.strip().replace("", None)
        kind = field["type"]
        if kind == "number":
            frame[field["name"]] = pd.to_numeric(text).astype("float64")
        elif kind in ("integer", "year"):
            frame[field["name"]] = pd.to_numeric(text).astype("Int64")
        elif kind == "boolean":
            frame[field["name"]] = text.map(lambda v: None if v is None else v.lower() == "true").astype("boolean")
        elif kind == "date":
            frame[field["name"]] = pd.to_datetime(text)
        else:
            frame[field["name"]] = text.astype(_PANDAS_TYPES["string"])
    return frame


def load(name: str, data_dir: Path | str = DATA_DIR) -> pd.DataFrame:
    """Return the dataset ``name`` as a typed DataFrame, or raise DataValidationError naming every problem.

    Rules: the header matches the schema exactly; Frictionless checks each cell's type and constraints and the
    primary key; the course adds its own: where a resource has several sources, each row's ``source_id`` names
    one of them, and only figures verified or from a named secondary source may be published.
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
    problems += _table_problems(res, csv_path, where)
    source_ids = {s.get("id") for s in res.get("sources", [])}
    if len(source_ids) > 1 and "source_id" not in names:
        problems.append(f"{where}: dataset '{name}' has several sources, so every row needs a 'source_id'")
    for i, row in enumerate(raw.to_dict("records"), start=1):
        label = f"{where}: row {i} (line {i + 1})"
        if len(source_ids) > 1 and row.get("source_id", "").strip() not in source_ids:
            problems.append(f"{label}, field 'source_id': '{row.get('source_id')}' is not a source of this "
                            f"dataset {sorted(source_ids)}")
        if "verification" in row and row["verification"].strip() not in ALLOWED_VERIFICATION:
            problems.append(f"{label}, field 'verification': '{row['verification']}' is not allowed; only "
                            f"{' or '.join(ALLOWED_VERIFICATION)} figures may be published")
    if problems:
        shown = problems[:MAX_REPORTED]
        more = f"\n... and {len(problems) - MAX_REPORTED} more" if len(problems) > MAX_REPORTED else ""
        raise DataValidationError(f"dataset '{name}' is invalid:\n" + "\n".join(shown) + more)
    frame = _typed(raw, fields)
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
    from metastasis.core import sources

    return sources.links(resource(name)["sources"], years=True)


def verification_counts(name: str, data_dir: Path | str = DATA_DIR) -> dict[str, int]:
    """How many rows of a dataset carry each verification level (``verified``, ``secondary``)."""
    frame = load(name, data_dir)
    if "verification" not in frame.columns:
        raise DataValidationError(f"dataset '{name}' has no 'verification' column")
    counts = frame["verification"].value_counts().to_dict()
    return {level: int(counts.get(level, 0)) for level in ALLOWED_VERIFICATION}


def verification_sentence(name: str, original: str, copy: str, rows: str = "rows",
                          data_dir: Path | str = DATA_DIR) -> str:
    """One plain sentence, computed from the rows, saying what share of a dataset was checked on the original.

    ``original`` and ``copy`` name what "verified" and "secondary" mean for this dataset, e.g. "the SEER pages
    themselves" and "another publication of the same SEER statistics". Pages show this instead of typing a share
    that could go stale.
    """
    counts = verification_counts(name, data_dir)
    total = sum(counts.values())
    verified, secondary = counts["verified"], counts["secondary"]
    share = round(100 * verified / total) if total else 0
    sentence = f"Of the {total} {rows} behind these numbers, {verified} ({share}%) were checked against {original}"
    if secondary:
        sentence += f"; the other {secondary} were checked against {copy}"
    frame = load(name, data_dir)
    if "checked_on" in frame.columns and frame["checked_on"].notna().any():
        sentence += f", last compared in {frame['checked_on'].max():%B %Y}"
    return sentence + "."


def seer_verification_sentence(data_dir: Path | str = DATA_DIR) -> str:
    """The SEER table's verification share in words, for every page that shows SEER numbers."""
    return verification_sentence("seer_stage_survival", original="the SEER pages themselves",
                                 copy="another publication of the same SEER statistics",
                                 rows="rows (one per cancer and stage)",
                                 data_dir=data_dir)
