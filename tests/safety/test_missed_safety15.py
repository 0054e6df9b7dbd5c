"""Issue 12, thirteenth round (safety15): kinds of emergency the safety net still missed, one test per fix family.

Each emergency below gets the full 112 answer first (the intent becomes `emergency`, at the top of the ranking) even
when the classifier is sure of an ordinary topic and the message holds a calm word that used to turn it into "is it
an emergency?": a question followed by an emergency ("..., also my husband ..."), a child not home from school for
hours, a hissing gas meter or a gas cooker left on, a seizure that goes on, an alarm that goes off beside heavy smoke
or a CO alarm beside headaches, and spellings a language lacked. The sentences are new (no line of a repo set); the
near-miss beside each family keeps its ordinary answer."""

from __future__ import annotations

from typing import Any, Dict

import pytest

from bot.safety.safety_net import SafetyNet
from tests.safety.test_safety_net import parse

NET = SafetyNet({})  # the real lexicon of locales/danger
SURE = [("id_card", 0.9), ("emergency", 0.02)]  # a sure ordinary topic: only an acute term makes 112


def first_is_112(parsed: Dict[str, Any]) -> bool:
    """The resident gets the emergency answer first: level emergency and the intent `emergency` on top."""
    return parsed["safety"]["level"] == "emergency" and parsed["intent"]["name"] == "emergency" \
        and parsed["intent_ranking"][0]["name"] == "emergency"


TURN_TO_EMERGENCY = [
    ("en", "hello I need the form for a parking card, also my dad has chest pain and cannot breathe well"),
    ("nl", "wanneer is het loket open voor mijn identiteitskaart, en nu is mijn vader net gevallen en bewusteloos"),
    ("fr", "je voulais un rendez-vous pour la carte d identité. aussi mon voisin est inconscient dans l escalier"),
    ("de", "wann hat das Bürgerbüro offen? und jetzt brennt es in der Küche"),
    ("ro", "am o intrebare despre buletin si acum sotul meu are durere in piept"),
    ("tr", "kimlik kartı için randevu almak istiyorum, bir de babam bayıldı"),
    ("so", "waxaan rabaa warqad aqoonsi iyo hadda aabahay wuu suuxay"),
    ("sq", "kam nje pyetje per leternjoftimin, edhe babai ka dhimbje gjoksi"),
]


def test_a_past_fire_and_now_the_insurance_is_no_full_alarm() -> None:
    parsed = parse("last year we had a fire in the flat and now the insurance does not pay", SURE, language="en",
                   net=NET)
    assert parsed["safety"]["level"] != "emergency", parsed["safety"]


CHILD_NOT_HOME = [
    ("de", "mein Sohn ist seit zwei Stunden nicht von der Schule zurück, niemand hat ihn gesehen"),
    ("ro", "fetita mea n-a venit acasa de la scoala de doua ore"),
    ("ar", "ولدي ما رجع من المدرسة وفات الوقت بزاف"),
    ("ps", "زوی مې له ښوونځي نه دی راغلی دوه ساعته کیږي"),
    ("fa", "پسر ۷ ساله‌ام از مدرسه برنگشته"),
    ("kmr", "kurê min ê 9 salî ji dibistanê nehat, du saet in"),
]


def test_a_child_who_lost_a_card_at_school_is_no_lost_child() -> None:
    parsed = parse("mein Sohn hat seinen Ausweis in der Schule verloren, wo bekomme ich einen neuen?",
                   [("id_card", 0.9)], language="de", net=NET)
    assert parsed["safety"]["level"] != "emergency", parsed["safety"]


GAS_AT_THE_METER = [
    ("ro", "miroase a gaz pe scara si contorul suiera"),
    ("it", "sento odore di gas e il contatore fischia forte"),
    ("pl", "czuc gaz w kuchni i licznik syczy"),
    ("en", "strong smell of gas, my grandma left the gas stove left on all night"),
    ("tr", "mutfakta tüp patladı"),
    ("nl", "het ruikt naar gas en de gasmeter sist"),
]


def test_when_the_gas_meter_is_read_is_no_alarm() -> None:
    parsed = parse("when does someone come to read the gas meter?", [("energy", 0.9)], language="en", net=NET)
    assert parsed["safety"]["level"] != "emergency", parsed["safety"]


SEIZURE_GOES_ON = [
    ("fr", "ma fille fait une crise d epilepsie depuis longtemps, elle ne répond pas"),
    ("pl", "corka ma atak padaczki, trwa dlugo"),
    ("en", "my son is having a seizure and it wont stop"),
    ("de", "mein Mann hat einen Anfall, der Anfall hört nicht auf"),
    ("tr", "oğlumun nöbeti geçmiyor, nöbet uzun sürüyor"),
]


ALARM_AND_DANGER = [
    ("de", "im Treppenhaus ist dichter Rauch und der Rauchmelder piept"),
    ("nl", "de rookmelder gaat af en de gang staat vol rook"),
    ("en", "the smoke alarm going off and there is thick smoke in the hallway"),
    ("uk", "у під'їзді густий дим, пищить сигналізація"),
    ("so", "qalabka co ayaa dhawaaqaya, carruurta madax xanuun bay qabaan"),
    ("ckb", "ئاگادارکەرەوەی co دەزرینگێتەوە و هەموومان سەرئێشەمان هەیە"),
]


@pytest.mark.parametrize("text", [
    "my smoke alarm keeps beeping, do I need a new battery?",
    "mijn rookmelder piept, moet de batterij vervangen worden?",
    "der Rauchmelder piept ständig, wer wechselt die Batterie?",
])
def test_a_detector_that_beeps_without_smoke_is_no_full_alarm(text: str) -> None:
    parsed = parse(text, [("housing", 0.9)], net=NET)
    assert parsed["safety"]["level"] != "emergency", parsed["safety"]


SPELLINGS = [
    ("pt", "tomei os comprimidos todos, adeus"),
    ("am", "ባሌ እገድልሻለሁ አለኝ"),
    ("ps", "دوه سړي یو بل په چاقو وهي"),
    ("so", "wiil ayaa webiga ku dhacay mana soo bixin"),
    ("ar", "ولدي بلع قطعة صغيرة وما قادرش يتنفس"),
    ("pl", "kolega podcial sobie zyly"),
    ("ckb", "dzek la pancarawa hat, کەسێک لە پەنجەرەوە هاتە ناو ماڵەکەمان"),
]


# Each family with the ordinary topic a sure classifier would give its messages.
FAMILIES = {
    "question_then_emergency": (SURE, TURN_TO_EMERGENCY),
    "child_not_home_from_school": ([("school", 0.9), ("emergency", 0.01)], CHILD_NOT_HOME),
    "gas_meter_or_cooker": ([("energy", 0.9), ("emergency", 0.02)], GAS_AT_THE_METER),
    "seizure_goes_on": ([("health", 0.9), ("emergency", 0.05)], SEIZURE_GOES_ON),
    "alarm_beside_smoke_or_headaches": ([("housing", 0.9), ("emergency", 0.05)], ALARM_AND_DANGER),
    "spellings_a_language_lacked": (SURE, SPELLINGS),
}
CASES = [(family, lang, text) for family, (_, cases) in FAMILIES.items() for lang, text in cases]


@pytest.mark.parametrize("family, lang, text", CASES, ids=[f"{family}-{lang}" for family, lang, _ in CASES])
def test_each_family_of_missed_emergencies_gets_112_first_under_a_sure_ordinary_topic(family: str, lang: str,
                                                                                      text: str) -> None:
    parsed = parse(text, FAMILIES[family][0], language=lang, net=NET)
    assert first_is_112(parsed), parsed["safety"]
