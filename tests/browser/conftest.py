"""Real headless Chromium (Debian's package, driven by Playwright) against the real stack.

CI installs chromium (.ci/run) and axe-core (npm, `make test` runs `npm ci`),
and sets TAALBRUG_REQUIRE_BROWSER=1 so a missing browser fails instead of
skipping. Screenshots are kept in var/screenshots/ as test artefacts.
"""

from __future__ import annotations

import os
import shutil
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest

from bot import PROJECT_ROOT
from bot.storage.accounts import create_account
from bot.storage.db import make_engine
from bot.storage.migrate import upgrade
from tests.stack import RunningStack, start_stack

CHROMIUM = os.environ.get("TAALBRUG_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = PROJECT_ROOT / "var" / "screenshots"
REQUIRED = os.environ.get("TAALBRUG_REQUIRE_BROWSER") == "1"
if REQUIRED and (not CHROMIUM or not AXE.exists()):
    raise RuntimeError(f"TAALBRUG_REQUIRE_BROWSER=1 but chromium={CHROMIUM} axe={AXE.exists()}")
pytestmark = pytest.mark.skipif(not CHROMIUM or not AXE.exists(),
                                reason="no chromium or axe-core (apt install chromium; npm ci)")

ADMIN_PASSWORD = "beheerder-wachtwoord"
STAFF_PASSWORD = "baliemedewerker-1"


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningStack]:
    tmp = tmp_path_factory.mktemp("browser-stack")
    url = f"sqlite:///{tmp / 'taalbrug.db'}"
    upgrade(url)
    engine = make_engine(url)
    create_account(engine, "balie", "staff", STAFF_PASSWORD, datetime.now(timezone.utc))
    engine.dispose()
    running = start_stack(tmp, TAALBRUG_ADMIN_PASSWORD=ADMIN_PASSWORD, TAALBRUG_COOKIE_SECURE="0",
                          TAALBRUG_HASH_SALT="browser-salt", TAALBRUG_DESK_CLOCK="2026-11-24T10:00:00+01:00")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Module-scoped: Playwright's sync API runs an event loop in this thread while it is open,
    which must be closed again before the async tests of other modules run."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture()
def page(browser) -> Iterator[Any]:
    context = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def axe(page) -> List[Dict[str, Any]]:
    """Serious and critical axe-core violations on the page as it is now."""
    # Evaluated through the DevTools protocol: the page's own CSP (no inline scripts) stays on.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path
