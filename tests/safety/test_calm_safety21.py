"""Issue 12, sixteenth round (safety21). (1) L21: an emergency told beside a setting (the form for a premium, the bill
being paid, a language course) that names a danger gets the full 112 answer first when the learned arbiter reads the
whole message as an emergency, whatever DIET read (id_card, a fallback); a calm message in the same setting is still
asked. (2) Danger terms the lexicon lacked: Tigrinya and Sorani typed in Latin letters, Albanian and Levantine Arabic
trembling, a farewell in Amharic, holding the heart in Ukrainian and Russian, a man stabbed down in German, smoke from
a socket in Dutch. The sentences are new, not the repo sets' lines."""

from __future__ import annotations

from typing import List, Tuple

import pytest

from bot.safety.safety_net import SafetyNet
from tests.safety.test_safety_net import level, parse

NET = SafetyNet({})  # the real lexicon of locales/danger and the committed arbiter
OFF = SafetyNet({"setting_arbiter_alone": 0})  # L21 off: main's behaviour before safety21
TOPIC: List[Tuple[str, float]] = [("id_card", 0.8), ("emergency", 0.05)]  # DIET reads the setting, not an emergency

# (language, an emergency beside a setting of `setting_calm_alone`, with a danger word)
IN_A_SETTING = [
    ("fr", "je remplissais le formulaire pour la prime et mon fils est tombé dans l'escalier, il saigne de la tête et "
           "ne répond plus"),
    ("nl", "ik was mijn factuur aan het betalen en mijn buurman ligt op de grond, hij bloedt en reageert niet meer"),
    ("es", "estaba en el curso de holandés y un compañero se cayó al suelo, tiembla todo y no responde"),
]

# (language, a calm message in a setting, with a danger word or a call for help: still asked, never alarmed)
CALM_IN_A_SETTING = [
    ("en", "small accident with the car two weeks ago, nobody hurt, which insurance form do i need"),
    ("nl", "ik kreeg een factuur voor de ziekenwagen van vorige maand, wie betaalt dat"),
    ("en", "these forms are killing me, third time i come for the same paper"),
]

# (language, category, a message with a danger term added in safety21)
NEW_TERMS = [
    ("ti", "unconscious", "hawey wediqu ab kidan, aymelsn"),
    ("ckb", "unconscious", "bawkm la mall kawtwa wallam nadatawa"),
    ("ckb", "not_breathing", "mndallakam hanasay nya, rangi shin bwa"),
    ("sq", "seizure", "djali ra ne oborr dhe dridhet"),
    ("sq", "stroke", "papritur gjyshes i ka rene fytyra"),
    ("ar", "seizure", "ابني وقع بالمطبخ وعم يرجف"),
    ("am", "suicide", "ከእንግዲህ አታዩኝም ብሎ ጻፈልኝ"),
    ("de", "violence", "vor dem laden wurde ein junge niedergestochen"),
    ("uk", "chest_pain", "дідусь тримається за серце і не може говорити"),
    ("ru", "chest_pain", "отец схватился за сердце и сел на пол"),
    ("nl", "smoke", "er komt rook uit het stopcontact in de slaapkamer"),
]


# (language, a near-miss with words like the new terms' (shivering from cold, an office that does not answer), under an
# ordinary topic): never a full alarm. The new terms want the fall beside the trembling or the silence.
NOT_NEW_TERMS = [
    ("sq", "po dridhem e gjitha nga ftohti, kaloriferi nuk punon"),
    ("ar", "الشوفاج ما عم يشتغل وبنتي عم ترجف من البرد"),
    ("ckb", "sharawani wallam nadatawa bo forma"),
    ("ti", "komun aymelsun, kab qedam semun"),
]


@pytest.mark.parametrize("lang, text", IN_A_SETTING, ids=[lang for lang, _ in IN_A_SETTING])
def test_an_emergency_beside_a_setting_gets_112_first_whatever_diet_read(lang: str, text: str) -> None:
    for ranking, fallback in ((TOPIC, False), ([("out_of_scope", 0.3)], True)):
        parsed = parse(text, ranking, fallback=fallback, language=lang, net=NET)
        assert level(parsed) == "emergency" and parsed["intent"]["name"] == "emergency", parsed["safety"]


@pytest.mark.parametrize("lang, text", IN_A_SETTING, ids=[lang for lang, _ in IN_A_SETTING])
def test_without_l21_the_setting_would_calm_it(lang: str, text: str) -> None:
    parsed = parse(text, TOPIC, language=lang, net=OFF)
    assert level(parsed) == "unsure" and parsed["safety"]["reason"].startswith("calm_context_after_"), parsed["safety"]


@pytest.mark.parametrize("lang, text", CALM_IN_A_SETTING, ids=[f"{lang}-{i}" for i, (lang, _) in enumerate(CALM_IN_A_SETTING)])
def test_a_calm_message_in_a_setting_is_still_asked(lang: str, text: str) -> None:
    for ranking, fallback in ((TOPIC, False), ([("out_of_scope", 0.3)], True)):
        parsed = parse(text, ranking, fallback=fallback, language=lang, net=NET)
        assert level(parsed) == "unsure", parsed["safety"]


def test_a_calm_kind_outside_the_setting_kinds_still_calms() -> None:
    text = "mon fils est tombé dans l'escalier l'année dernière, il saignait de la tête, quel formulaire pour la prime"
    parsed = parse(text, TOPIC, language="fr", net=NET)
    assert "past" in parsed["safety"]["calm"] and level(parsed) == "unsure", parsed["safety"]


@pytest.mark.parametrize("lang, category, text", NEW_TERMS, ids=[f"{lang}-{cat}" for lang, cat, _ in NEW_TERMS])
def test_the_lexicon_finds_the_new_acute_terms(lang: str, category: str, text: str) -> None:
    hits = NET._lexicon.scan(text)
    assert any(hit.tier == "acute" and hit.category == category and hit.language == lang for hit in hits), hits
    parsed = parse(text, [("out_of_scope", 0.3)], fallback=True, language=lang, net=NET)
    assert level(parsed) == "emergency", parsed["safety"]


@pytest.mark.parametrize("lang, text", NOT_NEW_TERMS, ids=[lang for lang, _ in NOT_NEW_TERMS])
def test_words_like_the_new_terms_under_a_sure_topic_are_no_full_alarm(lang: str, text: str) -> None:
    assert not [hit for hit in NET._lexicon.scan(text) if hit.tier == "acute"]
    parsed = parse(text, [("housing", 0.9), ("emergency", 0.01)], language=lang, net=NET)
    assert level(parsed) != "emergency", parsed["safety"]
