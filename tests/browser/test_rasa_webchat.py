"""A municipality that already runs the `rasa-webchat` widget (npm) points it at Taalbrug and it answers.

rasa-webchat 1.0.1's own bundle (node_modules/rasa-webchat/lib/index.js, from
package-lock.json) is served to Chromium by Playwright from disk, on a page at
Rasa's own address: nothing is fetched from a CDN. The page is the snippet of
docs/rasa-webchat.md; the widget talks socket.io to the stack's
Rasa, through Taalbrug's socket.io channel (bot/channels/socketio.py).
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot
from tests.conftest import RASA_WEBCHAT
from tests.live_stack import RunningStack

pytestmark = pytest.mark.needs("browser")

PAGE = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Gemeente Voorbeeldegem</title></head>
<body><main><h1>Gemeente Voorbeeldegem</h1></main>
<div id="webchat"></div>
<script src="/rasa-webchat/index.js"></script>
<script>
  WebChat.default({
    selector: "#webchat",
    socketUrl: "%(rasa)s",
    socketPath: "/socket.io/",
    initPayload: "hallo",
    customData: {language: "nl"},
    title: "Taalbrug",
    params: {storage: "session"}
  }, null);
</script></body></html>
"""

RESPONSE_WITH = "[...document.querySelectorAll('.rw-response')].some(e => e.innerText.includes(%r))"


def test_rasa_webchat_from_npm_shows_taalbrugs_answer(browser, stack: RunningStack) -> None:
    rasa = f"http://127.0.0.1:{stack.ports['rasa']}"
    context = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.route(rasa + "/municipality.html",
               lambda route: route.fulfill(content_type="text/html", body=PAGE % {"rasa": rasa}))
    page.route(rasa + "/rasa-webchat/index.js",
               lambda route: route.fulfill(content_type="application/javascript", path=str(RASA_WEBCHAT)))
    errors: list = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(rasa + "/municipality.html")
    page.click(".rw-launcher", timeout=30000)
    try:  # the answer to initPayload "hallo"
        page.wait_for_function(RESPONSE_WITH % "Taalbrug", timeout=120000)
    finally:
        screenshot(page, "rasa-webchat")
    page.fill(".rw-new-message", "Waar kan ik Nederlands leren?")
    page.press(".rw-new-message", "Enter")
    page.wait_for_function(RESPONSE_WITH % "Spreekt u al een beetje Nederlands?", timeout=120000)
    assert page.locator(".rw-replies .rw-reply").count() >= 2  # the answer's buttons as quick replies
    screenshot(page, "rasa-webchat")
    assert errors == []
    context.close()
