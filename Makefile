# yuedu — two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test bench install clean articles

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Re-install whenever pyproject.toml changes.
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# Bytecode is compiled ahead, as pip does for an installed package (an editable install is never
# compiled by pip, and PYTHONDONTWRITEBYTECODE=1 would make every start compile it again).
run: $(STAMP)
	-@$(PY) -m compileall -q reader > /dev/null 2>&1
	$(VENV)/bin/yuedu

# The glossary check runs in a home of its own: `make test` never writes to the user's real folders.
test: $(STAMP)
	@home=$$(mktemp -d) && YUEDU_HOME=$$home $(VENV)/bin/yuedu glossary check glossary; rc=$$?; rm -rf "$$home"; exit $$rc
	$(VENV)/bin/lint-imports --no-cache
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) bench/run.py

# Rebuild the bundled articles from the seed page (a test checks they match).
articles: $(STAMP)
	$(VENV)/bin/yuedu import ../shared/seeds/000_09d51b0d93aa0b61.txt --into articles --source 科技日报

clean:
	rm -rf $(VENV) .pytest_cache build dist *.egg-info
