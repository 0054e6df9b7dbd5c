"""Front-desk staff and policy officers in a real browser: sign in, phrase cards, notes, handover, report."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot.storage.db import make_engine
from bot.storage.referrals import add_note
from tests.browser.conftest import ADMIN_PASSWORD, STAFF_PASSWORD, axe, screenshot

pytestmark = pytest.mark.needs("browser")


def sign_in(page, stack, username: str, password: str, target: str) -> None:
    page.goto(f"{stack.url}/login?next={target}")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"**{target}")


def test_staff_sign_in_phrase_card_and_a_note_marked_done(browser, stack) -> None:
    engine = make_engine(stack.database_url)
    add_note(engine, datetime.now(timezone.utc), "voorbeeldegem", "interpreter", "ti",
             "Tolk nodig: Tigrinya, een gesprek op school.", "b" * 32)
    engine.dispose()
    context = browser.new_context(locale="nl-BE")
    page = context.new_page()
    sign_in(page, stack, "balie", STAFF_PASSWORD, "/staff")
    # "Which language do you speak? Point to it": every language's own name, large; pointing at one picks it.
    assert page.locator(".language-card .endonym").count() == 23
    assert float(page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.language-card .endonym')).fontSize)")) >= 30
    page.locator(".language-card[lang='ti']").click()
    page.wait_for_url("**phrases=ti**")
    assert page.locator(".phrase .big[lang='ti']").count() == 7
    page.select_option("#phrases-language", "ar")
    page.fill("#date", "2026-11-24")
    page.fill("#time", "14:30")
    page.click("#phrases button[type=submit]")
    card = page.locator(".phrase .big[lang='ar']").nth(1)
    assert card.get_attribute("dir") == "rtl" and "مترجم" in card.inner_text()
    assert float(page.evaluate("parseFloat(getComputedStyle(document.querySelector('.phrase .big')).fontSize)")) >= 30
    back = page.locator(".phrase .big").nth(4).inner_text()  # "come back on" with the date and the time
    assert "2026" in back and "2:30" in back
    note = page.locator(".staff-note", has_text="Tolk nodig: Tigrinya, een gesprek op school.")
    note.get_by_role("button", name="Klaar").click()
    page.wait_for_load_state()
    assert page.locator(".staff-note", has_text="een gesprek op school").count() == 0
    page.fill("#question", "Waar kan ik Nederlands leren?")
    page.click("form.ask button[type=submit]")
    page.wait_for_selector(".card")
    screenshot(page, "staff")
    assert axe(page) == []
    context.close()


def test_a_handover_round_trip(browser, stack) -> None:
    resident = browser.new_context(locale="ar").new_page()
    resident.goto(stack.url + "/")
    resident.locator(".tb-launcher").click()
    resident.fill("#tb-input", "أريد التحدث مع موظف من فضلك")
    resident.press("#tb-input", "Enter")
    resident.wait_for_selector(".tb-prompt", timeout=30000)  # "Een medewerker komt zo in dit gesprek."

    desk = browser.new_context(locale="nl-BE").new_page()
    sign_in(desk, stack, "balie", STAFF_PASSWORD, "/staff")
    desk.get_by_role("link", name="Open het gesprek").first.click()
    desk.get_by_role("button", name="Neem het gesprek over").click()
    desk.fill("#reply-text", "Goedemorgen, ik ben Lies van de balie. Hoe kan ik helpen?")
    desk.get_by_role("button", name="Verstuur").click()

    resident.wait_for_selector(".tb-human", timeout=15000)
    assert "Lies van de balie" in resident.locator(".tb-human").first.inner_text()
    resident.fill("#tb-input", "شكرا، أحتاج موعدا")
    resident.press("#tb-input", "Enter")
    resident.wait_for_timeout(1500)
    assert resident.locator(".tb-error").count() == 0  # the bot is paused, not broken
    desk.reload()
    assert "شكرا، أحتاج موعدا" in desk.locator(".conversation").inner_text()

    desk.get_by_role("button", name="Geef het gesprek terug aan Taalbrug").click()
    resident.locator(".tb-human", has_text="geeft het gesprek terug").wait_for(timeout=15000)
    resident.fill("#tb-input", "waar is het containerpark?")
    resident.press("#tb-input", "Enter")
    resident.locator(".tb-answer", has_text="recyclagepark").last.wait_for(timeout=30000)


def test_the_report_is_accessible_to_a_policy_officer(browser, stack) -> None:
    context = browser.new_context(locale="nl-BE")
    page = context.new_page()
    sign_in(page, stack, "admin", ADMIN_PASSWORD, "/report")
    assert page.locator("h1").inner_text() == "Indicatoren"
    assert axe(page) == []
    page.goto(stack.url + "/report/unmet")
    assert axe(page) == []
    page.goto(stack.url + "/login")
    assert axe(page) == []
    context.close()
