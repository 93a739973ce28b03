"""Patient-level trial data and their Kaplan-Meier fits (lifelines), shared by the survival figures."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from lifelines import KaplanMeierFitter

from metastasis.chapters.survival_and_prognosis.common import DAYS_PER_MONTH
from metastasis.core import data

DATASETS = {
    "va_lung_trial": {"label": "VA lung cancer trial", "time": "time_days", "unit": "days", "x_max": 34,
                      "at_risk": [0, 6, 12, 18, 24, 30]},
    "ncctg_lung": {"label": "NCCTG advanced lung cancer study", "time": "time_days", "unit": "days", "x_max": 34,
                   "at_risk": [0, 6, 12, 18, 24, 30]},
    "prostate_trial": {"label": "Byar and Green prostate cancer trial", "time": "time_months", "unit": "months",
                       "x_max": 77, "at_risk": [0, 12, 24, 36, 48, 60, 72]},
}
# Columns a reader may group by in the live panel (time, event and provenance columns are not groupings).
NOT_GROUPINGS = {"patient_id", "time_days", "time_months", "died", "source_id", "verification"}
CELL_TYPES = {"squamous": "Squamous cell", "smallcell": "Small cell", "adeno": "Adenocarcinoma",
              "large": "Large cell"}
# Raw columns that patient_data also gives in words: the live panel groups by the worded column.
WORDED = {"va_lung_trial": {"cell_type": "cell_type_label", "treatment": "treatment_label"},
          "ncctg_lung": {"sex": "sex_label"},
          "prostate_trial": {"bone_metastases": "bone_label", "stage": "stage_label"}}


def column_titles(dataset: str) -> dict[str, str]:
    """The human title of each column (from the data package), for menus and group labels."""
    return {f["name"]: f.get("title", f["name"]) for f in data.resource(dataset)["schema"]["fields"]}


def grouping_options(dataset: str) -> list[tuple[str, str]]:
    """The (title, column) pairs a reader may group ``dataset`` by: time, event and provenance columns are not
    groupings; a column that has a worded version is grouped by that."""
    titles = column_titles(dataset)
    return [(titles[c], WORDED[dataset].get(c, c)) for c in titles if c not in NOT_GROUPINGS]


def patient_data(dataset: str) -> pd.DataFrame:
    """A patient-level dataset with the derived groupings used in the figures and time in months."""
    frame = data.load(dataset).copy()
    spec = DATASETS[dataset]
    time = frame[spec["time"]].astype(float)
    frame["months"] = time / DAYS_PER_MONTH if spec["unit"] == "days" else time
    frame["everyone"] = f"Everyone ({len(frame)} people)"
    if dataset == "va_lung_trial":
        frame["karnofsky_group"] = np.where(frame["karnofsky_score"] >= 60, "Karnofsky 60 or higher",
                                            "Karnofsky below 60")
        frame["cell_type_label"] = frame["cell_type"].map(CELL_TYPES)
        frame["treatment_label"] = frame["treatment"].map({"standard": "Standard treatment",
                                                           "test": "Test treatment"})
    if dataset == "ncctg_lung":
        ecog = frame["ecog_physician"].astype("float").fillna(-1).to_numpy()
        labels = np.select([ecog == 0, ecog == 1, ecog >= 2], ["ECOG 0 (fully active)", "ECOG 1", "ECOG 2-3"],
                           default="")
        frame["ecog_group"] = pd.Series(labels, index=frame.index, dtype=object).replace("", None)
        frame["sex_label"] = frame["sex"].map({"male": "Men", "female": "Women"})
    if dataset == "prostate_trial":
        frame["bone_label"] = frame["bone_metastases"].map({0: "No bone metastases", 1: "Bone metastases"})
        frame["stage_label"] = frame["stage"].map({3: "Stage 3 (no distant spread)", 4: "Stage 4 (distant spread)"})
    frame.attrs["titles"] = column_titles(dataset)
    return frame


def group_labels(frame: pd.DataFrame, column: str) -> pd.Series:
    """Labels that split ``frame`` into groups: categories as they are; many-valued numbers at their median."""
    values = frame[column]
    title = frame.attrs.get("titles", {}).get(column, column)
    if pd.api.types.is_numeric_dtype(values) and values.dropna().nunique() > 6:
        values = values.astype(float)
        cut = float(values.median())
        label = f"{title} below {cut:g}", f"{title} {cut:g} or more"
        return pd.Series(np.where(values.isna(), None, np.where(values < cut, label[0], label[1])),
                         index=frame.index)
    return values.map(lambda v: None if pd.isna(v) else (v if isinstance(v, str) else f"{title}: {v:g}"))


@dataclass
class GroupFit:
    """One group's Kaplan-Meier fit (lifelines) and the numbers shown for it."""

    label: str
    fitter: KaplanMeierFitter
    durations: pd.Series
    events: pd.Series

    @property
    def median(self) -> float:
        return float(self.fitter.median_survival_time_)

    def at_risk(self, t: float) -> int:
        """People still followed (neither dead nor censored) just before time ``t``."""
        return int((self.durations >= t).sum())


def fit_groups(frame: pd.DataFrame, column: str = "everyone", *, drop_censored: bool = False,
               order: list[str] | None = None) -> list[GroupFit]:
    """Kaplan-Meier fits (lifelines) per group of ``column``, time in months. Rows without a label are left out.

    ``drop_censored=True`` removes everyone whose follow-up ended without death before fitting: the mistake
    the chapter warns about (it makes survival look worse than it is).
    """
    labels = frame[column] if column in frame and frame[column].dtype == object else group_labels(frame, column)
    work = frame.assign(_group=labels).dropna(subset=["_group"])
    if drop_censored:
        work = work[work["died"] == 1]
    groups = order or sorted(work["_group"].unique(), key=str)
    fits = []
    for label in groups:
        sub = work[work["_group"] == label]
        if sub.empty:
            continue
        kmf = KaplanMeierFitter(label=str(label)).fit(sub["months"], event_observed=sub["died"].astype(bool))
        fits.append(GroupFit(str(label), kmf, sub["months"].reset_index(drop=True),
                             sub["died"].astype(int).reset_index(drop=True)))
    return fits


def km_summary(fits: list[GroupFit], at_months=(6, 12)) -> pd.DataFrame:
    """The numbers behind the curves: people, deaths, censored, median (95% CI) and survival at set times."""
    from lifelines.utils import median_survival_times

    rows = []
    for f in fits:
        ci = median_survival_times(f.fitter.confidence_interval_)
        lo, hi = (float(v) for v in ci.iloc[0])
        row = {"Group": f.label, "People": len(f.durations), "Deaths": int(f.events.sum()),
               "Censored": int((f.events == 0).sum()),
               "Median (months)": _round(f.median), "Median 95% CI, lower": _round(lo),
               "Median 95% CI, upper": _round(hi)}
        for m in at_months:
            row[f"Alive at {m} months (%)"] = round(100 * float(f.fitter.survival_function_at_times(m).iloc[0]), 1)
        rows.append(row)
    return pd.DataFrame(rows)


def _round(value: float) -> float | None:
    return None if not np.isfinite(value) else round(value, 1)


def _steps(times: np.ndarray, values: np.ndarray) -> tuple[list, list]:
    """The corners of a right-continuous step function, for drawing a band as one closed polygon."""
    xs, ys = [], []
    for i, (t, v) in enumerate(zip(times, values, strict=True)):
        if i:
            xs.append(t)
            ys.append(ys[-1])
        xs.append(t)
        ys.append(v)
    return xs, ys
