"""Issue 12, fifteenth round (safety20): questions about the emergency services themselves (which number, do they
speak my language at 112, becoming a volunteer firefighter) get their normal answer and "is it an emergency? call
112" instead of the full alarm, in every language; an emergency beside such a question stays one. Ordinary words of
another language that only match a danger word with a typo ("chegar", "naranja", "dzieki") and the French étranger
and réponse read as étranglé and "répond pas" are no danger. DIET's own `emergency` alone, without any
danger word, is asked when the learned arbiter reads the message as an ordinary one."""

from __future__ import annotations

import pytest

from bot.safety.safety_net import SafetyNet
from tests.safety.test_arbiter import _Says
from tests.safety.test_safety_net import level, parse

NET = SafetyNet({})  # the real lexicon of locales/danger and the committed arbiter

# (language, a question about the emergency services), every language; each of them was the full 112 answer on main
SERVICE = [
    ("nl", "wat is het nummer van de ambulance in belgie, is dat 112 of 100?"),
    ("en", "what number do I call for an ambulance in Belgium? is it 112?"),
    ("fr", "est-ce qu'au 112 on peut parler français ?"),
    ("de", "Welche Nummer ist in Belgien für Notfälle, 112 oder 110?"),
    ("es", "cual es el numero de urgencias en belgica, es el 112?"),
    ("it", "qual è il numero dell'ambulanza in Belgio, è il 112?"),
    ("pt", "qual é o número da ambulância na Bélgica, é 112?"),
    ("ro", "care e numarul pentru ambulanta in Belgia, tot 112?"),
    ("pl", "czy w 112 ktoś mówi po polsku?"),
    ("bg", "на кой номер се звъни за линейка, 112 ли е?"),
    ("ru", "какой номер скорой в Бельгии, 112?"),
    ("uk", "чи є на 112 оператори, що говорять українською?"),
    ("tr", "Belçika'da acil numara kaç, 112 mi?"),
    ("ar", "واش ف 112 كيهضرو بالعربية؟"),
    ("fa", "تو ۱۱۲ فارسی صحبت میکنن؟"),
    ("ps", "ایا په ۱۱۲ کې څوک پښتو خبرې کوي؟"),
    ("so", "lambarka ambalaaska Beljiyam waa imisa, 112?"),
    ("sq", "a flasin shqip në 112?"),
    ("ti", "ኣብ 112 ትግርኛ ዝዛረብ ሰብ ኣሎ ድዩ?"),
    ("am", "112 ላይ አማርኛ የሚናገር ሰው አለ?"),
    ("ckb", "لە 112 کەس هەیە بە کوردی قسە بکات؟"),
    ("kmr", "li 112 kesek heye ku bi kurdî diaxive?"),
    ("ber", "mayen d anumero n lambulans di Belgique? 112?"),
]

# (language, the same kind of question beside an acute danger: the danger decides)
BESIDE_DANGER = [
    ("en", "what number do I call, my husband is not breathing"),
    ("nl", "welk nummer moet ik bellen, mijn vader is bewusteloos"),
    ("fr", "quel numéro pour l'ambulance, mon fils s'étouffe"),
    ("tr", "ambulans numarası kaç, babam nefes almıyor"),
]


@pytest.mark.parametrize("lang, text", SERVICE, ids=[lang for lang, _ in SERVICE])
def test_a_question_about_the_emergency_services_gets_its_answer_and_the_line_not_the_alarm(lang: str, text: str) -> None:
    for ranking in ([("out_of_scope", 0.62), ("choose_language", 0.2)], [("emergency", 0.97), ("out_of_scope", 0.02)]):
        parsed = parse(text, ranking, language=lang, net=NET)
        assert level(parsed) == "unsure", (ranking, parsed["safety"])  # the answer, then "is it an emergency? call 112"
        assert parsed["intent"]["name"] != "emergency"
        assert "service_question" in parsed["safety"]["calm"] or parsed["safety"]["reason"] == "service_question"


@pytest.mark.parametrize("lang, text", BESIDE_DANGER, ids=[lang for lang, _ in BESIDE_DANGER])
def test_an_emergency_asked_with_a_question_about_the_number_is_an_emergency(lang: str, text: str) -> None:
    parsed = parse(text, [("out_of_scope", 0.6), ("emergency", 0.1)], language=lang, net=NET)
    assert level(parsed) == "emergency" and parsed["intent"]["name"] == "emergency", parsed["safety"]


@pytest.mark.parametrize("lang, text", [
    ("pt", "acabei de chegar do brasil, como me inscrevo na gemeente?"),  # chegar: Tarifit "chefar" with a typo
    ("es", "soy de ucrania y tengo la tarjeta naranja, que significa"),  # naranja: Bulgarian "naraga"
    ("pl", "dzieki, do widzenia"),  # dzieki: Kurmanji "dizeki"
    ("fr", "ma carte de séjour expire, je dois faire quoi au service des étrangers?"),  # étranglé
    ("fr", "toujours pas de réponse de l'office des étrangers depuis 3 mois, c'est normal?"),  # répond pas
    ("fr", "Comment faire reconnaître mon diplôme étranger ?"),  # étranglé
])
def test_an_ordinary_word_that_only_looks_like_a_danger_word_is_no_alarm(lang: str, text: str) -> None:
    parsed = parse(text, [("residence_permit", 0.85), ("id_card", 0.05)], language=lang, net=NET)
    assert level(parsed) != "emergency", parsed["safety"]


def test_a_typo_in_the_messages_own_language_and_in_a_kin_language_still_counts() -> None:
    # "ademd niet" for "ademt niet" (Dutch, one letter changed) and Moroccan Arabic in Latin letters with the Tarifit
    # term "yetnaffas": the typo counts in full.
    assert level(parse("mijn vader ademd niet meer", [("health", 0.5)], language="nl", net=NET)) == "emergency"
    assert level(parse("ibni ma yitnaffas, lonu azra2", [("asylum", 0.1)], language="ar", net=NET)) == "emergency"


def test_the_classifiers_emergency_alone_is_asked_when_the_arbiter_reads_an_ordinary_message() -> None:
    text = "mertvyi yizhak bilia pidizdu, khto prybyraie?"  # no danger word at all
    ranking = [("emergency", 0.91), ("welcome_newcomer", 0.05)]
    ordinary = SafetyNet({}, arbiter=_Says(0.2))  # type: ignore[arg-type]
    parsed = parse(text, ranking, language="uk", net=ordinary)
    assert level(parsed) == "unsure" and parsed["safety"]["reason"] == "arbiter_asks_after_classifier_alone"
    assert parsed["intent"]["name"] == "welcome_newcomer"
    # an emergency told without danger words reads like one to the arbiter: the full answer
    assert level(parse(text, ranking, language="uk", net=SafetyNet({}, arbiter=_Says(0.6)))) == "emergency"  # type: ignore[arg-type]
    # with a danger word the higher bar does not apply: only arbiter_asks_below (0.075)
    assert level(parse("he stopped breathing", ranking, language="en", net=ordinary)) == "emergency"


def test_the_words_of_a_question_about_the_services_never_hide_a_danger_word_typed_with_a_typo() -> None:
    # "does" of "does anyone speak" (service_question) must not stop "doesn't" matching "doesnt" with one typo.
    found = NET._lexicon.scan("my father fell in the bathroom and doesn't answer me, door is locked from inside")
    assert any(hit.tier == "acute" and hit.category == "unconscious" for hit in found)
