"""A resident uses the widget on the demo municipal page, in a real browser."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import axe, screenshot

pytestmark = pytest.mark.needs("browser")

ARABIC_QUESTION = "أين يمكنني تجديد بطاقة الهوية؟"


def open_widget(page, stack) -> None:
    page.goto(stack.url + "/")
    page.get_by_role("button", name=re.compile("Vraag het aan de gemeente|اسأل البلدية")).click()
    page.wait_for_selector("#tb-panel:not([hidden])")


def ask(page, text: str) -> None:
    page.fill("#tb-input", text)
    page.press("#tb-input", "Enter")


def test_an_arabic_resident_gets_the_dutch_answer_and_an_arabic_cue_right_to_left(browser, stack) -> None:
    context = browser.new_context(locale="ar", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    open_widget(page, stack)
    assert page.get_attribute("#tb-privacy", "lang") == "ar"  # the widget speaks the browser's language
    ask(page, ARABIC_QUESTION)
    cue = page.wait_for_selector(".tb-cue[lang='ar']")
    assert cue.get_attribute("dir") == "rtl"
    answer = page.locator(".tb-answer").last
    assert answer.get_attribute("lang") == "nl" and answer.get_attribute("dir") == "ltr"
    assert "identiteitskaart" in answer.inner_text()
    assert page.evaluate("getComputedStyle(document.querySelector(\".tb-cue[lang='ar']\")).direction") == "rtl"
    screenshot(page, "widget-arabic")
    assert axe(page) == []
    context.close()


def test_a_conversation_by_keyboard_only(page, stack) -> None:
    page.goto(stack.url + "/")
    for _ in range(12):  # skip through the page's links to the widget's button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('tb-launcher')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('tb-launcher')")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "tb-input"
    page.keyboard.type("Hoe kan ik Nederlands leren?")
    page.keyboard.press("Enter")
    prompt = page.wait_for_selector(".tb-prompt")
    assert "Nederlands" in prompt.inner_text()
    assert page.evaluate("document.activeElement.id") == "tb-input"  # focus stays in the text box
    page.keyboard.press("Shift+Tab")  # back to the last quick reply
    assert page.evaluate("document.activeElement.className") == "tb-quick"
    page.keyboard.press("Enter")
    page.wait_for_selector(".tb-prompt >> nth=1")
    assert page.locator(".tb-user").count() == 2
    page.keyboard.press("Escape")
    assert page.is_hidden("#tb-panel")
    assert page.evaluate("document.activeElement.classList.contains('tb-launcher')")


def test_the_language_picker_shows_own_names_and_switches_the_cue(page, stack) -> None:
    open_widget(page, stack)
    options = page.locator("#tb-language option").all_inner_texts()
    assert {"العربية", "Türkçe", "ትግርኛ", "Українська"} <= set(options)
    page.select_option("#tb-language", "ti")
    page.wait_for_selector(".tb-cue[lang='ti']")  # the choice is confirmed in Tigrinya
    assert page.get_attribute("#tb-privacy", "lang") == "ti"
    ask(page, "waar is het containerpark?")
    page.locator(".tb-cue[lang='ti']").nth(1).wait_for()
    assert page.locator(".tb-answer").last.get_attribute("lang") == "nl"


def test_a_tarifit_speaker_finds_the_language_by_its_own_name(page, stack) -> None:
    open_widget(page, stack)
    assert page.locator("#tb-language option[value='ber']").inner_text() == "Tarifit (Tamaziɣt) ⵜⴰⵔⵉⴼⵉⵜ"
    page.select_option("#tb-language", label="Tarifit (Tamaziɣt) ⵜⴰⵔⵉⴼⵉⵜ")
    cue = page.wait_for_selector(".tb-cue[lang='ber']")  # the choice is confirmed in Tarifit
    assert "s Tarifit" in cue.inner_text()
    assert page.get_attribute("#tb-privacy", "lang") == "ber"
    assert page.inner_text("#tb-privacy").startswith("War tettari isem nnek")


def test_when_the_server_is_down_the_resident_sees_an_error_and_keeps_the_message(page, stack) -> None:
    open_widget(page, stack)
    page.route("**/api/chat", lambda route: route.abort())
    ask(page, "waar kan ik mijn afval kwijt?")
    alert = page.wait_for_selector(".tb-alert:not([hidden])")
    assert "niet bereikbaar" in alert.inner_text()
    assert page.input_value("#tb-input") == "waar kan ik mijn afval kwijt?"
    page.unroute("**/api/chat")
    page.press("#tb-input", "Enter")
    page.wait_for_selector(".tb-answer")
    assert page.input_value("#tb-input") == "" and page.is_hidden(".tb-alert")


def test_the_widget_fits_a_360_pixel_screen_and_200_percent_zoom(browser, stack) -> None:
    for width, height in ((360, 740), (640, 450)):  # 640 x 450 CSS px is 1280 x 900 at 200% zoom
        context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": height})
        page = context.new_page()
        open_widget(page, stack)
        ask(page, "hallo")
        page.wait_for_selector(".tb-answer")
        box = page.locator("#tb-panel").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        send = page.locator(".tb-send").bounding_box()
        assert send["x"] + send["width"] <= width and send["y"] + send["height"] <= height
        if width == 360:
            screenshot(page, "widget-360")
        context.close()


def test_read_aloud_uses_a_dutch_voice(page, stack) -> None:
    page.add_init_script("""
        window.__spoken = [];
        window.speechSynthesis.speak = (u) => window.__spoken.push({text: u.text, lang: u.lang});
    """)
    open_widget(page, stack)
    ask(page, "hallo")
    page.wait_for_selector(".tb-answer .tb-tool")
    page.locator(".tb-answer .tb-tool", has_text="Voorlezen").first.click()
    spoken = page.evaluate("window.__spoken")
    assert spoken and spoken[0]["lang"].startswith("nl")


def test_html_in_messages_is_shown_as_text_never_run(page, stack) -> None:
    open_widget(page, stack)
    ask(page, '<img src=x onerror="window.__owned=1"><b>vet</b>')
    page.wait_for_selector(".tb-user")
    page.locator(".tb-answer, .tb-error, .tb-prompt").first.wait_for()
    assert page.locator(".tb-log img, .tb-log b").count() == 0
    assert '<img src=x onerror="window.__owned=1"><b>vet</b>' in page.locator(".tb-user").inner_text()
    assert page.evaluate("window.__owned") is None
