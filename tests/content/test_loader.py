"""Answers and locales are complete, well-formed data, filled for every municipality."""

from __future__ import annotations

import re

import pytest
import yaml

from bot.content.loader import Content, fill
from bot.content.reader import ContentError
from bot.language.languages import SUPPORTED
from bot.language.names import find_language_name

RTL = {"ar", "fa", "ps", "ckb"}
# A phone number, e-mail address or URL; a year alone ("sinds maart 2024") is none.
FACTS = re.compile(r"(?!(?:19|20)\d\d(?!\d| ?\d))\d{2,} ?\d{2,}|@|https?://|www\.")


def test_every_supported_language_has_a_locale(content: Content) -> None:
    assert set(content.locales) == SUPPORTED


def test_locales_have_the_same_keys_and_the_right_direction(content: Content) -> None:
    dutch = content.locales["nl"]
    for code, locale in content.locales.items():
        assert set(locale.cues) == set(dutch.cues), code
        assert set(locale.ui) == set(dutch.ui), code
        assert set(locale.phrases) == set(dutch.phrases), code
        assert locale.dir == ("rtl" if code in RTL else "ltr"), code
        assert locale.endonym, code


def test_machine_drafted_translations_are_marked_unreviewed(content: Content) -> None:
    assert not any(locale.reviewed for locale in content.locales.values())


@pytest.mark.parametrize("code", sorted(SUPPORTED - {"nl"}))
def test_cues_are_short(content: Content, code: str) -> None:
    for topic, cue in content.locales[code].cues.items():
        assert cue, (code, topic)
        # Count sentences as the resident reads them: placeholders are filled in.
        sentences = [s for s in re.split(r"[.!?؟።]+", re.sub(r"\{[a-z_.]+\}", "X", cue)) if s.strip()]
        assert len(sentences) <= 2, (code, topic, cue)


PLACEHOLDER = re.compile(r"\{[a-z_.]+\}")


@pytest.mark.parametrize("code", sorted(SUPPORTED - {"nl"}))
def test_every_text_keeps_the_placeholders_of_the_dutch_text(content: Content, code: str) -> None:
    # A cue without {national.emergency} would send a resident in danger no number to call.
    dutch, locale = content.locales["nl"], content.locales[code]
    for section in ("cues", "ui", "phrases"):
        for key, text in getattr(locale, section).items():
            needed = set(PLACEHOLDER.findall(getattr(dutch, section).get(key, "")))
            assert set(PLACEHOLDER.findall(text)) == needed, (code, section, key, text)


@pytest.mark.parametrize("code", sorted(SUPPORTED))
def test_a_language_name_as_shown_is_understood_when_typed_back(content: Content, code: str) -> None:
    # The widget shows the endonym, the staff pages the Dutch name: typing either chooses that language.
    locale = content.locales[code]
    for name in (locale.endonym, locale.name_nl, locale.name_en):
        assert name and find_language_name(name) == code, (code, name)


def test_tarifit_is_named_alike_wherever_it_is_shown(content: Content) -> None:
    ber = content.locales["ber"]
    # The widget's picker (endonym), the staff and report pages (Dutch name), English (the docs).
    assert ber.endonym == "Tarifit (Tamaziɣt) ⵜⴰⵔⵉⴼⵉⵜ"  # Tifinagh for residents who read it
    assert ber.name_nl == "Tarifit (Tamazight, Berbers)"
    assert ber.name_en == "Tarifit (Tamazight, Berber)"
    # The Tarifit texts call their language Tarifit, never by the Kabyle draft's names.
    texts = " ".join([*ber.cues.values(), *ber.ui.values(), *ber.phrases.values()])
    names = re.findall(r"\b(?:ta?maziɣt|tamazight|taqbaylit|kabyl\w*|tarifi?y?t)\b", texts, re.IGNORECASE)
    assert names and {name.lower() for name in names} == {"tarifit"}, names


def test_every_answer_is_filled_for_every_municipality(content: Content) -> None:
    for municipality in content.municipalities.values():
        for topic in content.answers:
            (answer,) = [m for m in content.answer(topic, "nl", municipality) if m.kind == "answer"]
            assert "{" not in answer.text and "}" not in answer.text, (municipality.slug, topic)


def test_answers_hold_no_municipality_facts(project_root) -> None:
    # Phone numbers, e-mail addresses and URLs belong in municipalities/, not answers/. A year ("sinds maart
    # 2024") is no phone number; `source` and `checked` name where a rule comes from and are no fact of it.
    for path in (project_root / "answers").glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        said = yaml.safe_dump({k: v for k, v in data.items() if k not in ("source", "checked", "subs")}, allow_unicode=True)
        subs = [{k: v for k, v in sub.items() if k not in ("source", "checked")} for sub in (data.get("subs") or {}).values()]
        said += yaml.safe_dump(subs, allow_unicode=True)
        assert not FACTS.search(said), path.name


def test_the_fact_check_still_catches_phone_numbers_next_to_years() -> None:
    assert FACTS.search("Bel 09 000 00 00") and FACTS.search("bel 2023 4567") and FACTS.search("00800 2123 2123")
    assert not FACTS.search("Sinds 1 september 2023 betaalt u. Sinds maart 2024 is er een register.")


def test_a_missing_fact_is_an_error_naming_it() -> None:
    with pytest.raises(ContentError, match="no municipality fact 'town_hall.fax'"):
        fill("Fax: {town_hall.fax}", {"town_hall": {"phone": "1"}}, "answers/x.yml")


def test_an_unknown_language_gets_no_cue(content: Content) -> None:
    municipality = content.municipalities["voorbeeldegem"]
    assert [m.kind for m in content.answer("greet", "xx", municipality)] == ["answer"]
