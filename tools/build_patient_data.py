"""Write the two patient-level survival datasets of chapter 4 into data/ (run by hand; not needed to build the book).

The rows are exactly the data that ship inside two PyPI packages (the tests check this when the packages are
installed). Only column names and category labels are made plain; no row is dropped or changed.

- ``va_lung_trial.csv``: the Veterans' Administration lung cancer trial (Kalbfleisch & Prentice 1980/2002),
  from scikit-survival's ``load_veterans_lung_cancer()`` (same data as R ``survival::veteran``).
- ``prostate_trial.csv``: the Byar & Green prostate cancer trial (stage 3 or 4; bone-metastasis flag), from
  SurvSet's ``prostate`` data (SurvSet ships the Vanderbilt Biostatistics copy of the data as a pickle). SurvSet
  is a 47 MB wheel, so it is used only here, never at run time.
- ``ncctg_lung.csv``: the North Central Cancer Treatment Group advanced lung cancer cohort (Loprinzi et al.
  1994), from lifelines' ``load_lung()`` (same data as R ``survival::lung``; status already 0/1).

Usage: python tools/build_patient_data.py [data_dir]   (needs scikit-survival, lifelines and SurvSet)
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

VA_SOURCE = "kalbfleisch-prentice"
NCCTG_SOURCE = "loprinzi-1994"
PROSTATE_SOURCE = "byar-green-1980"


def va_lung_frame() -> pd.DataFrame:
    from sksurv.datasets import load_veterans_lung_cancer

    X, y = load_veterans_lung_cancer()
    frame = pd.DataFrame({
        "patient_id": range(1, len(X) + 1),
        "treatment": X["Treatment"].astype(str).values,
        "cell_type": X["Celltype"].astype(str).values,
        "karnofsky_score": X["Karnofsky_score"].astype(int).values,
        "months_from_diagnosis": X["Months_from_Diagnosis"].astype(int).values,
        "age_years": X["Age_in_years"].astype(int).values,
        "prior_therapy": X["Prior_therapy"].astype(str).values,
        "time_days": y["Survival_in_days"].astype(int),
        "died": y["Status"].astype(int),
    })
    frame["source_id"] = VA_SOURCE
    frame["verification"] = "verified"
    return frame


def ncctg_lung_frame() -> pd.DataFrame:
    from lifelines.datasets import load_lung

    raw = load_lung()

    def whole(col):
        return raw[col].astype("Int64")

    frame = pd.DataFrame({
        "patient_id": range(1, len(raw) + 1),
        "institution": whole("inst"),
        "time_days": raw["time"].astype(int),
        "died": raw["status"].astype(int),
        "age_years": raw["age"].astype(int),
        "sex": raw["sex"].map({1: "male", 2: "female"}),
        "ecog_physician": whole("ph.ecog"),
        "karnofsky_physician": whole("ph.karno"),
        "karnofsky_patient": whole("pat.karno"),
        "meal_calories": whole("meal.cal"),
        "weight_loss_lb": whole("wt.loss"),
    })
    frame["source_id"] = NCCTG_SOURCE
    frame["verification"] = "verified"
    return frame


def prostate_trial_frame() -> pd.DataFrame:
    from SurvSet.data import SurvLoader

    raw = SurvLoader().load_dataset(ds_name="prostate")["df"]
    frame = pd.DataFrame({
        "patient_id": raw["pid"].astype(int) + 1,
        "stage": raw["fac_stage"].astype(int),
        "bone_metastases": raw["fac_bm"].astype(int),
        "treatment": raw["fac_rx"].astype(str).str.replace(" estrogen", " mg DES".replace(" mg", ""), regex=False),
        "performance": raw["fac_pf"].astype(str),
        "age_years": raw["num_age"].round().astype("Int64"),
        "time_months": raw["time"].astype(int),
        "died": raw["event"].astype(int),
    })
    frame["source_id"] = PROSTATE_SOURCE
    frame["verification"] = "verified"
    return frame


def main(data_dir: Path) -> None:
    va_lung_frame().to_csv(data_dir / "va_lung_trial.csv", index=False)
    ncctg_lung_frame().to_csv(data_dir / "ncctg_lung.csv", index=False)
    prostate_trial_frame().to_csv(data_dir / "prostate_trial.csv", index=False)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "data")
