# The two commands a newcomer needs: `make run` and `make test`.
# PYTHON may name any Python 3.12+; otherwise the newest one on PATH is used.
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 python3 python; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))

.PHONY: install run test lint format migrations-check collectstatic serve benchmark backup restore clean

install: $(VENV)/.installed node_modules/.installed static/build/.built $(MO_FILES)

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed: install it, or say which to use: make PYTHON=/path/to/python3.12 $(MAKECMDGOALS)"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || { echo "$(PYTHON) is older than 3.12: name a newer one with PYTHON=..."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet . --group dev
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

static/build/.built: node_modules/.installed $(wildcard static/scss/*.scss static/scripts/*.js)
	npm run --silent build
	@touch $@

# Translations: each language's .po compiled to the .mo Django reads (GNU gettext's msgfmt).
# (Regenerate the .po files after changing marked text: see README "Translations".)
%.mo: %.po
	@command -v msgfmt >/dev/null 2>&1 || { echo "GNU gettext (msgfmt) is needed to compile the translations: install the gettext package"; exit 1; }
	msgfmt --check -o $@ $<

# The demo: SQLite unless DATABASE_URL says otherwise, debug on unless DJANGO_DEBUG says otherwise.
run: export DJANGO_DEBUG ?= true
run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo --if-empty
	$(MANAGE) runserver 127.0.0.1:8000

test: export DJANGO_SECRET_KEY ?= insecure-key-for-tests-only
test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run
	@test -x "$${CHROMIUM_PATH:-$$(command -v chromium || echo /usr/bin/chromium)}" || \
		echo "NOTE: Chromium not found: the browser and accessibility tests (tests/browser) are SKIPPED."
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: export DJANGO_SECRET_KEY ?= insecure-key-for-tests-only
migrations-check: install
	$(MANAGE) makemigrations --check --dry-run

collectstatic: install
	$(MANAGE) collectstatic --noinput

# Production-like serving on 127.0.0.1:8000: gunicorn, debug off, hashed static files.
serve: install collectstatic
	$(BIN)/gunicorn config.wsgi --bind 127.0.0.1:8000 --workers $${WEB_CONCURRENCY:-5} --access-logfile -

benchmark: install
	bash benchmarks/run.sh

# The database (DATABASE_URL) to one file: make backup [FILE=path]; by default
# backups/directory-<date>-<time>.dump (PostgreSQL) or .json.gz (SQLite).
backup: install
	$(MANAGE) backup $(FILE)

# make restore FILE=path: into an empty database; FORCE=1 replaces what is there.
restore: install
	@test -n "$(FILE)" || { echo "Say which backup to restore: make restore FILE=backups/directory-....dump"; exit 1; }
	$(MANAGE) restore $(FILE) $(if $(FORCE),--force)

clean:
	rm -rf $(VENV) node_modules static/build staticfiles $(MO_FILES)
