# Newsroom: `make run` serves the demo site, `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run serve test test-fast venv migrate demo lint messages screenshots clean

# (Re)install when a requirements file changes. Debian's python3 needs python3-venv for this.
$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(VENV)/bin/pip || $(PYTHON) -m venv $(VENV) || { \
	  rm -rf $(VENV); \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); \
	  else echo "Cannot create a virtualenv: install python3-venv (sudo apt-get install python3-venv)"; exit 1; fi; }
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $(STAMP)

venv: $(STAMP)

migrate: venv
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

run: demo
	@$(PY) manage.py ensure_admin --url http://$(HOST):$(PORT)/admin/
	@echo "Site: http://$(HOST):$(PORT)/   English edition: http://$(HOST):$(PORT)/en/"
	$(PY) manage.py runserver $(HOST):$(PORT)

# The production stack: migrate, collectstatic, gunicorn (WEB_CONCURRENCY workers) behind
# nginx when it is installed. See docs/deployment.md.
serve: venv
	HOST=$(HOST) PORT=$(PORT) deploy/serve.sh

test: venv
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest

# Everything but the browser tests (no Chromium needed; the quick loop while working).
test-fast: venv
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -m "not browser"

# Style, formatting and the layers of articles/ (the import contract in pyproject.toml).
lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

# Refresh docs/screenshots/ from the browser tests (test runs themselves write nothing tracked).
screenshots: venv
	NEWSROOM_SCREENSHOTS=docs $(PY) -m pytest -m browser tests/browser

# After changing user-visible strings: refresh the English catalogue, translate, then compile.
messages: venv
	$(PY) manage.py makemessages -l en -l ar --ignore=.venv --ignore=staticfiles --ignore=node_modules --no-location
	cd locale && ../$(PY) ../manage.py compilemessages

clean:
	rm -rf $(VENV) .pytest_cache
