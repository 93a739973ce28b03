# Two entry points, each installing what it needs from this repository's own files:
#   make book   - create .venv, install the locked requirements.txt and Chromium, build the HTML book into _build/html
#                 (Chromium draws each figure's phone first frame: metastasis/site/figure_frames.py)
#   make test   - also install the locked requirements-test.txt, then run the whole test suite
#   make lab    - JupyterLab on book/, chapters opening as notebooks (--allow-root added only when run as root)
# Maintainers: `make lock` regenerates the locks from requirements.in and requirements-test.in;
# `make chapter STEM=my-topic TITLE="My topic"` scaffolds a new chapter.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: book test lint lab benchmark lock chapter clean

$(VENV)/.installed-book: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip==26.3
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed-book requirements-test.txt
	$(PY) -m pip install --quiet -r requirements-test.txt
	touch $@

book: $(VENV)/.installed-book
	$(PY) -m metastasis.site.browser --ensure
	$(PY) -m metastasis.site.build

test: $(VENV)/.installed-test
	$(PY) -m metastasis.site.browser --ensure
	$(PY) -m pytest -ra

# The repository's JupyterLab defaults (.jupyter/labconfig: book/<stem>.md opens as a notebook through jupytext)
# are added to Jupyter's config path; Jupyter refuses to start as root without --allow-root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
lab: $(VENV)/.installed-book
	JUPYTER_CONFIG_PATH="$(CURDIR)/.jupyter$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" \
		$(VENV)/bin/jupyter lab $(ALLOW_ROOT) book/

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check metastasis tests

benchmark: $(VENV)/.installed-test
	$(PY) -m metastasis.site.benchmark

lock:
	PYTHON=$(PYTHON) bash tools/lock-requirements.sh

chapter: $(VENV)/.installed-book
	$(PY) -m metastasis.site.scaffold "$(STEM)" "$(TITLE)"

clean:
	rm -rf _build
