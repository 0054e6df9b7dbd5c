"""Issue 12, ninth round (safety9fa): near-misses of seven authors are asked, not alarmed; an acute danger still is."""

from __future__ import annotations

from bot.safety.safety_net import SafetyNet
from tests.safety.test_safety_net import level, parse

NET = SafetyNet({})  # the real lexicon of locales/danger


def test_a_landlord_who_does_not_answer_is_no_unconscious_person_but_a_father_is() -> None:
    renting = [("private_renting", 0.97), ("housing", 0.01)]
    heating = "heizung kaputt seit 3 tagen und vermieter antwortet nicht"
    assert level(parse(heating, renting, language="de", net=NET)) != "emergency"
    father = "mein vater ist gefallen und antwortet nicht"
    assert level(parse(father, [("health", 0.5)], language="de", net=NET)) == "emergency"


def test_the_boss_will_kill_me_is_a_figure_of_speech_but_a_husband_who_will_is_violence() -> None:
    fallback = [("out_of_scope", 0.3)]
    boss = "patron beni öldürecek yine geç kaldım"
    assert level(parse(boss, fallback, fallback=True, language="tr", net=NET)) != "emergency"
    husband = "kocam beni öldürecek yardım edin"
    assert level(parse(husband, fallback, fallback=True, language="tr", net=NET)) == "emergency"


def test_lost_keys_never_calm_a_fire_now() -> None:
    keys = "lost my keys and now there is a fire in the kitchen"
    assert level(parse(keys, [("lost_items", 0.6)], language="en", net=NET)) == "emergency"
    assert level(parse("lost my keys, which office keeps found keys?", [("out_of_scope", 0.3)], fallback=True,
                       language="en", net=NET)) != "emergency"
