"""Chapter 6's two datasets (evidence_claims, milestones): every value typed once, next to its source.

    python tools/build_research_data.py          # rewrite data/evidence_claims.csv and data/milestones.csv
    python tools/build_research_data.py --check  # also check that data/datapackage.json holds these resources

Nothing is computed. The resource entries built here are the ones appended to data/datapackage.json.
"""
import csv
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "data"
ACCESSED = "2026-11-25"

# ----------------------------------------------------------------------------------------------------------------
# Sources (shared by both datasets; each resource lists only the ones its rows use)
# ----------------------------------------------------------------------------------------------------------------
SOURCES = {
    "paget1889": {
        "title": ("Paget S. The distribution of secondary growths in cancer of the breast. "
                  "Lancet 1889;133(3421):571-573"),
        "authors": "Paget S", "path": "https://doi.org/10.1016/S0140-6736(00)49915-0", "data_years": "1889",
        "verification": ("secondary: read on copies of Wikipedia's summary of the paper (en.wikipedia.org and a "
                         "mirror), which quote it; original Lancet text not seen; DOI as in the course's chapter 2 "
                         "(not checked)")},
    "frisch1994": {
        "title": "Frisch SM, Francis H. Disruption of epithelial cell-matrix interactions induces apoptosis. "
                 "J Cell Biol 1994;124(4):619-626",
        "authors": "Frisch SM, Francis H", "path": "https://doi.org/10.1083/jcb.124.4.619", "data_years": "1994",
        "verification": "verified: abstract on the PMC page (PMC2119917) and the PubMed record"},
    "reyes2015": {
        "title": ("Reyes DK, Pienta KJ. The biology and treatment of oligometastatic cancer. "
                  "Oncotarget 2015;6:8491-8524"),
        "authors": "Reyes DK, Pienta KJ", "path": "https://doi.org/10.18632/oncotarget.3455",
        "data_years": "1995 (history)",
        "verification": "verified: PMC full text (PMC4496163): 'Hellman first proposed the theory of oligometastases "
                        "in "
                        "1995'; the 1995 editorial itself (Hellman and Weichselbaum, J Clin Oncol) was not read"},
    "cristofanilli2004": {
        "title": "Cristofanilli M et al. Circulating tumor cells, disease progression, and survival in metastatic "
                 "breast cancer. N Engl J Med 2004;351(8):781-791",
        "authors": "Cristofanilli M et al.", "path": "https://pubmed.ncbi.nlm.nih.gov/15317891/", "data_years": "2004",
        "verification": ("verified: data dossier cascade_inefficiency.csv (abstract on a stored copy of the PubMed "
                         "record)")},
    "nci2004bev": {
        "title": "NCI Cancer Bulletin, 2 March 2004: First anti-angiogenesis drug approved by FDA",
        "authors": "National Cancer Institute",
        "path": "http://www.cancer.gov/aboutnci/ncicancerbulletin/archive/2004/030204/page5", "data_years": "2004",
        "verification": "verified: stored copy of the cancer.gov archive page"},
    "kaplan2005": {
        "title": "Kaplan RN et al. VEGFR1-positive haematopoietic bone marrow progenitors initiate the pre-metastatic "
                 "niche. Nature 2005;438:820-827",
        "authors": "Kaplan RN et al.", "path": "https://doi.org/10.1038/nature04186", "data_years": "2005",
        "verification": "secondary: the year and finding are stated on the NCI press release of 24 March 2021 "
                        "(cancer.gov, read); the Nature article itself was not opened in this session"},
    "nrdd2010sipuleucel": {
        "title": "Higano CS et al. Sipuleucel-T. Nat Rev Drug Discov 2010 (drug approval note)",
        "authors": "Higano CS, Small EJ, Schellhammer P, et al.", "path": "https://www.nature.com/articles/nrd3220",
        "data_years": "2010",
        "verification": "verified: nature.com page: 'In April 2010, sipuleucel-T ... an autologous cellular "
                        "immunotherapy, was approved by the US FDA ... the first therapeutic cancer vaccine to receive "
                        "FDA approval'"},
    "fda2011ipilimumab": {
        "title": "FDA news release on the approval of ipilimumab (Yervoy) for late-stage melanoma, 25 March 2011",
        "authors": "US Food and Drug Administration", "path": "https://www.fda.gov/news-events/press-announcements",
        "data_years": "2011",
        "verification": "secondary: the release's quotation ('Yervoy is the first therapy approved by the FDA to "
                        "clearly demonstrate that patients with metastatic melanoma live longer') read on "
                        "drugstorenews.com (25 Mar 2011) and the Associated Press report (mercurynews.com); fda.gov "
                        "page not in the store"},
    "gerlinger2012": {
        "title": "Gerlinger M et al. Intratumor heterogeneity and branched evolution revealed by multiregion "
                 "sequencing. N Engl J Med 2012;366(10):883-892",
        "authors": "Gerlinger M et al.", "path": "https://doi.org/10.1056/NEJMoa1113205", "data_years": "2012",
        "verification": "secondary: title, authors and journal read on a proxied copy of the PMC author manuscript "
                        "(PMC4878653) and a university publication record dated March 2012"},
    "ebctcg2015": {
        "title": "Early Breast Cancer Trialists' Collaborative Group (EBCTCG). Adjuvant bisphosphonate treatment in "
                 "early breast cancer: meta-analyses of individual patient data from randomised trials. "
                 "Lancet 2015;386(10001):1353-1361",
        "authors": "EBCTCG", "path": "https://doi.org/10.1016/S0140-6736(15)60908-4", "data_years": "trials to 2015",
        "verification": "verified: summary on the Lancet article page"},
    "hosseini2016": {
        "title": "Hosseini H et al. Early dissemination seeds metastasis in breast cancer. Nature 2016;540:552-558",
        "authors": "Hosseini H et al.", "path": "https://doi.org/10.1038/nature20785", "data_years": "2016",
        "verification": "verified: abstract on nature.com"},
    "lemery2017": {
        "title": "Lemery S, Keegan P, Pazdur R. First FDA approval agnostic of cancer site - when a biomarker defines "
                 "the indication. N Engl J Med 2017",
        "authors": "Lemery S, Keegan P, Pazdur R", "path": "https://doi.org/10.1056/NEJMp1709968", "data_years": "2017",
        "verification": "secondary: the article's summary read on two bibliographic copies (acemap.info; "
                        "maestrodatabase.com, 11 Oct 2017); 23 May 2017 date and 2023 full approval from the data "
                        "dossier (therapies.csv, verified row); 15 cancer types from Jorgensen, Ann Transl Med 2019 "
                        "(atm.amegroups.com); DOI from the course syllabus, not checked"},
    "ons2017kymriah": {
        "title": "Oncology Nursing Society: FDA approves tisagenlecleucel for B-cell ALL and tocilizumab for cytokine "
                 "release syndrome (2017)",
        "authors": "Oncology Nursing Society",
        "path": "http://prod-www.ons.org/articles/fda-approves-tisagenlecleucel-b-cell-all-tocilizumab-cytokine-release-syndrome",
        "data_years": "2017",
        "verification": "verified: data dossier therapies.csv (first CAR-T approved by FDA, 30 Aug 2017)"},
    "fda2018apalutamide": {
        "title": "FDA statement on the approval of apalutamide (Erleada) for non-metastatic castration-resistant "
                 "prostate cancer, February 2018 (SPARTAN trial)",
        "authors": "US Food and Drug Administration", "path": "https://www.fda.gov/news-events/press-announcements",
        "data_years": "2018",
        "verification": "secondary: read in MDedge (Hematology News) and Medscape (copy on chemdiv.com) reports that "
                        "quote the FDA statement ('the first FDA approval based on the endpoint of metastasis-free "
                        "survival'); 1,207 men, median MFS 40.5 vs 16.2 months; fda.gov page not in the store"},
    "palma2020": {
        "title": "Palma DA et al. Stereotactic ablative radiotherapy for the comprehensive treatment of "
                 "oligometastatic cancers: long-term results of the SABR-COMET phase II randomized trial. "
                 "J Clin Oncol 2020;38(25):2830-2838",
        "authors": "Palma DA, Olson R, Harrow S, et al.", "path": "https://doi.org/10.1200/JCO.20.00818",
        "data_years": "enrolled 2012-2016",
        "verification": "verified: data dossier key_figures.csv K18 (PMC full text PMC7460150)"},
    "ncigemy2021": {
        "title": "NCI press release, 24 March 2021: Engineered immune cells deliver anticancer signal, prevent cancer "
                 "from spreading",
        "authors": "National Cancer Institute",
        "path": "https://www.cancer.gov/news-events/press-releases/2021/engineered-myeloid-cells-prevent-cancer-spread",
        "data_years": "2021",
        "verification": "secondary: opening read on cancer.gov (mouse study; shrank tumors and prevented spread); the "
                        "rest of the release (lungs, survival, pancreatic model, planned safety trial) read on "
                        "verbatim copies (EurekAlert, mypharmacynews.com); findings match the Cell abstract "
                        "(Kaczanowska et al. 2021, read on a library record of PMID 33765443)"},
    "majzner2022": {
        "title": "Majzner RG et al. GD2-CAR T cell therapy for H3K27M-mutated diffuse midline gliomas. Nature 2022",
        "authors": "Majzner RG, Ramakrishna S, Yeom KW, et al.", "path": "https://doi.org/10.1038/s41586-022-04489-4",
        "data_years": "2022",
        "verification": "verified: article page on nature.com (first-in-human phase I trial NCT04196413; primary "
                        "objectives feasibility, safety, maximum tolerated dose; clinical activity secondary)"},
    "tie2022": {
        "title": "Tie J et al. Circulating tumor DNA analysis guiding adjuvant therapy in stage II colon cancer "
                 "(DYNAMIC). N Engl J Med 2022;386:2261-2272",
        "authors": "Tie J, Cohen JD, Lahouel K, et al.", "path": "https://doi.org/10.1056/NEJMoa2200075",
        "data_years": "randomized 2015-2019",
        "verification": "secondary: ASCO 2022 abstract LBA100 on a conference copy (455 randomized, 302 vs 153; "
                        "adjuvant chemotherapy 15.3% vs 27.9%; non-inferior 2-year recurrence-free survival); 5-year "
                        "results (88% vs 87%) on a PubMed copy of Tie et al., Nat Med 2025 (doi:10.1038/s41591-025-"
                        "03579-w); the NEJM DOI is from memory and not checked"},
    "fdalifileucel": {
        "title": "FDA news release, 16 February 2024: FDA approves first cellular therapy to treat patients with "
                 "unresectable or metastatic melanoma (Amtagvi, lifileucel)",
        "authors": "US Food and Drug Administration", "path": "https://www.fda.gov/news-events/press-announcements",
        "data_years": "2024",
        "verification": "secondary: release text on a syndicated copy (htsyndication.com); FDA's notice of the "
                        "accelerated approval (73 people, objective response rate 31.5%, single-arm trial, boxed "
                        "warning) reprinted on jnccn360.org; FDA approval summary read on a copy (arxivlens.com)"},
    "fdaafamicel": {
        "title": "FDA news release, 2 August 2024: FDA approves first gene therapy to treat adults with metastatic "
                 "synovial sarcoma (Tecelra, afamitresgene autoleucel)",
        "authors": "US Food and Drug Administration", "path": "https://www.fda.gov/news-events/press-announcements",
        "data_years": "2024",
        "verification": "secondary: date and 'first FDA-approved T cell receptor (TCR) gene therapy' on "
                        "maestrodatabase.com and oncologytube.com; phase 2 trial of 44 people with a 43% response "
                        "rate on the ACGT Foundation page (5 Aug 2024); fda.gov page not in the store"},
    "wolchok2025": {
        "title": "Wolchok JD et al. Final, 10-year outcomes with nivolumab plus ipilimumab in advanced melanoma. "
                 "N Engl J Med 2025;392(1):11-22",
        "authors": "Wolchok JD et al.", "path": "https://doi.org/10.1056/NEJMoa2407417",
        "data_years": "minimum follow-up about 10 years (epub 15 Sep 2024)",
        "verification": "secondary: citation and design on a PubMed copy (PMID 39282897); median overall survival "
                        "71.9 / 36.9 / 19.9 months in news summaries (mdlalibrary, uchub360); 945 people from the data "
                        "dossier (K04)"},
    "nihloris2024": {
        "title": "NIH news release, 3 June 2024: AI tool predicts response to cancer therapy (LORIS, published in "
                 "Nature Cancer)",
        "authors": "National Institutes of Health",
        "path": "https://www.nih.gov/node/244621",
        "data_years": "2024",
        "verification": "secondary: opening of an archived copy of the nih.gov page (git.lsit.ucsb.edu nih-gov "
                        "mirror) and syndicated copies of the release (labmedica.com, oxfordglobal.com): "
                        "proof-of-concept; 2,881 people treated with checkpoint inhibitors, 18 solid tumor types; "
                        "researchers call for larger prospective studies. The path is the nih.gov node the archived "
                        "copy was taken from"},
    "qi2025": {
        "title": "Qi C et al. Claudin-18 isoform 2-specific CAR T-cell therapy (satri-cel) versus treatment of "
                 "physician's choice for previously treated advanced gastric or gastro-oesophageal junction cancer "
                 "(CT041-ST-01): a randomised, open-label, phase 2 trial. Lancet 2025",
        "authors": "Qi C, Liu C, Peng Z, et al.", "path": "https://doi.org/10.1016/S0140-6736(25)00860-8",
        "data_years": "randomized 2022-2024",
        "verification": "secondary: abstract on the PubMed record (PMID 40460847; 156 randomized 2:1); median "
                        "progression-free survival 3.25 vs 1.77 months in news reports (cancerconnect.com, "
                        "medwireNews copy)"},
    "demichele2025": {
        "title": "DeMichele A et al. Targeting dormant tumor cells to prevent recurrent breast cancer: a randomized "
                 "phase 2 trial (CLEVER). Nat Med 2025",
        "authors": "DeMichele A, Clark AS, Shea E, et al.", "path": "https://doi.org/10.1038/s41591-025-03877-3",
        "data_years": "2025 (median follow-up 42 months)",
        "verification": "secondary: abstract on two copies (arxivlens.com, booksci.cn) and the Penn Medicine trial "
                        "page: 51 survivors with bone-marrow DTCs; primary endpoints feasibility and safety"},
    "bidard2025": {
        "title": "Bidard F-C et al. First-line camizestrant for emerging ESR1-mutated advanced breast cancer "
                 "(SERENA-6). N Engl J Med 2025",
        "authors": "Bidard F-C, Turner NC, et al.", "path": "https://doi.org/10.1056/NEJMoa2502929",
        "data_years": "2025",
        "verification": "secondary: DOI from the reference list of a Nat Rev Clin Oncol commentary (nature.com "
                        "preview); design and results (3,256 monitored, 315 randomized, median PFS 16.0 vs 9.2 months, "
                        "phase III) in medwireNews and iccnconnect reports; 'not yet approved by the FDA' on "
                        "breastcancer.org (1 June 2025)"},
}

# ----------------------------------------------------------------------------------------------------------------
# Dataset 9: evidence_claims
# ----------------------------------------------------------------------------------------------------------------
RUNGS = {
    1: "Lab: cells or organoids",
    2: "Animals",
    3: "First in humans (phase I)",
    4: "Early results in patients (phase II)",
    5: "Randomized phase III",
    6: "Approved by a regulator",
}

CLAIMS = [
    # claim_id, label (short, for the menu), claim, rung, year, study, why, next_step, source, source_id,
    # verification
    ("anoikis_1994", "Anoikis in lab cells (1994)", "Cells that lose their anchor die (anoikis)", 1, 1994,
     "Epithelial cells grown in dishes died when they were detached from the material they normally cling to. "
     "The authors named this anoikis.",
     "Cells in a dish, not in a body. It helps explain why most escaping cancer cells fail, but it is a biology "
     "finding, not a treatment.",
     "Show the same process in animals and in human tumors before building a treatment on it.",
     "Frisch and Francis, J Cell Biol 1994", "frisch1994", "verified"),
    ("niche_2005", "Pre-metastatic niche (2005)",
     "Bone-marrow cells prepare a niche before cancer cells arrive", 2, 2005,
     "In mice, cells from the bone marrow gathered in future sites of spread before any cancer cells arrived. "
     "Blocking them prevented metastasis in the mice.",
     "Mouse experiments. They show one way spread can work, not that blocking the niche helps people.",
     "Find the same signals in people, then test a niche-blocking treatment in clinical trials.",
     "Kaplan et al., Nature 2005", "kaplan2005", "secondary"),
    ("early_spread_2016", "Early spread in mice (2016)",
     "Most metastases came from cells that left the tumor early", 2, 2016,
     "In a mouse model of HER2-driven breast cancer, at least 80% of metastases came from cells that left very "
     "early. Cells from people with breast cancer were consistent with this.",
     "Mainly a mouse model, backed by some human samples. It supports the early-spread model but does not settle "
     "the question for all cancers.",
     "Studies in people with different cancers. This is a biology question, not a treatment claim.",
     "Hosseini et al., Nature 2016", "hosseini2016", "verified"),
    ("gemys_2021", "GEMys in mice (2021)", "Engineered immune cells (GEMys) stopped spread in mice", 2, 2021,
     "Myeloid immune cells engineered to deliver IL-12 shrank tumors, reduced spread to the lungs and helped mice "
     "with rhabdomyosarcoma live longer. Results were similar in mice with pancreatic tumors.",
     "Every result so far is from mice. NCI said it planned a safety trial in adults.",
     "A first-in-human (phase I) trial to find a safe dose, then trials that measure benefit.",
     "Kaczanowska et al., Cell 2021; NCI press release 2021", "ncigemy2021", "secondary"),
    ("gd2_cart_2022", "CAR T, brain tumor (2022)", "CAR T cells given to children with a brainstem tumor", 3, 2022,
     "A first-in-human phase I trial gave CAR T cells aimed at a molecule called GD2 to children and young adults "
     "with diffuse midline glioma, a brain tumor that is almost always fatal.",
     "The main aims were to make the cells, give them safely and find a dose. Signs of benefit were only a "
     "secondary aim, and there was no comparison group.",
     "Larger trials that measure benefit, ideally against a comparison group.",
     "Majzner et al., Nature 2022", "majzner2022", "verified"),
    ("clever_2025", "Dormant-cell drugs (2025)",
     "Drugs cleared sleeping cancer cells in breast cancer survivors", 4, 2025,
     "A small randomized phase II trial in 51 breast cancer survivors with dormant cancer cells in their bone "
     "marrow tested hydroxychloroquine, everolimus or both.",
     "Its main aims were feasibility and safety. It was far too small to show that the drugs prevent the cancer "
     "from coming back.",
     "Larger trials with recurrence as the main endpoint.",
     "DeMichele et al., Nat Med 2025", "demichele2025", "secondary"),
    ("sabr_comet_2020", "SABR-COMET (2020)",
     "Radiotherapy to every metastasis helped some people with few metastases", 4, 2020,
     "A randomized phase II trial of 99 people with 1 to 5 metastases added SABR to every site. At 5 years, 42.3% "
     "were alive with SABR and 17.7% with standard care alone.",
     "Randomized, but small, and designed as a phase II screening trial. Serious side effects were more common "
     "with SABR.",
     "Larger phase III trials in particular cancers.",
     "Palma et al., J Clin Oncol 2020", "palma2020", "verified"),
    ("satri_cel_2025", "CAR T, stomach cancer (2025)", "CAR T cells delayed growth of advanced stomach cancer", 4, 2025,
     "The first randomized trial of CAR T cells in a solid tumor: 156 people with previously treated "
     "Claudin18.2-positive stomach or gastroesophageal junction cancer. Median time without growth was 3.25 months "
     "with CAR T and 1.77 months with other treatment.",
     "Randomized phase II. The gain was measured in weeks, and side effects were common.",
     "A regulator's review of the evidence, and trials earlier in treatment.",
     "Qi et al., Lancet 2025", "qi2025", "secondary"),
    ("dynamic_2022", "ctDNA after surgery (2022)",
     "A blood test (ctDNA) can guide who needs chemotherapy after colon cancer surgery", 4, 2022,
     "455 people with stage II colon cancer were randomized to ctDNA-guided or standard decisions. Fewer had "
     "chemotherapy (15.3% vs 27.9%), and recurrence at 2 years was not worse.",
     "Randomized phase II in one stage of one cancer. It tests a way of deciding, not a new drug, and it is not about "
     "metastatic cancer.",
     "Larger trials in other cancers and stages; 5-year recurrence-free survival was 88% vs 87%.",
     "Tie et al., N Engl J Med 2022", "tie2022", "secondary"),
    ("checkmate_067", "CheckMate 067 (2024)",
     "Two checkpoint drugs together lengthened life in advanced melanoma", 5, 2024,
     "945 people with advanced melanoma were randomized to nivolumab plus ipilimumab, nivolumab alone or ipilimumab "
     "alone. Median overall survival was 71.9, 36.9 and 19.9 months.",
     "A large randomized phase III trial followed for about 10 years, measuring overall survival.",
     "Already part of standard care (Chapter 5). Open questions are who needs the combination and for how long.",
     "Wolchok et al., N Engl J Med 2025", "wolchok2025", "secondary"),
    ("bisphosphonates_2015", "Bone drugs (2015)",
     "Bone drugs after breast cancer surgery reduced recurrence in bone", 5, 2015,
     "A pooled analysis of randomized trials with 18,766 women. Bisphosphonates reduced recurrence in bone. "
     "Postmenopausal women benefited; premenopausal women showed no clear effect.",
     "Individual data from many randomized trials, among the strongest evidence there is. It targets the soil (bone), "
     "not the cancer cell.",
     "Guidelines decide who should be offered it; the benefit depends on menopausal status.",
     "EBCTCG, Lancet 2015", "ebctcg2015", "verified"),
    ("serena6_2025", "ctDNA drug switch (2025)",
     "Switching drugs when a blood test finds a resistance mutation delayed progression", 5, 2025,
     "3,256 people on first treatment for advanced HR-positive breast cancer had ctDNA tests every 2 to 3 months. "
     "315 with a new ESR1 mutation were randomized. Median progression-free survival was 16.0 vs 9.2 months.",
     "Randomized phase III, but the main endpoint was progression-free survival, not overall survival.",
     "Overall survival results and a regulator's decision. At the time of the reports we read (2025), camizestrant "
     "was not FDA-approved.",
     "Bidard et al., N Engl J Med 2025", "bidard2025", "secondary"),
    ("apalutamide_2018", "Apalutamide (2018)",
     "A drug delayed spread of prostate cancer that had not yet spread", 6, 2018,
     "A phase III trial (SPARTAN) of 1,207 men with prostate cancer that had stopped responding to hormone therapy "
     "but had no visible metastases. Median metastasis-free survival was 40.5 vs 16.2 months.",
     "FDA approved apalutamide in 2018. It was the first FDA approval based on metastasis-free survival.",
     "Overall survival results, reported later, show whether delaying spread also means longer life.",
     "FDA, 2018 (SPARTAN trial)", "fda2018apalutamide", "secondary"),
    ("pembrolizumab_msi_2017", "Tumor-agnostic drug (2017)",
     "One drug approved for any solid tumor with a particular biomarker", 6, 2017,
     "Pembrolizumab for MSI-H or dMMR solid tumors, wherever they started. The evidence pooled small single-arm "
     "trials across 15 cancer types.",
     "FDA accelerated approval in May 2017, the first based on a biomarker rather than the organ.",
     "Confirmatory evidence; full approval followed in 2023.",
     "Lemery et al., N Engl J Med 2017", "lemery2017", "secondary"),
    ("lifileucel_2024", "TIL therapy (2024)", "TIL therapy approved for advanced melanoma", 6, 2024,
     "A single-arm phase II trial: in 73 people whose melanoma had grown after earlier treatment, tumors shrank in "
     "31.5% (about 3 in 10).",
     "FDA accelerated approval in February 2024, based on tumor shrinkage, not survival. A boxed warning covers "
     "serious risks, including death from treatment.",
     "A confirmatory phase III trial must show clinical benefit.",
     "FDA, February 2024", "fdalifileucel", "secondary"),
    ("afami_cel_2024", "TCR therapy (2024)", "Engineered TCR T cells approved for synovial sarcoma", 6, 2024,
     "A phase II trial in 44 people with synovial sarcoma whose tumors carry the MAGE-A4 protein and who have a "
     "matching tissue type. Tumors shrank in 43%.",
     "FDA accelerated approval in August 2024, the first engineered T-cell receptor therapy. Single arm; response "
     "rate, not survival.",
     "Confirmatory evidence that it helps people live longer or better.",
     "FDA, August 2024", "fdaafamicel", "secondary"),
]

# ----------------------------------------------------------------------------------------------------------------
# Dataset 8: milestones
# ----------------------------------------------------------------------------------------------------------------
MILESTONES = [
    # milestone_id, year, kind, event, detail, source, source_id, verification
    ("paget_1889", 1889, "biology", "Paget: 'seed and soil'",
     "Stephen Paget argued from breast cancer autopsy records that where cancer spreads depends on both the cancer "
     "cell (seed) and the organ (soil).", "Paget, Lancet 1889", "paget1889", "secondary"),
    ("anoikis_1994", 1994, "biology", "Detached cells die: anoikis named",
     "Cells in a dish died when cut off from their anchor, one reason most escaping cancer cells fail.",
     "Frisch and Francis, J Cell Biol 1994", "frisch1994", "verified"),
    ("oligo_1995", 1995, "treatment", "Idea of oligometastases proposed",
     "Hellman and Weichselbaum proposed that some people with only a few metastases might benefit from treating "
     "each one.", "Reyes and Pienta, Oncotarget 2015", "reyes2015", "verified"),
    ("ctc_2004", 2004, "diagnosis", "Tumor cells in blood predict outcome",
     "In 177 people with metastatic breast cancer, 5 or more tumor cells in 7.5 mL of blood meant the cancer tended "
     "to grow again sooner.", "Cristofanilli et al., N Engl J Med 2004", "cristofanilli2004", "verified"),
    ("bevacizumab_2004", 2004, "treatment", "First angiogenesis drug approved",
     "Bevacizumab, which blocks a signal for new blood vessels, was approved with chemotherapy for metastatic "
     "colorectal cancer.", "NCI Cancer Bulletin 2004", "nci2004bev", "verified"),
    ("niche_2005", 2005, "biology", "Pre-metastatic niche found in mice",
     "Bone-marrow cells prepared sites in distant organs before cancer cells arrived.", "Kaplan et al., Nature 2005",
     "kaplan2005", "secondary"),
    ("sipuleucel_2010", 2010, "treatment", "Therapeutic cancer vaccine approved",
     "Sipuleucel-T, a treatment made from each person's own immune cells, was approved for metastatic prostate "
     "cancer.", "Nat Rev Drug Discov 2010", "nrdd2010sipuleucel", "verified"),
    ("ipilimumab_2011", 2011, "treatment", "Ipilimumab lengthens life (melanoma)",
     "FDA approved the checkpoint inhibitor ipilimumab.", "FDA, March 2011", "fda2011ipilimumab", "secondary"),
    ("branched_2012", 2012, "biology", "Tumors evolve like a branching tree",
     "Sampling several parts of kidney tumors and their metastases showed different mutations in different regions.",
     "Gerlinger et al., N Engl J Med 2012", "gerlinger2012", "secondary"),
    ("bisphosphonates_2015", 2015, "treatment", "Bone drugs cut recurrence in bone",
     "A pooled analysis of randomized trials (18,766 women) found fewer recurrences in bone, with benefit in "
     "postmenopausal women.", "EBCTCG, Lancet 2015", "ebctcg2015", "verified"),
    ("early_spread_2016", 2016, "biology", "Early spread seeds metastases (mice)",
     "In a mouse breast cancer model, at least 80% of metastases came from cells that left early.",
     "Hosseini et al., Nature 2016", "hosseini2016", "verified"),
    ("pembrolizumab_2017", 2017, "treatment", "First tumor-agnostic approval",
     "Pembrolizumab was approved for MSI-H or dMMR solid tumors wherever they started.",
     "Lemery et al., N Engl J Med 2017", "lemery2017", "secondary"),
    ("car_t_2017", 2017, "treatment", "First CAR T therapy (leukemia)",
     "Tisagenlecleucel was approved for a blood cancer, B-cell acute lymphoblastic leukemia.",
     "Oncology Nursing Society, 2017", "ons2017kymriah", "verified"),
    ("apalutamide_2018", 2018, "treatment", "Approval on metastasis-free survival",
     "Apalutamide was approved for prostate cancer that had not yet spread, because it delayed spread.",
     "FDA, February 2018", "fda2018apalutamide", "secondary"),
    ("sabr_comet_2020", 2020, "treatment", "SABR-COMET 5-year results",
     "In a randomized phase II trial of 99 people with few metastases, more were alive at 5 years with SABR to every "
     "site.", "Palma et al., J Clin Oncol 2020", "palma2020", "verified"),
    ("gemys_2021", 2021, "biology", "GEMys block spread (mice)",
     "Immune cells engineered to deliver IL-12 reversed immune suppression in the niche and reduced spread in mice.",
     "NCI press release 2021", "ncigemy2021", "secondary"),
    ("gd2_cart_2022", 2022, "treatment", "CAR T phase I in a brain tumor",
     "A phase I trial tested GD2-targeted CAR T cells in diffuse midline glioma.", "Majzner et al., Nature 2022",
     "majzner2022", "verified"),
    ("dynamic_2022", 2022, "diagnosis", "ctDNA guides chemo after surgery",
     "A randomized phase II trial in stage II colon cancer used ctDNA to decide who received chemotherapy.",
     "Tie et al., N Engl J Med 2022", "tie2022", "secondary"),
    ("lifileucel_2024", 2024, "treatment", "TIL therapy approved (melanoma)",
     "Lifileucel received FDA accelerated approval for advanced melanoma.", "FDA, February 2024", "fdalifileucel",
     "secondary"),
    ("loris_2024", 2024, "diagnosis", "AI predicts immunotherapy response",
     "A proof-of-concept model using routine blood tests and other clinical data; not yet tested prospectively.",
     "NIH news release, June 2024", "nihloris2024", "secondary"),
    ("afami_cel_2024", 2024, "treatment", "TCR therapy approved (sarcoma)",
     "Afamitresgene autoleucel received FDA accelerated approval for synovial sarcoma.", "FDA, August 2024",
     "fdaafamicel", "secondary"),
    ("checkmate_067_2024", 2024, "treatment", "CheckMate 067: 10-year results",
     "Final results of the phase III melanoma trial of nivolumab and ipilimumab were published.",
     "Wolchok et al., N Engl J Med 2025 (online 2024)", "wolchok2025", "secondary"),
    ("satri_cel_2025", 2025, "treatment", "Randomized CAR T trial (stomach)",
     "A randomized phase II trial in advanced stomach cancer reported longer time without growth.",
     "Qi et al., Lancet 2025", "qi2025", "secondary"),
    ("clever_2025", 2025, "treatment", "Trial targets dormant cells (breast)",
     "A small randomized phase II trial tested drugs against dormant cancer cells in the bone marrow.",
     "DeMichele et al., Nat Med 2025", "demichele2025", "secondary"),
    ("serena6_2025", 2025, "diagnosis", "ctDNA guides a drug switch",
     "A phase III trial switched treatment when ctDNA showed a resistance mutation, before scans showed growth.",
     "Bidard et al., N Engl J Med 2025", "bidard2025", "secondary"),
]


def _sources(ids):
    out = []
    for sid in sorted(set(ids)):
        src = SOURCES[sid]
        entry = {"id": sid, "title": src["title"], "authors": src["authors"], "path": src["path"],
                 "data_years": src["data_years"], "accessed": ACCESSED, "verification": src["verification"]}
        out.append(entry)
    return out


def _write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def build_claims():
    header = ["claim_id", "label", "claim", "rung", "rung_label", "year", "study", "why", "next_step", "source",
              "source_id", "verification"]
    rows = []
    for cid, label, claim, rung, year, study, why, nxt, source, sid, ver in CLAIMS:
        rows.append([cid, label, claim, rung, RUNGS[rung], year, study, why, nxt, source, sid, ver])
    _write_csv(HERE / "evidence_claims.csv", header, rows)
    source_ids = [r[10] for r in rows]
    resource = {
        "name": "evidence_claims",
        "path": "evidence_claims.csv",
        "title": "The evidence ladder: where published claims about metastasis research stand",
        "description": (
            "Sixteen published claims about understanding, preventing or treating metastasis, each placed on a "
            "six-rung ladder of evidence (1 lab cells or organoids; 2 animals; 3 first in humans, phase I; 4 early "
            "results in patients, phase II, randomized or not; 5 randomized phase III; 6 approved by a regulator), "
            "with the year of the result, what was done, why it sits on that rung and what would move it up. The "
            "rung and the wording of 'why' and 'next_step' are the course authors' classification of the cited "
            "study; the numbers inside 'study' come from the source named in each row. Caveats: a rung describes how "
            "far a claim has travelled, not how good a single study is, and an approval can rest on phase II "
            "evidence (accelerated approval); approvals are country-specific (the rows give US FDA decisions); the "
            "selection of claims is for teaching and is not a survey of the field."),
        "caveats": [
            "A rung says how far a claim has travelled from the lab toward the clinic, not how good one study is.",
            "An approval can rest on phase II evidence (accelerated approval), and a confirmatory trial must follow.",
            "Approvals are country by country; the approvals in these rows are US FDA decisions.",
            "The claims are a teaching selection, not a survey of the field.",
        ],
        "sources": _sources(source_ids),
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 (classification and wording "
                      "written for this course; each source keeps its own terms)",
                      "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "chapters": ["research-frontiers"],
        "schema": {
            "fields": [
                {"name": "claim_id", "type": "string", "title": "Claim id", "description": "Identifier of the claim",
                 "constraints": {"required": True, "pattern": "[a-z0-9_]+"}},
                {"name": "label", "type": "string", "title": "Menu label",
                 "description": "Short name of the claim with its year, as shown in the figure's menu",
                 "constraints": {"required": True, "pattern": ".{1,30}"}},
                {"name": "claim", "type": "string", "title": "Claim",
                 "description": "The claim in plain words, as shown in the explanation and the data table",
                 "constraints": {"required": True}},
                {"name": "rung", "type": "integer", "title": "Rung",
                 "description": "Position on the evidence ladder, 1 (lab) to 6 (approved)",
                 "constraints": {"required": True, "minimum": 1, "maximum": 6}},
                {"name": "rung_label", "type": "string", "title": "Rung (label)",
                 "description": "Name of the rung", "constraints": {"required": True, "enum": list(RUNGS.values())}},
                {"name": "year", "type": "integer", "title": "Year",
                 "description": "Year the result was published or the approval given", "unit": "calendar year",
                 "constraints": {"required": True, "minimum": 1889, "maximum": 2026}},
                {"name": "study", "type": "string", "title": "What was done",
                 "description": "The study or decision behind the claim, with its key numbers",
                 "constraints": {"required": True}},
                {"name": "why", "type": "string", "title": "Why this rung",
                 "description": "Why the claim sits on this rung and what limits it",
                 "constraints": {"required": True}},
                {"name": "next_step", "type": "string", "title": "What would move it up",
                 "description": "The evidence that would move the claim up the ladder or change practice",
                 "constraints": {"required": True}},
                {"name": "source", "type": "string", "title": "Source (short)",
                 "description": "Short citation shown to readers", "constraints": {"required": True}},
                {"name": "source_id", "type": "string", "title": "Source id",
                 "description": "Id of the source in this resource's sources",
                 "constraints": {"required": True, "enum": sorted(set(source_ids))}},
                {"name": "verification", "type": "string", "title": "Verification",
                 "description": "How far the row's numbers were checked (see the source's verification note)",
                 "constraints": {"required": True, "enum": ["verified", "secondary"]}},
            ],
            "primaryKey": ["claim_id"],
        },
    }
    return resource


def build_milestones():
    header = ["milestone_id", "year", "kind", "event", "detail", "source", "source_id", "verification"]
    rows = [list(m) for m in MILESTONES]
    _write_csv(HERE / "milestones.csv", header, rows)
    source_ids = [r[6] for r in rows]
    resource = {
        "name": "milestones",
        "path": "milestones.csv",
        "title": "Milestones in understanding, finding and treating metastasis, 1889-2025",
        "description": (
            "Twenty-five dated milestones from Paget's 'seed and soil' (1889) to the 2024 cell-therapy approvals and "
            "the 2025 trials, each tagged by kind: biology (how spread works), diagnosis (finding and tracking "
            "spread) or treatment (including approvals and trials). Years are of publication or approval. Caveats: "
            "a selection for teaching, weighted to work the chapter discusses; approvals are US FDA decisions; a "
            "milestone marks when something was first shown or allowed, not that it is now standard care for "
            "everyone; several mouse and early-phase results are included on purpose, labelled as such."),
        "caveats": [
            "A teaching selection, weighted to the work the chapter discusses; not a complete history.",
            "Approvals are US FDA decisions; a milestone marks when something was first shown or allowed, not that "
            "it is standard care for everyone today.",
            "Mouse and early-trial results are included on purpose and labelled as such.",
        ],
        "sources": _sources(source_ids),
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 (selection and wording written "
                      "for this course; each source keeps its own terms)",
                      "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "chapters": ["research-frontiers"],
        "schema": {
            "fields": [
                {"name": "milestone_id", "type": "string", "title": "Milestone id",
                 "description": "Identifier of the milestone",
                 "constraints": {"required": True, "pattern": "[a-z0-9_]+"}},
                {"name": "year", "type": "integer", "title": "Year",
                 "description": "Year of publication or approval", "unit": "calendar year",
                 "constraints": {"required": True, "minimum": 1880, "maximum": 2026}},
                {"name": "kind", "type": "string", "title": "Kind",
                 "description": "biology (how spread works), diagnosis (finding or tracking spread) or treatment",
                 "constraints": {"required": True, "enum": ["biology", "diagnosis", "treatment"]}},
                {"name": "event", "type": "string", "title": "Milestone",
                 "description": "Short label shown in the timeline (at most 36 characters, so it fits a phone)",
                 "constraints": {"required": True, "pattern": ".{1,36}"}},
                {"name": "detail", "type": "string", "title": "What happened",
                 "description": "One plain sentence on what was shown or decided", "constraints": {"required": True}},
                {"name": "source", "type": "string", "title": "Source (short)",
                 "description": "Short citation shown to readers", "constraints": {"required": True}},
                {"name": "source_id", "type": "string", "title": "Source id",
                 "description": "Id of the source in this resource's sources",
                 "constraints": {"required": True, "enum": sorted(set(source_ids))}},
                {"name": "verification", "type": "string", "title": "Verification",
                 "description": "How far the row was checked (see the source's verification note)",
                 "constraints": {"required": True, "enum": ["verified", "secondary"]}},
            ],
            "primaryKey": ["milestone_id"],
        },
    }
    return resource


if __name__ == "__main__":
    import sys

    built = [build_claims(), build_milestones()]
    print(f"{len(CLAIMS)} claims, {len(MILESTONES)} milestones written to {HERE}")
    if "--check" in sys.argv:
        package = json.loads((HERE / "datapackage.json").read_text(encoding="utf-8"))
        stored = {r["name"]: r for r in package["resources"]}
        for res in built:
            assert stored.get(res["name"]) == res, f"data/datapackage.json differs from this script for {res['name']}"
        print("datapackage.json matches")
