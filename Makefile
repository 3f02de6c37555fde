# Gaoyou development-target portal. `make run` and `make test` work from a fresh clone.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-dates install messages makemessages migrate seed serve worker beat lint check bench vendor clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

# Compile every catalogue: locale/ and the apps' own <app>/locale/.
messages: install
	DEBUG=1 $(MANAGE) compilemessages -l zh_Hans --ignore '$(VENV)/*' --ignore 'node_modules/*'

# Refresh the catalogues after changing strings (then fill them and run `make messages`).
makemessages: install
	DEBUG=1 $(MANAGE) makemessages -l zh_Hans --no-obsolete --ignore '$(VENV)/*' --ignore 'tests/*' \
		--ignore 'static/*' --ignore 'staticfiles/*' $(foreach a,projects livelihood safety cadres targets reporting,--ignore '$(a)/*')
	for app in projects livelihood safety cadres targets reporting; do \
		(cd $$app && mkdir -p locale && DEBUG=1 ../$(PY) ../manage.py makemessages -l zh_Hans --no-obsolete \
			--ignore 'sprint/*'); done
	cd projects/sprint && mkdir -p locale && DEBUG=1 ../../$(PY) ../../manage.py makemessages -l zh_Hans --no-obsolete

migrate: messages
	DEBUG=1 $(MANAGE) migrate --noinput

seed: migrate
	DEBUG=1 $(MANAGE) seed_demo

# The portal on the embedded SQLite default, with demo data, at http://127.0.0.1:8000/
run: seed
	DEBUG=1 $(MANAGE) runserver $(HOST):$(PORT)

# The whole suite. SQLite and in-process tasks by default; PostgreSQL and Redis when DATABASE_URL
# and REDIS_URL are set (.ci/run sets them and REQUIRE_SERVICES=1).
test: messages
	$(PY) -m pytest $(PYTEST_ARGS)

# The tests that read today's date, with the clock moved: the 7th and the 26th of this month, 30 June and
# 31 December 23:59 of this year, a day of next year (PORTAL_TEST_NOW; docs/development.md, "Tests").
THIS_MONTH := $(shell date +%Y-%m)
THIS_YEAR := $(shell date +%Y)
TEST_DATES ?= $(THIS_MONTH)-07T09:30 $(THIS_MONTH)-26T10:00 $(THIS_YEAR)-06-30T16:00 $(THIS_YEAR)-12-31T23:59 \
	$(shell echo $$(($(THIS_YEAR) + 1)))-03-10T09:30
test-dates: messages
	for now in $(TEST_DATES); do echo "== the clock at $$now"; \
		PORTAL_TEST_NOW=$$now $(PY) -m pytest -q -m date_dependent $(PYTEST_ARGS) || exit 1; done

lint: install
	$(VENV)/bin/ruff check .
	DEBUG=1 $(MANAGE) makemigrations --check --dry-run

# Production-like processes on this machine: gunicorn, a Celery worker and beat, against
# DATABASE_URL and REDIS_URL (defaults: the local PostgreSQL database "gaoyou" and Redis).
SERVE_ENV = DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/gaoyou} \
	REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} \
	SECRET_KEY=$${SECRET_KEY:-local-serve-secret-key-change-me-0123456789abcdef} \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} \
	SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-0} SESSION_COOKIE_SECURE=$${SESSION_COOKIE_SECURE:-0} \
	CSRF_COOKIE_SECURE=$${CSRF_COOKIE_SECURE:-0} SECURE_HSTS_SECONDS=$${SECURE_HSTS_SECONDS:-0}
serve: messages
	$(SERVE_ENV) $(MANAGE) migrate --noinput
	$(SERVE_ENV) $(MANAGE) collectstatic --noinput -v0
	$(SERVE_ENV) $(MANAGE) seed_demo
	$(SERVE_ENV) $(VENV)/bin/celery -A gaoyou_portal worker --loglevel INFO --concurrency 2 & \
	$(SERVE_ENV) $(VENV)/bin/celery -A gaoyou_portal beat --loglevel INFO & \
	$(SERVE_ENV) $(VENV)/bin/gunicorn gaoyou_portal.wsgi --bind $(HOST):$(PORT) --workers 4 --access-logfile - ; \
	kill %1 %2 2>/dev/null || true

bench: install
	for script in bench/*.py; do $(PY) $$script || exit 1; done

# Refresh the vendored front-end assets from the npm registry (needs npm; the result is committed).
vendor:
	sh scripts/vendor_assets.sh

clean:
	rm -rf $(VENV) staticfiles .test-media .test-media-dates db.sqlite3
