"""The numbers the chapter's prose quotes, computed from the data (the notebook glues them)."""

from __future__ import annotations

from metastasis.chapters.survival_and_prognosis.common import DAYS_PER_MONTH
from metastasis.chapters.survival_and_prognosis.kaplan_meier import km_explorer
from metastasis.core import data


def prose_numbers() -> dict[str, float | int]:
    """Every number the chapter's prose quotes, computed from the data, by name: the notebook glues them and the
    text inserts them (``{glue:text}`name:.1f```), so the prose cannot drift from the data."""
    from lifelines import KaplanMeierFitter

    medians = km_explorer().table.set_index(["Grouping", "Group"])["Median (months)"]
    censor = medians.loc["NCCTG: drop censored?"].tolist()
    va, ncctg = data.load("va_lung_trial"), data.load("ncctg_lung")
    high, low = va[va["karnofsky_score"] >= 60], va[va["karnofsky_score"] < 60]
    high_median_days = KaplanMeierFitter().fit(high["time_days"], high["died"]).median_survival_time_
    months = va["time_days"] / DAYS_PER_MONTH
    everyone = float(KaplanMeierFitter().fit(months, va["died"]).median_survival_time_)
    return {
        "va_karnofsky_high_median": float(medians.loc[("VA: Karnofsky score", "Karnofsky 60 or higher")]),
        "va_karnofsky_low_median": float(medians.loc[("VA: Karnofsky score", "Karnofsky below 60")]),
        "ncctg_ecog0_median": float(medians.loc[("NCCTG: ECOG score", "ECOG 0 (fully active)")]),
        "ncctg_ecog1_median": float(medians.loc[("NCCTG: ECOG score", "ECOG 1")]),
        "ncctg_ecog23_median": float(medians.loc[("NCCTG: ECOG score", "ECOG 2-3")]),
        "prostate_stage4_median": float(medians.loc[("Prostate: stage", "Stage 4 (distant spread)")]),
        "prostate_stage3_median": float(medians.loc[("Prostate: stage", "Stage 3 (no distant spread)")]),
        "prostate_bone_median": float(medians.loc[("Prostate: bone metastases", "Bone metastases")]),
        "prostate_no_bone_median": float(medians.loc[("Prostate: bone metastases", "No bone metastases")]),
        "ncctg_censored_kept_median": float(censor[0]),
        "ncctg_censored_dropped_median": float(censor[1]),
        "va_test_arm_median": float(medians.loc[("VA: treatment arm", "Test treatment")]),
        "va_standard_arm_median": float(medians.loc[("VA: treatment arm", "Standard treatment")]),
        "va_low_beyond_high_median": int((low["time_days"] > high_median_days).sum()),
        "va_low_count": len(low),
        "prostate_median_age": float(data.load("prostate_trial")["age_years"].median()),
        "va_median_months": everyone,
        "va_count": len(va),
        "va_beyond_twice_median": int((months > 2 * everyone).sum()),
        "va_longest_followup_months": float(months.max()),
        "va_followup_multiple": int(months.max() // everyone),
        "va_died": int(va["died"].sum()),
        "ncctg_count": len(ncctg),
        "ncctg_censored": int((ncctg["died"] == 0).sum()),
    }
