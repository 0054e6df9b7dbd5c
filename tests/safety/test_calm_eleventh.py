"""Issue 12, eleventh round (safety11): service questions, past events, news and figures of speech are asked, not
alarmed; a question that turns into an emergency now, and a fire beside a barbecue, get the full 112 answer."""

from __future__ import annotations

from bot.safety.safety_net import SafetyNet
from tests.safety.test_safety_net import level, parse

NET = SafetyNet({})  # the real lexicon of locales/danger
NOT_UNDERSTOOD = [("out_of_scope", 0.3)]


def test_the_non_emergency_police_number_is_asked_not_alarmed() -> None:
    question = "acil olmayan polis numarasi nedir?"
    assert level(parse(question, NOT_UNDERSTOOD, fallback=True, language="tr", net=NET)) == "unsure"
    beaten = "polis cabuk gelsin komsumu dovuyorlar"
    assert level(parse(beaten, NOT_UNDERSTOOD, fallback=True, language="tr", net=NET)) == "emergency"


def test_a_fire_in_the_news_and_an_accident_a_year_ago_are_asked() -> None:
    news = "видела по новостям пожар в Брюсселе там кто нибудь пострадал?"
    assert level(parse(news, [("out_of_scope", 0.5)], language="ru", net=NET)) != "emergency"
    past = "babam gecen yil felc gecirdi, fizyoterapi icin ne yapmaliyiz"
    assert level(parse(past, NOT_UNDERSTOOD, fallback=True, language="tr", net=NET)) != "emergency"


def test_a_childs_age_is_no_past_event() -> None:
    age = "mio figlio di 3 anni fa fatica a respirare"
    assert level(parse(age, NOT_UNDERSTOOD, fallback=True, language="it", net=NET)) == "emergency"


def test_papers_that_are_killing_me_are_a_figure_of_speech() -> None:
    papers = "ці папери мене просто вбивають"
    assert level(parse(papers, NOT_UNDERSTOOD, fallback=True, language="uk", net=NET)) != "emergency"


def test_a_question_that_turns_into_an_emergency_now_gets_112() -> None:
    turn = ("pershendetje kisha nje pyetje per taksat por burri sapo me tha qe i dhemb gjoksi keq dhe e ka "
            "fytyren te bardhe si letra")
    assert level(parse(turn, NOT_UNDERSTOOD, fallback=True, language="sq", net=NET)) == "emergency"
    asked = "pershendetje kisha nje pyetje per taksat e vitit te kaluar"
    assert level(parse(asked, NOT_UNDERSTOOD, fallback=True, language="sq", net=NET)) != "emergency"


def test_a_barbecue_never_calms_a_fire_now() -> None:
    fire = "imdat mangal devrildi balkon yaniyor"
    assert level(parse(fire, NOT_UNDERSTOOD, fallback=True, language="tr", net=NET)) == "emergency"


def test_a_throat_closing_is_no_closing_time() -> None:
    throat = "allergic to nuts ate something throat closing cant breathe"
    assert level(parse(throat, NOT_UNDERSTOOD, fallback=True, language="en", net=NET)) == "emergency"
