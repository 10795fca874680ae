# medvirk: two commands on a fresh machine.
#   make run   creates .venv, installs, migrates, loads the demo, builds static files, serves
#   make test  installs what the tests need and runs them all
VENV      := .venv
PY        := $(VENV)/bin/python
HOST      ?= 127.0.0.1
PORT      ?= 8000

.PHONY: run test install install-dev frontend messages static migrate demo serve lint typecheck format clean

run: install migrate demo static serve

test: install-dev frontend messages
	bash scripts/test.sh

$(PY):
	"$$(sh scripts/find-python.sh)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(PY) pyproject.toml setup.py medvirk/algorithms/pb/rules/_mes_kernel.c
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

frontend: node_modules/.installed

messages: $(VENV)/.installed
	$(PY) scripts/compile_messages.py

install: $(VENV)/.installed frontend messages

install-dev: $(VENV)/.installed-dev

static: install
	$(PY) manage.py collectstatic --noinput --verbosity 0

migrate: install
	$(PY) manage.py migrate --noinput

demo: install
	$(VENV)/bin/medvirk demo --no-migrate

serve:
	@echo "medvirk is served on http://$(HOST):$(PORT)/ (stop with Ctrl+C)"
	$(VENV)/bin/medvirk serve --host $(HOST) --port $(PORT)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

typecheck: install-dev
	$(VENV)/bin/mypy medvirk config

clean:
	rm -rf $(VENV) node_modules var
